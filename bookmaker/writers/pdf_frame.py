"""The frame of a PDF book (title page, contents, story openings, colophon: what is not a story's body) laid out
around the bodies, and every run of pages placed: the bodies are laid out first, so the contents know their page
numbers. RenderedBook, its groups and bodies -> (runs, destinations, folio pages, page count) for pdf_compose.
"""

from __future__ import annotations

from dataclasses import dataclass

from bookmaker.records import KeptFolder
from bookmaker.render.book import Document, RenderedBook
from bookmaker.writers.pdf_headings import top_level
from bookmaker.writers.pdf_layout import anchor, assemble, lay_out
from bookmaker.writers.pdf_piece import Piece


def _targets(doc: Document) -> list[str]:
    """The destination names at the start of a document: its wrapper and its section (the nav's fragment)."""
    return [anchor(doc.name), doc.name.removesuffix(".xhtml")]


@dataclass
class _Frame:
    """The frame laid out: its pieces (what does not depend on page numbers, and the contents, which does), and
    for each frame document the piece it is in and its place in that piece's documents."""

    pieces: list[Piece]

    def where(self, name: str) -> tuple[Piece, int]:
        for piece in self.pieces:
            if name in piece.names:
                return piece, piece.names.index(name)
        raise KeyError(name)


def _frame_runs(frame: _Frame, documents: list[Document]):
    """A frame group's documents -> (run, their starts) for each stretch of them laid out in one piece: a run
    holds a document's pages up to where the next document of its piece begins."""
    from bookmaker.writers.pdf_compose import Run

    stretches: list[tuple[Piece, list[int]]] = []
    for doc in documents:
        piece, index = frame.where(doc.name)
        if stretches and stretches[-1][0] is piece and stretches[-1][1][-1] == index - 1:
            stretches[-1][1].append(index)
        else:
            stretches.append((piece, [index]))
    placed = []
    for piece, indexes in stretches:
        first = piece.starts[indexes[0]][0]
        end = piece.starts[indexes[-1] + 1][0] if indexes[-1] + 1 < len(piece.names) else piece.pages
        placed.append((Run(piece, first, end - first), [piece.starts[i] for i in indexes]))
    return placed


def place(groups, bodies, frame: _Frame | None):
    """Where every run of pages goes -> (runs, destinations, pages with a folio, pages in all). A run starts on a
    right-hand page (odd page number), except a later part of a body; frame runs are cut from the frame's
    pieces at the start of their documents."""
    from bookmaker.writers.pdf_compose import Run

    runs, destinations, folios = [], {}, set()
    page = 0  # pages placed so far
    for group in groups:
        if group.unit is None:
            if frame is None:
                continue
            placed = _frame_runs(frame, group.documents)
        else:
            # A body laid out for the story's own book may serve an anthology, where its headings sit a level lower.
            level = top_level([doc.xhtml for doc in group.documents])
            placed = [(Run(piece, 0, piece.pages, heading_level=level), piece.starts) for piece in bodies[group.unit]]
        documents = iter(group.documents)
        for run, positions in placed:
            # Every piece opens on a right-hand page, but a later part of a body follows on from the page before.
            run.blank_before = page % 2 == 1 and run.piece.heads is None
            page += run.blank_before
            run.start = page
            for (number, top), doc in zip(positions, documents):  # positions first: zip must not take a doc too many
                for name in _targets(doc):
                    destinations[name] = (page + number - run.first, top)
            folios |= {page + n - run.first for n in range(run.first, run.first + run.count) if run.piece.folios[n]}
            runs.append(run)
            page += run.count
    return runs, destinations, folios, page


def _estimated(documents: list[Document]) -> Piece:
    """A stand-in for the contents before they are laid out: a page a document. Only an estimate: compose
    checks the numbers against the contents laid out."""
    return Piece(pdf=b"", names=[d.name for d in documents], starts=[(n, 0.0) for n in range(len(documents))],
                 folios=[False] * len(documents))


def _foreign(targets: set[str], documents: list[Document]) -> set[str]:
    """The link targets in other pieces than these documents'."""
    return targets - {t for doc in documents for t in _targets(doc)}


def lay_out_frame(book: RenderedBook, groups: list, used: dict[int, list[Piece]], extra_css: str,
                   targets: set[str], kept: KeptFolder | None):
    """The frame around the bodies laid out, and every run placed -> place's (runs, destinations, folios, pages).

    With `kept` (the anthology), the frame is three pieces: the contents, whose page numbers depend on every page
    before them, their own included; the colophon, which gives the book's words and date; and the rest (title
    page, story openings), which changes only with the stories' titles. Each is read back from `kept` when a build
    before laid it out from the same HTML (and page numbers). Else the frame is one piece. The contents are
    numbered first from a guess at their length (their length last time, kept in `kept`, or a page a document),
    then, if they come out longer, again from what they are (rarely needed twice: a number can wrap a title).
    """
    from bookmaker.writers.pdf_kept import COLOPHON, CONTENTS, FRAME, kept_digest, load_kept, save_kept

    frame_groups = [g for g in groups if g.unit is None]
    frame_docs = [doc for g in frame_groups for doc in g.documents]
    openers = {g.documents[0].name for g in frame_groups}
    # Split only when the pieces are kept: a story's own frame is a few pages, and two layouts cost more than one.
    split = kept is not None
    contents = [doc for doc in frame_docs if not split or doc.kind == "toc"]
    fixed_kinds = {FRAME: [doc for doc in frame_docs if doc not in contents and doc.kind != "colophon"],
                   COLOPHON: [doc for doc in frame_docs if doc not in contents and doc.kind == "colophon"]}

    def read_back(kind: str, documents: list[Document]) -> tuple[str, tuple[Piece, dict, str] | None]:
        """The digest of what the documents show (page numbers aside) and the piece kept of `kind`, if any."""
        if kept is None:
            return "", None
        html = assemble(book, documents, None, openers) + "\0".join(sorted(_foreign(targets, documents)))
        return kept_digest(kept, html, extra_css), load_kept(kept, kind, [doc.name for doc in documents])

    def lay_out_piece(documents: list[Document], pages: dict[str, int] | None) -> Piece:
        return lay_out(book, documents, extra_css, pages, openers, _foreign(targets, documents))

    fixed = []
    for kind, documents in fixed_kinds.items():
        if not documents:
            continue
        digest, previous = read_back(kind, documents)
        same = previous is not None and previous[2] == digest
        fixed.append(previous[0] if same else lay_out_piece(documents, None))
        if kept is not None and not same:
            save_kept(kept, kind, digest, fixed[-1])
    if not contents:
        return place(groups, used, _Frame(fixed))
    digest, previous = read_back(CONTENTS, contents)
    placed = place(groups, used, _Frame(fixed + [previous[0] if previous else _estimated(contents)]))
    pages = {target: placed[1][target][0] + 1 for target in targets if target in placed[1]}
    for _ in range(3):
        reused = previous is not None and previous[2] == digest and previous[1].get("pages") == pages
        numbered, laid_with = (previous[0] if reused else lay_out_piece(contents, pages)), pages
        placed = place(groups, used, _Frame(fixed + [numbered]))
        numbers = {target: placed[1][target][0] + 1 for target in pages if target in placed[1]}
        if numbers == pages:
            break
        pages = numbers
    if kept is not None and not reused:
        save_kept(kept, CONTENTS, digest, numbered, {"pages": laid_with})
    return placed
