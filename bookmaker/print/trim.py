"""Book trim sizes by name -> their exact size; a page size -> the trim it is, within a print service's tolerance."""

from __future__ import annotations

from dataclasses import dataclass

from bookmaker.errors import BuildError

POINTS_PER_INCH = 72.0
POINTS_PER_MM = 72.0 / 25.4
TOLERANCE = 1.0  # points: PDF sizes written in rounded inches or millimetres still name the same trim


@dataclass(frozen=True)
class Trim:
    name: str
    width: float  # points
    height: float

    def css(self) -> str:
        """The `--page-size` value that lays a book out at this trim."""
        return f"{self.width / POINTS_PER_INCH:.4g}x{self.height / POINTS_PER_INCH:.4g}in"

    def label(self) -> str:
        return f"{self.name} ({self.width / POINTS_PER_INCH:.2f} x {self.height / POINTS_PER_INCH:.2f} in)"


def _inches(name: str, width: float, height: float) -> Trim:
    return Trim(name, width * POINTS_PER_INCH, height * POINTS_PER_INCH)


def _mm(name: str, width: float, height: float) -> Trim:
    return Trim(name, width * POINTS_PER_MM, height * POINTS_PER_MM)


# The trims binders and print-on-demand services use most: ISO A and B, and the US trade sizes.
TRIMS = {t.name: t for t in (
    _mm("A5", 148, 210), _mm("A6", 105, 148), _mm("B6", 125, 176),
    _inches("5x8", 5, 8), _inches("5.25x8", 5.25, 8), _inches("5.5x8.5", 5.5, 8.5), _inches("6x9", 6, 9),
    _inches("4.25x6.87", 4.25, 6.87), _inches("5.06x7.81", 5.06, 7.81), _inches("6.14x9.21", 6.14, 9.21),
    _inches("7x10", 7, 10), _inches("8.5x11", 8.5, 11), _mm("A4", 210, 297),
)}
_ALIASES = {"digest": "5.5x8.5", "trade": "6x9", "pocket": "4.25x6.87", "royal": "6.14x9.21"}


def trim_named(text: str) -> Trim:
    """A trim's name ("A5", "B6", "5.25x8", "digest") or a custom WIDTHxHEIGHT ("130mmx200mm") -> the Trim.

    BuildError for what is neither."""
    key = text.strip().lower().replace(" ", "").replace("×", "x").removesuffix("in")
    key = _ALIASES.get(key, key)
    for name, trim in TRIMS.items():
        if name.lower() == key:
            return trim
    from bookmaker.writers.pdf import page_size

    try:
        _, width, height = page_size(text)
    except BuildError:
        raise BuildError(f"trim {text!r} is not one of {', '.join(TRIMS)} or WIDTHxHEIGHT (130mmx200mm)") from None
    return _inches(text.strip(), width, height)


def trim_of(width: float, height: float) -> Trim | None:
    """A page size in points -> the named trim it is (within TOLERANCE), or None."""
    for trim in TRIMS.values():
        if abs(trim.width - width) <= TOLERANCE and abs(trim.height - height) <= TOLERANCE:
            return trim
    return None


def gutter(pages: int) -> float:
    """The inside margin a perfect-bound book of `pages` pages needs, in inches: the thicker the book, the more
    of each page the binding swallows (the steps print-on-demand services publish, plus a quarter inch of air)."""
    steps = ((150, 0.375), (300, 0.5), (500, 0.625), (700, 0.75))
    minimum = next((inches for limit, inches in steps if pages <= limit), 0.875)
    return minimum + 0.25
