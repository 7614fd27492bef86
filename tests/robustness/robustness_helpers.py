"""Helpers of the robustness suite: the bad-input corpus, running the CLI with a time limit, and the checks
every outcome must pass (one error line, or a book EPUBCheck and qpdf find clean; nothing partial, nothing outside)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 300  # seconds: any run longer than this is a hang (the largest case compiles in about 30 s)


def load(name: str, path: Path):
    """Import a file that is not in a package (the corpus script, another folder's test helpers)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


corpus = load("make_bad_inputs", ROOT / "scripts" / "make_bad_inputs.py")


@dataclass
class Run:
    """One run of the command line and what it left behind."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    out: Path | None = None
    before: dict[str, tuple] = field(default_factory=dict)  # files around the output folder before the run
    after: dict[str, tuple] = field(default_factory=dict)

    @property
    def outputs(self) -> list[Path]:
        return sorted(self.out.iterdir()) if self.out and self.out.is_dir() else []

    def books(self, suffix: str) -> list[Path]:
        return [p for p in self.outputs if p.suffix == suffix and p.is_file()]


def snapshot(folder: Path, skip: Path | None = None) -> dict[str, tuple]:
    """Every file under `folder` (but under `skip`) -> (size, mtime): what a run may not add to or change."""
    found = {}
    for path in folder.rglob("*"):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        try:
            stat = path.lstat()
            found[str(path.relative_to(folder))] = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            pass
    return found


def bookmaker(*args: str, cwd: Path, out: Path | None = None, prefix: tuple[str, ...] = (), env: dict | None = None,
              timeout: int = TIMEOUT, watch: Path | None = None) -> Run:
    """`python -m bookmaker ARGS` in `cwd`, as a user's terminal would run it (no COLUMNS set, not a tty).

    Files under `watch` (default: `cwd`), but those in the output folder `out`, are compared before and after.
    """
    # PYTEST_CURRENT_TEST holds the running test's id, which can be huge (a parametrized 100 KB input): the build
    # does not need it, and a child given it fails to start (E2BIG).
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PYTEST_CURRENT_TEST")}
    environment.update(env or {})
    watched = watch or cwd
    before = snapshot(watched, out)
    start = time.perf_counter()
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "bookmaker", *args], cwd=cwd, capture_output=True,
                                text=True, timeout=timeout, env=environment, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as expired:
        pytest.fail(f"bookmaker {' '.join(args)} hung: no exit after {timeout} s\n{expired.stderr}")
    seconds = time.perf_counter() - start
    return Run(list(args), result.returncode, result.stdout, result.stderr, seconds, out, before, snapshot(watched, out))


def assert_one_error_line(run: Run, *words: str) -> str:
    """A failed run: a non-zero exit and one line `error: ...` on stderr naming the cause; no traceback."""
    assert run.returncode != 0, f"exit 0 for a failed run: {run.stderr}"
    assert run.returncode != 70, f"internal error (a bug): {run.stderr}"
    assert "Traceback" not in run.stderr + run.stdout, run.stderr
    lines = run.stderr.strip("\n").split("\n")
    assert len(lines) == 1, f"expected one error line on stderr, got {len(lines)}:\n{run.stderr}"
    assert lines[0].startswith("error: "), lines[0]
    for word in words:
        assert word.lower() in lines[0].lower(), f"{word!r} not in {lines[0]!r}"
    return lines[0]


def assert_clean_success(run: Run) -> None:
    """A successful run: exit 0, nothing on stderr (warnings show only with --verbose)."""
    assert "Traceback" not in run.stderr + run.stdout, run.stderr
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip() == "", run.stderr


def assert_nothing_outside(run: Run) -> None:
    """The run wrote nothing but in its output folder (the story's folder and its parent are unchanged)."""
    added = sorted(set(run.after) - set(run.before))
    changed = sorted(k for k in run.before if k in run.after and run.after[k] != run.before[k])
    removed = sorted(set(run.before) - set(run.after))
    assert not (added or changed or removed), f"outside the output folder: added {added}, changed {changed}, removed {removed}"


def assert_no_partial_files(folder: Path) -> None:
    """No temporary left, every EPUB a complete zip starting with its mimetype, every PDF ends with %%EOF."""
    if not folder.is_dir():
        return
    names = [p.name for p in folder.iterdir()]
    assert not [n for n in names if n.endswith(".part") or ".part" in n], names
    for path in folder.iterdir():
        if not path.is_file():
            continue
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as book:
                assert book.testzip() is None, path
                assert book.namelist()[0] == "mimetype" and book.read("mimetype") == b"application/epub+zip"
        elif path.suffix == ".pdf":
            data = path.read_bytes()
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), path


def qpdf_check(path: Path) -> tuple[bool, str]:
    """qpdf --check: (clean, what it said); exit 0 with no warnings is clean."""
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, timeout=300)
    text = result.stdout + result.stderr
    return result.returncode == 0 and "WARNING" not in text.upper(), text[-2000:]


class Book:
    """A written EPUB read back: its package document and its XHTML documents in spine order (lxml trees)."""

    NS = {"c": "urn:oasis:names:tc:opendocument:xmlns:container", "opf": "http://www.idpf.org/2007/opf",
          "dc": "http://purl.org/dc/elements/1.1/", "h": "http://www.w3.org/1999/xhtml"}

    def __init__(self, path: Path):
        from lxml import etree

        self.path = path
        self.zip = zipfile.ZipFile(path)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        self.parse = lambda name: etree.fromstring(self.zip.read(name), parser)
        rootfile = self.parse("META-INF/container.xml").find(".//c:rootfile", self.NS).get("full-path")
        self.base = rootfile.rpartition("/")[0] + "/" if "/" in rootfile else ""
        self.opf = self.parse(rootfile)
        items = {i.get("id"): i for i in self.opf.findall("opf:manifest/opf:item", self.NS)}
        self.manifest = list(items.values())
        self.spine = [self.base + items[r.get("idref")].get("href") for r in self.opf.findall("opf:spine/opf:itemref", self.NS)]

    def dc(self, name: str) -> list[str]:
        return [e.text or "" for e in self.opf.findall(f"opf:metadata/dc:{name}", self.NS)]

    def documents(self):
        """(zip name, lxml tree) of every XHTML document in the package, the nav included."""
        for item in self.manifest:
            if item.get("media-type") == "application/xhtml+xml":
                name = self.base + item.get("href")
                yield name, self.parse(name)

    def text(self) -> str:
        """The text a reader sees, in spine order."""
        return "\n".join(" ".join(self.parse(name).itertext()) for name in self.spine)


_batch = None


def epubcheck(paths: list[Path]) -> dict[Path, dict]:
    """EPUBCheck's JSON report per EPUB, all in one JVM (the batch helper of tests/writers/test_epub.py)."""
    global _batch
    if _batch is None:
        writers = str(ROOT / "tests" / "writers")  # test_epub.py imports its folder's helpers (book_helpers)
        if writers not in sys.path:
            sys.path.insert(0, writers)
        _batch = load("_writers_test_epub_helpers", ROOT / "tests" / "writers" / "test_epub.py").epubcheck
    return _batch(paths) if paths else {}


def problems(report: dict) -> list[str]:
    """The errors and warnings of one EPUBCheck report, one line each."""
    return [f"{m.get('severity')} {m.get('ID')}: {m.get('message')} ({(m.get('locations') or [{}])[0].get('path')})"
            for m in report.get("messages", []) if m.get("severity") in ("FATAL", "ERROR", "WARNING")]


def privileges_dropped() -> tuple[str, ...] | None:
    """A command prefix under which file modes bind even for root (tests run as root, who reads a chmod 000 file).

    `setpriv` drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set: root keeps its uid but the
    kernel checks permission bits as for anyone else. Empty when not root (modes bind already); None when root
    cannot drop them (the tests then make the system call fail in-process instead).
    """
    if os.geteuid() != 0:
        return ()
    prefix = ("setpriv", "--bounding-set=-dac_override,-dac_read_search")
    try:
        probe = subprocess.run([*prefix, "true"], capture_output=True)
    except OSError:
        return None
    return prefix if probe.returncode == 0 else None
