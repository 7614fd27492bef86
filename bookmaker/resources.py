"""Where bookmaker's own files are: the shared stylesheet and its fonts (`styles/`), in a checkout or in a wheel.

The repository keeps them in `styles/` at its top (the design card's layout); `bookmaker/styles` is a link to it, so
a wheel built from the checkout carries them inside the package, where importlib.resources finds them installed.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def styles_dir() -> Path:
    """The folder holding book.css and fonts/, wherever bookmaker runs from."""
    return Path(str(resources.files("bookmaker") / "styles"))


STYLES = styles_dir()
STYLESHEET = STYLES / "book.css"
FONTS_DIR = STYLES / "fonts"
