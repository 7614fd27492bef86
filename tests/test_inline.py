"""parse_inline: raw paragraph text -> spans; spans_to_markdown reads back the same."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bookmaker.inline import normalize_spans, parse_inline, spans_to_markdown, spans_to_text
from bookmaker.model import Span

E, S = "em", "strong"

CASES = [
    # (raw text, expected spans as (text, style) pairs)
    ("plain words", [("plain words", None)]),
    ("a *word* here", [("a ", None), ("word", E), (" here", None)]),
    ("a *few words* here", [("a ", None), ("few words", E), (" here", None)]),
    ("_word_", [("word", E)]),
    ("**x** and __y__", [("x", S), (" and ", None), ("y", S)]),
    ("<i>a</i> <EM>b</EM> <b>c</b> <Strong>d</Strong> <u>e</u>",
     [("a", E), (" ", None), ("b", E), (" ", None), ("c", S), (" ", None), ("d", S), (" ", None), ("e", E)]),
    ('<i class="calibre3">attributes go</i>', [("attributes go", E)]),
    ("&amp; &quot;x&quot; it&#8217;s&hellip; &#x2014;", [('& "x" it’s… —', None)]),
    # markup-like text that is not emphasis is story text
    ("<script>alert(1)</script>", [("<script>alert(1)</script>", None)]),
    ("<div>boxed</div>", [("<div>boxed</div>", None)]),
    ("if a < b and c > d", [("if a < b and c > d", None)]),
    ("seasons 6 & 7 and AT&T", [("seasons 6 & 7 and AT&T", None)]),
    # unbalanced or non-flanking markers stay literal
    ("5 * 3 = 15", [("5 * 3 = 15", None)]),
    ("snake_case_name", [("snake_case_name", None)]),
    ("a lone *sigh", [("a lone *sigh", None)]),
    ("<i>never closed", [("<i>never closed", None)]),
    ("closed only</b>", [("closed only</b>", None)]),
    # censored swear words are not emphasis
    ("f*ck this sh*t", [("f*ck this sh*t", None)]),
    # backslash escapes
    (r"\*not em\* and \_ and \<i>", [("*not em* and _ and <i>", None)]),
    # neighbours of one style merge; nested emphasis: the innermost style wins
    ("<i>a</i><em>b</em>", [("ab", E)]),
    ("<b>bold <i>it</i> more</b>", [("bold ", S), ("it", E), (" more", S)]),
    # quotes around emphasis stay outside it
    ('"<i>word</i>"', [('"', None), ("word", E), ('"', None)]),
    # seed 000's author's note: asterisk actions become emphasis, never lose the word
    ("a lot of mistakes *blush* Thanks to my beta Anisha *hugs*",
     [("a lot of mistakes ", None), ("blush", E), (" Thanks to my beta Anisha ", None), ("hugs", E)]),
    # not a seed: a fanfiction.net author's note (ficarchive 9111352) with asterisk actions
    ("Hi Everyone! *waves*", [("Hi Everyone! ", None), ("waves", E)]),
    ("", []),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_parse_inline(raw, expected):
    assert [(s.text, s.style) for s in parse_inline(raw)] == expected


def test_no_empty_spans_and_no_two_neighbours_of_one_style():
    spans = parse_inline("**<b></b>** a <i></i>*b*_c_")
    assert all(s.text for s in spans)
    assert all(a.style != b.style for a, b in zip(spans, spans[1:]))


def test_spans_to_text():
    assert spans_to_text(parse_inline("a *b* c")) == "a b c"


@pytest.mark.parametrize("spans, markdown", [
    ([Span("a "), Span("word", E), Span(".")], "a *word*."),
    ([Span("x", S)], "**x**"),
    ([Span("5 * 3 <b> & snake_case \\")], r"5 \* 3 \<b> \& snake\_case \\"),
    # emphasis with an edge space cannot be written with stars: a tag reads back the same
    ([Span("say "), Span(" hi", E)], "say <em> hi</em>"),
])
def test_spans_to_markdown(spans, markdown):
    assert spans_to_markdown(spans) == markdown
    assert parse_inline(markdown) == normalize_spans(spans)


# Paragraph text: any printable characters, with the markup characters made likely.
_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("*_<>&\\ #;'\"aZ9.,!-")),
        st.characters(blacklist_categories=("Cc", "Cs")),
    ),
    max_size=12,
)
_spans = st.lists(st.builds(Span, _text, st.sampled_from([None, "em", "strong"])), max_size=6)


@settings(max_examples=600, deadline=None)
@given(_spans)
def test_markdown_round_trip(spans):
    assert parse_inline(spans_to_markdown(spans)) == normalize_spans(spans)


@settings(max_examples=300, deadline=None)
@given(_text)
def test_parse_never_loses_a_word(raw):
    """Whatever the markup, the words of the raw text are all in the spans' text."""
    words = [w for w in raw.replace("\\", " ").split() if w.isalnum()]
    text = spans_to_text(parse_inline(raw))
    assert all(word in text for word in words)
