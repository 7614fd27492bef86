"""Every format the readers know, built from documents the tests make, to books the validators pass, with what each
format carries (AO3's tags, series and notes, a page's story without its page, a document's styles) kept."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bookmaker import readers
from bookmaker.readers.base import Source

FORMATS = ["winter-road.html", "one-shot.txt", "low-water.html", "lantern-keeper.htm", "long-winter.html", "ferryman.rtf",
           "lanterns.docx", "harbour.odt", "salt-roads.epub", "glass-orchard.epub", "rebuilt.epub"]
ROBUSTNESS = Path(__file__).parents[1] / "robustness"


def _helpers():
    sys.path.insert(0, str(ROBUSTNESS))
    import robustness_helpers

    return robustness_helpers


def _epubcheck(paths: list[Path]) -> dict:
    sys.path.insert(0, str(Path(__file__).parents[1] / "writers"))
    from test_epub import epubcheck

    return epubcheck(paths)


@pytest.fixture(scope="module")
def epubcheck_reports(built_formats) -> dict:
    return _epubcheck(list(built_formats.epubs.values()))


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_builds_an_epub_epubcheck_passes(built_formats, epubcheck_reports, name):
    report = epubcheck_reports[built_formats.epubs[name]]
    messages = [m for m in report["messages"] if m["severity"] in ("FATAL", "ERROR", "WARNING")]
    assert messages == [], f"{name}: {messages}"


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_builds_a_pdf_qpdf_accepts(built_formats, name):
    clean, said = _helpers().qpdf_check(built_formats.pdfs[name])
    assert clean, f"{name}: {said}"


@pytest.mark.parametrize("name, reader", [
    ("winter-road.html", "ao3-html"), ("one-shot.txt", "ao3-html"), ("low-water.html", "ao3-page"), ("lantern-keeper.htm", "html"),
    ("long-winter.html", "html"), ("ferryman.rtf", "rtf"), ("lanterns.docx", "docx"), ("harbour.odt", "odt"),
    ("salt-roads.epub", "ao3-epub"), ("glass-orchard.epub", "epub"), ("rebuilt.epub", "epub")])
def test_inspect_names_the_reader_chosen_by_content(built_formats, name, reader):
    assert built_formats.inspect(name)["reader"] == reader


# ---- AO3 ---------------------------------------------------------------------------------------------------------


def test_ao3_metadata_reaches_the_opf(built_formats):
    opf = built_formats.opf("winter-road.html")
    subjects = re.findall(r"<dc:subject>([^<]+)</dc:subject>", opf)
    for tag in ["Teen And Up Audiences", "No Archive Warnings Apply", "F/M", "Original Work", "Winter Tales",
                "Anna/Boris", "Anna", "Boris", "Slow Burn", "Snow"]:
        assert tag in subjects
    assert re.search(r'<meta property="belongs-to-collection" id="(series-1)">Roads</meta>', opf)
    assert '<meta refines="#series-1" property="group-position">2</meta>' in opf
    assert '<meta name="calibre:series" content="Roads"' in opf
    assert '<meta name="calibre:series_index" content="2"' in opf
    assert "<dc:title>The Winter Road</dc:title>" in opf
    assert re.search(r"<dc:creator[^>]*>quietwriter</dc:creator>", opf)
    assert "<dc:description>Two travellers and a long winter.</dc:description>" in opf
    assert "<dc:source>http://archiveofourown.org/works/123456</dc:source>" in opf


def test_ao3_story_information_page(built_formats):
    page = built_formats.xhtml("winter-road.html")["storyinfo.xhtml"]
    for label, value in [("Rating", "Teen And Up Audiences"), ("Fandom", "Original Work, Winter Tales"),
                         ("Relationships", "Anna/Boris"), ("Additional Tags", "Slow Burn, Snow"),
                         ("Series", "Part 2 of Roads"), ("Published", "2021-03-04"), ("Words", "1,234"),
                         ("Chapters", "3/3")]:
        assert f'<th scope="row">{label}</th><td>{value}</td>' in page
    assert "Two travellers and a long winter." in page


def test_ao3_notes_are_notes_and_the_archive_labels_are_not_text(built_formats):
    data = built_formats.inspect("winter-road.html")
    assert [c["title"] for c in data["chapters"]] == [f"Part {n} of the Road" for n in (1, 2, 3)]
    notes = {(n["chapter"], n["position"], n["text"]) for n in data["notes"] if n["kind"] == "author"}
    assert notes == {(None, "before", "Thanks to my beta, always."), (2, "before", "In which it snows."),
                     (2, "before", "Short one, sorry!"), (2, "after", "Next week: the pass."),
                     (None, "after", "Comments feed me.")}
    story = " ".join(c["text"] for c in data["chapters"])
    for archive_words in ["Chapter Summary", "Chapter Notes", "See the end", "Posted originally", "color: red"]:
        assert archive_words not in story
    assert all(c["scene_breaks"] == 1 for c in data["chapters"])
    chapter_two = built_formats.xhtml("winter-road.html")["chapter-002.xhtml"]
    assert chapter_two.count('class="author-note"') == 3
    assert '<p class="note-label">Summary</p>' in chapter_two


def test_ao3_download_with_one_chapter_and_the_wrong_name(built_formats):
    data = built_formats.inspect("one-shot.txt")
    assert data["title"] == "Frost Fair" and len(data["chapters"]) == 1
    assert data["chapters"][0]["title"] is None
    assert data["chapters"][0]["text"].startswith("Snow fell on the road")


def test_ao3_epub_made_by_calibre_is_read_as_the_archive_download(built_formats):
    data = built_formats.inspect("salt-roads.epub")
    assert data["title"] == "Salt Roads" and data["author"] == "tidewriter"
    assert [c["title"] for c in data["chapters"]] == ["Brine", "Chapter 2"]
    first, second = (c["text"] for c in data["chapters"])
    assert "The first half of chapter one 3." in first and "The second half of chapter one 2." in first
    assert "Chapter two" not in first and second.startswith("Chapter two begins 1.")
    notes = {(n["chapter"], n["position"], n["text"]) for n in data["notes"] if n["kind"] == "author"}
    assert notes == {(None, "before", "For my sister."), (1, "before", "First!"), (1, "after", "See you soon."),
                     (None, "after", "The end, truly.")}
    assert {"label": "Fandom", "values": ["Salt Tales"]} in data["info"]
    assert data["series"] == [] and "Roads of salt." in [v for f in data["info"] for v in f["values"]]


def test_ao3_work_page_saved_from_a_browser(built_formats):
    data = built_formats.inspect("low-water.html")
    assert (data["title"], data["author"]) == ("Low Water", "marewriter")
    assert data["series"] == [{"title": "Tides", "position": 3}]
    assert [c["title"] for c in data["chapters"]] == ["Low Water 1", "Low Water 2"]
    info = {f["label"]: f["values"] for f in data["info"]}
    assert info["Additional Tags"] == ["Found Family", "Boats"] and info["Words"] == ["2,345"]
    assert info["Series"] == ["Part 3 of Tides"]
    notes = {(n["chapter"], n["position"], n["text"]) for n in data["notes"] if n["kind"] == "author"}
    assert notes == {(1, "before", "Written for a friend."), (2, "after", "More soon."),
                     (None, "after", "Thank you for reading.")}
    text = " ".join(c["text"] for c in data["chapters"])
    for page_words in ["Chapter Text", "Kudos", "COMMENT-TEXT", "left kudos", "Fandoms", "Previous Work"]:
        assert page_words not in text
    opf = built_formats.opf("low-water.html")
    assert "<dc:subject>Found Family</dc:subject>" in opf and "calibre:series" in opf


# ---- web pages -------------------------------------------------------------------------------------------------


def test_web_page_gives_the_story_without_the_page(built_formats):
    data = built_formats.inspect("lantern-keeper.htm")
    assert data["title"] == "The Lantern Keeper" and data["author"] == "R. Vale"
    assert [c["title"] for c in data["chapters"]] == ["Chapter 1", "Chapter 2"]
    text = " ".join(c["text"] for c in data["chapters"])
    for page_words in ["TRACKER-SCRIPT", "IFRAME-TEXT", "Log in", "Previous", "Terms", "color: red"]:
        assert page_words not in text
    assert data["chapters"][0]["scene_breaks"] == 1
    assert any(d["code"] == "D170" for d in data["diagnostics"])  # what was left out is reported
    book = "".join(built_formats.xhtml("lantern-keeper.htm").values())
    assert "<script" not in book and "onload" not in book and "<iframe" not in book
    assert "<em>hundred</em>" in book and "<em>smiling</em>" in book


def test_fanfiction_net_page(built_formats):
    data = built_formats.inspect("long-winter.html")
    assert (data["title"], data["author"]) == ("The Long Winter", "snowfox")
    assert [c["title"] for c in data["chapters"]] == ["Thaw"]
    assert data["chapters"][0]["text"].startswith("The ice cracked") and "Leave a review" not in data["chapters"][0]["text"]
    info = {f["label"]: f["values"] for f in data["info"]}
    assert info["Fandom"] == ["Winter Tales"] and info["Words"] == ["4,321"]


# ---- documents ---------------------------------------------------------------------------------------------------


def test_docx_headings_emphasis_and_blank_line_break(built_formats):
    data = built_formats.inspect("lanterns.docx")
    assert data["title"] == "Lanterns"
    assert [c["title"] for c in data["chapters"]] == ["Chapter One", "Chapter Two"]
    assert data["chapters"][0]["scene_breaks"] == 1  # the empty paragraph
    assert [n["text"] for n in data["notes"] if n["kind"] == "author"] == ["thanks for reading!"]
    chapter = built_formats.xhtml("lanterns.docx")["chapter-001.xhtml"]
    assert "<em>first</em>" in chapter and "<strong>waited</strong>" in chapter and "<em>underlined</em>" in chapter


def test_odt_headings_emphasis_footnote_and_blank_line_break(built_formats):
    data = built_formats.inspect("harbour.odt")
    assert data["title"] == "Lanterns" and data["author"] == "M. Fenwick"
    assert [c["title"] for c in data["chapters"]] == ["Lanterns", "Morning"]
    assert data["chapters"][0]["scene_breaks"] == 1
    assert "[Dawn in the north comes late.]" in data["chapters"][0]["text"]
    chapter = built_formats.xhtml("harbour.odt")["chapter-001.xhtml"]
    assert "<em>first</em>" in chapter and "<strong>ran</strong>" in chapter


def test_rtf_text(built_formats):
    data = built_formats.inspect("ferryman.rtf")
    assert data["title"] == "The Ferryman"
    assert "café" in data["chapters"][0]["text"] and data["chapters"][0]["scene_breaks"] == 1


def test_our_own_epub_read_back_keeps_the_story_and_not_its_apparatus(built_formats):
    data = built_formats.inspect("rebuilt.epub")
    assert (data["title"], data["author"]) == ("The Quay", "A. Harbour")
    assert [c["title"] for c in data["chapters"]] == ["Chapter 1", "Chapter 2"]
    assert data["chapters"][0]["text"] == "The boats came in at dusk.\n\nShe counted them, twice."
    kept_apart = [n for n in data["notes"] if n["kind"] == "front-matter"]
    assert kept_apart and all(not n["text"].startswith("#") for n in kept_apart)
    assert any(d["code"] == "D145" for d in data["diagnostics"])


def test_an_epub_by_fanficfare_keeps_its_title_page_as_story_information(built_formats):
    data = built_formats.inspect("glass-orchard.epub")
    assert (data["title"], data["author"]) == ("The Glass Orchard", "pearwood")
    assert [c["title"] for c in data["chapters"]] == ["Prologue", "Chapter 1, The Gate"]
    info = {f["label"]: f["values"] for f in data["info"]}
    assert info["Genre"] == ["Drama, Mystery"] and info["Status"] == ["In-Progress"]
    assert not any("Category" in c["text"] for c in data["chapters"])
    page = built_formats.xhtml("glass-orchard.epub")["storyinfo.xhtml"]
    assert "Glass trees, and a gate." in page and '<th scope="row">Genre</th>' in page


def test_the_table_lists_each_format_once():
    names = [reader.name for reader in readers.READERS]
    assert len(names) == len(set(names))
    assert {".html", ".htm", ".docx", ".odt", ".epub", ".rtf", ".txt", ".md"} <= set(readers.SUFFIXES)


def test_a_zip_of_junk_named_docx_is_one_clear_error(tmp_path):
    import zipfile

    path = tmp_path / "story.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a document")
    run = _helpers().bookmaker("build", str(path), "-o", str(tmp_path / "out"), cwd=tmp_path)
    _helpers().assert_one_error_line(run, "DOCX")
    assert not [p for p in (tmp_path / "out").glob("*") if p.suffix in (".epub", ".pdf", ".part")]


@pytest.mark.parametrize("name, data, words", [
    ("story.docx", b"plain text, no zip", "DOCX"),
    ("story.odt", b"PK\x03\x04 broken zip", "ODT"),
    ("story.epub", None, "spine"),
    ("page.html", b"<html><head><title>x</title></head></html>", "no body"),
    ("empty.html", b"<html><body><script>only()</script><p> </p></body></html>", "no story text"),
    ("empty.docx", None, "no story text"),
])
def test_bad_files_of_each_format_are_one_error_line(tmp_path, name, data, words):
    import zipfile

    path = tmp_path / name
    if name == "empty.docx":
        import docx

        docx.Document().save(path)
    elif data is None:  # an EPUB whose package has no spine
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("mimetype", "application/epub+zip")
            archive.writestr("META-INF/container.xml", '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:'
                             'container"><rootfiles><rootfile full-path="c.opf"/></rootfiles></container>')
            archive.writestr("c.opf", '<package xmlns="http://www.idpf.org/2007/opf"><metadata/><manifest/></package>')
    else:
        path.write_bytes(data)
    run = _helpers().bookmaker("build", str(path), "-o", str(tmp_path / "out"), cwd=tmp_path)
    line = _helpers().assert_one_error_line(run)
    assert words.lower() in line.lower(), line
    assert not [p for p in (tmp_path / "out").glob("*") if p.suffix in (".epub", ".pdf", ".part")]


def test_a_document_that_unpacks_beyond_any_story_is_refused(tmp_path, monkeypatch):
    import zipfile

    from bookmaker.errors import InputError
    from bookmaker.readers import packages

    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>" + " " * 2_000_000)
    monkeypatch.setattr(packages, "MAX_UNPACKED_BYTES", 1_000_000)
    with pytest.raises(InputError, match="unpack"):
        readers.read_story(Source(path, path.read_bytes()))


def test_html_in_a_txt_file_is_read_as_html(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text("<!DOCTYPE html><html><body><p>She <i>ran</i>.</p><script>x()</script></body></html>")
    read = readers.read_story(Source(path, path.read_bytes()))
    assert read.reader == "html" and read.story.text.strip() == "She <i>ran</i>."


def test_nesting_deeper_than_the_parser_reads_is_one_error_not_lost_text(tmp_path):
    deep, readable = tmp_path / "deep.html", tmp_path / "readable.html"
    deep.write_text("<html><body>" + "<div>" * 5000 + "<p>deep text</p>" + "</div>" * 5000 + "</body></html>")
    readable.write_text("<html><body>" + "<i>" * 1500 + "<p>deep text</p>" + "</i>" * 1500 + "</body></html>")
    run = _helpers().bookmaker("inspect", str(deep), cwd=tmp_path)
    assert "nested deeper" in _helpers().assert_one_error_line(run)
    read = readers.read_story(Source(readable, readable.read_bytes()))  # no recursion limit in the walk
    assert "deep text" in read.story.text


def test_emphasis_set_by_a_stylesheet_class(tmp_path):
    """Google Docs' HTML export and calibre's EPUBs set italics with classes, not tags."""
    from bookmaker.readers.css_emphasis import class_emphasis

    assert class_emphasis(".c1{font-style:italic} span.b, .c2 { font-weight: 700 } div p.x {font-style: italic}") \
        == {"c1": ("i",), "b": ("b",), "c2": ("b",)}
    page = tmp_path / "export.html"
    page.write_text('<html><head><style>.c1{font-style:italic}.c2{font-weight:700}</style></head><body>'
                    '<p class="c0"><span>She said </span><span class="c1">never</span> and meant '
                    '<span class="c2">it</span>.</p></body></html>')
    read = readers.read_story(Source(page, page.read_bytes()))
    assert read.story.text.strip() == "She said <i>never</i> and meant <b>it</b>."


def test_a_page_without_main_or_article_is_read_from_where_its_paragraphs_are(tmp_path):
    """A forum post or an old blog: the story is the element that holds nearly all the paragraphs; the site's bars
    and the poster's details around it are left out (reported); a first heading above the chapters is the title."""
    page = tmp_path / "forum.html"
    page.write_text(
        "<html><head><title>Forum - The Fisher's Daughter</title></head><body><div class='topbar'><a href='/'>Home"
        "</a> | Members online: 12</div><table><tr><td class='side'>Posted by: fishwife<br>Joined: 2009</td>"
        "<td class='post'><h2>The Fisher's Daughter</h2><h3>Chapter 1</h3><p>The nets came up empty again.</p>"
        "<p>Her father said nothing.</p><h3>Chapter 2</h3><p>The fourth day the nets were full.</p></td></tr>"
        "</table><div class='bottombar'>Reply | Quote | Report this post</div></body></html>")
    run = _helpers().bookmaker("inspect", str(page), "--json", cwd=tmp_path)
    import json

    data = json.loads(run.stdout)
    assert data["title"] == "The Fisher’s Daughter"
    assert [c["title"] for c in data["chapters"]] == ["Chapter 1", "Chapter 2"]
    text = " ".join(c["text"] for c in data["chapters"]) + " ".join(n["text"] for n in data["notes"])
    for chrome in ["Members online", "Posted by", "Report this post"]:
        assert chrome not in text
    assert any(d["code"] == "D170" for d in data["diagnostics"])


def test_ace_finds_no_violation_in_the_books_the_readers_make(built_formats, tmp_path):
    """The story information page (a table), an archive's notes and a web page's story keep the accessibility
    the EPUB claims."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "writers"))
    from test_accessibility import run_ace, violations

    for name in ("winter-road.html", "low-water.html", "lanterns.docx", "lantern-keeper.htm"):
        report = run_ace(built_formats.epubs[name], tmp_path / name)
        found = violations(report)
        assert not found, f"{name}:\n" + "\n".join(found)


def test_a_200_mb_file_of_any_format_is_refused_before_it_is_read(tmp_path):
    for name in ("huge.docx", "huge.epub", "huge.html"):
        path = tmp_path / name
        with open(path, "wb") as handle:  # sparse: 200 MB on the file system, nothing on the disk
            handle.truncate(200_000_000)
        run = _helpers().bookmaker("build", str(path), "-o", str(tmp_path / "out"), cwd=tmp_path)
        assert "too large" in _helpers().assert_one_error_line(run)
    assert not [p for p in (tmp_path / "out").glob("*") if p.suffix in (".epub", ".pdf", ".part")]


def test_only_an_empty_paragraph_is_a_blank_line():
    """`<p>&nbsp;</p>` (Word's and Google Docs' scene break) is a blank line; a <div> that held paragraphs is not."""
    import lxml.html

    from bookmaker.readers.html_text import element_lines, join_lines

    page = lxml.html.fromstring("<body><div><p>a</p><p>b</p></div><div><p>c</p></div><p>&nbsp;</p><p>d</p>"
                                "<div><br></div><p>e <i></i></p></body>")
    assert join_lines(element_lines([page]))[0] == "a\n\nb\n\nc\n\n\nd\n\n\ne\n"
