"""An OpenDocument text (LibreOffice, Google Docs "Download as .odt") -> StoryText, through odfdo.

odfdo opens the document and resolves its styles; its body is mapped onto the few HTML elements the HTML text
reader knows (headings by outline level or a Heading/Title paragraph style, italic and bold by the style's
properties, line breaks, lists, tables, footnotes in brackets), so ODT text reads exactly as HTML does. Empty
paragraphs are kept as blank lines. Each "line" number is the paragraph's number in the document.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache

from lxml import etree

from bookmaker.readers.base import ReadStory, Source, StoryText
from bookmaker.readers.html_text import element_lines, join_lines
from bookmaker.readers.packages import mimetype, open_archive

MIMETYPE = "application/vnd.oasis.opendocument.text"
# ODF elements -> HTML; anything not named keeps only its text (bookmarks, fields, sections).
_ELEMENTS = {"text:p": "p", "text:list": "ul", "text:list-item": "li", "text:list-header": "li",
             "table:table": "table", "table:table-row": "tr", "table:table-cell": "td", "text:section": "div",
             "text:line-break": "br", "text:a": "a"}
_SKIPPED = {"office:annotation", "office:annotation-end", "text:tracked-changes", "text:sequence-decls",
            "text:note-citation", "text:table-of-content", "draw:frame", "text:soft-page-break",
            "office:forms", "text:variable-decls", "text:user-field-decls", "text:alphabetical-index"}
_HEADING_STYLE = re.compile(r"^(?:Heading(?:_20_|\s)?(?P<level>\d)?|Title)$")


def looks_like_odt(source: Source) -> bool:
    return mimetype(source) == MIMETYPE


class _Styles:
    """Style name -> emphasis or heading level, following parent styles (cached per document)."""

    def __init__(self, document):
        self.document = document
        self.emphasis = lru_cache(maxsize=None)(self._emphasis)
        self.heading = lru_cache(maxsize=None)(self._heading)

    def _chain(self, family: str, name: str | None):
        for _ in range(8):  # parent chains are short; a loop in a damaged file stops here
            if not name:
                return
            style = self.document.get_style(family, name)
            if style is None:
                return
            yield style
            name = style.get_attribute("style:parent-style-name")

    def _emphasis(self, family: str, name: str | None) -> tuple[str, ...]:
        marks: list[str] = []
        for style in self._chain(family, name):
            properties = style.get_properties() or {}
            if "i" not in marks and properties.get("fo:font-style") in ("italic", "oblique"):
                marks.append("i")
            weight = properties.get("fo:font-weight") or ""
            if "b" not in marks and (weight == "bold" or weight[:1] in "6789" and weight.endswith("00")):
                marks.append("b")
        return tuple(marks)

    def _heading(self, name: str | None) -> int:
        for style in self._chain("paragraph", name):
            found = _HEADING_STYLE.match(style.name or "")
            if found:
                return int(found.group("level") or 1)
        return 0


def _convert(element, styles: _Styles, parent, inline: bool = False) -> None:
    """One odfdo element -> HTML children of `parent` (an lxml element), text and tail kept; `inline` inside a
    footnote, whose paragraphs run on in brackets where the note is anchored."""
    tag = element.tag
    if tag in _SKIPPED:
        _append_text(parent, element.tail)
        return
    style = element.get_attribute("text:style-name")
    if tag == "text:h" and not inline:
        node = etree.SubElement(parent, f"h{min(int(element.get_attribute('text:outline-level') or 1), 6)}")
    elif tag == "text:p" and not inline and styles.heading(style):
        node = etree.SubElement(parent, f"h{min(styles.heading(style), 6)}")
    elif tag == "text:s":
        _append_text(parent, " " + (element.tail or ""))
        return
    elif tag == "text:tab":
        _append_text(parent, " " + (element.tail or ""))
        return
    elif tag == "text:note":
        node = etree.SubElement(parent, "span")
        node.text = " ["
        inline = True
    else:
        node = etree.SubElement(parent, "span" if inline else _ELEMENTS.get(tag, "span"))
        if tag == "text:a" and element.get_attribute("xlink:href"):
            node.set("href", element.get_attribute("xlink:href"))
    family = "paragraph" if tag in ("text:p", "text:h") else "text"
    marks = styles.emphasis(family, style) if style else ()
    inner = node
    for mark in marks:
        inner = etree.SubElement(inner, mark)
    _append_text(inner, element.text if tag != "text:note" else None)
    for child in element.children:
        _convert(child, styles, inner, inline)
    if tag == "text:note":
        _append_text(node, "]")
    _append_text(parent, element.tail)


def _append_text(parent, text: str | None) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def read(source: Source, settings=None) -> ReadStory:
    """An .odt file -> ReadStory with its text for detection."""
    from odfdo import Document

    open_archive(source, "ODT").close()  # a damaged or bomb-sized archive fails here with one clear line
    try:
        document = Document(io.BytesIO(source.data))
        body = document.body
        root = etree.Element("div")
        styles = _Styles(document)
        for child in body.children:
            _convert(child, styles, root)
        meta = document.meta
        fallback = {"title": (meta.get_title() or "").strip(), "author": (meta.get_initial_creator() or "").strip()}
        language = (meta.get_language() or "").strip()
    except Exception as error:  # odfdo raises what lxml and zipfile raise on a damaged document
        raise source.fail(f"not a readable ODT file ({type(error).__name__}: {error})") from None
    text, line_map = join_lines(element_lines([root], number_by_order=True))
    fields = {"language": language} if language else {}
    return ReadStory("odt", story=StoryText(text, fields, line_map, {k: v for k, v in fallback.items() if v}))
