"""markdown_to_story_text: a Markdown story -> raw text for detection, fields, line map; nothing is lost."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bookmaker.inline import normalize_spans, parse_inline
from bookmaker.model import Span
from bookmaker.readers import is_bookmaker_manuscript, markdown_to_story_text


def lines_of(markdown: str) -> list[str]:
    """The non-blank lines of the converted text."""
    return [line for line in markdown_to_story_text(markdown).text.split("\n") if line]


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text)


@pytest.mark.parametrize("text, expected", [
    ("+++\ntitle = \"x\"\n+++\n\n# One\n", True),
    ("\ufeff\n\n+++  \n+++\n", True),
    ("---\ntitle: x\n---\n\nText.\n", False),
    ("Text with +++ inside.\n", False),
    ("+++x\n", False),
    ("", False),
])
def test_is_bookmaker_manuscript(text, expected):
    assert is_bookmaker_manuscript(text) is expected


def test_yaml_front_matter_gives_fields_and_leaves_the_text():
    story = markdown_to_story_text(
        "---\n"
        'title: "Winter: A Tale"\n'
        "author: [Ann Lee, 'Bo O''Neil']\n"
        "lang: en-GB\n"
        "date: 2019-11-05\n"
        "summary: >\n"
        "  Two friends walk\n"
        "  home in the snow.\n"
        "tags:\n"
        "- snow\n"
        "- friendship\n"
        "---\n"
        "\n"
        "It was cold.\n")
    assert story.fields == {"title": "Winter: A Tale", "author": "Ann Lee, Bo O'Neil", "language": "en-GB",
                            "date": "2019-11-05", "summary": "Two friends walk home in the snow.",
                            "tags": "snow, friendship"}
    assert story.text == "It was cold.\n"
    assert story.line_map == [14]


def test_yaml_block_scalar_and_nested_author_list():
    story = markdown_to_story_text(
        "---\nabstract: |\n  Line one.\n  Line two.\nauthor:\n  - name: Ann Lee\n    affiliation: Home\n...\nText.\n")
    assert story.fields == {"summary": "Line one.\nLine two.", "author": "Ann Lee Home"}
    assert story.text == "Text.\n"


def test_a_rule_opening_the_story_is_not_front_matter():
    story = markdown_to_story_text("---\n\nShe ran.\n\n---\n\nHe followed.\n")
    assert story.fields == {}
    assert story.text == "* * *\n\nShe ran.\n\n* * *\n\nHe followed.\n"


def test_pandoc_title_block():
    story = markdown_to_story_text("% The Long\n  Road\n% Ann Lee; Bo Ng\n% 3 March 2021\n\nThey walked.\n")
    assert story.fields == {"title": "The Long Road", "author": "Ann Lee, Bo Ng", "date": "3 March 2021"}
    assert story.text == "They walked.\n"
    assert story.line_map == [6]


def test_headings_keep_their_level_and_source_line():
    story = markdown_to_story_text(
        "# Part One\n\n## Chapter 1: *Snow*\n\nText.\n\nThe Thaw\n--------\n\n### Later {#later .scene}\n")
    assert story.text == "# Part One\n\n## Chapter 1: *Snow*\n\nText.\n\n## The Thaw\n\n### Later\n"
    assert story.line_map == [1, 1, 3, 3, 5, 5, 7, 7, 10]


def test_bold_line_chapter_heading_stays_a_paragraph_line():
    assert lines_of("Text.\n\n**Chapter 2: The Road**\n\nMore.\n") == ["Text.", "**Chapter 2: The Road**", "More."]


def test_backslash_escapes_resolve_to_their_characters():
    assert lines_of(r"I don\'t know, \"Hi\" -- a well\-known fact\! It\'s 5 \* 3\.") == [
        "I don't know, \"Hi\" -- a well-known fact! It's 5 \\* 3."]


@pytest.mark.parametrize("markdown", ["5 * 3 = 15", "snake_case_name", "*sigh", r"a \_ b", "**"])
def test_literal_stars_and_underscores_stay_literal_downstream(markdown):
    [line] = lines_of(markdown)
    plain = markdown.replace("\\", "")
    assert parse_inline(line) == [Span(plain, None)]


@pytest.mark.parametrize("rule", ["---", "***", "* * *", "___", "- - -", "*****"])
def test_thematic_breaks_become_the_break_line(rule):
    assert lines_of(f"Before.\n\n{rule}\n\nAfter.\n") == ["Before.", "* * *", "After."]


@pytest.mark.parametrize("markdown, line, spans", [
    ("a *em* b", "a *em* b", [("a ", None), ("em", "em"), (" b", None)]),
    ("_em_ and __strong__", "*em* and **strong**", [("em", "em"), (" and ", None), ("strong", "strong")]),
    ("***both***", "***both***", [("both", "strong")]),
    ("**strong *em* strong**", "**strong *em* strong**", [("strong ", "strong"), ("em", "em"), (" strong", "strong")]),
    ("*em **strong** em*", "*em **strong** em*", [("em ", "em"), ("strong", "strong"), (" em", "em")]),
    # touching another emphasis, `_` keeps its own character: `**a**b*` would not read back
    ("_a_*b*", "_a_*b*", [("a", "em"), ("b", "em")]),
])
def test_emphasis_is_written_back_as_markers_parse_inline_reads(markdown, line, spans):
    assert lines_of(markdown) == [line]
    assert parse_inline(line) == normalize_spans([Span(text, style) for text, style in spans])


def test_blockquote_paragraphs_become_plain_lines():
    story = markdown_to_story_text("Before.\n\n> Dear *Sam*,\n> I miss you.\n>\n> Ann\n\nAfter.\n")
    assert story.text == "Before.\n\nDear *Sam*, I miss you.\n\nAnn\n\nAfter.\n"
    assert story.line_map == [1, 1, 3, 3, 6, 6, 8]


def test_list_items_keep_their_markers():
    assert lines_of("- milk\n- eggs\n\n* tea\n\n3. three\n4) four\n") == [
        "- milk", "- eggs", "\\* tea", "3. three", "4) four"]


def test_soft_breaks_join_and_hard_breaks_split_keeping_emphasis():
    story = markdown_to_story_text("One line\nwrapped here.\n\n*Roses are red,  \nviolets blue*<br>the end\n")
    assert story.text == "One line wrapped here.\n\n*Roses are red,*\n\n*violets blue*\n\nthe end\n"
    assert story.line_map == [1, 1, 4, 4, 5, 5, 5]


def test_html_inline_passes_through():
    [line] = lines_of("She <i>knew</i> it.")
    assert line == "She <i>knew</i> it."
    assert parse_inline(line) == [Span("She ", None), Span("knew", "em"), Span(" it.", None)]


def test_author_note_in_brackets_is_not_swallowed_as_a_link_definition():
    assert lines_of("[A/N]: thanks for reading!\n") == ["[A/N]: thanks for reading!"]


def test_links_keep_their_text_and_address():
    assert lines_of("See [my blog](https://ex.am/ple) or <https://auto.link>.") == [
        "See my blog (https://ex.am/ple) or https://auto.link."]


def test_code_becomes_plain_text_lines():
    story = markdown_to_story_text("Type `a*b` now.\n\n```\nfirst *line*\n\nsecond\n```\n\n    indented\n")
    assert story.text == "Type a\\*b now.\n\nfirst \\*line\\*\n\nsecond\n\nindented\n"
    assert story.line_map == [1, 1, 4, 4, 6, 6, 9]


def test_a_literal_hash_line_is_not_read_as_a_heading():
    assert lines_of("\\# not a heading\n") == ["\\# not a heading"]
    assert parse_inline("\\# not a heading") == [Span("# not a heading", None)]


def test_line_map_has_one_entry_per_line_with_crlf_and_bom():
    story = markdown_to_story_text("\ufeff# Title\r\n\r\nText one.\r\n\r\n\r\nText two.\r\n")
    assert story.text == "# Title\n\nText one.\n\nText two.\n"
    assert story.line_map == [1, 1, 3, 3, 6]
    assert len(story.line_map) == story.text.count("\n")


def test_empty_input():
    assert markdown_to_story_text("") == markdown_to_story_text("\n\n")
    assert markdown_to_story_text("").text == ""


# --- nothing is lost: generated stories -------------------------------------------------------------------

WORDS = ["road", "Night", "don\\'t", "\\\"Hi\\\"", "well\\-known", "5 \\* 3", "wow\\!", "end\\.", "it's", "café",
         "snake_case", "x2"]
STYLES = {None: "{}", "em": "*{}*", "em_": "_{}_", "strong": "**{}**", "strong_": "__{}__", "both": "***{}***"}

segment = st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4), st.sampled_from(sorted(STYLES, key=str)))
paragraph = st.lists(segment, min_size=1, max_size=5)
block = st.one_of(
    st.tuples(st.just("para"), paragraph),
    st.tuples(st.sampled_from(["#", "##", "###", ">", "-", "1."]), paragraph),
    st.tuples(st.just("rule"), st.just([])),
)


def spans_of(segments) -> list[Span]:
    """What a reader of the Markdown sees: each segment's text in its style (`***x***` is strong inside em)."""
    style_of = {None: None, "em": "em", "em_": "em", "strong": "strong", "strong_": "strong", "both": "strong"}
    spans: list[Span] = []
    for index, (ws, style) in enumerate(segments):
        if index:
            spans.append(Span(" ", None))
        spans.append(Span(" ".join(ws).replace("\\", ""), style_of[style]))
    return spans


def source_of(segments) -> str:
    return " ".join(STYLES[style].format(" ".join(ws)) for ws, style in segments)


def plain_of(segments) -> str:
    return " ".join(" ".join(ws) for ws, style in segments).replace("\\", "")


@settings(max_examples=150, deadline=None)
@given(st.lists(block, min_size=1, max_size=8), st.lists(st.sampled_from(WORDS[:2] + WORDS[8:10]), max_size=3),
       st.sampled_from(["none", "yaml", "pandoc"]))
def test_nothing_lost_and_emphasis_reads_back(blocks, title_words, front):
    title = " ".join(title_words) or "Untitled"
    head = {"none": "", "yaml": f'---\ntitle: "{title}"\nauthor: Ann\n---\n\n',
            "pandoc": f"% {title}\n% Ann\n\n"}[front]
    body = "\n\n".join("* * *" if kind == "rule" else (source_of(segs) if kind == "para" else
                                                          f"{kind} {source_of(segs)}") for kind, segs in blocks)
    story = markdown_to_story_text(head + body + "\n")
    expected = [] if front == "none" else words(title) + ["Ann"]
    expected += [w for kind, segs in blocks for w in (words(kind) if kind == "1." else []) + words(plain_of(segs))]
    assert words(" ".join(story.fields.values())) + words(story.text) == expected
    out = [line for line in story.text.split("\n") if line]
    assert len(out) == len(blocks)
    for (kind, segs), line in zip(blocks, out):
        if kind == "rule":
            assert line == "* * *"
            continue
        prefix = {"para": "", ">": "", "-": "- ", "1.": "1. "}.get(kind, kind + " ")
        assert line.startswith(prefix)
        assert parse_inline(line[len(prefix):]) == normalize_spans(spans_of(segs))


def test_a_600_kb_story_converts_quickly():
    paragraph_text = "She walked down the *long* road and said \\\"don\\'t\\\" to nobody at all. " * 5
    story = "\n\n".join(f"# Chapter {i}" if i % 100 == 0 else paragraph_text for i in range(2000))
    assert len(story) > 600_000
    start = time.perf_counter()
    markdown_to_story_text(story)
    assert time.perf_counter() - start < 2.0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Zé1 2*_#\\-+=>.!'\"\n\t")), max_size=200))
def test_any_markdown_keeps_every_word_in_order(markdown):
    story = markdown_to_story_text(markdown)
    assert words(story.text) == words(markdown)
    assert len(story.line_map) == story.text.count("\n")
    assert story.line_map == sorted(story.line_map)
    assert all(1 <= line <= markdown.count("\n") + 1 for line in story.line_map)
