"""Fixtures of the robustness suite: the bad-input corpus built once by the CLI, and its EPUBCheck reports."""

from __future__ import annotations

import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from robustness_helpers import Run, bookmaker, corpus, epubcheck


# ---------------------------------------------------------------------------------------------- the corpus, built once

def build_case(name: str, root: Path) -> Run:
    """Write corpus case `name` into ROOT/NAME/ and run `bookmaker build STORY --out out` there (both formats)."""
    folder = root / name
    story = corpus.write_case(name, folder)
    return bookmaker("build", story.name, "--out", "out", "--jobs", "1", cwd=folder, out=folder / "out")


_STARTED: dict[str, Future] = {}
_ROOT: list[Path] = []


def pytest_collection_modifyitems(config, items):
    """Start building the corpus in the background as soon as a test will need it, and run this folder's other
    tests first: the builds (two processes) and those tests then share the machine instead of taking turns."""
    here = Path(__file__).parent
    mine = [i for i, item in enumerate(items) if here in Path(str(item.fspath)).parents]
    needs = lambda item: "corpus_runs" in getattr(item, "fixturenames", ())  # noqa: E731
    ordered = sorted((items[i] for i in mine), key=needs)  # stable: the order within each group is kept
    for i, item in zip(mine, ordered):
        items[i] = item
    if any(needs(item) for item in ordered) and not _STARTED:
        factory = getattr(config, "_tmp_path_factory", None)
        root = factory.mktemp("corpus") if factory else Path(tempfile.mkdtemp(prefix="bookmaker-corpus-"))
        _ROOT.append(root)
        pool = ThreadPoolExecutor(max_workers=2)  # one build per core; the largest first
        for name in sorted(corpus.CASES, key=lambda n: (n not in corpus.LARGE, n)):
            _STARTED[name] = pool.submit(build_case, name, root)
        pool.shutdown(wait=False)


@pytest.fixture(scope="session")
def corpus_runs() -> dict[str, Run]:
    """Every corpus case built by the CLI (started at collection, see above): case name -> its Run."""
    assert _STARTED, "the corpus builds were not started"
    runs = {name: future.result() for name, future in _STARTED.items()}
    root = _ROOT[0]
    assert sorted(p.name for p in root.iterdir()) == sorted(runs), "a run wrote beside its case folder"
    _RESULTS.update(runs)
    return runs


@pytest.fixture(scope="session")
def corpus_reports(corpus_runs) -> dict[Path, dict]:
    """EPUBCheck's report for every EPUB the corpus runs wrote: two JVMs at once, each given half the bytes."""
    epubs = sorted((epub for run in corpus_runs.values() for epub in run.books(".epub")), key=lambda p: -p.stat().st_size)
    halves: list[list[Path]] = [[], []]
    sizes = [0, 0]
    for epub in epubs:
        lighter = sizes.index(min(sizes))
        halves[lighter].append(epub)
        sizes[lighter] += epub.stat().st_size
    reports: dict[Path, dict] = {}
    epubcheck([])  # loads the batch helper once, before two threads use it
    with ThreadPoolExecutor(max_workers=2) as pool:
        for found in pool.map(epubcheck, halves):
            reports.update(found)
    return reports


_RESULTS: dict[str, Run] = {}


def pytest_terminal_summary(terminalreporter):
    """The table for the issue's closing note: each input, its outcome, and the time the build took."""
    if not _RESULTS:
        return
    write = terminalreporter.write_line
    write("")
    write("robustness corpus: input | exit | outcome | seconds")
    for name, run in _RESULTS.items():
        books = ", ".join(p.name for p in run.outputs if p.suffix in (".epub", ".pdf"))
        error = run.stderr.strip().split("\n")[0][:110] if run.stderr.strip() else ""
        write(f"{name} | {run.returncode} | {books or '-'}{' | ' + error if error else ''} | {run.seconds:.1f}")
