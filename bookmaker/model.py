"""The manuscript model: small dataclasses that every stage reads or writes.

A Manuscript is what detection produces from a raw story and what the renderers
read. Every node keeps the source line number (1-based) where it starts, so a
diagnostic or a golden diff points back at the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, Union

Style = Literal["em", "strong"]

# What a note is. "author": the author's words to the reader (notes, disclaimers, dedications), printed in the book.
# The others are the source's own packaging, kept in the manuscript (nothing is lost) but not printed, because the
# book makes its own title page and contents: a printed book's title page and publisher lines ("front-matter"),
# its contents list ("contents"), placeholders ("[Illustration]", "cover"), what follows the book's last word
# (advertisements, a transcriber's corrections: "back-matter"), and the wrapper an archive put round the story
# (Project Gutenberg's header and licence: "archive"). "omitted": an author's note the user left out (--notes omit).
NoteKind = Literal["author", "front-matter", "contents", "placeholder", "back-matter", "archive", "omitted"]
PRINTED_NOTE_KINDS = ("author",)


@dataclass
class Span:
    """A run of inline text; `style` is None for plain text."""

    text: str
    style: Style | None = None


@dataclass
class Paragraph:
    """One paragraph of prose as a list of inline spans."""

    spans: list[Span]
    line: int | None = None

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @classmethod
    def plain(cls, text: str, line: int | None = None) -> "Paragraph":
        return cls([Span(text)], line)


@dataclass
class SceneBreak:
    """A semantic break between two scenes, however the source drew it."""

    line: int | None = None
    source: str = ""  # what the source had ("***", "two blank lines"), for reports


@dataclass
class SceneHeading:
    """A short time or place caption that opens a scene ("One Year Earlier")."""

    text: str
    line: int | None = None


Block = Union[Paragraph, SceneBreak, SceneHeading]


@dataclass
class Note:
    """An author's note or disclaimer, set apart from the story."""

    paragraphs: list[Paragraph]
    position: Literal["before", "after"] = "before"
    chapter: int | None = None  # 1-based index of the chapter it belongs to; None for the book
    label: str | None = None  # the label as the source had it ("Author's Notes:"), never shown as prose
    line: int | None = None
    kind: NoteKind = "author"
    heading: str | None = None  # shown above it where it is printed away from its chapter (--notes end)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def printed(self) -> bool:
        return self.kind in PRINTED_NOTE_KINDS


@dataclass
class Epigraph:
    text: str
    attribution: str | None = None
    line: int | None = None


@dataclass
class Chapter:
    """A chapter: an optional title, its blocks of prose, breaks and scene headings."""

    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    label: str | None = None  # the numbered label ("Chapter 1", "II") when the source has one
    part: str | None = None  # title of the part ("Part One") that contains it
    end_marker: str | None = None  # "To Be Continued…", "The End"
    line: int | None = None  # line of the heading, or of the first block

    @property
    def display_title(self) -> str | None:
        """What a contents page shows: the chapter's own title, else its label."""
        return self.title or self.label

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def scene_breaks(self) -> int:
        return sum(isinstance(b, SceneBreak) for b in self.blocks)

    @property
    def scene_headings(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, SceneHeading)]

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass
class InfoField:
    """One line of a story's information page as its archive shows it: "Fandom" -> ["Star Wars", "Andor"]."""

    label: str
    values: list[str]


@dataclass
class Series:
    """A series the story belongs to, and its place in it (1-based; None when the archive does not say)."""

    title: str
    position: int | None = None


@dataclass
class Metadata:
    """What a book is: detected from the text, overridden by the metadata file."""

    title: str | None = None
    author: str | None = None
    language: str = "en"
    summary: str | None = None
    tags: list[str] = field(default_factory=list)
    date: str | None = None  # ISO 8601 date of publication, if known
    rights: str | None = None
    source: str | None = None  # the source file's name
    url: str | None = None  # where the story was published (an archive's work page)
    series: list[Series] = field(default_factory=list)
    info: list[InfoField] = field(default_factory=list)  # the archive's story information (rating, tags, stats)


@dataclass
class Diagnostic:
    """A warning about the source, with a stable code ("D101")."""

    code: str
    message: str
    line: int | None = None


@dataclass(frozen=True)
class DetectionSettings:
    """What a story's metadata file tells detection (`[detect]`), for what it still gets wrong: compiled patterns,
    each searched in one line or paragraph of the source."""

    heading: re.Pattern | None = None  # a chapter heading; named groups `label` and `title` split it
    drop: tuple[re.Pattern, ...] = ()  # paragraphs to leave out of the book (kept, reported)
    start: re.Pattern | None = None  # the first paragraph of the story: what comes before is front matter
    end: re.Pattern | None = None  # the first paragraph after the story: it and what follows are back matter


@dataclass
class Manuscript:
    """A whole story, structured."""

    meta: Metadata = field(default_factory=Metadata)
    notes: list[Note] = field(default_factory=list)
    epigraph: Epigraph | None = None
    chapters: list[Chapter] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # why detection chose this structure, for `inspect`
    stated_language: str | None = None  # the language a header names ("Language: German"), as written
    reader: str | None = None  # which reader read the source ("text", "docx", "ao3-html"), for `inspect`

    def notes_for(self, chapter: int | None, position: str) -> list[Note]:
        """Notes placed `position` ("before"/"after") chapter number `chapter` (None: the book)."""
        return [n for n in self.notes if n.chapter == chapter and n.position == position]

    @property
    def word_count(self) -> int:
        return sum(len(c.text.split()) for c in self.chapters)
