"""--notes keep|end|omit and `author_notes` in the metadata file: where the author's notes go, and the report."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bookmaker.model import Chapter, Manuscript, Note, Paragraph
from bookmaker.notes_placement import checked_placement, place_notes


def _story() -> Manuscript:
    def note(text, position, chapter, line):
        return Note([Paragraph.plain(text, line)], position, chapter, "A/N:", line)

    return Manuscript(chapters=[Chapter([Paragraph.plain("One.")], title="Frost", label="Chapter 1"),
                                Chapter([Paragraph.plain("Two.")], label="Chapter 2")],
                      notes=[note("Hello readers.", "before", None, 1), note("Before one.", "before", 1, 3),
                             note("After one.", "after", 1, 9), note("Before two.", "before", 2, 11),
                             Note([Paragraph.plain("Archive header")], "before", None, "Archive", 2, kind="archive"),
                             note("Goodbye.", "after", None, 20)])


def test_keep_changes_nothing():
    story = _story()
    before = [(n.position, n.chapter, n.text) for n in story.notes]
    place_notes(story, "keep")
    assert [(n.position, n.chapter, n.text) for n in story.notes] == before and not story.diagnostics


def test_end_collects_the_notes_after_the_story_in_reading_order_with_their_chapters():
    story = place_notes(_story(), "end")
    printed = [n for n in story.notes if n.printed]
    assert [(n.position, n.chapter, n.text) for n in printed] == [
        ("after", None, "Hello readers."), ("after", None, "Before one."), ("after", None, "After one."),
        ("after", None, "Before two."), ("after", None, "Goodbye.")]
    assert [n.heading for n in printed] == [None, "Chapter 1 — Frost", None, "Chapter 2", None]
    assert story.notes[0].kind == "archive" and story.notes[0].position == "before"  # packaging stays put
    assert [d.code for d in story.diagnostics] == ["D172"] and "4 author's notes" in story.diagnostics[0].message


def test_omit_leaves_them_out_but_keeps_and_reports_them():
    story = place_notes(_story(), "omit")
    assert not any(n.printed for n in story.notes)
    assert sum(n.kind == "omitted" for n in story.notes) == 5
    [report] = story.diagnostics
    assert report.code == "D171" and "lines 1, 3, 9, 11, 20" in report.message


def test_a_placement_must_be_one_of_three():
    assert checked_placement(" End ", "x") == "end"
    with pytest.raises(ValueError, match="keep, end, omit"):
        checked_placement("later", "--notes")


def _inspect(path, *args) -> dict:
    result = subprocess.run([sys.executable, "-m", "bookmaker", "inspect", str(path), "--json", *args],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_command_line_and_the_metadata_file(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Chapter 1\n\nA/N: thanks for reading!\n\nThe boats came in.\n\nChapter 2\n\nNone came.\n")
    assert [n["chapter"] for n in _inspect(story)["notes"]] == [1]
    assert [(n["chapter"], n["position"]) for n in _inspect(story, "--notes", "end")["notes"]] == [(None, "after")]
    assert [n["kind"] for n in _inspect(story, "--notes", "omit")["notes"]] == ["omitted"]
    (tmp_path / "story.toml").write_text('author_notes = "omit"\n')
    assert [n["kind"] for n in _inspect(story)["notes"]] == ["omitted"]  # the story's own file wins
    (tmp_path / "story.toml").write_text('author_notes = "later"\n')
    result = subprocess.run([sys.executable, "-m", "bookmaker", "inspect", str(story)], capture_output=True, text=True)
    assert result.returncode == 3 and result.stderr.count("\n") == 1 and "keep, end, omit" in result.stderr
