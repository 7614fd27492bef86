"""Shared fixtures: small hand-built manuscripts and a fixed build date."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bookmaker.model import Chapter, Manuscript, Metadata, Note, Paragraph, SceneBreak, SceneHeading, Span

FIXED_EPOCH = 1_700_000_000  # 2023-11-14T22:13:20Z


def _rich_story() -> Manuscript:
    """Three chapters with every kind of block: notes before/after, scene headings and breaks, emphasis,
    an end marker, markup-like text that must be shown literally, and a control character."""
    return Manuscript(
        meta=Metadata(title="The <Lantern> & the Moth", author="A. N. Author", language="en",
                      summary="A moth & a lantern.", tags=["Drama", "Short"], source="lantern.txt"),
        notes=[
            Note([Paragraph.plain("Thanks for reading! <script>alert('x')</script>")], label="A/N:", line=1),
            Note([Paragraph.plain("Chapter one note.")], chapter=1, line=3),
            Note([Paragraph.plain("See you next time.")], chapter=2, position="after", line=40),
            Note([Paragraph.plain("Final thanks.")], position="after", line=90),
        ],
        chapters=[
            Chapter([SceneHeading("One Year Earlier"),
                     Paragraph([Span("The moth was "), Span("very", "em"), Span(" "), Span("tired", "strong"),
                                Span(".\x07")]),
                     Paragraph.plain("It flew on."),
                     SceneBreak(source="***"),
                     SceneHeading("Present Day"),
                     Paragraph.plain("The lantern burned.")],
                    title="The Moth", label="Chapter 1", end_marker="To Be Continued…"),
            Chapter([Paragraph.plain("A short second chapter."), SceneBreak(), Paragraph.plain("After the break.")],
                    title="Rejections & Regrets"),
            Chapter([Paragraph.plain("<b>Not bold</b> and the end.")], title="Coming Home", end_marker="The End"),
        ],
    )


@pytest.fixture(scope="session")
def rich_story():
    """A factory: rich_story() -> a fresh Manuscript of three chapters with every kind of block."""
    return _rich_story


@pytest.fixture
def fixed_date(monkeypatch) -> datetime:
    """SOURCE_DATE_EPOCH set to a fixed moment; returns that moment."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIXED_EPOCH))
    return datetime.fromtimestamp(FIXED_EPOCH, timezone.utc)
