"""The Markdown manuscript: writing then reading gives the same manuscript, for every seed and for odd text."""

from __future__ import annotations

from pathlib import Path

import pytest

from bookmaker import manuscript_md, views
from bookmaker.model import Chapter, Manuscript, Metadata, Note, Paragraph, SceneBreak, SceneHeading, Span
from bookmaker.pipeline import compile_story

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def comparable(manuscript: Manuscript) -> dict:
    """Everything but diagnostics and source line numbers (a .md file has its own lines)."""
    data = views.to_json(manuscript)
    data.pop("diagnostics")
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
