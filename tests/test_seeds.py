"""Each seed, alone in an empty folder, against ../shared/seeds-expected.json (what a careful editor finds)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import namedtuple
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXPECTED_FILE = ROOT.parent / "shared" / "seeds-expected.json"
EXPECTED = json.loads(EXPECTED_FILE.read_text(encoding="utf-8"))["stories"]
IDS = [story["file"][:3] for story in EXPECTED]

_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "´": "'", "`": "'", "\u00a0": " "})


def fold(text: str | None) -> str:
    """Compare text as an editor reads it: curly and straight quotes alike, `...` as `…`, spaces collapsed."""
    text = (text or "").translate(_FOLD)
    text = re.sub(r"\.{3,}|…+\.*", "…", text)
    return " ".join(text.split())


@pytest.fixture(scope="module", params=EXPECTED, ids=IDS)
def case(request, tmp_path_factory):
    """(expected, inspect --json output) for one seed copied alone into an empty folder."""
    story = request.param
    folder = tmp_path_factory.mktemp(story["file"][:3])
    shutil.copy(ROOT / "seeds" / story["file"], folder / story["file"])
    result = subprocess.run(
        [sys.executable, "-m", "bookmaker", "inspect", "--json", str(folder / story["file"])],
        capture_output=True, text=True, check=True,
    )
    assert result.stderr == ""
    Case = namedtuple("Case", "expected got")
    return Case(story, json.loads(result.stdout))


def visible_text(got: dict) -> str:
    """Everything a reader sees: title, author, notes (not their labels), chapter titles, text, end markers."""
    parts = [got["title"], got["author"]]
    parts += [n["text"] for n in got["notes"]]
    if got["epigraph"]:
        parts += [got["epigraph"]["text"], got["epigraph"]["attribution"]]
    for chapter in got["chapters"]:
        parts += [chapter["title"], *chapter["scene_headings"], chapter["text"], chapter["end_marker"]]
    return "\n".join(p for p in parts if p)


def test_shape(case):
    got = case.got
    assert set(got) == {"title", "author", "language", "reader", "series", "info", "notes", "epigraph", "chapters",
                        "diagnostics"}
    assert got["reader"] == "text" and got["series"] == [] and got["info"] == []
    assert got["language"] == "en"
    for chapter in got["chapters"]:
        assert set(chapter) == {"title", "part", "scene_breaks", "scene_headings", "end_marker", "text"}
    for note in got["notes"]:
        assert set(note) == {"position", "chapter", "label", "kind", "text"} and note["position"] in ("before", "after")
    for diagnostic in got["diagnostics"]:
        assert set(diagnostic) == {"code", "line", "message"}


def test_title_and_author(case):
    assert fold(case.got["title"]) == fold(case.expected["title"]) or case.got["title"] == case.expected["title"]
    assert case.got["author"] == case.expected["author"]


def test_notes_set_apart(case):
    got_notes = case.got["notes"]
    assert len(got_notes) == len(case.expected["notes"])
    for want in case.expected["notes"]:
        matches = [n for n in got_notes if fold(n["text"]).startswith(fold(want["starts"]))]
        assert matches, f"no note starts with {want['starts']!r}: {[n['text'][:40] for n in got_notes]}"
        note = matches[0]
        if "ends" in want:
            assert fold(note["text"]).endswith(fold(want["ends"]))
        if "label_in_source" in want:
            assert note["label"] == want["label_in_source"]
        assert note["position"] == "before"


def test_chapters(case):
    got, want = case.got["chapters"], case.expected["chapters"]
    assert [c["title"] is not None for c in got] == [c["title"] is not None for c in want]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        titles = [w["title"], *w.get("title_variants", [])]
        assert g["title"] == w["title"] or fold(g["title"]) in [fold(t) for t in titles if t]
        text = fold(g["text"])
        assert text.startswith(fold(w["first_words"])), (text[:60], w["first_words"])
        assert text.endswith(fold(w["last_words"])), (text[-60:], w["last_words"])
        assert g["scene_breaks"] == w["scene_breaks"]
        assert [fold(h) for h in g["scene_headings"]] == [fold(h) for h in w.get("scene_headings", [])]


def test_end_markers(case):
    markers = [c["end_marker"] for c in case.got["chapters"] if c["end_marker"]]
    assert len(markers) == case.expected["end_markers"]
    for chapter in case.got["chapters"]:
        text = fold(chapter["text"]).casefold()
        assert not text.endswith(("to be continued…", "the end")), "an end marker was left in the prose"


def test_must_appear_and_must_not_appear(case):
    visible = visible_text(case.got)
    for phrase in case.expected["must_appear"]:
        assert fold(phrase) in fold(visible), phrase
    for phrase in case.expected["must_not_appear"]:
        assert phrase not in visible, phrase
