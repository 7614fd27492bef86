"""Scene-break lines: a line drawn with repeated symbols, or a written "scene break" caption.

Examples: `***`, `* * *`, `~~~~~~~~`, `#`, `xXxXx`, `-o-o-`, `~*~`, `oOo`, `<hr>`, `---Line Break---`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_WRITTEN = re.compile(
    r"^[\W_]*(?:scene|line|page|time|pov)[\s_-]*(?:break|change|skip|shift|switch)[\W_]*$", re.IGNORECASE
)
_HR_TAG = re.compile(r"^<hr\s*/?>$", re.IGNORECASE)
# Letters that authors weave into drawn dividers: xXxXx, -o-o-, oOo, ~x~, 0o0.
_DIVIDER_LETTERS = re.compile(r"[xXoO0]")
# A line of dots alone ("...") is a character's silence, not a divider.
_DOTS_ONLY = re.compile(r"^[.…\s]+$")
_QUOTES_ONLY = re.compile(r"^[\"'“”‘’«»()\[\]!?]+$")


def _is_symbol(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS" and char not in "\"'“”‘’«»"


def symbol_break(text: str) -> bool:
    """True for a line drawn with symbols only (or x/o letters woven among them)."""
    squeezed = "".join(text.split())
    if not squeezed or len(squeezed) > 80 or _DOTS_ONLY.match(squeezed) or _QUOTES_ONLY.match(squeezed):
        return False
    if _HR_TAG.match(squeezed):
        return True
    if _letter_rule(squeezed):
        return True
    without_letters = _DIVIDER_LETTERS.sub("", squeezed)
    if not without_letters:
        # Letters only: xXxXx or oOo, alternating; never a word such as "Ox" or a shouted "oooo".
        return len(squeezed) >= 3 and all(a != b for a, b in zip(squeezed, squeezed[1:]))
    if not all(_is_symbol(c) for c in without_letters):
        return False
    # Letters may only stand among symbols (-o-o-, ~x~), never form a word.
    return re.search(r"[xXoO0]{2}", squeezed) is None


def _letter_rule(squeezed: str) -> bool:
    """A rule drawn by holding a key down: `XXXXXXXXXXXXXXXX`, even with a mark typed in it (`XXXXXX666XXXXXX`)."""
    if len(squeezed) < 6:
        return False
    top, count = Counter(squeezed).most_common(1)[0]
    # It starts and ends with the held key: `Noooooo` is a cry, not a rule.
    return top in "xXoO" and count >= 0.75 * len(squeezed) and squeezed[0] == squeezed[-1] == top


def written_break(text: str) -> bool:
    """True for a caption that names a break: `~Scene Break~`, `--- Line break ---`, `POV change`."""
    return bool(_WRITTEN.match(text.strip()))


def is_scene_break(text: str) -> bool:
    return symbol_break(text) or written_break(text)
