"""Front matter: the tokens before the first heading -> title, author, epigraph, dedication and kept-apart notes.

Everything before the first chapter of a book with headings is classified, and none of it becomes a chapter:
a title page (`DIE VERWANDLUNG` / `VON` / `FRANZ KAFKA`), a byline (`by H. G. Wells`), an epigraph and its
attribution, a dedication (`TO` / `MY DEAR FRIEND` / ...), placeholders (`[Illustration]`, `cover`), publisher,
printer and copyright lines. Only a stretch of real prose there (an opening without a heading) stays story.
"""

from __future__ import annotations

import re

from bookmaker.detect import epigraph, note_like, title_by
from bookmaker.detect.assemble import boilerplate_note
from bookmaker.detect.text_shape import is_capitals, looks_like_title, plain, word_count, word_key
from bookmaker.detect.tokens import Token
from bookmaker.model import Diagnostic, Epigraph, Manuscript

_PLACEHOLDER = re.compile(r"^\[?\s*(?:illustration|frontispiece|image|picture|cover)\b[^\]]*\]?$|^cover$", re.IGNORECASE)
# "by" on a line of its own, in the languages title pages come in: the name is on the next line.
_BY_ALONE = re.compile(r"^(?:by|von|par|de|di|door|av|af|por|przez|автор)$", re.IGNORECASE)
_BY_NAME = re.compile(r"^(?:by|von|par|di|door|av|af|por)\s+(?P<name>\S.{0,60})$", re.IGNORECASE)
# `To` / `For` / `À` / `Para` opening a short line. Not a bare `a` (Spanish, Italian): it is an English subtitle's
# first word too (`A Novel`).
_DEDICATION = re.compile(r"^(?:to|for|dedicated\s+to|für|à|para|al|alla|aan|till|til)\b", re.IGNORECASE)
PROSE_WORDS = 25  # a paragraph this long, not a note and not a quotation, is story even before the first heading


def is_prose(token: Token) -> bool:
    """A paragraph of story: long enough, not a note, not an epigraph's quotation."""
    # Words of two letters or more: a letter-spaced publisher's line (`K U R T  W O L F F`) is no prose.
    if token.kind != "para" or sum(1 for w in token.text.split() if len(w) > 1) < PROSE_WORDS:
        return False
    return note_like.note_score(token.text) < note_like.BEFORE_DIVIDER and epigraph.quotation(token.text) is None


def classify(region: list[Token], manuscript: Manuscript) -> None:
    """Read the tokens before the first heading (none of them prose) into the manuscript's front matter."""
    meta = manuscript.meta
    kept: list[tuple[str, Token]] = []  # (kind, token) in reading order
    i = 0
    while i < len(region):
        token = region[i]
        text = plain(token.text).strip()
        following = plain(region[i + 1].text).strip() if i + 1 < len(region) else ""
        if token.kind != "para":
            if token.kind != "break":  # a drawn divider is no words; a note's label or a stray end word is kept
                kept.append(("note", token))
        elif _PLACEHOLDER.match(text):
            kept.append(("placeholder", token))
        elif manuscript.epigraph is None and _quotation_lines(region, i):
            lines = _quotation_lines(region, i)
            quote, who = epigraph.quotation(" ".join(t.text.strip() for t in lines))
            i += len(lines) - 1
            following = plain(region[i + 1].text).strip() if i + 1 < len(region) else ""
            under = None if who else epigraph.attribution(following, capitals=True)
            if under:  # `— Emily Dickinson` or `COLERIDGE` on the line under the quotation
                who = under
                i += 1
            manuscript.epigraph = Epigraph(quote, who, token.line)
        elif note_like.note_score(token.text) >= note_like.BEFORE_DIVIDER:
            kept.append(("note", token))
        elif _BY_ALONE.match(text) and following and word_count(following) <= 6:
            meta.author = meta.author or _name(following)
            kept += [("title-page", token), ("title-page", region[i + 1])]
            i += 1
        elif _BY_NAME.match(text) or title_by.parse_by_line(token.text):
            found = title_by.parse_by_line(token.text) or _BY_NAME.match(text).group("name")
            meta.author = meta.author or _name(found)
            kept.append(("title-page", token))
        elif _DEDICATION.match(text) and word_count(text) <= 12 and not meta_has(text, meta):
            run = _dedication_run(region, i)
            kept += [("dedication", t) for t in run]
            i += len(run)
            continue
        elif not meta.title and looks_like_title(text):
            meta.title = _name(text)
            manuscript.diagnostics.append(Diagnostic("D130", "title page line read as the title", token.line))
            kept.append(("title-page", token))
        else:
            # Title-page typography (capitals, spaced letters, the publisher's imprint) is the book's own title
            # page; a line that is neither that nor story is printed with the notes, not lost from the book.
            kept.append(("title-page" if _on_title_page(text, meta) else "note", token))
        i += 1
    _keep_apart(kept, manuscript)


def meta_has(text: str, meta) -> bool:
    """True when the line is the book's title or author again, or a line of a title set over several
    (`The War of the Worlds`; `or, the Modern Prometheus` under `Frankenstein;`)."""
    key = word_key(text)
    return bool(key) and any(f" {key} " in f" {word_key(name)} " for name in (meta.title or "", meta.author or ""))


_IMPRINT = re.compile(r"\b(?:copyright|all rights reserved|publishers?|published|printed|press|verlag|gedruckt|"
                      r"éditions?|editorial|editora|isbn)\b|©", re.IGNORECASE)


def _on_title_page(text: str, meta) -> bool:
    """A title page's or an imprint's line: the title or author again, capitals, spaced letters, a publisher."""
    words = text.split()
    spaced = len(words) >= 4 and sum(len(w) == 1 for w in words) >= 0.7 * len(words)
    return meta_has(text, meta) or is_capitals(text) or spaced or bool(_IMPRINT.search(text))


def _name(text: str) -> str:
    """A title or name as a title page sets it, in capitals, read as a person would write it: `FRANZ KAFKA` ->
    `Franz Kafka`; mixed case is kept as it is."""
    text = plain(text).strip().rstrip(".")
    if text.isupper():
        return " ".join(w.capitalize() if not re.match(r"^[IVXLC]+$", w) else w for w in text.split())
    return text


_QUOTATION_LINES = 12


def _quotation_lines(region: list[Token], start: int) -> list[Token]:
    """The lines of a quotation set line by line in one block (verse, an epigraph), its attribution with it:
    `‘But who shall dwell ...` / `... made for man?’` / `KEPLER`; [] when no quotation starts here."""
    lines: list[Token] = []
    for token in region[start:start + _QUOTATION_LINES]:
        if token.kind != "para" or (lines and token.gap_before > 0):
            break
        lines.append(token)
        if epigraph.quotation(" ".join(t.text.strip() for t in lines)):
            # The quotation closes here; a line under it in the same block may still be its attribution.
            after = region[start + len(lines)] if start + len(lines) < len(region) else None
            with_after = lines + [after] if after is not None and after.gap_before == 0 else None
            if with_after and epigraph.quotation(" ".join(t.text.strip() for t in with_after)):
                return with_after
            return lines
    return []


def _dedication_run(region: list[Token], start: int) -> list[Token]:
    """The dedication's lines: the `TO ...` line and the short lines set close under it."""
    run = [region[start]]
    for token in region[start + 1:]:
        if token.gap_before > 2 or word_count(token.text) > 8 or token.kind != "para":
            break
        run.append(token)
    return run


def _keep_apart(kept: list[tuple[str, Token]], manuscript: Manuscript) -> None:
    """Consecutive lines of one kind become one note, in reading order, each group reported with its lines: the
    title page and placeholders are kept but not printed (the book makes its own title page); a dedication and
    other lines are printed with the book's notes."""
    groups: list[tuple[str, list[Token]]] = []
    for kind, token in kept:
        if groups and groups[-1][0] == kind:
            groups[-1][1].append(token)
        else:
            groups.append((kind, [token]))
    for kind, tokens in groups:
        note = boilerplate_note(tokens, "before", "Dedication" if kind == "dedication" else None)
        note.kind = {"title-page": "front-matter", "placeholder": "placeholder"}.get(kind, "author")
        manuscript.notes.append(note)
        first, last = tokens[0].line, tokens[-1].line
        where = f"line {first}" if first == last else f"lines {first}–{last}"
        if not note.printed:
            what = "placeholder" if kind == "placeholder" else "title page and publisher lines"
            manuscript.diagnostics.append(Diagnostic("D141", f"{where}: {what} kept as front matter, not printed",
                                                     first))
        elif kind == "note":
            manuscript.diagnostics.append(Diagnostic(
                "D143", f"{where}: before the first heading, neither title page nor story: printed with the notes",
                first))
