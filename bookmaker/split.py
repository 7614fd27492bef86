"""Split decoded text into raw paragraphs, deciding the paragraph convention from the text's own statistics.

text -> Layout(paragraphs=[RawParagraph(text, line, gap_before)], convention, usual_gap)

Four conventions are told apart without a setting:
- "line": every non-blank line is a paragraph; blank lines only group (seeds 000, 003);
- "blank": paragraphs separated by blank lines, one long line each (seeds 001, 002, 004);
- "wrapped": hard-wrapped lines (Project Gutenberg, ~70 columns) joined inside blank-separated blocks;
- "indented": hard-wrapped lines where an indented line starts a new paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_INDENT = re.compile(r"^(\t| {2,}|\u3000)")


@dataclass
class RawParagraph:
    """One paragraph as the source has it, before any detection."""

    text: str
    line: int  # 1-based source line of its first line
    gap_before: int  # blank lines between this paragraph and the previous one
    line_count: int = 1


@dataclass
class Layout:
    paragraphs: list[RawParagraph]
    convention: str
    usual_gap: int  # the blank-line run that merely separates paragraphs


def _wrap_width(lines: list[str]) -> int:
    """The column most lines break at: the 90th percentile of line lengths (0 for a text too short to tell)."""
    lengths = sorted(len(s.rstrip()) for s in lines if s.strip())
    return lengths[int(len(lengths) * 0.9)] if len(lengths) >= 8 else 0


def _is_wrapped(lines: list[str]) -> bool:
    """True when most lines break at a fixed column (hard wrapping), as in Project Gutenberg texts."""
    lengths = [len(s.rstrip()) for s in lines if s.strip()]
    if len(lengths) < 8:
        return False
    width = _wrap_width(lines)
    if not 40 <= width <= 100:
        return False
    near_width = sum(1 for n in lengths if n >= width * 0.6)
    # A few long lines (a credits line, a contents entry, a URL) do not unwrap a hard-wrapped book:
    # up to 1% of the lines may run past the column.
    overlong = sum(1 for n in lengths if n > width * 1.5)
    return near_width >= 0.6 * len(lengths) and overlong <= max(1, len(lengths) // 100)


def _blocks(lines: list[str]) -> list[tuple[int, list[tuple[int, str]]]]:
    """Group lines into blocks of consecutive non-blank lines: [(blank lines before, [(lineno, text), ...])]."""
    blocks = []
    gap = 0
    current: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            current.append((number, line))
        else:
            if current:
                blocks.append((gap, current))
                current = []
                gap = 0
            gap += 1
    if current:
        blocks.append((gap, current))
    return blocks


def _usual_gap(gaps: list[int]) -> int:
    """The blank-line run that separates ordinary paragraphs; longer runs are read as scene breaks."""
    runs = Counter(g for g in gaps if g >= 1)
    if not runs:
        return 0
    zeros = sum(1 for g in gaps if g == 0)
    # Paragraphs that follow each other with no blank line, and blank lines rare: a blank line is a break.
    if zeros and sum(runs.values()) <= 0.1 * len(gaps):
        return 0
    return runs.most_common(1)[0][0]


def split(text: str) -> Layout:
    """Split text into raw paragraphs with the blank-line gap before each."""
    lines = text.split("\n")
    blocks = _blocks(lines)
    if not blocks:
        return Layout([], "blank", 1)
    wrapped = _is_wrapped(lines)
    indented = wrapped and _indent_starts_paragraphs(blocks)
    width = _wrap_width(lines) if wrapped else 0
    paragraphs: list[RawParagraph] = []
    for gap, block in blocks:
        if not wrapped or _all_short(block, width):
            for i, (number, line) in enumerate(block):
                paragraphs.append(RawParagraph(line, number, gap if i == 0 else 0))
            continue
        paragraphs.extend(_join_wrapped(gap, block, indented))
    convention = "indented" if indented else "wrapped" if wrapped else _line_or_blank(blocks)
    first_gaps = [p.gap_before for p in paragraphs[1:]]
    return Layout(paragraphs, convention, _usual_gap(first_gaps))


def _all_short(block: list[tuple[int, str]], width: int) -> bool:
    """In wrapped text, a block whose lines mostly stop where the next line's first word would still have fit is a
    list, verse, a title page or a contents list, not wrapped prose (a wrapping program fills each line to the
    column): its lines were set one by one, so each stays a line of its own."""
    if len(block) < 3:
        return False
    lines = [line.strip() for _, line in block]
    room = sum(1 for here, after in zip(lines, lines[1:]) if len(here) + 1 + len(after.split()[0]) < width - 2)
    return room * 2 > len(lines) - 1


def _line_or_blank(blocks) -> str:
    multi = sum(1 for _, block in blocks if len(block) > 1)
    return "line" if multi > 0.2 * len(blocks) else "blank"


def _indent_starts_paragraphs(blocks) -> bool:
    """In wrapped text, indented lines inside blocks mean indentation, not blank lines, marks paragraphs."""
    inner = [line for _, block in blocks for _, line in block[1:]]
    if not inner:
        return False
    return sum(1 for line in inner if _INDENT.match(line)) >= 0.05 * len(inner)


def _join_wrapped(gap: int, block: list[tuple[int, str]], indented: bool) -> list[RawParagraph]:
    """Join hard-wrapped lines of one block into paragraphs; a short heading-like line stays alone."""
    out: list[RawParagraph] = []
    current: list[str] = []
    start = block[0][0]
    first_gap = gap

    def flush():
        nonlocal current, first_gap
        if current:
            out.append(RawParagraph(_join_lines(current), start, first_gap, len(current)))
            first_gap = 0
        current = []

    longest = max(len(line.strip()) for _, line in block)
    # "CHAPTER I." / "THE ARRIVAL" on short lines glued above wrapped text: headings, each a paragraph of its own.
    short = 0
    while short < min(3, len(block) - 1) and len(block[short][1].strip()) < 0.45 * longest:
        short += 1
    heading_lines = short if short < len(block) and len(block[short][1].strip()) >= 0.45 * longest else 0
    for index, (number, line) in enumerate(block):
        if current and (index <= heading_lines or (indented and _INDENT.match(line))):
            flush()
        if not current:
            start = number
        current.append(line.strip())
    flush()
    return out


def _join_lines(lines: list[str]) -> str:
    """Join wrapped lines with spaces, mending words hyphenated at the line end only where the hyphen is a soft one."""
    text = lines[0]
    for line in lines[1:]:
        if text.endswith("-") and not text.endswith("--") and re.search(r"[a-z]-$", text) and line[:1].islower():
            # "some-\nthing": keep the hyphen (it may be a real compound); the reader sees "some-thing".
            text += line
        else:
            text += " " + line
    return text
