"""Bytes of another script in a Western file: one line's bytes, read as Windows-1252 -> the same bytes read in the
single-byte encoding of Cyrillic, Greek or Hebrew, when that reading is text of that script.

An English story in Windows-1251 with one Russian line reads, as Windows-1252, "“Ïðèâåò, ìàìà.”": words made
only of accented letters, which no Western language writes. The same bytes read as Windows-1251 give
"“Привет, мама.”". Each encoding of a script is tried; a reading counts only when every word it changed is
made of that script's letters alone, and the likeliest by the script's letter frequencies wins (so Russian
bytes read as Greek, or Windows-1251 read as KOI8-R, lose).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

# A word of two or more accented Latin-1 letters and no ASCII one: what another script's bytes look like as
# Windows-1252 ("Ïðèâåò"). Western words keep ASCII letters around their accents ("solução"); a rare one
# that does not ("ÉTÉ") is rejected by the checks below.
# The Latin-1 signs those encodings put letters on count too (Ukrainian і is "³", Greek Ά "¢"); not « » or NBSP.
_HIGH = "\u00a1-\u00aa\u00ac\u00ae-\u00ba\u00bc-\u00ff"
SUSPECT = re.compile(f"(?<![A-Za-z{_HIGH}])[{_HIGH}]{{2,}}(?![A-Za-z{_HIGH}])")
_WORD = re.compile(r"[^\W\d_]+")
MIN_LETTERS = 4  # fewer letters of the script in a line: too little to tell (a stray "Ôè" stays as read)
MIN_SCORE = 0.25  # mean log10 of the letters' frequency (in %): Russian text ~0.7, a wrong reading < 0.2


@dataclass(frozen=True)
class Script:
    """A script's single-byte encodings and its letters' frequencies in running text (percent, lower case)."""

    name: str
    encodings: tuple[str, ...]
    frequencies: dict[str, float]


def _table(letters: str, percents: str) -> dict[str, float]:
    return dict(zip(letters, map(float, percents.split())))


SCRIPTS = (
    Script("CYRILLIC", ("cp1251", "koi8_r", "iso8859_5"), _table(
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъёіїєґўђјљњћџѕ",
        "10.9 8.4 8.0 7.3 6.7 6.3 5.5 4.7 4.5 4.4 3.5 3.2 3.0 2.8 2.6 2.0 1.9 1.7 1.7 1.6 1.6 1.4 1.2 1.0 0.9 "
        "0.7 0.6 0.5 0.4 0.3 0.3 0.1 0.1 4.0 0.6 0.4 0.1 0.3 0.3 1.0 0.3 0.3 0.3 0.2 0.1")),
    Script("GREEK", ("cp1253", "iso8859_7"), _table(
        "αοετινσςηκπρυμλωδγχθφβξζψ",
        "12.0 9.8 8.0 7.8 7.7 6.7 4.5 3.4 5.0 4.0 4.0 4.3 4.0 3.4 2.7 2.0 1.8 1.7 1.0 1.3 0.8 0.6 0.4 0.3 0.2")),
    Script("HEBREW", ("cp1255", "iso8859_8"), _table(
        "יוהלארמתבשנדעכקפחסגצטזםןךףץ",
        "11.0 10.0 8.7 7.3 6.3 5.6 5.5 5.0 4.8 4.5 3.5 2.6 2.6 2.5 2.1 1.8 2.2 1.5 1.3 1.2 1.2 0.8 2.5 1.8 0.7 0.5 "
        "0.3")),
)


@dataclass(frozen=True)
class Reading:
    """A line read in another script's encoding: the text and the encoding's name."""

    text: str
    encoding: str


def read_other_script(raw: bytes, western: str, utf8: bool) -> Reading | None:
    """A line's bytes and their Windows-1252 reading -> the reading in another script's encoding, or None.
    With `utf8`, the line is UTF-8 with some bytes that are not: only those are read again."""
    best: tuple[float, Reading] | None = None
    for script in SCRIPTS:
        for encoding in script.encodings:
            for text in _decodings(raw, encoding, utf8):
                score = _score(text, western, script) if text != western else None
                if score is not None and (best is None or score > best[0]):
                    best = (score, Reading(text, encoding))
    return best[1] if best else None


def _decodings(raw: bytes, encoding: str, utf8: bool) -> list[str]:
    """The line's readings in `encoding`: whole, and in a UTF-8 file also only its bytes that are not UTF-8
    (a whole line pasted from elsewhere may hold byte pairs that happen to be UTF-8: "Ві" is C2 B3, "³")."""
    readings = []
    try:
        readings.append(raw.decode(encoding))
    except UnicodeDecodeError:  # a byte the encoding leaves undefined: not this encoding
        pass
    if utf8:
        escaped = raw.decode("utf-8", errors="surrogateescape")
        try:
            readings.append(re.sub("[\udc80-\udcff]+", lambda m: m.group().encode(
                "utf-8", "surrogateescape").decode(encoding), escaped))
        except UnicodeDecodeError:
            pass
    return readings


def _score(text: str, western: str, script: Script) -> float | None:
    """How likely `text` is running text in `script` (mean log10 frequency of its letters), or None when a word
    it changed from the Western reading holds a letter of another script or changes case inside it."""
    before = set(_WORD.findall(western))
    total, letters = 0.0, 0
    for word in _WORD.findall(text):
        if word in before:
            continue  # unchanged (ASCII): the English around the foreign words
        for index, char in enumerate(word):
            if unicodedata.name(char, "").split(" ", 1)[0] != script.name:
                return None
            if index and char.isupper() and word[index - 1].islower():
                return None  # "оПХБЕР": the case of KOI8-R read as Windows-1251, or the reverse
            if script.name == "GREEK" and char == "ς" and index < len(word) - 1:
                return None  # final sigma inside a word
        for char in word:
            base = unicodedata.normalize("NFD", char.lower())[0]
            total += math.log10(script.frequencies.get(base, 0.05))
            letters += 1
    if letters < MIN_LETTERS or total / letters < MIN_SCORE:
        return None
    return total / letters
