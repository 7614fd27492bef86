"""A laid-out piece and its PDF -> the same PDF with one structure element for each element of the book that runs
across a page break: the two halves of a paragraph (and of its section and document) become one P (one Sect, one
Div), as in the EPUB.

WeasyPrint builds the structure tree page by page, so a paragraph split by a page break was two P elements: a
screen reader announced two paragraphs, and a reflowing reader broke the sentence in two. Which elements continue
is read from the layout (the same HTML element ends one page and begins the next); the halves are joined in the
PDF's tree, the later one's children moved into the earlier one.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name


def _edge(page_box, last: bool) -> list:
    """The HTML elements of the boxes along the last (or first) edge of a page, outermost first, below <body>."""
    from weasyprint.formatting_structure import boxes

    chain = []
    roots = [c for c in page_box.children if not isinstance(c, boxes.MarginBox)]
    box = roots[-1 if last else 0] if roots else None
    while isinstance(box, boxes.ParentBox) and not isinstance(box, boxes.LineBox):
        if box.element is None:
            break  # an anonymous box: nothing to say it is the same on both pages
        if box.element_tag not in ("html", "body"):
            chain.append((box.element, box.element_tag))
        kids = [c for c in box.children if isinstance(c, boxes.ParentBox)]
        if not kids or any(isinstance(c, boxes.LineBox) for c in box.children):
            break
        box = kids[-1 if last else 0]
    return chain


def continued_depths(document) -> list[int]:
    """A laid-out weasyprint Document -> for each page but the last, how many nested elements (outermost first)
    the next page continues."""
    depths = []
    for page, following in zip(document.pages, document.pages[1:]):
        ending, starting = _edge(page._page_box, True), _edge(following._page_box, False)  # noqa: SLF001
        depth = 0
        for (a, tag_a), (b, tag_b) in zip(ending, starting):
            if a is not b or tag_a != tag_b:
                break
            depth += 1
        depths.append(depth)
    return depths


def _struct_kids(element) -> list:
    return [k for k in element.K if isinstance(k, Dictionary) and k.get("/Type") == Name.StructElem]


def join_continued(pdf: pikepdf.Pdf, depths: list[int]) -> None:
    """Join, in the open PDF, the structure elements that `depths` (continued_depths) says continue. Linear in
    the pages: each page's first element is joined to the last one before it."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or not any(depths):
        return
    document = root.K[0] if isinstance(root.K, Array) else root.K
    page_of = {page.objgen: number for number, page in enumerate(pdf.pages)}
    on_page: dict[int, list] = {}  # page -> its top-level elements, in the tree's order
    for kid in _struct_kids(document):
        on_page.setdefault(page_of.get(kid.Pg.objgen, -1) if "/Pg" in kid else -1, []).append(kid)
    replaced: dict[tuple[int, int], Dictionary] = {}
    last = None  # the last element not joined into another on the pages so far (it may have begun pages before)
    for number, depth in enumerate(depths):
        alive = [k for k in on_page.get(number, []) if k.objgen not in replaced]
        last = alive[-1] if alive else last
        after = [k for k in on_page.get(number + 1, []) if k.objgen not in replaced]
        if not depth or last is None or not after:
            continue
        pairs = [(last, after[0])]
        while len(pairs) < depth:
            earlier, later = _struct_kids(pairs[-1][0]), _struct_kids(pairs[-1][1])
            if not earlier or not later or earlier[-1].S != later[0].S:
                break
            pairs.append((earlier[-1], later[0]))
        if pairs[0][0].S != pairs[0][1].S:
            continue
        for earlier, later in reversed(pairs):  # innermost first: each later half is gone when its parent joins
            _move_kids(later, earlier, replaced)
            replaced[later.objgen] = earlier
    if not replaced:
        return
    document.K = Array([k for k in document.K if not (isinstance(k, Dictionary) and k.objgen in replaced)])
    nums = root.ParentTree.Nums
    for index in range(1, len(nums), 2):
        value = nums[index]
        if isinstance(value, Array):
            nums[index] = Array([_joined(e, replaced) if isinstance(e, Dictionary) else e for e in value])
        elif isinstance(value, Dictionary):
            nums[index] = _joined(value, replaced)


def _joined(element: Dictionary, replaced: dict) -> Dictionary:
    """The element a joined half went into (through every join: a third page's half joined a second's)."""
    while element.objgen in replaced:
        element = replaced[element.objgen]
    return element


def _move_kids(source, target, joined: dict) -> None:
    """Move every kid of `source` to the end of `target` (but halves already `joined` into another): elements
    re-parented, marked content referred to its page (a bare MCID means one on the element's own page, which is
    no longer the same)."""
    moved = []
    for kid in source.K:
        if isinstance(kid, Dictionary) and kid.objgen in joined:
            continue
        if isinstance(kid, int):  # pikepdf gives integers as int
            moved.append(Dictionary(Type=Name.MCR, Pg=source.Pg, MCID=int(kid)))
            continue
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.StructElem:
            kid.P = target
        moved.append(kid)
    target.K = Array([*target.K, *moved])
    source.K = Array()
