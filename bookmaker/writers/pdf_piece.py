"""A laid-out piece of a PDF book: its pages as a PDF and what composing them needs (no layout engine here).

Kept apart from pdf_layout: the library's parent process receives pieces from its workers, and unpickling
one must not import WeasyPrint (0.4 s) there.
"""

from __future__ import annotations

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
