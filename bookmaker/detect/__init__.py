"""Structure detection: decoded text -> Manuscript (title, author, notes, chapters, breaks, end markers).

Two registries, each an explicit ordered list of named rules:
- LINE_RULES classify one raw paragraph at a time (the first rule that matches wins);
- DOCUMENT_RULES then look at the whole token stream (repetition, sequences, boilerplate).
Assembly into chapters is in assemble.py.
"""

from __future__ import annotations

import re
from typing import Callable

from bookmaker.detect import (archive_counters, chapter_heading, end_marker, front_matter, note_label, running_header, scene_break,
                              structure, title_by, user_settings)
from bookmaker.detect.assemble import boilerplate_note, build_chapter, split_chapters, take_front_matter
from bookmaker.detect.tokens import Token
from bookmaker.model import Chapter, DetectionSettings, Diagnostic, Manuscript
from bookmaker.split import RawParagraph, split


def _scene_break_rule(p: RawParagraph) -> Token | None:
    if scene_break.is_scene_break(p.text):
        return Token("break", p.text, p.line, p.gap_before)
    return None


def _chapter_heading_rule(p: RawParagraph) -> Token | None:
    found = chapter_heading.classify(p.text)
    if not found:
        return None
    if found.get("level") and note_label.classify(found["title"] + ":"):
        # `## Chapter End Notes`: a Markdown heading that labels the author's note under it.
        token = Token("note-label", p.text, p.line, p.gap_before, title=None, label=None)
        token.extra.update(rest="", label_text=found["title"], section=True)
        return token
    token = Token(found["kind"], p.text, p.line, p.gap_before, title=found["title"], label=found["label"],
                  weak=found["weak"])
    token.extra["level"] = found.get("level")
    return token


def _end_marker_rule(p: RawParagraph) -> Token | None:
    return Token("end", p.text, p.line, p.gap_before) if end_marker.classify(p.text) else None


def _note_label_rule(p: RawParagraph) -> Token | None:
    found = note_label.classify(p.text)
    if not found:
        return None
    kind = "field" if found["field"] else "note-label"
    token = Token(kind, p.text, p.line, p.gap_before, title=found["rest"] or None, label=found["field"])
    token.extra.update(rest=found["rest"], label_text=found["label"])
    return token


LineRule = Callable[[RawParagraph], "Token | None"]

# Order matters: a drawn divider is never a heading; "The End" is an end marker before it could be a title.
LINE_RULES: list[tuple[str, LineRule]] = [
    ("scene-break", _scene_break_rule),
    ("end-marker", _end_marker_rule),
    ("chapter-heading", _chapter_heading_rule),
    ("note-label", _note_label_rule),
]


def classify(paragraph: RawParagraph) -> Token:
    """The token for one raw paragraph: the first line rule that matches, else plain prose."""
    for name, rule in LINE_RULES:
        token = rule(paragraph)
        if token is not None:
            token.rule = name
            token.line_count = paragraph.line_count
            return token
    return Token("para", paragraph.text, paragraph.line, paragraph.gap_before, rule="prose",
                 line_count=paragraph.line_count)


# ---------------------------------------------------------------- document rules


_PG_START = re.compile(r"^\*+\s*START OF (THE|THIS) PROJECT GUTENBERG", re.I)
# The licence begins at `*** END OF ...` or, in older files, at the line before it: `End of the Project Gutenberg
# EBook of TITLE, by AUTHOR` (some files have only that line, and no header at all).
_PG_END = re.compile(r"^(?:\*+\s*END OF (THE|THIS) PROJECT GUTENBERG|End of (the )?Project Gutenberg'?s? (e-?book|etext))",
                     re.I)
_PG_NAMES = re.compile(r"Project Gutenberg'?s?(?: e-?book| etext)?(?: of)?\s+(?P<title>.+?),\s+by\s+(?P<author>[^,]+?)\s*$",
                       re.I)


def gutenberg_boilerplate(tokens: list[Token], manuscript: Manuscript) -> list[Token]:
    """Project Gutenberg's header and licence (outside `*** START OF ... ***` / `*** END OF ... ***`) become notes;
    the header's Title, Author and Language lines (or `... EBook of TITLE, by AUTHOR`) name the book."""
    start = next((i for i, t in enumerate(tokens) if _PG_START.match(t.text.strip())), None)
    end = next((i for i, t in enumerate(tokens) if _PG_END.match(t.text.strip())), None)
    if start is None and end is None:
        return tokens
    first, end = (start + 1 if start is not None else 0), (end if end is not None else len(tokens))
    header, body, footer = tokens[:first], tokens[first:end], tokens[end:]
    meta = manuscript.meta
    for token in header:
        found = note_label.classify(token.text)
        if found and found["field"] == "title" and not meta.title:
            meta.title = found["rest"]
        elif found and found["field"] == "author" and not meta.author:
            meta.author = found["rest"]
        elif found and found["field"] == "language":
            manuscript.stated_language = found["rest"]
    for token in header[:3] + footer[:1]:
        named = _PG_NAMES.search(token.text.strip().lstrip("\ufeff?"))
        if named and not meta.title:
            meta.title, meta.author = named.group("title"), meta.author or named.group("author")
    # Kept, not printed: a book the reader holds is no Project Gutenberg eBook, and the licence asks for no more
    # once the name is gone.
    for piece, position in ((header, "before"), (footer, "after")):
        if piece:
            note = boilerplate_note(piece, position, "Project Gutenberg")
            note.kind = "archive"
            manuscript.notes.append(note)
            manuscript.diagnostics.append(Diagnostic(
                "D144", f"lines {piece[0].line}–{piece[-1].line}: Project Gutenberg's "
                        f"{'header' if position == 'before' else 'licence'} kept, not printed", piece[0].line))
    return body


_ARCHIVE_HEADER = re.compile(r"^Posted originally on the Archive of Our Own", re.IGNORECASE)
_ARCHIVE_MARKER = re.compile(r"^\s*Chapter Text\s*$", re.IGNORECASE)


def archive_of_our_own(tokens: list[Token], manuscript: Manuscript) -> list[Token]:
    """An Archive of Our Own download: its header (rating, fandom, stats) is a note; `Chapter Text` lines are labels.

    Example: `The Winter Road` / `Posted originally on the Archive of Our Own at ...` / `Rating:` ... then the title
    again, `by AUTHOR`, `Summary`, `Notes`, `Chapter 1: ...`, `Chapter Text`, the chapter, `Chapter End Notes`.
    """
    start = next((i for i, t in enumerate(tokens[:3]) if _ARCHIVE_HEADER.match(t.text.strip())), None)
    if start is None:
        return tokens
    title = tokens[0].text.strip() if start == 1 else None
    end = next((k for k in range(start + 1, len(tokens)) if title and tokens[k].text.strip() == title), start + 1)
    header = tokens[start:end]
    manuscript.notes.append(boilerplate_note(header, "before", "Archive of Our Own"))
    kept = tokens[end:] if title else tokens[:start] + tokens[end:]
    for token in kept:
        if _ARCHIVE_MARKER.match(token.text):
            manuscript.diagnostics.append(Diagnostic("D120", "archive label 'Chapter Text' not shown", token.line))
    if title and tokens[:1]:
        manuscript.diagnostics.append(Diagnostic("D120", "title line repeated by the archive shown once", tokens[0].line))
    return [t for t in kept if not _ARCHIVE_MARKER.match(t.text)]


def title_by_author_headings(tokens: list[Token], manuscript: Manuscript) -> list[Token]:
    """`TITLE by AUTHOR` lines: repeated with one author they are chapter headings; the first gives the book's title."""
    found = [(i, title_by.parse(t.text)) for i, t in enumerate(tokens) if t.kind == "para"]
    found = [(i, tb) for i, tb in found if tb]
    authors: dict[str, int] = {}
    for _, (_, author) in found:
        authors[author.casefold()] = authors.get(author.casefold(), 0) + 1
    drop_first = False
    for i, (title, author) in found:
        if i == 0 and not manuscript.meta.title:
            manuscript.meta.title, manuscript.meta.author = title, author
        if authors[author.casefold()] >= 2:
            token = tokens[i]
            tokens[i] = Token("chapter", token.text, token.line, token.gap_before, title=title, rule="title-by-author")
            manuscript.diagnostics.append(
                Diagnostic("D120", f"chapter heading '{token.text.strip()}': the author is shown once, on the title page",
                           token.line))
        elif i == 0:
            drop_first = True  # a lone title line at the top: its words live on as the book's title and author
    return tokens[1:] if drop_first else tokens


def markdown_title(tokens: list[Token], manuscript: Manuscript) -> list[Token]:
    """A `# Title` first line is the book's title when the chapters are marked otherwise (or not at all); so is a
    first heading of a higher rank than every other (a page's `<h2>` title over its `<h3>` chapters)."""
    first = tokens[0] if tokens else None
    level = first.extra.get("level") if first and first.kind == "chapter" else None
    if level:
        others = [t for t in tokens[1:] if t.kind == "chapter" and (t.extra.get("level") or 7) <= level
                  or t.kind == "part"]
        if not others and not manuscript.meta.title:
            manuscript.meta.title = first.title
            # The only heading of the file: the title of the one chapter it holds as well as the book's.
            alone = not any(t.kind in ("chapter", "part") for t in tokens[1:])
            return tokens if alone else tokens[1:]
    return tokens


DOCUMENT_RULES: list[tuple[str, Callable[[list[Token], Manuscript], list[Token]]]] = [
    ("gutenberg-boilerplate", gutenberg_boilerplate),
    ("archive-of-our-own", archive_of_our_own),
    ("archive-counters", archive_counters.drop_archive_counters),
    ("title-by-author", title_by_author_headings),
    # After title-by-author (its `TITLE by AUTHOR` headings are headings, not copies of a header).
    ("running-header", running_header.drop_running_headers),
    ("markdown-title", markdown_title),
]


def _front_matter(tokens: list[Token], manuscript: Manuscript) -> list[Token]:
    """Header lines, notes and title page before the story -> the manuscript's front matter; the rest is story.

    Before the first heading of a book with headings, nothing is story unless it is prose (an opening without a
    heading); in a story without headings, only the header lines at its top are front matter.
    """
    first = next((i for i, t in enumerate(tokens) if t.kind in ("chapter", "part")), None)
    region = tokens[:first] if first else []
    if region and not any(front_matter.is_prose(t) for t in region):
        taken = take_front_matter(region, manuscript)
        front_matter.classify(region[taken:], manuscript)
        return tokens[first:]
    return tokens[take_front_matter(tokens, manuscript):]


def detect(text: str, settings: DetectionSettings = DetectionSettings()) -> Manuscript:
    """Find the structure of a decoded story (with the metadata file's `[detect]` settings, if any); the text of
    the result is not yet typeset."""
    manuscript = Manuscript()
    layout = split(text)
    tokens = [classify(p) for p in layout.paragraphs]
    for _, rule in DOCUMENT_RULES:
        tokens = rule(tokens, manuscript)
    tokens = user_settings.apply_settings(tokens, manuscript, settings)
    # The decision for the whole document: contents lists, heading families, titles under headings.
    tokens = structure.decide_structure(tokens, manuscript, layout.convention)
    tokens = _front_matter(tokens, manuscript)
    pieces = split_chapters(tokens, manuscript.diagnostics)
    for index, (heading, part, body) in enumerate(pieces):
        # Numbered by the chapters kept so far, so notes point at the right chapter when an empty one is dropped.
        chapter = build_chapter(len(manuscript.chapters) + 1, heading, part, body, layout.usual_gap, manuscript,
                                last=index == len(pieces) - 1)
        if chapter.blocks or chapter.title or chapter.label or chapter.end_marker:
            manuscript.chapters.append(chapter)
        elif part and not any(later[1] == part for later in pieces[index + 1:]):
            # A part heading with nothing of its own under it (only a divider or a note): kept as a heading.
            chapter.title, chapter.part = part, None
            chapter.line = max(1, (chapter.line or 1) - 1)  # the part heading stood above its first line
            manuscript.chapters.append(chapter)
    if not manuscript.chapters:
        manuscript.diagnostics.append(Diagnostic("D199", "no story text found"))
    return manuscript


def detect_chapter(text: str, number: int, heading: str | None, manuscript: Manuscript, last: bool = False,
                   settings: DetectionSettings = DetectionSettings()) -> Chapter:
    """One chapter's text, from a format that gives the chapters (an archive's download) -> its Chapter.

    The heading is the format's (`Chapter 3: The Lake` is split into label and title as detection would); inside
    the text, only what a chapter holds is found: scene breaks, scene headings, end markers and the author's notes
    glued to the prose (set apart into manuscript.notes, reported). A line that looks like a heading stays prose.
    """
    layout = split(text)
    tokens = [classify(p) for p in layout.paragraphs]
    for token in tokens:
        if token.kind in ("chapter", "part", "field"):
            token.kind, token.title, token.label = "para", None, None
    # Only the user's dropped paragraphs apply here: the format, not a pattern, says where the story starts.
    tokens = user_settings.apply_settings(tokens, manuscript, DetectionSettings(drop=settings.drop))
    found = chapter_heading.classify(heading) if heading else None
    title, label = (found["title"], found["label"]) if found else (heading, None)
    token = Token("chapter", heading or "", 1, title=title, label=label)
    chapter = build_chapter(number, token, None, tokens, layout.usual_gap, manuscript, last=last)
    chapter.line = None
    return chapter
