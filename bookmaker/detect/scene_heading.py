"""Scene headings: a short time or place caption that opens a scene.

Examples: `One Year Earlier`, `Present Day`, `Just outside of LA`, `Sunnydale, 1999`, `Buffy's POV`,
`Three weeks later...`, `Meanwhile`.
"""

from __future__ import annotations

import re

from bookmaker.detect.text_shape import ends_sentence, is_title_case, plain, word_count

_TIME_OR_PLACE = re.compile(
    r"\b(?:earlier|later|ago|before|after|present|past|future|day|days|night|nights|morning|evening|afternoon|"
    r"noon|midnight|dawn|dusk|years?|months?|weeks?|hours?|minutes?|moments|seconds|meanwhile|elsewhere|"
    r"somewhere|outside|inside|near|nearby|now|then|today|tonight|tomorrow|yesterday|flashback|pov|"
    r"point\s+of\s+view|o'clock|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
    r"march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|winter|"
    r"\d{4}|\d{1,2}:\d{2})\b",
    re.IGNORECASE,
)
_OPENING = re.compile(r"^[\"'“”‘’(\[—–-]")


def is_caption(text: str) -> bool:
    """True for a short caption line: at most 8 words, no sentence punctuation, a time or place word or Title Case."""
    line = plain(text).rstrip(":")
    if not line or len(line) > 60 or word_count(line) > 8 or _OPENING.match(line):
        return False
    if ends_sentence(line) or line.endswith(("!", "?")) or not (line[0].isupper() or line[0].isdigit()):
        return False
    return names_time_or_place(line) or (is_title_case(line) and word_count(line) >= 2)


def names_time_or_place(text: str) -> bool:
    """True when the caption has a time or place word (`Later`, `1999`, `POV`), not only Title Case."""
    return bool(_TIME_OR_PLACE.search(plain(text)))
