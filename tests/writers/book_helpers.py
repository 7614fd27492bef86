"""Tests' shortcut: a story file (or a manuscript) -> its books in a folder, rendered once and written by each writer
asked, in this process, without the library's state, cache or pool (bookmaker.build, moved here: only tests used it)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bookmaker.model import Manuscript
from bookmaker.render import RenderedBook, render_book
from bookmaker.render.book import Options
from bookmaker.render.identity import source_date
from bookmaker.slug import slugify
from bookmaker.writers import writer_for


def output_stem(manuscript: Manuscript, path: Path) -> str:
    """The file name stem of a story's books: its title when it has one, else the source file's name."""
    return slugify(manuscript.meta.title or path.stem)


def write_book(book: RenderedBook, out_dir: Path, stem: str, formats: list[str], options: Options) -> list[Path]:
    """Run each writer of `formats` on an already rendered book; returns the written paths in that order."""
    writers = [writer_for(name) for name in formats]  # an unknown format fails before anything is written
    written = []
    for writer in writers:
        target = Path(out_dir) / f"{stem}{writer.suffix}"
        writer.write(book, target, options)
        written.append(target)
    return written


def build_story(path: Path, out_dir: Path, formats: list[str] | None = None, options: Options | None = None,
                manuscript: Manuscript | None = None) -> list[Path]:
    """Compile the story at `path` (or use `manuscript` if given) and write OUT_DIR/SLUG.<format> for each format."""
    from bookmaker.pipeline import compile_story

    path = Path(path)
    options = options or Options()
    if manuscript is None:
        manuscript = compile_story(path)
    if options.modified is None:  # reproducible: the date comes from SOURCE_DATE_EPOCH or the source file
        options = dataclasses.replace(options, modified=source_date(path))
    book = render_book(manuscript, options)
    return write_book(book, out_dir, output_stem(manuscript, path), formats or ["epub"], options)
