"""A bookmaker build under py-spy (every process) -> where the CPU time goes, by stage, as Markdown tables.

    python benchmarks/profile.py                       # profile a full build of seeds/ (--force, fresh --out)
    python benchmarks/profile.py -- -f epub            # extra arguments go to `bookmaker build`
    python benchmarks/profile.py --raw prof.txt        # re-read a py-spy raw file instead of profiling again
    python benchmarks/profile.py --importtime          # CLI start-up: python -X importtime on a no-op rebuild
    python benchmarks/profile.py --stages              # each job's stages timed in one process (no py-spy)

py-spy (`pip install py-spy`) samples each process of the build (--subprocesses) while it runs on a CPU;
each sampled stack is put in the first stage below whose frame pattern it contains, so a stage's share is
the CPU time spent in it and under it. `--svg prof.svg` also writes a flame graph.
"""

from __future__ import annotations

import argparse
import collections
import logging
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (stage, frame patterns): the first stage whose pattern occurs anywhere in a stack takes the sample.
STAGES = [
    ("imports (module loading)", ["_find_and_load (<frozen importlib"]),
    ("PDF: font subsetting (fontTools.subset)", ["fontTools/subset"]),
    ("PDF: fonts, other (fontTools: WOFF to TTF for each document, loading)", ["fontTools/"]),
    ("PDF: hyphenation (pyphen)", ["pyphen/"]),
    ("PDF: text shaping and line breaking (weasyprint/text, Pango)", ["weasyprint/text/"]),
    ("PDF: layout (weasyprint/layout: blocks, pages, TOC counters)", ["weasyprint/layout/"]),
    ("PDF: style cascade (weasyprint/css)", ["weasyprint/css/"]),
    ("PDF: HTML parse and box tree (weasyprint html, formatting_structure)",
     ["weasyprint/html.py", "weasyprint/formatting_structure/", "tinyhtml5/", "html5lib/"]),
    ("PDF: font embedding and subsetting (weasyprint/pdf/fonts.py)", ["weasyprint/pdf/fonts.py"]),
    ("PDF: structure tags (weasyprint/pdf/tags.py; pydyf page_references)", ["weasyprint/pdf/tags.py"]),
    ("PDF: draw and write the PDF (weasyprint/draw, pdf, pydyf)",
     ["weasyprint/draw", "weasyprint/pdf/", "pydyf", "weasyprint/stacking", "weasyprint/document.py"]),
    ("PDF: other WeasyPrint", ["weasyprint/"]),
    ("PDF: compose pieces, stamp folios (pikepdf; writers/pdf_compose.py)", ["pikepdf/", "bookmaker/writers/pdf_compose.py"]),
    ("PDF: bookmaker assemble and plan (writers/pdf.py, pdf_layout.py)",
     ["bookmaker/writers/pdf.py", "bookmaker/writers/pdf_layout.py"]),
    ("EPUB: ebooklib write_epub", ["ebooklib/"]),
    ("EPUB: zip rewrite (writers/epub.py _rewrite_zip)", ["_rewrite_zip (bookmaker/writers/epub.py"]),
    ("EPUB: other (reader CSS, packaging)", ["bookmaker/writers/epub.py"]),
    ("render: cover PNG (cover.py, Pillow)", ["bookmaker/cover.py"]),
    ("render: XHTML (render/, jinja2)", ["bookmaker/render/"]),
    ("compile: decode (ftfy, charset-normalizer)", ["bookmaker/decode.py"]),
    ("compile: detect", ["bookmaker/detect/"]),
    ("compile: typography", ["bookmaker/typography/"]),
    ("compile: other (metadata, split, pipeline)", ["bookmaker/pipeline.py", "bookmaker/split.py", "bookmaker/metadata.py"]),
    ("fingerprints (library.py digests)", ["toolchain_digest", "story_digest"]),
    ("process pool: pickling, pipes, start", ["pickle", "multiprocessing/", "concurrent/futures/"]),
    ("CLI and console (typer, rich)", ["typer/", "rich/", "click/"]),
]
OTHER = "other"
_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^:()]+)(?::\d+)?\)$")


def classify(frames: list[str]) -> str:
    if not frames:
        return "(no Python frame: interpreter start-up or exit, or native code)"
    for stage, patterns in STAGES:
        if any(p in frame for frame in frames for p in patterns):
            return stage
    return OTHER


def read_raw(path: Path) -> list[tuple[str, list[str], int]]:
    """py-spy raw (collapsed) output -> (process, frames from the root, sample count) per line."""
    stacks = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        parts = stack.split(";")
        processes = [p for p in parts if p.startswith("process ")]  # the chain parent -> child; the last is the sampled one
        frames = [p for p in parts if not p.startswith("process ")]
        stacks.append((processes[-1].split(":")[0] if processes else "", frames, int(count)))
    return stacks


def short(frame: str) -> str:
    """'layout_line (weasyprint/layout/inline.py:123)' -> 'layout_line (weasyprint/layout/inline.py)'."""
    match = _FRAME.match(frame)
    return f"{match['func']} ({match['file']})" if match else frame


def report(stacks: list[tuple[str, list[str], int]], rate: int, top: int = 15) -> str:
    total = sum(n for _, _, n in stacks) or 1
    by_stage: collections.Counter[str] = collections.Counter()
    by_process: collections.Counter[str] = collections.Counter()
    self_time: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()
    for process, frames, n in stacks:
        by_stage[classify(frames)] += n
        by_process[process] += n
        if frames:
            self_time[short(frames[-1])] += n
        for frame in {short(f) for f in frames}:
            if "bookmaker/" in frame or "weasyprint/" in frame or "ebooklib" in frame:
                inclusive[frame] += n

    def seconds(n: int) -> str:
        return f"{n / rate:.1f} s"

    lines = [f"{total} samples at {rate} Hz = {total / rate:.1f} CPU-seconds over {len(by_process)} processes", "",
             "| Stage | CPU | share |", "|---|---|---|"]
    lines += [f"| {stage} | {seconds(n)} | {100 * n / total:.1f}% |" for stage, n in by_stage.most_common()]
    lines += ["", "| Process | CPU | share |", "|---|---|---|"]
    lines += [f"| {p or '(one process)'} | {seconds(n)} | {100 * n / total:.1f}% |" for p, n in by_process.most_common()]
    lines += ["", f"Top {top} functions by self time:", "", "| Function | CPU (self) | share |", "|---|---|---|"]
    lines += [f"| `{f}` | {seconds(n)} | {100 * n / total:.1f}% |" for f, n in self_time.most_common(top)]
    lines += ["", f"Top {top + 10} bookmaker / WeasyPrint / ebooklib functions by inclusive time:", "",
              "| Function | CPU (inclusive) | share |", "|---|---|---|"]
    lines += [f"| `{f}` | {seconds(n)} | {100 * n / total:.1f}% |" for f, n in inclusive.most_common(top + 10)]
    return "\n".join(lines) + "\n"


def record(build_args: list[str], raw: Path, rate: int, svg: Path | None) -> None:
    if shutil.which("py-spy") is None:
        raise SystemExit("error: py-spy is not installed: pip install py-spy")
    out = Path(tempfile.mkdtemp(prefix="bookmaker-profile-"))
    command = [sys.executable, "-m", "bookmaker", "build", "--out", str(out), "--force", "--quiet", *build_args]
    try:
        subprocess.run(["py-spy", "record", "--subprocesses", "--rate", str(rate), "--format", "raw",
                        "-o", str(raw), "--", *command], check=True, cwd=ROOT)
        if svg:
            subprocess.run(["py-spy", "record", "--subprocesses", "--rate", str(rate), "-o", str(svg), "--", *command],
                           check=True, cwd=ROOT)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def importtime(build_args: list[str], top: int = 20) -> str:
    """`python -X importtime` on a no-op rebuild of seeds/ -> the slowest top-level imports, as a Markdown table."""
    out = Path(tempfile.mkdtemp(prefix="bookmaker-importtime-"))
    base = [sys.executable, "-m", "bookmaker", "build", "--out", str(out), "--quiet", *build_args]
    try:
        subprocess.run(base, check=True, cwd=ROOT, capture_output=True)  # build once: the next run is a no-op
        done = subprocess.run([sys.executable, "-X", "importtime", *base[1:]], cwd=ROOT, capture_output=True, text=True)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    rows = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match[3]) <= 2:  # top-level imports only (nested ones are in their parents' cumulative time)
            rows.append((int(match[2]), match[4]))
    total = sum(us for us, _ in rows)
    lines = [f"Top-level imports of a no-op rebuild: {total / 1e6:.3f} s in all", "",
             "| Module (with what it imports) | cumulative |", "|---|---|"]
    lines += [f"| `{name}` | {us / 1000:.0f} ms |" for us, name in sorted(rows, reverse=True)[:top]]
    return "\n".join(lines) + "\n"


class _Steps(logging.Handler):
    """Timestamps of WeasyPrint's progress messages ("Step 5 - Creating layout - Page 3")."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.marks: list[tuple[float, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.marks.append((time.perf_counter(), record.getMessage()))


STEP_NAMES = {"1": "WP 1 parse HTML", "2": "WP 2 parse CSS", "3": "WP 3 cascade", "4": "WP 4 box tree",
              "5": "WP 5 layout", "6": "WP 6 draw PDF", "7": "WP 7 write PDF"}


def stages(seeds: Path) -> str:
    """Each job of a build of `seeds`, run in this process one after another -> seconds per stage, as Markdown.

    Stages: compile (decode, detect, typography), render (XHTML + cover; the cover alone beside it), EPUB
    writer, then the PDF writer cut at WeasyPrint's own progress steps (pages laid out and repaginations counted).
    """
    try:
        import bookmaker  # noqa: F401  (a PYTHONPATH snapshot wins over the working tree)
    except ImportError:
        sys.path.insert(0, str(ROOT))
    from bookmaker.anthology import ANTHOLOGY_FILE, order_stories
    from bookmaker.cover import make_cover
    from bookmaker.jobs import BuildOptions, Source, render_source
    from bookmaker.library import find_stories
    from bookmaker.pipeline import compile_story
    from bookmaker.writers import pdf, writer_for

    options = BuildOptions()
    bodies: dict = {}
    paths = order_stories(find_stories(seeds), seeds / ANTHOLOGY_FILE)
    out = Path(tempfile.mkdtemp(prefix="bookmaker-stages-"))
    rows, manuscripts = [], []
    progress = logging.getLogger("weasyprint.progress")
    progress.setLevel(logging.INFO)
    columns = ["compile", "render", "(cover)", "EPUB", "assemble+CSS", *STEP_NAMES.values(), "PDF total", "pages", "layout passes"]
    try:
        for path in paths:
            start = time.perf_counter()
            manuscripts.append(compile_story(path))
            rows.append((path.name, {"compile": time.perf_counter() - start}, Source.story(manuscripts[-1], path)))
        rows.append(("anthology", {"compile": 0.0},
                     Source(tuple(manuscripts), tuple(map(str, paths)), anthology=True,
                            anthology_file=str(seeds / ANTHOLOGY_FILE))))
        for name, row, payload in rows:
            start = time.perf_counter()
            rendered = render_source(payload, options)
            book, render_options = rendered.book, rendered.options
            row["render"] = time.perf_counter() - start
            start = time.perf_counter()
            make_cover(book.display_title, book.display_author)
            row["(cover)"] = time.perf_counter() - start
            start = time.perf_counter()
            writer_for("epub").write(book, out / "book.epub", render_options)
            row["EPUB"] = time.perf_counter() - start
            steps = _Steps()
            progress.addHandler(steps)
            start = time.perf_counter()
            # As a build does: the anthology is composed from the stories' bodies laid out before it.
            used = pdf.write(book, out / "book.pdf", render_options, bodies if name == "anthology" else None)
            if name != "anthology":
                bodies[len(bodies) + 1] = used[0]
            end = time.perf_counter()
            progress.removeHandler(steps)
            row["PDF total"] = end - start
            marks = [(t, re.search(r"Step (\d)", m)) for t, m in steps.marks]
            # CSS objects are built before the HTML: time until the first HTML step is our assembly + CSS parsing.
            first_html = next((t for t, m in marks if m and m[1] != "2"), end)
            row["assemble+CSS"] = first_html - start
            for (t, m), (t_next, _) in zip(marks, marks[1:] + [(end, None)]):
                if m and t >= first_html:
                    key = STEP_NAMES[m[1]]
                    row[key] = row.get(key, 0.0) + t_next - t
            row["pages"] = sum(1 for _, m in steps.marks if re.search(r"Page \d+$", m))
            row["layout passes"] = 1 + sum(1 for _, m in steps.marks if "Repagination" in m)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    lines = ["| Job | " + " | ".join(columns) + " |", "|---|" + "---|" * len(columns)]
    totals: dict[str, float] = collections.defaultdict(float)
    for name, row, _ in rows:
        cells = []
        for c in columns:
            value = row.get(c, 0)
            totals[c] += value
            cells.append(str(value) if isinstance(value, int) else f"{value:.2f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("| **all** | " + " | ".join(str(int(totals[c])) if c in ("pages", "layout passes") else f"**{totals[c]:.2f}**"
                                          for c in columns) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, help="read this py-spy raw file (or write it, with --record)")
    parser.add_argument("--record", action="store_true", help="profile even when --raw names an existing file")
    parser.add_argument("--rate", type=int, default=100, help="samples per second (default 100)")
    parser.add_argument("--svg", type=Path, help="also record a flame graph SVG (a second build)")
    parser.add_argument("--importtime", action="store_true", help="report start-up imports of a no-op rebuild")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--stages", type=Path, nargs="?", const=ROOT / "seeds", metavar="SEEDS",
                        help="time each job's stages in this process (default seeds/)")
    parser.add_argument("build_args", nargs="*", help="arguments for `bookmaker build` (after --)")
    args = parser.parse_args(argv)
    if args.stages:
        print(stages(args.stages))
        return 0
    if args.importtime:
        print(importtime(args.build_args))
        return 0
    raw = args.raw or Path(tempfile.mkstemp(prefix="bookmaker-prof-", suffix=".txt")[1])
    if args.record or args.raw is None or not raw.exists():
        record(args.build_args, raw, args.rate, args.svg)
    print(report(read_raw(raw), args.rate, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
