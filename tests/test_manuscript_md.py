"""The Markdown manuscript: writing then reading gives the same manuscript, for every seed and for odd text."""

from __future__ import annotations

from pathlib import Path

import pytest

from bookmaker import manuscript_md, views
from bookmaker.model import Chapter, Epigraph, Manuscript, Metadata, Note, Paragraph, SceneBreak, SceneHeading, Span
from bookmaker.pipeline import compile_story

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def comparable(manuscript: Manuscript) -> dict:
    """Everything but diagnostics and source line numbers (a .md file has its own lines)."""
    data = views.to_json(manuscript)
    data.pop("diagnostics")
    data.pop("reader")  # which reader read it: the text first, bookmaker's manuscript then
    data["blocks"] = [[(type(b).__name__, getattr(b, "spans", None) or getattr(b, "text", None)) for b in c.blocks]
                      for c in manuscript.chapters]
    data["labels"] = [c.label for c in manuscript.chapters]
    data["meta"] = vars(manuscript.meta) | {"source": None}
    return data


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name[:3] for s in SEEDS])
def test_round_trip_on_every_seed(seed, tmp_path):
    original = compile_story(seed)
    target = tmp_path / "story.md"
    target.write_text(manuscript_md.write(original), encoding="utf-8")
    again = compile_story(target)
    assert comparable(again) == comparable(original)


def test_round_trip_keeps_syntax_like_text_literal():
    manuscript = Manuscript(
        meta=Metadata(title='A "quoted" title', author="Ann", tags=["x"]),
        notes=[Note([Paragraph.plain("# not a heading")], "before", None, 'Label "with" quotes')],
        chapters=[Chapter(blocks=[Paragraph([Span("* * *")]), Paragraph([Span("::: note"), Span("bold", "strong")]),
                                  SceneBreak(), SceneHeading("Later"), Paragraph.plain("+++")],
                          title=None, label="II", end_marker="The End")],
    )
    again = manuscript_md.read(manuscript_md.write(manuscript))
    assert comparable(again) == comparable(manuscript)


def test_hand_written_manuscript_wraps_lines():
    text = "+++\ntitle = \"T\"\n+++\n\n# One\n\nA paragraph that an editor\nwrapped by hand.\n\n* * *\n\nNext scene.\n"
    manuscript = manuscript_md.read(text)
    chapter = manuscript.chapters[0]
    assert chapter.title == "One" and chapter.scene_breaks == 1
    assert chapter.paragraphs[0].text == "A paragraph that an editor wrapped by hand."


TITLES = ["Room {B}", "{untitled}", "{}", "ends in a backslash\\", "\\{escaped\\}", 'x {label="y"}', "{", "}",
          "#hashtag", "* * *", 'He said "hi" {ok}', "Sets {a} and {b}"]


@pytest.mark.parametrize("title", TITLES)
def test_round_trip_keeps_every_character_of_a_title(title):
    """Braces, backslashes and the untitled mark in a title, a label or a part come back as they were."""
    chapters = [Chapter(blocks=[Paragraph.plain("Text.")], title=title),
                Chapter(blocks=[Paragraph.plain("More.")], title=title, label=f"Chapter {title}", part=title),
                Chapter(blocks=[Paragraph.plain("End.")], title=None, label=title)]
    manuscript = Manuscript(meta=Metadata(title=title), chapters=chapters)
    again = manuscript_md.read(manuscript_md.write(manuscript))
    assert [(c.title, c.label, c.part) for c in again.chapters] == [(c.title, c.label, c.part) for c in chapters]
    assert again.meta.title == title


def test_round_trip_of_a_story_with_braces_in_its_headings(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Chapter 1: Room {B}\n\nShe knocked twice and waited by the door.\n\n"
                     "Chapter 2: {untitled}\n\nNobody answered, so she knocked again.\n", encoding="utf-8")
    original = compile_story(story)
    assert [c.title for c in original.chapters] == ["Room {B}", "{untitled}"]
    target = tmp_path / "story.md"
    target.write_text(manuscript_md.write(original), encoding="utf-8")
    assert comparable(compile_story(target)) == comparable(original)


def test_hand_written_braces_that_are_no_attributes_are_title_text():
    manuscript = manuscript_md.read('# Room {B}\n\nText.\n\n# {untitled label="Chapter 2"}\n\nMore.\n')
    assert [(c.title, c.label) for c in manuscript.chapters] == [("Room {B}", None), (None, "Chapter 2")]


@pytest.mark.parametrize("text", [":::", "::: end", "# x", "+++", "* * *", "\\:::", "\\\\# y", "\\plain"])
def test_round_trip_keeps_end_markers_and_epigraphs_that_look_like_syntax(text):
    manuscript = Manuscript(meta=Metadata(title="T"), epigraph=Epigraph(text, None),
                            chapters=[Chapter(blocks=[Paragraph.plain(text)], title="A", end_marker=text)])
    again = manuscript_md.read(manuscript_md.write(manuscript))
    assert (again.epigraph.text, again.chapters[0].end_marker, again.chapters[0].paragraphs[0].text) == (text,) * 3
