"""The registry and the driver: order, scopes, skipping, counts, every text node of a Manuscript."""

import json
import re
from pathlib import Path

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bookmaker.inline import parse_inline
from bookmaker.model import (Chapter, Epigraph, Manuscript, Metadata, Note, Paragraph, SceneBreak,
                             SceneHeading, Span)
from bookmaker.typography import (ENDS, PARAGRAPH, PASS_NAMES, PASSES, SPAN, Pass, apply_to_spans,
                                  apply_typography, run_pass, typeset)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
EXPECTED = ROOT.parent / "shared" / "seeds-expected.json"


def test_registry_is_explicit_and_documented():
    assert len(set(PASS_NAMES)) == len(PASSES)
    for entry in PASSES:
        assert entry.scope in (SPAN, PARAGRAPH, ENDS)
        doc = entry.function.__doc__ or ""
        assert "Signal:" in doc and "Example" in doc, entry.name
    # the order the passes rely on (see registry.py)
    order = PASS_NAMES.index
    assert order("ellipses") < order("quotes") and order("dashes") < order("quotes")
    assert order("apostrophes") < order("quotes") < order("quote-spacing")
    assert order("ellipses") < order("sentence-space")


def test_run_pass_and_unknown_names():
    assert run_pass("dashes", "a--b") == "a—b"
    with pytest.raises(ValueError, match="known passes"):
        run_pass("smart-quotes", "x")
    with pytest.raises(ValueError):
        typeset("x", skip={"no-such-pass"})


@pytest.mark.parametrize("text, expected", [
    ("It starts with goodbye...", "It starts with goodbye…"),  # seed 003's chapter title
    (" Chapter 1", "Chapter 1"),
    ("To Be Continued....", "To Be Continued…"),
    ("Jealous Much?", "Jealous Much?"),
    ('"Quoted"  title--again', "“Quoted” title—again"),
])
def test_typeset(text, expected):
    assert typeset(text) == expected


def test_typeset_skip():
    assert typeset('"a"...', skip={"quotes"}) == '"a"…'


def spans(*pairs):
    return [Span(text, style) for text, style in pairs]


def test_quotes_see_across_spans_and_stay_in_their_spans():
    para = Paragraph(spans(('"', None), ("word", "em"), ('" she said', None)))
    apply_typography(Manuscript(chapters=[Chapter([para])]))
    assert [(s.text, s.style) for s in para.spans] == [("“", None), ("word", "em"), ("” she said", None)]


def test_trim_takes_the_ends_off_the_paragraph_not_off_each_span():
    para = Paragraph(spans(("  He said ", None), ("no", "em"), (" twice ", None), (" ", "strong")))
    apply_typography(Manuscript(chapters=[Chapter([para])]))
    assert [(s.text, s.style) for s in para.spans] == [("He said ", None), ("no", "em"), (" twice", None)]


def test_one_space_where_two_spans_meet():
    para = Paragraph(spans(("He said ", None), ("  no", "em"), (" ", None), (" twice", "strong")))
    counts = apply_typography(Manuscript(chapters=[Chapter([para])]))
    assert [(s.text, s.style) for s in para.spans] == [("He said ", None), ("no", "em"), (" ", None),
                                                       ("twice", "strong")]
    assert counts["whitespace"] == 1


def test_paragraph_scope_must_keep_length():
    bad = Pass("bad", lambda text: text + "!", PARAGRAPH)
    with pytest.raises(AssertionError, match="length"):
        apply_to_spans(bad, [Span("a")])


def test_every_text_node_is_typeset_and_counted():
    m = Manuscript(
        meta=Metadata(title="Missing Him..."),
        notes=[Note([Paragraph.plain("I´m sorry")])],
        epigraph=Epigraph("\"Quoted\"", attribution="--Somebody"),
        chapters=[Chapter(
            blocks=[SceneHeading(" One Year Earlier "), Paragraph.plain("ready.Spike"), SceneBreak(),
                    Paragraph.plain("plain")],
            title="It starts with goodbye...", part="Part  One", end_marker="To Be Continued....",
        )],
    )
    counts = apply_typography(m)
    chapter = m.chapters[0]
    assert m.meta.title == "Missing Him…"
    assert m.notes[0].paragraphs[0].text == "I’m sorry"
    assert (m.epigraph.text, m.epigraph.attribution) == ("“Quoted”", "—Somebody")
    assert chapter.blocks[0].text == "One Year Earlier"
    assert chapter.paragraphs[0].text == "ready. Spike"
    assert (chapter.title, chapter.part, chapter.end_marker) == (
        "It starts with goodbye…", "Part One", "To Be Continued…")
    assert counts == {"whitespace": 1, "trim": 1, "ellipses": 3, "dashes": 1, "apostrophes": 1,
                      "quotes": 1, "quote-spacing": 0, "punctuation-space": 0, "sentence-space": 1}


def test_skip_switches_a_pass_off():
    para = Paragraph.plain('"Hi"--she said...')
    counts = apply_typography(Manuscript(chapters=[Chapter([para])]), skip={"quotes"})
    assert para.text == '"Hi"—she said…'
    assert "quotes" not in counts


# --- the seeds: typography changes punctuation and spacing, never words -----------------------

def _paragraphs(path):
    # ftfy stands in for the decode stage (it repairs seed 004's mojibake); every line is a paragraph
    text = ftfy.fix_text(path.read_text(encoding="utf-8"), uncurl_quotes=False)
    return [Paragraph(parse_inline(line), n) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def _words(text):
    return re.findall(r"[^\W_]+", text)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_words_are_all_kept(path):
    paragraphs = _paragraphs(path)
    before = [_words(p.text) for p in paragraphs]
    apply_typography(Manuscript(chapters=[Chapter(list(paragraphs))]))
    assert [_words(p.text) for p in paragraphs] == before


def _fold(text):
    return text.translate(str.maketrans("‘’“”", "''\"\""))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_expectations_about_text(path):
    """must_appear strings appear; must_not_appear strings inside running text are gone.

    must_not_appear strings that fill a whole source line (labels, scene-break rows) are for
    detection, not typography, and are not checked here.
    """
    story = next(s for s in json.loads(EXPECTED.read_text())["stories"] if s["file"] == path.name)
    paragraphs = _paragraphs(path)
    raw_lines = [p.text for p in paragraphs]
    apply_typography(Manuscript(chapters=[Chapter(paragraphs)]))
    text = "\n".join(p.text for p in paragraphs)
    for wanted in story["must_appear"]:
        assert _fold(wanted) in _fold(text), wanted
    for unwanted in story["must_not_appear"]:
        if any(line.strip() and unwanted in line and line.strip() != unwanted.strip()
               and not set(line.strip()) <= set(unwanted) for line in raw_lines):
            assert unwanted not in text, unwanted


# --- any input: no pass raises, no letter or digit is added, lost or moved ---------------------

_chars = st.one_of(st.sampled_from(list("\"'“”‘’´`′ .!?…-—\t\u00a0\u200baZs9")),
                   st.characters(blacklist_categories=("Cs",)))
_spans = st.lists(st.builds(Span, st.text(_chars, max_size=10), st.sampled_from([None, "em", "strong"])), max_size=5)


@settings(max_examples=300, deadline=None)
@given(_spans)
def test_letters_and_digits_survive_every_pass(spans_in):
    para = Paragraph(list(spans_in))
    letters = "".join(re.findall(r"[^\W_]", para.text))
    apply_typography(Manuscript(chapters=[Chapter([para])]))
    assert "".join(re.findall(r"[^\W_]", para.text)) == letters
    assert all(s.text for s in para.spans)
