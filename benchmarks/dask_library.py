"""The seeds and a generated library built locally and on a Dask cluster -> a Markdown table: wall time of each and
whether every book is the same bytes (issue 14: "the seeds and a 200-story generated library build to the same
bytes as locally").

    python benchmarks/dask_library.py                       # seeds + 200 short stories, a two-worker LocalCluster
    python benchmarks/dask_library.py --stories 50
    python benchmarks/dask_library.py --scheduler tcp://HOST:8786   # a real cluster (its workers see this disk)

Each build writes a new output folder from nothing, EPUB + PDF + the anthology, with SOURCE_DATE_EPOCH fixed (the
books are dated by their files otherwise, and the generated files are new each run). Needs `pip install '.[dask]'`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import SEEDS, corpus_bytes, make_corpus  # noqa: E402

from bookmaker.jobs import BuildOptions  # noqa: E402
from bookmaker.library import build_library, find_stories  # noqa: E402

STORY_BYTES = 3000


def books(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def build(folder: Path, out: Path, scheduler: str | None) -> tuple[float, dict[str, bytes]]:
    start = time.perf_counter()
    report = build_library(find_stories(folder), out, BuildOptions(), anthology=True,
                           anthology_file=folder / "anthology.toml" if (folder / "anthology.toml").is_file() else None,
                           jobs=2, scheduler=scheduler)
    wall = time.perf_counter() - start
    if report.errors:
        sys.exit("build failed: " + "; ".join(report.errors))
    return wall, books(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--scheduler", help="a running cluster's address (default: a two-worker LocalCluster)")
    args = parser.parse_args(argv)
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    work = Path(tempfile.mkdtemp(prefix="bookmaker-dask-"))
    library = work / "library"
    make_corpus(args.stories * STORY_BYTES * 1.1 / corpus_bytes(SEEDS), library, story_bytes=STORY_BYTES)

    cluster = None
    scheduler = args.scheduler
    if scheduler is None:
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        scheduler = cluster.scheduler_address
    try:
        print("| Library | stories | local (2 processes) | Dask | books | same bytes |\n|---|---|---|---|---|---|")
        for name, folder in (("seeds", SEEDS), ("generated", library)):
            local_wall, local = build(folder, work / f"{name}-local", None)
            dask_wall, remote = build(folder, work / f"{name}-dask", scheduler)
            same = sum(remote.get(book) == data for book, data in local.items())
            stories = len(find_stories(folder))
            verdict = "yes" if same == len(local) and sorted(remote) == sorted(local) else f"no ({same}/{len(local)})"
            print(f"| {name} | {stories} | {local_wall:.1f} s | {dask_wall:.1f} s | {len(local)} | {verdict} |")
    finally:
        if cluster is not None:
            cluster.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
