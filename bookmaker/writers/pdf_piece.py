"""A laid-out piece of a PDF book: its pages as a PDF and what composing them needs (no layout engine here).

Kept apart from pdf_layout: the library's parent process receives pieces from its workers, and unpickling
one must not import WeasyPrint (0.4 s) there.
"""

from __future__ import annotations

import hashlib
import io
import math
from dataclasses import dataclass


@dataclass
class Piece:
    """A run of documents laid out on their own pages: WeasyPrint's PDF and where things fell in it."""

    pdf: bytes
    names: list[str]  # the documents' names, in order
    starts: list[tuple[int, float]]  # per document: (0-based page, top in PDF points) where it begins
    folios: list[bool]  # per page: the stylesheet puts a page number there
    # A piece laid out "either hand" (a later part of a long story's body, laid out beside the earlier parts
    # before anyone knows on which hand it begins) has no running heads: `heads` gives, per page, the document
    # whose running head the page carries (-1: none), `head_pdf` two pages per document, its running head on
    # a right-hand page then the book's title on a left-hand one, and `shift` how far (points) a left-hand
    # page's text sits right of a right-hand page's, the mirrored margins.
    heads: list[int] | None = None
    head_pdf: bytes = b""
    shift: float = 0.0

    @property
    def pages(self) -> int:
        return len(self.folios)


def to_record(piece: Piece) -> dict:
    """A piece -> the JSON record a cache keeps beside its PDF (with the PDF's digest)."""
    return {"sha256": hashlib.sha256(piece.pdf).hexdigest(), "names": piece.names, "starts": piece.starts,
            "folios": piece.folios, "heads": piece.heads, "shift": piece.shift, "head_pdf": piece.head_pdf.hex()}


def from_record(record: dict, pdf: bytes) -> Piece | str:
    """A cache's JSON record and the PDF kept beside it -> the piece, or a line saying why they are damaged. Kinds
    are kept as read (an int, a bool, a list) for soundness() to judge, not coerced; KeyError, TypeError and
    ValueError on a record of the wrong shape."""
    if hashlib.sha256(pdf).hexdigest() != record["sha256"]:
        return "a PDF that is not the one recorded"
    shift = record["shift"]
    return Piece(pdf=pdf, names=list(record["names"]),
                 starts=[(p, float(y) if isinstance(y, int) else y) for p, y in record["starts"]],
                 folios=list(record["folios"]), heads=None if record["heads"] is None else list(record["heads"]),
                 shift=float(shift) if isinstance(shift, int) else shift, head_pdf=bytes.fromhex(record["head_pdf"]))


MAX_TOP = 100_000.0  # points: no page is 35 m tall; a larger top (or shift) is a damaged record


def soundness(piece: Piece) -> str | None:
    """A piece read back from a cache -> None when every field fits the others and its PDFs open with the pages
    they claim, else what is wrong (the body is then laid out again, never composed from a bad record)."""
    pages = piece.pages
    if piece.names == [] and piece.pdf == b"" and piece.folios == [] and piece.starts == [] and piece.heads is None:
        return None  # the empty body of a story with no text (pdf.lay_out_story_part)
    if not (isinstance(piece.pdf, bytes) and piece.names and all(isinstance(n, str) and n for n in piece.names)):
        return "no documents"
    if len(piece.starts) != len(piece.names) or not all(
            type(p) is int and 0 <= p < pages and type(y) is float and math.isfinite(y) and 0 <= y <= MAX_TOP
            for p, y in piece.starts):
        return "document starts outside its pages"
    if [p for p, _ in piece.starts] != sorted(p for p, _ in piece.starts):
        return "document starts out of order"
    if not all(isinstance(f, bool) for f in piece.folios):
        return "page numbers of the wrong kind"
    if not (type(piece.shift) is float and math.isfinite(piece.shift) and abs(piece.shift) <= MAX_TOP):
        return "a margin shift that is no distance"
    if piece.heads is not None:
        if len(piece.heads) != pages or not all(type(h) is int and -1 <= h < len(piece.names) for h in piece.heads):
            return "running heads of documents it does not hold"
        if _page_count(piece.head_pdf) < 2 * len(piece.names):
            return "a running-head PDF without its pages"
    if _page_count(piece.pdf) != pages:
        return "a PDF that does not open with its pages"
    return None


def _page_count(data: bytes) -> int:
    """The pages of a PDF in bytes, -1 when pikepdf cannot open it (imported here: only a cache load needs it)."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return len(pdf.pages)
    except Exception:  # noqa: BLE001 -- pikepdf raises its own errors and others for damaged bytes
        return -1
