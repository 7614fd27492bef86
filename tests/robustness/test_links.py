"""Symbolic links among the stories: followed only to a file inside the folder the link is in. A link out of it
(a `passwd.txt` link to /etc/passwd) is one error line naming its target, and its story is not built."""

from __future__ import annotations

import os

from robustness_helpers import Book, assert_no_partial_files, bookmaker, corpus


def test_links_are_followed_only_inside_their_folder(tmp_path):
    secret = tmp_path / "private" / "diary.txt"
    secret.parent.mkdir()
    secret.write_text("Chapter 1\n\nThe words nobody may read, written in a private diary.\n", encoding="utf-8")
    library = tmp_path / "lib"
    (library / "sub").mkdir(parents=True)
    (library / "story.txt").write_text(corpus.chapters(2, 80), encoding="utf-8")
    (library / "sub" / "kept.txt").write_text(corpus.chapters(1, 80, seed=4), encoding="utf-8")
    (library / "diary.txt").symlink_to(secret)
    (library / "relative.txt").symlink_to(os.path.relpath(secret, library))
    (library / "inside.txt").symlink_to("sub/kept.txt")
    (library / "loop.txt").symlink_to("loop.txt")
    run = bookmaker("build", "lib", "--out", "out", "-f", "epub", "-j", "1", cwd=tmp_path, out=tmp_path / "out",
                    timeout=120)
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().split("\n")
    assert "Traceback" not in run.stderr and all(line.startswith("error: ") for line in lines), lines
    for name in ("diary.txt", "relative.txt"):
        line = next(line for line in lines if name in line)
        assert str(secret) in line and "outside its folder" in line
    books = sorted(p.name for p in run.books(".epub"))
    assert "diary.epub" not in books and "relative.epub" not in books
    assert {"story.epub", "inside.epub"} <= set(books), books
    assert not any("private diary" in Book(p).text() for p in run.books(".epub"))
    assert_no_partial_files(run.out)


def test_a_named_link_inside_its_folder_is_built(tmp_path):
    (tmp_path / "story.txt").write_text(corpus.chapters(1, 80), encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("story.txt")
    run = bookmaker("build", "link.txt", "--out", "out", "-f", "epub", "-j", "1", cwd=tmp_path, out=tmp_path / "out",
                    timeout=120)
    assert run.returncode == 0, run.stderr
    assert [p.name for p in run.books(".epub")] == ["link.epub"]


def test_a_metadata_or_anthology_file_linked_out_of_its_folder_is_refused(tmp_path):
    secret = tmp_path / "private" / "settings.toml"
    secret.parent.mkdir()
    secret.write_text('title = "Borrowed title"\n', encoding="utf-8")
    library = tmp_path / "lib"
    library.mkdir()
    (library / "story.txt").write_text(corpus.chapters(1, 80), encoding="utf-8")
    (library / "story.toml").symlink_to(secret)
    run = bookmaker("build", "lib/story.txt", "--out", "out", "-f", "epub", "-j", "1", cwd=tmp_path,
                    out=tmp_path / "out", timeout=120)
    assert run.returncode == 3, run.stderr
    assert run.stderr.startswith("error: ") and "story.toml" in run.stderr and str(secret) in run.stderr
    assert "Borrowed" not in run.stdout
    (library / "story.toml").unlink()
    (library / "anthology.toml").symlink_to(secret)
    run = bookmaker("build", "lib", "--out", "out", "-f", "epub", "-j", "1", cwd=tmp_path, out=tmp_path / "out",
                    timeout=120)
    assert run.returncode == 3 and run.stderr.count("\n") == 1, run.stderr
    assert "anthology.toml" in run.stderr and "outside its folder" in run.stderr
