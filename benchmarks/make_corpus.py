"""Seed stories -> a synthetic corpus N times their size, written in their conventions (for the scaling benchmark).

Stories are recombined from the seeds' prose paragraphs (shuffled across all seeds, so no seed is copied
whole) and laid out in the conventions the seeds use: `TITLE by AUTHOR` chapter openings with
`To Be Continued....` between chapters, archive ` Chapter N` labels, `Author's Notes:` labels and notes
glued to the first paragraph, `***` and `~~~~` scene breaks, two blank lines as a scene break with one
paragraph per line, and a closing `The End`. Titles and author names are made from the seeds' own
vocabulary, so no character name or sentence is a key. The same factor and --seed give the same files.

    python benchmarks/make_corpus.py 10 /tmp/corpus-10x          # about 10x the bytes of seeds/*.txt
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

# Lines that carry structure rather than prose: they are never drawn as paragraphs.
_STRUCTURE = re.compile(
    r"^\s*(chapter\s+\d+|\*{3,}|~{3,}|to be continued\W*|the end\W*|.{1,60}\bby\b\s+\S+\s*|author'?s?\b.{0,20}notes?:?)\s*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]{4,}")
_STYLES = ("archive-chapters", "chapter-labels", "line-paragraphs", "plain-titled")


@dataclass
class Pool:
    """What the seeds give to recombine: prose paragraphs, short note-like paragraphs, words for titles."""

    paragraphs: list[str]
    notes: list[str]
    words: list[str]
    sizes: list[int]  # the seeds' sizes in bytes: synthetic stories are drawn at these scales


def read_pool(seeds: Path = SEEDS) -> Pool:
    """seeds/*.txt -> the pool of paragraphs (one per non-blank prose line) and the vocabulary."""
    paragraphs, notes, words, sizes = [], [], set(), []
    files = sorted(seeds.glob("*.txt"))
    if not files:
        raise SystemExit(f"error: no seed stories (*.txt) in {seeds}")
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        sizes.append(len(text.encode("utf-8")))
        for line in text.splitlines():
            line = line.strip()
            if not line or _STRUCTURE.match(line):
                continue
            (paragraphs if len(line) >= 80 else notes).append(line)
            words.update(w.lower() for w in _WORD.findall(line))
    return Pool(paragraphs, notes or paragraphs[:10], sorted(words), sizes)


def _title(rng: random.Random, pool: Pool) -> str:
    return " ".join(w.capitalize() for w in rng.sample(pool.words, rng.randint(1, 3)))


def _author(rng: random.Random, pool: Pool) -> str:
    return rng.choice(pool.words).capitalize() + rng.choice(["", "", "girl", "fan", str(rng.randint(1, 99))])


def _prose(rng: random.Random, pool: Pool, budget: int) -> list[str]:
    """Paragraphs drawn from the pool until about `budget` bytes."""
    out, size = [], 0
    while size < budget:
        paragraph = rng.choice(pool.paragraphs)
        out.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    return out


def _scenes(rng: random.Random, paragraphs: list[str]) -> list[list[str]]:
    """Cut a chapter's paragraphs into scenes of 4-20 paragraphs."""
    scenes, i = [], 0
    while i < len(paragraphs):
        n = rng.randint(4, 20)
        scenes.append(paragraphs[i:i + n])
        i += n
    return scenes


def story(rng: random.Random, pool: Pool, size: int, style: str) -> str:
    """One synthetic story of about `size` bytes in one of the seeds' conventions."""
    title, author = _title(rng, pool), _author(rng, pool)
    chapters = max(1, min(60, size // rng.randint(9000, 25000)))
    per_chapter = size // chapters
    lines: list[str] = []
    if style == "archive-chapters":  # every chapter opens "TITLE by AUTHOR"; end markers between chapters
        for number in range(chapters):
            lines.append(f"{title if number == 0 else _title(rng, pool)} by {author}")
            if rng.random() < 0.5:
                lines += ["Author's Notes:", rng.choice(pool.notes)]
            for scene_number, scene in enumerate(_scenes(rng, _prose(rng, pool, per_chapter))):
                if scene_number:
                    lines += ["", "***", ""] if rng.random() < 0.5 else [""]
                lines += [p + "\n" for p in scene]
            lines.append(rng.choice(["To Be Continued....", "To Be Continued...", "To Be Continued……..", "TBC"])
                         if number < chapters - 1 else "")
    elif style == "chapter-labels":  # " Chapter N" archive labels, a note glued on, *** or ~~~~ breaks
        rule = rng.choice(["***", "~" * rng.randint(5, 30), "* * *"])
        for number in range(1, chapters + 1):
            lines += [f" Chapter {number}", ""]
            if rng.random() < 0.5:
                lines += [f"Chapter {number}", ""]
            prose = _prose(rng, pool, per_chapter)
            if rng.random() < 0.4:
                prose[0] = rng.choice(pool.notes) + prose[0]  # the author's note glued to the prose
            for scene_number, scene in enumerate(_scenes(rng, prose)):
                if scene_number:
                    lines += [rule, ""]
                lines += [p + "\n" for p in scene]
    elif style == "line-paragraphs":  # one paragraph per line, blank lines group them, two blank lines break scenes
        lines += ["Authors Chapter Notes:", rng.choice(pool.notes), ""]
        for scene_number, scene in enumerate(_scenes(rng, _prose(rng, pool, size))):
            if scene_number:
                lines.append("")  # after the group's own blank line: two blank lines in a row
            i = 0
            while i < len(scene):
                n = rng.randint(1, 6)
                lines += scene[i:i + n] + [""]
                i += n
    else:  # "plain-titled": a title line alone, prose, The End
        lines += [title, ""]
        for scene_number, scene in enumerate(_scenes(rng, _prose(rng, pool, size))):
            if scene_number and rng.random() < 0.3:
                lines += ["***", ""]
            lines += [p + "\n" for p in scene]
        lines.append("The End")
    return "\n".join(lines).rstrip() + "\n"


def make_corpus(factor: float, out: Path, seed: int = 1, seeds: Path = SEEDS, story_bytes: int = 0) -> list[Path]:
    """Write about `factor` x the seeds' bytes of synthetic stories into `out` (+ anthology.toml); return the files.
    `story_bytes`: each story about that long (a library of short stories), not as long as a seed."""
    pool = read_pool(seeds)
    rng = random.Random(f"{seed}:{float(factor)}")  # 10 and 10.0 give the same corpus
    target = int(sum(pool.sizes) * factor)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    files, written, number = [], 0, 0
    while written < target:
        size = min((story_bytes or rng.choice(pool.sizes)) * rng.uniform(0.7, 1.3),
                   max(min(4000, story_bytes or 4000), target - written))
        text = story(rng, pool, int(size), _STYLES[number % len(_STYLES)])
        path = out / f"{number:04d}_synthetic.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
        written += len(text.encode("utf-8"))
        number += 1
    (out / "anthology.toml").write_text(
        f'title = "Synthetic corpus {factor:g}x"\nlanguage = "en"\norder = []\n', encoding="utf-8")
    return files


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.txt"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("factor", type=float, help="size of the corpus as a multiple of the seeds' size (10, 50)")
    parser.add_argument("out", type=Path, help="folder to write the stories into (its *.txt are replaced)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (the same seed gives the same corpus)")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="folder of seed stories to recombine")
    parser.add_argument("--story-bytes", type=int, default=0, help="each story about this many bytes (default: a seed's)")
    args = parser.parse_args(argv)
    files = make_corpus(args.factor, args.out, args.seed, args.seeds, args.story_bytes)
    seed_bytes = sum(p.stat().st_size for p in args.seeds.glob("*.txt"))
    print(f"{len(files)} stories, {corpus_bytes(args.out):,} bytes ({corpus_bytes(args.out) / seed_bytes:.1f}x the seeds) "
          f"in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
