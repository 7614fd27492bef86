"""`TITLE by AUTHOR` lines: the story's title and author on one line, repeated as each chapter's heading.

Example: `Missing Him by Weeza` (the first line: the book's title and author), then `Confessions by Weeza`,
`Rejections & Regrets by Weeza` (chapter headings, because the same author repeats).
"""

from __future__ import annotations

import re

from bookmaker.detect.text_shape import looks_like_title, plain

_TITLE_BY = re.compile(r"^(?P<title>.{1,80}?)\s+by:?\s+(?P<author>[^\s.,;:!?][^.,;:!?]{0,40}?)\s*$", re.IGNORECASE)
_BY_LINE = re.compile(r"^(?:written\s+)?by:?\s+(?P<author>[^\s.,;!?][^,;!?]{0,60}?)\s*$", re.IGNORECASE)


def parse(text: str) -> tuple[str, str] | None:
    """Return (title, author) for a `TITLE by AUTHOR` line, or None."""
    line = plain(text)
    match = _TITLE_BY.match(line)
    if not match:
        return None
    title, author = match.group("title").strip(), match.group("author").strip()
    if len(author.split()) > 4 or not looks_like_title(title) or not _looks_like_name(author):
        return None
    return title, author


def parse_by_line(text: str) -> str | None:
    """Return the author of a `by NAME` line (the line after a title), or None."""
    match = _BY_LINE.match(plain(text))
    author = match.group("author") if match else ""
    # After a title line a one-word handle counts in any case (`by snowfall_writer`).
    if not match or len(author.split()) > 6 or not (_looks_like_name(author) or len(author.split()) == 1):
        return None
    return match.group("author").strip()


def _looks_like_name(author: str) -> bool:
    """A pen name: capitalised words or a handle (`Weeza`, `J. Smith`, `darkangel77`), not `the sea`."""
    words = author.split()
    return words[0][0].isupper() or (len(words) == 1 and any(c.isdigit() or c == "_" for c in author))
