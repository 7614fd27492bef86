"""Fixtures of the robustness suite: the bad-input corpus built once by the CLI, and its EPUBCheck reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from robustness_helpers import Run, bookmaker, corpus, epubcheck


# ---------------------------------------------------------------------------------------------- the corpus, built once

def build_case(name: str, root: Path) -> Run:
    """Write corpus case `name` into ROOT/NAME/ and run `bookmaker build STORY --out out` there (both formats)."""
    folder = root / name
    story = corpus.write_case(name, folder)
    return bookmaker("build", story.name, "--out", "out", "--jobs", "1", cwd=folder, out=folder / "out")


@pytest.fixture(scope="session")
def corpus_runs(tmp_path_factory) -> dict[str, Run]:
    """Every corpus case built by the CLI, two at a time (one per core), the largest first."""
    from concurrent.futures import ThreadPoolExecutor

    root = tmp_path_factory.mktemp("corpus")
    names = sorted(corpus.CASES, key=lambda n: (n not in corpus.LARGE, n))
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = dict(zip(names, pool.map(lambda n: build_case(n, root), names)))
    assert sorted(p.name for p in root.iterdir()) == sorted(names), "a run wrote beside its case folder"
    _RESULTS.update(runs)
    return runs


@pytest.fixture(scope="session")
def corpus_reports(corpus_runs) -> dict[Path, dict]:
    """EPUBCheck's report for every EPUB the corpus runs wrote, in one JVM."""
    return epubcheck([epub for run in corpus_runs.values() for epub in run.books(".epub")])


_RESULTS: dict[str, Run] = {}


def pytest_terminal_summary(terminalreporter):
    """The table for the issue's closing note: each input, its outcome, and the time the build took."""
    if not _RESULTS:
        return
    write = terminalreporter.write_line
    write("")
    write("robustness corpus: input | exit | outcome | seconds")
    for name, run in _RESULTS.items():
        books = ", ".join(p.name for p in run.outputs if not p.name.startswith("."))
        error = run.stderr.strip().split("\n")[0][:110] if run.stderr.strip() else ""
        write(f"{name} | {run.returncode} | {books or '-'}{' | ' + error if error else ''} | {run.seconds:.1f}")
