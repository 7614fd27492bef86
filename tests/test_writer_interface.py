"""A new format is one module and one table entry: the build (library.py, graph.py, jobs.py) uses a writer without
naming it. This test module is such a writer -- the rendered book's text as a plain .txt file -- registered for the
test only, and built with and without a process pool, beside the EPUB and the PDF."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import html

from bookmaker.atomic import write_text_atomic
from bookmaker.jobs import BuildOptions
from bookmaker.library import build_library, find_stories
from bookmaker.writers import WRITERS, Writer

NAME = "text"
SUFFIX = ".txt"


def write(book, path: Path, options=None) -> None:
    """A RenderedBook -> its documents' text, one after another (packages the XHTML; builds no markup)."""
    texts = [html.fromstring(doc.xhtml.encode("utf-8")).text_content().strip() for doc in book.documents]
    write_text_atomic(Path(path), "\n\n".join(t for t in texts if t) + "\n")


STORIES = {
    "lanterns.txt": "The Lanterns\n\nChapter 1\n\nMara lit the lanterns along the quay one by one.\n\n"
                    "Chapter 2\n\nBy morning the harbour smelled of oil and rain.\n",
    "orchard.txt": "The Orchard\n\nChapter 1\n\nTomas counted the pear trees twice and got two answers.\n",
}


@pytest.fixture
def text_writer(monkeypatch):
    monkeypatch.setitem(WRITERS, NAME, Writer(NAME, SUFFIX, __name__))


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_new_writer_needs_no_edit_of_the_build(tmp_path, text_writer, jobs):
    stories = tmp_path / "stories"
    stories.mkdir()
    for name, text in STORIES.items():
        (stories / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    options = BuildOptions(formats=("text", "epub", "pdf"))
    report = build_library(find_stories(stories), out, options, anthology=True, jobs=jobs)
    assert not report.errors
    books = {p.name for p in out.iterdir() if not p.name.startswith(".")}
    assert books == {f"{stem}{suffix}" for stem in ("the-lanterns", "the-orchard", "anthology")
                     for suffix in (".txt", ".epub", ".pdf")}
    lanterns = (out / "the-lanterns.txt").read_text(encoding="utf-8")
    assert "Mara lit the lanterns" in lanterns and "smelled of oil and rain" in lanterns and "pear trees" not in lanterns
    anthology = (out / "anthology.txt").read_text(encoding="utf-8")
    assert anthology.index("Mara lit the lanterns") < anthology.index("counted the pear trees")
    with zipfile.ZipFile(out / "the-orchard.epub") as epub:  # the other writers still ran beside it
        assert any("pear trees" in epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".xhtml"))
    assert (out / "anthology.pdf").read_bytes().startswith(b"%PDF-")


def test_an_unknown_format_is_one_error_naming_the_known_ones(text_writer):
    from bookmaker.errors import BuildError

    with pytest.raises(BuildError, match="known formats: epub, pdf, text"):
        BuildOptions(formats=("odt",)).suffixes()
