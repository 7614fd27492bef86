"""HTML elements -> the raw story text detection reads: one line per paragraph, emphasis as `<i>`/`<b>` tags.

    <h2>Chapter 1</h2>                        ->  ## Chapter 1
    <p>She said <em>no</em>.</p>              ->  She said <i>no</i>.
    <p>&nbsp;</p>                             ->  (one more blank line: a blank-line scene break survives)
    <hr/>                                     ->  * * *
    <p>Line one<br/>line two</p>              ->  Line one / line two, each its own line
    <span style="font-style:italic">x</span>  ->  <i>x</i>   (Google Docs, LibreOffice and Word web pages)

Text is kept as the raw text it is: an author's `***` or `A/N:` reads exactly as in a .txt file. Emphasis is
written as tags, not as `*`, because tags need no flanking rules (`<i>"Run"</i>now` stays emphasis). Scripts,
styles, forms, frames and everything else that is not story text are dropped; attributes never reach the book.
Every word of text the page shows reaches a line (an image by its alt text, a link's target when it is not shown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from bookmaker.readers.markdown_story import HEADING_LIKE  # a line detection would read as a Markdown heading

# Elements whose content is never story text (a page's machinery, or a picture without words).
SKIPPED = frozenset({
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "frame", "frameset",
    "object", "embed", "applet", "form", "button", "input", "select", "option", "textarea", "svg", "canvas",
    "video", "audio", "source", "track", "map", "area", "base", "param", "math", "dialog", "nav",
})
# Elements that start a new line of text.
BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "ul", "ol", "dl", "dt", "dd", "pre",
    "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "section", "article", "main", "header",
    "footer", "aside", "center", "figure", "figcaption", "address", "body", "html", "details",
    "summary", "hgroup", "fieldset", "legend",
})
HEADINGS = {f"h{n}": n for n in range(1, 7)}
EMPHASIS = {"i": "i", "em": "i", "cite": "i", "u": "i", "var": "i", "dfn": "i", "b": "b", "strong": "b"}
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*(italic|oblique)", re.IGNORECASE)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\n\r\f\u200b]+")
# What parse_inline would read as markup, escaped where the page meant the literal: an entity-like `&x;`, a tag-like
# `<x`, and a backslash before punctuation. `*` and `_` stay raw: in a web page they are what the author typed.
_LITERAL = re.compile(r"\\(?=[!-/:-@\[-`{-~])|<(?=[A-Za-z/!?])|&(?=#?\w+;)")
BREAK = "* * *"


@dataclass(frozen=True)
class TextLine:
    """One line of story text, the blank lines wanted before it beyond the usual one, and its source position."""

    text: str
    line: int
    extra_blanks: int = 0


@dataclass
class _Collector:
    """Walks elements and collects lines; `number_by_order` numbers lines 1, 2, 3 (for HTML made from a DOCX or an
    ODT, whose 'line' is the paragraph) instead of the HTML source line."""

    number_by_order: bool = False
    class_marks: dict[str, tuple[str, ...]] = field(default_factory=dict)  # CSS classes that set emphasis
    lines: list[TextLine] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    part_line: int = 0
    heading: int = 0
    pending_blanks: int = 0
    ordinal: int = 0
    list_counters: list[int | None] = field(default_factory=list)

    def position(self, element) -> int:
        if self.number_by_order:
            return self.ordinal + 1
        return getattr(element, "sourceline", None) or (self.lines[-1].line if self.lines else 1)

    def add_text(self, text: str | None, element) -> None:
        if not text:
            return
        if not self.parts:
            self.part_line = self.position(element)
        self.parts.append(_LITERAL.sub(lambda m: "\\" + m.group(), text))

    def add_markup(self, markup: str, element) -> None:
        if not self.parts:
            self.part_line = self.position(element)
        self.parts.append(markup)

    def flush(self, empty_counts: bool = False) -> None:
        """End the current line; an empty paragraph counts as a blank line (a break between scenes in a DOCX)."""
        text = re.sub(r"<(i|b)>(\s*)</\1>", r"\2", _SPACE.sub(" ", "".join(self.parts))).strip()  # empty emphasis
        self.parts = []
        if not _has_words(text):
            if empty_counts:
                self.ordinal += 1  # an empty paragraph is still a paragraph of the document
                if self.lines:
                    self.pending_blanks += 1
            return
        if self.heading:
            text = "#" * self.heading + " " + text
        elif HEADING_LIKE.match(text):
            text = "\\" + text  # a literal `#` at the start of a paragraph is not a Markdown heading
        self.lines.append(TextLine(text, self.part_line, min(self.pending_blanks, 3)))
        self.pending_blanks = 0
        self.ordinal += 1

    def rule(self, element) -> None:
        self.flush()
        self.lines.append(TextLine(BREAK, self.position(element), 0))
        self.pending_blanks = 0
        self.ordinal += 1


def _has_words(text: str) -> bool:
    return bool(re.sub(r"</?[ib]>|\s|\u00a0", "", text))


def _local(tag) -> str:
    """An element's tag without its namespace, lower case; '' for comments and processing instructions."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _style_emphasis(element, class_marks: dict[str, tuple[str, ...]]) -> list[str]:
    """Emphasis an element's style attribute or its classes give (Google Docs writes `<span class="c3">`)."""
    style = element.get("style") or ""
    found = [mark for name in (element.get("class") or "").split() for mark in class_marks.get(name, ())]
    if _ITALIC_STYLE.search(style):
        found.append("i")
    if _BOLD_STYLE.search(style):
        found.append("b")
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class _Close:
    """What is left to do when an element's children are done: close its emphasis, end its line, add its tail."""

    element: object
    tag: str
    marks: tuple[str, ...]
    tail: str | None
    lines_before: int  # lines written before it opened: none since means it held no text (an empty paragraph)


def _walk(root, out: _Collector) -> None:
    """Every element under `root`, in document order, with a stack rather than recursion: a page nested ten
    thousand deep is read like any other."""
    stack: list = [(root, True)]
    while stack:
        item = stack.pop()
        if isinstance(item, _Close):
            _close(item, out)
            continue
        element, is_root = item
        tag = _local(element.tag)
        tail = None if is_root else element.tail  # the text after an element belongs to its parent
        if not tag or tag in SKIPPED:
            out.add_text(tail, element)
            continue
        if tag in ("hr", "br", "img"):
            if tag == "hr":
                out.rule(element)
            elif tag == "br":
                out.flush()
            elif (element.get("alt") or "").strip():
                out.add_text(f" [{element.get('alt').strip()}] ", element)
            out.add_text(tail, element)
            continue
        _open(element, tag, out)
        lines_before = len(out.lines)
        marks = tuple([EMPHASIS[tag]] if tag in EMPHASIS else _style_emphasis(element, out.class_marks))
        for mark in marks:
            out.add_markup(f"<{mark}>", element)
        out.add_text(element.text, element)
        stack.append(_Close(element, tag, marks, tail, lines_before))
        stack.extend((child, False) for child in reversed(element))


def _open(element, tag: str, out: _Collector) -> None:
    if tag in BLOCKS:
        out.flush()
    if tag in ("ol", "ul"):
        out.list_counters.append(0 if tag == "ol" else None)
    if tag == "li" and out.list_counters:
        counter = out.list_counters[-1]
        if counter is not None:
            out.list_counters[-1] = counter + 1
        out.add_text(f"{counter + 1}. " if counter is not None else "\u2022 ", element)
    if tag in HEADINGS:
        out.heading = HEADINGS[tag]


def _close(item: _Close, out: _Collector) -> None:
    element, tag = item.element, item.tag
    for mark in reversed(item.marks):
        out.add_markup(f"</{mark}>", element)
    if tag == "a":
        href = (element.get("href") or "").strip()
        shown = "".join(element.itertext())
        # Where a link goes is part of what the author wrote ("my tumblr"), unless the text already shows it.
        if re.match(r"https?://", href) and href not in shown and _has_words(shown):
            out.add_text(f" ({href})", element)
    if tag in ("ol", "ul"):
        out.list_counters.pop()
    if tag in BLOCKS:
        # Only a paragraph with nothing in it is a blank line; a <div> that held paragraphs is no gap of its own.
        out.flush(empty_counts=tag in ("p", "div") and len(out.lines) == item.lines_before)
        if tag in HEADINGS:
            out.heading = 0
    out.add_text(item.tail, element)


def element_lines(elements, number_by_order: bool = False,
                  class_marks: dict[str, tuple[str, ...]] | None = None) -> list[TextLine]:
    """HTML elements (lxml) -> the lines of story text they hold, in order; `class_marks` are the classes the
    page's stylesheets set in italic or bold (css_emphasis)."""
    out = _Collector(number_by_order=number_by_order, class_marks=class_marks or {})
    for element in elements:
        if isinstance(element, etree._Element):
            _walk(element, out)
    out.flush()
    return out.lines


def join_lines(lines: list[TextLine]) -> tuple[str, list[int]]:
    """Lines -> (raw text with a blank line between paragraphs, each text line's source line)."""
    text: list[str] = []
    line_map: list[int] = []
    for line in lines:
        if text:
            for _ in range(1 + line.extra_blanks):
                text.append("")
                line_map.append(line_map[-1])
        text.append(line.text)
        line_map.append(line.line)
    return ("\n".join(text) + "\n" if text else ""), line_map
