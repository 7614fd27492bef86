"""bookmaker installs anywhere: a wheel built from the checkout, installed in a fresh virtual environment, builds a
seed from outside the checkout into books that validate (the stylesheet, fonts and templates travel in the wheel)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = sorted((REPO / "seeds").glob("*.txt"))[0]


def test_the_wheel_carries_the_stylesheet_fonts_and_templates_and_builds_outside_the_checkout(tmp_path):
    wheels = tmp_path / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "-w", str(wheels)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-3000:]
    [wheel] = wheels.glob("bookmaker-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"bookmaker/styles/book.css", "bookmaker/styles/fonts/fonts.css", "bookmaker/templates/chapter.xhtml.j2",
            "bookmaker/styles/fonts/CharisSIL-Regular.woff"} <= names

    # A fresh environment; the libraries come from this machine's (the wheel itself is installed alone).
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    installed = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)],
                               capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stderr[-3000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SEED, elsewhere / SEED.name)
    where = subprocess.run([str(python), "-c", "import bookmaker; print(bookmaker.__file__)"], cwd=elsewhere,
                           capture_output=True, text=True, check=True)
    assert str(venv) in where.stdout, "the installed wheel, not the checkout, must be the one that runs"
    version = subprocess.run([str(venv / "bin" / "bookmaker"), "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("bookmaker ")

    run = subprocess.run([str(venv / "bin" / "bookmaker"), "build", SEED.name, "-o", "out"], cwd=elsewhere,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    books = sorted(p.suffix for p in (elsewhere / "out").iterdir() if p.suffix in (".epub", ".pdf"))
    assert books == [".epub", ".pdf"]
    check = subprocess.run([str(venv / "bin" / "bookmaker"), "check", "out"], cwd=elsewhere, capture_output=True,
                           text=True, timeout=600)
    assert check.returncode == 0, check.stdout + check.stderr
    fonts = subprocess.run(["pdffonts", str(next((elsewhere / "out").glob("*.pdf")))], capture_output=True, text=True)
    assert "Charis" in fonts.stdout  # the vendored face, found inside the installed package
