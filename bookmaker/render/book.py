"""The rendered book: XHTML documents, a table of contents and the assets both writers package."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from bookmaker.model import Metadata
from bookmaker.resources import STYLESHEET  # the shared stylesheet, styles/book.css, in a checkout or a wheel

Kind = Literal["cover", "titlepage", "storyinfo", "notes", "epigraph", "toc", "chapter", "part", "colophon"]


# A name written in these letters is sorted by its last word ("Jane Writer" -> "Writer, Jane"); a pen name of
# one word, or a name in a script that puts the family name first (CJK), is sorted as written.
_SORTS_BY_LAST_WORD = re.compile(r"^[A-Za-zÀ-ɏ'’.\-]+(?: [A-Za-zÀ-ɏ'’.\-]+)+$")


@dataclass(frozen=True)
class Creator:
    """A person the book credits: the name as printed and a MARC relator role ("aut" author, "edt" editor)."""

    name: str
    role: str = "aut"

    @property
    def file_as(self) -> str:
        """The name as a library sorts it: "Jane Writer" -> "Writer, Jane"; "Weeza" -> "Weeza"."""
        if "," in self.name or not _SORTS_BY_LAST_WORD.match(self.name):
            return self.name
        *given, family = self.name.split(" ")
        return f"{family}, {' '.join(given)}"


@dataclass
class Options:
    """One options record for rendering and every writer (writers add the fields they need)."""

    stylesheet: Path = STYLESHEET
    fonts: list[Path] = field(default_factory=list)  # font files packed with the book (fonts/<name>)
    modified: datetime | None = None  # build date; None: SOURCE_DATE_EPOCH, else the current time
    page_size: str | None = None  # PDF only: "A5", "6x9", "5.5in 8.5in"...
    right_hand_chapters: bool = False  # PDF only: chapters open on right-hand pages
    font: str | None = None  # PDF only: the book face (writers/faces.py); None: Charis SIL
    gutter: float | None = None  # PDF only: the least inside margin in inches, for a thick book; None: the trim's own


@dataclass
class Document:
    """One XHTML5 document of the book, complete and ready to package or lay out."""

    name: str  # file name inside the book, e.g. "chapter-001.xhtml" (or "s01-chapter-001.xhtml" in an anthology)
    title: str  # the document's <title>, also its label in the nav
    kind: Kind
    xhtml: str  # a complete XHTML5 document (with XML declaration)
    in_toc: bool = False
    landmark: str | None = None  # epub:type for the nav's landmarks ("bodymatter", "toc", ...), or None
    # The story whose body (notes, parts, chapters, afterword) this document belongs to: 0 in a book, n for an
    # anthology's n-th story, None for the rest. The PDF lays each story's body out once, for both books.
    unit: int | None = None
    running_title: str | None = None  # the running head of its left-hand pages, when not the book's title


@dataclass
class TocEntry:
    """One entry of the nav and the NCX; children nest (anthology: story -> chapters)."""

    title: str
    href: str  # document name, optionally with "#fragment"
    children: list["TocEntry"] = field(default_factory=list)


@dataclass
class RenderedBook:
    """Everything a writer needs: metadata, documents in reading order, contents and assets."""

    meta: Metadata  # as given; meta.title stays None when the story has none
    identifier: str  # "urn:uuid:..." stable for the same story
    modified: datetime  # UTC, whole seconds; from SOURCE_DATE_EPOCH or the source's mtime
    documents: list[Document]
    toc: list[TocEntry]
    stylesheet: Path  # styles/book.css, packed as css/book.css
    cover_text: tuple[str, str | None]  # (title, author or editor) drawn on the cover
    fonts: list[Path] = field(default_factory=list)  # packed as fonts/<name> when non-empty
    display_title: str = ""  # meta.title or a readable fallback from the file name
    display_author: str | None = None
    word_count: int = 0
    cover_alt: str = ""  # text alternative of the cover image
    creators: list[Creator] = field(default_factory=list)  # the book's author; an anthology's authors and editor

    @property
    def cover_png(self) -> bytes:
        """The cover image, drawn when the writer that packs it asks (33 ms, 33 KB): a build's parent holds every
        story's rendered book between its compile and its writing, and need not hold its picture too."""
        from bookmaker.cover import make_cover

        return make_cover(*self.cover_text)

    @property
    def cover_name(self) -> str:
        return "images/cover.png"
