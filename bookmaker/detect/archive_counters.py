"""Counters a web archive glued to the story: list[Token] -> tokens without them, when most paragraphs carry one.

A page scraped from Wattpad ends every paragraph with its comment count: `...I will never forget.31`,
`...strange noises. 58`, and leaves `+` marks and lone numbers between stories. One paragraph ending in a number
is prose; most of them doing so, right after the sentence's last mark, is the archive's.
"""

from __future__ import annotations

import re

from bookmaker.detect.tokens import Token
from bookmaker.model import Diagnostic, Manuscript

_COUNT = re.compile(r"(?<=[.!?…\"'”’)\]*_~])\s?\d{1,5}\+?$|(?<=\w)\+$")
_JUNK = re.compile(r"^\s*(?:\d{1,5}|\+)\s*$")
_SHARE = 0.4  # of paragraphs ending in a counter, for the document to be read as a scrape
_MIN_PARAGRAPHS = 10


def drop_archive_counters(tokens: list[Token], manuscript: Manuscript) -> list[Token]:
    """Remove glued comment counts and counter-only lines, when they are the document's habit."""
    paragraphs = [t for t in tokens if t.kind == "para"]
    counted = [t for t in paragraphs if _COUNT.search(t.text.rstrip())]
    if len(paragraphs) < _MIN_PARAGRAPHS or len(counted) < _SHARE * len(paragraphs):
        return tokens
    for token in counted:
        token.text = _COUNT.sub("", token.text.rstrip())
    junk = [t for t in tokens if t.kind in ("para", "chapter") and _JUNK.match(t.text)]
    manuscript.diagnostics.append(Diagnostic(
        "D150", f"counters an archive glued to {len(counted)} paragraph ends removed, and {len(junk)} counter lines",
        counted[0].line))
    junk_ids = {id(t) for t in junk}
    return [t for t in tokens if id(t) not in junk_ids]
