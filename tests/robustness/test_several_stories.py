"""Several stories on the command line, one of them bad: whatever the job count, the bad one gives its own error
line and exit code, and the good ones are built."""

from __future__ import annotations

import pytest

from robustness_helpers import assert_no_partial_files, bookmaker, corpus


@pytest.mark.parametrize("jobs", ["0", "1", "2"])
@pytest.mark.parametrize("bad, words", [("typo.txt", "no such file"), ("folder.txt", "directory")])
def test_one_bad_name_among_several(tmp_path, jobs, bad, words):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(corpus.chapters(2, 80, seed=len(name)), encoding="utf-8")
    if bad == "folder.txt":
        (tmp_path / bad).mkdir()
    run = bookmaker("build", "a.txt", bad, "b.txt", "--out", "out", "-f", "epub", "-j", jobs, cwd=tmp_path,
                    out=tmp_path / "out", timeout=120)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().split("\n") == [f"error: {bad}: " + run.stderr.split(f"{bad}: ", 1)[1].strip()]
    assert words in run.stderr
    assert sorted(p.name for p in run.books(".epub")) == ["a.epub", "b.epub"]
    assert_no_partial_files(run.out)


def test_jobs_beyond_the_cores_are_capped():
    """Layout is CPU-bound: -j 32 on two cores started 32 processes (1.7 GB) for no gain."""
    import os

    from bookmaker.library import Workers

    assert Workers(10_000).count == (os.cpu_count() or 1)
    assert Workers(1).count == 1 and Workers(0).count == (os.cpu_count() or 1)
