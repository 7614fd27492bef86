"""Quote-spacing passes for languages that do not quote the English way, each text -> text.

Each replaces the English `quote-spacing` pass in a book in its language and runs where it runs,
after the quotes are drawn. Most languages glue quotes to their words („so“, «così»); French
sets a narrow no-break space (U+202F) inside guillemets and before ; : ! ?, as its printers do.
"""

from __future__ import annotations

import re

from bookmaker.typography.spaces import quote_space_patterns, strip_quote_spaces

_GERMAN = quote_space_patterns("„", "“", "‚")
_LOW_HIGH = quote_space_patterns("„", "”", "‘")
_GUILLEMETS = quote_space_patterns("«", "»", "‘")


def german_quote_spacing(text: str) -> str:
    """The space after „ or ‚, or before a closing “ -> removed.

    Signal: „ followed by a space and a word; a space, then “ that ends the words before it.
    Example (written for the tests): "„ Komm her “, rief sie." -> "„Komm her“, rief sie."
    """
    return strip_quote_spaces(text, _GERMAN)


def low_high_quote_spacing(text: str) -> str:
    """The space after „, or before a closing ” -> removed (Polish, Hungarian, Romanian).

    Signal: „ followed by a space and a word; a space, then ” that ends the words before it.
    Example (written for the tests): "„ Chodź ”, powiedziała." -> "„Chodź”, powiedziała."
    """
    return strip_quote_spaces(text, _LOW_HIGH)


def guillemet_quote_spacing(text: str) -> str:
    """The space after « or before » -> removed (Spanish, Italian, Portuguese, Russian: «así»).

    Signal: « followed by a space and a word; a space, then » that ends the words before it.
    Example (written for the tests): "« Vieni qui », disse." -> "«Vieni qui», disse."
    """
    return strip_quote_spaces(text, _GUILLEMETS)


NARROW = "\u202f"  # narrow no-break space: never a line break between a guillemet and its word
# Any space typed inside a guillemet, or none: one narrow no-break space. A no-break space the
# author typed (U+00A0) is a French printer's older habit and stays.
_AFTER_OPENING = re.compile(r"«[ \u202f]*(?=[^\s\u00a0])")
_BEFORE_CLOSING = re.compile(r"(?<=[^\s\u00a0])[ \u202f]*»")
# The high marks ; : ! ? after a word: only where they end a clause (a space, the end, a closing
# mark follows), so 10:30, http://, and ?! inside a run are left as typed.
_BEFORE_HIGH_MARK = re.compile(r"(?<=[^\s\u00a0;:!?])[ \u202f]?(?=[;:!?]+(?:$|\s|[»”’)\]…]))")


def french_spacing(text: str) -> str:
    """Guillemets and the high marks ; : ! ? -> a narrow no-break space (U+202F) between them and their words.

    Signal: « or » next to its word, with a space or none; ; : ! ? after a word, at a clause's end.
    Example (written for the tests): "«Tu viens?» demanda-t-elle." -> "«\u202fTu viens\u202f?\u202f» demanda-t-elle."
    """
    text = _AFTER_OPENING.sub("«" + NARROW, text)
    text = _BEFORE_CLOSING.sub(NARROW + "»", text)
    return _BEFORE_HIGH_MARK.sub(NARROW, text)
