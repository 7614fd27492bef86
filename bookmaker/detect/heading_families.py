"""Heading candidates grouped into families by shape: list[Token] -> the families that form a plausible sequence.

A family is one template with a number slot: `CHAPTER {roman}`, `{roman}.` (a bare numeral, its title on the next
line), `{roman}. {title}`, `Letter {n}`, `Kapitel {n}`. A family is kept when its members count up (1, 2, 3 ...,
starting again at 1 in a new part) with story between them. A family whose members all fall inside one chapter of a
stronger family is a set of sections of that chapter (`I.` / `II.` inside `I. A SCANDAL IN BOHEMIA`), not chapters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from bookmaker.detect import chapter_heading
from bookmaker.detect.text_shape import plain
from bookmaker.detect.tokens import Token

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_WORD_NUMBERS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_ORDINALS = {w: n for n, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
# `Letter 3`, `Kapitel 12`, `Capítulo IV`, `Глава 2`: any capitalised word before a number, in any language; it
# only counts as a heading when three or more of them count up through the text.
_WORD_AND_NUMBER = re.compile(
    r"^(?P<word>[^\W\d_][^\W\d_]{1,15})\.?\s+(?P<number>\d{1,3}|[IVXLC]{1,7})\.?"
    r"(?:\s*(?P<sep>[:.\-–—])\s*(?P<title>\S.{0,100}))?$"
)
_BARE_ROMAN = re.compile(r"^[IVXLC]{1,7}\.?$")

STRENGTH_NAMED = 4  # Prologue, Epilogue: always headings, never the frame of other headings
STRENGTH_WORD = 3  # Chapter 1, PART TWO, Kapitel 3: a known heading word
STRENGTH_ANY_WORD = 2  # Letter 1 (a word the rules do not know) or `IV. The Return`
STRENGTH_BARE = 1  # a bare `IV` or `12`


@dataclass(frozen=True)
class Candidate:
    """One line that may be a heading: where it is, its family, its number and what it says."""

    index: int  # position in the token stream
    family: str  # the template: "chapter|chapter|roman", "chapter||roman.", "part|book|word" ...
    kind: str  # "chapter" or "part"
    number: int | None
    label: str | None
    title: str | None
    strength: int


@dataclass
class Family:
    """Candidates of one template, in reading order, and whether they were kept."""

    name: str
    strength: int
    members: list[Candidate] = field(default_factory=list)
    kept: bool = False
    sections_of: str | None = None  # the stronger family whose chapter holds all of these
    reason: str = ""

    @property
    def numbers(self) -> list[int | None]:
        return [m.number for m in self.members]


def number_value(text: str) -> int | None:
    """`12` -> 12, `XIV` -> 14, `three` / `the Third` -> 3; None when it is not a number."""
    word = text.strip().strip(".").casefold()
    if word.startswith("the "):
        word = word[4:]
    if word.isdigit():
        return int(word)
    if word in _WORD_NUMBERS:
        return _WORD_NUMBERS[word]
    if word in _ORDINALS:
        return _ORDINALS[word]
    if word and all(c in _ROMAN_VALUES for c in word) and chapter_heading._ROMAN.match(word):
        total = 0
        for a, b in zip(word, word[1:] + " "):
            value = _ROMAN_VALUES[a]
            total += -value if b != " " and _ROMAN_VALUES[b] > value else value
        return total
    return None


def _style(number: str) -> str:
    n = number.strip(".")
    return "arabic" if n.isdigit() else "roman" if _BARE_ROMAN.match(n.upper()) and n.isupper() else "word"


def candidate(index: int, token: Token) -> Candidate | None:
    """The heading candidate a token is, if any."""
    text = plain(token.text).strip()
    if token.extra.get("pinned"):
        return None  # a heading the user named in the metadata file
    if token.kind in ("chapter", "part") and token.extra.get("level") is None:
        label = token.label or ""
        if not label:
            return None
        word, _, rest = label.partition(" ")  # `CHAPTER XII`, `Chapter the First`; a bare `II`; `Prologue`
        number = number_value(rest or label)
        if number is None and not rest:
            return Candidate(index, f"named|{label.casefold()}", token.kind, None, label, token.title, STRENGTH_NAMED)
        word = word.casefold().rstrip(".")
        if token.weak:
            shape = "titled" if token.title else ("dot" if text.rstrip().endswith(".") else "bare")
            strength = STRENGTH_ANY_WORD if token.title else STRENGTH_BARE
            return Candidate(index, f"{token.kind}||{_style(label)}|{shape}", token.kind, number, label, token.title,
                             strength)
        return Candidate(index, f"{token.kind}|{word}|{_style(rest or label)}", token.kind, number, label,
                         token.title, STRENGTH_WORD)
    if token.kind == "break" and _BARE_ROMAN.match(text):
        # `X.` drawn alone is a numeral before it is a divider, when the numerals around it count up to it.
        return Candidate(index, f"chapter||roman|{'dot' if text.endswith('.') else 'bare'}", "chapter",
                         number_value(text), text.rstrip("."), None, STRENGTH_BARE)
    if token.kind == "para" and token.line_count <= 2 and len(text) <= 120:
        match = _WORD_AND_NUMBER.match(text)
        if match and match.group("word")[0].isupper():
            title = match.group("title")
            if title and not match.group("sep"):
                return None
            label = f"{match.group('word')} {match.group('number')}"
            return Candidate(index, f"chapter|{match.group('word').casefold()}|{_style(match.group('number'))}",
                             "chapter", number_value(match.group("number")), label, title, STRENGTH_ANY_WORD)
    return None


def gather(tokens: list[Token]) -> list[Family]:
    """Candidates grouped by template, in order of first appearance."""
    families: dict[str, Family] = {}
    for index, token in enumerate(tokens):
        found = candidate(index, token)
        if found:
            families.setdefault(found.family, Family(found.family, found.strength)).members.append(found)
    return list(families.values())


def decide(families: list[Family], tokens: list[Token]) -> None:
    """Mark the families that are headings (`kept`), and those that are sections of a stronger family's chapters."""
    for family in families:
        family.kept, family.reason = _plausible(family, tokens)
    for family in families:
        if not family.kept or family.members[0].kind != "chapter":
            continue
        for other in families:
            if other is family or not other.kept or other.members[0].kind != "chapter":
                continue
            if other.strength in (STRENGTH_NAMED,) or other.strength <= family.strength:
                continue
            if len(other.members) > len(family.members) and _inside_one_chapter(family, other):
                family.kept, family.sections_of = False, other.name
                family.reason = f"all {len(family.members)} inside one chapter of {_show(other.name)}: sections"
                break


def _plausible(family: Family, tokens: list[Token]) -> tuple[bool, str]:
    """(kept, why): a known heading word always counts; others must count up with story between them."""
    n = len(family.members)
    if family.strength >= STRENGTH_WORD:
        return True, f"{n} found"
    needed = 3 if family.strength == STRENGTH_ANY_WORD and "||" not in family.name else 2
    if n < needed:
        return False, f"only {n}"
    numbers = family.numbers
    steps = sum(1 for a, b in zip(numbers, numbers[1:]) if a is not None and b is not None and (b == a + 1 or b == 1))
    if steps < 0.6 * (n - 1):
        return False, f"{n} found, numbers do not count up"
    with_text = sum(1 for a, b in zip(family.members, family.members[1:])
                    if any(t.kind == "para" for t in tokens[a.index + 1:b.index]))
    if with_text < 0.7 * (n - 1):
        return False, f"{n} found with no story between them"
    return True, f"{n} found, {_range(numbers)} in order"


def _inside_one_chapter(family: Family, stronger: Family) -> bool:
    """True when every member of `family` lies between the same two members of `stronger` (or after its last)."""
    starts = [m.index for m in stronger.members]
    slots = {bisect_right(starts, m.index) for m in family.members}
    return len(slots) == 1 and slots.pop() >= 1


def _range(numbers: list[int | None]) -> str:
    known = [n for n in numbers if n is not None]
    return f"{known[0]}–{known[-1]}" if known else "unnumbered"


def _show(name: str) -> str:
    """A family's template for people: `chapter|chapter|roman` -> `CHAPTER {roman}`."""
    kind, word, *rest = name.split("|")
    if kind == "named":
        return word.title()
    slot = "{" + (rest[0] if rest else "n") + "}"
    shape = rest[1] if len(rest) > 1 else ""
    if not word:
        return slot + ("." if shape == "dot" else ". {title}" if shape == "titled" else "")
    return f"{word.title()} {slot}"


def describe(family: Family) -> str:
    """One line of evidence: `family "Chapter {roman}": 27 found, 1–27 in order`."""
    verdict = "kept" if family.kept else "not headings"
    return f'{family.members[0].kind} family "{_show(family.name)}": {family.reason} ({verdict})'
