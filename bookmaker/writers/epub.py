"""EPUB writer: a RenderedBook -> a reproducible EPUB 3 file (with an EPUB 2 NCX), packaged by ebooklib.

Documents go in as they were rendered (ebooklib's EpubHtml would re-parse each page, drop the
<body> attributes and rebuild the <head>, so they are added as plain XHTML items). ebooklib writes
the package, nav and NCX; the zip is then rewritten with a fixed entry order and fixed timestamps.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import zipfile
from datetime import datetime
from pathlib import Path

import tinycss2
from ebooklib import epub

from bookmaker import __version__
from bookmaker.atomic import write_bytes_atomic
from bookmaker.errors import BuildError
from bookmaker.render.book import Options, RenderedBook, TocEntry
from bookmaker.render.labels import labels_for
from bookmaker.render.scripts import RTL_LANGUAGES
from bookmaker.writers import epub_package
from bookmaker.writers.epub_package import add_creators

NAME = "epub"
SUFFIX = ".epub"

_MEDIA_TYPES = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf",
                ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml",
                ".gif": "image/gif", ".webp": "image/webp"}
# Landmark types that mean the same in the EPUB 3 landmarks nav and the EPUB 2 guide: ebooklib writes
# both from one list, so a type valid in only one of them ("titlepage" / "title-page") is left out.
_LANDMARKS = {"cover": "cover", "toc": "toc", "bodymatter": "text"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)""")
_W3CDTF = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?)?)?$")
ACCESSIBILITY_SUMMARY = (
    "This publication is text with a cover image. It has a table of contents, landmarks and headings for "
    "navigation, its reading order follows the story, and the cover image has a text alternative that "
    "repeats the title and author. The stylesheet uses relative sizes so reading systems can change the "
    "font and text size."
)


def _reader_css(css: str) -> str:
    """The stylesheet without its print-only rules (top-level `@page` and `@media print`).

    An e-reader never applies them, and EPUBCheck's CSS parser rejects @page margin boxes
    (`@top-center { ... }`) with an error, so the EPUB carries the shared rules only.
    """
    kept = []
    for rule in tinycss2.parse_stylesheet(css):
        if rule.type == "at-rule":
            keyword = rule.lower_at_keyword
            media = tinycss2.serialize(rule.prelude).strip().lower()
            if keyword == "page" or (keyword == "media" and media == "print"):
                continue
        kept.append(rule)
    return tinycss2.serialize(kept).strip() + "\n"


def _css_resources(stylesheet: Path, css: str) -> list[tuple[str, Path]]:
    """Files the stylesheet refers to with url(...), as (path relative to the stylesheet, file)."""
    found = []
    for ref in _CSS_URL.findall(css):
        if ref.startswith(("data:", "#")) or "://" in ref:
            continue
        file = (stylesheet.parent / ref).resolve()
        if not file.is_file():
            raise BuildError(f"{stylesheet.name} refers to {ref}, which does not exist")
        found.append((ref, file))
    return found


def _links(entries: list[TocEntry], counter: list[int]) -> list:
    """TocEntry tree -> ebooklib's toc: Link for a leaf, (Link, children) for a branch."""
    items = []
    for entry in entries:
        counter[0] += 1
        link = epub.Link(entry.href, entry.title, f"nav-{counter[0]}")
        items.append((link, _links(entry.children, counter)) if entry.children else link)
    return items


def _series(package: epub.EpubBook, series: list) -> None:
    """Each series as EPUB 3's collection (with its position), the first also as calibre's series, which calibre,
    Kobo and KOReader read."""
    for number, entry in enumerate(series, start=1):
        package.add_metadata(None, "meta", entry.title, {"property": "belongs-to-collection", "id": f"series-{number}"})
        package.add_metadata(None, "meta", "series", {"refines": f"#series-{number}", "property": "collection-type"})
        if entry.position:
            package.add_metadata(None, "meta", str(entry.position),
                                 {"refines": f"#series-{number}", "property": "group-position"})
    if series:
        package.add_metadata(None, "meta", "", {"name": "calibre:series", "content": series[0].title})
        if series[0].position:
            package.add_metadata(None, "meta", "", {"name": "calibre:series_index", "content": str(series[0].position)})


def _package(book: RenderedBook) -> epub.EpubBook:
    meta = book.meta
    lang = meta.language or "en"
    labels = labels_for(lang)
    package = epub.EpubBook()
    # ebooklib's generator meta names ebooklib; name the tool that made the book instead.
    package.metadata[epub.NAMESPACES["OPF"]]["generator"] = [
        ("", {"name": "generator", "content": f"bookmaker {__version__}"})]
    package.set_identifier(book.identifier)
    package.set_title(book.display_title)
    package.set_language(lang)  # without it there is no dc:language
    if lang.split("-")[0].lower() in RTL_LANGUAGES:  # pages turn right to left: the spine says so
        package.set_direction("rtl")
    add_creators(package, book.creators)
    if meta.summary:
        package.add_metadata("DC", "description", meta.summary)
    for tag in meta.tags:
        package.add_metadata("DC", "subject", tag)
    if meta.source and "://" in meta.source:  # a file name ("002_da42a1dd7f11f69f.txt") is no source to cite
        package.add_metadata("DC", "source", meta.source)
    if meta.date and _W3CDTF.match(meta.date):
        package.add_metadata("DC", "date", meta.date)
    if meta.rights:
        package.add_metadata("DC", "rights", meta.rights)
    if meta.url and not (meta.source and "://" in meta.source):
        package.add_metadata("DC", "source", meta.url)
    _series(package, meta.series)
    for prop, value in [
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "visual"),  # the cover image
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityFeature", "readingOrder"),
        ("schema:accessibilityFeature", "alternativeText"),
        ("schema:accessibilityFeature", "displayTransformability"),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", ACCESSIBILITY_SUMMARY),
        ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"),
        ("a11y:certifiedBy", f"bookmaker {__version__} (automated, self-declared)"),
    ]:
        package.add_metadata(None, "meta", value, {"property": prop})

    package.set_cover(book.cover_name, book.cover_png, create_page=False)
    css = _reader_css(book.stylesheet.read_text(encoding="utf-8"))
    package.add_item(epub.EpubItem(uid="css", file_name="css/book.css", media_type="text/css",
                                   content=css.encode("utf-8")))
    packed = {"css/book.css"}
    resources = _css_resources(book.stylesheet, css) + [(f"fonts/{font.name}", font) for font in book.fonts]
    for number, (ref, file) in enumerate(resources, start=1):
        name = os.path.normpath(f"css/{ref}").replace(os.sep, "/")
        if name in packed:
            continue
        packed.add(name)
        package.add_item(epub.EpubItem(uid=f"res-{number}", file_name=name, content=file.read_bytes(),
                                       media_type=_MEDIA_TYPES.get(file.suffix.lower(), "application/octet-stream")))

    spine = []
    for doc in book.documents:
        item = epub.EpubItem(uid=doc.name.removesuffix(".xhtml"), file_name=doc.name,
                             media_type="application/xhtml+xml", content=doc.xhtml.encode("utf-8"))
        package.add_item(item)
        spine.append(item)
        if doc.landmark in _LANDMARKS:
            package.guide.append({"href": doc.name, "title": doc.title, "type": _LANDMARKS[doc.landmark]})
    package.spine = spine

    toc = book.toc
    if not toc:  # an empty toc gives an invalid NCX and nav: list the first page after the cover
        first = next((d for d in book.documents if d.kind != "cover"), book.documents[0])
        toc = [TocEntry(first.title, first.name)]
    package.toc = _links(toc, [0])
    package.add_item(epub.EpubNcx())
    nav = epub.EpubNav(title=labels.contents)
    nav.add_link(href="css/book.css", rel="stylesheet", type="text/css")
    package.add_item(nav)
    return package


def _zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    return (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)


def _rewrite_zip(raw: io.BytesIO, out: io.BytesIO, moment: datetime) -> None:
    """Copy the zip with mimetype first and stored, the container and package next, fixed times and modes."""
    with zipfile.ZipFile(raw) as source:
        names = source.namelist()
        data = {name: source.read(name) for name in names}
    first = ["mimetype", "META-INF/container.xml"] + [n for n in names if n.endswith(".opf")]
    order = first + [n for n in names if n not in first]
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=_zip_time(moment))
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = 0o100644 << 16
            stored = name == "mimetype"  # OCF: the first entry, uncompressed, no extra field
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            target.writestr(info, data[name], compresslevel=None if stored else 9)


def write(book: RenderedBook, path: Path, options: Options | None = None) -> None:
    """Write `book` to `path` as EPUB 3; the file appears complete or not at all (temporary file + rename)."""
    raw = io.BytesIO()
    writer_options = {
        "raise_exceptions": True,  # otherwise write_epub swallows the error and returns False
        "mtime": book.modified,  # dcterms:modified
        "epub3_pages": False,
        "landmark_title": labels_for(book.meta.language or "en").landmarks,
    }
    # what epub.write_epub does, but see finally; the writer adds the package's xml:lang and the NCX depth
    writer = epub_package.Writer(raw, _package(book), writer_options, book.meta.language or "en")
    try:
        writer.process()
        writer.write()
    except OSError as error:
        raise BuildError(f"cannot package the EPUB: {error}", str(path)) from error
    finally:
        # A failed write leaves ebooklib's zip open; closed by the garbage collector later, it writes into a
        # buffer gone by then and raises in whatever code happens to be running.
        zipped = getattr(writer, "out", None)
        if zipped is not None and zipped.fp is not None:
            with contextlib.suppress(Exception):
                zipped.close()
    out = io.BytesIO()
    _rewrite_zip(raw, out, book.modified)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(Path(path), out.getvalue())
