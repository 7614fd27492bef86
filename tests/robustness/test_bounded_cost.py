"""Bounded cost: a story too large to lay out gets its EPUB and one clear error for the PDF (the cap of
bookmaker/jobs.py, in estimated pages); a file too large to read is refused before it is read; nothing hangs.

Measured (python 3.11, WeasyPrint 70, 5.5x8.5in trim, one build on an otherwise quiet core):
    input                                    pages   PDF layout (CPU)   peak memory   estimated_pages
    10,000 words, 2 chapters                    37      1.9 s             100 MB        39
    80,000 words, 20 chapters                  265      9.6 s             175 MB        282
    320,000 words, 80 chapters               1,047       44 s             445 MB        1,123
    188,221 words in one 1 MB paragraph        526       24 s             260 MB        559
    69,268 words, 10,000 scene breaks        1,004       43 s             750 MB        973
    60,000 words in 5,000 chapters           5,189      237 s           1,760 MB        5,183  -> refused
    5,720,000 words (30 MB), 1,100 chapters      -         -                -           18,810 -> refused
      (compile and EPUB: 25 s CPU, 265 MB, an 8.9 MB EPUB; EPUBCheck on it: 17 s, 780 MB)
Layout time and memory are linear in pages (one paragraph of 12.5k, 25k, 50k words: 1.8, 3.4, 7.1 s CPU), so the cap
is a page count: MAX_PDF_PAGES = 2,000 estimated pages, about 90 s and 0.8-1.4 GB for one book. On a busy machine
(load 5 on 2 cores) the same layouts took 2-3 times as long in wall time.
"""

from __future__ import annotations

import os

import pypdf
import pytest

from bookmaker.page_cap import MAX_PDF_PAGES, estimated_pages
from bookmaker.pipeline import compile_story
from robustness_helpers import (assert_no_partial_files, assert_nothing_outside, assert_one_error_line, bookmaker,
                                corpus, qpdf_check)


@pytest.mark.parametrize("name", ["thirty-mb", "5000-chapters"])
def test_a_book_beyond_the_cap_gets_its_epub_and_one_error_for_the_pdf(corpus_runs, name):
    run = corpus_runs[name]
    line = assert_one_error_line(run, "story.pdf", "cap")
    assert f"{MAX_PDF_PAGES:,}" in line
    assert [p.name for p in run.books(".epub")] == ["story.epub"] and run.books(".pdf") == []
    assert_no_partial_files(run.out)


@pytest.mark.parametrize("name", ["one-mb-line", "10000-scene-breaks", "long-unbroken-word"])
def test_large_books_within_the_cap_are_laid_out(corpus_runs, name):
    run = corpus_runs[name]
    [pdf] = run.books(".pdf")
    assert qpdf_check(pdf)[0]
    pages = len(pypdf.PdfReader(str(pdf)).pages)
    assert pages <= MAX_PDF_PAGES


def test_the_page_estimate_is_near_the_real_count(corpus_runs):
    """The cap means what it says only if the estimate is near the laid-out page count (within a fifth)."""
    for name in ("one-mb-line", "10000-scene-breaks"):
        run = corpus_runs[name]
        manuscript = compile_story(run.out.parent / "story.txt")
        [pdf] = run.books(".pdf")
        pages = len(pypdf.PdfReader(str(pdf)).pages)
        assert abs(estimated_pages([manuscript]) - pages) <= pages / 5, (name, estimated_pages([manuscript]), pages)


def test_the_cap_applies_to_any_book_and_can_be_set(tmp_path):
    """A small cap through the environment: the same rule, quickly. The anthology is capped on its total."""
    stories = tmp_path / "stories"
    stories.mkdir()
    for n in range(2):
        (stories / f"s{n}.txt").write_text(corpus.chapters(12, 150, seed=n), encoding="utf-8")
    manuscripts = [compile_story(path) for path in sorted(stories.glob("*.txt"))]
    cap = max(estimated_pages([m]) for m in manuscripts)  # each story fits, the two together do not
    assert estimated_pages(manuscripts) > cap
    run = bookmaker("build", "stories", "--out", "out", "--jobs", "1", cwd=tmp_path, out=tmp_path / "out",
                    env={"BOOKMAKER_MAX_PDF_PAGES": str(cap)})
    assert run.returncode != 0 and "Traceback" not in run.stderr
    lines = run.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("error: anthology.pdf") and f"cap of {cap} pages" in lines[0], lines
    assert sorted(p.name for p in run.books(".epub")) == ["anthology.epub", "s0.epub", "s1.epub"]
    assert sorted(p.name for p in run.books(".pdf")) == ["s0.pdf", "s1.pdf"]
    assert_nothing_outside(run)
    assert_no_partial_files(run.out)


def test_a_file_too_large_to_read_is_refused_before_reading(tmp_path):
    from bookmaker.decode import MAX_BYTES

    with open(tmp_path / "huge.txt", "wb") as handle:  # sparse: costs no disk, and would cost minutes to read
        handle.truncate(MAX_BYTES + 1)
    run = bookmaker("build", "huge.txt", "--out", "out", cwd=tmp_path, out=tmp_path / "out", timeout=30)
    assert_one_error_line(run, "huge.txt", "too large")
    assert os.path.getsize(tmp_path / "huge.txt") == MAX_BYTES + 1
