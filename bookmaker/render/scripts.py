"""A rendered XHTML document -> the same document with the language and direction of every run of another script
marked: `<span lang="ja">…</span>` round a Japanese line in an English story, `dir="rtl"` on a paragraph that
starts in Arabic or Hebrew.

Fan fiction mixes scripts (honorifics, a whole line of Korean, a sign in Arabic, emoji). The language of a run
decides how it is read aloud, which glyph forms a CJK font uses (`locl`), and that an English hyphenation
dictionary never breaks it; a paragraph's direction decides which side it starts on. A script names a language
only where it names one reliably (Hangul is Korean; Latin or Cyrillic script says nothing), and Han characters
take the language of the kana or Hangul the document has (else Chinese).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from lxml import etree

XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# (first, last, script): code point ranges of the scripts that name a language or a direction, sorted.
_RANGES = sorted([
    (0x0370, 0x03FF, "grek"), (0x1F00, 0x1FFF, "grek"), (0x0530, 0x058F, "armn"), (0x0590, 0x05FF, "hebr"),
    (0xFB1D, 0xFB4F, "hebr"), (0x0600, 0x06FF, "arab"), (0x0750, 0x077F, "arab"), (0x08A0, 0x08FF, "arab"),
    (0xFB50, 0xFDFF, "arab"), (0xFE70, 0xFEFF, "arab"), (0x0700, 0x074F, "syrc"), (0x0780, 0x07BF, "thaa"),
    (0x0900, 0x097F, "deva"), (0xA8E0, 0xA8FF, "deva"), (0x0980, 0x09FF, "beng"), (0x0A00, 0x0A7F, "guru"),
    (0x0A80, 0x0AFF, "gujr"), (0x0B80, 0x0BFF, "taml"), (0x0C00, 0x0C7F, "telu"), (0x0C80, 0x0CFF, "knda"),
    (0x0D00, 0x0D7F, "mlym"), (0x0E00, 0x0E7F, "thai"), (0x10A0, 0x10FF, "geor"), (0x1100, 0x11FF, "hang"),
    (0x3130, 0x318F, "hang"), (0xAC00, 0xD7AF, "hang"), (0x3040, 0x30FF, "kana"), (0x31F0, 0x31FF, "kana"),
    (0xFF66, 0xFF9F, "kana"), (0x3400, 0x4DBF, "hani"), (0x4E00, 0x9FFF, "hani"), (0xF900, 0xFAFF, "hani"),
    (0x20000, 0x2FFFF, "hani"), (0x3000, 0x303F, "cjkp"), (0xFF00, 0xFF65, "cjkp"),
])
_STARTS = [first for first, _, _ in _RANGES]
_LANGS = {"grek": "el", "armn": "hy", "hebr": "he", "arab": "ar", "syrc": "syr", "thaa": "dv", "deva": "hi",
          "beng": "bn", "guru": "pa", "gujr": "gu", "taml": "ta", "telu": "te", "knda": "kn", "mlym": "ml",
          "thai": "th", "geor": "ka"}
_CJK = {"hang", "kana", "hani", "cjkp"}  # one run: a Japanese line mixes kanji, kana and CJK punctuation
_RTL_SCRIPTS = {"hebr", "arab", "syrc", "thaa"}
RTL_LANGUAGES = {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "syr", "ckb"}
_BLOCKS = {f"{XHTML}{name}" for name in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote")}
# Nothing to mark in a document with no character of these scripts: most books, left untouched.
_ANY_SCRIPT = re.compile("[" + "".join(f"{chr(first)}-{chr(last)}" for first, last, _ in _RANGES) + "]")


def script_of(char: str) -> str | None:
    """'あ' -> 'kana', 'ب' -> 'arab', 'e' -> 'latn' (any other letter), ' ' or '!' or an emoji -> None (neutral)."""
    code = ord(char)
    index = bisect_right(_STARTS, code) - 1
    if index >= 0 and code <= _RANGES[index][1]:
        return _RANGES[index][2]
    return "latn" if char.isalpha() else None


@dataclass(frozen=True)
class Run:
    """A piece of a text node: its text, and the language and direction to mark it with (None: the document's)."""

    text: str
    lang: str | None = None
    rtl: bool = False


def _group(script: str | None) -> str | None:
    return "cjk" if script in _CJK else script


def _run_lang(scripts: set[str], han: str) -> str | None:
    if scripts & _CJK:
        return "ja" if "kana" in scripts else "ko" if "hang" in scripts else han
    return _LANGS.get(next(iter(scripts)))


def split_runs(text: str, base: str, han: str = "zh") -> list[Run]:
    """Text -> runs; a run in a script whose language differs from `base` carries that language. Spaces and
    punctuation between two words of one script stay in its run; at its edges they belong to the text around."""
    base = base.split("-")[0].lower()
    runs: list[Run] = []
    plain: list[str] = []  # text of the document's language, and neutral characters not yet placed
    foreign: list[str] = []  # the run of another script being gathered
    scripts: set[str] = set()
    pending: list[str] = []  # neutral characters after `foreign`: its own if the same script follows

    def scripts_groups() -> set[str | None]:
        return {_group(script) for script in scripts}

    def close() -> None:
        while pending and "cjk" in scripts_groups() and script_of(pending[0]) == "cjkp":
            foreign.append(pending.pop(0))  # a full stop 。 or closing bracket 」 ends the CJK run it follows
        lang = _run_lang(scripts, han)
        runs.append(Run("".join(plain)))
        # kanji first, then kana: the run only turns out to be in the document's language at its end
        runs.append(Run("".join(foreign), None if lang == base else lang, bool(scripts & _RTL_SCRIPTS)))
        plain.clear()
        foreign.clear()
        scripts.clear()

    for char in text:
        script = script_of(char)
        group = _group(script)
        if foreign and (group is None or (group == "cjk" and script == "cjkp")):
            pending.append(char)  # neutral, or CJK punctuation, which only continues a CJK run
            continue
        if foreign and group == _group(next(iter(scripts))):
            foreign.extend(pending)
            pending.clear()
            foreign.append(char)
            scripts.add(script)
            continue
        if foreign:
            close()
            plain.extend(pending)
            pending.clear()
        if script in (None, "latn", "cjkp") or _run_lang({script}, han) in (None, base):
            plain.append(char)
            continue
        foreign.append(char)
        scripts.add(script)
    if foreign:
        close()
    plain.extend(pending)
    runs.append(Run("".join(plain)))
    return [run for run in runs if run.text]


def first_strong_is_rtl(text: str) -> bool | None:
    """The direction of a paragraph by its first letter (as HTML's dir="auto"): True for Arabic or Hebrew,
    False for any other letter, None when it has none."""
    for char in text:
        script = script_of(char)
        if script is not None and script != "cjkp":
            return script in _RTL_SCRIPTS
    return None


def _han_language(root) -> str:
    text = "".join(root.itertext())
    if re.search("[\u3040-\u30ff]", text):
        return "ja"
    return "ko" if re.search("[\uac00-\ud7af]", text) else "zh"


def _span(run: Run):
    span = etree.Element(f"{XHTML}span", {"lang": run.lang, XML_LANG: run.lang})
    if run.rtl:  # isolates the run: punctuation after it stays on the side it was typed
        span.set("dir", "rtl")
    span.text = run.text
    return span


def _mark_text(element, attribute: str, base: str, han: str) -> None:
    """Split element.text (or .tail) into runs; each foreign run becomes a span placed where its text was."""
    text = getattr(element, attribute)
    if not text or not _ANY_SCRIPT.search(text):
        return
    runs = split_runs(text, base, han)
    if all(run.lang is None for run in runs):
        return
    if attribute == "text":
        parent, index = element, 0
    else:
        parent = element.getparent()
        index = parent.index(element) + 1
    leading = []
    while runs[0].lang is None:  # some run is foreign, so this stops
        leading.append(runs.pop(0).text)
    setattr(element, attribute, "".join(leading) or None)
    span = None
    for run in runs:
        if run.lang is None:  # text after a span is its tail
            span.tail = (span.tail or "") + run.text
            continue
        span = _span(run)
        parent.insert(index, span)
        index += 1


def mark_scripts(xhtml: str, lang: str) -> str:
    """A complete XHTML document in `lang` -> the same with foreign runs in spans (lang, dir) and paragraphs that
    start in the other direction marked (dir); returned unchanged when there is nothing to mark."""
    if not _ANY_SCRIPT.search(xhtml):
        return xhtml
    root = etree.fromstring(xhtml.encode("utf-8"))
    body = root.find(f"{XHTML}body")
    if body is None:
        return xhtml
    base, han = lang.split("-")[0].lower(), _han_language(body)
    rtl_document = base in RTL_LANGUAGES
    if rtl_document:  # on <body> too: the PDF keeps a document's body attributes, not its root's
        root.set("dir", "rtl")
        body.set("dir", "rtl")
    for element in list(body.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag in _BLOCKS:
            direction = first_strong_is_rtl("".join(element.itertext()))
            if direction is not None and direction != rtl_document:
                element.set("dir", "rtl" if direction else "ltr")
        _mark_text(element, "text", base, han)
        if element is not body:
            _mark_text(element, "tail", base, han)
    declaration = '<?xml version="1.0" encoding="utf-8"?>\n'
    doctype = "<!DOCTYPE html>\n"
    return declaration + doctype + etree.tostring(root, encoding="unicode") + "\n"
