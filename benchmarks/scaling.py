"""Synthetic corpora 1x, 10x, 50x the seeds' size -> a Markdown table of build time and peak memory per process.

    python benchmarks/scaling.py                          # factors 1, 10, 50; full build (EPUB + PDF + anthology)
    python benchmarks/scaling.py --factors 1,10 --no-anthology-too --timeout 1200
    python benchmarks/scaling.py --stories 200,1000 --max-pdf-pages 8000   # libraries of short stories (issue 14)

Each factor: make_corpus.py writes the corpus, then one `bookmaker build CORPUS --out NEW --force` runs (from a
snapshot of bookmaker/ and styles/, like run.py). Peak memory is sampled every 0.2 s per process with psutil
(`pip install psutil`): the parent (which compiles every story and schedules) and each pool worker; without
psutil only the largest process's peak (getrusage of the children) is given. A build that runs past
--timeout is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import SEEDS, corpus_bytes, make_corpus  # noqa: E402
from run import snapshot  # noqa: E402

try:
    import psutil
except ImportError:  # optional: the table then has only the largest process's peak
    psutil = None

MB = 1024 * 1024


@dataclass
class Sample:
    factor: float
    stories: int
    size: int  # bytes of text
    anthology: bool
    wall: float = 0.0
    cpu: float = 0.0
    timed_out: bool = False
    books: int = 0
    parent_peak: int = 0  # bytes
    worker_peaks: list[int] = field(default_factory=list)
    largest_peak: int = 0  # bytes, from getrusage (any one process of the build)
    error: str = ""  # bookmaker's error lines, when it exited non-zero (a book refused by the PDF cap, say)


class Sampler(threading.Thread):
    """Polls the resident set size of a process and its descendants; keeps each pid's peak."""

    def __init__(self, pid: int, every: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.every, self.peaks, self.stop = pid, every, {}, threading.Event()

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.is_set():
            try:
                for proc in [root, *root.children(recursive=True)]:
                    try:
                        rss = proc.memory_info().rss
                    except psutil.Error:
                        continue
                    self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0), rss)
            except psutil.Error:
                break
            self.stop.wait(self.every)


def build(src: Path, corpus: Path, out: Path, anthology: bool, timeout: float, max_pdf_pages: int | None = None) -> Sample:
    cmd = [sys.executable, "-m", "bookmaker", "build", str(corpus), "--out", str(out), "--force", "--quiet"]
    if not anthology:
        cmd.append("--no-anthology")
    sample = Sample(0, len(list(corpus.glob("*.txt"))), corpus_bytes(corpus), anthology)
    env = {**os.environ, "PYTHONPATH": str(src)}
    if max_pdf_pages:
        env["BOOKMAKER_MAX_PDF_PAGES"] = str(max_pdf_pages)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=src, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)  # its own process group: a timeout stops the workers too
    sampler = Sampler(proc.pid) if psutil else None
    if sampler:
        sampler.start()
    try:
        _, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        _, stderr = proc.communicate()
        sample.timed_out = True
    sample.wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    sample.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    sample.largest_peak = after.ru_maxrss * 1024  # KiB on Linux; the largest single process so far
    if sampler:
        sampler.stop.set()
        sampler.join()
        sample.parent_peak = sampler.peaks.pop(proc.pid, 0)
        sample.worker_peaks = sorted(sampler.peaks.values(), reverse=True)
    if proc.returncode not in (0, None) and not sample.timed_out:
        sample.error = " ".join(stderr.decode(errors="replace").split())[-400:]
        print(f"warning: bookmaker exited {proc.returncode}: {sample.error}", file=sys.stderr)
    sample.books = sum(1 for p in out.glob("*") if p.suffix in (".epub", ".pdf"))
    return sample


def mb(n: int) -> str:
    return f"{n / MB:.0f} MB" if n else "–"


def table(samples: list[Sample]) -> str:
    base = {s.anthology: s for s in samples if s.factor == min(x.factor for x in samples)}
    lines = ["| Corpus | stories | text | anthology | wall | CPU | CPU / MB of text | vs 1x, per byte | "
             "parent peak RSS | largest worker | other workers | books |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for s in samples:
        ref = base.get(s.anthology)
        per_byte = (s.cpu / s.size) / (ref.cpu / ref.size) if ref and ref.cpu and not s.timed_out else None
        wall = f"> {s.wall:.0f} s (stopped)" if s.timed_out else f"{s.wall:.1f} s"
        others = [p for p in s.worker_peaks[1:] if p > 10 * MB]  # not the pool's short-lived helpers
        lines.append(
            f"| {s.factor:g}x | {s.stories} | {s.size / MB:.2f} MB | {'yes' if s.anthology else 'no'} | {wall} | "
            f"{s.cpu:.1f} s | {s.cpu / (s.size / MB):.0f} s | {f'{per_byte:.2f}' if per_byte else '–'} | "
            f"{mb(s.parent_peak)} | {mb(s.worker_peaks[0] if s.worker_peaks else s.largest_peak)} | "
            f"{mb(max(others)) if others else '–'} | {s.books} |")
    lines += [f"\n{s.factor:g}x{' + anthology' if s.anthology else ''}: {s.error}" for s in samples if s.error]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", default="1,10,50", help="corpus sizes as multiples of the seeds (default 1,10,50)")
    parser.add_argument("--no-anthology-too", action="store_true", help="also build each corpus without the anthology")
    parser.add_argument("--only-no-anthology", action="store_true", help="build without the anthology only")
    parser.add_argument("--timeout", type=float, default=3600, help="stop a build after this many seconds")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    parser.add_argument("--max-pdf-pages", type=int, help="set BOOKMAKER_MAX_PDF_PAGES (bookmaker's PDF layout cap)")
    parser.add_argument("--stories", help="instead of --factors: libraries of this many short stories (200,1000)")
    parser.add_argument("--story-bytes", type=int, default=3000, help="with --stories: each story about this long")
    args = parser.parse_args(argv)
    if psutil is None:
        print("note: psutil is not installed (pip install psutil): only the largest process's peak is reported",
              file=sys.stderr)
    root = Path(tempfile.mkdtemp(prefix="bookmaker-scaling-"))
    samples: list[Sample] = []
    try:
        src = snapshot(root / "src")
        modes = [False] if args.only_no_anthology else ([False, True] if args.no_anthology_too else [True])
        # (factor, story bytes): a corpus in the seeds' proportions, or a library of short stories
        cases = [(float(f), 0) for f in args.factors.split(",")] if not args.stories else [
            (int(n) * args.story_bytes * 1.1 / corpus_bytes(SEEDS), args.story_bytes) for n in args.stories.split(",")]
        for factor, story_bytes in cases:
            corpus = root / f"corpus-{factor:g}x"
            make_corpus(factor, corpus, seeds=SEEDS, story_bytes=story_bytes)
            for anthology in modes:
                out = root / f"out-{factor:g}x-{'a' if anthology else 'n'}"
                sample = build(src, corpus, out, anthology, args.timeout, args.max_pdf_pages)
                sample.factor = factor
                samples.append(sample)
                print(f"  {factor:g}x{' + anthology' if anthology else ''}: {sample.wall:.1f} s wall, "
                      f"{sample.cpu:.1f} s CPU, workers {[mb(p) for p in sample.worker_peaks]}, "
                      f"parent {mb(sample.parent_peak)}{' (stopped)' if sample.timed_out else ''}",
                      file=sys.stderr, flush=True)
                shutil.rmtree(out, ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    text = f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores.\n\n" + table(samples)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
