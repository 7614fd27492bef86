"""The build on a Dask cluster (a two-worker LocalCluster here): the same jobs shipped to its workers, the files
written by this process, the same bytes as a local build; a scheduler that cannot be reached is one error line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from distributed import LocalCluster

from bookmaker.jobs import BuildOptions
from bookmaker.library import build_library, find_stories

ROOT = Path(__file__).resolve().parents[1]

# Short stories of our own, one long enough that its PDF body is laid out in several parts.
SCENES = ["The ferry left at dawn and the gulls followed it out past the breakwater.",
          "Ines kept the ledger in pencil so that every mistake could be undone by morning.",
          "Nobody on the island remembered who had planted the fig tree by the chapel."]


def _write_stories(folder: Path) -> None:
    folder.mkdir()
    (folder / "ferry.txt").write_text("The Ferry\n\nChapter 1\n\n" + SCENES[0] + "\n", encoding="utf-8")
    (folder / "ledger.txt").write_text("The Ledger\n\nChapter 1\n\n" + SCENES[1] + "\n\n* * *\n\n" + SCENES[2] + "\n",
                                       encoding="utf-8")
    chapters = [f"Chapter {n}\n\n" + "\n\n".join(f"{SCENES[(n + i) % 3]} ({n}.{i})" for i in range(120))
                for n in range(1, 13)]
    (folder / "island.txt").write_text("The Island\n\n" + "\n\n".join(chapters) + "\n", encoding="utf-8")


def _books(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def test_a_cluster_build_gives_the_same_bytes_as_a_local_one(tmp_path, cluster, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stories = tmp_path / "stories"
    _write_stories(stories)
    options = BuildOptions()
    local = build_library(find_stories(stories), tmp_path / "local", options, anthology=True, jobs=2)
    remote = build_library(find_stories(stories), tmp_path / "remote", options, anthology=True,
                           scheduler=cluster.scheduler_address)
    assert not local.errors and not remote.errors
    local_books, remote_books = _books(tmp_path / "local"), _books(tmp_path / "remote")
    assert sorted(local_books) == sorted(f"{stem}{suffix}" for stem in ("the-ferry", "the-ledger", "the-island",
                                                                        "anthology") for suffix in (".epub", ".pdf"))
    assert remote_books == local_books
    assert [s.built for s in remote.stories] == [s.built for s in local.stories]
    assert (tmp_path / "remote" / ".bookmaker-bodies").is_dir()  # the body cache is written by this process


def test_an_unreachable_scheduler_is_one_error_line(tmp_path):
    story = tmp_path / "ferry.txt"
    story.write_text("The Ferry\n\n" + SCENES[0] + "\n", encoding="utf-8")
    env = {**os.environ, "BOOKMAKER_SCHEDULER": "tcp://127.0.0.1:9"}  # the discard port: nothing listens there
    result = subprocess.run([sys.executable, "-m", "bookmaker", "build", str(story), "--out", str(tmp_path / "out"),
                             "-f", "epub", "-q"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 4 and len(lines) == 1 and lines[0].startswith("error: ") and "Dask" in lines[0]
    assert "Traceback" not in result.stderr and not list((tmp_path / "out").glob("*.epub"))
