"""A story may hold a worker for a bounded time only (bookmaker.budget): past it, one error line for that story,
exit 2, and the build goes on. The budget is set low through BOOKMAKER_STORY_SECONDS to see it act."""

from __future__ import annotations

import time

import pytest

from bookmaker.budget import STORY_SECONDS, reading_budget, story_seconds
from bookmaker.errors import InputError
from robustness_helpers import assert_one_error_line, bookmaker, corpus


def test_a_block_past_its_budget_is_stopped(monkeypatch):
    monkeypatch.setenv("BOOKMAKER_STORY_SECONDS", "0.2")
    start = time.perf_counter()
    with pytest.raises(InputError, match="took more than 0.2 s"):
        with reading_budget("story.txt"):
            while True:  # a rule that never ends
                pass
    assert time.perf_counter() - start < 5


def test_within_its_budget_nothing_changes(monkeypatch):
    monkeypatch.setenv("BOOKMAKER_STORY_SECONDS", "5")
    with reading_budget("story.txt"):
        total = sum(range(1000))
    assert total == 499500
    time.sleep(0.1)  # the alarm was cancelled: nothing fires after the block


@pytest.mark.parametrize("value", ["", "zero", "-3", "0"])
def test_a_bad_budget_setting_means_the_default(monkeypatch, value):
    monkeypatch.setenv("BOOKMAKER_STORY_SECONDS", value)
    assert story_seconds() == STORY_SECONDS


def test_the_build_reports_a_story_past_its_budget(tmp_path):
    (tmp_path / "story.txt").write_text(corpus.chapters(40, 1500), encoding="utf-8")
    run = bookmaker("build", "story.txt", "--out", "out", "-f", "epub", "-j", "1", cwd=tmp_path, out=tmp_path / "out",
                    env={"BOOKMAKER_STORY_SECONDS": "0.001"}, timeout=60)
    assert run.returncode == 2
    assert_one_error_line(run, "story.txt", "took more than")
    assert not (tmp_path / "out" / "story.epub").exists()


def test_a_backtracking_pattern_in_the_metadata_file_is_stopped(tmp_path):
    """The user's own [detect] pattern can backtrack for ever on one line: the budget stops it too."""
    (tmp_path / "story.txt").write_text("Chapter 1\n\n" + "a" * 40 + "b\n\nShe left.\n", encoding="utf-8")
    (tmp_path / "story.toml").write_text("[detect]\nheading = '^(a+)+$'\n", encoding="utf-8")
    run = bookmaker("build", "story.txt", "--out", "out", "-f", "epub", "-j", "1", cwd=tmp_path, out=tmp_path / "out",
                    env={"BOOKMAKER_STORY_SECONDS": "3"}, timeout=60)
    assert run.returncode == 2 and run.seconds < 30
    assert_one_error_line(run, "story.txt", "took more than 3 s")
