"""Spacing around punctuation, text -> text: a space typed before a comma or a full stop goes."""

from __future__ import annotations

import re

# A space after a word and before , ; : . ! ? that ends a clause (a space, a quote or the end after it).
# Not before a digit (" .5"), not an ellipsis (made before this pass), not ":)" or ";-)" (smileys).
_SPACE_BEFORE = re.compile(r"(?<=[\w”’\)]) +([,;:.!?]+)(?=[\s”’\"']|$)")
# A comma or semicolon typed before the space instead of after it: "you ,Spike" -> "you, Spike".
_SWAPPED = re.compile(r"(?<=\w) ([,;])(?=[^\W\d_])")


def punctuation_space(text: str) -> str:
    """`lit ,` -> `lit,` and `you ,Spike` -> `you, Spike`.

    Signal: a space between a word and the comma, semicolon, colon, full stop, ! or ? after it (English
    typography has none; French has its own pass, which sets a narrow no-break space there on purpose).
    Example (seed 003): "while he lit , and then exhaled" -> "while he lit, and then exhaled".
    """
    text = _SWAPPED.sub(r"\1 ", text)
    return _SPACE_BEFORE.sub(r"\1", text)
