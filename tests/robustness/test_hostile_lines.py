"""The issue's hostile inputs at full size (a 100 KB line of '#', 100 KB of sentences glued without spaces, a note
label and 100,000 spaces, a 1,600-character Title: header, 3,000 Markdown headings): each builds a valid EPUB, no
hang. How their cost grows is benchmarks/hostile_inputs.py's job (a benchmark, not a timed test)."""

from __future__ import annotations

import pytest

from robustness_helpers import ROOT, bookmaker, epubcheck, load, problems

hostile = load("hostile_inputs", ROOT / "benchmarks" / "hostile_inputs.py")
CASES = ["hash-line", "hash-only-file", "glued-sentences", "glued-words", "note-label-spaces", "mojibake-line",
         "note-label-spaces-eol", "title-header", "title-header-gutenberg", "markdown-headings"]


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, tuple]:
    """case -> (its run, its EPUB), each built alone by the CLI at the largest size."""
    root = tmp_path_factory.mktemp("hostile")
    found = {}
    for name in CASES:
        make, sizes, suffix = hostile.CASES[name]
        folder = root / name
        folder.mkdir()
        (folder / f"story{suffix}").write_text(make(sizes[-1]), encoding="utf-8")
        run = bookmaker("build", f"story{suffix}", "--out", "out", "-f", "epub", "-j", "1", cwd=folder,
                        out=folder / "out", timeout=120)
        found[name] = (run, run.books(".epub"))
    reports = epubcheck([epub for _, epubs in found.values() for epub in epubs])  # one JVM for all
    return {name: (run, epubs, [reports[e] for e in epubs]) for name, (run, epubs) in found.items()}


@pytest.mark.parametrize("name", CASES)
def test_a_hostile_input_builds_a_valid_book(books, name):
    run, epubs, reports = books[name]
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert len(epubs) == 1
    assert problems(reports[0]) == []
