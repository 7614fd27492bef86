"""Imposition: a generated book imposed in each layout, then folded here, on paper as it were, from the words
poppler reads at each position of each sheet. The folding model below is the test's own (points moved across
fold lines), not the imposer's; it follows the instructions the README gives binders: every fold takes the left
half under the right (a vertical fold) or the top half under the bottom (a horizontal one), the last fold is
the spine. A folded and cut signature must then read 1, 2, 3, ... with every page upright, its gutter at the
spine, and the blanks only after the last page."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from bookmaker.print.impose import Duplex, ImposeOptions, impose
from print_helpers import PAGE, PageWords, numbered_book, qpdf_ok, words_by_page

# What a binder does with each layout's sheet, in order: (columns, rows) of pages, then the folds.
FOLDS = {"folio": ((2, 1), "V"), "quarto": ((2, 2), "HV"), "octavo": ((4, 2), "VHV")}


@dataclass(frozen=True)
class Face:
    """One page-sized face of a sheet, as it lies on the table (seen from above, front side up)."""

    page: int | None  # the number read there, None for a blank
    x: float  # its centre
    y: float
    facing_up: bool
    upright: bool  # its head points up the table
    gutter_left: bool  # its gutter mark lies left of its centre (seen from above)
    depth: int = 0  # 0 is the top layer of the bundle


def _read_face(page: PageWords, cx: float, cy: float, w: float, h: float):
    """The page number printed in the cell centred at (cx, cy), with its orientation and gutter side."""
    inside = [word for word in page.words if abs(word.x - cx) < w / 2 and abs(word.y - cy) < h / 2]
    found = {word.text[0]: word for word in inside if re.fullmatch(r"[TBG]\d+", word.text)}
    if not found:
        return None, True, True
    numbers = {int(word.text[1:]) for word in found.values()}
    assert len(numbers) == 1 and set(found) == {"T", "B", "G"}, f"one whole page per cell, found {inside}"
    return numbers.pop(), found["T"].y > found["B"].y, found["G"].x < cx


def sheet_faces(front: PageWords, back: PageWords, layout: str, duplex_vertical_axis: bool) -> list[Face]:
    """A sheet's two printed sides -> its faces in table coordinates; the back is seen through the sheet as the
    printer turned it (about the vertical axis: left and right swap; about the horizontal axis: up and down)."""
    (columns, rows), _ = FOLDS[layout]
    w, h = PAGE
    left, bottom = (front.width - columns * w) / 2, (front.height - rows * h) / 2
    faces = []
    for column in range(columns):
        for row in range(rows):
            cx, cy = left + (column + 0.5) * w, bottom + (row + 0.5) * h
            page, upright, gutter_left = _read_face(front, cx, cy, w, h)
            faces.append(Face(page, cx, cy, True, upright, gutter_left))
            bx, by = (front.width - cx, cy) if duplex_vertical_axis else (cx, front.height - cy)
            page, upright, gutter_left = _read_face(back, bx, by, w, h)
            if duplex_vertical_axis:
                faces.append(Face(page, cx, cy, False, upright, not gutter_left))
            else:
                faces.append(Face(page, cx, cy, False, not upright, gutter_left))
    return faces


def fold(faces: list[Face], folds: str) -> list[Face]:
    """Fold the faces: each fold halves the bundle's extent; what moves turns over and goes under, reversed."""
    layers = 1
    for direction in folds:
        xs, ys = [f.x for f in faces], [f.y for f in faces]
        if direction == "V":
            line = (min(xs) + max(xs)) / 2
            faces = [replace(f, x=2 * line - f.x, facing_up=not f.facing_up, gutter_left=not f.gutter_left,
                             depth=2 * layers - 1 - f.depth) if f.x < line else f for f in faces]
        else:
            line = (min(ys) + max(ys)) / 2
            faces = [replace(f, y=2 * line - f.y, facing_up=not f.facing_up, upright=not f.upright,
                             depth=2 * layers - 1 - f.depth) if f.y > line else f for f in faces]
        layers *= 2
    assert len({(round(f.x), round(f.y)) for f in faces}) == 1, "folded to one page"
    return faces


def leaves(faces: list[Face]) -> list[tuple[Face, Face]]:
    """A folded bundle -> its leaves top to bottom, each (recto, verso): the face up, then the face down."""
    by_depth: dict[int, dict[bool, Face]] = {}
    for face in faces:
        by_depth.setdefault(face.depth, {})[face.facing_up] = face
    return [(by_depth[d][True], by_depth[d][False]) for d in sorted(by_depth)]


def read_signatures(path: Path, layout: str, sheets_per_signature: int, duplex_vertical_axis: bool = True):
    """An imposed PDF -> the faces of the book as a binder reads them after folding, nesting and cutting."""
    pages = words_by_page(path)
    _, folds = FOLDS[layout]
    folded = [leaves(fold(sheet_faces(pages[i], pages[i + 1], layout, duplex_vertical_axis), folds))
              for i in range(0, len(pages), 2)]
    book = []
    for start in range(0, len(folded), sheets_per_signature):
        signature = folded[start:start + sheets_per_signature]
        half = len(signature[0]) // 2
        # Nested, the first sheet outermost: first halves from the outside in, then second halves back out.
        order = [leaf for sheet in signature for leaf in sheet[:half]]
        order += [leaf for sheet in reversed(signature) for leaf in sheet[half:]]
        book += [face for leaf in order for face in leaf]
    return book


def assert_reads_in_order(book: list[Face], pages: int) -> None:
    numbers = [face.page for face in book]
    assert numbers[:pages] == list(range(1, pages + 1)), numbers
    assert all(n is None for n in numbers[pages:]), f"blanks only after the last page: {numbers}"
    for face in book[:pages]:
        assert face.upright, f"page {face.page} upside down once folded"
        assert face.gutter_left, f"page {face.page}: its gutter is not at the spine"


CASES = [
    ("folio", 1, 4), ("folio", 1, 5), ("folio", 4, 16), ("folio", 4, 37), ("folio", 3, 50),
    ("quarto", 1, 8), ("quarto", 1, 21), ("quarto", 2, 30),
    ("octavo", 1, 16), ("octavo", 1, 35), ("octavo", 2, 40),
]


@pytest.mark.parametrize("layout,sheets,pages", CASES)
def test_folded_signatures_read_in_order(tmp_path, layout, sheets, pages):
    imposed = impose(numbered_book(pages), ImposeOptions(layout=layout, sheets_per_signature=sheets))
    path = tmp_path / "sheets.pdf"
    path.write_bytes(imposed.data)
    qpdf_ok(path)
    per_sheet = {"folio": 4, "quarto": 8, "octavo": 16}[layout]
    blanks = -pages % per_sheet  # the fewest: never a whole blank sheet
    assert imposed.plan.blanks == blanks
    book = read_signatures(path, layout, sheets)
    assert len(book) == pages + blanks
    assert_reads_in_order(book, pages)


def test_last_signature_takes_only_the_sheets_it_needs():
    imposed = impose(numbered_book(37), ImposeOptions(layout="folio", sheets_per_signature=4))
    assert imposed.plan.signature_sheets == (4, 4, 2)  # 40 pages: 16 + 16 + 8, three blanks, not 48 with eleven


@pytest.mark.parametrize("layout", ["folio", "quarto", "octavo"])
@pytest.mark.parametrize("duplex", [Duplex.SHORT, Duplex.LONG])
def test_duplex_edge(tmp_path, layout, duplex):
    imposed = impose(numbered_book(20), ImposeOptions(layout=layout, sheets_per_signature=1, duplex=duplex))
    path = tmp_path / "sheets.pdf"
    path.write_bytes(imposed.data)
    landscape = imposed.geometry.sheet_width >= imposed.geometry.sheet_height
    # Turning on the short edge of a landscape sheet (or the long edge of a portrait one) swaps left and right.
    vertical_axis = landscape == (duplex is Duplex.SHORT)
    assert_reads_in_order(read_signatures(path, layout, 1, vertical_axis), 20)
    if layout == "quarto":  # a portrait sheet: the wrong edge must show, or this test proves nothing
        wrong = read_signatures(path, layout, 1, not vertical_axis)
        with pytest.raises(AssertionError):
            assert_reads_in_order(wrong, 20)


def test_marks_leave_the_page_order_alone(tmp_path):
    options = ImposeOptions(layout="folio", sheets_per_signature=2, crop_marks=True, fold_marks=True,
                            sewing_stations=4, order_marks=True)
    imposed = impose(numbered_book(24), options)
    path = tmp_path / "sheets.pdf"
    path.write_bytes(imposed.data)
    qpdf_ok(path)
    assert imposed.geometry.sheet_width == pytest.approx(2 * PAGE[0] + 36)  # a quarter inch each side for marks
    assert_reads_in_order(read_signatures(path, "folio", 2), 24)


def test_collation_marks_step_down_the_spine():
    import pikepdf, io, re as regex

    imposed = impose(numbered_book(48), ImposeOptions(layout="folio", sheets_per_signature=2, order_marks=True))
    pdf = pikepdf.open(io.BytesIO(imposed.data))
    spine_x = imposed.geometry.grid.left + PAGE[0]
    tops = []
    for sheet in range(0, len(pdf.pages), 4):  # the front of each signature's outer sheet
        content = pdf.pages[sheet].Contents.read_bytes().decode()
        boxes = [tuple(map(float, m)) for m in regex.findall(r"0 g ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re f", content)]
        assert len(boxes) == 1
        x, y, w, h = boxes[0]
        assert x + w / 2 == pytest.approx(spine_x, abs=0.01)
        tops.append(y + h)
    assert len(tops) == 6 and all(a > b for a, b in zip(tops, tops[1:]))


def test_creep_moves_inner_leaves_toward_the_spine(tmp_path):
    plain = tmp_path / "plain.pdf"
    crept = tmp_path / "crept.pdf"
    plain.write_bytes(impose(numbered_book(16), ImposeOptions(layout="folio", sheets_per_signature=4)).data)
    crept.write_bytes(impose(numbered_book(16), ImposeOptions(layout="folio", sheets_per_signature=4,
                                                             creep_mm=0.1)).data)
    step = 0.1 * 72 / 25.4

    def gutter_x(path):
        return {w.text: w.x for page in words_by_page(path)[::2] for w in page.words if w.text.startswith("G")}

    before, after = gutter_x(plain), gutter_x(crept)
    # The front of sheet i (0 outermost) carries pages 16-2i (left cell, spine on its right) and 2i+1.
    for i in range(4):
        assert after[f"G{2 * i + 1}"] - before[f"G{2 * i + 1}"] == pytest.approx(-i * step, abs=0.05)
        assert after[f"G{16 - 2 * i}"] - before[f"G{16 - 2 * i}"] == pytest.approx(i * step, abs=0.05)


def test_paper_too_small_is_one_clear_error():
    from bookmaker.errors import BuildError

    with pytest.raises(BuildError, match="the paper is"):
        impose(numbered_book(8), ImposeOptions(layout="quarto", paper=(612.0, 792.0)))


@pytest.mark.parametrize("layout", ["folio", "quarto", "octavo"])
def test_the_folding_instructions_are_the_folds_this_test_makes(layout):
    from bookmaker.print.folding import layout_named

    phrases = {"V": "left half behind the right", "H": "top half behind the bottom"}
    _, folds = FOLDS[layout]
    assert layout_named(layout).instructions() == "fold " + ", then ".join(phrases[f] for f in folds)


def test_rotated_pages_are_placed_as_a_viewer_shows_them(tmp_path):
    import io

    import pikepdf

    book = pikepdf.open(io.BytesIO(numbered_book(4, size=(PAGE[1], PAGE[0]))))  # landscape pages, turned upright
    for page in book.pages:
        page.Rotate = 90
    turned = tmp_path / "turned.pdf"
    book.save(turned)
    imposed = impose(turned.read_bytes(), ImposeOptions(layout="folio", sheets_per_signature=1))
    assert (imposed.geometry.cell_width, imposed.geometry.cell_height) == PAGE
    path = tmp_path / "sheets.pdf"
    path.write_bytes(imposed.data)
    for side in words_by_page(path):
        for number in {w.text[1:] for w in side.words}:
            xs = [w.x for w in side.words if w.text[1:] == number]
            assert len({int(x // PAGE[0]) for x in xs}) == 1, f"page {number} spills out of its cell"
            top, foot = (next(w for w in side.words if w.text == f"{k}{number}") for k in "TB")
            # Turned a quarter clockwise, as /Rotate 90 shows it, and at full size: head and foot lines stay
            # as far apart as numbered_book set them (its page height less 40 and 30 points).
            assert top.x - foot.x == pytest.approx(PAGE[0] - 70, abs=1)
