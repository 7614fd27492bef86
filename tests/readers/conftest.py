"""One folder of stories in every format the readers know, written by the tests, built once by `bookmaker build`."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import documents  # noqa: E402  (the fixtures' own builders, beside this file)


@dataclass
class Built:
    """The build of the formats folder: each story's outputs by source name, and the JSON `inspect` gave."""

    folder: Path
    out: Path
    epubs: dict[str, Path]
    pdfs: dict[str, Path]
    stderr: str

    def inspect(self, name: str) -> dict:
        result = subprocess.run([sys.executable, "-m", "bookmaker", "inspect", str(self.folder / name), "--json"],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    def xhtml(self, name: str) -> dict[str, str]:
        """Every XHTML document of a story's EPUB by file name."""
        with zipfile.ZipFile(self.epubs[name]) as archive:
            return {Path(n).name: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml")}

    def opf(self, name: str) -> str:
        with zipfile.ZipFile(self.epubs[name]) as archive:
            return archive.read(next(n for n in archive.namelist() if n.endswith(".opf"))).decode("utf-8")


def write_formats(folder: Path, epub_from_our_writer: Path) -> Path:
    """Every format, as the tests make them; the EPUB-in case is a book bookmaker itself wrote."""
    folder.mkdir(parents=True, exist_ok=True)
    documents.write(folder / "winter-road.html", documents.ao3_download())
    # An AO3 download saved with the wrong name: the content, not the suffix, chooses the reader.
    documents.write(folder / "one-shot.txt", documents.ao3_download(title="Frost Fair", chapters=1, series=None))
    documents.write(folder / "lantern-keeper.htm", documents.web_page())
    documents.write(folder / "low-water.html", documents.ao3_work_page())
    documents.write(folder / "long-winter.html", documents.fanfiction_net_page())
    documents.write(folder / "ferryman.rtf", documents.rtf_story())
    documents.make_docx(folder / "lanterns.docx")
    documents.make_odt(folder / "harbour.odt")
    documents.make_ao3_epub(folder / "salt-roads.epub")
    documents.make_fanficfare_epub(folder / "glass-orchard.epub")
    (folder / "rebuilt.epub").write_bytes(epub_from_our_writer.read_bytes())
    return folder


@pytest.fixture(scope="session")
def built_formats(tmp_path_factory) -> Built:
    root = tmp_path_factory.mktemp("formats")
    # A story bookmaker writes first, to be read back in as an EPUB made by another tool.
    source = documents.write(root / "quay.txt", "The Quay\n\nby A. Harbour\n\nChapter 1\n\nThe boats came in at dusk."
                             "\n\nShe counted them, *twice*.\n\nChapter 2\n\nNone came the next day.\n")
    first = subprocess.run([sys.executable, "-m", "bookmaker", "build", str(source), "-o", str(root / "first"),
                            "-f", "epub"], capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    [ours] = (root / "first").glob("*.epub")
    folder = write_formats(root / "stories", ours)
    out = root / "out"
    result = subprocess.run([sys.executable, "-m", "bookmaker", "build", str(folder), "-o", str(out), "--no-anthology",
                             "-j", "2"], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    state = json.loads((out / ".bookmaker-state.json").read_text(encoding="utf-8"))
    epubs, pdfs = {}, {}
    for output, entry in state.get("outputs", state).items():
        if isinstance(entry, dict) and entry.get("source"):
            (epubs if output.endswith(".epub") else pdfs)[Path(entry["source"]).name] = out / output
    return Built(folder, out, epubs, pdfs, result.stderr)
