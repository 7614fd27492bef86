"""Two builds at once into the same output folder: every file complete and valid, the state file valid JSON,
no temporary left behind, and a later build finds everything up to date."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from robustness_helpers import (TIMEOUT, assert_no_partial_files, bookmaker, corpus, epubcheck, problems,
                                qpdf_check)


@pytest.fixture(scope="module")
def raced(tmp_path_factory):
    """Three stories; an EPUB-only build first (so files get replaced), then two full builds started together."""
    root = tmp_path_factory.mktemp("race")
    (root / "stories").mkdir()
    for n in range(3):
        (root / "stories" / f"s{n}.txt").write_text(corpus.chapters(3, 400, seed=n), encoding="utf-8")
    first = bookmaker("build", "stories", "--out", "dist", "-f", "epub", "--jobs", "1", cwd=root, out=root / "dist")
    assert first.returncode == 0, first.stderr
    command = [sys.executable, "-m", "bookmaker", "build", "stories", "--out", "dist", "--force", "--jobs", "1"]
    start = time.perf_counter()
    processes = [subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
    results = []
    for process in processes:
        try:
            out, err = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            for p in processes:
                p.kill()
            pytest.fail("a concurrent build hung")
        results.append((process.returncode, err))
    return root, results, time.perf_counter() - start


def test_both_builds_succeed(raced):
    _, results, _ = raced
    for code, err in results:
        assert code == 0 and "Traceback" not in err, err


def test_every_file_is_complete_and_nothing_else_is_there(raced):
    root, _, _ = raced
    dist = root / "dist"
    assert_no_partial_files(dist)
    expected = {f"{stem}{suffix}" for stem in ("s0", "s1", "s2", "anthology") for suffix in (".epub", ".pdf")}
    assert {p.name for p in dist.iterdir()} == expected | {".bookmaker-state.json", ".bookmaker-bodies"}
    bodies = dist / ".bookmaker-bodies"  # each story's PDF body and anthology part, kept for the next: whole files only
    assert_no_partial_files(bodies)
    kept = {p.name for p in bodies.iterdir()}
    assert {name for name in kept if name.startswith("s")} == {f"s{n}.txt{suffix}" for n in range(3)
                                                              for suffix in (".0.pdf", ".json", ".anthology.json")}
    # ... and what the anthology and every PDF share: the folio layer's chunks, the anthology's frame, colophon and
    # contents, each a PDF (or chunk) with its record.
    others = kept - {name for name in kept if name.startswith("s")}
    assert {name.split("-")[0].rstrip("0123456789") for name in others} == {"ahead", "frame", "colophon", "contents"}
    assert all(name.endswith((".json", ".bin")) for name in others)


def test_every_epub_passes_epubcheck_and_every_pdf_qpdf(raced):
    root, _, _ = raced
    dist = root / "dist"
    reports = epubcheck(sorted(dist.glob("*.epub")))
    assert {p.name: problems(r) for p, r in reports.items()} == {p.name: [] for p in reports}
    for pdf in sorted(dist.glob("*.pdf")):
        clean, said = qpdf_check(pdf)
        assert clean, f"{pdf.name}: {said}"


def test_the_state_file_is_valid_and_agrees_with_the_files(raced):
    root, _, _ = raced
    dist = root / "dist"
    state = json.loads((dist / ".bookmaker-state.json").read_text(encoding="utf-8"))
    for name, entry in state.items():
        assert (dist / name).is_file() and entry["size"] == os.path.getsize(dist / name), name
    again = bookmaker("build", "stories", "--out", "dist", "--jobs", "1", cwd=root, out=dist)
    assert again.returncode == 0 and "Nothing to rebuild" in again.stdout, again.stdout + again.stderr
