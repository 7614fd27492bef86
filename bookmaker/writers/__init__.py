"""Format name -> writer: each writer packages a RenderedBook into one file and builds no markup of its own.

Adding a format is one module with NAME, SUFFIX and write(book, path, options), and one entry here.
Modules are imported on first use, so building EPUBs never pays for importing WeasyPrint.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from bookmaker.errors import BuildError

if TYPE_CHECKING:  # importing the renderer costs ~60 ms that `build` with nothing to do should not pay
    from bookmaker.render.book import Options, RenderedBook


@dataclass(frozen=True)
class Writer:
    name: str
    suffix: str  # with the dot: ".epub"
    module: str  # the module that defines write(book, path, options)

    def write(self, book: RenderedBook, path: Path, options: Options | None = None) -> None:
        from bookmaker.render.book import Options

        self.load().write(book, path, options or Options())

    def load(self):
        """The writer's module, imported now (a build's worker imports it ahead of its writing jobs)."""
        return importlib.import_module(self.module)


WRITERS: dict[str, Writer] = {
    "epub": Writer("epub", ".epub", "bookmaker.writers.epub"),
    "pdf": Writer("pdf", ".pdf", "bookmaker.writers.pdf"),
}


def writer_for(name: str) -> Writer:
    """The writer registered under `name`; BuildError naming the known formats otherwise."""
    try:
        return WRITERS[name.lower()]
    except KeyError:
        raise BuildError(f"unknown format {name!r}; known formats: {', '.join(sorted(WRITERS))}") from None
