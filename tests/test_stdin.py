"""`-` reads a story from standard input: inspect -, manuscript -, build - -o NAME.epub; nothing left behind."""

from __future__ import annotations

import subprocess
import sys
import zipfile

STORY = b"The Quay\n\nby A. Harbour\n\nChapter 1\n\nThe boats came in.\n\nChapter 2\n\nNone came the next day.\n"


def _run(*args, stdin: bytes, cwd):
    return subprocess.run([sys.executable, "-m", "bookmaker", *args], input=stdin, capture_output=True, cwd=cwd,
                          timeout=300)


def test_inspect_and_manuscript_read_standard_input(tmp_path):
    inspected = _run("inspect", "-", "--json", stdin=STORY, cwd=tmp_path)
    assert inspected.returncode == 0 and b'"title": "The Quay"' in inspected.stdout
    manuscript = _run("manuscript", "-", stdin=STORY, cwd=tmp_path)
    assert manuscript.returncode == 0 and b"The boats came in." in manuscript.stdout


def test_build_from_standard_input_writes_the_named_book_and_nothing_else(tmp_path):
    run = _run("build", "-", "-o", "books/quay.epub", "-q", stdin=STORY, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "books").iterdir()) == ["quay.epub"]
    assert zipfile.ZipFile(tmp_path / "books" / "quay.epub").read("mimetype") == b"application/epub+zip"


def test_build_from_standard_input_needs_a_book_name_and_a_story(tmp_path):
    no_name = _run("build", "-", "-o", "books", stdin=STORY, cwd=tmp_path)
    assert no_name.returncode == 4 and no_name.stderr.decode().count("\n") == 1 and b"NAME.epub" in no_name.stderr
    empty = _run("build", "-", "-o", "books/x.epub", stdin=b"", cwd=tmp_path)
    assert empty.returncode == 2 and b"empty" in empty.stderr
    assert not (tmp_path / "books").exists()
