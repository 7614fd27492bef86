"""One paragraph's raw text -> a list of Spans (plain / em / strong), and spans -> manuscript Markdown.

Emphasis in raw stories comes as Markdown-ish markers (`*word*`, `_word_`, `**word**`) or as HTML
tags pasted from a web archive (`<i>`, `<em>`, `<b>`, `<strong>`, `<u>`). We read both with
markdown-it-py (CommonMark's delimiter rules) restricted to four inline rules: emphasis, backslash
escapes, entities and inline HTML. CommonMark's flanking rules already keep `5 * 3 = 15`,
`snake_case_name` and a lone `*sigh` literal. Every other markdown-it rule is off, because raw
stories are not Markdown: backticks are apostrophes (`don`t`), brackets are prose, and a line
break inside a paragraph means nothing.

Inline HTML that is not emphasis (`<script>`, `<div>`, `<sigh>`) is story text, kept literally:
the renderer escapes it. The model has one style per span, so nested emphasis is flattened:
the innermost style wins.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.token import Token

from bookmaker.model import Span, Style

# Tag name -> style. <u> has no place in a book's typography; underlining in a story is emphasis.
EMPHASIS_TAGS: dict[str, Style] = {"i": "em", "em": "em", "u": "em", "b": "strong", "strong": "strong"}

# An emphasis tag as web archives paste it; attributes (`<i class="calibre3">`) are dropped with it.
_TAG = re.compile(r"<(/?)([A-Za-z]+)(?:\s[^<>]*)?>\Z")
_MARKDOWN_ESCAPES = str.maketrans({c: "\\" + c for c in "\\*_<&"})


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("zero", {"html": True}).enable(["emphasis", "escape", "entity", "html_inline"])


def parse_inline(text: str) -> list[Span]:
    """Raw paragraph text -> normalised spans (merged, none empty); never loses a character of prose."""
    if not text:
        return []
    tokens = _parser().parseInline(text)[0].children or []
    tokens = _literal_censor_stars(tokens)
    spans: list[Span] = []
    stack: list[Style] = []  # open emphasis, innermost last
    closers = _matched_html_tags(tokens)
    for index, token in enumerate(tokens):
        style = stack[-1] if stack else None
        if token.type in ("em_open", "strong_open"):
            stack.append("em" if token.type == "em_open" else "strong")
        elif token.type in ("em_close", "strong_close"):
            _pop(stack, "em" if token.type == "em_close" else "strong")
        elif token.type == "html_inline" and index in closers:
            tag_style = closers[index][1]
            if closers[index][0] == "open":
                stack.append(tag_style)
            else:
                _pop(stack, tag_style)
        else:  # text, an unmatched or foreign tag, or a marker we turned back into text
            spans.append(Span(token.content, style))
    return normalize_spans(spans)


def _pop(stack: list[Style], style: Style) -> None:
    """Close the innermost open `style`; tags and markers may cross, so it need not be on top."""
    for position in range(len(stack) - 1, -1, -1):
        if stack[position] == style:
            del stack[position]
            return


def _matched_html_tags(tokens: list[Token]) -> dict[int, tuple[str, Style]]:
    """Token index -> ("open"|"close", style) for emphasis tags that have a partner; the rest stay text."""
    matched: dict[int, tuple[str, Style]] = {}
    open_tags: list[tuple[str, int]] = []  # (tag name, token index)
    for index, token in enumerate(tokens):
        if token.type != "html_inline":
            continue
        found = _TAG.match(token.content)
        if not found or found.group(2).lower() not in EMPHASIS_TAGS:
            continue
        name = found.group(2).lower()
        if not found.group(1):
            open_tags.append((name, index))
            continue
        for position in range(len(open_tags) - 1, -1, -1):
            if open_tags[position][0] == name:
                opener = open_tags.pop(position)[1]
                matched[opener] = ("open", EMPHASIS_TAGS[name])
                matched[index] = ("close", EMPHASIS_TAGS[name])
                break
    return matched


def _literal_censor_stars(tokens: list[Token]) -> list[Token]:
    """Turn `*` emphasis whose both markers sit inside words back into text.

    Fan fiction censors swear words with stars (`f*ck this sh*t`); CommonMark reads the two inner
    stars as emphasis. Real intraword emphasis (`un*frigging*believable`) is rarer than that.
    """

    def word_char(token: Token | None, at_end: bool) -> bool:
        if token is None or token.type != "text" or not token.content:
            return False
        return (token.content[-1] if at_end else token.content[0]).isalnum()

    result = list(tokens)
    openers: list[int] = []
    for index, token in enumerate(tokens):
        if token.type in ("em_open", "strong_open"):
            openers.append(index)
        elif token.type in ("em_close", "strong_close") and openers:
            start = openers.pop()
            if token.markup[:1] != "*":
                continue
            before = tokens[start - 1] if start else None
            after = tokens[index + 1] if index + 1 < len(tokens) else None
            inside_first, inside_last = tokens[start + 1], tokens[index - 1]
            if (word_char(before, True) and word_char(inside_first, False)
                    and word_char(inside_last, True) and word_char(after, False)):
                for position in (start, index):
                    literal = Token("text", "", 0)
                    literal.content = tokens[position].markup
                    result[position] = literal
    return result


def normalize_spans(spans: list[Span]) -> list[Span]:
    """Drop empty spans and merge neighbours of the same style (returns new Span objects)."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and merged[-1].style == span.style:
            merged[-1] = Span(merged[-1].text + span.text, span.style)
        else:
            merged.append(Span(span.text, span.style))
    return merged


def spans_to_text(spans: list[Span]) -> str:
    """Spans -> their plain text, styles dropped."""
    return "".join(span.text for span in spans)


def escape_markdown(text: str) -> str:
    """Plain text -> manuscript Markdown that parse_inline reads back as the same plain text."""
    return text.translate(_MARKDOWN_ESCAPES)


def spans_to_markdown(spans: list[Span]) -> str:
    """Spans -> manuscript-Markdown inline text (`*em*`, `**strong**`); parse_inline(result) == normalize_spans(spans).

    Where CommonMark's flanking rules would not read a marker back (emphasis that starts or ends
    with a space, sits inside a word, or touches another emphasis), the span is written as an HTML
    tag (`<em>`, `<strong>`) instead, which parse_inline reads the same.
    """
    spans = normalize_spans(spans)
    escaped = [escape_markdown(span.text) for span in spans]
    out: list[str] = []
    for index, (span, text) in enumerate(zip(spans, escaped)):
        if span.style is None:
            out.append(text)
            continue
        before = out[-1][-1] if out and out[-1] else None
        if index + 1 == len(spans):
            after = None
        else:  # a styled neighbour is written as a tag (see below), so its first character is "<"
            after = "<" if spans[index + 1].style else escaped[index + 1][0]
        previous_styled = index > 0 and spans[index - 1].style is not None
        if not previous_styled and _markers_read_back(text, before, after):
            marker = "*" if span.style == "em" else "**"
            out.append(f"{marker}{text}{marker}")
        else:
            tag = "em" if span.style == "em" else "strong"
            out.append(f"<{tag}>{text}</{tag}>")
    return "".join(out)


def _markers_read_back(text: str, before: str | None, after: str | None) -> bool:
    """True when `*text*` between `before` and `after` is emphasis under CommonMark's flanking rules."""
    first, last = text[0], text[-1]

    def space(char: str | None) -> bool:
        return char is None or isWhiteSpace(ord(char))

    def punct(char: str | None) -> bool:
        return char is not None and (isMdAsciiPunct(ord(char)) or isPunctChar(char))

    opens = not space(first) and (not punct(first) or space(before) or punct(before))
    closes = not space(last) and (not punct(last) or space(after) or punct(after))
    intraword = (before is not None and before.isalnum() and first.isalnum()
                 and last.isalnum() and after is not None and after.isalnum())
    return opens and closes and not intraword
