"""Check that every word of each story reaches its manuscript, in order: story files -> one line per file.

usage: python3 scripts/check_nothing_lost.py FILE_OR_FOLDER ...   (e.g. ../shared/corpus/texts)

The same check as tests/test_nothing_lost.py (words of the source, in order, found among the manuscript's title,
author, notes of every kind, epigraph, part titles, chapter labels and titles, paragraphs, scene headings and end
markers; drawn dividers are breaks, not words), for
any text: the corpus is data we measure on, not ours to copy into tests. Lines a diagnostic reports as shown once
(D120) are skipped; counters an archive glued to paragraphs (D150) are numbers, not words, and are skipped too.
A Markdown story is compared with the text its reader gives (markup and escapes are not words).
Exit 1 when a word is lost.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "robustness"))  # the property tests import their helpers by name

from bookmaker import readers  # noqa: E402
from bookmaker.decode import read_text  # noqa: E402
from bookmaker.pipeline import compile_story  # noqa: E402
from bookmaker.detect.scene_break import is_scene_break  # noqa: E402
from tests.robustness.test_properties import kept_in_source_order  # noqa: E402  (part titles included)
from tests.test_nothing_lost import SHOWN_ONCE, first_lost, words  # noqa: E402


def check(path: Path) -> tuple[int, int, str]:
    """(source words, words found in order, the first lost word's context or '')."""
    manuscript = compile_story(path)
    text = read_text(path)
    skipped = {d.line for d in manuscript.diagnostics if d.code in SHOWN_ONCE}
    if path.suffix.lower() == ".md" and not readers.is_bookmaker_manuscript(text):
        story = readers.markdown_to_story_text(text)
        text = story.text
        # Diagnostics name the file's lines; the reader's text has its own: map them.
        skipped = {k for k, source_line in enumerate(story.line_map, start=1) if source_line in skipped}
    counters = any(d.code == "D150" for d in manuscript.diagnostics)
    # A drawn divider is a scene break, not words, by design.
    source = [w for number, line in enumerate(text.split("\n"), start=1)
              if number not in skipped and not is_scene_break(line.strip())
              for w in words(line) if not (counters and w.isdigit())]
    lost = first_lost(source, words(" ".join(kept_in_source_order(manuscript))))
    if lost is None:
        return len(source), len(source), ""
    return len(source), lost, " ".join(source[max(0, lost - 8): lost + 3])


def main(argv: list[str]) -> int:
    paths = [p for a in argv for p in (sorted(Path(a).glob("*.*")) if Path(a).is_dir() else [Path(a)])
             if p.suffix.lower() in (".txt", ".md")]
    lost = 0
    for path in paths:
        total, found, context = check(path)
        lost += bool(context)
        verdict = "ok  " if not context else "LOST"
        print(f"{verdict} {found}/{total} words in order  {path.name}" + (f"  near: {context!r}" if context else ""))
    print(f"nothing lost: {len(paths) - lost}/{len(paths)} files")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
