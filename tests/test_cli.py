"""The command line: exit codes and the one-line error format, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bookmaker", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=120)


def assert_one_line_error(result: subprocess.CompletedProcess, code: int, words: str) -> None:
    assert result.returncode == code, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and words in lines[0], lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("content, words", [
    (b"", "empty file"),
    (b"  \n\t\n \n", "whitespace"),
    (b"\xef\xbb\xbf", "byte order mark"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG"),
    (b"PK\x03\x04" + bytes(200), "ZIP"),
    (bytes(range(256)) * 20, "not text"),
])
def test_bad_input_gives_one_line_and_exit_2(tmp_path, content, words):
    story = tmp_path / "story.txt"
    story.write_bytes(content)
    assert_one_line_error(run("inspect", str(story)), 2, words)


def test_missing_path(tmp_path):
    assert_one_line_error(run("inspect", str(tmp_path / "nope.txt")), 2, "no such file")


def test_text_valid_in_no_supported_encoding(tmp_path):
    story = tmp_path / "story.txt"
    story.write_bytes("Это было давно, и никто не помнит. ".encode("cp1251") * 20)
    assert_one_line_error(run("inspect", str(story)), 2, "not text in UTF-8")


def test_broken_metadata_file(tmp_path):
    (tmp_path / "story.txt").write_text("It was raining.\n", encoding="utf-8")
    (tmp_path / "story.toml").write_text("title = [unclosed\n", encoding="utf-8")
    assert_one_line_error(run("inspect", str(tmp_path / "story.txt")), 3, "not a valid TOML")


def test_metadata_of_the_wrong_type(tmp_path):
    (tmp_path / "story.txt").write_text("It was raining.\n", encoding="utf-8")
    (tmp_path / "story.toml").write_text("title = 12\n", encoding="utf-8")
    assert_one_line_error(run("inspect", str(tmp_path / "story.txt")), 3, "'title' must be a string")


def test_unknown_format_fails_before_building(tmp_path):
    (tmp_path / "story.txt").write_text("It was raining.\n", encoding="utf-8")
    result = run("build", str(tmp_path / "story.txt"), "--out", str(tmp_path / "out"), "-f", "mobi")
    assert_one_line_error(result, 4, "unknown format 'mobi'")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_output_folder_is_a_file(tmp_path):
    (tmp_path / "story.txt").write_text("It was raining.\n", encoding="utf-8")
    (tmp_path / "out").write_text("not a folder")
    result = run("build", str(tmp_path / "story.txt"), "--out", str(tmp_path / "out"), "-f", "epub")
    assert_one_line_error(result, 4, "output folder")


def test_inspect_json_and_report(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("The Lighthouse\nby Mary Keeper\n\nChapter 1\n\nThe lamp was \"dark\".\n\n* * *\n\nMorning.\n",
                     encoding="utf-8")
    result = run("inspect", str(story), "--json")
    assert result.returncode == 0 and '"title": "The Lighthouse"' in result.stdout
    report = run("inspect", str(story))
    assert "1. Chapter 1 (line 4)" in report.stdout and "scene break (line 8" in report.stdout and "quotes 1" in report.stdout


def test_manuscript_writes_markdown(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Chapter 1\n\nIt was *very* dark.\n", encoding="utf-8")
    result = run("manuscript", str(story), "-o", str(tmp_path / "story.md"))
    assert result.returncode == 0
    text = (tmp_path / "story.md").read_text(encoding="utf-8")
    assert '# {untitled} {label="Chapter 1"}' in text and "It was *very* dark." in text


def test_help_has_an_example_for_each_command():
    for command in ("build", "inspect", "manuscript", "check"):
        result = run(command, "--help")
        assert result.returncode == 0 and "Example: bookmaker" in result.stdout, command
