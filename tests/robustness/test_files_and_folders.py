"""Files and folders a build cannot use: an unreadable story, a folder or a pipe given as a story, an output folder
that is a file or not writable, an output name taken by a folder, a broken state file. One error line each, no hang,
no partial file, and a good book already in the output folder is never lost.

Tests run as root, who reads a chmod 000 file: the permission cases run the CLI under `setpriv` without the two
capabilities that let root ignore file modes (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so the kernel refuses as it
would refuse any user. Where setpriv cannot drop them, the same cases make the system call fail in-process.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from robustness_helpers import (assert_clean_success, assert_no_partial_files, assert_nothing_outside,
                                assert_one_error_line, bookmaker, corpus, privileges_dropped)

STORY = corpus.chapters(2, 150)
DROPPED = privileges_dropped()


@pytest.fixture
def story(tmp_path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def build(tmp_path: Path, *args: str, out: str = "out", prefix: tuple[str, ...] = (), **kwargs):
    return bookmaker("build", *args, "--out", out, "--jobs", "1", "-f", "epub", cwd=tmp_path, out=tmp_path / out,
                     prefix=prefix, timeout=60, **kwargs)


# ---------------------------------------------------------------------------------------------- stories

def test_an_unreadable_story(tmp_path, story, monkeypatch):
    story.chmod(0o000)
    if DROPPED is not None:
        run = build(tmp_path, "story.txt", prefix=DROPPED)
        assert_one_error_line(run, "story.txt", "permission denied")
        assert_nothing_outside(run)
        assert not (tmp_path / "out" / "story.epub").exists()
    else:  # root who cannot drop the capability: make the read fail as the kernel would
        from bookmaker import decode
        from bookmaker.errors import InputError

        monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(PermissionError(13, "denied")))
        with pytest.raises(InputError, match="permission denied"):
            decode.read_text_with_diagnostics(story)


def test_an_unreadable_story_in_a_library_fails_alone(tmp_path):
    """The other stories are built; the anthology is not rebuilt without it; every line on stderr is an error line."""
    library = tmp_path / "stories"
    library.mkdir()
    for n in range(3):
        (library / f"s{n}.txt").write_text(corpus.chapters(1, 100, seed=n), encoding="utf-8")
    (library / "s1.txt").chmod(0o000)
    if DROPPED is None:
        pytest.fail("setpriv is needed for this case when the tests run as root")
    run = build(tmp_path, "stories", prefix=DROPPED)
    assert run.returncode not in (0, 70) and "Traceback" not in run.stderr
    lines = run.stderr.strip().split("\n")
    assert all(line.startswith("error: ") for line in lines) and "s1.txt" in lines[0] and "permission denied" in lines[0]
    assert sorted(p.name for p in run.books(".epub")) == ["s0.epub", "s2.epub"]
    assert_no_partial_files(run.out)


def test_a_folder_named_like_a_story(tmp_path):
    """One folder given is a library to build: an empty one says so."""
    (tmp_path / "story.txt").mkdir()
    assert_one_error_line(build(tmp_path, "story.txt"), "story.txt", "no stories")


def test_a_folder_among_stories(tmp_path, story):
    (tmp_path / "folder.txt").mkdir()
    run = build(tmp_path, "story.txt", "folder.txt")
    assert_one_error_line(run, "folder.txt", "directory")
    assert (tmp_path / "out" / "story.epub").is_file()


def test_a_pipe_named_like_a_story_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "story.txt")  # opening it to read would wait for a writer forever
    assert_one_error_line(build(tmp_path, "story.txt"), "story.txt", "not a regular file")


def test_a_device_named_like_a_story_does_not_hang(tmp_path):
    (tmp_path / "story.txt").symlink_to("/dev/zero")  # reading it would never end
    # A link out of its folder is not followed at all (README: links), so the device is never opened.
    assert_one_error_line(build(tmp_path, "story.txt"), "story.txt", "/dev/zero", "not followed")


def test_a_missing_story(tmp_path):
    assert_one_error_line(build(tmp_path, "nowhere.txt"), "nowhere.txt", "no such file")


# ---------------------------------------------------------------------------------------------- the output folder

def test_the_output_folder_is_a_file(tmp_path, story):
    (tmp_path / "out").write_text("a file")
    run = build(tmp_path, "story.txt")
    assert_one_error_line(run, "out", "folder")
    assert (tmp_path / "out").read_text() == "a file"


def test_the_output_folder_is_under_a_file(tmp_path, story):
    (tmp_path / "file").write_text("a file")
    run = build(tmp_path, "story.txt", out="file/out")
    assert_one_error_line(run, "file/out", "cannot create the output folder")


def test_the_output_folder_is_not_writable(tmp_path, story, monkeypatch):
    (tmp_path / "out").mkdir()
    (tmp_path / "out").chmod(0o555)
    if DROPPED is not None:
        run = build(tmp_path, "story.txt", prefix=DROPPED)
        assert_one_error_line(run, "out", "not a writable folder")
        assert list((tmp_path / "out").iterdir()) == []
    else:
        from bookmaker.errors import BuildError
        from bookmaker.jobs import BuildOptions
        from bookmaker.library import build_library

        monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
        with pytest.raises(BuildError, match="not a writable folder"):
            build_library([story], tmp_path / "out", BuildOptions(("epub",)), anthology=False)


def test_a_folder_where_the_book_should_go(tmp_path, story):
    """The EPUB cannot replace a folder of its name: one line for it, and the PDF is still written."""
    (tmp_path / "out" / "story.epub").mkdir(parents=True)
    run = bookmaker("build", "story.txt", "--out", "out", "--jobs", "1", cwd=tmp_path, out=tmp_path / "out", timeout=120)
    assert_one_error_line(run, "story.epub", "cannot write")
    assert (tmp_path / "out" / "story.epub").is_dir() and (tmp_path / "out" / "story.pdf").is_file()
    assert_no_partial_files(tmp_path / "out")


def test_a_failed_build_never_loses_a_good_book(tmp_path, story):
    assert_clean_success(build(tmp_path, "story.txt"))
    good = (tmp_path / "out" / "story.epub").read_bytes()
    story.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))  # the story is replaced by an image
    run = build(tmp_path, "story.txt", "--force")
    assert_one_error_line(run, "story.txt", "PNG")
    assert (tmp_path / "out" / "story.epub").read_bytes() == good


@pytest.mark.parametrize("state", ['{"story.epub": 5, "x": [1]}', "[1, 2]", "{not json", '\x00\xff',
                                   '{"story.epub": {"fingerprint": 1, "size": "big", "warnings": 3}}'])
def test_a_broken_state_file_is_rebuilt(tmp_path, story, state):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".bookmaker-state.json").write_text(state, encoding="latin-1")
    run = build(tmp_path, "story.txt")
    assert_clean_success(run)
    assert "story.epub" in json.loads((tmp_path / "out" / ".bookmaker-state.json").read_text(encoding="utf-8"))


def test_a_state_file_that_is_a_folder(tmp_path, story):
    (tmp_path / "out" / ".bookmaker-state.json").mkdir(parents=True)
    run = build(tmp_path, "story.txt")
    assert_one_error_line(run, ".bookmaker-state.json")
    assert (tmp_path / "out" / "story.epub").is_file()
    assert_no_partial_files(tmp_path / "out")


def test_hostile_story_file_names_give_safe_distinct_outputs(tmp_path):
    """Untitled stories take their file's name: a device name, a leading dash, a newline, non-Latin letters."""
    import re

    names = ["CON", "-rf", "名前", "a\nb", "x y é", "nul.tar", "aux", "AUX"]
    (tmp_path / "stories").mkdir()
    for n, name in enumerate(names):
        (tmp_path / "stories" / f"{name}.txt").write_text(f"It was a quiet night, number {n}.\n", encoding="utf-8")
    run = build(tmp_path, "stories")
    assert_clean_success(run)
    books = [p.name for p in run.books(".epub")]
    assert len(books) == len(names) + 1 and "anthology.epub" in books, books
    for book in books:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.epub", book), book
        assert book.split(".")[0] not in {"con", "prn", "aux", "nul"}, book
    assert_nothing_outside(run)
