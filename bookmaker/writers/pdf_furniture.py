"""A composed page whose running head WeasyPrint tagged -> the same page with that head marked as an artifact.

WeasyPrint tags the text of margin boxes (running heads) as structure elements it leaves out of the tree (PDF 1.7
has no artifact element): a screen reader met them outside the reading order, or, hung under the Document, read
"Missing Him" between two sentences of every other page. They are page furniture, as the folios the composer
stamps are: their marked content becomes /Artifact /Pagination, and their entries in the parent tree null.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name

PAGINATION = Dictionary(Type=Name.Pagination)
BDC = pikepdf.Operator("BDC")


def _outside_tree(element: pikepdf.Object, document: pikepdf.Object) -> bool:
    """True when the element's parents never reach the book's Document (a margin box's element)."""
    seen = set()
    while element.objgen not in seen:
        seen.add(element.objgen)
        if element.objgen == document.objgen:
            return False
        if "/P" not in element:
            return True
        element = element.P
    return True


def mark_furniture(book: pikepdf.Pdf, page: pikepdf.Page, elements: Array, document: pikepdf.Object) -> None:
    """Turn the page's marked content whose elements lie outside the tree into artifacts; `elements` is the page's
    parent-tree array (marked-content id -> element), changed in place."""
    furniture = {mcid for mcid, element in enumerate(elements)
                 if isinstance(element, pikepdf.Dictionary) and _outside_tree(element, document)}
    if not furniture:
        return
    instructions = []
    for instruction in pikepdf.parse_content_stream(page):
        if instruction.operator == BDC and len(instruction.operands) == 2:
            properties = instruction.operands[1]
            if isinstance(properties, pikepdf.Dictionary) and int(properties.get("/MCID", -1)) in furniture:
                instruction = pikepdf.ContentStreamInstruction([Name.Artifact, PAGINATION], BDC)
        instructions.append(instruction)
    page.obj.Contents = book.make_stream(pikepdf.unparse_content_stream(instructions))
    for mcid in furniture:
        elements[mcid] = None
