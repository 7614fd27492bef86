"""The records every reader shares: the file it reads (Source) and what it gives back (ReadStory)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from bookmaker.errors import InputError
from bookmaker.model import Diagnostic, InfoField, Manuscript, Note, Series


@dataclass(frozen=True)
class Source:
    """A story file's name and bytes, as read from disk (or standard input)."""

    path: Path
    data: bytes

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    @cached_property
    def head(self) -> str:
        """The first 4 KB, lower case, for telling formats apart by content; BOM and leading space removed."""
        return self.data[:4096].decode("latin-1").lower().lstrip("\ufeff\xef\xbb\xbf \t\r\n")

    def fail(self, message: str) -> InputError:
        """The error that names this file (raise it)."""
        return InputError(message, str(self.path))


@dataclass(frozen=True)
class StoryText:
    """The story as raw text for detection, fields its format states (they win over detection), fields it only
    suggests (used when detection finds none), each text line's 1-based line (or paragraph) in the source, and
    what an archive says about the story."""

    text: str
    fields: dict[str, str]
    line_map: list[int]
    fallback: dict[str, str] = field(default_factory=dict)
    info: list[InfoField] = field(default_factory=list)  # the archive's story information, for its page
    series: list[Series] = field(default_factory=list)


@dataclass
class ReadStory:
    """What a reader found: raw text for detection, or a manuscript when the format carries its structure.

    `finished` is True for bookmaker's own manuscript, which is already typeset; a reader's manuscript is not.
    """

    reader: str  # the reader's name, shown by `inspect` ("ao3-html", "docx", ...)
    story: StoryText | None = None
    manuscript: Manuscript | None = None
    finished: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # what the reader kept apart (another tool's title page)


def map_lines(line_map: list[int], blocks=(), notes=(), diagnostics=()) -> None:
    """Line numbers of the text a reader handed detection -> lines of the file the user has, in place: each block's,
    each note's and its paragraphs', each diagnostic's (a line past the map, or none, stays as it is)."""

    def source(line: int | None) -> int | None:
        return line_map[line - 1] if line and 0 < line <= len(line_map) else line

    for item in [*blocks, *diagnostics]:
        item.line = source(item.line)
    for note in notes:
        note.line = source(note.line)
        for paragraph in note.paragraphs:
            paragraph.line = source(paragraph.line)
