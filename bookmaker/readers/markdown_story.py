"""A story exported as Markdown (pandoc, an FFN/AO3 script) -> the raw-text lines detection reads, and its fields.

    ---                               ->  fields {"title": "The Road", "author": "A. Writer"}
    title: The Road
    author: A. Writer
    ---
    ## Chapter 1 {#ch1}               ->  ## Chapter 1
    She said, \"don\'t\" *twice*.     ->  She said, "don't" *twice*.
    ***                               ->  * * *

Each paragraph, heading, list item or quoted paragraph becomes one line with a blank line after it (the "blank"
convention `split` reads); emphasis is written back as `*em*` / `**strong**`, which `parse_inline` reads, and
every other character as the literal the Markdown means, escaped only where `parse_inline` would take it for
markup. A `.md` file opening with `+++` is bookmaker's own manuscript instead (`bookmaker.manuscript_md`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from bookmaker.readers.base import StoryText
from bookmaker.readers.front_matter import read_front_matter

BREAK = "* * *"
_EMPHASIS = {"em_open", "em_close", "strong_open", "strong_close"}
# What parse_inline would read as markup in a literal: escapes, emphasis markers, an HTML tag, an entity.
_INLINE_SPECIAL = re.compile(r"\\(?=[!-/:-@\[-`{-~]|\Z)|[*_]|<(?=[A-Za-z/!?])|&(?=#?\w+;)")
# A literal line that detection would read as a Markdown heading.
HEADING_LIKE = re.compile(r"^(?=#{1,6}(?:\s|$))")
_BR_TAG = re.compile(r"<br\s*/?>\Z", re.IGNORECASE)
# Pandoc writes a heading's identifier and classes after it: `## Chapter 1 {#chapter-1 .heading}`.
_HEADING_ATTRIBUTES = re.compile(r"\s*\{\s*(?:[#.][^\s{}]+|[\w\\-]+=\S+)(?:\s+(?:[#.][^\s{}]+|[\w\\-]+=\S+))*\s*\}\s*$")


# The story as raw text, the metadata its front matter gave, and each text line's 1-based source line.
MarkdownStory = StoryText


def is_bookmaker_manuscript(text: str) -> bool:
    """Text -> True when it opens (after a BOM and blank lines) with bookmaker's `+++` front matter."""
    body = text.lstrip("\ufeff").lstrip()
    first = body.split("\n", 1)[0]
    return first.rstrip() == "+++"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Link reference definitions are off: `[A/N]: thanks for reading` is an author's note, not a definition
    # to swallow. Inline HTML stays on so `<i>` reaches parse_inline as the tag it understands.
    return MarkdownIt("commonmark", {"html": True}).disable("reference")


def markdown_to_story_text(text: str) -> MarkdownStory:
    """Markdown story text -> MarkdownStory(raw text for detection, front-matter fields, line map)."""
    source = re.sub(r"\r\n?", "\n", text.lstrip("\ufeff"))
    lines = source.split("\n")
    front = read_front_matter(lines)
    # Blank the front matter rather than cut it, so markdown-it's line numbers stay the file's own.
    body = "\n" * front.line_count + "\n".join(lines[front.line_count:])
    out: list[str] = []
    line_map: list[int] = []
    for block, line in _blocks(_parser().parse(body)):
        if out:
            out.append("")
            line_map.append(line_map[-1])
        out.append(block)
        line_map.append(line)
    return StoryText("\n".join(out) + "\n" if out else "", front.fields, line_map)


def _blocks(tokens: list[Token]):
    """Block tokens -> (line of text, 1-based source line) for each paragraph, heading, rule or code line."""
    heading_level = 0
    bullet, bullet_line = "", 1  # the list marker waiting for its item's first paragraph
    for token in tokens:
        kind = token.type
        first_line = token.map[0] + 1 if token.map else 1
        if bullet and kind not in ("paragraph_open", "inline"):
            if bullet[:1].isdigit():  # an item with no paragraph first: its number is still the author's
                yield bullet.rstrip(), bullet_line
            bullet = ""
        if kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "list_item_open":
            bullet, bullet_line = f"{token.info}{_escape(token.markup)} ", first_line
        elif kind == "hr":
            yield BREAK, first_line
        elif kind == "inline" and heading_level:
            title = _HEADING_ATTRIBUTES.sub("", " ".join(text for text, _ in _inline_lines(token.children or [])))
            yield ("#" * heading_level + " " + title).rstrip(), first_line
        elif kind == "inline":
            for index, (text, line_offset) in enumerate(_inline_lines(token.children or [])):
                if bullet and index == 0:
                    text, bullet = bullet + text, ""
                elif HEADING_LIKE.match(text):
                    text = "\\" + text
                yield text, first_line + line_offset
        elif kind in ("code_block", "fence", "html_block"):
            start = first_line + (1 if kind == "fence" else 0)
            escape = _escape if kind != "html_block" else str
            for offset, line in enumerate(token.content.split("\n")):
                if line.strip():
                    literal = escape(line.strip())
                    yield ("\\" + literal if HEADING_LIKE.match(literal) else literal), start + offset


def _inline_lines(children: list[Token]) -> list[tuple[str, int]]:
    """Inline tokens -> (text, line offset in the source) for each line a hard break ends; empty lines dropped."""
    markers = _markers(children)
    lines: list[tuple[str, int]] = []
    parts: list[str] = []
    open_markers: list[str] = []
    links: list[tuple[str, int]] = []  # (href, index in parts where the link's text starts)
    source_offset = line_start = 0

    def break_line() -> None:
        nonlocal line_start
        # Emphasis open across a hard break is closed and reopened, so each line reads alone.
        lines.append(("".join(parts + open_markers[::-1]).strip(), line_start))
        parts[:] = list(open_markers)
        line_start = source_offset

    for index, token in enumerate(children):
        kind = token.type
        if kind == "text":
            parts.append(_escape(token.content))
        elif kind in _EMPHASIS:
            marker = markers.get(index, token.markup)
            parts.append(marker)
            if kind.endswith("_open"):
                open_markers.append(marker)
            elif open_markers:
                open_markers.pop()
        elif kind == "softbreak":
            parts.append(" ")
            source_offset += 1
        elif kind == "hardbreak":
            source_offset += 1
            break_line()
        elif kind == "html_inline" and _BR_TAG.match(token.content):
            break_line()  # `<br>` pasted from a web page ends a line the same way
        elif kind == "html_inline":
            parts.append(token.content)
        elif kind == "code_inline":
            parts.append(_escape(token.content))
        elif kind == "image":
            parts.append(_escape(token.content))  # its alt text; the picture itself has no place in the text
        elif kind == "link_open":
            links.append((token.attrGet("href") or "", len(parts)))
        elif kind == "link_close" and links:
            href, start = links.pop()
            shown = "".join(parts[start:])
            # Where a link goes is part of what the author wrote (`my tumblr (https://...)`); an autolink shows it.
            if token.markup != "autolink" and href and _escape(href) not in shown:
                parts.append(" (" + _escape(href) + ")")
    lines.append(("".join(parts).strip(), line_start))
    return [line for line in lines if line[0]]


def _markers(children: list[Token]) -> dict[int, str]:
    """Token index -> the marker to write for each emphasis open/close: `*`/`**`, or the source's `_`/`__`.

    `_x_` is written `*x*` (a `*` opens and closes wherever a `_` does) except where it touches another
    emphasis (`_a_*b*`), which the change of character would merge into one run of stars.
    """
    markers: dict[int, str] = {}
    for start, close in _emphasis_pairs(children):
        marker = children[start].markup or ("*" if children[start].type == "em_open" else "**")
        touching = (children[near].type in _EMPHASIS for near in (start - 1, start + 1, close - 1, close + 1)
                    if 0 <= near < len(children))
        if marker[0] == "_" and not any(touching):
            marker = "*" * len(marker)
        markers[start] = markers[close] = marker
    return markers


def _emphasis_pairs(children: list[Token]):
    """Inline tokens -> (opener index, closer index) of each emphasis, innermost first."""
    openers: list[int] = []
    for index, token in enumerate(children):
        if token.type.endswith("_open") and token.type in _EMPHASIS:
            openers.append(index)
        elif token.type in _EMPHASIS and openers:
            yield openers.pop(), index


def _escape(text: str) -> str:
    """A literal -> raw text that parse_inline reads back as that literal."""
    return _INLINE_SPECIAL.sub(lambda found: "\\" + found.group(), text)
