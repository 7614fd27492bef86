"""Whitespace passes, each text -> text: collapse odd and repeated spaces, trim the ends, glue quotes to their words."""

from __future__ import annotations

import re

# Spaces a word processor or a web page leaves behind: en/em/thin/hair spaces, the ideographic
# space, the ogham space mark. In a novel's running text each of them means "a space".
_ODD_SPACES = re.compile("[\t\u1680\u2000-\u200a\u205f\u3000]")
# Zero-width space and a byte-order mark in mid-text are invisible debris from copy and paste.
# (Zero-width joiners are kept: emoji and some scripts need them.)
_INVISIBLE = {0x200B: None, 0xFEFF: None}
# A run of spaces, including no-break ones: one space. A single no-break space between two
# words is left alone, because it may be deliberate ("Mr.\u00a0Smith", "10\u202fkm").
_RUN = re.compile("[ \u00a0\u202f]{2,}")
_AROUND_NEWLINE = re.compile("[ \u00a0\u202f]*\n[ \u00a0\u202f]*")


def whitespace(text: str) -> str:
    """Tabs, odd spaces and runs of spaces -> one space; zero-width debris removed.

    Signal: two or more space characters in a row, or a space that is not U+0020.
    Example (seed 003): "her jeans off.  Swallowing" -> "her jeans off. Swallowing".
    The ends are not stripped here: inside a paragraph, a span's edge space separates it
    from the next span ("said " + *no*); the `trim` pass strips the ends of a whole text.
    """
    text = _ODD_SPACES.sub(" ", text.translate(_INVISIBLE))
    text = _RUN.sub(" ", text)
    return _AROUND_NEWLINE.sub("\n", text)


def trim(text: str) -> str:
    """Leading and trailing whitespace of a whole text node -> removed.

    Signal: spaces before the first or after the last visible character.
    Example (seed 001): " Chapter 1" -> "Chapter 1".
    """
    return text.strip()


# After `quotes` has decided which marks open and which close, a space between an opening
# mark and its first word (or a closing mark and its last word) is a typing slip: word
# processors and archives add it when an author types `" word` or `word "`.
def quote_space_patterns(opening: str, closing: str, single: str) -> tuple[re.Pattern[str], ...]:
    """The marks a language quotes with -> patterns for a space after an opening mark, and before a closing one."""
    return (
        re.compile(rf"{opening}[ \u00a0]+(?=[^\W_]|…)"),
        re.compile(rf"{single}[ \u00a0]+(?=[^\W\d_])"),  # letters only: "‘ 90s" may be anything
        re.compile(rf"(?<=\S)[ \u00a0]+{closing}(?=$|\s|[,.;:!?)\]…—])"),
    )


def strip_quote_spaces(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    """Text -> the same without the spaces `patterns` (from quote_space_patterns) find inside quotes."""
    after_double, after_single, before_closing = patterns
    text = after_double.sub(lambda m: m.group().rstrip(" \u00a0"), text)
    text = after_single.sub(lambda m: m.group().rstrip(" \u00a0"), text)
    return before_closing.sub(lambda m: m.group().lstrip(" \u00a0"), text)


_ENGLISH = quote_space_patterns("“", "”", "‘")


def quote_spacing(text: str) -> str:
    """The space after an opening quote or before a closing double quote -> removed.

    Signal: “ followed by a space and a word; a space, then ” that ends the words before it.
    Example (seed 003): "Spike continued, “ You belong" -> "Spike continued, “You belong".
    Runs after `quotes`, which turns a straight or floating quote into “ or ” from context.
    """
    return strip_quote_spaces(text, _ENGLISH)
