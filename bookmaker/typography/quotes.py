"""Quote passes, each text -> text of the same length: straight quotes and stand-in marks -> curly quotes.

Why not the `smartypants` package: it decides each mark from its neighbours alone, and gets
fiction wrong where it matters: `'em` and `'90s` become opening quotes (‘em), `--"no"` and a
speech cut off by a dash (`I was--"`) get a closing quote, a stray space after an opening quote
(`" Spike`) makes it a closing one, and curly quotes already in the text are never revisited.
It also works on HTML strings, while our passes run on the model's text nodes. So these are
plain regex and scanning passes, one decision per mark, each rule with its reason.

Both passes keep the text's length (one character in, one out), so they can run on a whole
paragraph whose emphasis spans are cut back out afterwards: a quote's context crosses span
boundaries (`"<i>word</i>"`).
"""

from __future__ import annotations

import re

# Words that start with an apostrophe because letters were dropped: 'em, 'til, 'cause, 'bout,
# 'round, 'tis, 'twas, rock 'n' roll, years ('90s, '99). The mark there is an apostrophe (’),
# never an opening quote. Dialect ('ello, 'ow) is left out: "'Ow!' she cried" is as likely.
ELISION = re.compile(
    r"(?i:(?:em|im|til|tis|twas|twere|twill|twould|cause|cos|coz|cuz|bout|round|nuff|fraid|scuse|kay)\b"
    r"|n['’](?![^\W\d_])"
    r"|\d\d(?:s\b|\b))"
)

DASHES = "—–-"
# After these a quote mark opens: a space is handled apart; brackets and an opening quote of
# the other kind (“‘Tis”, ‘“no” he said’) start a quotation too.
OPENING_CONTEXT = "([{“‘«"
# Before these a double quote closes: the speech ended on punctuation.
CLOSING_CONTEXT = ".,;:!?)]}…»’'" + DASHES


def _space(char: str | None) -> bool:
    return char is None or char.isspace()


def _word(char: str | None) -> bool:
    return char is not None and char.isalnum()


def _last_single_closer(text: str) -> int:
    """Position of the last ' or ’ that could close a quotation (after a non-space, not inside a word); -1 if none."""
    for j in range(len(text) - 1, 0, -1):
        if text[j] in "'’" and not text[j - 1].isspace():
            if not (_word(text[j - 1]) and j + 1 < len(text) and _word(text[j + 1])):
                return j
    return -1


def _single(text: str, i: int, last_closer: int) -> str:
    """The curly form of the straight single quote at text[i]; `last_closer` from _last_single_closer."""
    before = text[i - 1] if i else None
    after = text[i + 1] if i + 1 < len(text) else None
    if _word(before) and _word(after):
        return "’"  # inside a word: don't, rock'n'roll, 90's
    if before is None or before.isspace() or before in OPENING_CONTEXT or before in DASHES or before in '"':
        if ELISION.match(text, i + 1) or _space(after):
            return "’"  # 'em, 'til, '90s; a mark floating between spaces is read as an apostrophe
        if last_closer < i:
            return "’"  # nothing later could close it: a dropped letter ("How is the 'Bit?"), not a quote
        return "‘"  # starts a word and something later can close it: an opening quote
    return "’"  # after a word or punctuation: closing quote, possessive (the Summers'), goin'


def _double_opens(before: str | None, after: str | None, inside: bool) -> bool:
    """Whether a double quote between `before` and `after` opens; `inside`: a quotation is open."""
    if after is None:
        return before is None and not inside  # the paragraph ends: a quote there closes
    if before is None:
        return True  # the paragraph starts: a quote there opens, even with a stray space after it
    if before.isspace() or before in OPENING_CONTEXT:
        # `said " Spike` tells nothing by its neighbours: count what is open so far
        return not inside if after.isspace() else True
    if before in DASHES:
        # `he said—"no"` opens; `I was—" she` (speech cut off) closes
        return _word(after) or after in OPENING_CONTEXT or after in "'…"
    if after.isspace() or after in CLOSING_CONTEXT:
        return False
    return not inside  # glued on both sides (`said,"Hello` or `ready."Spike`): count what is open


def quotes(text: str) -> str:
    """Straight quotes " and ' -> curly “ ” ‘ ’ from their context; curly quotes stay.

    Signal: a straight quote mark, read with the characters on either side and the number of
    double quotes already open in the paragraph (for marks with the same thing on both sides).
    A curly double quote floating between two spaces is read again the same way: its shape
    came from an autocorrect that saw only the space before it.
    Example (seed 002): `"Spike?" Willow stepped` -> `“Spike?” Willow stepped`;
    (not a seed: Huckleberry Finn) `"Don't put your feet up there, Huckleberry;" and`
    -> `“Don’t put your feet up there, Huckleberry;” and`.
    """
    out = list(text)
    inside = False  # a double quotation is open
    last_closer = _last_single_closer(text) if "'" in text else -1
    for i, char in enumerate(text):
        if char == "'":
            out[i] = _single(text, i, last_closer)
            continue
        if char not in '"“”':
            continue
        before = text[i - 1] if i else None
        after = text[i + 1] if i + 1 < len(text) else None
        floating = char != '"' and before is not None and after is not None and before.isspace() and after.isspace()
        if char == '"' or floating:
            inside = _double_opens(before, after, inside)
            out[i] = "“" if inside else "”"
        else:
            inside = char == "“"
    return "".join(out)


# Marks that stand in for an apostrophe: the acute accent (keyboards without ’ in Europe),
# the backtick, the prime; a ‘ inside a word is an autocorrect that guessed wrong.
_MARKS = "´`′"
_LETTER = r"[^\W\d_]"
_INSIDE_WORD = re.compile(rf"(?<=[^\W_])[{_MARKS}‘](?={_LETTER})")  # I´m, don`t, 90´s
_END_OF_WORD = re.compile(rf"(?<={_LETTER})[{_MARKS}](?![^\W_])")
_START_OF_WORD = re.compile(rf"(?<![^\W_])[{_MARKS}](?=[^\W_])")


def _word_start(match: re.Match[str]) -> str:
    # 'em and '90s are elisions; otherwise `word (Alice in Wonderland's `and what is the use of
    # a book,') is the typewriter's opening single quote
    return "’" if ELISION.match(match.string, match.end()) else "‘"


def apostrophes(text: str) -> str:
    """An acute accent, backtick or prime used as an apostrophe -> ’ (a backtick opening a quote -> ‘).

    Signal: ´ ` ′ inside a word, at its end after a letter, or at its start.
    Example (seed 000): "Hey, I´m not a native speaker" -> "Hey, I’m not a native speaker";
    (not a seed: Alice in Wonderland, Project Gutenberg #11) "thought Alice `without pictures"
    -> "thought Alice ‘without pictures". Primes after digits (5′10″) are measurements and stay.
    """
    text = _INSIDE_WORD.sub("’", text)
    text = _END_OF_WORD.sub("’", text)
    return _START_OF_WORD.sub(_word_start, text)
