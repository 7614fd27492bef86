"""Generated stories (hypothesis): random structure (headings, breaks, notes, end markers, emphasis) and random Unicode
(right-to-left scripts, combining marks, emoji, control characters) -> the manuscript keeps every word, in order;
rendering and packaging never raise; a sample of the EPUBs passes EPUBCheck."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bookmaker.decode import decode
from bookmaker.detect import detect
from bookmaker.detect.scene_break import is_scene_break
from bookmaker.errors import InputError
from bookmaker.render import render_book
from bookmaker.render.book import Options
from bookmaker.typography import apply_typography
from robustness_helpers import ROOT, epubcheck, load, problems

nothing_lost = load("_nothing_lost_helpers", ROOT / "tests" / "test_nothing_lost.py")
SHOWN_ONCE = nothing_lost.SHOWN_ONCE

# ---------------------------------------------------------------------------------------------- the strategies

LATIN = st.text(st.characters(codec="ascii", categories=["Ll", "Lu"]), min_size=1, max_size=9)
SCRIPTS = st.sampled_from([
    "\u05d0-\u05ea",  # Hebrew (right to left)
    "\u0627-\u064a",  # Arabic (right to left, joining)
    "\u00c0-\u00ff",  # Latin-1 letters
    "\u0400-\u044f",  # Cyrillic
    "\u4e00-\u4e3f",  # CJK
    "\u0e01-\u0e2e",  # Thai
])


@st.composite
def foreign_word(draw) -> str:
    low, high = (ord(c) for c in draw(SCRIPTS).split("-"))
    letters = draw(st.lists(st.integers(low, high).map(chr).filter(str.isalpha), min_size=1, max_size=7))
    word = "".join(letters)
    if draw(st.booleans()):  # a combining mark on a letter (acute, diaeresis, dot below, Hebrew point)
        word += draw(st.sampled_from(["\u0301", "\u0308", "\u0323", "\u05b8"]))
    return word


EMOJI = st.sampled_from(["🦋", "👩‍👩‍👧", "❤️", "🏳️‍🌈", "👍🏽", "🇫🇷"])
CONTROL = st.sampled_from(["\x00", "\x07", "\x0b", "\x1b", "\x7f", "\u200b", "\u200e", "\u202e", "\ufeff"])
PUNCTUATION = st.sampled_from([",", ".", "!", "?", "...", "--", ";", ":", "'", "\"", "“", "”", "’", "…", "—"])


@st.composite
def word(draw) -> str:
    core = draw(st.one_of(LATIN, LATIN, LATIN, foreign_word(), st.from_regex(r"[A-Za-z]+'[a-z]{1,2}", fullmatch=True)))
    if draw(st.integers(0, 9)) == 0:
        core = draw(EMOJI) + core
    if draw(st.integers(0, 14)) == 0:
        at = draw(st.integers(0, len(core)))
        core = core[:at] + draw(CONTROL) + core[at:]
    if draw(st.integers(0, 4)) == 0:
        core += draw(PUNCTUATION)
    return core


@st.composite
def paragraph(draw) -> str:
    words = draw(st.lists(word(), min_size=1, max_size=14))
    if len(words) > 2 and draw(st.booleans()):  # emphasis, as raw stories write it
        i = draw(st.integers(0, len(words) - 2))
        left, right = draw(st.sampled_from([("*", "*"), ("_", "_"), ("**", "**"), ("<i>", "</i>"), ("<b>", "</b>")]))
        words[i], words[i + 1] = left + words[i], words[i + 1] + right
    return " ".join(words)


def roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        out += letters * (n // value)
        n %= value
    return out


@st.composite
def block(draw) -> str:
    kind = draw(st.sampled_from(["para"] * 8 + ["heading", "break", "note", "end", "field"]))
    if kind == "field":  # an archive's story header line
        label = draw(st.sampled_from(["Rating", "Pairing", "Words", "Status", "Characters"]))  # kept as notes
        return f"{label}: {draw(paragraph())}"
    if kind == "heading":
        n = draw(st.integers(1, 30))
        title = " ".join(draw(st.lists(word(), min_size=1, max_size=4)))
        return draw(st.sampled_from([f"Chapter {n}", f"Chapter {n}: {title}", f"CHAPTER {roman(n)}", f"# {title}",
                                     f"Part {roman(n)}", f"Chapter {n} - {title}"]))
    if kind == "break":
        return draw(st.sampled_from(["***", "* * *", "~~~", "#", "-----", "oOo", "~*~", "Scene Break", "<hr>"]))
    if kind == "note":
        return draw(st.sampled_from(["A/N: ", "Author's Note: ", "Disclaimer: ", "(A/N: "])) + draw(paragraph())
    return draw(st.sampled_from(["To be continued...", "The End", "TBC", "~Fin~", "End of Chapter 2"]))


@st.composite
def stories(draw) -> str:
    blocks = draw(st.lists(block(), min_size=1, max_size=25))
    gaps = draw(st.lists(st.sampled_from(["\n", "\n\n", "\n\n", "\n\n\n", "\r\n\r\n"]), min_size=len(blocks), max_size=len(blocks)))
    return "".join(b + g for b, g in zip(blocks, gaps))


# ---------------------------------------------------------------------------------------------- the properties

def kept_in_source_order(manuscript) -> list[str]:
    """Every piece of text the manuscript keeps, by source line: tests/test_nothing_lost.py's, with part titles
    (a story of parts puts "Part One" on the chapter that opens it)."""
    from bookmaker.model import Paragraph, SceneHeading

    pieces: list[tuple[float, int, str]] = [(0, 0, manuscript.meta.title or ""), (0, 1, manuscript.meta.author or "")]
    pieces += [(note.line or 0, 0, f"{note.label or ''} {note.text}") for note in manuscript.notes]
    if manuscript.epigraph:
        pieces.append((manuscript.epigraph.line or 0, 0, f"{manuscript.epigraph.text} {manuscript.epigraph.attribution or ''}"))
    part = None
    for number, chapter in enumerate(manuscript.chapters, start=1):
        last = chapter.line or 0
        if chapter.part != part:
            part = chapter.part
            pieces.append((last - 0.5, 0, part or ""))
        pieces.append((last, 0, f"{chapter.label or ''} {chapter.title or ''}"))
        for block in chapter.blocks:
            if isinstance(block, (Paragraph, SceneHeading)):
                pieces.append((block.line or last, 1, block.text))
                last = block.line or last
        if chapter.end_marker:  # the model keeps no line for it: after the chapter's text and its opening notes
            opening = [n.line for n in manuscript.notes if n.chapter == number and n.position == "before" and n.line]
            pieces.append((max([last, *opening]) + 0.5, 2, chapter.end_marker))
    return [text for _, _, text in sorted(pieces, key=lambda p: (p[0], p[1]))]


INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")  # zero-width: typography may drop them, a reader sees no gap


def words(text: str) -> list[str]:
    return nothing_lost.words(INVISIBLE.sub("", text))


EMPHASIS_TAG = re.compile(r"</?(?:i|em|b|strong|u)(?:\s[^<>]*)?>", re.I)  # dropped by design: the style is kept
PROPERTIES = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def compiled(story: str):
    """What `compile_story` does to a raw text file, on bytes in memory: decode -> detect -> typography."""
    decoded = decode(story.encode("utf-8"), "generated.txt")
    manuscript = detect(decoded.text)
    manuscript.diagnostics[:0] = decoded.diagnostics
    apply_typography(manuscript)
    manuscript.meta.source = "generated.txt"
    return decoded.text, manuscript


@PROPERTIES
@given(stories())
def test_every_word_reaches_the_manuscript_in_order(story):
    try:
        text, manuscript = compiled(story)
    except InputError:
        assert not words(story), "a story with words was refused"
        return
    skipped = {d.line for d in manuscript.diagnostics if d.code in SHOWN_ONCE}
    # A drawn divider (`oOo`, `Scene Break`) is a scene break, not words, by design.
    source = [w for number, line in enumerate(text.split("\n"), start=1)
              if number not in skipped and not is_scene_break(line.strip())
              for w in words(EMPHASIS_TAG.sub(" ", line))]
    output = words(" ".join(kept_in_source_order(manuscript)))
    lost = nothing_lost.first_lost(source, output)
    assert lost is None, (
        f"word {source[lost]!r} lost or out of order near {' '.join(source[max(0, lost - 6):lost + 3])!r}")


@PROPERTIES
@given(stories(), st.sampled_from(["en", "he", "ar", "fr", "ja", "x-unknown"]))
def test_rendering_and_packaging_never_raise(story, language):
    from bookmaker.writers import epub, pdf

    try:
        _, manuscript = compiled(story)
    except InputError:
        return
    manuscript.meta.language = language
    book = render_book(manuscript, Options())
    assert book.documents
    pdf.assemble(book)  # the one HTML document WeasyPrint would lay out: well-formed, links rewritten
    epub._reader_css((ROOT / "styles" / "book.css").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_epubs(tmp_path_factory) -> list:
    """Five generated stories, the most varied of 40 drawn, written as EPUBs (and one as a PDF)."""
    from bookmaker.writers import writer_for

    drawn: list[str] = []

    @settings(max_examples=40, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(stories())
    def draw(story):
        drawn.append(story)

    draw()
    out = tmp_path_factory.mktemp("generated")
    written = []
    for n, story in enumerate(sorted(set(drawn), key=lambda s: -len(set(s)))[:5]):
        try:
            _, manuscript = compiled(story)
        except InputError:
            continue
        book = render_book(manuscript, Options())
        path = out / f"generated-{n}.epub"
        writer_for("epub").write(book, path, Options())
        if n == 0:
            writer_for("pdf").write(book, path.with_suffix(".pdf"), Options())
        written.append(path)
    assert len(written) >= 3
    return written


def test_a_sample_of_generated_epubs_passes_epubcheck(sample_epubs):
    reports = epubcheck(sample_epubs)
    assert {path.name: problems(report) for path, report in reports.items()} == {p.name: [] for p in sample_epubs}


def test_a_generated_pdf_passes_qpdf(sample_epubs):
    from robustness_helpers import qpdf_check

    clean, said = qpdf_check(sample_epubs[0].with_suffix(".pdf"))
    assert clean, said
