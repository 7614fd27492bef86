"""Names and dates at the edges of what file systems and formats hold: a story file name of 255 bytes, a source
dated after 2107 (ZIP dates end there) or before 1980, SOURCE_DATE_EPOCH far away. A book, never an internal error."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from robustness_helpers import (assert_clean_success, assert_no_partial_files, assert_one_error_line, bookmaker,
                                corpus, epubcheck, problems, qpdf_check)

STORY = corpus.chapters(2, 60)


def build(folder: Path, *args: str, env: dict | None = None):
    return bookmaker("build", *args, "--out", "out", "-j", "1", cwd=folder, out=folder / "out", timeout=180, env=env)


@pytest.mark.parametrize("name", ["x" * 251 + ".txt", "é" * 125 + ".txt"], ids=["ascii", "two-byte"])
def test_a_story_file_name_of_255_bytes(tmp_path, name):
    """In a library with its anthology, both formats: the metadata name (NAME.toml) would be 256 bytes, the
    body cache's NAME.0.pdf more; every name the build makes stays within 255 bytes."""
    assert len(name.encode()) in (254, 255)
    library = tmp_path / "lib"
    library.mkdir()
    (library / name).write_text(STORY, encoding="utf-8")
    (library / "b.txt").write_text(corpus.chapters(1, 60, seed=2), encoding="utf-8")
    run = build(tmp_path, "lib")
    assert_clean_success(run)
    out = tmp_path / "out"
    assert all(len(p.name.encode()) <= 255 for p in out.rglob("*"))
    assert len(run.books(".epub")) == 3 and len(run.books(".pdf")) == 3
    assert any((out / ".bookmaker-bodies").iterdir())
    assert_clean_success(build(tmp_path, "lib", "--force"))  # the cache and the state read back


@pytest.mark.parametrize("when", [5_000_000_000, 2**40, 100_000, -86_400])
def test_a_source_dated_beyond_what_zip_holds(tmp_path, when):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    try:
        os.utime(story, (when, when))
    except (OverflowError, OSError):
        pytest.skip("this file system cannot hold that date")
    run = build(tmp_path, "story.txt", "-f", "epub")
    assert_clean_success(run)
    book = tmp_path / "out" / "story.epub"
    years = {info.date_time[0] for info in zipfile.ZipFile(book).infolist()}
    assert years <= set(range(1980, 2108)), years
    assert problems(epubcheck([book])[book]) == []


@pytest.mark.parametrize("epoch", ["5000000000", "99999999999999999999", "-5", "0"])
def test_source_date_epoch_far_away_is_clamped(tmp_path, epoch):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    run = build(tmp_path, "story.txt", env={"SOURCE_DATE_EPOCH": epoch})
    assert_clean_success(run)
    book = tmp_path / "out" / "story.epub"
    assert problems(epubcheck([book])[book]) == []
    assert qpdf_check(tmp_path / "out" / "story.pdf")[0]
    assert_no_partial_files(tmp_path / "out")


def test_source_date_epoch_that_is_no_number(tmp_path):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    assert_one_error_line(build(tmp_path, "story.txt", env={"SOURCE_DATE_EPOCH": "soon"}), "SOURCE_DATE_EPOCH")


def test_a_story_name_that_is_not_utf8_is_one_error_line(tmp_path):
    """Byte 0xFF in a file name: the other stories are built, that one is refused with a line to act on."""
    library = tmp_path / "lib"
    library.mkdir()
    (library / "good.txt").write_text(STORY, encoding="utf-8")
    bad = os.fsdecode(b"caf\xff.txt")
    (library / bad).write_text(STORY, encoding="utf-8")
    run = build(tmp_path, "lib", "-f", "epub")
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert "caf\\xff.txt: the file name is not valid UTF-8" in run.stderr
    assert all(line.startswith("error: ") for line in run.stderr.strip().split("\n"))
    assert [p.name for p in run.books(".epub")] == ["good.epub"]
