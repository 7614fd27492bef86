"""PDF writer: every book passes qpdf --check, embeds its fonts, has one outline entry per chapter and a
contents page whose numbers are the pages where the chapters start, shows the text it should with running
heads where a book has them, and WeasyPrint logs nothing while laying it out."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

import pypdf
import pytest

from bookmaker.errors import BuildError
from bookmaker.fetcher import RefusedURL, StylesFetcher
from bookmaker.model import Chapter, Manuscript, Metadata, Note, Paragraph, SceneBreak, Span
from bookmaker.render import render_book
from bookmaker.render.book import Options, RenderedBook
from bookmaker.writers import pdf

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
STYLES = ROOT / "styles"
EXPECTED = ROOT.parent / "shared" / "seeds-expected.json"
WHEN = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
HEAD_ZONE_PT = 43  # points (0.6in): running heads sit in the top margin (0.7in in book.css); body text starts below it
FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})


# ---- the books under test ------------------------------------------------------------------------------

WORDS = ("the rain had not stopped for three days and gutters of old town ran like little rivers past shuttered "
         "shops she walked with her collar up hands deep in pockets counting steps between lamps as used to when "
         "was child wondering whether anyone would notice that gone nobody ever did comfort sorrow").split()


def prose(seed: int, words: int) -> str:
    """Deterministic filler prose of `words` words (no story needed to test layout)."""
    text = " ".join(WORDS[(seed * 7 + i * 11) % len(WORDS)] for i in range(words))
    return text[0].upper() + text[1:] + "."


def long_story() -> Manuscript:
    """Four chapters long enough for running heads, scene breaks mid-page, notes and an end marker."""
    chapters = []
    for n, title in enumerate(["The Long Rain", "Confessions of an Unreliable Narrator", "Forgiveness", "Home"], 1):
        blocks = []
        for p in range(24):
            blocks.append(Paragraph([Span(prose(n * 100 + p, 40 + p % 5 * 9)), Span(" truly", "em"), Span(" so.")]))
            if p in (7, 15):
                blocks.append(SceneBreak(source="***"))
        chapters.append(Chapter(blocks, title=title, end_marker="The End" if n == 4 else None))
    notes = [Note([Paragraph.plain("I’m not a native speaker, so forgive my mistakes.")]),
             Note([Paragraph.plain("Thanks for reading this chapter!")], position="after", chapter=1)]
    return Manuscript(meta=Metadata(title="Missing Rain", author="A. Writer", language="en"), notes=notes,
                      chapters=chapters)


def untitled() -> Manuscript:
    return Manuscript(meta=Metadata(source="000_705110056ac54a71.txt"),
                      chapters=[Chapter([Paragraph.plain("Dark."), SceneBreak(), Paragraph.plain("Light.")])])


def single_paragraph() -> Manuscript:
    return Manuscript(meta=Metadata(title="One", author="Solo"), chapters=[Chapter([Paragraph.plain("Just this.")])])


HAND_BUILT = {"long": long_story, "untitled": untitled, "single-paragraph": single_paragraph}  # + "rich" (conftest)


def seeds_expected() -> dict[str, dict]:
    return {s["file"]: s for s in json.loads(EXPECTED.read_text(encoding="utf-8"))["stories"]}


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@dataclass
class Built:
    """A written PDF, the book it was laid out from and what WeasyPrint logged meanwhile."""

    manuscript: Manuscript
    book: RenderedBook
    path: Path
    logs: list[str] = field(default_factory=list)

    @cached_property
    def reader(self) -> pypdf.PdfReader:
        return pypdf.PdfReader(self.path)

    @cached_property
    def pages(self) -> list[tuple[str, str]]:
        """(running head, body text) of every page: poppler's text of the top HEAD_ZONE_PT, and of the rest.

        pdftotext rather than pypdf here: it reads a 120-page book in a tenth of a second, pypdf in seconds.
        """
        heads = _pdftotext(self.path, "-H", str(HEAD_ZONE_PT))
        bodies = _pdftotext(self.path, "-y", str(HEAD_ZONE_PT))
        assert len(heads) == len(bodies) == len(self.reader.pages)
        return [(normalize(head), body) for head, body in zip(heads, bodies)]

    def outline(self) -> list[tuple[int, str, int]]:
        """(depth, title, 1-based page) of every outline entry, in order."""
        found = []

        def walk(items, depth):
            for item in items:
                if isinstance(item, list):
                    walk(item, depth + 1)
                else:
                    found.append((depth, item.title, self.reader.get_destination_page_number(item) + 1))

        walk(self.reader.outline, 1)
        return found


def build(manuscript: Manuscript, path: Path, **options) -> Built:
    handler = _Records()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        opts = Options(modified=WHEN, **options)
        book = render_book(manuscript, opts)
        pdf.write(book, path, opts)
    finally:
        logger.removeHandler(handler)
    return Built(manuscript, book, path, [f"{r.name}: {r.getMessage()}" for r in handler.records])


@pytest.fixture(scope="module")
def books(tmp_path_factory, rich_story) -> dict[str, Built]:
    """Every hand-built story and every seed, laid out once for the whole module, one process per book
    (WeasyPrint lays a book out on one core)."""
    from bookmaker.pipeline import compile_story

    out = tmp_path_factory.mktemp("pdf")
    manuscripts = {name: make() for name, make in {"rich": rich_story, **HAND_BUILT}.items()}
    manuscripts |= {path.name: compile_story(path) for path in sorted(SEEDS.glob("*.txt"))}
    context = multiprocessing.get_context("fork")  # the workers inherit sys.path and the imported modules
    with ProcessPoolExecutor(max_workers=min(4, os.cpu_count() or 1), mp_context=context) as pool:
        jobs = {name: pool.submit(build, manuscript, out / f"{Path(name).stem}.pdf")
                for name, manuscript in manuscripts.items()}
        return {name: job.result() for name, job in jobs.items()}


ALL = ["rich", *HAND_BUILT] + sorted(p.name for p in SEEDS.glob("*.txt"))


# ---- reading a PDF back ----------------------------------------------------------------------------------

def _pdftotext(path: Path, *crop: str) -> list[str]:
    """The text of each page inside a crop box (points from the top-left corner), via poppler's pdftotext."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) is not installed: scripts/setup.sh installs it")
    args = ["pdftotext", "-x", "0", "-W", "10000", "-H", "10000", *crop, str(path), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]  # every page ends with a form feed


def normalize(text: str) -> str:
    """Join words hyphenated at a line end (WeasyPrint breaks with U+2010, which the writer maps to a soft
    hyphen, U+00AD, for copying), collapse spaces and line breaks."""
    text = re.sub("[\u2010\u00ad]\\s*\n", "", text)
    return " ".join(text.replace("\u00a0", " ").split())


def body_text(built: Built) -> str:
    return normalize("\n".join(body for _, body in built.pages))


def lines(text: str) -> list[str]:
    return [normalize(line) for line in text.splitlines() if line.strip()]


def chapter_openings(built: Built) -> list[int]:
    return [page for depth, _, page in built.outline() if depth == 1]


# ---- validators ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ALL)
def test_weasyprint_logs_nothing(books, name):
    assert books[name].logs == []


@pytest.mark.parametrize("name", ALL)
def test_qpdf_check_passes(books, name):
    if not shutil.which("qpdf"):
        pytest.fail("qpdf is not installed: scripts/setup.sh installs it")
    result = subprocess.run(["qpdf", "--check", str(books[name].path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ALL)
def test_every_font_is_embedded_and_is_the_book_face(books, name):
    if not shutil.which("pdffonts"):
        pytest.fail("pdffonts (poppler-utils) is not installed: scripts/setup.sh installs it")
    result = subprocess.run(["pdffonts", str(books[name].path)], capture_output=True, text=True, check=True)
    rows = [line.split() for line in result.stdout.splitlines()[2:] if line.strip()]
    assert rows
    for row in rows:
        # columns end with: emb sub uni object-number generation
        assert row[-5] == "yes", f"not embedded: {row[0]}"
        assert row[-4] == "yes", f"not subset: {row[0]}"
        assert "Charis-SIL" in row[0], f"a glyph fell back to another face: {row[0]}"


# ---- structure: outline, contents, page furniture -------------------------------------------------

def _nav(book: RenderedBook) -> list[str]:
    return [entry.title for entry in book.toc]


@pytest.mark.parametrize("name", ALL)
def test_outline_has_one_entry_per_chapter(books, name):
    built = books[name]
    outline = built.outline()
    assert [title for _, title, _ in outline] == _nav(built.book)  # the outline is the nav
    assert all(depth == 1 for depth, _, _ in outline)
    expected = seeds_expected().get(name)
    chapters = len(expected["chapters"]) if expected else len(built.manuscript.chapters)
    assert len(outline) == chapters


@pytest.mark.parametrize("name", ALL)
def test_contents_page_numbers_are_where_chapters_start(books, name):
    built = books[name]
    contents = [i for i, (_, body) in enumerate(built.pages) if lines(body)[:1] == ["Contents"]]
    if len(built.manuscript.chapters) < 2:
        assert contents == []  # one chapter: no contents page
        return
    assert len(contents) == 1
    entries, pending = [], ""
    for line in lines(built.reader.pages[contents[0]].extract_text())[1:]:
        pending = f"{pending} {line}".strip()
        match = re.fullmatch(r"(.+?)\s*(?:\.\s*)*\s(\d+)", pending)  # a title may wrap before its leader
        if match:
            entries.append((match[1], int(match[2])))
            pending = ""
    assert [title for title, _ in entries] == _nav(built.book)
    starts = [page for _, _, page in built.outline()]
    assert [page for _, page in entries] == starts
    for (title, page), chapter in zip(entries, built.manuscript.chapters):
        head, body = built.pages[page - 1]
        assert head == "", f"chapter opening {page} has a running head or folio: {head!r}"
        if chapter.title:  # a titled chapter's page opens with its heading (after its label, if any)
            assert normalize(title) in " ".join(lines(body)[:3]), (title, body[:80])


@pytest.mark.parametrize("name", ["long", "002_da42a1dd7f11f69f.txt"])
def test_running_heads_and_folios(books, name):
    """Book title on left pages, the section's title on right pages, the page number on both; nothing on the
    title page, blank pages and the first page of a chapter or other section."""
    built = books[name]
    openings = dict(zip(chapter_openings(built), _nav(built.book)))
    others = {doc.title for doc in built.book.documents if doc.kind not in ("chapter", "cover")}
    assert built.pages[0][0] == ""  # the title page
    section, checked = None, 0
    for number, (head, body) in enumerate(built.pages, start=1):
        first_line = lines(body)[:1]
        if number in openings or (section and first_line and first_line[0] in others):
            section = openings.get(number) or first_line[0]
            assert head == "", f"page {number} opens a section but has {head!r}"
        elif not body.strip():
            assert head == "", f"blank page {number} has {head!r}"
        elif section is not None:
            title = built.book.display_title if number % 2 == 0 else section
            assert str(number) in head.split() and title in head, (number, head)
            checked += 1
    assert checked >= 3


@pytest.mark.parametrize("name", ALL)
def test_scene_break_never_alone_at_head_or_foot(books, name):
    ornament = "* * *"
    for number, (_, body) in enumerate(books[name].pages, start=1):
        page_lines = lines(body)
        if page_lines:
            assert page_lines[0] != ornament, f"page {number} starts with the scene-break ornament"
            assert page_lines[-1] != ornament, f"page {number} ends with the scene-break ornament"


# ---- text -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["rich", *HAND_BUILT])
def test_every_paragraph_note_and_end_marker_is_printed(books, name):
    built = books[name]
    text = body_text(built)
    manuscript = built.manuscript
    for chapter in manuscript.chapters:
        for paragraph in chapter.paragraphs:
            assert normalize(paragraph.text).replace("\x07", "") in text
        if chapter.end_marker:
            assert chapter.end_marker in text or chapter.end_marker.upper() in text.upper()
    for note in manuscript.notes:
        assert normalize(note.text) in text
    assert "***" not in text


def test_markup_in_the_story_is_printed_literally(books):
    text = body_text(books["rich"])
    assert "<b>Not bold</b>" in text and "<script>alert('x')</script>" in text


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_text_has_what_an_editor_expects(books, name):
    expected = seeds_expected()[name]
    text = body_text(books[name])
    for wanted in expected["must_appear"]:
        assert normalize(wanted).translate(FOLD) in text.translate(FOLD), wanted
    for unwanted in expected["must_not_appear"]:
        assert unwanted not in text, unwanted
    for chapter in expected["chapters"]:
        assert normalize(chapter["first_words"]).translate(FOLD) in text.translate(FOLD)


# ---- metadata, reproducibility, options ----------------------------------------------------------------

def test_metadata(books):
    built = books["rich"]
    info = built.reader.metadata
    assert info.title == "The <Lantern> & the Moth" and info.author == "A. N. Author"
    assert info["/Producer"].startswith("bookmaker ") and info["/Creator"].startswith("bookmaker ")
    assert info["/CreationDate"] == info["/ModDate"] == "D:20240506070809Z"
    root = built.reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject): tagged
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712


def test_same_book_twice_gives_the_same_bytes(books, tmp_path):
    """Another process builds the same story: the PDF must be byte-identical."""
    script = ("import sys; from pathlib import Path; from tests.writers.test_pdf import build, long_story;"
              "build(long_story(), Path(sys.argv[1]))")
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "again.pdf")], cwd=ROOT, check=True,
                   env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert (tmp_path / "again.pdf").read_bytes() == books["long"].path.read_bytes()


def test_page_size_and_right_hand_chapters(tmp_path, rich_story):
    built = build(rich_story(), tmp_path / "a5.pdf", page_size="A5", right_hand_chapters=True)
    assert built.logs == []
    box = built.reader.pages[0].mediabox
    assert (round(float(box.width) / 72, 2), round(float(box.height) / 72, 2)) == (5.83, 8.27)
    assert all(page % 2 == 1 for page in chapter_openings(built))


@pytest.mark.parametrize("text, css", [
    (None, "5.5in 8.5in"), ("A5", "5.83in 8.27in"), ("letter", "8.5in 11.0in"), ("6x9", "6in 9in"),
    ("148mmx210mm", "148mm 210mm"), ("5.5x8.5in", "5.5in 8.5in"), ("5.5in 8.5in", "5.5in 8.5in"),
])
def test_page_size_values(text, css):
    assert pdf.page_size(text)[0] == css


@pytest.mark.parametrize("text", ["huge", "6x", "0x9", "100x100", "6x9ft"])
def test_page_size_refuses_what_is_not_a_size(text):
    with pytest.raises(BuildError):
        pdf.page_size(text)


def test_wide_pages_keep_a_readable_measure():
    css = pdf.options_css(Options(page_size="A4"))
    font = float(re.search(r"font-size: ([\d.]+)pt", css)[1])
    left, right = (float(x) for x in re.search(r":left \{ margin-left: ([\d.]+)in; margin-right: ([\d.]+)in", css).groups())
    measure_em = (8.27 - left - right) * 72 / font
    assert 28 <= measure_em <= pdf.MAX_MEASURE_EM + 0.5 and right > left  # the gutter is the wider margin


# ---- packaging: one HTML document from the XHTML documents ---------------------------------------------

def test_assemble_packages_documents_without_adding_markup(books):
    book = books["rich"].book
    html = pdf.assemble(book)
    assert ".xhtml#" not in html and 'href="chapter-' not in html  # links point inside the one document
    assert "epub:type" not in html and "images/cover.png" not in html  # no foreign attributes, no cover page
    documents = [d for d in book.documents if d.kind != "cover"]
    assert html.count('class="document') == len(documents)
    assert all(f'id="doc-{doc.name}"' in html for doc in documents)


def test_lang_of_each_document_is_kept():
    manuscript = single_paragraph()
    manuscript.meta.language = "fr"
    html = pdf.assemble(render_book(manuscript, Options(modified=WHEN)))
    assert '<html lang="fr">' in html and ' lang="en"' not in html


# ---- the fetcher and the typeface --------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "http://example.com/x.png", "https://example.com/font.woff2", "file:///etc/passwd",
    f"file://{STYLES}/../pyproject.toml", f"file://{STYLES.parent}/seeds/", "data:text/plain,hello",
    "file://otherhost/etc/passwd",
])
def test_fetcher_refuses_everything_outside_styles(url):
    with pytest.raises(RefusedURL):
        StylesFetcher(STYLES).fetch(url)


def test_fetcher_serves_the_stylesheet_and_fonts():
    fetcher = StylesFetcher(STYLES)
    assert fetcher.fetch((STYLES / "book.css").as_uri()).read().startswith(b"/*")
    response = fetcher.fetch((STYLES / "fonts" / "CharisSIL-Regular.woff").as_uri())
    assert response.read(4) == b"wOFF" and response.content_type == "font/woff"


def test_the_vendored_typeface_is_what_weasyprint_loads(monkeypatch, tmp_path, rich_story):
    """Charis SIL may also be installed on the system: check the files come from styles/fonts/."""
    fetched = []
    original = StylesFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url.rsplit("/", 1)[-1])
        return original(self, url, headers)

    monkeypatch.setattr(StylesFetcher, "fetch", spy)
    from bookmaker.writers import pdf_layout

    pdf_layout.stylesheets.cache_clear()  # stylesheets and fonts are loaded once per process: load them again here
    build(rich_story(), tmp_path / "spy.pdf")
    assert {"CharisSIL-Regular.woff", "CharisSIL-Italic.woff", "CharisSIL-Bold.woff"} <= set(fetched)


def test_fonts_are_licensed_small_and_declared():
    fonts = STYLES / "fonts"
    licence = (fonts / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Charis" in licence
    files = sorted(fonts.glob("*.woff"))
    assert len(files) == 4 and sum(f.stat().st_size for f in files) < 2_000_000
    declared = re.findall(r"url\(([^)]+)\)", (fonts / "fonts.css").read_text(encoding="utf-8"))
    assert sorted(declared) == [f.name for f in files]
    assert not re.search(r"url\([^)]*fonts/", (STYLES / "book.css").read_text(encoding="utf-8"))  # EPUBs pack none
