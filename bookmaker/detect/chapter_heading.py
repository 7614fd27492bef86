"""Chapter and part headings: a numbered label, with or without a title of its own.

Examples: `Chapter 1`, `Chapter One`, `CHAPTER I.`, `Chapter 2: Title`, `Chapter Two - Title`, `Ch. 3`,
`Chapter the First`, `II`, `12.`, `Prologue`, `Epilogue: After`, `PART ONE`, `Book II - The Return`, `## Title`.
"""

from __future__ import annotations

import re

from bookmaker.detect.text_shape import looks_like_title, plain, word_count

_UNITS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
             "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth last final").split()
_NUMBER_WORD = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[\s-](?:" + "|".join(_UNITS[:9]) + r"))?|"
    + "|".join(sorted(_UNITS, key=len, reverse=True)) + r"|hundred|(?:the\s+)?(?:" + "|".join(_ORDINALS) + r"))"
)
_NUMBER = r"(?:\d{1,4}|[ivxlcdm]{1,8}|" + _NUMBER_WORD + r")"
_SEPARATOR = r"(?P<sep>\s*[:.\-–—|)]+\s*|\s+)"

# A full stop closing the line belongs to the label ("CHAPTER I."), not to an ellipsis ("Goodbye...").
_END = r"(?:(?<![.])\.)?\s*$"
_CHAPTER = re.compile(
    r"^(?P<label>(?:chapter|chap\.?|chp\.?|ch\.|kapitel|chapitre|cap[ií]tulo|capitolo|hoofdstuk|rozdzia[łl]|"
    r"глава|kapitola|luku|fejezet)\s*" + _NUMBER + r")\b(?:" + _SEPARATOR + r"(?P<title>.+?))?" + _END,
    re.IGNORECASE,
)
_PART = re.compile(
    r"^(?P<label>(?:part|book|volume|vol\.|act|season|arc|teil|buch|livre|partie|tome|parte|libro)\s+" + _NUMBER + r")\b(?:" + _SEPARATOR + r"(?P<title>.+?))?" + _END,
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"^(?P<label>prologue|epilogue|interlude|afterword|foreword|preface|postscript|coda|intermission)\b"
    r"(?:" + _SEPARATOR + r"(?P<title>.+?))?" + _END,
    re.IGNORECASE,
)
# A bare number or Roman numeral alone on a line: a heading only when the document has a run of them.
_BARE_NUMBER = re.compile(r"^(?P<label>\d{1,3}|[IVXLC]{1,7})\.?$")
_NUMBER_WITH_TITLE = re.compile(r"^(?P<label>[IVXLC]{1,7}|\d{1,3})[.:)]\s+(?P<title>[A-Z].*)$")
_MARKDOWN = re.compile(r"^(?P<hashes>#{1,3})\s+(?P<title>\S.*?)\s*#*$")
_NUMBER_ONLY = re.compile(r"^" + _NUMBER + r"$", re.IGNORECASE)
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$", re.IGNORECASE)


_DECORATION = " \t~*=_[]<>|•+#-–—"


def _title_ok(title: str | None, separator: str | None) -> bool:
    """A title after a label must read as a title, not as the rest of a sentence (`Chapter 1 was the worst.`)."""
    if not title:
        return True
    title = plain(title)
    if len(title) > 100 or word_count(title) > 15:
        return False
    # Without punctuation between label and title, the title must look like one (capitalised, no full stop).
    return bool(separator and separator.strip()) or looks_like_title(title)


def _clean_title(title: str | None) -> str | None:
    if title is None:
        return None
    title = title.strip().strip("*_").strip()
    return title or None


def classify(text: str) -> dict | None:
    """Return {kind, label, title, weak} for a heading line, or None."""
    # Decorations around a heading are not part of it: `~~ Chapter One ~~`, `***Chapter 2***`, `[Chapter 4]`.
    line = plain(text).strip(_DECORATION)
    line = line[:-1].rstrip(_DECORATION) if line.endswith(":") else line  # `Chapter 3:` with nothing after it
    if not line or len(line) > 120:
        return None
    for kind, pattern in (("chapter", _CHAPTER), ("part", _PART), ("chapter", _NAMED)):
        match = pattern.match(line)
        if match and _title_ok(match.group("title"), match.group("sep")):
            label = re.sub(r"\s+", " ", match.group("label")).strip()
            title = _clean_title(match.group("title"))
            if pattern is _NAMED and title and _NUMBER_ONLY.match(title.rstrip(":.")):
                label, title = f"{label} {title.rstrip(':.')}", None  # `Interlude II`: a numbered label
            return {"kind": kind, "label": label, "title": title, "weak": False}
    # A bare number is a heading only among others like it, unless Markdown (or an HTML <h2>) says it is one.
    markdown = _MARKDOWN.match(text.strip())
    explicit = {"weak": False, "level": len(markdown.group("hashes"))} if markdown else {"weak": True}
    match = _BARE_NUMBER.match(line)
    if match and (match.group("label").isdigit() or _ROMAN.match(match.group("label"))):
        return {"kind": "chapter", "label": match.group("label"), "title": None, **explicit}
    match = _NUMBER_WITH_TITLE.match(line)
    number = match.group("label") if match else ""
    if match and (number.isdigit() or _ROMAN.match(number)) and looks_like_title(match.group("title")):
        return {"kind": "chapter", "label": match.group("label"), "title": _clean_title(match.group("title")),
                **explicit}
    match = markdown
    if match:
        level = len(match.group("hashes"))
        return {"kind": "chapter", "label": None, "title": match.group("title"), "weak": False, "level": level}
    return None


def same_label(a: str | None, b: str | None) -> bool:
    """`Chapter 1` and ` chapter 1.` are the same label (an archive's label repeated as the chapter's title)."""
    if not a or not b:
        return False
    norm = lambda s: re.sub(r"[\W_]+", " ", s).strip().casefold()
    return norm(a) == norm(b)
