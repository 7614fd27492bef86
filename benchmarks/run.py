"""Seeds -> a Markdown table of build times: bookmaker against Pandoc and Calibre, measured side by side on this machine.

    python benchmarks/run.py --runs 3                 # everything; prints the table, --out FILE also writes it
    python benchmarks/run.py --runs 3 --install       # first apt-get install pandoc and calibre when missing
    python benchmarks/run.py --only bookmaker         # bookmaker's rows only

What is measured (each case `--runs` times after one untimed warm-up; median and min-max of wall time):
  EPUB-only build   every story and the anthology as EPUB (bookmaker: `build SEEDS --out NEW -f epub --force`)
  full build        the same as EPUB and PDF
  no-op rebuild     bookmaker run again on an up-to-date output folder; Pandoc and Calibre have no incremental
                    mode, so their rebuild is their full build
  one story changed a paragraph appended to one story (in a copy of seeds/); bookmaker rebuilds what it decides;
                    Pandoc and Calibre are charged only the minimum a Makefile would redo: that story and the anthology
  PDF phase         bookmaker `-f pdf --force` with --jobs 1 and --jobs 2
Pandoc: `pandoc -f markdown` (it has no plain-text reader; markdown is the closest) to EPUB and, with
`--pdf-engine=weasyprint`, to PDF. Calibre: `ebook-convert X.txt X.epub|X.pdf`. Their anthology is the seeds
concatenated in file-name order. Both run one file after another, as a user's script would.
bookmaker runs from a snapshot of bookmaker/ and styles/ taken at start, so edits made to the working tree
during the run (which change its toolchain fingerprint) do not spoil the rebuild measurements.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
APT_PACKAGES = {"pandoc": "pandoc", "ebook-convert": "calibre", "weasyprint": None}
HOW_TO_INSTALL = "apt-get install -y pandoc calibre   (as root, after apt-get update; or rerun with --install)"


class BenchError(RuntimeError):
    """A command of the benchmark failed: its output says why."""


# ---------------------------------------------------------------------------------------------- tools


def missing_tools() -> list[str]:
    return [tool for tool in APT_PACKAGES if shutil.which(tool) is None]


def ensure_tools(install: bool) -> list[str]:
    """Install Pandoc and Calibre with apt-get when asked to; return the tools still missing (and say how to get them)."""
    missing = missing_tools()
    packages = sorted({APT_PACKAGES[t] for t in missing if APT_PACKAGES[t]})
    if missing and install and packages and shutil.which("apt-get"):
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        print(f"installing {' '.join(packages)} with apt-get ...", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(sudo + ["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-q", *packages], check=False, env=env)
        missing = missing_tools()
    for tool in missing:
        how = HOW_TO_INSTALL if APT_PACKAGES[tool] else "pip install weasyprint (bookmaker's own dependency)"
        print(f"warning: {tool} not found; its rows are skipped. Install it with: {how}", file=sys.stderr)
    return missing


def tool_versions() -> dict[str, str]:
    def first_line(cmd: list[str]) -> str:
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=calibre_env())
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "missing"

    return {"pandoc": first_line(["pandoc", "--version"]), "calibre": first_line(["ebook-convert", "--version"]),
            "weasyprint": first_line(["weasyprint", "--version"]), "python": platform.python_version()}


def calibre_env() -> dict[str, str]:
    """Calibre headless: no display (offscreen Qt); as root, Chromium (PDF output) refuses to start sandboxed."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if os.geteuid() == 0:
        env["QTWEBENGINE_CHROMIUM_FLAGS"] = (env.get("QTWEBENGINE_CHROMIUM_FLAGS", "") + " --no-sandbox").strip()
    return env


def run(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd)
    if done.returncode != 0:
        raise BenchError(f"{' '.join(map(str, cmd))} exited {done.returncode}:\n{(done.stderr or done.stdout)[-2000:]}")


# ---------------------------------------------------------------------------------------------- the workspace


@dataclass
class Workspace:
    """A temporary folder with a snapshot of bookmaker, a copy of the seeds and the other tools' inputs."""

    root: Path
    src: Path = field(init=False)
    seeds: Path = field(init=False)
    inputs: list[Path] = field(init=False)  # the stories, then the anthology (for Pandoc and Calibre)
    counter: int = 0

    def __post_init__(self) -> None:
        self.src = snapshot(self.root / "src")
        self.seeds = copy_seeds(SEEDS, self.root / "seeds")
        stories = sorted(self.seeds.glob("*.txt"))
        anthology = self.root / "anthology" / "anthology.txt"
        anthology.parent.mkdir()
        anthology.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in stories), encoding="utf-8")
        self.inputs = stories + [anthology]

    def fresh(self, name: str) -> Path:
        self.counter += 1
        path = self.root / f"{name}-{self.counter}"
        path.mkdir()
        return path

    def bookmaker(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "bookmaker", "build", *map(str, args), "--quiet"]

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": str(self.src)}


def snapshot(target: Path) -> Path:
    """Copy bookmaker/ and styles/ into `target`: run with cwd=target, the copy is what `python -m bookmaker` imports."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "bookmaker", target / "bookmaker", ignore=ignore)
    shutil.copytree(ROOT / "styles", target / "styles", ignore=ignore)
    return target


def copy_seeds(source: Path, target: Path) -> Path:
    """The stories (.txt), their metadata files and anthology.toml, copied into `target`."""
    target.mkdir(parents=True)
    for file in source.iterdir():
        if file.suffix in (".txt", ".toml", ".md") and file.is_file():
            shutil.copy2(file, target / file.name)
    return target


def change_story(path: Path, n: int) -> None:
    """Append one paragraph, as an author adding a line would."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n\nShe read the letter once more, edition {n}, and put it back in the drawer.\n")


# ---------------------------------------------------------------------------------------------- the cases


def pandoc_commands(inputs: list[Path], out: Path, formats: tuple[str, ...]) -> list[list[str]]:
    commands = []
    for source in inputs:
        for fmt in formats:
            cmd = ["pandoc", "-f", "markdown", str(source), "-o", str(out / f"{source.stem}.{fmt}"),
                   "--metadata", f"title={source.stem}"]
            commands.append(cmd + (["--pdf-engine=weasyprint"] if fmt == "pdf" else []))
    return commands


def calibre_commands(inputs: list[Path], out: Path, formats: tuple[str, ...]) -> list[list[str]]:
    return [["ebook-convert", str(source), str(out / f"{source.stem}.{fmt}")] for source in inputs for fmt in formats]


@dataclass
class Result:
    tool: str
    case: str
    samples: list[float] = field(default_factory=list)  # wall-clock seconds
    cpu: list[float] = field(default_factory=list)  # user + system seconds of the command and its children
    load: list[float] = field(default_factory=list)  # the 1-minute load average when each run started
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


@dataclass
class Case:
    """One thing to time: `prepare()` once before the first run, `setup()` untimed before each, `once()` timed."""

    result: Result
    once: Callable[[], None]
    setup: Callable[[], None] | None = None
    prepare: Callable[[], None] | None = None


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wait_for_quiet(limit: float, most: float = 600) -> None:
    """Wait (at most `most` seconds) until the 1-minute load average is under `limit`: another program's work
    takes cores from a build that uses two, and only from it."""
    deadline = time.monotonic() + most
    while os.getloadavg()[0] >= limit and time.monotonic() < deadline:
        print(f"  waiting for a quiet machine: load {os.getloadavg()[0]:.1f} >= {limit}", file=sys.stderr, flush=True)
        time.sleep(15)


def run_rounds(cases: list[Case], runs: int, quiet_load: float | None = None) -> None:
    """One untimed warm-up round, then `runs` rounds; every round runs every case once, tools interleaved,
    so load from elsewhere on the machine falls on all the tools alike."""
    for case in cases:
        if case.prepare:
            case.prepare()
    for round_number in range(runs + 1):
        if quiet_load is not None:
            wait_for_quiet(quiet_load)
        for case in cases:
            if case.setup:
                case.setup()
            load = os.getloadavg()[0]
            cpu, start = children_cpu(), time.perf_counter()
            case.once()
            wall, cpu = time.perf_counter() - start, children_cpu() - cpu
            r = case.result
            if round_number:
                r.samples.append(wall)
                r.cpu.append(cpu)
                r.load.append(load)
            label = "warm-up" if not round_number else f"run {round_number}"
            print(f"  {r.tool} {r.case}: {label} {wall:.2f} s wall, {cpu:.2f} s CPU, load {load:.1f}",
                  file=sys.stderr, flush=True)


def bookmaker_cases(ws: Workspace) -> list[Case]:
    expected = len(ws.inputs)  # stories + anthology

    def build(*args) -> None:
        run(ws.bookmaker(*args), ws.env, cwd=ws.src)  # cwd comes first on sys.path: the snapshot is imported

    def fresh_build(name: str, *args: str) -> Callable[[], None]:
        formats = [a for a in args if a in ("epub", "pdf")] or ["epub", "pdf"]

        def once() -> None:
            out = ws.fresh(name)
            build(ws.seeds, "--out", out, "--force", *args)
            made = [p for p in out.iterdir() if p.suffix in (".epub", ".pdf")]
            if len(made) != expected * len(formats):
                raise BenchError(f"bookmaker wrote {len(made)} books in {out}, expected {expected * len(formats)}")
        return once

    noop_out = ws.root / "noop"
    before: dict[str, int] = {}

    def noop_prepare() -> None:
        build(ws.seeds, "--out", noop_out)
        before.update({p.name: p.stat().st_mtime_ns for p in noop_out.iterdir()})

    def noop() -> None:
        build(ws.seeds, "--out", noop_out)
        rewritten = [p.name for p in noop_out.iterdir() if p.suffix in (".epub", ".pdf")
                     and p.stat().st_mtime_ns != before.get(p.name)]
        if rewritten:
            raise BenchError(f"the no-op rebuild rewrote {', '.join(rewritten)}")

    changed_seeds, changed_out = ws.root / "seeds-changed", ws.root / "changed"
    story = changed_seeds / ws.inputs[0].name
    edits = iter(range(1, 10_000))
    return [
        Case(Result("bookmaker", "epub"), fresh_build("epub", "-f", "epub")),
        Case(Result("bookmaker", "full"), fresh_build("full")),
        Case(Result("bookmaker", "noop"), noop, prepare=noop_prepare),
        Case(Result("bookmaker", "changed", note=f"{story.name} changed; bookmaker rebuilds it and the anthology"),
             lambda: build(changed_seeds, "--out", changed_out), setup=lambda: change_story(story, next(edits)),
             prepare=lambda: (copy_seeds(ws.seeds, changed_seeds), build(changed_seeds, "--out", changed_out))),
        Case(Result("bookmaker", "pdf-jobs1"), fresh_build("pdf1", "-f", "pdf", "--jobs", "1")),
        Case(Result("bookmaker", "pdf-jobs2"), fresh_build("pdf2", "-f", "pdf", "--jobs", "2")),
    ]


def other_cases(ws: Workspace, tool: str) -> list[Case]:
    """Pandoc or Calibre: EPUB-only, full, and the one-story-changed minimum (that story + the anthology)."""
    make = pandoc_commands if tool == "pandoc" else calibre_commands
    env = calibre_env() if tool == "calibre" else None

    def once(inputs: list[Path], formats: tuple[str, ...], name: str) -> Callable[[], None]:
        def go() -> None:
            for cmd in make(inputs, ws.fresh(f"{tool}-{name}"), formats):
                run(cmd, env)
        return go

    return [
        Case(Result(tool, "epub"), once(ws.inputs, ("epub",), "epub")),
        Case(Result(tool, "full"), once(ws.inputs, ("epub", "pdf"), "full")),
        Case(Result(tool, "changed", note="no incremental mode: charged only that story and the anthology, EPUB + PDF"),
             once([ws.inputs[0], ws.inputs[-1]], ("epub", "pdf"), "changed")),
    ]


def interleave(groups: list[list[Case]]) -> list[Case]:
    """Cases ordered by kind (all tools' EPUB builds, then all full builds, ...) so tools alternate."""
    order = ["epub", "full", "noop", "changed", "pdf-jobs1", "pdf-jobs2"]
    return sorted((c for g in groups for c in g), key=lambda c: order.index(c.result.case))


def with_rebuilds(results: list[Result]) -> list[Result]:
    """Pandoc and Calibre have no incremental mode: their no-op rebuild is their full build."""
    extra = [Result(r.tool, "noop", r.samples, r.cpu, r.load, note="no incremental mode: a rebuild is a full build")
             for r in results if r.case == "full" and r.tool != "bookmaker"]
    return results + extra


# ---------------------------------------------------------------------------------------------- the table

CASES = [("epub", "EPUB-only build (5 stories + anthology)"), ("full", "Full build, EPUB + PDF"),
         ("noop", "Rebuild, nothing changed"), ("changed", "Rebuild, one story changed")]
TARGETS = {("epub", "pandoc"): 0.5, ("full", "pandoc"): 0.5, ("full", "calibre"): 0.35}


def cell(result: Result | None) -> str:
    if result is None or not result.samples:
        return "–"
    s = result.samples
    return f"{result.median:.2f} s ({min(s):.2f}–{max(s):.2f})"


def ratio(ours: Result | None, theirs: Result | None, target: float | None) -> str:
    if ours is None or theirs is None or not ours.samples or not theirs.samples:
        return "–"
    value = ours.median / theirs.median
    return f"{value:.2f}" + (f" ({'✓' if value <= target else '✗'} ≤ {target})" if target else "")


def table(results: list[Result], runs: int, versions: dict[str, str]) -> str:
    by = {(r.tool, r.case): r for r in results}
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores, {platform.machine()}, "
        f"median of {runs} runs (min–max); Python {versions['python']}, {versions['weasyprint']}, "
        f"{versions['pandoc']}, {versions['calibre']}.",
        "",
        "| Case | bookmaker | Pandoc | Calibre | bookmaker / Pandoc | bookmaker / Calibre |",
        "|---|---|---|---|---|---|",
    ]
    for case, label in CASES:
        ours, pandoc, calibre = by.get(("bookmaker", case)), by.get(("pandoc", case)), by.get(("calibre", case))
        target_note = " (target < 0.5 s)" if case == "noop" else ""
        ok = ""
        if case == "noop" and ours:
            ok = " ✓" if ours.median < 0.5 else " ✗"
        lines.append(f"| {label}{target_note} | {cell(ours)}{ok} | {cell(pandoc)} | {cell(calibre)} | "
                     f"{ratio(ours, pandoc, TARGETS.get((case, 'pandoc')))} | "
                     f"{ratio(ours, calibre, TARGETS.get((case, 'calibre')))} |")
    one, two = by.get(("bookmaker", "pdf-jobs1")), by.get(("bookmaker", "pdf-jobs2"))
    if one and two:
        speedup = one.median / two.median
        lines += ["", "| PDF phase (`-f pdf --force`) | --jobs 1 | --jobs 2 | speed-up |", "|---|---|---|---|",
                  f"| 5 stories + anthology | {cell(one)} | {cell(two)} | {speedup:.2f}× "
                  f"({'✓' if speedup >= 1.6 else '✗'} ≥ 1.6) |"]
    lines += ["", "CPU time (user + system, all processes; less sensitive than wall time to other load on the machine):",
              "", "| Case | bookmaker | Pandoc | Calibre | bookmaker / Pandoc | bookmaker / Calibre |", "|---|---|---|---|---|---|"]
    for case, label in CASES + [("pdf-jobs1", "PDF phase, --jobs 1"), ("pdf-jobs2", "PDF phase, --jobs 2")]:
        row = [by.get((tool, case)) for tool in ("bookmaker", "pandoc", "calibre")]
        cpu = [Result(r.tool, r.case, r.cpu) if r else None for r in row]
        if any(cpu):
            lines.append(f"| {label} | {cell(cpu[0])} | {cell(cpu[1])} | {cell(cpu[2])} | "
                         f"{ratio(cpu[0], cpu[1], None)} | {ratio(cpu[0], cpu[2], None)} |")
    loads = [x for r in results for x in r.load]
    if loads:
        busy = max(loads) > 0.5 * (os.cpu_count() or 1)
        lines += ["", f"Load average (1 min) at the start of the runs: {min(loads):.1f}–{max(loads):.1f}"
                  + (" — the machine was busy with other work: wall times and the --jobs speed-up are pessimistic."
                     if busy else ".")]
    notes = sorted({f"{r.tool}, {dict(CASES)[r.case].lower()}: {r.note}" for r in results if r.note and r.case in dict(CASES)})
    if notes:
        lines += [""] + [f"- {n}" for n in notes]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per case (after one warm-up); default 3")
    parser.add_argument("--only", choices=["bookmaker", "pandoc", "calibre"], action="append",
                        help="measure only this tool (repeatable)")
    parser.add_argument("--install", action="store_true", help="apt-get install pandoc and calibre if missing")
    parser.add_argument("--out", type=Path, help="also write the Markdown table to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    parser.add_argument("--quiet-load", type=float, metavar="LOAD",
                        help="before each round, wait (up to 10 min) for the 1-minute load average to fall under LOAD")
    args = parser.parse_args(argv)
    tools = args.only or ["bookmaker", "pandoc", "calibre"]
    missing = ensure_tools(args.install) if set(tools) - {"bookmaker"} else []
    skip = {"pandoc"} if "pandoc" in missing or "weasyprint" in missing else set()
    skip |= {"calibre"} if "ebook-convert" in missing else set()
    versions = tool_versions()
    root = Path(tempfile.mkdtemp(prefix="bookmaker-bench-"))
    results: list[Result] = []
    try:
        ws = Workspace(root)
        groups = [bookmaker_cases(ws)] if "bookmaker" in tools else []
        groups += [other_cases(ws, tool) for tool in ("pandoc", "calibre") if tool in tools and tool not in skip]
        cases = interleave(groups)
        run_rounds(cases, args.runs, args.quiet_load)
        results = with_rebuilds([c.result for c in cases])
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    text = table(results, args.runs, versions)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
