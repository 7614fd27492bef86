"""`build --font`: the PDF is set in the book face asked for (text, running heads and folios), embedded; an unknown
face is one error line before anything is built."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bookmaker.writers.faces import FACES, face_css, face_named

STORY = ("The Quay\n\nby A. Harbour\n\nChapter 1\n\n" + "The boats came in at dusk and she counted them. " * 60
         + "\n\nChapter 2\n\n" + "None came the next day, nor the day after. " * 60 + "\n")


def _build(tmp_path, *args):
    (tmp_path / "quay.txt").write_text(STORY)
    return subprocess.run([sys.executable, "-m", "bookmaker", "build", "quay.txt", "-o", "out", "-f", "pdf", "-q",
                           *args], cwd=tmp_path, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("name, embedded", [("garamond", "EB-Garamond"), ("libertine", "Linux-Libertine-O")])
def test_the_pdf_is_set_and_embedded_in_the_face_asked_for(tmp_path, name, embedded):
    run = _build(tmp_path, "--font", name)
    assert run.returncode == 0, run.stderr
    [pdf] = (tmp_path / "out").glob("*.pdf")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(embedded in row for row in rows), fonts  # the folios and running heads too
    assert all(row.split()[-5] == "yes" for row in rows), fonts  # every font embedded
    assert subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True).returncode == 0


def test_an_unknown_face_is_one_error_line_and_nothing_built(tmp_path):
    run = _build(tmp_path, "--font", "comic")
    assert run.returncode == 4 and run.stderr.count("\n") == 1
    assert "charis, garamond, libertine" in run.stderr and not (tmp_path / "out").exists()


def test_the_default_face_adds_no_css():
    assert face_css(None) == face_css("Charis") == ""
    assert face_named(" GARAMOND ").family == "EB Garamond"
    assert all(f'"{face.family}"' in face_css(name) for name, face in FACES.items() if name != "charis")
