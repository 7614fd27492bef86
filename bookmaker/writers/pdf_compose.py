"""Laid-out pieces -> one PDF (bytes): their pages in book order, the book's folios stamped on them, one structure
tree, named destinations for the contents links, the outline (the nav) and the metadata. The pieces and layers come
finished (pdf_finish: furniture marked, ready for print): joining copies them as they are.

pikepdf (qpdf) copies pages between PDFs without re-reading their content: joining a 170-page anthology from its
stories' pieces takes a fraction of a second, where laying those pages out again would take seconds.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, PageLocation

from bookmaker.writers.folio_chunks import chunk_of, folio_chunk_range
from bookmaker.writers.pdf_headings import set_heading_levels
from bookmaker.writers.pdf_piece import Piece

# Folios and running heads stamped here are page furniture: marked so, a screen reader skips them and the
# structure tree does not list them.
FURNITURE = b"q /Artifact <</Type /Pagination>> BDC %s Do EMC Q\n"


@dataclass
class Run:
    """Pages [first, first + count) of a piece, placed in the book."""

    piece: Piece
    first: int
    count: int
    blank_before: bool = False  # a blank left-hand page first, so the run opens on a right-hand page
    start: int = 0  # the book page (0-based) of its first page
    heading_level: int | None = None  # the level of its top headings in this book (None: as laid out)


@dataclass
class Entry:
    """One outline entry: its title, the named destination it opens, its children (the nav's nesting)."""

    title: str
    target: str
    children: list["Entry"] = field(default_factory=list)


@dataclass
class Info:
    title: str | None
    author: str | None
    subject: str | None
    keywords: list[str]
    lang: str
    creator: str
    producer: str
    date: str  # PDF date, "D:20240506070809Z"


def compose(runs: list[Run], destinations: dict[str, tuple[int, float]], outline: list[Entry],
            folio_chunks: list[bytes], folio_pages: set[int], info: Info) -> bytes:
    """Join the runs into one PDF; `destinations` maps a name to (0-based page in the book, top in points);
    `folio_chunks` is the folio layer (pdf_layout.folio_layer)."""
    book = pikepdf.new()
    sources: dict[int, tuple[pikepdf.Pdf, _Tree]] = {}
    document = book.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    # Python lists, made pikepdf arrays once at the end: appending to a pikepdf Array copies it (quadratic in a
    # 2,000-page book: seconds).
    nums: list = []  # the parent tree: page index, its array of elements, ...
    kids: list = []  # the Document's children
    annotation_keys: list[tuple[pikepdf.Object, pikepdf.Object]] = []  # (annotation, its struct element)
    for run in runs:
        if id(run.piece) not in sources:
            sources[id(run.piece)] = _open_detached(run.piece)
        source, tree = sources[id(run.piece)]
        if run.blank_before:
            _blank_page(book, source.pages[run.first].obj)
        run_kids = []
        for number in range(run.first, run.first + run.count):
            book.pages.append(source.pages[number])
            index = len(book.pages) - 1
            page = book.pages[index].obj
            page.StructParents = index
            nums.extend([index, Array([book.copy_foreign(e) if isinstance(e, Dictionary) else e
                                       for e in tree.page_elements.get(number, [])])])
            for element in tree.page_kids.get(number, []):
                copied = book.copy_foreign(element)
                copied.P = document
                kids.append(copied)
                run_kids.append(copied)
            for annotation in page.get("/Annots", []):
                element = tree.annotations.get(annotation.get("/StructParent"))
                if element is not None:
                    annotation_keys.append((annotation, book.copy_foreign(element)))
        if run.heading_level is not None:
            set_heading_levels(run_kids, run.heading_level)
    document.K = Array(kids)
    for key, (annotation, element) in enumerate(annotation_keys, start=len(book.pages)):
        annotation.StructParent = key
        nums.extend([key, element])

    root = book.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array([document]),
                                         ParentTree=book.make_indirect(Dictionary(Nums=Array(nums))),
                                         ParentTreeNextKey=len(book.pages) + len(annotation_keys)))
    document.P = root
    book.Root.StructTreeRoot = root
    book.Root.MarkInfo = Dictionary(Marked=True)
    book.Root.Lang = pikepdf.String(info.lang)
    book.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    _finish_pages(book, runs, folio_chunks, folio_pages)
    _destinations(book, destinations)
    _outline(book, outline, destinations)
    _metadata(book, info)
    out = io.BytesIO()
    book.save(out, deterministic_id=True, compress_streams=True,
              object_stream_mode=pikepdf.ObjectStreamMode.generate, min_version="1.7")
    return out.getvalue()


@dataclass
class _Tree:
    """A piece's structure tree, taken apart by page so each page can bring its own elements along."""

    page_kids: dict[int, list[pikepdf.Object]]  # page -> top-level elements (children of Document) on it
    page_elements: dict[int, pikepdf.Object]  # page -> its ParentTree array (marked content id -> element)
    annotations: dict[int, pikepdf.Object]  # annotation StructParent -> its element


def _blank_page(book: pikepdf.Pdf, like: pikepdf.Dictionary) -> None:
    """A blank page of the same size and boxes as `like`."""
    book.add_blank_page(page_size=(float(like.MediaBox[2]), float(like.MediaBox[3])))
    page = book.pages[-1].obj
    for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
        if box in like:
            page[box] = Array(list(like[box]))


def _open_detached(piece: Piece) -> tuple[pikepdf.Pdf, _Tree]:
    """Open a piece and cut its structure tree from its catalog, so copying a page's elements does not drag the
    whole tree (and every other page) along through the parent links."""
    source = pikepdf.open(io.BytesIO(piece.pdf))
    page_numbers = {page.objgen: number for number, page in enumerate(source.pages)}
    tree = _Tree({}, {}, {})
    root = source.Root.get("/StructTreeRoot")
    if root is not None:
        document = root.K[0] if isinstance(root.K, Array) else root.K
        for kid in document.K:
            number = page_numbers.get(kid.Pg.objgen) if "/Pg" in kid else None
            tree.page_kids.setdefault(number if number is not None else 0, []).append(kid)
            if "/P" in kid:
                del kid["/P"]
        nums = root.ParentTree.Nums
        for value in nums[1::2]:  # cut every chain up to the Document: compose mends them in the book
            for element in value if isinstance(value, Array) else [value]:
                if not isinstance(element, Dictionary):  # a mark of page furniture (pdf_finish): no element
                    continue
                while "/P" in element and element.P.objgen != document.objgen:
                    element = element.P
                if "/P" in element:
                    del element["/P"]
        for key, value in zip(nums[0::2], nums[1::2]):
            if int(key) < len(source.pages):
                tree.page_elements[int(key)] = value
            else:
                tree.annotations[int(key)] = value
        document.K = Array()
        if "/P" in document:
            del document["/P"]
        del source.Root["/StructTreeRoot"]
    return source, tree


def _finish_pages(book: pikepdf.Pdf, runs: list[Run], folio_chunks: list[bytes], folio_pages: set[int]) -> None:
    """Stamp each page's furniture: its folio (page n of the folio layer), and on a page of an either-hand piece
    its running head for the hand it landed on, the page's text moved over if that is not the hand it was laid
    out on (the margins are mirrored)."""
    folios = [pikepdf.open(io.BytesIO(chunk)) for chunk in folio_chunks]
    heads: dict[int, pikepdf.Pdf] = {}
    for run in runs:
        piece = run.piece
        if piece.heads is not None and id(piece) not in heads:
            heads[id(piece)] = pikepdf.open(io.BytesIO(piece.head_pdf))
        for offset in range(run.count):
            number, laid = run.start + offset, run.first + offset  # its page in the book, in the piece
            stamps: list[tuple[str, pikepdf.Object]] = []
            if number in folio_pages:
                chunk = chunk_of(number + 1)
                stamps.append((f"/Folio{number + 1}",  # named, not random: same bytes
                               folios[chunk].pages[number + 1 - folio_chunk_range(chunk).start]))
            shift = 0.0
            if piece.heads is not None:
                right = number % 2 == 0  # the book's first page is a right-hand page
                if piece.heads[laid] >= 0:
                    stamps.append((f"/Head{number + 1}", heads[id(piece)].pages[2 * piece.heads[laid] + (not right)]))
                if right != (laid % 2 == 0):
                    shift = -piece.shift if right else piece.shift
            if stamps or shift:
                _stamp(book, book.pages[number], stamps, shift)


def _stamp(book: pikepdf.Pdf, page: pikepdf.Page, stamps: list[tuple[str, pikepdf.Page]], shift: float) -> None:
    # Each page's own drawing is wrapped in q/Q: WeasyPrint leaves its coordinate flip in force at the end.
    page.contents_add(b"q 1 0 0 1 %.4f 0 cm\n" % shift if shift else b"q\n", prepend=True)
    tail = b"Q\n"
    for name, source in stamps:
        form = book.copy_foreign(source.as_form_xobject())
        page.add_resource(form, Name.XObject, Name(name))
        tail += FURNITURE % name.encode()
    page.contents_add(tail)
    if shift:
        for annotation in page.obj.get("/Annots", []):
            rect = [float(v) for v in annotation.Rect]
            annotation.Rect = Array([rect[0] + shift, rect[1], rect[2] + shift, rect[3]])


def _destinations(book: pikepdf.Pdf, destinations: dict[str, tuple[int, float]]) -> None:
    """The named destinations the contents links point at: /Names /Dests, sorted as a name tree must be."""
    names: list = []  # a list first: extending a pikepdf Array copies it
    for name in sorted(destinations):
        number, top = destinations[name]
        names.extend([pikepdf.String(name), Array([book.pages[number].obj, Name.XYZ, 0, top, 0])])
    book.Root.Names = Dictionary(Dests=book.make_indirect(Dictionary(Names=Array(names))))


def _outline(book: pikepdf.Pdf, entries: list[Entry], destinations: dict[str, tuple[int, float]]) -> None:
    """The PDF outline: the nav's entries, nested as the nav nests them."""

    def item(entry: Entry) -> OutlineItem:
        number, top = destinations.get(entry.target, (0, 0.0))
        made = OutlineItem(entry.title, number, PageLocation.XYZ, left=0, top=top, zoom=0)
        made.children.extend(item(child) for child in entry.children)
        return made

    with book.open_outline() as outline:
        outline.root.extend(item(entry) for entry in entries)
    book.Root.PageMode = Name.UseOutlines


def _metadata(book: pikepdf.Pdf, info: Info) -> None:
    values = {"/Title": info.title, "/Author": info.author, "/Subject": info.subject,
              "/Keywords": ", ".join(info.keywords) or None, "/Creator": info.creator, "/Producer": info.producer,
              "/CreationDate": info.date, "/ModDate": info.date}
    for key, value in values.items():
        if value:
            book.docinfo[key] = pikepdf.String(value)
    # The same in XMP, where PDF/UA readers look for the title and language (dc:title, dc:language). No
    # pdfuaid claim: nothing here validates PDF/UA. Not marked as edited by pikepdf: no clock time in the file.
    with book.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp.load_from_docinfo(book.docinfo)
        xmp["dc:language"] = [info.lang]
