"""`python -m bookmaker` runs the command line."""

from bookmaker.cli import main

main()
