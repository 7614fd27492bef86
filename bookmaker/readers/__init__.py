"""Readers: a story file in one format -> ReadStory (raw text for detection, or a manuscript the format structures).

READERS is the one table that chooses a reader, by what the file holds first and its name second: an `.html` file
that is an Archive of Our Own download is read as one, a `.txt` saved from a browser as HTML, a `.docx` that is not
a Word document fails with one clear line. Adding a format is one module, one entry here and one test file.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from bookmaker.errors import InputError
from bookmaker.model import DetectionSettings
from bookmaker.readers import ao3_html, ao3_page, docx, epub_in, html_page, odt, plain_text
from bookmaker.readers.base import ReadStory, Source, StoryText
from bookmaker.readers.markdown_story import MarkdownStory, is_bookmaker_manuscript, markdown_to_story_text
from bookmaker.readers.packages import is_zip

__all__ = ["READERS", "ReadStory", "Reader", "Source", "StoryText", "MarkdownStory", "SUFFIXES",
           "is_bookmaker_manuscript", "load_source", "markdown_to_story_text", "read_story"]


@dataclass(frozen=True)
class Reader:
    """One format: its name, how to recognise its files, how to read one."""

    name: str
    recognizes: Callable[[Source], bool]
    read: Callable[[Source, DetectionSettings], ReadStory]
    suffixes: tuple[str, ...] = ()  # names a folder build picks up
    packaged: bool = False  # a ZIP-based format: a file named like one must be one


READERS: tuple[Reader, ...] = (
    Reader("epub", epub_in.looks_like_epub, epub_in.read, (".epub",), packaged=True),
    Reader("docx", docx.looks_like_docx, docx.read, (".docx",), packaged=True),
    Reader("odt", odt.looks_like_odt, odt.read, (".odt",), packaged=True),
    Reader("rtf", plain_text.looks_like_rtf, plain_text.read_rtf, (".rtf",)),
    Reader("ao3-html", ao3_html.looks_like_ao3, ao3_html.read),
    Reader("ao3-page", ao3_page.looks_like_ao3_page, ao3_page.read),
    Reader("html", html_page.looks_like_html, html_page.read, (".html", ".htm", ".xhtml")),
    Reader("manuscript", plain_text.looks_like_manuscript, plain_text.read_manuscript),
    Reader("markdown", plain_text.looks_like_markdown, plain_text.read_markdown, plain_text.MARKDOWN_SUFFIXES),
    Reader("text", lambda source: True, plain_text.read_text, (".txt",)),
)
SUFFIXES: tuple[str, ...] = tuple(suffix for reader in READERS for suffix in reader.suffixes)
_PACKAGED = {".epub": "EPUB", ".docx": "DOCX", ".odt": "ODT"}


STDIN = "-"  # the path that means: the story comes on standard input


def load_source(path: Path) -> Source:
    """A story file's path (or `-`, standard input) -> Source; InputError when it is missing, not a file,
    unreadable or too large."""
    from bookmaker import decode

    if str(path) == STDIN:
        data = sys.stdin.buffer.read(decode.MAX_BYTES + 1)
        if len(data) > decode.MAX_BYTES:
            raise InputError(f"too large: more than the {decode.MAX_BYTES:,} bytes a story may have", "standard input")
        return Source(Path("stdin"), data)
    return Source(Path(path), decode.read_source_bytes(path))


def read_story(source: Source, settings: DetectionSettings = DetectionSettings()) -> ReadStory:
    """Source -> what the first reader that recognises it finds."""
    promised = _PACKAGED.get(source.suffix)
    reader = next(reader for reader in READERS if reader.recognizes(source))
    if promised and not reader.packaged:
        # A `.docx` that is no Word document would otherwise be decoded as text and printed as binary junk.
        what = "a ZIP archive of something else" if is_zip(source) else "not a ZIP archive"
        raise source.fail(f"not a readable {promised} file ({what})")
    read = reader.read(source, settings)
    if read.story is not None and not read.story.text.strip():
        raise source.fail(f"no story text in this {reader.name.upper()} file")  # no empty book from an empty page
    return read
