"""Format name -> writer: each writer packages a RenderedBook into one file and builds no markup of its own.

Adding a format is one module with NAME, SUFFIX and write(book, path, options), and one entry here. A paged
writer (the PDF) also lays a story's body out in parts, side by side, and composes books from those bodies: its
module has story_part_sizes, lay_out_story_part, write(..., bodies), and prepare_ahead and take_ahead for what
every book of a build shares (its entry's ahead_parts: laid out once, in parts, and kept by the build between
builds); the build asks a writer what it is, never its name.
Modules are imported on first use, so building EPUBs never pays for importing WeasyPrint.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from typing import TYPE_CHECKING

from bookmaker.errors import BuildError
from bookmaker.writers.folio_chunks import folio_chunks_for

if TYPE_CHECKING:  # importing the renderer costs ~60 ms that `build` with nothing to do should not pay
    from bookmaker.render.book import Options, RenderedBook


@dataclass(frozen=True)
class Writer:
    name: str
    suffix: str  # with the dot: ".epub"
    module: str  # the module that defines write(book, path, options)
    paged: bool = False  # laid out in pages, a story's body in parts (see above); one paged format a build
    cost_per_word: int = 1  # for scheduling: how dear writing a word is, against packaging it for an EPUB
    # What every book of a build shares, laid out once in parts (the PDF's folio layer): the longest book's pages
    # -> the parts it needs; the module's prepare_ahead lays one out, take_ahead uses them. None: nothing shared.
    ahead_parts: Callable[[int], list[int]] | None = None

    def write(self, book: RenderedBook, path: Path, options: Options | None = None) -> None:
        from bookmaker.render.book import Options

        self.load().write(book, path, options or Options())

    def load(self):
        """The writer's module, imported now (a build's worker imports it ahead of its writing jobs)."""
        return importlib.import_module(self.module)


WRITERS: dict[str, Writer] = {
    "epub": Writer("epub", ".epub", "bookmaker.writers.epub"),
    "pdf": Writer("pdf", ".pdf", "bookmaker.writers.pdf", paged=True, cost_per_word=20, ahead_parts=folio_chunks_for),
}


def paged_format(formats) -> str | None:
    """The one paged format among `formats` (the PDF), or None."""
    return next((name for name in formats if writer_for(name).paged), None)


def writer_for(name: str) -> Writer:
    """The writer registered under `name`; BuildError naming the known formats otherwise."""
    try:
        return WRITERS[name.lower()]
    except KeyError:
        raise BuildError(f"unknown format {name!r}; known formats: {', '.join(sorted(WRITERS))}") from None
