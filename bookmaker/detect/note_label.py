"""Labels of author's notes and story header fields, with any text that follows the label on the same line.

Examples: `Author's Notes:`, `Authors Chapter Notes:`, `A/N: thanks for reading!`, `(A/N: sorry)`, `Disclaimer: I own
nothing.`, `Title: Missing Him`, `Author: Weeza`, `Rating: PG-13`, `Summary: ...`.
"""

from __future__ import annotations

import re

# Labels that introduce a note anywhere in a story.
_NOTE = (
    r"(?:(?:the\s+)?author'?s?'?|authors?’s?)\s*(?:(?:chapter|end|final|beginning)\s*)*notes?|"
    # Anyone's note: `Translator's Note:`, `THE IDIOT'S NOTE:`, `Beta's notes`.
    r"(?:the\s+)?[^\W\d_]{2,20}['’]s\s+notes?|end\s*notes?|(?:chapter\s+)?references|self[\s-]promotion|"
    r"(?:(?:chapter|end|final|beginning)\s+)*notes?|a\s*/\s*n|a\.n\.|an|author'?s?\s+comments?|disclaimer|dedication|"
    r"acknowledge?ments?|thanks|special\s+thanks|beta(?:'?d)?(?:\s+by)?|warnings?|spoilers?|summary"
)
# Fields of a fan-fiction archive's story header; they only count before the story starts.
_HEADER = (
    r"title|story\s+title|story|fic|author|written\s+by|writer|rating|rated|pairings?|ships?|characters?|genres?|"
    r"category|categories|fandoms?|series|status|word\s*count|words|chapters|archive|feedback|"
    r"published|updated|language|timeline|setting|prompt|challenge|length"
)
_LABEL_LINE = re.compile(
    r"^[\s(\[*_~]*(?P<label>" + _NOTE + r"|" + _HEADER + r")\s*(?P<sep>[:\-–—]+|//|$)\s*(?P<rest>.*?)[\s)\]*_~]*$",
    re.IGNORECASE,
)
# Alone on a line, without a colon, a named note (`Author's Notes`, `Endnotes`) or an archive's `Notes` is a label;
# a bare `NOTE` is a printed book's own heading.
_STANDALONE = re.compile(r"^.+notes?$|^notes$|^a\s*/\s*n$|^disclaimer$|^summary$", re.IGNORECASE)
_NOTE_ONLY = re.compile(r"^(?:" + _NOTE + r")$", re.IGNORECASE)
_AN_PREFIX = re.compile(r"^[\s(\[]*(?P<label>a\s*/\s*n)\b\s*(?P<rest>.+?)[\s)\]]*$", re.IGNORECASE)


def classify(text: str) -> dict | None:
    """Return {label, rest, field} for a label line; `field` is the header field name, or None for a note."""
    line = text.strip()
    match = _LABEL_LINE.match(line)
    if not match:
        match = _AN_PREFIX.match(line)  # "A/N I'm back!" with no colon
        if not match:
            return None
    label = match.group("label")
    rest = _unwrapped(line, line[match.start("rest"):])
    bare = re.sub(r"\s+", " ", label).strip()
    if not match.groupdict().get("sep") and not _STANDALONE.search(bare):
        return None  # "Thanks" or "Author" alone on a line is a word of the story; "Author's Notes" is a label
    if _NOTE_ONLY.match(bare):
        if bare.lower() == "an" and not rest:
            return None  # "An" alone is a word, not a label
        return {"label": line[: match.start("rest")].strip(" ([*_~"), "rest": rest, "field": None}
    return {"label": line[: match.start("rest")].strip(" ([*_~"), "rest": rest, "field": _field_name(bare)}


def _unwrapped(line: str, rest: str) -> str:
    """The note's text without the brackets or decorations that wrap the whole line (`(A/N: sorry)` -> `sorry`);
    a closing bracket that the line did not open is text (`reviews are appreciated :)`)."""
    rest = rest.strip()
    opening = line.lstrip()[:1]
    closing = {"(": ")", "[": "]", "*": "*", "_": "_", "~": "~"}.get(opening)
    if closing:
        rest = rest.rstrip(closing + " ") if opening in "*_~" else (rest[:-1] if rest.endswith(closing) else rest)
    return rest.strip()


def _field_name(label: str) -> str:
    name = re.sub(r"\s+", " ", label.lower())
    if name in ("author", "written by", "writer"):
        return "author"
    if name in ("title", "story title", "story", "fic"):
        return "title"
    return name
