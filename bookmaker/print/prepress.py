"""A book PDF -> the same book ready for a print service: greys (black text) in DeviceGray, the page count padded.

A press separates an RGB grey into several inks, so small type prints fuzzy and costs colour. An equal-component
RGB colour is exactly that grey in DeviceGray, so rewriting the operator changes no pixel on screen. bookmaker's
PDF writer already draws its black as gray (writers/pdf_prepress.py); this pass also takes every other grey, and
PDFs made elsewhere. Blank pages go at the end, where a service asks for an even page count (or a whole number of
folio sheets, four pages).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator

from bookmaker.print.book_pdf import open_book

_GRAY = {"rg": Operator("g"), "RG": Operator("G")}


@dataclass(frozen=True)
class Prepressed:
    data: bytes
    colours_rewritten: int  # colour operators turned from RGB grey into DeviceGray
    blanks_added: int


def _gray_stream(pdf: pikepdf.Pdf, stream: pikepdf.Object, instructions) -> int:
    """Rewrite one content stream's grey RGB operators; returns how many it changed."""
    changed = 0
    out = []
    for instruction in instructions:
        operands, operator = instruction.operands, instruction.operator
        name = str(operator)
        if name in _GRAY and len(operands) == 3 and float(operands[0]) == float(operands[1]) == float(operands[2]):
            out.append(pikepdf.ContentStreamInstruction([operands[0]], _GRAY[name]))
            changed += 1
        else:
            out.append(instruction)
    if changed:
        stream.write(pikepdf.unparse_content_stream(out))
    return changed


def _forms(resources: pikepdf.Object, seen: set) -> list[pikepdf.Object]:
    """Form XObjects a page (or form) uses, and the forms they use, each once."""
    found = []
    for _, xobject in (resources.get("/XObject") or {}).items():
        key = xobject.objgen
        if xobject.get("/Subtype") == "/Form" and key not in seen:
            seen.add(key)
            found.append(xobject)
            found += _forms(xobject.get("/Resources") or Dictionary(), seen)
    return found


def gray_colours(pdf: pikepdf.Pdf) -> int:
    """Every page's and form's grey RGB colours as DeviceGray, in place; returns how many operators changed."""
    changed = 0
    seen: set = set()
    for page in pdf.pages:
        page.contents_coalesce()
        changed += _gray_stream(pdf, page.obj.Contents, pikepdf.parse_content_stream(page))
        for form in _forms(page.obj.get("/Resources") or Dictionary(), seen):
            changed += _gray_stream(pdf, form, pikepdf.parse_content_stream(form))
    return changed


def pad_pages(pdf: pikepdf.Pdf, multiple: int) -> int:
    """Blank pages, the size of the last, added at the end to a multiple of `multiple`; returns how many."""
    blanks = -len(pdf.pages) % multiple
    last = pdf.pages[-1]
    for _ in range(blanks):
        page = Dictionary(Type=Name.Page, MediaBox=Array(list(last.mediabox)), Resources=Dictionary(),
                          Contents=pdf.make_stream(b""))
        for box in ("/TrimBox", "/BleedBox"):
            if box in last.obj:
                page[box] = Array(list(last.obj[box]))
        pdf.pages.append(pikepdf.Page(page))
    return blanks


def prepress(data: bytes, multiple: int = 2) -> Prepressed:
    """A book PDF's bytes -> print-ready bytes. InputError when it is not a PDF with pages."""
    pdf = open_book(data)
    changed = gray_colours(pdf)
    blanks = pad_pages(pdf, multiple)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return Prepressed(out.getvalue(), changed, blanks)
