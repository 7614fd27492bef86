"""Cover wrap: its width is back + spine + front + bleed for any page count, the ground fills the bleed, and
the words land on their panels (the spine's only when it is wide enough)."""

from __future__ import annotations

import subprocess

import pikepdf
import pytest
from PIL import Image

from bookmaker.print.cover_wrap import CoverText, cover_wrap, wrap_geometry
from print_helpers import PAGE, qpdf_ok, words_by_page

TEXT = CoverText("The Lantern and the Moth", "A. N. Author", "A moth circles a lantern all night and learns to leave.")
A5 = (419.53, 595.28)


def _boxes(path):
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0].obj
        return {name: [float(v) for v in page[name]] for name in ("/MediaBox", "/BleedBox", "/TrimBox")}


@pytest.mark.parametrize("trim", [PAGE, A5])
@pytest.mark.parametrize("pages,ppi", [(24, 444.0), (236, 444.0), (611, 400.0)])
def test_wrap_width_is_two_trims_a_spine_and_two_bleeds(tmp_path, trim, pages, ppi):
    path = tmp_path / "wrap.pdf"
    path.write_bytes(cover_wrap(TEXT, wrap_geometry(trim, pages, ppi)))
    qpdf_ok(path)
    boxes = _boxes(path)
    spine = pages / ppi * 72  # pages per inch: a sheet of paper is two pages
    bleed = 0.125 * 72
    trim_box, bleed_box = boxes["/TrimBox"], boxes["/BleedBox"]
    assert trim_box[2] - trim_box[0] == pytest.approx(2 * trim[0] + spine, abs=0.01)
    assert bleed_box[2] - bleed_box[0] == pytest.approx(2 * trim[0] + spine + 2 * bleed, abs=0.01)
    assert bleed_box[3] - bleed_box[1] == pytest.approx(trim[1] + 2 * bleed, abs=0.01)
    assert boxes["/MediaBox"] == bleed_box  # no marks asked: the file is exactly what a print service wants
    assert trim_box[0] - bleed_box[0] == pytest.approx(bleed, abs=0.01)


def _png(path, tmp_path, dpi=72):
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(path), str(tmp_path / "wrap")], check=True)
    return Image.open(tmp_path / "wrap.png").convert("RGB")


def test_ground_fills_the_bleed_and_marks_sit_outside_it(tmp_path):
    path = tmp_path / "wrap.pdf"
    geo = wrap_geometry(PAGE, 300, with_marks=True)
    path.write_bytes(cover_wrap(TEXT, geo))
    qpdf_ok(path)
    image = _png(path, tmp_path)  # 1 pixel a point; the slug first
    slug, bleed = round(geo.slug), round(geo.bleed)
    inside_bleed = image.getpixel((slug + 2, slug + 2))  # in the bleed, beyond the trim
    assert max(inside_bleed) < 100, "the ground runs into the bleed"
    assert image.getpixel((2, 2)) == (255, 255, 255), "the slug is paper"
    # A crop mark: in line with the left trim edge, in the slug above the bleed.
    column = [image.getpixel((slug + bleed, y)) for y in range(0, slug)]
    assert any(max(p) < 128 for p in column)


def _words_in(path, left, right):
    page = words_by_page(path)[0]
    return [w.text for w in page.words if left <= w.x <= right]


def test_words_land_on_their_panels(tmp_path):
    for pages, spine_text in ((400, True), (40, False)):
        geo = wrap_geometry(PAGE, pages)
        path = tmp_path / f"wrap{pages}.pdf"
        path.write_bytes(cover_wrap(TEXT, geo))
        back = _words_in(path, 0, geo.spine_left)
        spine = _words_in(path, geo.spine_left, geo.front_left)
        front = _words_in(path, geo.front_left, geo.bleed_width)
        assert "moth" in back and "Lantern" not in back
        assert "Lantern" in front and "Author" in front
        assert ("Lantern" in spine and "Author" in spine) == spine_text, spine
        if not spine_text:
            assert spine == []
