"""A page count, a fold layout and sheets per signature -> every sheet's faces with the book page each carries.

A signature is N sheets folded alike and nested, the first outermost. The book is padded with the fewest
blanks a sheet allows (never a whole blank sheet): the last signature takes only the sheets it needs, so its
blanks are the book's last pages, after the text, never in the middle of a signature.
"""

from __future__ import annotations

from dataclasses import dataclass

from bookmaker.print.folding import Layout, Slot, fold_plan


@dataclass(frozen=True)
class Placed:
    """One face of a sheet: where it is (`slot`), the book page it carries (0-based, None for a blank), and
    how many sheet thicknesses of creep its leaf needs pushed toward the spine (0 for the outermost leaves)."""

    slot: Slot
    page: int | None
    depth: int


@dataclass(frozen=True)
class Sheet:
    signature: int  # 0-based
    index: int  # 0-based, within its signature: 0 is the outermost
    faces: tuple[Placed, ...]


@dataclass(frozen=True)
class Plan:
    layout: Layout
    pages: int  # the book's pages
    padded: int  # pages after padding: a whole number of sheets
    signature_sheets: tuple[int, ...]  # sheets in each signature
    sheets: tuple[Sheet, ...]

    @property
    def blanks(self) -> int:
        return self.padded - self.pages


def signature_sizes(sheets: int, per_signature: int) -> tuple[int, ...]:
    """Sheets in all -> sheets in each signature: whole signatures, then the rest in a smaller last one."""
    full, rest = divmod(sheets, per_signature)
    return (per_signature,) * full + ((rest,) if rest else ())


def plan(pages: int, layout: Layout, sheets_per_signature: int) -> Plan:
    """Where every book page goes. ValueError when there are no pages or no sheets per signature."""
    if pages < 1:
        raise ValueError("the book has no pages")
    if sheets_per_signature < 1:
        raise ValueError("a signature needs at least one sheet")
    per_sheet = layout.pages_per_sheet
    sheet_count = -(-pages // per_sheet)
    sizes = signature_sizes(sheet_count, sheets_per_signature)
    half = layout.leaves_per_sheet // 2  # a folded sheet's leaves before its centre fold
    sheets = []
    first_page = 0
    for number, size in enumerate(sizes):
        leaves = size * layout.leaves_per_sheet
        for index in range(size):
            faces = []
            for slot in fold_plan(layout):
                # Nested sheets: sheet `index` holds the leaves `index` sheets in from either end of the signature.
                if slot.leaf < half:
                    leaf = index * half + slot.leaf
                else:
                    leaf = leaves - (index + 1) * half + (slot.leaf - half)
                page = first_page + 2 * leaf + (0 if slot.recto else 1)
                depth = min(leaf, leaves - 1 - leaf)  # leaves wrapped around it on its side of the centre
                faces.append(Placed(slot, page if page < pages else None, depth))
            sheets.append(Sheet(number, index, tuple(faces)))
        first_page += 2 * leaves
    return Plan(layout, pages, sheet_count * per_sheet, sizes, tuple(sheets))
