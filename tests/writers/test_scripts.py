"""Every script prints: a story mixing Japanese, Korean, Chinese, Arabic, Hebrew, Hindi and emoji gets a real glyph
for every character in its PDF (the embedded fonts' glyphs checked against the text), each run of another script
carries its language in both books, right-to-left paragraphs run right to left, and a character no font has is
reported once, by name."""

from __future__ import annotations

import io
import logging
import re
import subprocess
import unicodedata
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pikepdf
import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from lxml import etree

from book_helpers import build_story
from bookmaker.pipeline import compile_story
from bookmaker.render.book import Options
from bookmaker.render.scripts import first_strong_is_rtl, mark_scripts, split_runs
from bookmaker.writers.missing_glyphs import layout_warnings

MIXED = Path(__file__).with_name("mixed_scripts.txt")
WHEN = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
H = "{http://www.w3.org/1999/xhtml}"
PRINTED = ("L", "N", "P", "S")  # Unicode categories that need a glyph (not spaces, marks or format characters)


# ---- reading the fonts a PDF embeds ---------------------------------------------------------------------

def to_unicode(cmap: bytes) -> dict[int, str]:
    """A ToUnicode CMap -> glyph id -> the text it stands for."""
    text, found = cmap.decode("latin-1"), {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for gid, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            found[int(gid, 16)] = bytes.fromhex(uni).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = bytes.fromhex(uni).decode("utf-16-be")
            for step, gid in enumerate(range(int(low, 16), int(high, 16) + 1)):
                found[gid] = start[:-1] + chr(ord(start[-1]) + step)
    return found


def printed_glyphs(path: Path) -> tuple[dict[str, list[str]], set[str]]:
    """A PDF -> (font name -> the characters it prints with no glyph of their own (.notdef), every character
    its fonts print). A glyph is real when the font program has it: an id inside the font (WeasyPrint gives a
    missing character an id past the last glyph) with an outline -- or, in a colour emoji font, whose glyphs are
    drawn as images and embedded without outlines, any id inside the font, as only its cmap could give one."""
    missing: dict[str, list[str]] = {}
    printed: set[str] = set()
    with pikepdf.open(path) as pdf:
        fonts = {font.objgen: font for page in pdf.pages for font in (page.Resources.get("/Font") or {}).values()}
        for font in fonts.values():
            descriptor = font.DescendantFonts[0].FontDescriptor
            program = TTFont(io.BytesIO((descriptor.get("/FontFile2") or descriptor.get("/FontFile3")).read_bytes()))
            order, glyphs = program.getGlyphOrder(), program.getGlyphSet()
            mapped = {gid: text for gid, text in to_unicode(font.ToUnicode.read_bytes()).items() if text.strip()}
            outlined = set()
            for gid in mapped:
                if 0 < gid < len(order):
                    pen = BoundsPen(glyphs)
                    glyphs[order[gid]].draw(pen)
                    if pen.bounds is not None:
                        outlined.add(gid)
            for gid, text in mapped.items():
                printed.update(text)
                if not (0 < gid < len(order)) or (outlined and gid not in outlined):
                    missing.setdefault(str(font.BaseFont), []).append(text)
    return missing, printed


def needs_glyph(char: str) -> bool:
    return unicodedata.category(char)[0] in PRINTED and char not in "\ufe0f"


# ---- the books --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("scripts")
    epub, pdf = build_story(MIXED, out, ["epub", "pdf"], Options(modified=WHEN))
    return {"epub": epub, "pdf": pdf, "out": out}


def test_every_character_of_the_story_prints_with_a_real_glyph(mixed):
    missing, printed = printed_glyphs(mixed["pdf"])
    assert not missing, missing
    manuscript = compile_story(MIXED)
    wanted = {c for chapter in manuscript.chapters for c in chapter.text if needs_glyph(c)}
    assert not wanted - printed, sorted(wanted - printed)
    for char in "おは先사랑مرحبשלוםनमस्ते🙂🌸":  # each script is really there to be checked
        assert char in printed or not needs_glyph(char), char


def test_the_glyph_check_sees_a_character_no_font_has(tmp_path):
    # A private-use character is in no installed font: the same check must report it, or it could never fail.
    # Plane 16's last one: U+E000 has a glyph in Linux Libertine (installed for `--font libertine`).
    sign = "\U0010fffd"
    covering = subprocess.run(["fc-list", f":charset={ord(sign):x}", "family"], capture_output=True, text=True)
    assert not covering.stdout.strip(), f"a font covers U+{ord(sign):X}: {covering.stdout}"
    story = tmp_path / "private.txt"
    story.write_text(f"Runes\n\nThe stone bore one sign, {sign}, and nothing else.\n", encoding="utf-8")
    [pdf] = build_story(story, tmp_path / "out", ["pdf"], Options(modified=WHEN))
    missing, _ = printed_glyphs(pdf)
    assert [text for texts in missing.values() for text in texts] == [sign]


def test_a_missing_glyph_is_one_warning_naming_the_characters():
    logged = ['.notdef glyph rendered for Unicode string unsupported by fonts: "\ue000" (U+E000)'] * 500 + [
        '.notdef glyph rendered for Unicode string unsupported by fonts: "\U0001fae8" (U+1FAE8)',
        "Ignored `foo: bar` at 1:1, unknown property."]
    warnings = layout_warnings(logged)
    assert warnings[0] == "W201 layout: Ignored `foo: bar` at 1:1, unknown property."
    assert len(warnings) == 2 and warnings[1].startswith("W202 no font has a glyph for 2 character(s)")
    assert "U+E000" in warnings[1] and "U+1FAE8" in warnings[1]


def test_the_pdf_uses_the_noto_faces_after_charis(mixed):
    with pikepdf.open(mixed["pdf"]) as pdf:
        names = {str(f.BaseFont).split("+")[1] for page in pdf.pages for f in (page.Resources.get("/Font") or {}).values()}
    assert {"Charis-SIL", "Noto-Serif-CJK-JP", "Noto-Naskh-Arabic", "Noto-Serif-Hebrew", "Noto-Serif-Devanagari",
            "Noto-Color-Emoji"} <= names, names


# ---- languages and directions -------------------------------------------------------------------------------

def chapter_xhtml(epub: Path) -> etree._Element:
    with zipfile.ZipFile(epub) as archive:
        return etree.fromstring(archive.read("EPUB/chapter-001.xhtml"))


def test_each_run_of_another_script_carries_its_language_in_the_epub(mixed):
    root = chapter_xhtml(mixed["epub"])
    langs = {span.get("lang"): "".join(span.itertext()) for span in root.iter(f"{H}span") if span.get("lang")}
    assert {"ja", "ko", "ar", "he", "hi"} <= set(langs), langs
    for span in root.iter(f"{H}span"):
        if span.get("lang"):
            assert span.get("{http://www.w3.org/XML/1998/namespace}lang") == span.get("lang")
    paragraphs = {"".join(p.itertext()): p.get("dir") for p in root.iter(f"{H}p")}
    assert [d for text, d in paragraphs.items() if first_strong_is_rtl(text)] == ["rtl", "rtl"]
    assert all(d is None for text, d in paragraphs.items() if first_strong_is_rtl(text) is False)


@pytest.mark.parametrize("text, base, expected", [
    ("called “おはよう、先生!” twice", "en", [("called “", None), ("おはよう、先生", "ja"), ("!” twice", None)]),
    ("read مرحبا بكم here", "en", [("read ", None), ("مرحبا بكم", "ar"), (" here", None)]),
    ("山の上に家がありました。", "ja", [("山の上に家がありました。", None)]),
    ("the 漢字 and 한글", "en", [("the ", None), ("漢字", "zh"), (" and ", None), ("한글", "ko")]),
    ("a smile 🙂, a Greek λόγος", "en", [("a smile 🙂, a Greek ", None), ("λόγος", "el")]),
    ("Ты сказал: привет", "en", [("Ты сказал: привет", None)]),  # Cyrillic names no one language
])
def test_split_runs(text, base, expected):
    assert [(run.text, run.lang) for run in split_runs(text, base)] == expected


def test_an_rtl_book_runs_right_to_left_and_marks_its_ltr_paragraphs():
    xhtml = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" '
             'lang="he"><head><title>t</title></head><body><p>שלום לכם</p><p>Hello, world</p></body></html>')
    root = etree.fromstring(mark_scripts(xhtml, "he").encode("utf-8"))
    body = root.find(f"{H}body")
    assert root.get("dir") == body.get("dir") == "rtl"
    assert [p.get("dir") for p in body.iter(f"{H}p")] == [None, "ltr"]


def test_a_book_in_latin_letters_is_left_as_rendered():
    xhtml = '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Plain “text” — café.</p></body></html>'
    assert mark_scripts(xhtml, "en") is xhtml


def test_both_books_pass_their_validators(mixed):
    from bookmaker.validate import check_epub, check_pdf

    for result in (check_epub(mixed["epub"]), check_pdf(mixed["pdf"])):
        assert result.ok, (result.path.name, result.messages)


def test_a_hebrew_book_turns_its_pages_right_to_left(tmp_path):
    from bookmaker.model import Chapter, Manuscript, Metadata, Paragraph
    from bookmaker.render import render_book
    from bookmaker.validate import check_epub
    from bookmaker.writers import writer_for

    story = Manuscript(meta=Metadata(title="שלום", author="כותב", language="he"),
                       chapters=[Chapter([Paragraph.plain("הם הלכו יחד לאורך החוף."), Paragraph.plain("Hello.")],
                                         title="פרק")])
    path = tmp_path / "he.epub"
    writer_for("epub").write(render_book(story, Options(modified=WHEN)), path, Options(modified=WHEN))
    with zipfile.ZipFile(path) as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
        chapter = etree.fromstring(archive.read("EPUB/chapter-001.xhtml"))
    spine = opf.find("{http://www.idpf.org/2007/opf}spine")
    assert spine.get("page-progression-direction") == "rtl"
    assert chapter.get("dir") == "rtl" and [p.get("dir") for p in chapter.iter(f"{H}p")] == [None, "ltr"]
    result = check_epub(path)
    assert result.ok, result.messages
