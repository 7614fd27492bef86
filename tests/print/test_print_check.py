"""Trim names and the print-on-demand check: what a service would refuse is an error, what prints worse a warning."""

from __future__ import annotations

import pikepdf
import pytest

from bookmaker.errors import BuildError
from bookmaker.print.cover_wrap import CoverText, cover_wrap, wrap_geometry
from bookmaker.print.print_check import check_print, service_named
from bookmaker.print.trim import gutter, trim_named, trim_of
from print_helpers import numbered_book


@pytest.mark.parametrize("name,width_mm,height_mm", [
    ("A5", 148, 210), ("a6", 105, 148), ("B6", 125, 176), ("5x8", 127, 203.2), ("5.25x8", 133.35, 203.2),
    ("5.5 x 8.5", 139.7, 215.9), ("digest", 139.7, 215.9), ("6x9in", 152.4, 228.6), ("130mmx200mm", 130, 200)])
def test_trims_by_name(name, width_mm, height_mm):
    trim = trim_named(name)
    assert trim.width == pytest.approx(width_mm * 72 / 25.4, abs=0.01)
    assert trim.height == pytest.approx(height_mm * 72 / 25.4, abs=0.01)


def test_a_page_rounded_to_hundredths_of_an_inch_is_still_its_trim():
    assert trim_of(5.83 * 72, 8.27 * 72).name == "A5"  # what --page-size A5 lays out
    assert trim_of(5.9 * 72, 8.27 * 72) is None


def test_unknown_trim_is_a_build_error():
    with pytest.raises(BuildError, match="not one of A5"):
        trim_named("folio-ish")


def test_gutter_grows_with_the_page_count():
    widths = [gutter(pages) for pages in (100, 200, 400, 600, 800)]
    assert widths == sorted(widths) and len(set(widths)) == 5


def _book(tmp_path, pages, size=(396.0, 612.0)):
    path = tmp_path / f"book{pages}.pdf"
    path.write_bytes(numbered_book(pages, size, embed=True))
    return path


def test_interior_on_a_service_trim_with_an_even_count_passes(tmp_path):
    result = check_print(_book(tmp_path, 120), service_named("kdp"))
    assert result.ok, result.messages
    assert "trim: 5.500 x 8.500 in, 5.5x8.5 (5.50 x 8.50 in)" in result.messages and "pages: 120" in result.messages


def test_odd_pages_too_few_pages_and_a_strange_trim_are_errors(tmp_path):
    result = check_print(_book(tmp_path, 21, (400.0, 600.0)), service_named("kdp"))
    assert result.errors == 3
    text = "\n".join(result.messages)
    assert "add 1 blank at the end" in text and "binds 24-828 pages" in text and "kdp prints" in text


def test_binder_wants_whole_folio_sheets(tmp_path):
    result = check_print(_book(tmp_path, 42), service_named("binder"))
    assert result.errors == 1 and any("add 2 blank" in m for m in result.messages)


def test_rgb_black_is_a_warning_and_unembedded_fonts_an_error(tmp_path):
    path = tmp_path / "rgb.pdf"
    (tmp_path / "helvetica.pdf").write_bytes(numbered_book(24))
    pdf = pikepdf.open(tmp_path / "helvetica.pdf")
    page = pdf.pages[0]
    page.contents_add(pdf.make_stream(b"0 0 0 rg 10 10 5 5 re f"))
    pdf.save(path)
    result = check_print(path, service_named("generic"))
    # numbered_book uses Helvetica, one of the 14 fonts no PDF embeds: a printer would substitute it.
    assert result.errors == 1 and any("fonts not embedded: Helvetica" in m for m in result.messages)
    assert result.warnings == 1 and any("RGB" in m for m in result.messages)


def test_cover_wrap_bleed_is_checked(tmp_path):
    good, thin = tmp_path / "good.pdf", tmp_path / "thin.pdf"
    text = CoverText("A Title", "An Author")
    good.write_bytes(cover_wrap(text, wrap_geometry((396.0, 612.0), 200)))
    thin.write_bytes(cover_wrap(text, wrap_geometry((396.0, 612.0), 200, bleed=4.5)))
    assert check_print(good, service_named("ingram")).ok
    assert check_print(thin, service_named("ingram")).errors == 1


def test_unknown_service_is_a_build_error():
    with pytest.raises(BuildError, match="not one of generic"):
        service_named("vanity-press")


def test_imposed_sheets_are_reported_as_sheets_not_as_a_book(tmp_path):
    from bookmaker.print.impose import ImposeOptions, impose

    path = tmp_path / "sheets.pdf"
    path.write_bytes(impose(numbered_book(21, embed=True), ImposeOptions(layout="folio")).data)
    result = check_print(path, service_named("kdp"))
    assert result.ok, result.messages
    assert result.messages == ["imposed sheets: 6 of 11.000 x 8.500 in"]
