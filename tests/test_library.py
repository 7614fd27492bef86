"""`bookmaker build` on a whole folder: every story and the anthology, incremental, atomic under SIGKILL."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from bookmaker.validate import check_epub, check_pdf

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPECTED = json.loads((ROOT.parent / "shared" / "seeds-expected.json").read_text(encoding="utf-8"))["stories"]
NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


def build(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bookmaker", "build", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=600, env={**os.environ, "COLUMNS": "200"})


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """The seeds folder built as a new user would: `bookmaker build` run in a copy of the project's layout."""
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(SEEDS, project / "seeds")
    result = build(cwd=project)
    assert result.returncode == 0, result.stderr
    return project


def test_build_leaves_every_book_and_the_anthology(library):
    dist = library / "dist"
    epubs, pdfs = sorted(dist.glob("*.epub")), sorted(dist.glob("*.pdf"))
    assert len(epubs) == len(EXPECTED) + 1 and len(pdfs) == len(EXPECTED) + 1
    assert (dist / "anthology.epub").is_file() and (dist / "anthology.pdf").is_file()
    assert not list(dist.glob(".*.part"))


def _nav(epub: Path) -> etree._Element:
    with zipfile.ZipFile(epub) as book:
        container = etree.fromstring(book.read("META-INF/container.xml"))
        opf_path = container.xpath("//*[local-name()='rootfile']/@full-path")[0]
        opf = etree.fromstring(book.read(opf_path))
        nav_href = opf.xpath("//*[local-name()='item'][contains(@properties,'nav')]/@href")[0]
        return etree.fromstring(book.read(str(Path(opf_path).parent / nav_href).lstrip("./")))


def test_anthology_nav_nests_every_story_and_its_chapters(library):
    nav = _nav(library / "dist" / "anthology.epub")
    toc = nav.xpath("//x:nav[@epub:type='toc']/x:ol", namespaces=NS)[0]
    stories = toc.xpath("./x:li", namespaces=NS)
    assert len(stories) == len(EXPECTED)
    chapters = [len(li.xpath("./x:ol/x:li", namespaces=NS)) for li in stories]
    assert chapters == [len(story["chapters"]) for story in EXPECTED]


def test_anthology_epub_passes_epubcheck(library):
    result = check_epub(library / "dist" / "anthology.epub")
    assert (result.errors, result.warnings) == (0, 0), result.messages


def test_every_pdf_passes_qpdf(library):
    for pdf in sorted((library / "dist").glob("*.pdf")):
        result = check_pdf(pdf)
        assert result.ok, (pdf.name, result.messages)


def test_anthology_pdf_outline_is_nested_and_contents_page_numbers_are_right(library):
    reader = PdfReader(str(library / "dist" / "anthology.pdf"))
    outline = reader.outline
    tops = [item for item in outline if not isinstance(item, list)]
    assert len(tops) == len(EXPECTED)
    nested = [item for item in outline if isinstance(item, list)]
    assert [len(n) for n in nested] == [len(s["chapters"]) for s in EXPECTED]
    # Each story on the contents page: its page number is the page where the outline says it starts.
    texts = [page.extract_text() or "" for page in reader.pages[:8]]
    contents = next(t for t in texts if "Contents" in t)
    for item in tops:
        start = reader.get_destination_page_number(item) + 1
        title = item.title
        match = re.search(re.escape(title[:20]) + r".*?(\d+)\s*$", contents, re.M | re.S)
        assert match and int(match.group(1)) == start, (title, start)


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if not p.name.startswith(".")}


def test_second_build_rebuilds_nothing_and_says_so(library):
    before = _mtimes(library / "dist")
    result = build(cwd=library)
    assert result.returncode == 0, result.stderr
    assert "Nothing to rebuild" in result.stdout
    assert _mtimes(library / "dist") == before


def test_changing_one_story_rebuilds_it_and_the_anthology_only(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    out = tmp_path / "dist"
    assert build(str(tmp_path / "seeds"), "--out", str(out), "-f", "epub").returncode == 0
    before = _mtimes(out)
    story = sorted((tmp_path / "seeds").glob("*.txt"))[-1]
    story.write_text(story.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    result = build(str(tmp_path / "seeds"), "--out", str(out), "-f", "epub")
    assert result.returncode == 0, result.stderr
    after = _mtimes(out)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert len(changed) == 2 and "anthology.epub" in changed


def _valid(path: Path) -> bool:
    if path.suffix == ".epub":
        try:
            with zipfile.ZipFile(path) as book:
                return book.testzip() is None and book.namelist()[0] == "mimetype"
        except zipfile.BadZipFile:
            return False
    if path.suffix == ".pdf":
        return check_pdf(path).ok
    return True


def test_sigkill_midway_leaves_old_or_new_files_only(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    out = tmp_path / "dist"
    assert build(str(tmp_path / "seeds"), "--out", str(out), "--jobs", "2").returncode == 0
    old = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    process = subprocess.Popen([sys.executable, "-m", "bookmaker", "build", str(tmp_path / "seeds"), "--out", str(out),
                                "--force", "--jobs", "2"], cwd=ROOT, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not list(out.glob(".*.part")):
        time.sleep(0.05)  # wait until a writer is midway through a file
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    for path in out.iterdir():
        if path.name.startswith("."):
            continue  # hidden temporaries of the killed build: removed by the next build
        data = path.read_bytes()
        assert data == old.get(path.name) or _valid(path), f"{path.name} is broken"
    result = build(str(tmp_path / "seeds"), "--out", str(out))
    assert result.returncode == 0 and not list(out.glob(".*.part"))


def test_anthology_after_one_story_changed_lays_out_only_that_story(tmp_path, monkeypatch):
    """The other stories' bodies come from dist/.bookmaker-bodies: laid out once, not again for the anthology."""
    from bookmaker.jobs import BuildOptions
    from bookmaker.library import BODIES, build_library, find_stories
    from bookmaker.writers import pdf_layout

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[-2:] + [SEEDS / "anthology.toml"]:
        shutil.copy(path, seeds / path.name)
    out = tmp_path / "dist"
    options = BuildOptions(formats=("pdf",))
    build_library(find_stories(seeds), out, options, anthology=True, anthology_file=seeds / "anthology.toml", jobs=1)
    assert len(list((out / BODIES).glob("*.txt.json"))) == 2
    first = (out / "anthology.pdf").read_bytes()

    laid_out: list[list[str]] = []
    lay_out = pdf_layout.lay_out
    monkeypatch.setattr("bookmaker.writers.pdf.lay_out",
                        lambda book, documents, *a, **k: laid_out.append([d.name for d in documents]) or
                        lay_out(book, documents, *a, **k))
    # The folio layer too comes from the output folder, not from this process's memory of the first build.
    monkeypatch.setattr(pdf_layout, "_folio_chunks", {})
    ahead_jobs: list[int] = []
    monkeypatch.setattr("bookmaker.graph.lay_out_ahead", lambda fmt, options, part: ahead_jobs.append(part))
    changed, kept = find_stories(seeds)
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    report = build_library(find_stories(seeds), out, options, anthology=True, anthology_file=seeds / "anthology.toml",
                           jobs=1)
    assert not report.errors and sorted(n for s in report.stories for n in s.built) == [
        s.stem + ".pdf" for s in report.stories if s.path == changed]
    bodies = [names for names in laid_out if any("chapter" in n for n in names)]
    assert len(bodies) == 1 and not bodies[0][0].startswith("s0")  # the changed story's own body, once
    assert (out / "anthology.pdf").read_bytes() != first and "One more line" in "".join(
        page.extract_text() for page in PdfReader(str(out / "anthology.pdf")).pages)
    assert report.anthology is not None and report.anthology.built == ["anthology.pdf"]
    assert ahead_jobs == []
    # ... and the anthology's title page, story openings and colophon from the frame kept last time.
    assert not any(name.endswith("-story.xhtml") or name == "titlepage.xhtml" and len(names) > 3
                   for names in laid_out for name in names)


def test_anthology_after_one_story_changed_compiles_only_that_story_and_is_the_same_book(tmp_path, monkeypatch):
    """The others' parts of the anthology are kept with their bodies: they are not compiled again, and the EPUB and
    the PDF are the bytes of an anthology built from scratch of the same stories."""
    from bookmaker import pipeline
    from bookmaker.jobs import BuildOptions
    from bookmaker.library import build_library, find_stories

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:3] + [SEEDS / "anthology.toml"]:
        shutil.copy(path, seeds / path.name)
    options = BuildOptions(formats=("epub", "pdf"))

    def run(out: Path):
        return build_library(find_stories(seeds), out, options, anthology=True, anthology_file=seeds / "anthology.toml",
                             jobs=1)

    assert not run(tmp_path / "dist").errors
    changed = find_stories(seeds)[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    compiled: list[str] = []
    compile_story = pipeline.compile_story
    monkeypatch.setattr(pipeline, "compile_story", lambda path, *a, **k: compiled.append(Path(path).name) or
                        compile_story(path, *a, **k))
    report = run(tmp_path / "dist")
    assert not report.errors and compiled == [changed.name]
    monkeypatch.setattr(pipeline, "compile_story", compile_story)
    assert not run(tmp_path / "fresh").errors
    for name in ("anthology.epub", "anthology.pdf"):
        assert (tmp_path / "dist" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name


def test_a_damaged_folio_chunk_kept_is_laid_out_again_to_the_same_bytes(tmp_path, monkeypatch):
    """The folio layer's chunks kept in dist/.bookmaker-bodies are checked against their digests: a damaged one is
    laid out again (said in --verbose), and the book is the same bytes as built from scratch."""
    from bookmaker.jobs import BuildOptions
    from bookmaker.library import BODIES, build_library, find_stories
    from bookmaker.writers import pdf_layout

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], seeds)
    out = tmp_path / "dist"
    options = BuildOptions(formats=("pdf",))
    build_library(find_stories(seeds), out, options, anthology=False, jobs=1)
    book = next(out.glob("*.pdf"))
    first = book.read_bytes()
    chunks = sorted((out / BODIES).glob("ahead*-*.bin"))
    assert chunks and len(list((out / BODIES).glob("ahead*-*.json"))) == len(chunks)
    chunks[0].write_bytes(chunks[0].read_bytes()[:-40] + b"%garbage")
    book.unlink()
    monkeypatch.setattr(pdf_layout, "_folio_chunks", {})
    report = build_library(find_stories(seeds), out, options, anthology=False, jobs=1)
    assert not report.errors and book.read_bytes() == first
    assert any("folio layer is damaged" in line for line in report.notices)


def test_a_book_beyond_the_page_cap_is_reported_once_though_laid_out_in_parts(tmp_path):
    """A long story's PDF body is laid out in parts, each job meeting the same cap: the user reads one line."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    longest = max(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size)
    shutil.copy(longest, seeds / longest.name)
    result = subprocess.run([sys.executable, "-m", "bookmaker", "build", str(seeds), "--out", str(tmp_path / "dist"),
                             "-q", "--jobs", "2", "--no-anthology"], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "BOOKMAKER_MAX_PDF_PAGES": "20"}, timeout=300)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert result.returncode != 0 and len(errors) == 1 and "PDF cap" in errors[0], result.stderr
    assert list((tmp_path / "dist").glob("*.epub")) and not list((tmp_path / "dist").glob("*.pdf"))
