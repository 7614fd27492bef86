"""What `bookmaker inspect` costs per MB of story: a folder of stories -> a Markdown table (seconds per MB, per stage).

usage: python benchmarks/inspect_speed.py [FOLDER ...] [--runs N]     (default: ../shared/corpus/texts, 3 runs)

Each file is compiled in this one process (decode, detection, typography: all `inspect` does but start-up), the
best of N runs kept (the machine is noisy); the first, unmeasured run warms the language model up, as a long build
does once per worker. Detection alone is timed apart, since issue 11 asks it be linear and quick.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bookmaker import decode, detect  # noqa: E402
from bookmaker.detect.text_shape import plain  # noqa: E402
from bookmaker.pipeline import compile_story  # noqa: E402


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        plain.cache_clear()  # each run starts cold, as the first inspect of a file does
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    folders = [a for a in argv if not a.startswith("--") and not a.isdigit()] or [str(ROOT.parent / "shared/corpus/texts")]
    files = sorted(p for f in folders for p in Path(f).glob("*.*") if p.suffix.lower() in (".txt", ".md"))
    if not files:
        print("no .txt or .md stories found", file=sys.stderr)
        return 2
    compile_story(files[0])  # warm-up: imports, the language model
    print("| story | MB | compile s | s/MB | detect s | detect s/MB |\n|---|---|---|---|---|---|")
    total_mb = total_compile = total_detect = 0.0
    for path in files:
        mb = path.stat().st_size / 1e6
        text = decode.read_text(path)
        whole = best_of(runs, lambda: compile_story(path))
        alone = best_of(runs, lambda: detect.detect(text))
        total_mb, total_compile, total_detect = total_mb + mb, total_compile + whole, total_detect + alone
        print(f"| {path.name} | {mb:.2f} | {whole:.3f} | {whole / mb:.2f} | {alone:.3f} | {alone / mb:.2f} |")
    print(f"| **all {len(files)}** | {total_mb:.2f} | {total_compile:.2f} | **{total_compile / total_mb:.2f}** | "
          f"{total_detect:.2f} | **{total_detect / total_mb:.2f}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
