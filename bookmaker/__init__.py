"""bookmaker: raw story files in, structured manuscripts, EPUB 3 and print PDF out."""

__version__ = "0.1.0"
