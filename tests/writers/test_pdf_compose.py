"""A PDF composed from pieces: one sound structure tree, every contents link resolved, the book's folios on the
right pages, and an anthology built from its stories' bodies the same as one laid out from scratch."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from bookmaker.pipeline import compile_story
from bookmaker.render import render_anthology, render_book
from bookmaker.render.book import Options
from bookmaker.writers import pdf
from bookmaker.model import Metadata

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SMALL = [p for p in SEEDS if p.stat().st_size < 20_000][:3]  # the shortest seeds: a few pages each, quick
OPTIONS = Options()


@pytest.fixture(scope="module")
def composed(tmp_path_factory):
    """Three stories' PDFs and their anthology twice: from the stories' bodies, and laid out from scratch."""
    out = tmp_path_factory.mktemp("compose")
    manuscripts = [compile_story(p) for p in SMALL]
    bodies, books = {}, {}
    for number, manuscript in enumerate(manuscripts, start=1):
        data, used = pdf.compose(render_book(manuscript, OPTIONS), OPTIONS)
        bodies[number] = used[0]
        books[f"story{number}"] = data
    anthology = render_anthology(manuscripts, Metadata(title="Three Stories"), OPTIONS)
    books["anthology"], reused = pdf.compose(anthology, OPTIONS, bodies)
    assert all(reused[n] is bodies[n] for n in bodies)  # nothing laid out twice
    books["anthology-fresh"], fresh = pdf.compose(anthology, OPTIONS)
    assert all(fresh[n] is not bodies[n] for n in bodies)
    paths = {}
    for name, data in books.items():
        paths[name] = out / f"{name}.pdf"
        paths[name].write_bytes(data)
    return paths


BOOKS = ["story1", "story2", "story3", "anthology"]


def _content(page) -> bytes:
    return pikepdf.unparse_content_stream(pikepdf.parse_content_stream(page))


def _page_texts(path: Path, *crop: str) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", *crop, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def test_anthology_from_the_stories_bodies_reads_as_one_laid_out_from_scratch(composed):
    assert _page_texts(composed["anthology"]) == _page_texts(composed["anthology-fresh"])


@pytest.mark.parametrize("name", BOOKS)
def test_structure_tree_covers_every_page_and_link(name, composed):
    """Every page's marked content maps to a structure element of the one tree, every element's /P is its
    parent, and every link annotation is a Link element's object reference."""
    with pikepdf.open(composed[name]) as book:
        root = book.Root.StructTreeRoot
        nums = root.ParentTree.Nums
        tree = {int(k): v for k, v in zip(nums[0::2], nums[1::2])}
        assert int(root.ParentTreeNextKey) > max(tree)
        pages = {page.objgen for page in book.pages}
        seen = set()

        def walk(element, parent):
            assert element.P.objgen == parent.objgen
            seen.add(element.objgen)
            if "/Pg" in element:
                assert element.Pg.objgen in pages
            kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                    walk(kid, element)

        document = root.K[0]
        assert document.S == "/Document" and document.P.objgen == root.objgen
        for kid in document.K:
            walk(kid, document)
        assert len(seen) > 10
        for number, page in enumerate(book.pages):
            content = _content(page)
            ids = [int(m) for m in re.findall(rb"/MCID (\d+)", content)]
            if ids:
                elements = tree[int(page.obj.StructParents)]
                assert max(ids) < len(elements), f"page {number + 1}: a marked-content id has no element"
                for element in elements:  # reached from the Document; null for a running head, an artifact
                    if not isinstance(element, pikepdf.Dictionary):
                        continue
                    while element.objgen not in seen and element.S != "/Document":
                        element = element.P
                    assert element.objgen in seen or element.objgen == document.objgen
            for annotation in page.obj.get("/Annots", []):
                element = tree[int(annotation.StructParent)]
                assert element.S == "/Link"
                assert any(k.get("/Obj") is not None and k.Obj.objgen == annotation.objgen for k in element.K)


@pytest.mark.parametrize("name", BOOKS)
def test_every_contents_link_and_bookmark_lands_on_its_page(name, composed):
    with pikepdf.open(composed[name]) as book:
        names = book.Root.Names.Dests.Names
        destinations = {str(k): v for k, v in zip(names[0::2], names[1::2])}
        links = [a for page in book.pages for a in page.obj.get("/Annots", []) if a.Subtype == "/Link"]
        if name == "anthology" or "Contents" in "".join(_page_texts(composed[name])[:4]):
            assert links
        pages = {page.objgen: number for number, page in enumerate(book.pages)}
        texts = _page_texts(composed[name])
        for link in links:
            target = destinations[str(link.Dest)]
            assert target[0].objgen in pages
        with book.open_outline() as outline:
            items = list(outline.root)
            assert items
            for item in items:  # a section's opening page: text, and no folio (book.css)
                number = pages[item.destination[0].objgen]
                assert texts[number].strip() and b"/Folio" not in _content(book.pages[number]), (item.title, number + 1)


@pytest.mark.parametrize("name", BOOKS)
def test_folios_are_the_page_numbers_and_marked_as_page_furniture(name, composed):
    heads = _page_texts(composed[name], "-y", "0", "-H", "43", "-W", "1000")
    numbered = 0
    with pikepdf.open(composed[name]) as book:
        for number, (page, head) in enumerate(zip(book.pages, heads), start=1):
            stream = _content(page)
            folios = re.findall(rb"/Folio\d+(?= Do)", stream)
            digits = re.findall(r"\b\d+\b", head)
            if folios:
                numbered += 1
                assert folios == [f"/Folio{number}".encode()] and digits == [str(number)], (number, head)
                assert re.search(rb"/Artifact <<\s*/Type /Pagination\s*>> BDC\s*/Folio\d+ Do\s*EMC", stream)
            else:
                assert digits == [], (number, head)
    assert numbered >= 2


@pytest.mark.parametrize("name", BOOKS)
def test_running_heads_are_page_furniture_not_text_of_the_tree(name, composed):
    heads = _page_texts(composed[name], "-y", "0", "-H", "43", "-W", "1000")
    headed = 0
    with pikepdf.open(composed[name]) as book:
        for page, head in zip(book.pages, heads):
            if not re.search(r"[^\W\d]", head):  # no running head (a folio alone, or nothing)
                continue
            headed += 1
            stream = _content(page)
            drawn = re.findall(rb"/Artifact <<\s*/Type /Pagination\s*>> BDC\s*(/\w+ Do)?", stream)
            # the head: WeasyPrint's text turned artifact, or a head stamped by the composer
            assert any(not m or m.startswith(b"/Head") for m in drawn), head
    assert headed >= 2


def _pdf_heading_levels(path: Path) -> list[int]:
    """The heading levels of the structure tree in reading order (H1 -> 1)."""
    levels = []

    def walk(element):
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            if re.fullmatch(r"/H[1-6]", str(element.S)):
                levels.append(int(str(element.S)[2]))
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

    with pikepdf.open(path) as book:
        walk(book.Root.StructTreeRoot.K[0])
    return levels


@pytest.mark.parametrize("name", ["anthology", "anthology-fresh", "story1"])
def test_headings_nest_as_in_the_epub(name, composed):
    manuscripts = [compile_story(p) for p in SMALL]
    book = (render_anthology(manuscripts, Metadata(title="Three Stories"), OPTIONS) if name.startswith("anthology")
            else render_book(manuscripts[0], OPTIONS))
    xhtml = [int(level) for doc in book.documents if doc.kind != "cover"
             for level in re.findall(r"<h([1-6])[\s>]", doc.xhtml)]
    assert 2 in xhtml or name == "story1"
    assert _pdf_heading_levels(composed[name]) == xhtml


def test_a_body_that_does_not_fit_is_laid_out_again():
    manuscripts = [compile_story(p) for p in SMALL[:2]]
    first = pdf.lay_out_bodies(render_book(manuscripts[0], OPTIONS), OPTIONS)[0]
    anthology = render_anthology(manuscripts, Metadata(title="Two"), OPTIONS)
    used = pdf.lay_out_bodies(anthology, OPTIONS, {1: first, 2: first})  # story 2 given story 1's body
    assert used[1] is first and used[2] is not first


def test_composed_pdf_passes_qpdf_and_opens_in_pypdf(composed):
    import pypdf

    for name in BOOKS:
        done = subprocess.run(["qpdf", "--check", str(composed[name])], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        assert len(pypdf.PdfReader(io.BytesIO(composed[name].read_bytes())).pages) > 2


def _word_boxes(data: bytes, tmp_path: Path, name: str) -> list[list[tuple]]:
    """Per page, every word with its box (points, to a hundredth: moving text over adds float noise)."""
    path = tmp_path / name
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    return [[(*(round(float(v), 2) for v in m.groups()[:4]), m.group(5)) for m in word.finditer(page)]
            for page in text.split("<page ")[1:]]


@pytest.mark.parametrize("right_hand, size", [(False, None), (True, None), (False, "A5")])
def test_a_body_laid_out_in_parts_prints_exactly_as_laid_out_whole(right_hand, size, tmp_path, monkeypatch):
    """Every word (running heads and folios included) at the same place on the same page: a later part laid out
    on a right-hand page but landing on a left-hand one gets its text moved and its running heads stamped."""
    from tests.writers.test_pdf import long_story

    options = Options(right_hand_chapters=right_hand, page_size=size)
    book = render_book(long_story(), options)
    whole, used = pdf.compose(book, options)
    assert len(used[0]) == 1
    monkeypatch.setattr(pdf, "PART_CHARS", 1)  # a part per chapter (the first with the notes before it,
    parted, used = pdf.compose(book, options)  # unless chapters open on right-hand pages anyway)
    assert len(used[0]) == (5 if right_hand else 4) and all((piece.heads is not None) == (n > 0 and not right_hand)
                                     for n, piece in enumerate(used[0]))
    if not right_hand:  # some part must have landed on the other hand, or the test shows nothing
        assert any(piece.starts[0][0] == 0 for piece in used[0][1:])
    assert _word_boxes(parted, tmp_path, "parted.pdf") == _word_boxes(whole, tmp_path, "whole.pdf")


@pytest.mark.parametrize("name", ["story1", "anthology"])
def test_xmp_metadata_gives_title_and_language(name, composed):
    with pikepdf.open(composed[name]) as book:
        xmp = book.open_metadata()
        assert xmp["dc:title"] == str(book.docinfo["/Title"]) and xmp["dc:title"]
        assert set(xmp["dc:language"]) == {str(book.Root.Lang)}
        assert "xmp:MetadataDate" not in xmp  # no clock time: the same book is the same bytes


def test_contents_leaders_are_printed_but_not_tagged(composed):
    with pikepdf.open(composed["anthology"]) as book:
        lists, stack = [], [book.Root.StructTreeRoot.K[0]]
        while stack:
            element = stack.pop()
            if element.S == "/L":
                lists.append(element)
            stack.extend(k for k in element.K if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/StructElem")
        [contents] = lists

        def count(element, what: str) -> int:
            kids = [k for k in element.K if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/StructElem"]
            own = sum(isinstance(k, int) for k in element.K) if what == "mcid" else int(element.S == what)
            return own + sum(count(k, what) for k in kids)

        entries = count(contents, "/LI")
        assert entries == 3
        # a title, a space and a page number each: the dozens of leader dots are artifacts
        assert count(contents, "mcid") <= 4 * entries
    text = "".join(_page_texts(composed["anthology"]))
    assert re.search(r"\. \. \. \. .*\d", text)
