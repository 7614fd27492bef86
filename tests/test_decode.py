"""Decode stage: bytes in every supported encoding -> clean text; what is not text -> one-line InputError."""

from __future__ import annotations

import codecs
import re
import time
import unicodedata
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  registers "sloppy-windows-1252", to make mojibake the way old software did
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bookmaker import decode as decode_module
from bookmaker.decode import Decoded, decode, read_text, read_text_with_diagnostics
from bookmaker.errors import InputError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")

CURLY = "“Don’t go,” she said — it’s late… ‘Really?’"
FRENCH = "Le garçon était à la fenêtre, où il voyait l'été. Ça va ?"


def codes(decoded: Decoded) -> list[str]:
    return [d.code for d in decoded.diagnostics]


# --- encodings ---------------------------------------------------------------------------------


def test_utf8_is_read_unchanged_and_without_diagnostics():
    text = f"{CURLY}\n{FRENCH}\n"
    decoded = decode(text.encode("utf-8"))
    assert decoded.text == text
    assert decoded.encoding == "utf-8"
    assert decoded.diagnostics == []


def test_utf8_bom_is_dropped():
    decoded = decode(codecs.BOM_UTF8 + CURLY.encode("utf-8"))
    assert decoded.text == CURLY
    assert not decoded.text.startswith("\ufeff")


def test_windows_1252_curly_quotes_and_dashes():
    decoded = decode(f"{CURLY}\n".encode("cp1252"))
    assert decoded.text == f"{CURLY}\n"
    assert decoded.encoding == "windows-1252"
    assert codes(decoded) == ["D003"]


@pytest.mark.parametrize(
    "text",
    [
        "Þú ert á Íslandi. Ég hef séð það, sögðu þær. Þetta er ótrúlegt, hún fór í bæinn.\n",
        "Não há nada aqui. A canção é linda, disse João à irmã.\n",
        "Tässä on suomalainen teksti, jossa on ääkkösiä ja öljyä.\n",
    ],
    ids=["icelandic", "portuguese", "finnish"],
)
def test_heavily_accented_western_languages_read_as_latin1(text):
    assert decode(text.encode("latin-1")).text == text


def test_latin1_accented_letters():
    decoded = decode(f"{FRENCH}\nMüller aß Äpfel, die Größe war schön.\n".encode("latin-1"))
    assert decoded.text == f"{FRENCH}\nMüller aß Äpfel, die Größe war schön.\n"
    assert decoded.encoding == "latin-1"


@pytest.mark.parametrize(
    "bom, codec, name",
    [
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    ],
)
def test_utf16_and_utf32_with_bom(bom, codec, name):
    text = f"{CURLY}\n{FRENCH}\nEmoji too: 😀\n"
    decoded = decode(bom + text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == name
    assert decoded.diagnostics == []


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_when_every_other_byte_is_nul(codec):
    text = f"Chapter One\n{FRENCH}\n{CURLY}\n"
    decoded = decode(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == codec
    assert codes(decoded) == ["D003"]


def test_utf8_with_a_pasted_windows_1252_passage():
    data = "Café “one”\n".encode("utf-8") + "and “two”\n".encode("cp1252") + "été\n".encode("utf-8")
    decoded = decode(data)
    assert decoded.text == "Café “one”\nand “two”\nété\n"
    [diagnostic] = decoded.diagnostics
    assert (diagnostic.code, diagnostic.line) == ("D004", 2)


# --- line ends and normalisation ---------------------------------------------------------------


def test_crlf_lone_cr_and_lf_mixed_become_lf():
    decoded = decode(b"one\r\ntwo\rthree\nfour\r\n\r\nfive")
    assert decoded.text == "one\ntwo\nthree\nfour\n\nfive"


def test_line_and_paragraph_separators_become_lf():
    assert decode("one\u2028two\u2029three".encode()).text == "one\ntwo\nthree"


def test_text_is_nfc():
    decoded = decode("Cafe\u0301 and n\u0303".encode())
    assert decoded.text == unicodedata.normalize("NFC", "Cafe\u0301 and n\u0303")
    assert decoded.text == "Café and ñ"


# --- repairs -----------------------------------------------------------------------------------


def test_seed_mojibake_is_repaired_on_the_lines_that_have_it():
    raw = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    broken = "…".encode("utf-8").decode("cp1257")  # an ellipsis written as UTF-8, read as Windows-1257
    assert broken in raw, "the seed should hold this mojibake"
    lines = [n for n, line in enumerate(raw.split("\n"), 1) if broken in line]

    decoded = decode(raw.encode("utf-8"))

    assert broken not in decoded.text
    assert decoded.text.count("…") == raw.count("…") + raw.count(broken)
    assert [(d.code, d.line) for d in decoded.diagnostics] == [("D002", n) for n in lines]


def test_double_encoded_quotes_and_accents_are_repaired():
    good = "She said “hello” at the café — twice.\nHe’s fine, she’s fine.\n"
    mojibake = good.encode("utf-8").decode("sloppy-windows-1252")
    assert mojibake != good
    decoded = decode(mojibake.encode("utf-8"))
    assert decoded.text == good
    assert {d.code for d in decoded.diagnostics} == {"D002"}
    assert [d.line for d in decoded.diagnostics] == [1, 2]


def test_curly_quotes_and_acute_accent_apostrophe_are_kept():
    text = "I´m sure you´re right, “she” said, ‘twice’.\n"
    decoded = decode(text.encode("utf-8"))
    assert decoded.text == text
    assert decoded.diagnostics == []


def test_windows_1252_c1_byte_in_utf8_text_becomes_its_character():
    # U+0085 in UTF-8 text is a Windows-1252 ellipsis that went through Latin-1.
    assert decode("wait\u0085 what".encode("utf-8")).text == "wait… what"


def test_html_entities_are_decoded_unless_the_text_holds_tags():
    decoded = decode(b"Tom &amp; Jerry &hellip;\n")
    assert decoded.text == "Tom & Jerry …\n"
    assert codes(decoded) == ["D005"]
    assert decode(b"<b>Tom &amp; Jerry</b>\n").text == "<b>Tom &amp; Jerry</b>\n"


def test_latin_ligatures_are_spelled_out():
    decoded = decode("the ﬁrst ﬂower\n".encode())
    assert decoded.text == "the first flower\n"
    assert codes(decoded) == ["D006"]


# Written for these tests: legible lines in languages other than English. ftfy must leave each as it is,
# even where two letters side by side could be read as mojibake (déjà², «ÎLE», œâ).
LEGIBLE = [
    "Frau Müller grüßte: „Schön, dass Sie da sind“, und aß ein Stück Käse.",
    "À côté de l’église, Zoë et Noël mangeaient des crêpes. «\u202fOui\u202f», dit-il\u202f!",
    "C’est déjà² fini, voilà¹ tout, et l’été» se termine.",
    "Cœur et œâ — une ÎLE», une PÂTÉ–, «CAFÉ…».",
    "¿Qué pasó con el niño? ¡Año Nuevo en la montaña!",
    "Não há ninguém aqui, disse João à IRMÃ — CORAÇÃO.",
    "Příliš žluťoučký kůň úpěl ďábelské ódy; Łódź, Gdańsk, Kraków.",
    "Þór og Ægir sögðu: „Ég fór í bæinn“.",
    "Şişli’de güzel bir gün; İstanbul’a döndük.",
    "Съешь ещё этих мягких булок — «Вот и всё», — сказала она.",
    "Ђорђе и Љубица живе у Београду; Їжак і ґанок.",
    "Η Αθήνα είναι όμορφη — «Η ΠΟΛΗ» · 1896.",
]


@pytest.mark.parametrize("line", LEGIBLE)
def test_legible_text_in_other_languages_is_never_repaired(line):
    decoded = decode(f"{line}\n".encode("utf-8"))
    assert decoded.text == f"{line}\n"
    assert decoded.diagnostics == []


@pytest.mark.parametrize("good", [
    "Frau Müller grüßte.",
    "“Bonjour,” dit-elle — à l’église.",
    "He said привет and left.",
    "Η Αθήνα, είπε.",
])
def test_mojibake_lines_are_repaired(good):
    broken = good.encode("utf-8").decode("sloppy-windows-1252")  # UTF-8 read as Windows-1252
    decoded = decode(broken.encode("utf-8"))
    assert decoded.text == good
    assert codes(decoded) == ["D002"]


def test_mojibake_from_windows_1257_is_repaired():
    decoded = decode("Wait ā€¦ what?".encode("utf-8"))
    assert (decoded.text, codes(decoded)) == ("Wait … what?", ["D002"])


@pytest.mark.parametrize("broken, good", [
    ("Ã‰tienne arriva, déjà² fini.", "Étienne arriva, déjà² fini."),
    ("Un cafÃ© et œâ.", "Un café et œâ."),  # read whole as Mac Roman, the line would become "Caf̩ et ω."
])
def test_only_the_mojibake_of_a_line_is_repaired(broken, good):
    # the line holds real mojibake and legible text that ftfy, reading the whole line, re-decodes too
    decoded = decode(broken.encode("utf-8"))
    assert (decoded.text, codes(decoded)) == (good, ["D002"])


# --- characters XML forbids --------------------------------------------------------------------


def test_control_characters_are_removed_with_the_line():
    decoded = decode(b"one\x00two\nclean\nthree\x07\x0cfour\x7f\n")
    assert decoded.text == "onetwo\nclean\nthreefour\n"
    assert [(d.code, d.line) for d in decoded.diagnostics] == [("D001", 1), ("D001", 3)]
    assert "U+0007" in decoded.diagnostics[1].message


def test_noncharacters_and_lone_surrogates_are_removed():
    assert decode("a\ufffeb\uffffc".encode()).text == "abc"
    lone_high_surrogate = b"\x00\xd8"
    data = codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + lone_high_surrogate + "cd".encode("utf-16-le")
    decoded = decode(data)
    assert decoded.text == "abcd"
    assert codes(decoded) == ["D001"]


def test_many_lines_with_controls_are_summarised():
    decoded = decode(b"a line of story text, then a stray\x01\n" * 25)
    assert len(decoded.diagnostics) == decode_module.MAX_DIAGNOSTICS_PER_CODE + 1
    assert decoded.diagnostics[-1].line is None
    assert "15 more" in decoded.diagnostics[-1].message


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1))
def test_any_utf8_text_comes_out_xml_safe_nfc_and_lf(text):
    try:
        decoded = decode(text.encode("utf-8"))
    except InputError:
        return
    assert not XML_FORBIDDEN.search(decoded.text)
    assert "\r" not in decoded.text
    assert unicodedata.is_normalized("NFC", decoded.text)
    assert decoded.text.strip()


MOJIBAKE_ALPHABET = "aeis .,\n&;#ÂÃâ€œ™ðŸ˜€ˆ´‘’“”…éèçñ©®°·ā¦\x85\x93ﬁ<>"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=MOJIBAKE_ALPHABET, max_size=60))
def test_skipping_lines_never_changes_what_ftfy_would_do(text):
    # The speed shortcut (_touchable) may only skip lines the repair leaves as they are.
    config = decode_module._FTFY._replace(unescape_html="<" not in text)
    expected = "\n".join(decode_module.repair_line(line, config)[0] for line in text.split("\n"))
    assert decode_module._repair(text, []) == expected


# --- what is not text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty file"),
        (codecs.BOM_UTF8, "empty file"),
        (codecs.BOM_UTF16_LE, "empty file"),
        (b"  \n\t\r\n  \n", "only whitespace"),
        (codecs.BOM_UTF8 + b" \n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text: looks like a PNG image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "not text: looks like a ZIP archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "not text: looks like a PDF document"),
        (b"\x7fELF\x02\x01\x01\x00", "not text: looks like an ELF executable"),
        (bytes(range(256)) * 8, "not text: looks like binary data"),
        (b"abc" + b"\x00" * 64, "not text: looks like binary data"),
    ],
)
def test_not_text_is_refused_in_one_line(data, message):
    with pytest.raises(InputError) as caught:
        decode(data, "story.txt")
    assert message in str(caught.value)
    assert str(caught.value).startswith("story.txt: ")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "text, codec",
    [
        ("Привет, как дела? Это русский текст, написанный давно.\n" * 4, "cp1251"),
        ("これは日本語のテキストです。彼女はそう言った。\n" * 4, "shift_jis"),
        ("Αυτό είναι ένα ελληνικό κείμενο για τη δοκιμή.\n" * 4, "cp1253"),
        ("Harry said to Ron: Привет, как дела, Рон? Это было давно.\n" * 4, "cp1251"),
        ("這是中文文本。她說，我們走吧。\n" * 4, "big5"),
        ("这是中文文本。她说，我们走吧。\n" * 4, "gbk"),
        ("שלום, מה שלומך? זה טקסט בעברית.\n" * 4, "cp1255"),
    ],
    ids=["russian", "japanese", "greek", "russian-with-english", "chinese-big5", "chinese-gbk", "hebrew"],
)
def test_text_in_no_supported_encoding_is_refused(text, codec):
    with pytest.raises(InputError) as caught:
        decode(text.encode(codec), "story.txt")
    assert "not text in UTF-8, UTF-16, Windows-1252 or Latin-1" in str(caught.value)
    assert "\n" not in str(caught.value)


# --- reading files -----------------------------------------------------------------------------


def test_read_text_reads_a_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(f"{CURLY}\r\n".encode("cp1252"))
    assert read_text(path) == f"{CURLY}\n"
    assert read_text_with_diagnostics(str(path)).encoding == "windows-1252"


def test_missing_file_and_directory_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        read_text_with_diagnostics(tmp_path)


def test_unreadable_file_is_an_input_error(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("text")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)  # chmod does not stop root, who runs CI
    with pytest.raises(InputError) as caught:
        read_text(path)
    assert str(caught.value) == f"{path}: cannot read the file: permission denied"


# --- speed -------------------------------------------------------------------------------------


def test_a_big_file_decodes_in_seconds():
    seeds = b"".join(p.read_bytes() for p in sorted(SEEDS.glob("*.txt")))
    data = seeds * (6_000_000 // len(seeds) + 1)  # 6 MB; 30 MB takes about 2-5 s on one core
    started = time.perf_counter()
    decoded = decode(data)
    assert time.perf_counter() - started < 15
    assert decoded.encoding == "utf-8"
