"""PDF writer: a RenderedBook -> a print-ready PDF, laid out by WeasyPrint from the same XHTML and stylesheet.

The writer only packages: the bodies of the book's XHTML documents become one HTML document in reading
order, each wrapped in a <div class="document"> that carries what the EPUB's spine and nav know (kind,
label, language); links between documents become links inside it. Everything visual lives in
styles/book.css (its print section); the options add one CSS string (page size, right-hand chapters).
"""

from __future__ import annotations

import hashlib
import math
import re
from functools import lru_cache
from pathlib import Path

import pydyf
from lxml import etree
from lxml import html as lxml_html

from bookmaker import __version__
from bookmaker.atomic import write_bytes_atomic
from bookmaker.errors import BuildError
from bookmaker.fetcher import StylesFetcher
from bookmaker.render.book import RenderedBook, TocEntry

NAME = "pdf"
FONT_FACES = "fonts/fonts.css"  # @font-face rules of the vendored book face, beside its files in styles/
SUFFIX = ".pdf"

XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Page sizes by name, in inches; WIDTHxHEIGHT gives any other. The default is US digest (5.5 x 8.5 in),
# a common trade paperback, for which book.css's print rules are drawn.
DEFAULT_PAGE_SIZE = "5.5in 8.5in"
NAMED_SIZES = {"a4": (8.27, 11.69), "a5": (5.83, 8.27), "a6": (4.13, 5.83), "b5": (6.93, 9.84),
               "letter": (8.5, 11.0), "digest": (5.5, 8.5)}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(in|mm|cm|pt)?(?:\s*[x×]\s*|\s+)(\d+(?:\.\d+)?)\s*(in|mm|cm|pt)?\s*$", re.I)
_INCHES = {"in": 1.0, "mm": 1 / 25.4, "cm": 1 / 2.54, "pt": 1 / 72}

# The print rules' type and margins (book.css) are drawn for the default trim. On a wider page the text
# would run to 90+ characters a line, which no typesetter accepts: the type grows a little (up to 12pt)
# and the margins take the rest, keeping the measure under about 34em (some 66 characters).
BASE_WIDTH, BASE_HEIGHT, BASE_FONT_PT = 5.5, 8.5, 10.5
BASE_MARGINS = {"top": 0.7, "bottom": 0.75, "outer": 0.6, "inner": 0.75}  # inches, as in book.css
MAX_MEASURE_EM = 34

# Tagged PDF (a structure tree for screen readers and reflow): +3% to +13% CPU time per seed, +11% for all
# five (min of 7 runs each), inside the project's 20% budget. Tags without the pdf/ua-1 variant: that
# variant costs the same but writes an XMP packet naming WeasyPrint as producer and claims a conformance
# nothing here verifies.
PDF_TAGS = True


def page_size(text: str | None) -> tuple[str, float, float]:
    """A --page-size value ("A5", "6x9", "148mmx210mm", "5.5x8.5in") -> (CSS `size` value, width and height in inches).

    BuildError when the value is not a size or a side is outside 2-20 inches.
    """
    if not text or not text.strip():
        return DEFAULT_PAGE_SIZE, BASE_WIDTH, BASE_HEIGHT
    named = NAMED_SIZES.get(text.strip().lower())
    if named:
        return f"{named[0]}in {named[1]}in", *named
    match = _SIZE.match(text)
    if not match:
        raise BuildError(f"page size {text!r} is not one of {', '.join(sorted(NAMED_SIZES))} or WIDTHxHEIGHT (6x9, 148mmx210mm)")
    width, width_unit, height, height_unit = match.groups()
    width_unit = (width_unit or height_unit or "in").lower()  # "5.5x8.5in": the one unit is for both
    height_unit = (height_unit or width_unit).lower()
    inches = float(width) * _INCHES[width_unit], float(height) * _INCHES[height_unit]
    if not all(2 <= side <= 20 for side in inches):  # margins and running heads need room; beyond 20in is a poster
        raise BuildError(f"page size {text!r}: each side must be between 2 and 20 inches")
    return f"{width}{width_unit} {height}{height_unit}", *inches


def options_css(options) -> str:
    """The build options -> the one CSS string laid over book.css (page size, type and margins for it, right-hand chapters)."""
    size, width, height = page_size(getattr(options, "page_size", None))
    rules = [f"@page {{ size: {size}; }}"]
    if (width, height) != (BASE_WIDTH, BASE_HEIGHT):
        # Type grows (or shrinks) gently with the page; margins keep their proportions, and on a wide page
        # they take whatever the measure cannot use. The gutter stays 5/4 of the outer margin.
        font = min(12.0, max(10.0, round(BASE_FONT_PT * math.sqrt(width / BASE_WIDTH) * 2) / 2))
        sides = (BASE_MARGINS["outer"] + BASE_MARGINS["inner"]) * min(1.0, width / BASE_WIDTH)
        measure = min(width - sides, MAX_MEASURE_EM * font / 72)
        outer = (width - measure) * BASE_MARGINS["outer"] / (BASE_MARGINS["outer"] + BASE_MARGINS["inner"])
        inner = width - measure - outer
        top, bottom = (BASE_MARGINS[k] * height / BASE_HEIGHT for k in ("top", "bottom"))
        rules += [
            f"html, body {{ font-size: {font:g}pt; }}",
            f"@page {{ margin-top: {top:.2f}in; margin-bottom: {bottom:.2f}in; }}",
            f"@page :left {{ margin-left: {outer:.2f}in; margin-right: {inner:.2f}in; }}",
            f"@page :right {{ margin-left: {inner:.2f}in; margin-right: {outer:.2f}in; }}",
        ]
    if getattr(options, "right_hand_chapters", False):
        rules.append('.document[data-kind="chapter"], .document[data-kind="part"] { break-before: right; }')
    return "\n".join(rules)


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


def _anchor(name: str) -> str:
    return f"doc-{name}"


def _rewrite_link(href: str, names: set[str]) -> str:
    """'chapter-002.xhtml#x' -> '#x' and 'chapter-002.xhtml' -> '#doc-chapter-002.xhtml'; other links unchanged."""
    target, _, fragment = href.partition("#")
    if target not in names:
        return href
    return f"#{fragment}" if fragment else f"#{_anchor(target)}"


def _toc_levels(entries: list[TocEntry], depth: int = 1, found: dict | None = None) -> dict[str, tuple[int, str]]:
    """Document name -> (depth in the nav, nav label), so the PDF outline nests exactly as the nav does."""
    found = {} if found is None else found
    for entry in entries:
        found.setdefault(entry.href.partition("#")[0], (depth, entry.title))
        _toc_levels(entry.children, depth + 1, found)
    return found


def assemble(book: RenderedBook) -> str:
    """The book's documents (all but the cover image) -> one HTML document in reading order."""
    names = {doc.name for doc in book.documents}
    levels = _toc_levels(book.toc)
    root = etree.Element("html", lang=book.meta.language or "en")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "meta", charset="utf-8")
    etree.SubElement(head, "title").text = book.display_title or book.meta.title or ""
    body = etree.SubElement(root, "body")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    for doc in book.documents:
        if doc.kind == "cover":
            continue
        try:
            tree = etree.fromstring(doc.xhtml.encode("utf-8"), parser)
        except etree.XMLSyntaxError as error:  # the renderer's output, so a bug rather than a user error
            raise BuildError(f"{doc.name} is not well-formed XHTML: {error}") from error
        source_body = tree.find(f"{{{XHTML}}}body")
        if source_body is None:
            source_body = tree.find("body")
        lang = tree.get(XML_LANG) or tree.get("lang") or book.meta.language or "en"
        wrapper = etree.SubElement(body, "div", {"id": _anchor(doc.name), "lang": lang})
        for name, value in source_body.attrib.items():
            wrapper.set(name, value)
        wrapper.set("class", " ".join(["document", source_body.get("class", "")]).strip())
        wrapper.set("data-kind", doc.kind)
        level, label = levels.get(doc.name, (None, doc.title))
        wrapper.set("data-title", label)  # read by bookmark-label and string-set in the print rules
        if level is not None:
            wrapper.set("data-toc-level", str(level))
        wrapper.text = source_body.text
        for child in list(source_body):
            wrapper.append(child)
    _plain_html(root)
    for element in root.iter():
        href = element.get("href") if isinstance(element.tag, str) else None
        if href is not None:
            element.set("href", _rewrite_link(href, names))
        if isinstance(element.tag, str):
            element.text, element.tail = _breakable(element.text), _breakable(element.tail)
    return lxml_html.tostring(root, method="html", encoding="unicode", doctype="<!DOCTYPE html>")


def _w3c(book: RenderedBook) -> str:
    return book.modified.strftime("%Y-%m-%dT%H:%M:%SZ")


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


def _finisher(document, pdf: pydyf.PDF) -> None:
    """Name bookmaker as the producer and show the title, not the file name, in viewers' title bars."""
    from weasyprint import __version__ as weasyprint_version

    pdf.info["Producer"] = pydyf.String(f"bookmaker {__version__} (WeasyPrint {weasyprint_version})")
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})


@lru_cache(maxsize=4)
def _stylesheets(stylesheet: Path, mtime: float, extra_css: str):
    """(font configuration, parsed stylesheets), once per worker process: parsing the CSS and converting the
    WOFF fonts cost about 0.1 s a book, and every book of a build uses the same ones."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    styles = stylesheet.parent
    fetcher = StylesFetcher(styles)  # story text never fetches anything; only styles/ is readable
    font_config = FontConfiguration()  # @font-face rules apply only through a FontConfiguration
    faces = styles / FONT_FACES
    stylesheets = [
        *([CSS(filename=str(faces), url_fetcher=fetcher, font_config=font_config)] if faces.is_file() else []),
        CSS(filename=str(stylesheet), url_fetcher=fetcher, font_config=font_config),
        CSS(string=extra_css, base_url=styles.as_uri() + "/", url_fetcher=fetcher, font_config=font_config),
    ]
    return font_config, stylesheets, fetcher


def render(book: RenderedBook, options=None):
    """RenderedBook -> a laid-out weasyprint Document with the book's metadata (no file written)."""
    from weasyprint import HTML

    stylesheet = Path(book.stylesheet).resolve()
    styles = stylesheet.parent
    font_config, stylesheets, fetcher = _stylesheets(stylesheet, stylesheet.stat().st_mtime, options_css(options))
    html = HTML(string=assemble(book), base_url=styles.as_uri() + "/", url_fetcher=fetcher)
    document = html.render(stylesheets=stylesheets, font_config=font_config)
    metadata = document.metadata
    metadata.title = book.display_title or book.meta.title
    metadata.authors = [book.display_author or book.meta.author] if (book.display_author or book.meta.author) else []
    metadata.description = book.meta.summary
    metadata.keywords = list(book.meta.tags)
    metadata.lang = book.meta.language or "en"
    metadata.generator = f"bookmaker {__version__}"
    metadata.created = metadata.modified = _w3c(book)
    return document


def write(book: RenderedBook, path: Path, options=None) -> None:
    """Lay the book out and write it to `path` atomically (a temporary file in the same folder, then a rename)."""
    path = Path(path)
    document = render(book, options)
    identifier = hashlib.md5(book.identifier.encode("utf-8")).hexdigest().encode("ascii")  # a stable /ID
    data = document.write_pdf(finisher=_finisher, pdf_identifier=identifier,
                              pdf_tags=getattr(options, "pdf_tags", PDF_TAGS))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot create the folder ({error.strerror})", str(path.parent)) from None
    write_bytes_atomic(path, data)
