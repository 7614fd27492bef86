"""Stopping a build: SIGTERM, SIGINT, SIGHUP or SIGKILL of the parent process mid-build. The workers die with it
(none is left a second later, none a zombie of ours); SIGTERM, SIGINT and SIGHUP give one error line, exit 143, 130
and 129, and no temporary file; after SIGKILL the next build removes what the dead one left and succeeds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from robustness_helpers import ROOT, assert_no_partial_files, bookmaker, corpus


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("signals") / "lib"
    folder.mkdir()
    for n in range(4):  # long enough that the build is still laying out PDFs when the signal comes
        (folder / f"s{n}.txt").write_text(corpus.chapters(12, 1200, seed=n), encoding="utf-8")
    return folder


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(p) for p in found]


def running(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start(library: Path, out: Path) -> tuple[subprocess.Popen, list[int]]:
    """Start a build with two workers and wait until both run and have worked a little."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    build = subprocess.Popen([sys.executable, "-m", "bookmaker", "build", str(library), "--out", str(out), "-j", "2"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
                             start_new_session=True)  # its own group: the signal goes to the parent alone
    deadline = time.time() + 60
    workers: list[int] = []
    while time.time() < deadline and len(workers) < 2:
        time.sleep(0.2)
        workers = children(build.pid)
    assert len(workers) == 2, f"the build did not start two workers: {workers}"
    time.sleep(2)
    assert build.poll() is None, "the build ended before the signal: make the stories longer"
    return build, workers


@pytest.mark.parametrize("sig, code, word", [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted"),
                                             (signal.SIGHUP, 129, "hung up")])
def test_a_signal_stops_the_build_and_its_workers(library, tmp_path, sig, code, word):
    out = tmp_path / "out"
    build, workers = start(library, out)
    build.send_signal(sig)
    stderr = build.communicate(timeout=30)[1]
    assert build.returncode == code, stderr
    assert stderr.strip().split("\n") == [stderr.strip()] and stderr.startswith(f"error: {word}"), stderr
    time.sleep(1)
    assert [pid for pid in workers if running(pid)] == []
    assert_no_partial_files(out)
    assert not list(out.rglob(".*.part"))


def test_sigkill_of_the_parent_kills_the_workers(library, tmp_path):
    out = tmp_path / "out"
    build, workers = start(library, out)
    build.kill()
    build.wait(timeout=30)
    time.sleep(1)
    assert [pid for pid in workers if running(pid)] == []
    again = bookmaker("build", str(library), "--out", str(out), "-f", "epub", "-j", "2", cwd=tmp_path, out=out,
                      timeout=300)
    assert again.returncode == 0, again.stderr
    assert not list(out.rglob(".*.part"))
