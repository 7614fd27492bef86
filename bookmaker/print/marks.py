"""Printer's marks as PDF content-stream operators (bytes): crop marks, fold marks, sewing stations, collation marks.

All in points, in the coordinates of the page they are drawn on; hairlines in registration black would be
wasted on a desktop printer, so marks are 0.3 pt lines in plain black.
"""

from __future__ import annotations

from dataclasses import dataclass

LINE = b"q 0 G 0.3 w [] 0 d\n"
DASHED = b"q 0 G 0.3 w [2 2] 0 d\n"
END = b"Q\n"
GAP = 3.0  # points between a mark and the edge it points at, so no mark is cut into the page


@dataclass(frozen=True)
class Box:
    """A rectangle in points: left, bottom, right, top."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom


def _line(x0: float, y0: float, x1: float, y1: float) -> bytes:
    return f"{x0:.3f} {y0:.3f} m {x1:.3f} {y1:.3f} l S\n".encode()


def crop_marks(box: Box, length: float, gap: float = GAP) -> bytes:
    """Eight short lines outside the box's corners, in line with its edges, `gap` away (past any bleed): where to cut."""
    out = [LINE]
    for x in (box.left, box.right):
        for y, direction in ((box.bottom, -1), (box.top, 1)):
            out.append(_line(x, y + direction * gap, x, y + direction * (gap + length)))
    for y in (box.bottom, box.top):
        for x, direction in ((box.left, -1), (box.right, 1)):
            out.append(_line(x + direction * gap, y, x + direction * (gap + length), y))
    out.append(END)
    return b"".join(out)


def fold_marks(box: Box, xs: list[float], ys: list[float], length: float, gap: float = GAP) -> bytes:
    """Dashed lines outside the box where a fold runs: the vertical folds at `xs`, the horizontal ones at `ys`."""
    out = [DASHED]
    for x in xs:
        out += [_line(x, box.bottom - gap, x, box.bottom - gap - length), _line(x, box.top + gap, x, box.top + gap + length)]
    for y in ys:
        out += [_line(box.left - gap, y, box.left - gap - length, y), _line(box.right + gap, y, box.right + gap + length, y)]
    out.append(END)
    return b"".join(out)


def sewing_marks(x: float, bottom: float, top: float, stations: int, inset: float) -> bytes:
    """Short ticks across a spine fold at x: `stations` sewing holes, the outer two `inset` from head and tail."""
    if stations < 1:
        return b""
    if stations == 1:
        positions = [(bottom + top) / 2]
    else:
        step = (top - bottom - 2 * inset) / (stations - 1)
        positions = [bottom + inset + k * step for k in range(stations)]
    return LINE + b"".join(_line(x - 3, y, x + 3, y) for y in positions) + END


def collation_mark(x: float, y: float, width: float, height: float) -> bytes:
    """A filled box centred on a spine fold at x, its top at y: stepped down signature by signature, the
    gathered book shows a staircase on its back, and a signature out of order breaks it."""
    return f"q 0 g {x - width / 2:.3f} {y - height:.3f} {width:.3f} {height:.3f} re f Q\n".encode()
