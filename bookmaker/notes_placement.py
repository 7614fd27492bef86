"""Where the author's notes go (`--notes`, or `author_notes` in a story's metadata file): Manuscript -> Manuscript.

    keep   in place: before and after the chapters they belong to (the default)
    end    collected after the story, in reading order, each headed by the chapter it came from
    omit   left out of the book (kept in the manuscript, reported), for readers who want the story alone
"""

from __future__ import annotations

from typing import Literal, get_args

from bookmaker.model import Diagnostic, Manuscript

Placement = Literal["keep", "end", "omit"]
PLACEMENTS: tuple[str, ...] = get_args(Placement)


def place_notes(manuscript: Manuscript, placement: Placement) -> Manuscript:
    """Move or leave out the printed notes as `placement` asks; every moved or omitted note is reported."""
    if placement == "keep":
        return manuscript
    printed = [note for note in manuscript.notes if note.printed]
    if placement == "omit":
        for note in printed:
            note.kind = "omitted"
        if printed:
            lines = ", ".join(str(n.line) for n in printed if n.line) or "metadata"
            manuscript.diagnostics.append(Diagnostic(
                "D171", f"{len(printed)} author's notes left out of the book (--notes omit); lines {lines}"))
        return manuscript
    order = {id(note): index for index, note in enumerate(manuscript.notes)}

    def reading_order(note) -> tuple:
        chapter = note.chapter or (0 if note.position == "before" else len(manuscript.chapters) + 1)
        return chapter, note.position != "before", order[id(note)]

    moved = sorted((n for n in printed if n.chapter is not None), key=reading_order)
    book_before = [n for n in printed if n.chapter is None and n.position == "before"]
    previous = None
    for note in moved:
        chapter = manuscript.chapters[note.chapter - 1] if 0 < note.chapter <= len(manuscript.chapters) else None
        named = [chapter.label, chapter.title] if chapter else []
        heading = " — ".join(part for part in named if part) or str(note.chapter)
        note.heading = heading if heading != previous else None  # a chapter's notes share one heading
        previous = heading
        note.chapter, note.position = None, "after"
    for note in book_before:
        note.position = "after"
    # The afterword reads: the book's opening notes, each chapter's notes in turn, then the closing notes.
    rest = [n for n in manuscript.notes if n not in moved and n not in book_before]
    closing = [n for n in rest if n.chapter is None and n.position == "after"]
    manuscript.notes = [n for n in rest if n not in closing] + book_before + moved + closing
    if moved or book_before:
        manuscript.diagnostics.append(Diagnostic(
            "D172", f"{len(moved) + len(book_before)} author's notes moved to the end of the book (--notes end)"))
    return manuscript


def checked_placement(value: object, where: str) -> Placement:
    """A placement as the user wrote it -> Placement; ValueError naming `where` otherwise."""
    if isinstance(value, str) and value.strip().lower() in PLACEMENTS:
        return value.strip().lower()  # type: ignore[return-value]
    raise ValueError(f"{where} must be one of {', '.join(PLACEMENTS)}, not {value!r}")
