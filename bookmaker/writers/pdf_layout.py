"""Documents of a RenderedBook -> a laid-out piece: WeasyPrint's PDF of those pages and what composing them needs.

A book's PDF is composed of pieces (bookmaker.writers.pdf plans them, pdf_compose joins them): each story's
body is laid out once -- in parts, in parallel, when it is long -- and serves both its own book and the
anthology. Within a piece WeasyPrint does everything the stylesheet asks (running heads, breaks,
hyphenation) except the folios: their number depends on where the piece lands in the book, so the piece
only records which of its pages carry one, and the composer stamps them. A later part of a body may land
on either hand; its running heads are stamped too (see Piece.heads). Contents pages get their page numbers
as text (data-page), computed by the planner.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from functools import lru_cache
from html import escape
from pathlib import Path

import pydyf
import pyphen
from lxml import etree
from lxml import html as lxml_html

from bookmaker.errors import BuildError
from bookmaker.fetcher import StylesFetcher
from bookmaker.render.book import Document, RenderedBook
from bookmaker.writers.pdf_continued import continued_depths
from bookmaker.writers.pdf_finish import finish_layer, finish_piece
from bookmaker.writers.folio_chunks import folio_chunk_range, folio_chunks_for
from bookmaker.writers.pdf_piece import Piece

FONT_FACES = "fonts/fonts.css"  # @font-face rules of the vendored book face, beside its files in styles/
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PX_TO_PT = 0.75  # WeasyPrint lays out in CSS pixels; PDF user space is in points
FOLIO_BOXES = ("@top-left", "@top-right")  # where book.css prints the page number (outer corner of the head)
HEAD_BOX = "@top-center"  # where it prints the running head

# Tagged PDF (a structure tree for screen readers and reflow): +3% to +13% CPU time per seed, +11% for all
# five (min of 7 runs each), inside the project's 20% budget. Tags without the pdf/ua-1 variant: that
# variant costs the same but writes an XMP packet naming WeasyPrint as producer and claims a conformance
# nothing here verifies.
PDF_TAGS = True


def _page_references(self) -> tuple:
    """pydyf rebuilds the list of every page each time a tagged element asks for it (quadratic in pages: 12 s
    on a 2,000-page book); the list only changes when a page is added, so it is kept until then."""
    kids = self.pages["Kids"]
    cached = self.__dict__.get("_bookmaker_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        self.__dict__["_bookmaker_page_references"] = cached
    return cached[1]


pydyf.PDF.page_references = property(_page_references)

# English without a region is hyphenated with the US patterns (Liang's, as TeX's): pyphen's "en" is the British
# set, which broke "surroun-ded" and "disab-used". Measured on seed 002 with hyphenate-limit-chars 5 2 3
# (scripts/measure_typesetting.py): lines with a word space over twice the natural one, 3.0% -> 2.2%.
pyphen.LANGUAGES["en"] = pyphen.LANGUAGES["en_US"]


def _plain_html(element: etree._Element) -> None:
    """Strip the XHTML namespace and foreign attributes (epub:type) so the tree serializes as plain HTML."""
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        node.tag = etree.QName(node).localname
        for name in list(node.attrib):
            if name == XML_LANG:
                node.set("lang", node.attrib.pop(name))
            elif name.startswith("{"):
                del node.attrib[name]
    etree.cleanup_namespaces(element)


# A token longer than this (a pasted URL, a keyboard smash) gets a zero-width break opportunity every
# LONG_TOKEN characters. `overflow-wrap: break-word` alone would keep it on the page, but WeasyPrint tries
# every break point of an unbroken word in turn: a 100,000-character word took over five minutes.
LONG_TOKEN = 40
_LONG_TOKEN = re.compile(r"\S{%d,}" % (2 * LONG_TOKEN))


def _breakable(text: str | None) -> str | None:
    if not text or len(text) < 2 * LONG_TOKEN:
        return text
    return _LONG_TOKEN.sub(lambda m: "\u200b".join(m.group(0)[i:i + LONG_TOKEN]
                                                    for i in range(0, len(m.group(0)), LONG_TOKEN)), text)


def anchor(name: str) -> str:
    """The id of the <div> that wraps the document `name` in the laid-out HTML."""
    return f"doc-{name}"


def link_target(href: str, names: set[str]) -> str:
    """'chapter-002.xhtml#x' -> 'x' and 'chapter-002.xhtml' -> 'doc-chapter-002.xhtml' (the name of its
    destination in the PDF); '' for a link outside the book."""
    target, _, fragment = href.partition("#")
    if target not in names:
        return ""
    return fragment or anchor(target)


def assemble(book: RenderedBook, documents: list[Document] | None = None, pages: dict[str, int] | None = None,
             openers: set[str] = frozenset()) -> str:
    """Documents of the book (all but the cover, by default) -> one HTML document in reading order.

    Each document becomes a <div class="document"> carrying what the EPUB's spine and nav know (kind, label,
    language) and the running title of its pages; links between documents become links inside the PDF.
    `pages` gives the page number printed after each contents entry (by link target); a document named in
    `openers` begins on a right-hand page, as the first page of a piece.
    """
    documents = [doc for doc in (book.documents if documents is None else documents) if doc.kind != "cover"]
    names = {doc.name for doc in book.documents}
    labels = _nav_labels(book)
    root = etree.Element("html", lang=book.meta.language or "en")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "meta", charset="utf-8")
    etree.SubElement(head, "title").text = book.display_title or book.meta.title or ""
    body = etree.SubElement(root, "body")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    for doc in documents:
        try:
            tree = etree.fromstring(doc.xhtml.encode("utf-8"), parser)
        except etree.XMLSyntaxError as error:  # the renderer's output, so a bug rather than a user error
            raise BuildError(f"{doc.name} is not well-formed XHTML: {error}") from error
        source_body = tree.find(f"{{{XHTML}}}body")
        if source_body is None:
            source_body = tree.find("body")
        lang = tree.get(XML_LANG) or tree.get("lang") or book.meta.language or "en"
        wrapper = etree.SubElement(body, "div", {"id": anchor(doc.name), "lang": lang})
        for name, value in source_body.attrib.items():
            wrapper.set(name, value)
        classes = ["document", source_body.get("class", ""), "opener" if doc.name in openers else ""]
        wrapper.set("class", " ".join(c for c in classes if c))
        wrapper.set("data-kind", doc.kind)
        for name, value in _head_attributes(book, labels, doc).items():
            wrapper.set(name, value)
        wrapper.text = source_body.text
        for child in list(source_body):
            wrapper.append(child)
    _plain_html(root)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        href = element.get("href")
        if href is not None:
            target = link_target(href, names)
            if target:
                element.set("href", f"#{target}")
                if pages is not None:
                    element.set("data-page", str(pages.get(target, "")))
        element.text, element.tail = _breakable(element.text), _breakable(element.tail)
    return lxml_html.tostring(root, method="html", encoding="unicode", doctype="<!DOCTYPE html>")


def _head_attributes(book: RenderedBook, labels: dict[str, str], doc: Document) -> dict[str, str]:
    """What book.css's string-set reads for a document's running heads: data-title (right-hand pages: its label
    in the nav) and data-book-title (left-hand pages: the book's title, or its story's in an anthology)."""
    return {"data-title": labels.get(doc.name, doc.title),
            "data-book-title": doc.running_title or book.display_title or book.meta.title or ""}


def _nav_labels(book: RenderedBook) -> dict[str, str]:
    """Document name -> its label in the nav (the running head of its right-hand pages)."""
    found: dict[str, str] = {}

    def walk(entries) -> None:
        for entry in entries:
            found.setdefault(entry.href.partition("#")[0], entry.title)
            walk(entry.children)

    walk(book.toc)
    return found


@lru_cache(maxsize=4)
def stylesheets(stylesheet: Path, mtime: float, extra_css: str):
    """(font configuration, parsed stylesheets, fetcher), once per worker process: parsing the CSS and
    converting the WOFF fonts cost about 0.1 s a book, and every piece of a build uses the same ones."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    styles = stylesheet.parent
    fetcher = StylesFetcher(styles)  # story text never fetches anything; only styles/ is readable
    font_config = FontConfiguration()  # @font-face rules apply only through a FontConfiguration
    faces = styles / FONT_FACES
    with _fixed_font_dates():
        sheets = [
            *([CSS(filename=str(faces), url_fetcher=fetcher, font_config=font_config)] if faces.is_file() else []),
            CSS(filename=str(stylesheet), url_fetcher=fetcher, font_config=font_config),
            CSS(string=extra_css, base_url=styles.as_uri() + "/", url_fetcher=fetcher, font_config=font_config),
        ]
    return font_config, sheets, fetcher


FONT_DATE_EPOCH = "946684800"  # 2000-01-01: the date written into every font the books embed


@contextmanager
def _fixed_font_dates():
    """WeasyPrint (70) saves each @font-face font again with fontTools, which stamps it with SOURCE_DATE_EPOCH,
    else the clock: without a fixed date no two builds of a book are the same bytes. Always this date, even when
    the user set one for the books: the fonts are converted once a process (stylesheets()), so a worker serving
    several builds (a Dask worker, a test session) would otherwise embed the first build's date in every later one."""
    user = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FONT_DATE_EPOCH
    try:
        yield
    finally:
        if user is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = user


def _render(html: str, stylesheet: Path, extra_css: str):
    """HTML -> a laid-out weasyprint Document, styled by book.css and the options' CSS."""
    from weasyprint import HTML

    stylesheet = stylesheet.resolve()
    font_config, sheets, fetcher = stylesheets(stylesheet, stylesheet.stat().st_mtime, extra_css)
    base = stylesheet.parent.as_uri() + "/"
    return HTML(string=html, base_url=base, url_fetcher=fetcher).render(stylesheets=sheets, font_config=font_config)


def _take_boxes(document, keywords: tuple[str, ...]) -> list[bool]:
    """Which pages the stylesheet gives one of these margin boxes; they are removed, not drawn: the composer
    prints what the page shows in the whole book (its number; its running head, once it knows the hand)."""
    found = []
    for page in document.pages:
        box = page._page_box  # noqa: SLF001 - WeasyPrint draws a page from its page box; no public hook
        kept = [child for child in box.children if getattr(child, "at_keyword", None) not in keywords]
        found.append(len(kept) != len(box.children))
        box.children = kept
    return found


# The running-head layer of an either-hand piece: per document, a right-hand page showing its head and a
# left-hand page showing the book's title; no folio.
HEADS_CSS = ("@page :left { @top-left { content: none; } } @page :right { @top-right { content: none; } } "
             ".head { break-before: page; string-set: book-title attr(data-book-title), chapter-title attr(data-title); }"
             ".back { break-before: page; }")


def _heads_layer(book: RenderedBook, documents: list[Document], extra_css: str) -> tuple[bytes, float]:
    """The head layer of an either-hand piece -> (its PDF, how far a left-hand page's text sits right of a
    right-hand page's, in points)."""
    labels = _nav_labels(book)
    parts = []
    for doc in documents:
        attributes = {"class": "head", **_head_attributes(book, labels, doc)}
        parts.append(lxml_html.tostring(etree.Element("div", attributes), encoding="unicode") + "<div class='back'></div>")
    lang = escape(book.meta.language or "en", quote=True)
    html = f"<!DOCTYPE html><html lang='{lang}'><body>{''.join(parts)}</body></html>"
    document = _render(html, Path(book.stylesheet), extra_css + "\n" + HEADS_CSS)
    right, left = document.pages[0]._page_box, document.pages[1]._page_box  # noqa: SLF001
    with _fixed_font_dates():
        return finish_layer(document.write_pdf(pdf_tags=False)), (left.margin_left - right.margin_left) * PX_TO_PT


def lay_out(book: RenderedBook, documents: list[Document], extra_css: str, pages: dict[str, int] | None = None,
            openers: set[str] = frozenset(), foreign: set[str] = frozenset(), either_hand: bool = False,
            html: str | None = None) -> Piece:
    """Lay `documents` out on their own pages -> a Piece (PDF bytes, where each document begins, folio pages).

    `foreign` names link targets in other pieces: the contents links to them are kept, as named destinations
    the composer defines. `either_hand`: the piece may begin on a left-hand page (see Piece.heads). `html`: the
    documents assembled already (assemble(book, documents, pages, openers)).
    """
    document = _render(html or assemble(book, documents, pages, openers), Path(book.stylesheet), extra_css)
    if not document.pages:
        raise BuildError("the layout engine produced no page")
    found: dict[str, tuple[int, float]] = {}  # anchor -> (page, top in points), its first occurrence
    for number, page in enumerate(document.pages):
        for name, (_, y, _, _) in page.anchors.items():
            found.setdefault(name, (number, (page.height - y) * PX_TO_PT))
    starts = [found.get(anchor(doc.name), (0, 0.0)) for doc in documents]
    if foreign:  # a link WeasyPrint cannot resolve is dropped, with an error logged: give it a stand-in anchor
        document.pages[-1].anchors.update({name: (0, 0, 0, 0) for name in foreign})
    folios = _take_boxes(document, FOLIO_BOXES)
    piece = Piece(pdf=b"", names=[doc.name for doc in documents], starts=starts, folios=folios)
    if either_hand:
        has_head = _take_boxes(document, (HEAD_BOX,))
        firsts = [start for start, _ in starts]
        piece.heads = [max(i for i, first in enumerate(firsts) if first <= number) if head else -1
                       for number, head in enumerate(has_head)]
        piece.head_pdf, piece.shift = _heads_layer(book, documents, extra_css)
    with _fixed_font_dates():  # a subset of an emoji or variable font is saved again by fontTools
        data = document.write_pdf(pdf_tags=PDF_TAGS)
    # A paragraph split by a page break is one P, not one a page; running heads and leaders are artifacts.
    piece.pdf = finish_piece(data, continued_depths(document)) if PDF_TAGS else finish_layer(data)
    return piece


# The folio layer shows nothing but the page number: no running head on either hand.
FOLIO_CSS = ("@page :left { @top-center { content: none; } } @page :right { @top-center { content: none; } } "
             ".folio { break-before: page; }")
_folio_chunks: dict[tuple[str, Path, int], bytes] = {}  # (options CSS, stylesheet, chunk) -> its PDF (folio_chunks.py)


def provide_folio_chunk(extra_css: str, stylesheet: Path, chunk: int, data: bytes) -> None:
    """Take a chunk of the folio layer laid out by another process (or kept on disk by the build)."""
    _folio_chunks[(extra_css, stylesheet, chunk)] = data


def folio_chunk(extra_css: str, stylesheet: Path, chunk: int) -> bytes:
    """One chunk of the folio layer: a PDF of empty pages, page n of its range showing only its folio n where
    book.css prints it (left- or right-hand). Kept per process; about 3 ms a page."""
    key = (extra_css, stylesheet, chunk)
    if key not in _folio_chunks:
        pages = folio_chunk_range(chunk)
        html = "<!DOCTYPE html><html lang='en'><body>" + "<div class='folio'></div>" * len(pages) + "</body></html>"
        start = f"@page :first {{ counter-set: page {pages.start}; }}"  # touched, the page counter is not incremented
        document = _render(html, stylesheet, extra_css + "\n" + FOLIO_CSS + "\n" + start)
        with _fixed_font_dates():
            _folio_chunks[key] = finish_layer(document.write_pdf(pdf_tags=False))
    return _folio_chunks[key]


def folio_layer(extra_css: str, stylesheet: Path, count: int) -> list[bytes]:
    """The folio layer of a book of `count` pages: its chunks in order (folio_chunk_range says which pages each
    holds). Untagged: the composer marks it an artifact."""
    return [folio_chunk(extra_css, stylesheet, chunk) for chunk in folio_chunks_for(count)]
