"""A damaged body cache (dist/.bookmaker-bodies/) is discarded, never trusted: a garbage PDF, NaN, heads or starts
that do not fit, a record of the wrong shape. The anthology rebuilt beside it has the very bytes of one built
from scratch, and the discarded record is named once (--verbose prints it)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from bookmaker import library
from bookmaker.jobs import BuildOptions
from robustness_helpers import corpus, qpdf_check

OPTIONS = BuildOptions(("pdf",))


def build(folder: Path, out: Path, force: bool = False) -> library.Report:
    stories = sorted(folder.glob("*.txt"))
    return library.build_library(stories, out, OPTIONS, anthology=True, jobs=1, force=force)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(library folder, its output folder built before s.txt changed, the anthology built from scratch after)."""
    root = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(library, "toolchain_digest", lambda: "fixed")  # others' edits to the code must not matter
        lib = root / "lib"
        lib.mkdir()
        (lib / "a.txt").write_text(corpus.chapters(2, 120, seed=1), encoding="utf-8")
        (lib / "s.txt").write_text(corpus.chapters(2, 120, seed=2), encoding="utf-8")
        before = root / "before"
        assert not build(lib, before).errors
        (lib / "s.txt").write_text(corpus.chapters(2, 130, seed=2), encoding="utf-8")
        fresh = root / "fresh"
        assert not build(lib, fresh, force=True).errors
        yield lib, before, (fresh / "anthology.pdf").read_bytes()


def _garbage_pdf(record: dict, folder: Path) -> None:
    garbage = b"%PDF-1.7\nnot a pdf at all\n%%EOF\n"
    (folder / "a.txt.0.pdf").write_bytes(garbage)
    record["parts"][0]["sha256"] = hashlib.sha256(garbage).hexdigest()


def _set(key, value):
    return lambda record, folder: record["parts"][0].__setitem__(key, value)


DAMAGE = {
    "garbage-pdf": _garbage_pdf,
    "nan-start": lambda record, folder: record["parts"][0]["starts"][0].__setitem__(1, float("nan")),
    "start-beyond-pages": lambda record, folder: record["parts"][0]["starts"][0].__setitem__(0, 999),
    "wrong-heads": _set("heads", [7, 7, 7]),
    "heads-without-pdf": _set("heads", [0] * 2),
    "infinite-shift": _set("shift", float("inf")),
    "folios-as-strings": _set("folios", ["yes", "no"]),
    "names-not-strings": _set("names", [1, 2]),
    "no-parts": lambda record, folder: record.__setitem__("parts", []),
    "parts-not-a-list": lambda record, folder: record.__setitem__("parts", {"0": 1}),
    "head-pdf-not-hex": _set("head_pdf", "zz"),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_body_is_laid_out_again(built, tmp_path, damage, monkeypatch):
    monkeypatch.setattr(library, "toolchain_digest", lambda: "fixed")
    lib, before, fresh = built
    out = tmp_path / "out"
    shutil.copytree(before, out)
    folder = out / library.BODIES
    record = json.loads((folder / "a.txt.json").read_text(encoding="utf-8"))
    DAMAGE[damage](record, folder)
    (folder / "a.txt.json").write_text(json.dumps(record), encoding="utf-8")  # NaN and Infinity written as such
    report = build(lib, out)
    assert not report.errors, report.errors
    assert (out / "anthology.pdf").read_bytes() == fresh
    assert qpdf_check(out / "anthology.pdf")[0]
    assert len(report.notices) == 1 and "a.txt" in report.notices[0], report.notices


def test_a_sound_body_is_used(built, tmp_path, monkeypatch):
    """The control case: nothing damaged, the kept body is composed (no notice) and gives the same bytes."""
    monkeypatch.setattr(library, "toolchain_digest", lambda: "fixed")
    lib, before, fresh = built
    out = tmp_path / "out"
    shutil.copytree(before, out)
    report = build(lib, out)
    assert report.notices == [] and not report.errors
    assert (out / "anthology.pdf").read_bytes() == fresh


# Short ids: pytest puts the test's id in PYTEST_CURRENT_TEST, and a 200 KB one makes every process started meanwhile
# (the robustness corpus builds in the background) fail with E2BIG, "Argument list too long".
@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"parts": NaN, "fingerprint": "x"}', "\x00" * 100],
                         ids=["deep", "nan", "nul"])
def test_a_record_that_is_no_json_is_discarded(built, tmp_path, monkeypatch, text):
    """Too deep for the parser (a RecursionError, an internal error before), NaN, or bytes: laid out again."""
    monkeypatch.setattr(library, "toolchain_digest", lambda: "fixed")
    lib, before, fresh = built
    out = tmp_path / "out"
    shutil.copytree(before, out)
    (out / library.BODIES / "a.txt.json").write_text(text, encoding="utf-8")
    report = build(lib, out)
    assert not report.errors and (out / "anthology.pdf").read_bytes() == fresh
    assert len(report.notices) == 1


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, "[1, 2]", '{"s.epub": NaN}'],
                         ids=["deep", "list", "nan"])
def test_a_state_file_that_is_no_record_is_forgotten(tmp_path, text):
    (tmp_path / "story.txt").write_text(corpus.chapters(1, 60), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / library.STATE_FILE).write_text(text, encoding="utf-8")
    report = library.build_library([tmp_path / "story.txt"], out, BuildOptions(("epub",)), anthology=False, jobs=1)
    assert not report.errors and (out / "story.epub").is_file()
    assert "story.epub" in json.loads((out / library.STATE_FILE).read_text(encoding="utf-8"))


def test_a_story_whose_metadata_drops_every_paragraph(tmp_path):
    """No story body at all ([detect] drop = '.*'): a PDF of its title page and colophon, alone and in a library
    (an IndexError before), and its empty body serves the next anthology without a notice."""
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.txt").write_text(corpus.chapters(1, 80, seed=1), encoding="utf-8")
    (lib / "s.txt").write_text(corpus.chapters(2, 80, seed=2), encoding="utf-8")
    (lib / "s.toml").write_text("[detect]\ndrop = ['.*']\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(library, "toolchain_digest", lambda: "fixed")
        for jobs in (1, 2):
            report = library.build_library(sorted(lib.glob("*.txt")), out, OPTIONS, anthology=True, jobs=jobs,
                                           force=True)
            assert not report.errors, report.errors
        assert all(qpdf_check(out / name)[0] for name in ("s.pdf", "anthology.pdf"))
        (lib / "a.txt").write_text(corpus.chapters(1, 90, seed=1), encoding="utf-8")
        report = library.build_library(sorted(lib.glob("*.txt")), out, OPTIONS, anthology=True, jobs=1)
        assert not report.errors and report.notices == []
        assert "s.pdf" not in next(s for s in report.stories if s.path.name == "s.txt").built


@pytest.mark.parametrize("name", [library.STATE_FILE, f"{library.BODIES}/a.txt.json", f"{library.BODIES}/a.txt.0.pdf"])
def test_a_record_that_is_a_fifo_does_not_hang_the_build(built, tmp_path, monkeypatch, name):
    """Reading a FIFO waits for a writer for ever: a record that is not a regular file is not read."""
    import os

    monkeypatch.setattr(library, "toolchain_digest", lambda: "fixed")
    lib, before, fresh = built
    out = tmp_path / "out"
    shutil.copytree(before, out)
    (out / name).unlink()
    os.mkfifo(out / name)
    import threading

    done: list = []
    worker = threading.Thread(target=lambda: done.append(build(lib, out)), daemon=True)
    worker.start()
    worker.join(timeout=120)
    assert done, "the build hung on a FIFO"
    assert not done[0].errors and (out / "anthology.pdf").read_bytes() == fresh


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])


def _edit_record(path: Path, change) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(json.dumps(record), encoding="utf-8")


KEPT_DAMAGE = {  # the anthology's kept frame and contents, and the folio layer's chunks
    "frame-truncated": ("frame-*.bin", _truncate),
    "contents-truncated": ("contents-*.bin", _truncate),
    "contents-pages-of-the-wrong-kind": ("contents-*.json", lambda p: _edit_record(p, lambda r: r["with"].__setitem__(
        "pages", [1, 2]))),
    "frame-names-of-another-book": ("frame-*.json", lambda p: _edit_record(p, lambda r: r["with"]["piece"].__setitem__(
        "names", ["x.xhtml"] * len(r["with"]["piece"]["names"])))),
    "frame-record-nan": ("frame-*.json", lambda p: p.write_text('{"digest": NaN}', encoding="utf-8")),
    "folio-chunk-truncated": ("ahead0-*.bin", _truncate),
    "colophon-truncated": ("colophon-*.bin", _truncate),
    # a story's part of the anthology: the other story is compiled again
    "part-truncated": ("a.txt.anthology.json", _truncate),
    "part-a-changed-character": ("a.txt.anthology.json", lambda p: _edit_record(p, lambda r: r["part"][
        "documents"][-1].__setitem__("xhtml", r["part"]["documents"][-1]["xhtml"].replace("e", "o", 1)))),
    "part-name-out-of-the-book": ("a.txt.anthology.json", lambda p: _edit_record(p, lambda r: (
        r["part"]["documents"][0].__setitem__("name", "../../escaped.xhtml"), _reseal(r)))),
    "part-kind-unknown": ("a.txt.anthology.json", lambda p: _edit_record(p, lambda r: (
        r["part"]["documents"][0].__setitem__("kind", "script"), _reseal(r)))),
    "part-words-negative": ("a.txt.anthology.json", lambda p: _edit_record(p, lambda r: (
        r["part"].__setitem__("words", -5), _reseal(r)))),
    "part-toc-of-the-wrong-shape": ("a.txt.anthology.json", lambda p: _edit_record(p, lambda r: (
        r["part"].__setitem__("toc", {"title": 3, "href": [], "children": "x"}), _reseal(r)))),
}


def _reseal(record: dict) -> None:
    """A crafted part record: its checksum made to match, so only the checks of each field stand in the way."""
    record["sha256"] = hashlib.sha256(json.dumps(record["part"], sort_keys=True).encode()).hexdigest()


@pytest.mark.parametrize("damage", KEPT_DAMAGE, ids=list(KEPT_DAMAGE))
def test_a_damaged_kept_frame_or_folio_chunk_is_laid_out_again(built, tmp_path, damage, monkeypatch):
    monkeypatch.setattr(library, "toolchain_digest", lambda: "fixed")
    monkeypatch.setattr("bookmaker.writers.pdf_layout._folio_chunks", {})  # not this process's memory of a build
    lib, before, fresh = built
    out = tmp_path / "out"
    shutil.copytree(before, out)
    pattern, spoil = KEPT_DAMAGE[damage]
    found = sorted((out / library.BODIES).glob(pattern))
    assert found, pattern
    spoil(found[0])
    report = build(lib, out)
    assert not report.errors and (out / "anthology.pdf").read_bytes() == fresh
    if damage.startswith("part-"):  # named once, for --verbose
        assert [n for n in report.notices if "part of the anthology is damaged" in n] == [
            "a.txt: its kept part of the anthology is damaged: compiled again"]


def test_a_story_named_like_a_kind_of_kept_record_keeps_its_own_records(tmp_path):
    """KeptFolder keeps "frame-<32 hex digits>.bin": a story file "frame-1.txt", whose body is kept as
    "frame-1.txt.json" and "frame-1.txt.0.pdf", is neither mistaken for the frame nor forgotten when it is saved."""
    from bookmaker.records import KeptFolder

    folder = tmp_path / library.BODIES
    folder.mkdir()
    story_records = [folder / "frame-1.txt.json", folder / "frame-1.txt.0.pdf"]
    for path in story_records:
        path.write_text("{}", encoding="utf-8")
    kept = KeptFolder(str(folder), "key")
    damaged: list[str] = []
    assert kept.load("frame", damaged) is None and damaged == []
    kept.save("frame", "ab" * 32, b"frame bytes")
    assert all(path.exists() for path in story_records)
    assert kept.load("frame", damaged)[0] == b"frame bytes" and damaged == []
