"""Small predicates on the shape of a line of text, shared by the detection rules."""

from __future__ import annotations

import re
from functools import lru_cache

# Emphasis markers at the edge of a word only: `snake_case` and `f*ck` keep theirs.
_MARKUP = re.compile(r"</?(?:i|b|em|strong|u)>|(?<!\w)[*_]{1,2}(?=\w)|(?<=\w)[*_]{1,2}(?!\w)", re.IGNORECASE)
_QUOTE_START = re.compile(r"^[\"'“”‘’«»„(\[—–-]")
_SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "the",
                "to", "with", "vs", "is", "it", "la", "le", "de", "del", "von", "van"}


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """The text without emphasis markup or surrounding spaces: `*Present Day*` -> `Present Day`."""
    # Every line rule asks this of every paragraph: kept once per text, and prose with no marker skips the regex.
    if "*" not in text and "_" not in text and "<" not in text:
        return text.strip()
    return _MARKUP.sub("", text).strip()


def is_capitals(text: str) -> bool:
    """Mostly words in capitals: `THE EVE OF THE WAR.`, `DR. SEWARD'S DIARY--_continued_.` (a heading in capitals
    may carry a word in italics); words of one letter (`I`, `a`) say nothing either way."""
    words = [w for w in re.findall(r"[^\W\d_]+", plain(text)) if len(w) > 1]
    return bool(words) and sum(w.isupper() for w in words) >= 0.7 * len(words)


def word_key(text: str) -> str:
    """The line's words, lower-cased, markup and punctuation gone: ` Chapter XII. The Man.` -> `chapter xii the man`
    (two lines that say the same thing have the same key)."""
    return " ".join(re.findall(r"[^\W_]+", plain(text).casefold()))


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    """True when the text ends like a sentence (a full stop, comma, colon...), not like a title or caption."""
    stripped = text.rstrip(" \"'”’)*_")
    if stripped.endswith(("...", "…")):
        return False
    return stripped[-1:] in ".,;:"


def looks_like_title(text: str, max_words: int = 12) -> bool:
    """A short line that reads as a title: `It starts with goodbye...`, `Survivor Guilt`, `Jealous Much?`."""
    text = plain(text)
    if not text or len(text) > 80 or word_count(text) > max_words:
        return False
    if _QUOTE_START.match(text) or ends_sentence(text):
        return False
    first = text[0]
    return first.isupper() or first.isdigit()


def is_title_case(text: str) -> bool:
    """Every word but the small ones starts with a capital or a digit: `Just Outside Of LA`."""
    words = [w.strip("\"'“”‘’,()") for w in plain(text).split()]
    words = [w for w in words if w]
    if not words:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS for w in words)
