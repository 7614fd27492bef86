"""Inert input: no markup, script, entity expansion or external resource from a story reaches a book as active content,
and WeasyPrint's URL fetcher reads nothing outside styles/ (so even markup that slipped through fetches nothing)."""

from __future__ import annotations

import http.server
import re
import threading
from pathlib import Path

import pypdf
import pytest

from bookmaker.fetcher import RefusedURL, StylesFetcher
from robustness_helpers import ROOT, Book, assert_clean_success, bookmaker, corpus, qpdf_check

STYLES = ROOT / "styles"
HOSTILE = ["html-script-xxe", "entities-only", "markdown-links", "title-markup"]
# Elements the story's markup asks for that a book must never carry (the renderer itself makes none of them).
ACTIVE = {"script", "iframe", "object", "embed", "applet", "frame", "frameset", "style", "base", "form", "input",
          "button", "textarea", "video", "audio", "source", "track", "svg", "image", "math", "mi", "canvas",
          "div", "u", "b", "i", "noscript", "template", "portal"}
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
PASSWD_LINE = re.compile(rb"root:[x*!]?:0:0:")  # what file:///etc/passwd would put in a book if an entity expanded


def local_names(tree) -> set[str]:
    return {el.tag.rpartition("}")[2] for el in tree.iter() if isinstance(el.tag, str)}


@pytest.mark.parametrize("name", HOSTILE)
def test_no_active_element_or_attribute_reaches_the_epub(corpus_runs, name):
    [epub] = corpus_runs[name].books(".epub")
    book = Book(epub)
    package = set(book.zip.namelist())
    for doc, tree in book.documents():
        docinfo = tree.getroottree().docinfo
        assert docinfo.doctype in ("", "<!DOCTYPE html>"), f"{doc}: {docinfo.doctype}"
        dtd = docinfo.internalDTD
        assert dtd is None or not (list(dtd.iterentities()) or list(dtd.iterelements())), f"{doc}: a DTD from the story"
        assert not local_names(tree) & ACTIVE, f"{doc}: {local_names(tree) & ACTIVE}"
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            tag = element.tag.rpartition("}")[2]
            for attribute, value in element.attrib.items():
                local = attribute.rpartition("}")[2]
                assert not local.lower().startswith("on"), f"{doc}: <{tag} {attribute}>"
                assert local not in ("style", "action", "formaction", "data", "poster", "srcset", "http-equiv"), \
                    f"{doc}: <{tag} {attribute}={value!r}>"
                if local in ("href", "src") or attribute == XLINK_HREF:
                    target = value.partition("#")[0]
                    assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//", value, re.I), f"{doc}: external {value!r}"
                    resolved = str(Path(doc).parent / target) if target else doc
                    assert Path(resolved).as_posix() in package, f"{doc}: {value!r} names no file of the book"


@pytest.mark.parametrize("name", HOSTILE)
def test_no_comment_processing_instruction_or_cdata_from_the_story(corpus_runs, name):
    from lxml import etree

    [epub] = corpus_runs[name].books(".epub")
    for doc, tree in Book(epub).documents():
        for node in tree.iter():
            assert not isinstance(node, (etree._Comment, etree._ProcessingInstruction)), f"{doc}: {node}"


def test_the_story_markup_is_shown_as_text(corpus_runs):
    """What looked like markup is prose the reader sees: the tags, the entity references, unexpanded."""
    [epub] = corpus_runs["html-script-xxe"].books(".epub")
    text = Book(epub).text().translate(str.maketrans("‘’“”", "''\"\""))
    for shown in ("<script>alert('story text ran')</script>", "&xxe;", "&boom;", "<iframe", "onerror", "<svg"):
        assert shown in text, shown
    [epub] = corpus_runs["entities-only"].books(".epub")
    text = Book(epub).text()
    assert "<script>alert(1)</script>" in text and "<img src=http://evil.example/x.png>" in text


@pytest.mark.parametrize("name", HOSTILE)
def test_no_entity_was_expanded_and_no_local_file_read(corpus_runs, name):
    run = corpus_runs[name]
    for epub in run.books(".epub"):
        book = Book(epub)
        for member in book.zip.namelist():
            assert not PASSWD_LINE.search(book.zip.read(member)), f"{epub.name}:{member}"
    for pdf in run.books(".pdf"):
        text = "".join(page.extract_text() or "" for page in pypdf.PdfReader(str(pdf)).pages)
        assert not PASSWD_LINE.search(text.encode()), pdf.name


@pytest.mark.parametrize("name", HOSTILE)
def test_the_package_and_its_css_name_no_remote_resource(corpus_runs, name):
    [epub] = corpus_runs[name].books(".epub")
    book = Book(epub)
    for item in book.manifest:
        assert not re.match(r"^[a-z][a-z0-9+.-]*:", item.get("href"), re.I), item.get("href")
        assert "remote-resources" not in (item.get("properties") or "")
        if item.get("media-type") == "text/css":
            css = book.zip.read(book.base + item.get("href")).decode("utf-8")
            assert "evil.example" not in css
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
                assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.I) or url.startswith("data:"), url


@pytest.mark.parametrize("name", HOSTILE)
def test_the_pdf_has_no_link_out_of_the_book(corpus_runs, name):
    for pdf in corpus_runs[name].books(".pdf"):
        for number, page in enumerate(pypdf.PdfReader(str(pdf)).pages, start=1):
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A") or {}
                assert "/URI" not in action and "/Launch" not in str(action.get("/S")), f"{pdf.name} page {number}"


# ---------------------------------------------------------------------------------------------- the URL fetcher

@pytest.mark.parametrize("url", [
    "http://127.0.0.1/x.css", "https://example.com/font.woff2", "ftp://example.com/x", "data:text/css,body{}",
    "file:///etc/passwd", "file://localhost/etc/passwd", "file://evil.example" + str(STYLES / "book.css"),
    (STYLES / "book.css").as_uri().replace("book.css", "../pyproject.toml"),
    (STYLES / "book.css").as_uri().replace("book.css", "%2e%2e/pyproject.toml"),
    (STYLES / "book.css").as_uri().replace("book.css", ""),  # the folder itself
    (STYLES / "book.css").as_uri().replace("book.css", "no-such-file.css"),
    "javascript:alert(1)", "/etc/passwd", "book.css",
])
def test_fetcher_refuses_everything_outside_styles(url):
    with pytest.raises(RefusedURL):
        StylesFetcher(STYLES).fetch(url)


def test_fetcher_serves_the_stylesheet():
    response = StylesFetcher(STYLES).fetch((STYLES / "book.css").as_uri())
    assert response.read() == (STYLES / "book.css").read_bytes()


def test_fetcher_refuses_a_symlink_out_of_its_folder(tmp_path):
    (tmp_path / "styles").mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (tmp_path / "styles" / "innocent.css").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(RefusedURL):
        StylesFetcher(tmp_path / "styles").fetch((tmp_path / "styles" / "innocent.css").as_uri())


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A local web server that counts every request: any fetch by a build shows up in `hits`."""
    _Counter.hits = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Counter.hits
    httpd.shutdown()


def test_a_build_of_a_hostile_story_fetches_nothing(tmp_path, server):
    """End to end: a story whose markup names a live server; EPUB and PDF built, the server never asked."""
    base, hits = server
    story = corpus.HOSTILE_HTML.replace("http://evil.example", base)
    story = story.replace("file:///etc/passwd", f"{base}/passwd").replace("file:///etc/shadow", f"{base}/shadow")
    (tmp_path / "story.txt").write_text(story, encoding="utf-8")
    run = bookmaker("build", "story.txt", "--out", "out", "--jobs", "1", cwd=tmp_path, out=tmp_path / "out")
    assert_clean_success(run)
    assert len(run.books(".epub")) == 1 and len(run.books(".pdf")) == 1
    assert qpdf_check(run.books(".pdf")[0])[0]
    assert hits == []


def test_even_markup_that_slipped_through_fetches_nothing(server, monkeypatch, rich_story):
    """If a renderer bug let story markup into the HTML WeasyPrint lays out, the fetcher would still refuse it."""
    from bookmaker.render import render_book
    from bookmaker.writers import pdf, pdf_layout

    base, hits = server
    injected = (f'<link rel="stylesheet" href="{base}/a.css"><style>@import url("{base}/b.css"); '
                f'p {{ background: url("{base}/c.png") }} @font-face {{ font-family: X; src: url("{base}/d.woff2") }}</style>'
                f'<img src="{base}/e.png"><img src="file:///etc/passwd"><object data="{base}/f"></object>'
                f'<iframe src="{base}/g"></iframe><svg><image href="{base}/h.png"/></svg><p style="font-family: X">x</p>')
    assemble = pdf_layout.assemble
    monkeypatch.setattr(pdf_layout, "assemble", lambda *args: assemble(*args).replace("<body", injected + "<body", 1)
                        .replace("</body>", injected + "</body>"))
    refused: list[str] = []
    fetch = StylesFetcher.fetch

    def spy(self, url, *args, **kwargs):
        try:
            return fetch(self, url, *args, **kwargs)
        except RefusedURL:
            refused.append(url)
            raise

    monkeypatch.setattr(StylesFetcher, "fetch", spy)
    data, _ = pdf.compose(render_book(rich_story()))
    assert data.startswith(b"%PDF") and hits == []
    assert any(url.startswith(base) for url in refused) and "file:///etc/passwd" in refused
