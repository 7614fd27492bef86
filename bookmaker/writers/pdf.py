"""PDF writer: a RenderedBook -> a print-ready PDF, laid out by WeasyPrint from the same XHTML and stylesheet.

The writer only packages: everything visual lives in styles/book.css (its print section); the options add
one CSS string (page size, right-hand chapters). A book is laid out in pieces and composed
(pdf_layout lays a piece out, pdf_compose joins them): each story's body -- its notes, chapters and
afterword -- is one piece, laid out once per build and used by both its own PDF and the anthology's; the
frame around the bodies (title page, contents, story openings, colophon) is laid out after them, when
the contents' page numbers are known (pdf_frame). Each piece opens on a right-hand page, as a section of a book does.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from bookmaker import __version__
from bookmaker.atomic import write_bytes_atomic
from bookmaker.errors import BuildError
from bookmaker.render.book import Document, RenderedBook, TocEntry
from bookmaker.writers.pdf_layout import assemble  # noqa: F401 - part of this module's interface (tests, tools)
from bookmaker.writers.pdf_layout import folio_chunk, folio_layer, lay_out, link_target
from bookmaker.writers.pdf_layout import provide_folio_chunk
from bookmaker.writers.faces import face_css
from bookmaker.writers.pdf_frame import lay_out_frame
from bookmaker.records import KeptFolder
from bookmaker.writers.pdf_piece import Piece

NAME = "pdf"
SUFFIX = ".pdf"

# Page sizes by name, in inches; WIDTHxHEIGHT gives any other. The default is US digest (5.5 x 8.5 in),
# a common trade paperback, for which book.css's print rules are drawn.
DEFAULT_PAGE_SIZE = "5.5in 8.5in"
NAMED_SIZES = {"a4": (8.27, 11.69), "a5": (5.83, 8.27), "a6": (4.13, 5.83), "b5": (6.93, 9.84),
               "letter": (8.5, 11.0), "digest": (5.5, 8.5)}
# ASCII digits only (re.A): float() reads "٥" as 5, but CSS, which gets the value as typed, does not.
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(in|mm|cm|pt)?(?:\s*[x×]\s*|\s+)(\d+(?:\.\d+)?)\s*(in|mm|cm|pt)?\s*$",
                   re.I | re.A)
_INCHES = {"in": 1.0, "mm": 1 / 25.4, "cm": 1 / 2.54, "pt": 1 / 72}

# The print rules' type and margins (book.css) are drawn for the default trim. On a wider page the text
# would run to 90+ characters a line, which no typesetter accepts: the type grows a little (up to 12pt)
# and the margins take the rest, keeping the measure under about 34em (some 66 characters).
BASE_WIDTH, BASE_HEIGHT, BASE_FONT_PT = 5.5, 8.5, 10.5
BASE_MARGINS = {"top": 0.7, "bottom": 0.75, "outer": 0.6, "inner": 0.75}  # inches, as in book.css
MAX_MEASURE_EM = 34



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


def _trim_metrics(width: float, height: float, gutter: float = 0.0) -> tuple[float, ...]:
    """A trim (inches) -> (type size pt, measure, outer, inner, top, bottom margins in inches)."""
    # Type grows (or shrinks) gently with the page; margins keep their proportions, and on a wide page
    # they take whatever the measure cannot use. The gutter stays 5/4 of the outer margin.
    font = min(12.0, max(10.0, round(BASE_FONT_PT * math.sqrt(width / BASE_WIDTH) * 2) / 2))
    sides = (BASE_MARGINS["outer"] + BASE_MARGINS["inner"]) * min(1.0, width / BASE_WIDTH)
    measure = min(width - sides, MAX_MEASURE_EM * font / 72)
    outer = (width - measure) * BASE_MARGINS["outer"] / (BASE_MARGINS["outer"] + BASE_MARGINS["inner"])
    inner = max(width - measure - outer, gutter)  # a thick book's binding swallows more: the measure gives way
    top, bottom = (BASE_MARGINS[k] * height / BASE_HEIGHT for k in ("top", "bottom"))
    return font, width - outer - inner, outer, inner, top, bottom


def page_capacity(text: str | None) -> tuple[float, float]:
    """A --page-size value -> (characters a line, lines a page) relative to the default trim's (1.0, 1.0): what the
    page cap's estimate scales by (a 2x2in page holds a tenth of the text of the default one)."""
    _, width, height = page_size(text)
    if (width, height) == (BASE_WIDTH, BASE_HEIGHT):
        return 1.0, 1.0
    font, measure, _, _, top, bottom = _trim_metrics(width, height)
    base_measure = BASE_WIDTH - BASE_MARGINS["outer"] - BASE_MARGINS["inner"]
    base_height = BASE_HEIGHT - BASE_MARGINS["top"] - BASE_MARGINS["bottom"]
    return ((measure / font) / (base_measure / BASE_FONT_PT),
            ((height - top - bottom) / font) / (base_height / BASE_FONT_PT))


def options_css(options) -> str:
    """The build options -> the one CSS string laid over book.css (page size, type and margins for it, a thick
    book's wider gutter, right-hand chapters)."""
    size, width, height = page_size(getattr(options, "page_size", None))
    rules = [f"@page {{ size: {size}; }}"]
    gutter = getattr(options, "gutter", None) or 0.0
    if (width, height) != (BASE_WIDTH, BASE_HEIGHT):
        font, measure, outer, inner, top, bottom = _trim_metrics(width, height, gutter)
        rules += [
            f"html, body {{ font-size: {font:g}pt; }}",
            f"@page {{ margin-top: {top:.2f}in; margin-bottom: {bottom:.2f}in; }}",
            f"@page :left {{ margin-left: {outer:.2f}in; margin-right: {inner:.2f}in; }}",
            f"@page :right {{ margin-left: {inner:.2f}in; margin-right: {outer:.2f}in; }}",
        ]
    elif gutter > BASE_MARGINS["inner"]:
        rules += [f"@page :left {{ margin-right: {gutter:.2f}in; }}", f"@page :right {{ margin-left: {gutter:.2f}in; }}"]
    face = face_css(getattr(options, "font", None))
    if face:
        rules.append(face)
    if getattr(options, "right_hand_chapters", False):
        rules.append('.document[data-kind="chapter"], .document[data-kind="part"] { break-before: right; }')
    return "\n".join(rules)


@dataclass
class _Group:
    """Consecutive documents laid out together: a story's body (`unit` is its story) or part of the frame."""

    unit: int | None
    documents: list[Document]


def _groups(book: RenderedBook) -> list[_Group]:
    groups: list[_Group] = []
    for doc in book.documents:
        if doc.kind == "cover":
            continue
        if groups and groups[-1].unit == doc.unit:
            groups[-1].documents.append(doc)
        else:
            groups.append(_Group(doc.unit, [doc]))
    return groups


# A story body longer than this (characters of XHTML, about 8,000 words or 25 pages) is laid out in parts, at
# chapter boundaries, each in its own process: WeasyPrint lays a document out on one core, and the longest
# body would otherwise set the length of the whole build.
PART_CHARS = 48_000


def body_parts(documents: list[Document], right_hand_chapters: bool = False) -> list[list[Document]]:
    """A story body's documents -> the parts it is laid out in: a new part begins at a chapter (or part) once
    the current one holds PART_CHARS of XHTML, where book.css breaks the page on either hand: after another
    chapter or part (after notes, it opens on a right-hand page: that needs the page before it)."""
    parts: list[list[Document]] = []
    size = 0
    sections = ("chapter", "part")
    for doc in documents:
        if (parts and size >= PART_CHARS and doc.kind in sections
                and (right_hand_chapters or parts[-1][-1].kind in sections)):
            parts.append([])
            size = 0
        if not parts:
            parts.append([])
        parts[-1].append(doc)
        size += len(doc.xhtml)
    return parts


def _fits(pieces: list[Piece] | None, group: _Group) -> bool:
    """A body laid out for the story's own book serves the anthology when it holds the same documents (the
    anthology's names carry a story prefix: "s01-chapter-001.xhtml" for "chapter-001.xhtml")."""
    names = [name for piece in pieces or [] for name in piece.names]
    return (bool(pieces) and len(names) == len(group.documents)
            and all(doc.name == name or doc.name.endswith("-" + name) for doc, name in zip(group.documents, names)))


def lay_out_part(book: RenderedBook, documents: list[Document], options, first: bool) -> Piece:
    """One part of a story body laid out: the first opens on a right-hand page like every piece; a later one
    follows the page before it, on either hand (unless chapters open on right-hand pages)."""
    either_hand = not first and not getattr(options, "right_hand_chapters", False)
    return lay_out(book, documents, options_css(options), either_hand=either_hand)


def _toc_targets(entries: list[TocEntry], names: set[str]) -> set[str]:
    found = set()
    for entry in entries:
        found.add(link_target(entry.href, names))
        found |= _toc_targets(entry.children, names)
    return found


def _story_parts(book: RenderedBook, options) -> list[list[Document]]:
    group = next((g for g in _groups(book) if g.unit is not None), None)
    return body_parts(group.documents, getattr(options, "right_hand_chapters", False)) if group else []


def story_part_sizes(book: RenderedBook, options=None) -> list[int]:
    """A book's one story body -> the size (characters of XHTML) of each part it is laid out in."""
    return [sum(len(doc.xhtml) for doc in part) for part in _story_parts(book, options)]


def _folio_key(build_options) -> tuple[str, Path]:
    from bookmaker.render.book import Options

    options = Options(page_size=build_options.page_size, right_hand_chapters=build_options.right_hand_chapters,
                      font=build_options.font)
    return options_css(options), options.stylesheet.resolve()


def prepare_ahead(build_options, part: int) -> bytes:
    """Part `part` of the build's folio layer, laid out ahead of the books that need it (take_ahead's argument)."""
    return folio_chunk(*_folio_key(build_options), part)


def take_ahead(build_options, parts: dict[int, bytes]) -> None:
    """Use the parts of the folio layer another process laid out, or the build kept (prepare_ahead)."""
    for part, data in parts.items():
        provide_folio_chunk(*_folio_key(build_options), part, data)


def lay_out_story_part(book: RenderedBook, options, index: int) -> Piece:
    """Part `index` of a book's story body, laid out (a job of its own: the parts are laid out in parallel). A book
    with no story body (its metadata file's [detect] dropped every paragraph) has one empty part: no pages."""
    parts = _story_parts(book, options)
    if not parts and index == 0:
        return Piece(pdf=b"", names=[], starts=[], folios=[])
    return lay_out_part(book, parts[index], options, index == 0)


def lay_out_bodies(book: RenderedBook, options=None, bodies: dict[int, list[Piece]] | None = None
                   ) -> dict[int, list[Piece]]:
    """The book's story bodies laid out, in parts (by story: 0 for a book, n for an anthology's n-th), reusing
    those of `bodies` that fit."""
    used: dict[int, list[Piece]] = {}
    for group in _groups(book):
        if group.unit is not None:
            given = (bodies or {}).get(group.unit)
            parts = body_parts(group.documents, getattr(options, "right_hand_chapters", False))
            used[group.unit] = given if _fits(given, group) else [
                lay_out_part(book, part, options, number == 0) for number, part in enumerate(parts)]
    return used


def compose(book: RenderedBook, options=None, bodies: dict[int, list[Piece]] | None = None,
            kept: KeptFolder | None = None) -> tuple[bytes, dict[int, list[Piece]]]:
    """Lay the book out piece by piece and join the pieces -> (PDF bytes, the story bodies it used).

    `bodies` are story bodies already laid out (by story: 0 for a book, n for an anthology's n-th story);
    any missing or not fitting is laid out here. With `kept`, the frame (but its contents) is read back from
    there when a build before laid it out from the same HTML, and kept there for the next.
    """
    from bookmaker.writers.pdf_compose import Entry, Info
    from bookmaker.writers.pdf_compose import compose as join

    extra_css = options_css(options)
    groups = _groups(book)
    used = lay_out_bodies(book, options, bodies)
    names = {doc.name for doc in book.documents}
    runs, destinations, folios, count = lay_out_frame(book, groups, used, extra_css, _toc_targets(book.toc, names),
                                                      kept)

    def entries(items: list[TocEntry]) -> list[Entry]:
        return [Entry(e.title, link_target(e.href, names), entries(e.children)) for e in items]

    author = book.display_author or book.meta.author
    info = Info(title=book.display_title or book.meta.title, author=author, subject=book.meta.summary,
                keywords=list(book.meta.tags), lang=book.meta.language or "en",
                creator=f"bookmaker {__version__}", producer=_producer(),
                date=book.modified.strftime("D:%Y%m%d%H%M%SZ"))
    data = join(runs, destinations, entries(book.toc), folio_layer(extra_css, Path(book.stylesheet).resolve(), count),
                folios, info)
    return data, used


def _producer() -> str:
    from weasyprint import __version__ as weasyprint_version

    return f"bookmaker {__version__} (WeasyPrint {weasyprint_version})"


def write(book: RenderedBook, path: Path, options=None, bodies: dict[int, list[Piece]] | None = None,
          kept: KeptFolder | None = None) -> dict[int, list[Piece]]:
    """Lay the book out and write it to `path` atomically (a temporary file in the same folder, then a rename);
    returns the story bodies laid out for it, for an anthology to reuse (`kept`: see compose)."""
    path = Path(path)
    data, used = compose(book, options, bodies, kept)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot create the folder ({error.strerror})", str(path.parent)) from None
    write_bytes_atomic(path, data)
    return used
