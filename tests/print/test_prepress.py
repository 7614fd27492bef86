"""Prepress: a book PDF becomes print-ready (greys in DeviceGray, the page count padded at the end) without losing
a word or a pixel, and then passes the print check it failed before. bookmaker's own writer now draws black as
gray; a PDF made elsewhere, or grey type, still comes as RGB."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone

import pikepdf
import pytest

from bookmaker.errors import InputError
from bookmaker.print.prepress import prepress
from bookmaker.print.print_check import check_print, service_named
from bookmaker.render import render_book
from bookmaker.render.book import Options
from bookmaker.writers import pdf
from print_helpers import numbered_book, qpdf_ok


@pytest.fixture(scope="module")
def book_pdf(tmp_path_factory):
    """A 21-page book, its words in RGB grey and its rules in RGB black, the fonts embedded."""
    path = tmp_path_factory.mktemp("prepress") / "book.pdf"
    path.write_bytes(numbered_book(21, embed=True, colour="0.25 0.25 0.25 rg 0 0 0 RG 1 w 10 10 m 90 10 l S"))
    return path


def test_bookmakers_own_pdf_has_no_rgb_grey(tmp_path, rich_story):
    path = tmp_path / "book.pdf"
    options = Options(modified=datetime(2024, 5, 6, tzinfo=timezone.utc))
    pdf.write(render_book(rich_story(), options), path, options)
    assert _rgb_greys(path) == 0
    assert check_print(path, service_named("generic")).warnings == 0


def _rgb_greys(path) -> int:
    with pikepdf.open(path) as document:
        return sum(1 for page in document.pages for operands, op in pikepdf.parse_content_stream(page, "rg RG")
                   if len({float(v) for v in operands}) == 1)


def _text(path) -> list[str]:
    pages = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in pages.split("\f")[:-1]]


def _png(path, page, out):
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", str(page), "-l", str(page), "-singlefile", str(path),
                    str(out)], check=True)
    return (out.parent / f"{out.name}.png").read_bytes()


@pytest.mark.parametrize("multiple", [2, 4])
def test_prepress_keeps_every_word_and_pixel(tmp_path, book_pdf, multiple):
    assert _rgb_greys(book_pdf) > 0  # what WeasyPrint writes, or this test proves nothing
    done = prepress(book_pdf.read_bytes(), multiple)
    ready = tmp_path / "ready.pdf"
    ready.write_bytes(done.data)
    qpdf_ok(ready)
    assert _rgb_greys(ready) == 0 and done.colours_rewritten > 0
    before, after = _text(book_pdf), _text(ready)
    assert len(after) % multiple == 0 and len(after) - len(before) == done.blanks_added < multiple
    assert after[:len(before)] == before and all(not page.strip() for page in after[len(before):])
    for page in range(1, len(before) + 1):
        assert _png(book_pdf, page, tmp_path / "a") == _png(ready, page, tmp_path / "b"), f"page {page} changed"


def test_the_print_check_passes_after_prepress(tmp_path, book_pdf):
    service = service_named("binder")  # the binder wants whole folio sheets
    before = check_print(book_pdf, service)
    assert before.warnings == 1  # RGB black
    ready = tmp_path / "ready.pdf"
    ready.write_bytes(prepress(book_pdf.read_bytes(), 4).data)
    after = check_print(ready, service)
    assert after.warnings == 0 and not any("multiple of" in m for m in after.messages)


def test_not_a_pdf():
    with pytest.raises(InputError, match="not a PDF"):
        prepress(b"Chapter One\n")
