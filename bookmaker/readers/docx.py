"""A Word document (Word, Google Docs, LibreOffice "Save as .docx") -> StoryText, through mammoth's HTML.

Headings come from paragraph styles (Heading 1-6, Title), emphasis from italic, bold and underlined runs. Empty
paragraphs are kept (mammoth drops them by default), so a scene break drawn as an empty line survives as a blank
line. Each "line" number is the paragraph's number in the document. The document's core properties give the
title and author only when detection finds none.
"""

from __future__ import annotations

import io

from lxml import etree

from bookmaker.readers.base import ReadStory, Source, StoryText
from bookmaker.readers.html_text import element_lines, join_lines
from bookmaker.readers.packages import member_names, read_member

DOCUMENT = "word/document.xml"
_CORE = "docProps/core.xml"
_STYLE_MAP = "\n".join([
    "p[style-name='Title'] => h1:fresh",
    "p[style-name='Subtitle'] => p:fresh",
    "u => em",
])
_CORE_FIELDS = {"{http://purl.org/dc/elements/1.1/}title": "title",
                "{http://purl.org/dc/elements/1.1/}creator": "author",
                "{http://purl.org/dc/elements/1.1/}language": "language"}


def looks_like_docx(source: Source) -> bool:
    return DOCUMENT in member_names(source)


def _core_properties(source: Source) -> dict[str, str]:
    if _CORE not in member_names(source):
        return {}
    try:
        root = etree.fromstring(read_member(source, _CORE, "DOCX"), etree.XMLParser(resolve_entities=False,
                                                                                      no_network=True))
    except etree.XMLSyntaxError:
        return {}
    return {key: (root.findtext(tag) or "").strip() for tag, key in _CORE_FIELDS.items()
            if (root.findtext(tag) or "").strip()}


def read(source: Source, settings=None) -> ReadStory:
    """A .docx file -> ReadStory with its text for detection."""
    import lxml.html
    import mammoth

    read_member(source, DOCUMENT, "DOCX")  # a damaged or bomb-sized archive fails here with one clear line
    try:
        result = mammoth.convert_to_html(io.BytesIO(source.data), style_map=_STYLE_MAP,
                                         ignore_empty_paragraphs=False)
    except Exception as error:  # mammoth raises what its XML and ZIP readers raise on a damaged document
        raise source.fail(f"not a readable DOCX file ({type(error).__name__}: {error})") from None
    html = result.value.strip()
    lines = element_lines([lxml.html.fragment_fromstring(html, create_parent="div")], number_by_order=True) \
        if html else []
    text, line_map = join_lines(lines)
    core = _core_properties(source)
    # The core properties name whoever saved the file last ("User", a template's title): only a fallback.
    fields = {k: v for k, v in core.items() if k == "language"}
    fallback = {k: v for k, v in core.items() if k != "language"}
    return ReadStory("docx", story=StoryText(text, fields, line_map, fallback))
