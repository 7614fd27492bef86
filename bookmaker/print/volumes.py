"""A long story and a page budget -> volumes: runs of whole chapters, each a book of its own ("Title, Volume 2").

The book is laid out once to learn where each chapter starts (the PDF's named destinations); the chapters are
then cut into the fewest volumes that keep every volume, with its own front matter, under the budget, and
among those cuts the one whose longest volume is shortest, so the volumes come out of even thickness.
Each volume is a whole book: title page, contents, its chapters and their notes, page numbers from 1.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass

import pikepdf

from bookmaker.model import Manuscript

VOLUME_WORD = "Volume"  # English only: labels.py has no word for it yet


@dataclass(frozen=True)
class Measure:
    """A laid-out book's pages: before the first chapter (front matter), and each chapter's (the last one
    with what follows it)."""

    front: int
    chapters: tuple[int, ...]


@dataclass(frozen=True)
class Volume:
    number: int  # 1-based
    first: int  # index of its first chapter (0-based)
    end: int  # index after its last chapter
    estimated_pages: int


def measure(pdf_bytes: bytes, chapter_targets: list[str]) -> Measure:
    """A laid-out book and the named destination of each chapter's start, in order -> its pages by chapter."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
        names = pdf.Root.Names.Dests.Names
        dests = {str(names[i]): pages[names[i + 1][0].objgen] for i in range(0, len(names), 2)}
        total = len(pdf.pages)
    starts = [dests[target] for target in chapter_targets]
    ends = starts[1:] + [total]
    return Measure(starts[0], tuple(end - start for start, end in zip(starts, ends)))


def _greedy(lengths: tuple[int, ...], cap: int) -> list[tuple[int, int]] | None:
    """Cut at the last chapter that keeps each run within `cap`; None if one chapter alone exceeds it."""
    runs, start, size = [], 0, 0
    for index, length in enumerate(lengths):
        if length > cap:
            return None
        if size + length > cap:
            runs.append((start, index))
            start, size = index, 0
        size += length
    runs.append((start, len(lengths)))
    return runs


def split(book: Measure, max_pages: int) -> list[Volume]:
    """The fewest volumes under `max_pages` each (front matter included), as even as whole chapters allow.

    A chapter that alone passes the budget becomes a volume of its own (the budget cannot be kept there)."""
    lengths = book.chapters
    room = max(1, max_pages - book.front)
    fewest = _greedy(lengths, max(room, max(lengths)))
    count = len(fewest)
    # The smallest cap that still needs no more volumes than the fewest: binary search over page counts.
    low, high = max(lengths), max(room, max(lengths))
    while low < high:
        middle = (low + high) // 2
        runs = _greedy(lengths, middle)
        if runs is not None and len(runs) <= count:
            high = middle
        else:
            low = middle + 1
    runs = _greedy(lengths, low)
    return [Volume(n + 1, a, b, book.front + sum(lengths[a:b])) for n, (a, b) in enumerate(runs)]


def volume_manuscript(manuscript: Manuscript, volume: Volume, volumes: int) -> Manuscript:
    """The manuscript of one volume: its chapters and their notes; the book's opening notes and epigraph in the
    first volume, its closing notes in the last; the title says which volume it is."""
    notes = []
    for note in manuscript.notes:
        if note.chapter is None:
            keep = volume.number == 1 if note.position == "before" else volume.number == volumes
            if keep:
                notes.append(note)
        elif volume.first < note.chapter <= volume.end:  # note.chapter is 1-based
            notes.append(dataclasses.replace(note, chapter=note.chapter - volume.first))
    from bookmaker.render import book_display_title

    title = book_display_title(manuscript)  # the fallback a title-less story shows, kept across its volumes
    meta = dataclasses.replace(manuscript.meta, title=f"{title}, {VOLUME_WORD} {volume.number}")
    return dataclasses.replace(manuscript, meta=meta, notes=notes,
                               epigraph=manuscript.epigraph if volume.number == 1 else None,
                               chapters=manuscript.chapters[volume.first:volume.end])
