"""An EPUB made by another tool (AO3, FanFicFare, calibre, a publisher) -> a clean story: its spine's XHTML read as
HTML, its package metadata as the book's, its contents (nav or NCX) naming documents that have no heading.

    META-INF/container.xml -> the package (OPF): dc:title, dc:creator, dc:language, dc:description, dc:subject,
                              belongs-to-collection / calibre:series; the spine in reading order
    each spine document    -> its body's text (the HTML text reader); the nav document and the NCX are not text

An AO3 EPUB is the archive's HTML download cut into files: its documents are joined and read by the AO3 reader.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urldefrag

import lxml.html
from lxml import etree

from bookmaker.detect.assemble import paragraph
from bookmaker.model import DetectionSettings, Diagnostic, InfoField, Note, Series
from bookmaker.readers.base import ReadStory, Source, StoryText
from bookmaker.readers.css_emphasis import class_emphasis
from bookmaker.readers.html_text import element_lines, join_lines
from bookmaker.readers.packages import member_names, mimetype, open_archive

MIMETYPE = "application/epub+zip"
_CONTAINER = "META-INF/container.xml"
_NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
       "c": "urn:oasis:names:tc:opendocument:xmlns:container", "ncx": "http://www.daisy.org/z3986/2005/ncx/",
       "xhtml": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
_XHTML_TYPES = ("application/xhtml+xml", "text/html", "application/x-dtbook+xml")
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
_TAGS = re.compile(r"<[^>]+>")


def looks_like_epub(source: Source) -> bool:
    return mimetype(source) == MIMETYPE or _CONTAINER in member_names(source)


def _xml(archive, name: str, source: Source):
    try:
        root = etree.fromstring(archive.read(name), _SAFE_XML)
    except KeyError:
        raise source.fail(f"not a readable EPUB file: {name} is missing") from None
    except (etree.XMLSyntaxError, ValueError) as error:
        raise source.fail(f"not a readable EPUB file ({name}: {error})") from None
    if root is None:
        raise source.fail(f"not a readable EPUB file: {name} is empty")
    return root


def _package_path(archive, source: Source) -> str:
    container = _xml(archive, _CONTAINER, source)
    rootfile = container.find(".//c:rootfile", _NS)
    path = rootfile.get("full-path") if rootfile is not None else None
    if not path:
        raise source.fail("not a readable EPUB file: its container names no package")
    return path


def _metadata(package) -> tuple[dict[str, str], list[Series], list[str]]:
    """The package's metadata -> (fields, series, subjects)."""
    fields: dict[str, str] = {}
    for key, tag in (("title", "title"), ("language", "language"), ("summary", "description"),
                     ("date", "date"), ("rights", "rights")):
        value = package.findtext(f".//dc:{tag}", namespaces=_NS)
        if value and value.strip():
            fields[key] = _TAGS.sub("", value).strip() if key == "summary" else value.strip()
    creators = [c.text.strip() for c in package.iterfind(".//dc:creator", _NS) if c.text and c.text.strip()]
    if creators:
        fields["author"] = ", ".join(creators)
    subjects = [s.text.strip() for s in package.iterfind(".//dc:subject", _NS) if s.text and s.text.strip()]
    series: list[Series] = []
    for meta in package.iterfind(".//opf:meta", _NS):
        if meta.get("property") == "belongs-to-collection" and meta.text and meta.text.strip():
            position = package.xpath(f".//opf:meta[@refines='#{meta.get('id')}'][@property='group-position']",
                                     namespaces=_NS) if meta.get("id") else []
            series.append(Series(meta.text.strip(), _number(position[0].text if position else None)))
    calibre = package.xpath(".//opf:meta[@name='calibre:series']/@content", namespaces=_NS)
    if calibre and not series:
        index = package.xpath(".//opf:meta[@name='calibre:series_index']/@content", namespaces=_NS)
        series.append(Series(calibre[0].strip(), _number(index[0] if index else None)))
    return fields, series, subjects


def _number(text: str | None) -> int | None:
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


def _spine(package, base: str) -> tuple[list[str], set[str]]:
    """The package -> (spine document paths in reading order, paths of the nav and NCX documents)."""
    manifest = {item.get("id"): item for item in package.iterfind(".//opf:manifest/opf:item", _NS)}
    apparatus = {posixpath.normpath(posixpath.join(base, unquote(item.get("href") or "")))
                 for item in manifest.values()
                 if "nav" in (item.get("properties") or "").split() or item.get("media-type") == "application/x-dtbncx+xml"}
    documents = []
    for itemref in package.iterfind(".//opf:spine/opf:itemref", _NS):
        item = manifest.get(itemref.get("idref"))
        if item is None or item.get("media-type") not in _XHTML_TYPES:
            continue
        path = posixpath.normpath(posixpath.join(base, unquote(item.get("href") or "")))
        if path not in apparatus:
            documents.append(path)
    return documents, apparatus


# What another tool put round the story: its cover, title page, contents, colophon. The book makes its own.
_APPARATUS_TYPES = {"cover", "titlepage", "title-page", "toc", "landmarks", "colophon", "copyright-page", "loi",
                    "lot", "imprint"}


def _apparatus_by_guide(archive, package, base: str) -> set[str]:
    """Documents the EPUB 2 guide or the EPUB 3 landmarks call a cover, title page, contents or colophon."""
    found = set()
    for reference in package.iterfind(".//opf:guide/opf:reference", _NS):
        if (reference.get("type") or "").lower() in _APPARATUS_TYPES and reference.get("href"):
            found.add(posixpath.normpath(posixpath.join(base, unquote(urldefrag(reference.get("href"))[0]))))
    for item in package.iterfind(".//opf:manifest/opf:item", _NS):
        if "nav" not in (item.get("properties") or "").split():
            continue
        href = posixpath.normpath(posixpath.join(base, unquote(item.get("href") or "")))
        try:
            nav = lxml.html.document_fromstring(archive.read(href))
        except (KeyError, etree.ParserError, ValueError):
            continue
        for link in nav.xpath("//nav[contains(@*[local-name()='type'], 'landmarks')]//a"):
            kind = (link.get("{http://www.idpf.org/2007/ops}type") or link.get("epub:type") or "").lower()
            if kind in _APPARATUS_TYPES and link.get("href"):
                found.add(posixpath.normpath(posixpath.join(posixpath.dirname(href),
                                                            unquote(urldefrag(link.get("href"))[0]))))
    return found


# What tools call these pages in their contents, and name their files (FanFicFare's title_page.xhtml and
# log_page.xhtml, calibre's titlepage.xhtml): a page so named before the story, or after it, is apparatus.
_APPARATUS_NAME = re.compile(r"^(?:title[ _-]?page|cover|(?:table[ _-]of[ _-])?contents|toc(?:[ _-]page)?|"
                             r"information|log[ _-]?page|update[ _-]?log|copyright|colophon|about[ _-]this[ _-]book)$",
                             re.IGNORECASE)
# `Rating: T`, `Genre: Drama, Mystery` on another tool's title page: the story's information.
_FIELD_LINE = re.compile(r"^(?:<b>)?(?P<label>[A-Z][\w ]{1,30}?):\s*(?:</b>)?\s*(?P<value>\S.*)$")


def _named_apparatus(path: str, toc_title: str | None) -> bool:
    stem = posixpath.splitext(posixpath.basename(path))[0]
    return bool(_APPARATUS_NAME.match(stem) or (toc_title and _APPARATUS_NAME.match(toc_title.strip())))


def _fields(lines) -> list[InfoField]:
    """The `Label: value` lines of a title page -> story information (not the title and author: the book has them)."""
    found = []
    for line in lines:
        match = _FIELD_LINE.match(line.text)
        if match and match.group("label").lower() not in ("title", "author", "by", "summary"):
            found.append(InfoField(match.group("label").strip(), [_TAGS.sub("", match.group("value")).strip()]))
    return found


def _is_apparatus(body) -> bool:
    """A document whose body or first section says it is a cover, title page, contents or colophon."""
    for element in [body, *body.xpath("./*[1]")]:
        kinds = set(" ".join(v for k, v in element.attrib.items() if k.endswith("type")).lower().split())
        role = (element.get("role") or "").removeprefix("doc-")
        if kinds & _APPARATUS_TYPES or role in _APPARATUS_TYPES:
            return True
    return False


def _toc_titles(archive, package, base: str) -> dict[str, str]:
    """Document path -> the title the contents give it (the first entry pointing into it)."""
    titles: dict[str, str] = {}
    for item in package.iterfind(".//opf:manifest/opf:item", _NS):
        href = posixpath.normpath(posixpath.join(base, unquote(item.get("href") or "")))
        here = posixpath.dirname(href)
        try:
            if "nav" in (item.get("properties") or "").split():
                nav = lxml.html.document_fromstring(archive.read(href))
                links = [(a.get("href"), a.text_content()) for a in nav.xpath("//nav//a")]
            elif item.get("media-type") == "application/x-dtbncx+xml":
                ncx = etree.fromstring(archive.read(href), _SAFE_XML)
                links = [(point.find("ncx:content", _NS).get("src"), point.findtext("ncx:navLabel/ncx:text", "", _NS))
                         for point in ncx.iterfind(".//ncx:navPoint", _NS) if point.find("ncx:content", _NS) is not None]
            else:
                continue
        except (KeyError, etree.XMLSyntaxError, etree.ParserError, ValueError):
            continue
        for target, label in links:
            if target and label and label.strip():
                path = posixpath.normpath(posixpath.join(here, unquote(urldefrag(target)[0])))
                titles.setdefault(path, " ".join(label.split()))
    return titles


def _stylesheets(archive, package, base: str) -> str:
    """The text of every stylesheet the package lists (calibre and others set italics by class)."""
    texts = []
    for item in package.iterfind(".//opf:manifest/opf:item", _NS):
        if item.get("media-type") == "text/css":
            try:
                texts.append(archive.read(posixpath.normpath(posixpath.join(base, unquote(item.get("href") or ""))))
                             .decode("utf-8", "replace"))
            except KeyError:
                continue
    return "\n".join(texts)


def _body(archive, path: str, source: Source):
    try:
        data = archive.read(path)
    except KeyError:
        return None
    try:
        parser = lxml.html.HTMLParser(huge_tree=True)  # libxml2 drops text below 256 levels otherwise
        document = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        raise source.fail(f"not a readable EPUB file: {path} is nested deeper than an HTML parser reads")
    return document.find("body") if document.find("body") is not None else document.find(".//{*}body")


def read(source: Source, settings: DetectionSettings = DetectionSettings()) -> ReadStory:
    """An .epub file -> ReadStory: an AO3 EPUB's manuscript, or any other EPUB's text for detection."""
    with open_archive(source, "EPUB") as archive:
        package_path = _package_path(archive, source)
        package = _xml(archive, package_path, source)
        base = posixpath.dirname(package_path)
        fields, series, subjects = _metadata(package)
        documents, _ = _spine(package, base)
        if not documents:
            raise source.fail("not a readable EPUB file: its spine lists no documents")
        bodies = [(path, _body(archive, path, source)) for path in documents]
        titles = _toc_titles(archive, package, base)
        apparatus = _apparatus_by_guide(archive, package, base)
        class_marks = class_emphasis(_stylesheets(archive, package, base))
    bodies = [(path, body) for path, body in bodies if body is not None]
    if _is_ao3(package, bodies):
        return _ao3(bodies, fields, series, settings)
    lines = []
    diagnostics: list[Diagnostic] = []
    kept_apart: list[Note] = []
    info: list[InfoField] = []
    for path, body in bodies:
        found = element_lines([body], number_by_order=True, class_marks=class_marks)
        if path in apparatus or _is_apparatus(body) or _named_apparatus(path, titles.get(path)):
            # Kept, not printed: bookmaker makes the book's own cover, title page, contents and colophon.
            info.extend(_fields(found))
            if found:
                kept_apart.append(Note([paragraph(line.text.lstrip("#").strip(), None) for line in found],
                                       "after" if lines else "before", None, path, None, kind="front-matter"))
                diagnostics.append(Diagnostic("D145", f"the EPUB's {path} ({len(found)} lines) kept, not printed: "
                                                      "the book makes its own cover, title page and contents"))
            continue
        has_heading = any(line.text.startswith("#") for line in found[:3])
        if found and not has_heading and path in titles:
            # The document opens a chapter the contents name, but its text has no heading of its own.
            found.insert(0, type(found[0])("## " + titles[path], found[0].line))
            diagnostics.append(Diagnostic("D121", f"heading '{titles[path]}' taken from the book's contents",
                                          found[0].line))
        lines.extend(_renumber(found, len(lines)))
    text, line_map = join_lines(lines)
    info += [InfoField("Tags", subjects)] if subjects else []
    story = StoryText(text, fields, line_map, {}, info, series)
    return ReadStory("epub", story=story, diagnostics=diagnostics, notes=kept_apart)


def _renumber(lines, offset: int):
    """Paragraph numbers of one document -> numbers in the whole book."""
    return [type(line)(line.text, line.line + offset, line.extra_blanks) for line in lines]


def _is_ao3(package, bodies) -> bool:
    publisher = " ".join(package.xpath(".//dc:publisher/text()", namespaces=_NS)).lower()
    if "archive of our own" in publisher:
        return True
    return any(body.xpath(".//*[@id='preface']") for _, body in bodies[:2])


def _ao3(bodies, fields: dict[str, str], series: list[Series], settings: DetectionSettings) -> ReadStory:
    """The AO3 EPUB's documents joined into the one page the archive's HTML download is."""
    from bookmaker.readers import ao3_html

    page = lxml.html.document_fromstring("<html><body></body></html>")
    joined = page.find("body")
    # calibre cuts the download into files anywhere, even inside a chapter, and repeats the wrapping block in each
    # piece (`<div id="chapters">` in five files): pieces with the same id are joined back into one block.
    parts = {name: etree.SubElement(joined, "div", id=name) for name in ("preface", "chapters", "afterword")}
    for _, body in bodies:
        for element in list(body):
            name = element.get("id") if isinstance(element.tag, str) else None
            if name in parts:
                parts[name].extend(list(element))
            else:
                parts["chapters"].append(element)
    result = ao3_html.read_document(page, settings, reader="ao3-epub")
    meta = result.manuscript.meta
    meta.title = meta.title or fields.get("title")
    meta.author = meta.author or fields.get("author")
    if not meta.series:
        meta.series = series
    return result
