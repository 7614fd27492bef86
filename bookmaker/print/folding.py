"""A fold layout (folio, quarto, octavo) -> where each leaf face of one folded sheet is printed, found by folding.

The sheet lies on the table, its front side up, as a grid of page-sized cells (column 0 on the left, row 0 at
the bottom). Every fold takes one half *under* the other: a vertical fold the left half under the right, a
horizontal fold the top half under the bottom. The last fold is vertical, so its crease is the spine, on the
left of the folded bundle; earlier creases end at the head or the fore-edge and are cut open. Folding a sheet of
labelled cells tells, for every face, which leaf it becomes, whether it is that leaf's recto, and whether it
must be printed upside down to read upright once folded -- no page-order table is typed in by hand.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import lru_cache


class Side(enum.Enum):
    FRONT = "front"  # the side facing up on the table: the first page of each sheet in the imposed PDF
    BACK = "back"


class Fold(enum.Enum):
    VERTICAL = "vertical"  # the left half goes under the right half
    HORIZONTAL = "horizontal"  # the top half goes under the bottom half


@dataclass(frozen=True)
class Layout:
    """A way of folding one sheet: its grid of pages and the folds, in order."""

    name: str
    columns: int
    rows: int
    folds: tuple[Fold, ...]

    @property
    def pages_per_sheet(self) -> int:
        return self.columns * self.rows * 2

    @property
    def leaves_per_sheet(self) -> int:
        return self.columns * self.rows

    def instructions(self) -> str:
        """How a binder folds this sheet, front (the side with the signature's first page) facing them."""
        steps = {Fold.VERTICAL: "left half behind the right", Fold.HORIZONTAL: "top half behind the bottom"}
        return "fold " + ", then ".join(steps[fold] for fold in self.folds)


LAYOUTS = {
    "folio": Layout("folio", 2, 1, (Fold.VERTICAL,)),
    "quarto": Layout("quarto", 2, 2, (Fold.HORIZONTAL, Fold.VERTICAL)),
    "octavo": Layout("octavo", 4, 2, (Fold.VERTICAL, Fold.HORIZONTAL, Fold.VERTICAL)),
}


@dataclass(frozen=True)
class Slot:
    """One face of a folded sheet, in table coordinates (seen from above, front side up).

    `leaf` counts from the top of the folded bundle (0 is the leaf that carries the sheet's first page);
    `upside_down`: print the page turned 180 degrees; `spine_on_left`: the cell's left edge (in table
    coordinates, for both its faces) is the spine fold, else its right edge is.
    """

    side: Side
    column: int
    row: int
    leaf: int
    recto: bool
    upside_down: bool
    spine_on_left: bool


@dataclass(frozen=True)
class _Face:
    column: int
    row: int
    side: Side


@dataclass(frozen=True)
class _Layer:
    """A cell of paper in the folded stack: what faces up and down, and how it has been turned."""

    cell: tuple[int, int]
    up: _Face
    down: _Face
    up_inverted: bool  # the page printed on it points down the table (an odd number of horizontal folds)
    down_inverted: bool
    mirrored: bool  # an odd number of vertical folds: its original right edge is now on the left

    def folded(self, fold: Fold) -> "_Layer":
        """This layer after being turned over by a fold: its faces swap; a horizontal fold inverts the pages."""
        flip = fold is Fold.HORIZONTAL
        return _Layer(self.cell, self.down, self.up, self.down_inverted ^ flip, self.up_inverted ^ flip,
                      self.mirrored ^ (not flip))


def _fold(grid: dict[tuple[int, int], list[_Layer]], columns: int, rows: int, fold: Fold):
    """One fold of the stacks on a grid -> (new grid, columns, rows). Each stack is listed top first."""
    new: dict[tuple[int, int], list[_Layer]] = {}
    if fold is Fold.VERTICAL:
        half = columns // 2
        for (column, row), stack in grid.items():
            if column >= half:  # the right half stays where it is, on top
                new.setdefault((column - half, row), [])[:0] = stack
        for (column, row), stack in grid.items():
            if column < half:  # the left half, turned over under the right: its stack order reverses
                new[(half - 1 - column, row)] += [layer.folded(fold) for layer in reversed(stack)]
        return new, half, rows
    half = rows // 2
    for (column, row), stack in grid.items():
        if row < half:
            new.setdefault((column, row), [])[:0] = stack
    for (column, row), stack in grid.items():
        if row >= half:
            new[(column, rows - 1 - row)] += [layer.folded(fold) for layer in reversed(stack)]
    return new, columns, half


@lru_cache(maxsize=None)
def fold_plan(layout: Layout) -> tuple[Slot, ...]:
    """The layout's sheet folded -> one Slot per face, in reading order (the sheet's pages 1, 2, 3, ...)."""
    grid = {(c, r): [_Layer((c, r), _Face(c, r, Side.FRONT), _Face(c, r, Side.BACK), False, False, False)]
            for c in range(layout.columns) for r in range(layout.rows)}
    columns, rows = layout.columns, layout.rows
    for fold in layout.folds:
        grid, columns, rows = _fold(grid, columns, rows, fold)
    if (columns, rows) != (1, 1) or layout.folds[-1] is not Fold.VERTICAL:
        raise ValueError(f"layout {layout.name}: the folds must end in one page, with a vertical fold last")
    slots = []
    for leaf, layer in enumerate(grid[(0, 0)]):
        # Seen from above, the top of the bundle reads as the recto; the leaf turned over (about the spine,
        # which keeps up and down) shows its verso, so both faces must end pointing up the table.
        for face, inverted, recto in ((layer.up, layer.up_inverted, True), (layer.down, layer.down_inverted, False)):
            slots.append(Slot(face.side, face.column, face.row, leaf, recto, inverted, not layer.mirrored))
    return tuple(slots)


def layout_named(name: str) -> Layout:
    """A layout's name ("folio", "quarto", "octavo") -> the Layout; ValueError for any other."""
    try:
        return LAYOUTS[name.strip().lower()]
    except KeyError:
        raise ValueError(f"layout {name!r} is not one of {', '.join(LAYOUTS)}") from None
