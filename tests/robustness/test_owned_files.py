"""A build writes and deletes only what it owns: paths taken from the state file stay in the output folder
whatever the file says, and the clean-up of killed builds' temporaries leaves the user's own files alone."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from robustness_helpers import assert_clean_success, assert_no_partial_files, assert_nothing_outside, bookmaker, corpus

STORY = corpus.chapters(2, 150)


def build(folder: Path, *args: str, out: str = "out", **kwargs):
    return bookmaker("build", *args, "--out", out, "--jobs", "1", "-f", "epub", cwd=folder, out=folder / out,
                     timeout=120, **kwargs)


@pytest.fixture
def built(tmp_path) -> Path:
    """story.txt in tmp_path/lib, built once into lib/out; returns lib."""
    library = tmp_path / "lib"
    library.mkdir()
    (library / "story.txt").write_text(STORY, encoding="utf-8")
    assert_clean_success(build(library, "story.txt"))
    return library


def edit_state(library: Path, change) -> None:
    path = library / "out" / ".bookmaker-state.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("stem", ["../escaped", "/tmp/escaped-abs", "sub/escaped", "..", ".hidden", "a\x00b",
                                  "x" * 300, "con", "", "Upper Case"])
def test_a_crafted_stem_in_the_state_file_writes_nothing_outside(built, stem):
    """The stem an earlier build recorded is input: one that is not a stem bookmaker makes is forgotten."""
    def change(data):
        for entry in data.values():
            entry["stem"] = stem

    edit_state(built, change)
    run = build(built, "story.txt", watch=built.parent)  # the library's parent is watched too
    assert_clean_success(run)
    assert_nothing_outside(run)
    assert not Path("/tmp/escaped-abs.epub").exists()
    names = sorted(p.name for p in run.outputs if not p.name.startswith("."))
    assert names == ["story.epub"], names
    assert_no_partial_files(run.out)


@pytest.mark.parametrize("name", ["../escaped.epub", "/tmp/escaped-key.epub", "sub/x.epub", ".hidden.epub"])
def test_a_crafted_output_name_in_the_state_file_is_forgotten(built, name):
    def change(data):
        entry = dict(next(iter(data.values())))
        data.clear()
        data[name] = entry

    edit_state(built, change)
    (built / "out" / "story.epub").unlink()
    run = build(built, "story.txt", watch=built.parent)
    assert_clean_success(run)
    assert_nothing_outside(run)
    assert (built / "out" / "story.epub").is_file()
    state = json.loads((built / "out" / ".bookmaker-state.json").read_text(encoding="utf-8"))
    assert sorted(state) == ["story.epub"]


def test_the_users_hidden_part_files_are_kept(built):
    """Only the build's own temporaries (a name shape no user file has, from a dead process) are removed."""
    out = built / "out"
    mine = {".notes.part": b"my notes", ".x.1.abcdefgh.part": b"mine too", ".story.epub.part": b"and this"}
    for name, data in mine.items():
        (out / name).write_bytes(data)
    dead = out / f".story.epub.bookmaker-{dead_pid()}.abcd_123.part"  # a temporary of a killed build
    dead.write_bytes(b"half a book")
    (built / "story.txt").write_text(STORY + "\nOne more line.\n", encoding="utf-8")
    assert_clean_success(build(built, "story.txt"))
    for name, data in mine.items():
        assert (out / name).read_bytes() == data, name
    assert not dead.exists()


def test_a_running_builds_temporary_is_kept(built):
    out = built / "out"
    live = out / f".story.epub.bookmaker-{os.getpid()}.abcd_123.part"  # this process is alive: a build writing it
    live.write_bytes(b"being written")
    assert_clean_success(build(built, "story.txt", "--force"))
    assert live.read_bytes() == b"being written"


def test_temporary_names_stay_short_for_long_targets(tmp_path):
    from bookmaker.atomic import write_bytes_atomic

    target = tmp_path / ("é" * 120 + ".epub")  # 245 bytes: the temporary's name must not grow past 255
    write_bytes_atomic(target, b"data")
    assert target.read_bytes() == b"data" and [p.name for p in tmp_path.iterdir()] == [target.name]


def dead_pid() -> int:
    """A process id no process has now."""
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid -= 1


def test_a_planted_link_for_the_body_cache_is_not_written_through(tmp_path):
    """`out/.bookmaker-bodies` made a link to a folder elsewhere: the build keeps no cache rather than write there."""
    library = tmp_path / "lib"
    library.mkdir()
    for n in range(2):
        (library / f"s{n}.txt").write_text(corpus.chapters(1, 80, seed=n), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    planted = f".x.bookmaker-{dead_pid()}.abcdefgh.part"  # the shape of a dead build's temporary: still not ours
    (elsewhere / planted).write_bytes(b"not the build's")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".bookmaker-bodies").symlink_to(elsewhere)
    run = bookmaker("build", "lib", "--out", "out", "-j", "1", cwd=tmp_path, out=tmp_path / "out", timeout=180)
    assert_clean_success(run)
    assert_nothing_outside(run)
    assert sorted(p.name for p in elsewhere.iterdir()) == [planted]
    assert (tmp_path / "out" / "anthology.pdf").is_file()
