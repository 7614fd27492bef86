"""The PDF page cap is estimated on the trim asked for: a 2x2in page holds a tenth of the default page's text, so
a story well inside the cap on 5.5x8.5in may be far beyond it there (398 pages for an estimate of 41 before)."""

from __future__ import annotations

import pypdf
import pytest

from bookmaker.page_cap import estimated_pages
from bookmaker.pipeline import compile_story
from robustness_helpers import assert_no_partial_files, assert_one_error_line, bookmaker, corpus


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(corpus.chapters(3, 900, seed=5), encoding="utf-8")
    return path


@pytest.mark.parametrize("size", ["2x2in", "A6", "A4"])
def test_the_estimate_follows_the_trim(tmp_path, story, size):
    run = bookmaker("build", "story.txt", "--out", "out", "-f", "pdf", "-j", "1", "--page-size", size, cwd=tmp_path,
                    out=tmp_path / "out", timeout=300)
    assert run.returncode == 0, run.stderr
    pages = len(pypdf.PdfReader(str(tmp_path / "out" / "story.pdf")).pages)
    estimate = estimated_pages([compile_story(story)], size)
    assert abs(estimate - pages) <= pages / 5 + 2, (size, estimate, pages)


def test_the_cap_holds_on_a_small_trim(tmp_path, story):
    default = estimated_pages([compile_story(story)])
    small = estimated_pages([compile_story(story)], "2x2in")
    assert small > 4 * default
    cap = (default + small) // 2  # the story fits the cap on the default trim, not on 2x2in
    run = bookmaker("build", "story.txt", "--out", "out", "-j", "1", "--page-size", "2x2in", cwd=tmp_path,
                    out=tmp_path / "out", env={"BOOKMAKER_MAX_PDF_PAGES": str(cap)}, timeout=120)
    assert_one_error_line(run, "story.pdf", f"cap of {cap:,} pages")
    assert (tmp_path / "out" / "story.epub").is_file() and not (tmp_path / "out" / "story.pdf").exists()
    assert_no_partial_files(tmp_path / "out")


@pytest.mark.parametrize("size", ["٥x٨", "nanxnan", "infxinf", "1e309x5", "-5x-5", "5x", "99999999999999999999x2"])
def test_a_page_size_that_is_no_size_is_one_error_line(tmp_path, story, size):
    run = bookmaker("build", "story.txt", "--out", "out", "-f", "pdf", "--page-size", size, cwd=tmp_path,
                    out=tmp_path / "out", timeout=60)
    assert run.returncode == 4
    assert_one_error_line(run, "page size")
    assert not (tmp_path / "out").exists()
