"""Three long public-domain novels -> a Markdown table: bookmaker's EPUB + PDF build against Pandoc's, per novel.

    python benchmarks/novels.py --runs 3             # Frankenstein, Dracula, The War of the Worlds; prints the table
    python benchmarks/novels.py --runs 3 --install   # first apt-get install pandoc when missing
    python benchmarks/novels.py --corpus DIR --out FILE

The novels are found in the corpus folder (default ../shared/corpus/texts) by the title on their Project Gutenberg
header line ("The Project Gutenberg eBook of Dracula"), never copied. Each round builds every novel with each tool,
tools alternating, so load from elsewhere on the machine falls on both alike:
  bookmaker  `build NOVEL --out FRESH -f epub -f pdf --force` (one process pool, every core)
  Pandoc     `pandoc -f markdown NOVEL -o X.epub`, then `-o X.pdf --pdf-engine=weasyprint` (one after the other)
Cells are medians (min-max) of wall time; CPU time (user + system of the command and its children) beside it.
bookmaker runs from a snapshot of the package taken at start (benchmarks/run.py), so others' edits do not leak in.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BenchError, children_cpu, run, snapshot  # noqa: E402 - the seeds benchmark's helpers

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "texts"
NOVELS = ("Frankenstein", "Dracula", "The War of the Worlds")
TARGET = 0.6  # the goal: bookmaker's wall time at most this share of Pandoc's, per novel


@dataclass
class Novel:
    title: str
    path: Path


@dataclass
class Timing:
    """The samples of one tool on one novel."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def cell(self) -> str:
        if not self.wall:
            return "–"
        return (f"{statistics.median(self.wall):.1f} s ({min(self.wall):.1f}–{max(self.wall):.1f}), "
                f"CPU {statistics.median(self.cpu):.1f} s")


# "The Project Gutenberg eBook of Dracula, by Bram Stoker" or the older "Project Gutenberg's The War of the Worlds, by ..."
_HEADER = re.compile(r"Project Gutenberg(?:'s| e[Bb]ook of) (?P<title>[^,;]+)")


def gutenberg_title(path: Path) -> str:
    """The title on a Project Gutenberg header line (see _HEADER) -> "Dracula", or "" when there is none."""
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        for _, line in zip(range(20), handle):
            match = _HEADER.search(line)
            if match:
                return match["title"].strip()
    return ""


def find_novels(corpus: Path, titles: tuple[str, ...] = NOVELS) -> list[Novel]:
    """Each title's file in `corpus`, by its Gutenberg header; BenchError naming the ones missing."""
    found = {gutenberg_title(p).casefold(): p for p in sorted(corpus.glob("*.txt"))}
    missing = [t for t in titles if t.casefold() not in found]
    if missing:
        raise BenchError(f"not found in {corpus}: {', '.join(missing)}")
    return [Novel(t, found[t.casefold()]) for t in titles]


def ensure_pandoc(install: bool) -> bool:
    if shutil.which("pandoc") is None and install and shutil.which("apt-get"):
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(sudo + ["apt-get", "install", "-y", "-q", "pandoc"], check=False, env=env)
    if shutil.which("pandoc") is None:
        print("warning: pandoc not found (apt-get install -y pandoc, or --install): its column is empty", file=sys.stderr)
        return False
    return True


def timed(commands: list[list[str]], timing: Timing, env=None, cwd=None) -> float:
    cpu, start = children_cpu(), time.perf_counter()
    for cmd in commands:
        run(cmd, env, cwd)
    wall = time.perf_counter() - start
    timing.wall.append(wall)
    timing.cpu.append(children_cpu() - cpu)
    return wall


def bookmaker_build(novel: Novel, out: Path) -> list[list[str]]:
    return [[sys.executable, "-m", "bookmaker", "build", str(novel.path), "--out", str(out), "-f", "epub", "-f", "pdf",
             "--force", "--quiet"]]


def pandoc_build(novel: Novel, out: Path) -> list[list[str]]:
    base = ["pandoc", "-f", "markdown", str(novel.path), "--metadata", f"title={novel.title}"]
    return [base + ["-o", str(out / "book.epub")], base + ["-o", str(out / "book.pdf"), "--pdf-engine=weasyprint"]]


def check_books(out: Path, tool: str) -> None:
    """A build that wrote no EPUB and PDF measured nothing."""
    suffixes = sorted({p.suffix for p in out.iterdir() if p.is_file() and not p.name.startswith(".") and p.stat().st_size})
    if suffixes != [".epub", ".pdf"]:
        raise BenchError(f"{tool} wrote {suffixes or 'nothing'} in {out}, expected an EPUB and a PDF")


def table(novels: list[Novel], ours: dict[str, Timing], theirs: dict[str, Timing], runs: int) -> str:
    weasy = subprocess.run(["weasyprint", "--version"], capture_output=True, text=True).stdout.strip()
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.splitlines()[:1] \
        if shutil.which("pandoc") else ["pandoc missing"]
    lines = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores, "
             f"{platform.machine()}, median of {runs} runs (min–max); Python {platform.python_version()}, "
             f"{weasy}, {pandoc[0]}. The machine is shared: the load average was "
             f"{os.getloadavg()[0]:.1f} at the end.", "",
             "| Novel | size | bookmaker (EPUB + PDF) | Pandoc (EPUB, then PDF via WeasyPrint) | bookmaker / Pandoc |",
             "|---|---|---|---|---|"]
    for novel in novels:
        a, b = ours[novel.title], theirs[novel.title]
        ratio = "–"
        if a.wall and b.wall:
            r = statistics.median(a.wall) / statistics.median(b.wall)
            ratio = f"{r:.2f} ({'✓' if r <= TARGET else '✗'} ≤ {TARGET})"
        size = f"{novel.path.stat().st_size / 1000:.0f} KB"
        lines.append(f"| {novel.title} | {size} | {a.cell()} | {b.cell()} | {ratio} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed rounds (default 3; no warm-up: each build is long)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"folder of the novels (default {CORPUS})")
    parser.add_argument("--install", action="store_true", help="apt-get install pandoc if missing")
    parser.add_argument("--only", choices=["bookmaker", "pandoc"], help="one tool's column only")
    parser.add_argument("--out", type=Path, help="also write the Markdown table to this file")
    args = parser.parse_args(argv)
    try:
        novels = find_novels(args.corpus)
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    with_pandoc = args.only != "bookmaker" and ensure_pandoc(args.install)
    with_ours = args.only != "pandoc"
    ours = {n.title: Timing() for n in novels}
    theirs = {n.title: Timing() for n in novels}
    with tempfile.TemporaryDirectory(prefix="bookmaker-novels-") as tmp:
        root = Path(tmp)
        src = snapshot(root / "src")
        env = {**os.environ, "PYTHONPATH": str(src)}
        try:
            for round_number in range(1, args.runs + 1):
                for novel in novels:
                    for tool in (["bookmaker"] if with_ours else []) + (["pandoc"] if with_pandoc else []):
                        out = root / f"{tool}-{round_number}-{novel.path.stem}"
                        out.mkdir()
                        load = os.getloadavg()[0]
                        if tool == "bookmaker":
                            wall = timed(bookmaker_build(novel, out), ours[novel.title], env, cwd=src)
                        else:
                            wall = timed(pandoc_build(novel, out), theirs[novel.title])
                        check_books(out, tool)
                        shutil.rmtree(out)
                        print(f"  run {round_number} {tool} {novel.title}: {wall:.1f} s wall, load {load:.1f}",
                              file=sys.stderr, flush=True)
        except BenchError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    text = table(novels, ours, theirs, args.runs)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
