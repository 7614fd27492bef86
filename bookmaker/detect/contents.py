"""Contents lists in the source: list[Token] -> the stretches that are a contents list, and the entries they name.

A contents list is evidence, not chapters: its entries name the headings to look for in the body.
Example (a printed book): `Contents` / ` I. THE EVE OF THE WAR.` / ` II. THE FALLING STAR.` ... then, after a wider
gap, the body's own `I.` / `THE EVE OF THE WAR.`. Without a `Contents` line, three or more chapter headings in a row
with nothing between them are a contents list too (`Chapter 1` / `Chapter 2` / `Chapter 3`, then the story).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bookmaker.detect.text_shape import plain, word_key
from bookmaker.detect.tokens import Token

# "Contents" in the languages stories come in; a label line is only this word (and a colon or full stop).
_LABEL = re.compile(
    r"^(?:table\s+of\s+)?contents|inhalt|inhaltsverzeichnis|índice|indice|sommaire|table\s+des\s+matières|"
    r"inhoud|innehåll|indhold|innhold|sisällys|spis\s+treści|obsah|tartalom|содержание|оглавление|目次|目录|目錄|차례|목차$",
    re.IGNORECASE,
)
_ENTRY_MAX = 300  # characters: a contents entry is a line, at most a long title set on one line
_NUMBERING = re.compile(r"^\W*(?:[^\W\d_]{2,12}\.?\s+)?(?:\d{1,4}|[ivxlcdm]{1,8})\b[.:)\-–—]*\s*", re.IGNORECASE)


@dataclass(frozen=True)
class ContentsList:
    """Tokens [start, end) of the stream are one contents list; `entries` are its lines without numbering."""

    start: int
    end: int
    entries: tuple[str, ...]


def entry_key(text: str) -> str:
    """A heading or entry reduced to its words, numbering dropped: ` XII. THE MAN.` -> `the man`."""
    return word_key(_NUMBERING.sub("", plain(text)))


def is_label(text: str) -> bool:
    return bool(_LABEL.match(plain(text).strip().rstrip(":.").strip()))


def find_contents(tokens: list[Token]) -> list[ContentsList]:
    """Every contents list in the stream, labelled or not, in order."""
    found: list[ContentsList] = []
    i = 0
    while i < len(tokens):
        if tokens[i].kind == "para" and is_label(tokens[i].text):
            end = _labelled_end(tokens, i)
            if end - i >= 3:  # the label and at least two entries
                found.append(ContentsList(i, end, tuple(t.text.strip() for t in tokens[i + 1:end])))
                i = end
                continue
        run = _heading_run_end(tokens, i)
        if run - i >= 3:
            found.append(ContentsList(i, run, tuple(t.text.strip() for t in tokens[i:run])))
            i = run
            continue
        i += 1
    return found


def _labelled_end(tokens: list[Token], label: int) -> int:
    """Where the entries under a `Contents` label stop: a gap wider than the list's own, the body's first heading
    (an entry seen again), or a line followed by prose."""
    seen: set[str] = set()
    widest = 0
    j = label + 1
    while j < len(tokens):
        token = tokens[j]
        text = token.text.strip()
        if token.kind == "break" or len(text) > _ENTRY_MAX or token.line_count > 4:
            break
        if j > label + 2 and token.gap_before > max(widest, 0):
            break  # the list's own spacing is narrower than the gap before the body
        key = word_key(text)
        if key in seen:
            break  # the body repeats the first entries as its headings
        if j + 1 < len(tokens) and _is_body_paragraph(tokens[j + 1]) and j > label + 1:
            break  # a heading with its first paragraph under it: the body has begun
        seen.add(key)
        if j > label + 1:
            widest = max(widest, token.gap_before)
        j += 1
    return j


def _heading_run_end(tokens: list[Token], start: int) -> int:
    """End of a run of chapter headings with nothing between them, starting at `start` (start itself if none)."""
    j = start
    while j < len(tokens) and tokens[j].kind in ("chapter", "part") and not tokens[j].extra.get("level") \
            and (j == start or tokens[j].gap_before <= 2):
        j += 1
    # A run that ends the stream heads nothing: those are empty chapters, not a list of what follows.
    return j if j - start >= 3 and j < len(tokens) else start


def _is_body_paragraph(token: Token) -> bool:
    return token.kind == "para" and (len(token.text) > _ENTRY_MAX or token.line_count >= 3)
