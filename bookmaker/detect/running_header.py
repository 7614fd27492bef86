"""Running headers: the same short lines repeated just above every chapter heading -> shown once, as title and author.

Fan-fiction exports repeat the story's header with each chapter: `**The Long Road**` / `**By darkangel77**` /
`**Chapter 3: Dusk**`. The first copy gives the book's title and author; the copies are dropped, and reported.
"""

from __future__ import annotations

from collections import defaultdict

from bookmaker.detect import title_by
from bookmaker.detect.text_shape import looks_like_title, plain
from bookmaker.detect.tokens import Token
from bookmaker.model import Diagnostic, Manuscript

_NEAR = 4  # a running header stands within this many paragraphs above a heading
_MIN_COPIES = 3


def drop_running_headers(tokens: list[Token], manuscript: Manuscript) -> list[Token]:
    """Remove short paragraphs repeated above most chapter headings; the first copies name the book."""
    headings = [i for i, t in enumerate(tokens) if t.kind in ("chapter", "part")]
    if len(headings) < _MIN_COPIES:
        return tokens
    seen: dict[str, list[int]] = defaultdict(list)
    for index, token in enumerate(tokens):
        text = plain(token.text).strip()
        # Only header material repeats so: a title or a byline, never a sentence of the story.
        if token.kind == "para" and 0 < len(text) <= 100 and (looks_like_title(text) or title_by.parse_by_line(text)):
            seen[text.casefold()].append(index)
    drop: set[int] = set()
    heading_set = set(headings)
    for places in seen.values():
        if len(places) < _MIN_COPIES:
            continue
        near = sum(1 for p in places if any(p + k in heading_set for k in range(1, _NEAR + 1)))
        if near * 3 < len(places) * 2:
            continue
        first = tokens[places[0]]
        _name_the_book(first, manuscript)
        drop.update(places)
        manuscript.diagnostics.append(Diagnostic(
            "D120", f"'{plain(first.text).strip()}' repeated above {len(places)} chapter headings: shown once, "
                    "on the title page", first.line))
        manuscript.diagnostics += [Diagnostic("D120", f"copy of line {first.line} dropped", tokens[p].line)
                                   for p in places[1:]]
    return [t for i, t in enumerate(tokens) if i not in drop]


def _name_the_book(token: Token, manuscript: Manuscript) -> None:
    meta = manuscript.meta
    author = title_by.parse_by_line(token.text)
    if author and not meta.author:
        meta.author = author
    elif not author and not meta.title and looks_like_title(token.text):
        meta.title = plain(token.text).strip()
