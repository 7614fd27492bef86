"""The print commands on the command line: what they write, and bad input as one line and an exit code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from print_helpers import numbered_book, qpdf_ok

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bookmaker", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin:/usr/local/bin"})


def test_impose_writes_the_sheets_and_says_what_they_are(tmp_path):
    (tmp_path / "book.pdf").write_bytes(numbered_book(37))
    result = run("impose", "book.pdf", "--sheets", "4", "--marks", "--sewing", "4", "--order-marks", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "signatures of 4, 4, 2 sheets" in result.stdout and "37 pages + 3 blank" in result.stdout
    qpdf_ok(tmp_path / "book.folio.pdf")


def test_impose_bad_input_is_one_line(tmp_path):
    (tmp_path / "story.txt").write_text("Not a PDF at all.\n")
    (tmp_path / "book.pdf").write_bytes(numbered_book(4))
    cases = [(("impose", "missing.pdf"), 2, "cannot read"), (("impose", "story.txt"), 2, "not a PDF"),
             (("impose", "book.pdf", "--layout", "sexto"), 4, "not one of folio"),
             (("impose", "book.pdf", "--duplex", "sideways"), 4, "--duplex"),
             (("impose", "book.pdf", "--layout", "octavo", "--paper", "Letter"), 4, "the paper is")]
    for args, code, message in cases:
        result = run(*args, cwd=tmp_path)
        assert result.returncode == code, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ") and message in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.pdf", "story.txt"]  # nothing half-written


def test_cover_reads_the_book_and_writes_the_wrap(tmp_path):
    import pikepdf

    (tmp_path / "book.pdf").write_bytes(numbered_book(200))
    with pikepdf.open(tmp_path / "book.pdf", allow_overwriting_input=True) as pdf:
        pdf.docinfo["/Title"] = "A Test Title"
        pdf.save(tmp_path / "book.pdf")
    result = run("cover", "book.pdf", "--ppi", "400", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "spine 0.500 in for 200 pages" in result.stdout
    qpdf_ok(tmp_path / "book.cover.pdf")


def test_cover_without_a_title_is_one_line(tmp_path):
    (tmp_path / "book.pdf").write_bytes(numbered_book(8))
    result = run("cover", "book.pdf", cwd=tmp_path)
    assert result.returncode == 4 and result.stderr.strip().endswith("the PDF has no title: give --title")
    assert not (tmp_path / "book.cover.pdf").exists()


def test_build_with_a_trim_imposes_and_wraps_what_it_built(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("A Short Story\n\nby Some One\n\nChapter 1\n\n" + "The lantern burned all night. " * 40 + "\n")
    result = run("build", "story.txt", "-f", "pdf", "--out", "out", "--trim", "A5", "--impose", "folio",
                 "--cover-wrap", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").glob("*.pdf"))
    assert len(names) == 3 and any(n.endswith(".folio.pdf") for n in names) and any(n.endswith(".cover.pdf") for n in names)
    for name in names:
        qpdf_ok(tmp_path / "out" / name)
    import pikepdf

    with pikepdf.open(tmp_path / "out" / next(n for n in names if n.count(".") == 1)) as pdf:
        width = float(pdf.pages[0].mediabox[2]) - float(pdf.pages[0].mediabox[0])
    assert abs(width - 148 * 72 / 25.4) < 1.0  # laid out at A5


def test_build_with_an_unknown_trim_fails_before_building(tmp_path):
    (tmp_path / "story.txt").write_text("Some words of a story.\n")
    result = run("build", "story.txt", "--out", "out", "--trim", "C9", cwd=tmp_path)
    assert result.returncode == 4 and "trim 'C9' is not one of" in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))
