"""A composed book (pikepdf.Pdf) -> the same book as a printer and a reader want it: each embedded font subset under
a name of its own, black drawn as gray (`0 g`) rather than RGB (`0 0 0 rg`), line-end hyphens copied as soft ones.

Pieces are laid out apart, so the same face is subset once per piece and every subset gets the tag WeasyPrint
derives from the face (five different `RBQAEQ+Charis-SIL` in one book): PDF 32000 (9.6.4) wants a distinct tag per
subset, and a print workflow that merges fonts by name swaps glyphs between them. Black as DeviceRGB is printed
in four inks on some presses; as DeviceGray, in black alone.
"""

from __future__ import annotations

import hashlib
import re

import pikepdf
from pikepdf import Name

_TAGGED = re.compile(r"^/?([A-Z]{6})\+(.+)$")
# `0 0 0 rg` (fill) and `0 0 0 RG` (stroke) as whole operations: not inside a number, not part of a longer name.
_RGB_BLACK = re.compile(rb"(?<![\w.\-])0 0 0 (rg|RG)(?![\w])")
# A glyph mapped to U+2010 in a ToUnicode CMap's bfchar entries ("<0a1f> <2010>").
_HARD_HYPHEN = re.compile(rb"(<[0-9A-Fa-f]{2,8}>\s*)<2010>", re.I)


def _subset_tag(program: bytes, family: str) -> str:
    """Six capital letters from the subset's bytes: the same subset gets the same tag on every build."""
    digest = hashlib.sha256(family.encode() + b"\0" + program).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def _font_program(font: pikepdf.Dictionary) -> tuple[pikepdf.Dictionary, pikepdf.Stream] | None:
    """(font descriptor, embedded font file) of a simple or composite font; None when nothing is embedded."""
    described = font.DescendantFonts[0] if font.get("/Subtype") == Name.Type0 else font
    descriptor = described.get("/FontDescriptor")
    if descriptor is None:
        return None
    program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3") or descriptor.get("/FontFile")
    return (descriptor, program) if program is not None else None


def name_subsets(book: pikepdf.Pdf) -> None:
    """Give every embedded subset a tag of its own, derived from its bytes, in the font, its descendant font
    and its descriptor alike (identical subsets keep one name)."""
    for font in [obj for obj in book.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == Name.Font]:
        if font.get("/Subtype") not in (Name.Type0, Name.TrueType, Name.Type1) or "/BaseFont" not in font:
            continue
        found = _TAGGED.match(str(font.BaseFont))
        program = _font_program(font)
        if not found or program is None:
            continue
        descriptor, stream = program
        family = found.group(2)
        renamed = Name(f"/{_subset_tag(stream.read_raw_bytes(), family)}+{family}")
        font.BaseFont = renamed
        descriptor.FontName = renamed
        if font.get("/Subtype") == Name.Type0:
            font.DescendantFonts[0].BaseFont = renamed


def gray_black(book: pikepdf.Pdf) -> None:
    """Rewrite RGB black as gray black in every page and form content stream."""
    streams = [page.obj.Contents for page in book.pages if "/Contents" in page.obj]
    streams += [obj for obj in book.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == Name.Form]
    seen: set[tuple[int, int]] = set()
    for stream in streams:
        for part in (stream if isinstance(stream, pikepdf.Array) else [stream]):
            if part.objgen in seen:
                continue
            seen.add(part.objgen)
            data = part.read_bytes()
            grayed = _RGB_BLACK.sub(lambda m: b"0 g" if m.group(1) == b"rg" else b"0 G", data)
            if grayed != data:
                part.write(grayed)


def soft_line_end_hyphens(book: pikepdf.Pdf) -> None:
    """Make the hyphens WeasyPrint adds where it breaks a word read as soft hyphens (U+00AD) when the text is
    copied or read aloud: it prints U+2010 (book.css's hyphenate-character), a glyph of its own that story text
    never uses (typed hyphens are U+002D), so "Wil‐ low" becomes "Wil\u00adlow", one word."""
    for font in [obj for obj in book.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == Name.Font]:
        cmap = font.get("/ToUnicode")
        if cmap is None:
            continue
        data = cmap.read_bytes()
        softened = _HARD_HYPHEN.sub(rb"\1<00ad>", data)
        if softened != data:
            cmap.write(softened)


def prepare_for_print(book: pikepdf.Pdf) -> None:
    """Distinct subset names, gray black and soft line-end hyphens, on a book about to be saved."""
    name_subsets(book)
    gray_black(book)
    soft_line_end_hyphens(book)
