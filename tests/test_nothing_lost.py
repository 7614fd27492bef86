"""Nothing lost: every word of each seed appears, in order, in the manuscript (ignoring what typography changed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bookmaker.decode import read_text
from bookmaker.model import Manuscript, Paragraph, SceneHeading
from bookmaker.pipeline import compile_story

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
# Lines the compiler reports it deliberately showed once (a repeated chapter label, an author's name repeated in
# every `TITLE by AUTHOR` heading): their words are kept elsewhere, not at that place.
SHOWN_ONCE = {"D120"}
_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "´": "'", "`": "'"})


def words(text: str) -> list[str]:
    return [w.casefold() for w in re.findall(r"[^\W_]+", text.translate(_FOLD))]


def first_lost(source: list[str], output: list[str]) -> int | None:
    """Index of the first source word not found in the output after the words before it, or None: all in order."""
    position = 0
    for index, word in enumerate(source):
        try:
            position = output.index(word, position) + 1
        except ValueError:
            return index
    return None


def output_in_source_order(manuscript: Manuscript) -> list[str]:
    """Every piece of text the manuscript keeps, ordered by the source line it came from."""
    pieces: list[tuple[float, int, str]] = [(0, 0, manuscript.meta.title or ""), (0, 1, manuscript.meta.author or "")]
    if manuscript.epigraph:
        epigraph = manuscript.epigraph
        pieces.append((epigraph.line or 0, 0, f"{epigraph.text} {epigraph.attribution or ''}"))
    for note in manuscript.notes:
        pieces.append((note.line or 0, 0, f"{note.label or ''} {note.text}"))
    for chapter in manuscript.chapters:
        last = chapter.line or 0
        pieces.append((last, 0, f"{chapter.label or ''} {chapter.title or ''}"))
        for block in chapter.blocks:
            if isinstance(block, (Paragraph, SceneHeading)):
                pieces.append((block.line or last, 1, block.text))
                last = block.line or last
        if chapter.end_marker:
            pieces.append((last + 0.5, 2, chapter.end_marker))
    return [text for _, _, text in sorted(pieces, key=lambda p: (p[0], p[1]))]


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name[:3] for s in SEEDS])
def test_every_word_reaches_the_manuscript_in_order(seed):
    manuscript = compile_story(seed)
    skipped = {d.line for d in manuscript.diagnostics if d.code in SHOWN_ONCE}
    source = [w for number, line in enumerate(read_text(seed).split("\n"), start=1)
              if number not in skipped for w in words(line)]
    output = words(" ".join(output_in_source_order(manuscript)))
    lost = first_lost(source, output)
    if lost is not None:
        context = " ".join(source[max(0, lost - 8): lost + 3])
        pytest.fail(f"{seed.name}: word {source[lost]!r} lost or out of order near: {context!r}")
