"""A paragraph (and its section and document) that runs across a page break is one structure element in the PDF,
as it is one element in the EPUB: the tree has as many P as the book's XHTML has <p>, and some P spans pages."""

from __future__ import annotations

import io
import re
from collections import Counter

import pikepdf
import pytest

from bookmaker.model import Chapter, Manuscript, Metadata, Paragraph
from bookmaker.render import render_book
from bookmaker.render.book import Options
from bookmaker.writers import pdf

SENTENCE = "The lantern swung on its hook and the moth came back to it, as it did every night of that long summer. "


def story() -> Manuscript:
    paragraphs = [Paragraph.plain(SENTENCE * (3 + n % 5)) for n in range(40)]
    return Manuscript(meta=Metadata(title="Moths", author="A. Writer"),
                      chapters=[Chapter(paragraphs[:25], title="Summer"), Chapter(paragraphs[25:], title="Autumn")])


@pytest.fixture(scope="module")
def laid_out():
    book = render_book(story(), Options())
    data, _ = pdf.compose(book, Options())
    return book, pikepdf.open(io.BytesIO(data))


def elements(pdf_file: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found, stack = [], [pdf_file.Root.StructTreeRoot.K[0]]
    while stack:
        element = stack.pop()
        found.append(element)
        stack.extend(k for k in element.K if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/StructElem")
    return found


def pages_of(element, pdf_file) -> set[int]:
    numbers = {page.objgen: n for n, page in enumerate(pdf_file.pages)}
    found = set()
    for kid in element.K:
        if isinstance(kid, pikepdf.Dictionary) and "/Pg" in kid:
            found.add(numbers[kid.Pg.objgen])
    return found


def test_one_p_per_paragraph(laid_out):
    book, pdf_file = laid_out
    counts = Counter(str(e.S) for e in elements(pdf_file))
    wanted = sum(len(re.findall(r"<p[\s>]", d.xhtml)) for d in book.documents if d.kind != "cover")
    assert counts["/P"] == wanted
    assert counts["/Div"] == len([d for d in book.documents if d.kind != "cover"])  # one per document
    assert len(pdf_file.pages) > 8  # enough pages for paragraphs to break across them


def test_a_split_paragraph_keeps_its_text_in_order_across_pages(laid_out):
    _, pdf_file = laid_out
    split = [e for e in elements(pdf_file) if e.S == "/P" and len(pages_of(e, pdf_file)) > 1]
    assert split, "no paragraph ran across a page break"
    for element in split:
        order = [n for kid in element.K if isinstance(kid, pikepdf.Dictionary) and "/Pg" in kid
                 for n in pages_of(pikepdf.Dictionary(K=pikepdf.Array([kid])), pdf_file)]
        assert order == sorted(order)
        for kid in element.K:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                assert kid.P.objgen == element.objgen
