"""A book PDF -> an imposed PDF of press sheets (front, back, front, back, ...) for folding into signatures.

Each book page becomes a Form XObject (pikepdf) drawn into its cell of a sheet, turned 180 degrees where the
folds need it and nudged toward the spine for creep. The back of a sheet is drawn as the printer will put it
under the front once it turns the sheet over on the edge asked for, so both sides fold into one signature.
"""

from __future__ import annotations

import enum
import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from bookmaker.errors import BuildError
from bookmaker.print import marks
from bookmaker.print.book_pdf import open_book, rewrite
from bookmaker.print.folding import Layout, Side, layout_named
from bookmaker.print.signatures import Placed, Plan, Sheet, plan

POINTS_PER_INCH = 72.0
POINTS_PER_MM = 72.0 / 25.4
MARGIN = 0.25 * POINTS_PER_INCH  # room around the pages for crop and fold marks
MARK_LENGTH = 10.0
SEWING_INSET = 0.5 * POINTS_PER_INCH  # the kettle stitches, half an inch from head and tail
ORDER_MARK = (5.0, 14.0)  # width, height of the collation mark in points
IMPOSED_CREATOR = "bookmaker impose"  # how the print check knows press sheets from a book


class Duplex(enum.Enum):
    """How the printer turns the sheet between its two sides."""

    PAGE = "page"  # about the fold axis, as a book page turns: the right choice for almost every printer dialog
    SHORT = "short"  # about the sheet's short edge
    LONG = "long"  # about the sheet's long edge


@dataclass(frozen=True)
class ImposeOptions:
    layout: str = "folio"
    sheets_per_signature: int | None = None  # default: 4 for folio (16 pages), 1 for quarto and octavo
    duplex: Duplex = Duplex.PAGE
    paper: tuple[float, float] | None = None  # width, height in points; default: just the pages (and marks)
    crop_marks: bool = False
    fold_marks: bool = False
    sewing_stations: int = 0
    order_marks: bool = False
    creep_mm: float = 0.0  # the paper's thickness: each leaf moves this much toward the spine per leaf around it

    def resolved_layout(self) -> Layout:
        try:
            return layout_named(self.layout)
        except ValueError as error:
            raise BuildError(str(error)) from None

    def sheets(self) -> int:
        count = self.sheets_per_signature or (4 if self.resolved_layout().name == "folio" else 1)
        if count < 1:
            raise BuildError("--sheets must be at least 1")
        return count

    @property
    def any_marks(self) -> bool:
        return self.crop_marks or self.fold_marks or self.order_marks


@dataclass(frozen=True)
class Geometry:
    """Where the grid of pages sits on a sheet, in points."""

    cell_width: float
    cell_height: float
    sheet_width: float
    sheet_height: float
    grid: marks.Box
    columns: int
    rows: int

    def cell(self, column: int, row: int) -> marks.Box:
        left = self.grid.left + column * self.cell_width
        bottom = self.grid.bottom + row * self.cell_height
        return marks.Box(left, bottom, left + self.cell_width, bottom + self.cell_height)


@dataclass(frozen=True)
class Imposed:
    """What an imposition made: the PDF bytes and the numbers a binder needs."""

    data: bytes
    plan: Plan
    geometry: Geometry


def geometry(layout: Layout, cell: tuple[float, float], options: ImposeOptions) -> Geometry:
    """The page size and layout -> the sheet: the pages' grid, centred on the paper (or with a margin for marks)."""
    width, height = layout.columns * cell[0], layout.rows * cell[1]
    margin = MARGIN if options.any_marks else 0.0
    if options.paper:
        short, long_ = sorted(options.paper)
        paper = (long_, short) if width >= height else (short, long_)
        if width + 2 * margin > paper[0] + 0.01 or height + 2 * margin > paper[1] + 0.01:
            raise BuildError(f"{layout.name} sheets of these pages need {(width + 2 * margin) / 72:.2f} x "
                             f"{(height + 2 * margin) / 72:.2f} in; the paper is {paper[0] / 72:.2f} x {paper[1] / 72:.2f} in")
    else:
        paper = (width + 2 * margin, height + 2 * margin)
    left, bottom = (paper[0] - width) / 2, (paper[1] - height) / 2
    return Geometry(cell[0], cell[1], paper[0], paper[1], marks.Box(left, bottom, left + width, bottom + height),
                    layout.columns, layout.rows)


@dataclass(frozen=True)
class _Drawn:
    """A face as drawn on its side of the sheet (PDF coordinates of that side's page)."""

    face: Placed
    box: marks.Box
    upside_down: bool
    spine_on_left: bool


def _as_drawn(face: Placed, geo: Geometry, flip_vertical_axis: bool) -> _Drawn:
    """A face in table coordinates -> where it is drawn: a back face seen through the sheet's turn."""
    slot = face.slot
    if slot.side is Side.FRONT:
        return _Drawn(face, geo.cell(slot.column, slot.row), slot.upside_down, slot.spine_on_left)
    if flip_vertical_axis:  # turned like a page: left and right swap, up stays up
        return _Drawn(face, geo.cell(geo.columns - 1 - slot.column, slot.row), slot.upside_down, not slot.spine_on_left)
    return _Drawn(face, geo.cell(slot.column, geo.rows - 1 - slot.row), not slot.upside_down, slot.spine_on_left)


def _flips_about_vertical_axis(duplex: Duplex, geo: Geometry) -> bool:
    """Whether the sheet turns over left-to-right: a page turn, or the edge named that runs up the sheet."""
    if duplex is Duplex.PAGE:
        return True
    landscape = geo.sheet_width >= geo.sheet_height
    # On a landscape sheet the short edges are the left and right ones: turning on them swaps left and right.
    return landscape == (duplex is Duplex.SHORT)


def _shown(form: pikepdf.Object, box: list[float]) -> list[float]:
    """A box in the form's own space -> where the form's /Matrix (a page's /Rotate) shows it: left, bottom, right, top."""
    a, b, c, d, e, f = [float(v) for v in form.get("/Matrix", [1, 0, 0, 1, 0, 0])]
    corners = [(x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs = [a * x + c * y + e for x, y in corners]
    ys = [b * x + d * y + f for x, y in corners]
    return [min(xs), min(ys), max(xs), max(ys)]


def _placement(form: pikepdf.Object, drawn: _Drawn, shift: float) -> bytes:
    """The operators that draw one page's XObject into its cell: scaled to fit, centred, turned, shifted."""
    trim = _shown(form, [float(v) for v in form.get("/BookmakerTrim", form.BBox)])
    width, height = trim[2] - trim[0], trim[3] - trim[1]
    box = drawn.box
    scale = min(box.width / width, box.height / height)
    e = box.left + (box.width - scale * width) / 2 - scale * trim[0]
    f = box.bottom + (box.height - scale * height) / 2 - scale * trim[1]
    a = scale
    if drawn.upside_down:  # the upright placement turned about the cell's centre
        a, e, f = -scale, 2 * box.left + box.width - e, 2 * box.bottom + box.height - f
    e += -shift if drawn.spine_on_left else shift  # creep: toward the spine as drawn on the sheet
    clip = f"{box.left:.3f} {box.bottom:.3f} {box.width:.3f} {box.height:.3f} re W n"
    return f"q {clip} {a:.5f} 0 0 {a:.5f} {e:.3f} {f:.3f} cm /P{drawn.face.page} Do Q\n".encode()


def _sheet_marks(sheet: Sheet, side: Side, drawn: list[_Drawn], geo: Geometry, options: ImposeOptions,
                 layout: Layout, signature_size: int) -> bytes:
    """The marks asked for on one side of a sheet: crop and fold marks on the front, sewing stations on the
    signature's centre spread, the collation mark on its outside spine fold."""
    out = []
    if side is Side.FRONT and options.crop_marks:
        out.append(marks.crop_marks(geo.grid, MARK_LENGTH))
    if side is Side.FRONT and options.fold_marks:
        xs = [geo.grid.left + k * geo.cell_width for k in range(1, geo.columns)]
        ys = [geo.grid.bottom + k * geo.cell_height for k in range(1, geo.rows)]
        out.append(marks.fold_marks(geo.grid, xs, ys, MARK_LENGTH))
    half = layout.leaves_per_sheet // 2
    innermost = sheet.index == signature_size - 1
    for item in drawn:
        slot, box = item.face.slot, item.box
        spine_x = box.left if item.spine_on_left else box.right
        # Sewing holes are pierced from the centre spread of the signature: its innermost sheet's middle leaves.
        if options.sewing_stations and innermost and (slot.leaf, slot.recto) in ((half - 1, False), (half, True)):
            out.append(marks.sewing_marks(spine_x, box.bottom, box.top, options.sewing_stations, SEWING_INSET))
        if options.order_marks and sheet.index == 0 and slot.leaf == 0 and slot.recto:
            width, height = ORDER_MARK
            steps = max(1, int((box.height - 2 * SEWING_INSET) // height))
            offset = SEWING_INSET / 2 + (sheet.signature % steps) * height
            if item.upside_down:  # the head of the page is at the bottom of its cell
                out.append(marks.collation_mark(spine_x, box.bottom + offset + height, width, height))
            else:
                out.append(marks.collation_mark(spine_x, box.top - offset, width, height))
    return b"".join(out)


def _forms(source: pikepdf.Pdf, target: pikepdf.Pdf) -> list[pikepdf.Object]:
    """Every page of the book as a Form XObject in the target, remembering the page's trim box."""
    forms = []
    for page in source.pages:
        form = page.as_form_xobject()
        trim = page.obj.get("/TrimBox", page.mediabox)
        form.BookmakerTrim = Array([float(v) for v in trim])  # private key, read back in _placement
        forms.append(target.copy_foreign(form))
    return forms


def _cell_size(source: pikepdf.Pdf) -> tuple[float, float]:
    page = source.pages[0]
    trim = [float(v) for v in page.obj.get("/TrimBox", page.mediabox)]
    rotated = int(page.obj.get("/Rotate", 0)) % 180 == 90
    width, height = trim[2] - trim[0], trim[3] - trim[1]
    return (height, width) if rotated else (width, height)


def impose(data: bytes, options: ImposeOptions) -> Imposed:
    """A book PDF's bytes -> its imposed sheets. InputError if it is not a PDF or has no pages."""
    layout = options.resolved_layout()
    source = open_book(data)
    the_plan = plan(len(source.pages), layout, options.sheets())
    geo = geometry(layout, _cell_size(source), options)
    flip_vertical = _flips_about_vertical_axis(options.duplex, geo)
    target = pikepdf.new()
    forms = _forms(source, target)
    for sheet in the_plan.sheets:
        for side in (Side.FRONT, Side.BACK):
            drawn = [_as_drawn(face, geo, flip_vertical) for face in sheet.faces if face.slot.side is side]
            content = b"".join(_placement(forms[d.face.page], d, d.face.depth * options.creep_mm * POINTS_PER_MM)
                               for d in drawn if d.face.page is not None)
            content += _sheet_marks(sheet, side, drawn, geo, options, layout,
                                    the_plan.signature_sheets[sheet.signature])
            used = {f"/P{d.face.page}": forms[d.face.page] for d in drawn if d.face.page is not None}
            page = Dictionary(Type=Name.Page, MediaBox=Array([0, 0, geo.sheet_width, geo.sheet_height]),
                              Resources=Dictionary(XObject=Dictionary(used)),
                              Contents=target.make_stream(content))
            target.pages.append(pikepdf.Page(page))
    title = str(source.docinfo.get("/Title", "")) if source.docinfo else ""
    target.docinfo = target.make_indirect(Dictionary(
        Title=pikepdf.String(f"{title} ({layout.name}, imposed)".strip()), Creator=pikepdf.String(IMPOSED_CREATOR)))
    out = io.BytesIO()
    target.save(out, deterministic_id=True)
    return Imposed(out.getvalue(), the_plan, geo)


def impose_file(path: Path, output: Path, options: ImposeOptions) -> Imposed:
    """Impose the book at `path` and write the sheets to `output` atomically."""
    return rewrite(path, output, lambda data: impose(data, options))
