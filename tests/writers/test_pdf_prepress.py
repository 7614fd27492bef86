"""A composed PDF as a printer wants it: every embedded font subset has a name of its own, black is gray `0 g`."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone
from pathlib import Path

import pikepdf
import pytest

from book_helpers import build_story
from bookmaker.render.book import Options
from bookmaker.writers.pdf_prepress import _RGB_BLACK

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
WHEN = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    # The longest seed: its body is laid out in several pieces, each with its own subsets of the same faces.
    [path] = build_story(SEEDS / "002_da42a1dd7f11f69f.txt", tmp_path_factory.mktemp("prepress"), ["pdf"],
                         Options(modified=WHEN))
    return path


def embedded_fonts(path: Path) -> list[tuple[str, str]]:
    """(BaseFont, sha256 of its font program) of every embedded font of the PDF."""
    found = []
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and obj.get("/Subtype") == "/Type0":
                descriptor = obj.DescendantFonts[0].FontDescriptor
                program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
                assert str(descriptor.FontName) == str(obj.BaseFont) == str(obj.DescendantFonts[0].BaseFont)
                found.append((str(obj.BaseFont), hashlib.sha256(program.read_bytes()).hexdigest()))
    return found


def test_every_subset_has_its_own_name(book):
    fonts = embedded_fonts(book)
    assert len({program for _, program in fonts}) > 2  # several subsets of the faces, or this tests nothing
    by_name: dict[str, set[str]] = {}
    for name, program in fonts:
        assert re.match(r"^/[A-Z]{6}\+", name), name
        by_name.setdefault(name, set()).add(program)
    assert all(len(programs) == 1 for programs in by_name.values()), by_name


def test_black_is_gray(book):
    fills = []
    with pikepdf.open(book) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and (obj.get("/Subtype") == "/Form" or obj.objgen in
                                                     {p.obj.Contents.objgen for p in pdf.pages}):
                fills += re.findall(rb"(?<![\w.])(?:[\d.]+ ){1,3}(?:rg|g)(?!\w)", obj.read_bytes())
    assert fills and b"0 g" in fills
    assert b"0 0 0 rg" not in fills


@pytest.mark.parametrize("content, expected", [
    (b"q 0 0 0 rg BT /F1 12 Tf (x) Tj ET Q", b"q 0 g BT /F1 12 Tf (x) Tj ET Q"),
    (b"0 0 0 RG 1 w", b"0 G 1 w"),
    (b"0 0 0.5 rg", b"0 0 0.5 rg"),  # not black
    (b"10 0 0 rg", b"10 0 0 rg"),  # "0 0 0 rg" inside it, but the first number is 10
    (b"0.2 0 0 rg 1 0 0 1 0 0 cm", b"0.2 0 0 rg 1 0 0 1 0 0 cm"),
])
def test_only_rgb_black_operations_change(content, expected):
    assert _RGB_BLACK.sub(lambda m: b"0 g" if m.group(1) == b"rg" else b"0 G", content) == expected


def test_line_end_hyphens_copy_as_soft_hyphens(book):
    import subprocess

    from bookmaker.pipeline import compile_story

    text = subprocess.run(["pdftotext", str(book), "-"], capture_output=True, text=True, check=True).stdout
    assert "\u2010" not in text
    broken = re.findall(r"(\w+)\u00ad\n(\w+)", text)
    assert len(broken) > 20  # the seed's justified lines break words, or this tests nothing
    story = " ".join(c.text for c in compile_story(SEEDS / "002_da42a1dd7f11f69f.txt").chapters)
    words = set(re.findall(r"\w+", story))
    assert [a + b for a, b in broken if a + b not in words] == []
