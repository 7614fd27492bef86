"""Same input, same bytes: two builds seconds apart, one with --jobs 1 and one with --jobs 2 (a long story's body
then laid out in parts side by side), give byte-identical PDFs and EPUBs, without SOURCE_DATE_EPOCH set."""

from __future__ import annotations

import time

from robustness_helpers import bookmaker, corpus


def test_two_builds_at_different_times_and_job_counts_give_the_same_bytes(tmp_path):
    library = tmp_path / "lib"
    library.mkdir()
    (library / "long.txt").write_text(corpus.chapters(24, 1000, seed=1), encoding="utf-8")  # several body parts
    (library / "short.txt").write_text(corpus.chapters(2, 200, seed=2), encoding="utf-8")
    env = {"SOURCE_DATE_EPOCH": ""}  # empty is unset: the dates come from the files
    runs = []
    for jobs, out in (("1", "one"), ("2", "two")):
        runs.append(bookmaker("build", "lib", "--out", out, "-j", jobs, cwd=tmp_path, out=tmp_path / out,
                              timeout=600, env=env))
        assert runs[-1].returncode == 0, runs[-1].stderr
        time.sleep(1.5)  # the clock moves on: nothing may carry it
    one, two = (sorted(p.name for p in run.outputs if not p.name.startswith(".")) for run in runs)
    assert one == two and len(one) == 6, (one, two)
    from bookmaker.writers.pdf import PART_CHARS

    assert (library / "long.txt").stat().st_size > 2 * PART_CHARS  # its body is laid out in three parts or more
    for name in one:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
