"""Epigraphs: a quotation and its attribution -> (quotation, who), wherever a story or a book sets one.

Examples: `"Hope is the thing with feathers."` / `— Emily Dickinson` (the attribution on the next line);
`‘But who shall dwell in these worlds ...?’ KEPLER (quoted in ...)` (a printed book's, on the quotation's last line);
`‘Water, water, every where.’` / `COLERIDGE` (a name in capitals under it).
"""

from __future__ import annotations

import re

from bookmaker.detect.text_shape import plain, word_count

_DASHED = re.compile(r"^\s*(?:[—–~]|-{1,2})\s*(?P<who>[^\s—–~-].{0,80})$")
_OPENING_QUOTE = re.compile(r"^[\"'“‘„«»‚]")
_CLOSING_QUOTE = re.compile(r"[\"'”’“«»‘]")
_MAX_WHO_WORDS = 10


def attribution(line: str, capitals: bool = False) -> str | None:
    """Who a line under a quotation names: `— Emily Dickinson`, or (with `capitals`) `COLERIDGE`; else None."""
    match = _DASHED.match(line)
    who = match.group("who").strip() if match else None
    if who is None and capitals:
        line = plain(line).strip()
        who = line if line.isupper() else None
    return who if who and word_count(who) <= _MAX_WHO_WORDS else None


def quotation(text: str) -> tuple[str, str | None] | None:
    """(quotation, attribution on its last line or None) for a paragraph that is a quotation, else None."""
    text = plain(text).strip()
    if not _OPENING_QUOTE.match(text) or len(text) > 600:
        return None
    closes = [m.end() for m in _CLOSING_QUOTE.finditer(text, 1)]
    if not closes:
        return None
    quote, tail = text[:closes[-1]].strip(), text[closes[-1]:].strip(" —–-")
    if tail and (word_count(tail) > 12 or not tail[0].isupper()):
        return None
    return quote, tail or None
