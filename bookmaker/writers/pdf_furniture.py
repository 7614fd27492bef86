"""A laid-out page whose running head WeasyPrint tagged -> the same page with that head marked as an artifact, and
a contents page's dot leaders too (pdf_finish runs it on each piece, in the worker that laid the piece out).

WeasyPrint tags the text of margin boxes (running heads) as structure elements it leaves out of the tree (PDF 1.7
has no artifact element): a screen reader met them outside the reading order, or, hung under the Document, read
"Missing Him" between two sentences of every other page. They are page furniture, as the folios the composer
stamps are: their marked content becomes /Artifact /Pagination, and their entries in the parent tree null. So do
the dots leader() draws between a contents entry and its page number: tagged, a screen reader read out dozens of
". " spans on every line.
"""

from __future__ import annotations

import re

import pikepdf
from pikepdf import Array, Dictionary, Name

PAGINATION = Dictionary(Type=Name.Pagination)
BDC = pikepdf.Operator("BDC")


def tree_elements(document: pikepdf.Object) -> set[tuple[int, int]]:
    """The structure elements reached from the Document down its kids: the tree a reader reads (a margin box's
    element points up to the Document but is none of its kids)."""
    found, stack = set(), [document]
    while stack:
        element = stack.pop()
        if element.objgen in found:
            continue
        found.add(element.objgen)
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type", Name.StructElem) == Name.StructElem \
                    and "/S" in kid:
                stack.append(kid)
    return found


def _leader_glyphs(page: pikepdf.Page) -> dict[str, tuple[set[bytes], set[bytes]]]:
    """Font resource name -> (two-byte codes of its glyphs for '.', for a space or no-break space): a contents
    line's dot leader is drawn with nothing else."""
    found = {}
    for name, font in (page.obj.get("/Resources", {}).get("/Font") or {}).items():
        cmap = font.get("/ToUnicode")
        if cmap is None:
            continue
        codes = re.findall(rb"<([0-9A-Fa-f]{4})>\s*<(002[eE]|0020|00[aA]0)>", cmap.read_bytes())
        dots = {bytes.fromhex(code.decode()) for code, uni in codes if uni.lower() == b"002e"}
        found[str(name)] = (dots, {bytes.fromhex(code.decode()) for code, uni in codes} - dots)
    return found


def _leaders(instructions: list, page: pikepdf.Page) -> set[int]:
    """The marked-content ids whose text is only dots and spaces: contents leaders, drawn by leader() as text."""
    glyphs, font, current, shown = _leader_glyphs(page), None, None, {}
    for instruction in instructions:
        operator = str(instruction.operator)
        if operator == "Tf":
            font = str(instruction.operands[0])
        elif operator == "BDC" and isinstance(instruction.operands[-1], pikepdf.Dictionary):
            current = instruction.operands[-1].get("/MCID")
            current = int(current) if current is not None else None
        elif operator == "EMC":
            current = None
        elif current is not None and operator in ("Tj", "TJ"):
            strings = [o for o in (instruction.operands[0] if operator == "TJ" else instruction.operands)
                       if isinstance(o, pikepdf.String)]
            data = b"".join(bytes(o) for o in strings)
            codes = {data[i:i + 2] for i in range(0, len(data) - 1, 2)}
            dots, spaces = glyphs.get(font, (set(), set()))
            shown[current] = shown.get(current, True) and bool(codes & dots) and codes <= dots | spaces
    return {mcid for mcid, only_dots in shown.items() if only_dots}


# How WeasyPrint (pydyf) opens a tagged run of content: "/TAG <</MCID n>> BDC", with newlines between the three.
_TAGGED = re.compile(rb"/[A-Za-z0-9]+\s*<</MCID (\d+)>>\s*BDC")


def _artifacts_in_bytes(book: pikepdf.Pdf, page: pikepdf.Page, furniture: set[int]) -> bool:
    """Turn the runs of `furniture` into artifacts in the page's content bytes, without parsing the stream (most of
    a 2,000-page book's pages carry a running head); False, nothing changed, when the stream is not as WeasyPrint
    writes it (then the caller parses it)."""
    contents = page.obj.get("/Contents")
    if not isinstance(contents, pikepdf.Stream):
        return False
    data = contents.read_bytes()
    found: set[int] = set()

    def artifact(match: re.Match) -> bytes:
        mcid = int(match.group(1))
        if mcid not in furniture:
            return match.group(0)
        found.add(mcid)
        return b"/Artifact <</Type /Pagination>> BDC"

    rewritten = _TAGGED.sub(artifact, data)
    if found != furniture:
        return False
    page.obj.Contents = book.make_stream(rewritten)
    return True


def mark_furniture(book: pikepdf.Pdf, page: pikepdf.Page, elements: Array, tree: set[tuple[int, int]]) -> None:
    """Turn the page's marked content whose elements lie outside the tree (running heads; `tree` is
    tree_elements), and the dot leaders of its contents lines, into artifacts; `elements` is the page's
    parent-tree array (marked-content id -> element), changed in place, and a leader's id leaves its element."""
    furniture = {mcid for mcid, element in enumerate(elements)
                 if isinstance(element, pikepdf.Dictionary) and element.objgen not in tree}
    has_links = "/Annots" in page.obj  # only a contents page draws leaders: no other page is parsed for them
    if not furniture and not has_links:
        return
    if not has_links and _artifacts_in_bytes(book, page, furniture):
        for mcid in furniture:
            elements[mcid] = None
        return
    parsed = pikepdf.parse_content_stream(page)
    leaders = _leaders(parsed, page) if has_links else set()
    furniture |= leaders
    if not furniture:
        return
    instructions = []
    for instruction in parsed:
        if instruction.operator == BDC and len(instruction.operands) == 2:
            properties = instruction.operands[1]
            if isinstance(properties, pikepdf.Dictionary) and int(properties.get("/MCID", -1)) in furniture:
                instruction = pikepdf.ContentStreamInstruction([Name.Artifact, PAGINATION], BDC)
        instructions.append(instruction)
    page.obj.Contents = book.make_stream(pikepdf.unparse_content_stream(instructions))
    for mcid in leaders:
        element = elements[mcid]
        if isinstance(element, pikepdf.Dictionary):
            element.K = Array([k for k in element.K if not (isinstance(k, int) and k == mcid)])
            if not len(element.K) and "/P" in element:  # the leader's own element, now empty, goes too
                element.P.K = Array([k for k in element.P.K
                                     if not (isinstance(k, pikepdf.Dictionary) and k.objgen == element.objgen)])
    for mcid in furniture:
        elements[mcid] = None
