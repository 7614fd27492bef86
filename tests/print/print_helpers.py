"""Helpers for the print tests: a generated numbered book, words with coordinates (pdftotext -bbox), qpdf."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

PAGE = (396.0, 612.0)  # 5.5 x 8.5 in


FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _embedded_font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """DejaVu Sans as an embedded TrueType font (widths approximate: the tests read words, not their spacing)."""
    if not FONT_FILE.is_file():
        pytest.fail(f"{FONT_FILE} is missing: scripts/setup.sh installs fonts-dejavu-core")
    data = FONT_FILE.read_bytes()
    descriptor = Dictionary(Type=Name.FontDescriptor, FontName=Name.DejaVuSans, Flags=32,
                            FontBBox=Array([-1021, -463, 1793, 1232]), ItalicAngle=0, Ascent=928, Descent=-236,
                            CapHeight=729, StemV=80, FontFile2=pdf.make_stream(data, Length1=len(data)))
    return pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name.DejaVuSans,
                                        FirstChar=32, LastChar=126, Widths=Array([600] * 95),
                                        Encoding=Name.WinAnsiEncoding, FontDescriptor=pdf.make_indirect(descriptor)))


def numbered_book(pages: int, size: tuple[float, float] = PAGE, embed: bool = False, colour: str = "") -> bytes:
    """A PDF of `pages` pages; page k (1-based) shows T<k> at its head, B<k> at its foot and G<k> in its gutter
    (left on a recto, an odd page; right on a verso): enough to read position, orientation and spine side.
    Set in Helvetica, which no PDF embeds, unless `embed` asks for an embedded font (as a print service does);
    `colour` is content-stream operators that set the text's colour ("0.3 0.3 0.3 rg")."""
    pdf = pikepdf.new()
    font = _embedded_font(pdf) if embed else pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    width, height = size
    for number in range(1, pages + 1):
        gutter_x = 20 if number % 2 else width - 50
        words = [(f"T{number}", width / 2 - 15, height - 40), (f"B{number}", width / 2 - 15, 30),
                 (f"G{number}", gutter_x, height / 2)]
        content = colour + "\n" + "".join(f"BT /F1 12 Tf {x:.1f} {y:.1f} Td ({text}) Tj ET\n" for text, x, y in words)
        page = Dictionary(Type=Name.Page, MediaBox=Array([0, 0, width, height]),
                          Resources=Dictionary(Font=Dictionary(F1=font)), Contents=pdf.make_stream(content.encode()))
        pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class Word:
    text: str
    x: float  # centre, PDF coordinates (origin at the bottom left)
    y: float


@dataclass(frozen=True)
class PageWords:
    width: float
    height: float
    words: tuple[Word, ...]


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def words_by_page(path: Path) -> list[PageWords]:
    """Every page's words with their centres, read by poppler's pdftotext -bbox (it knows nothing of imposition)."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is not installed: scripts/setup.sh installs poppler-utils")
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for width, height, body in _PAGE.findall(html):
        h = float(height)
        words = tuple(Word(unescape(text), (float(x0) + float(x1)) / 2, h - (float(y0) + float(y1)) / 2)
                      for x0, y0, x1, y1, text in _WORD.findall(body))
        pages.append(PageWords(float(width), h, words))
    return pages


def qpdf_ok(path: Path) -> None:
    if not shutil.which("qpdf"):
        pytest.fail("qpdf is not installed: scripts/setup.sh installs it")
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
