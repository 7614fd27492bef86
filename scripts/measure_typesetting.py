"""PDF books -> how well their pages are set: loose justified lines and where full pages end.

    python3 scripts/measure_typesetting.py dist/*.pdf

Reads each page's words with `pdftotext -bbox-layout` (poppler). A body line is a line of the text block (below
the running head, above the foot) with at least four words (not a contents line's dot leader); its word spaces are the gaps between its words. The
normal space is the natural one, the narrowest gaps (5th percentile: unstretched last lines); a line is loose when a gap is over twice that. A full
page is a page with a running head whose next page has one too (it is neither a chapter's opening nor its last
page): books keep a baseline grid, so every full page should end on the same line. Prints one row per book.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

HEAD_ZONE = 0.085  # of the page height: the running head and folio sit above this
NS = "{http://www.w3.org/1999/xhtml}"


@dataclass
class Line:
    top: float
    bottom: float
    gaps: list[float]
    words: int


@dataclass
class Page:
    head: bool  # has a running head or folio
    lines: list[Line] = field(default_factory=list)


@dataclass
class Measure:
    lines: int
    loose: int
    worst_gap: float
    normal_gap: float
    full_pages: int
    last_baseline_min: float
    last_baseline_max: float
    spreads_apart: int  # facing full pages whose last lines are more than 3 pt apart
    spreads: int


def read_pages(path: Path) -> list[Page]:
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(huge_tree=True, recover=True))
    pages = []
    for page in root.iter(f"{NS}page"):
        height = float(page.get("height"))
        result = Page(head=False)
        for line in page.iter(f"{NS}line"):
            words = line.findall(f"{NS}word")
            top, bottom = float(line.get("yMin")), float(line.get("yMax"))
            if bottom < height * HEAD_ZONE:
                result.head = True
                continue
            if sum(w.text == "." for w in words) * 2 > len(words):
                continue  # a contents entry's dot leader, spaced on purpose
            boxes = sorted((float(w.get("xMin")), float(w.get("xMax"))) for w in words)
            gaps = [b[0] - a[1] for a, b in zip(boxes, boxes[1:])]
            result.lines.append(Line(top, bottom, gaps, len(words)))
        pages.append(result)
    return pages


def measure(path: Path) -> Measure:
    pages = read_pages(path)
    body = [line for page in pages if page.head for line in page.lines if line.words >= 4]
    gaps = [gap for line in body for gap in line.gaps if gap > 0.5]
    # The natural word space: the last line of a paragraph is not stretched, so the narrowest gaps are it.
    normal = sorted(gaps)[len(gaps) // 20] if gaps else 0.0
    loose = [line for line in body if line.gaps and max(line.gaps) > 2 * normal]
    full = {n: max(line.bottom for line in page.lines) for n, page in enumerate(pages)
            if page.head and page.lines and n + 1 < len(pages) and pages[n + 1].head and pages[n + 1].lines}
    bottoms = list(full.values())
    # page n (0-based) even = a right-hand page; a spread is a left-hand page n (odd) and the right-hand n + 1
    spreads = [(full[n], full[n + 1]) for n in full if n % 2 == 1 and n + 1 in full]
    return Measure(len(body), len(loose), max((max(line.gaps) for line in loose), default=0.0), normal,
                   len(full), min(bottoms, default=0.0), max(bottoms, default=0.0),
                   sum(abs(a - b) > 3 for a, b in spreads), len(spreads))


def main(paths: list[str]) -> int:
    print(f"{'book':32} {'lines':>6} {'loose':>6} {'%':>6} {'worst':>6} {'space':>6} {'full':>5} "
          f"{'last baseline (pt)':>20} {'spreads >3pt':>13}")
    for name in paths:
        m = measure(Path(name))
        share = 100 * m.loose / m.lines if m.lines else 0.0
        print(f"{Path(name).name:32} {m.lines:6} {m.loose:6} {share:6.2f} {m.worst_gap:6.1f} {m.normal_gap:6.2f} "
              f"{m.full_pages:5} {m.last_baseline_min:9.1f}-{m.last_baseline_max:<9.1f} {m.spreads_apart:6}/{m.spreads:<6}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
