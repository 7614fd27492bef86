"""The escape hatch: a story's `[detect]` settings (metadata file) applied to the tokens -> tokens, before the
structure decision, so that what the user says is never second-guessed.

Example (`NAME.toml`): `[detect]` / `heading = '^~ (?P<title>.+) ~$'` / `drop = ['^Posted on .*']` /
`start = '^It was'` / `end = '^Thanks for reading'`. Every paragraph left out is kept in the manuscript and reported.
"""

from __future__ import annotations

from bookmaker.detect.assemble import boilerplate_note
from bookmaker.detect.text_shape import plain
from bookmaker.detect.tokens import Token
from bookmaker.model import DetectionSettings, Diagnostic, Manuscript


def apply_settings(tokens: list[Token], manuscript: Manuscript, settings: DetectionSettings) -> list[Token]:
    """Cut the story to its start and end, leave out dropped paragraphs, and pin the user's headings."""
    tokens = _cut(tokens, manuscript, settings)
    kept = []
    for token in tokens:
        text = token.text.strip()
        if any(pattern.search(text) for pattern in settings.drop):
            note = boilerplate_note([token], "before", "Dropped")
            note.kind = "archive"
            manuscript.notes.append(note)
            manuscript.diagnostics.append(Diagnostic("D160", "left out by the metadata file's detect.drop", token.line))
            continue
        match = settings.heading.search(text) if settings.heading else None
        if match:
            groups = match.groupdict()
            token.kind, token.weak = "chapter", False
            token.label = (groups.get("label") or "").strip() or None
            token.title = (groups.get("title") or "").strip() or (None if token.label else plain(text))
            token.extra["pinned"] = True  # the structure decision keeps it as it is
        elif token.kind in ("chapter", "part") and settings.heading:
            token.kind = "para"  # the user named the headings: nothing else is one
        kept.append(token)
    return kept


def _cut(tokens: list[Token], manuscript: Manuscript, settings: DetectionSettings) -> list[Token]:
    """What comes before `start` is front matter and what comes from `end` on is back matter: kept, not printed."""
    first = next((i for i, t in enumerate(tokens) if settings.start.search(t.text.strip())), 0) if settings.start else 0
    last = len(tokens)
    if settings.end:
        last = next((i for i in range(first + 1, len(tokens)) if settings.end.search(tokens[i].text.strip())), last)
    for piece, kind, position in ((tokens[:first], "front-matter", "before"), (tokens[last:], "back-matter", "after")):
        if piece:
            note = boilerplate_note(piece, position, None)
            note.kind = kind
            manuscript.notes.append(note)
            manuscript.diagnostics.append(Diagnostic(
                "D161", f"lines {piece[0].line}–{piece[-1].line}: outside the story the metadata file's detect."
                        f"{'start' if position == 'before' else 'end'} marks, kept as {kind}", piece[0].line))
    return tokens[first:last]
