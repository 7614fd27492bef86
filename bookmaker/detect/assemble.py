"""Assemble classified tokens into a Manuscript: front matter, chapters, notes, scene breaks and end markers.

list[Token] -> Manuscript (text not yet typeset)
"""

from __future__ import annotations


from bookmaker.detect import epigraph, note_like, scene_heading, title_by
from bookmaker.detect.chapter_heading import same_label
from bookmaker.detect.text_shape import looks_like_title, plain
from bookmaker.detect.tokens import Token
from bookmaker.inline import parse_inline
from bookmaker.model import Chapter, Diagnostic, Epigraph, Manuscript, Note, Paragraph, SceneBreak, SceneHeading


def paragraph(text: str, line: int | None) -> Paragraph:
    """Raw paragraph text -> a Paragraph of emphasis spans."""
    return Paragraph(parse_inline(text), line)


def _paragraph(token: Token) -> Paragraph:
    return paragraph(token.text, token.line)


def boilerplate_note(tokens: list[Token], position: str, label: str) -> Note:
    """Lines an archive or a publisher wrapped around the story (a header, a licence), kept as one labelled note."""
    return Note([paragraph(t.text.strip(), t.line) for t in tokens], position, None, label, tokens[0].line)


# ---------------------------------------------------------------- front matter


def take_front_matter(tokens: list[Token], manuscript: Manuscript) -> int:
    """Read header lines (title, author, one-line fields and notes) at the top; return how many tokens they took."""
    meta = manuscript.meta
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "field":
            if token.label == "title" and not meta.title:
                meta.title = plain(token.title or "") or None
            elif token.label == "author" and not meta.author:
                meta.author = plain(token.title or "") or None
            else:
                if token.label == "language":
                    manuscript.stated_language = token.title
                if token.label == "summary" and not meta.summary:
                    meta.summary = token.title
                manuscript.notes.append(_one_line_note(token))
            i += 1
            continue
        if token.kind == "note-label":
            # A note before the story and before any chapter heading belongs to the book.
            paragraphs, i = _take_labelled_note(tokens, i)
            if paragraphs:
                manuscript.notes.append(Note(paragraphs, "before", None, token.extra.get("label_text"), token.line))
                if token.extra.get("label_text", "").lower().startswith("summary") and not meta.summary:
                    meta.summary = " ".join(p.text for p in paragraphs)
            if i < len(tokens) and tokens[i].kind == "break":
                i += 1  # the divider between the note and the story is not a scene break
            continue
        if token.kind == "para" and not meta.title:
            author = title_by.parse_by_line(tokens[i + 1].text) if len(tokens) > i + 1 else None
            # Past the first line (after a disclaimer, say) only a title with its byline under it is the title.
            if looks_like_title(token.text) and (author or (i == 0 and _title_alone(tokens))):
                meta.title = plain(token.text)
                manuscript.diagnostics.append(Diagnostic("D130", "first line read as the title", token.line))
                i += 1
                if author:
                    meta.author = author
                    i += 1
                continue
        if token.kind == "para" and meta.title and not meta.author and title_by.parse_by_line(token.text):
            meta.author = title_by.parse_by_line(token.text)
            i += 1
            continue
        break
    return i


def _title_alone(tokens: list[Token]) -> bool:
    """The first line stands alone as a title: a caption ("Present Day") opening the story is not one."""
    first = tokens[0]
    if scene_heading.is_caption(first.text) and not first.text.istitle():
        return False
    return len(tokens) > 1 and (tokens[1].gap_before >= 1 or tokens[1].kind != "para")


def _one_line_note(token: Token) -> Note:
    """A header line such as `Rating: PG-13` or `Disclaimer: not mine.` kept as a labelled note."""
    return Note([paragraph(token.extra.get("rest", ""), token.line)], "before", None,
                token.extra.get("label_text"), token.line)


# ---------------------------------------------------------------- chapters


def split_chapters(tokens: list[Token], diagnostics: list[Diagnostic]) -> list[tuple[Token | None, str | None, list[Token]]]:
    """Cut the token stream at chapter and part headings: [(heading, part title, body tokens)]."""
    chapters: list[tuple[Token | None, str | None, list[Token]]] = []
    heading: Token | None = None
    part: str | None = None
    body: list[Token] = []
    started = False
    open_part: Token | None = None  # a part heading no chapter has followed yet
    for token in tokens:
        if token.kind not in ("part", "break"):  # a divider under a part heading opens no chapter
            open_part = None
        if token.kind in ("chapter", "part"):
            if heading is not None and not body and token.kind == "chapter" and same_label(heading.label, token.label) \
                    and not (heading.title and token.title and heading.title != token.title):
                # An archive's chapter label repeated as the chapter's own title: one heading, shown once.
                heading.title = heading.title or token.title
                diagnostics.append(Diagnostic("D120", "repeated chapter label shown once", token.line))
                continue
            if started and (heading is not None or body):
                chapters.append((heading, part, body))
            body = []
            started = True
            if token.kind == "part":
                if open_part is not None:  # two part headings in a row: the first stands alone, not lost
                    chapters.append((open_part, None, []))
                name = ": ".join(x for x in (token.label, token.title) if x) or token.text.strip()
                if name == part:
                    diagnostics.append(Diagnostic("D120", "part heading repeated above a chapter: shown once",
                                                  token.line))
                part = name
                heading, open_part = None, token
                continue
            heading = token
            continue
        body.append(token)
        started = True
    if open_part is not None:
        # The story ends on a part heading ("Part II" of a story not yet written): a heading of its own, not lost.
        chapters.append((open_part, None, []))
    elif heading is not None or body or not chapters:
        chapters.append((heading, part, body))
    return chapters


def _chapter_title(heading: Token | None) -> tuple[str | None, str | None]:
    """(title, label) of a chapter; the structure decision already joined a title line under a bare label."""
    if heading is None:
        return None, None
    return (plain(heading.title) if heading.title else None), heading.label


# ---------------------------------------------------------------- notes inside chapters


def _take_labelled_note(body: list[Token], i: int) -> tuple[list[Paragraph], int]:
    """The note that a label line opens: its inline text, the next paragraph if none, then note-like paragraphs."""
    label = body[i]
    paragraphs = []
    if label.extra.get("rest"):
        paragraphs.append(paragraph(label.extra["rest"], label.line))
    i += 1
    style = emphasis_of(label.text)
    while i < len(body) and body[i].kind == "para":
        token = body[i]
        same_style = style is not None and emphasis_of(token.text) == style
        # A label set as a heading (`## Chapter End Notes`) heads its whole section, up to the next heading.
        if paragraphs and note_like.note_score(token.text) < note_like.BEFORE_DIVIDER and not same_style \
                and not label.extra.get("section"):
            break
        paragraphs.append(_paragraph(token))
        i += 1
    return paragraphs, i


_WRAPPERS = ("***", "**", "__", "*", "_")


def emphasis_of(text: str) -> str | None:
    """The emphasis marker wrapping a whole paragraph (`**Author's Note:**` -> `**`), or None: an author who sets a
    note's label in bold sets the whole note in bold, and the story in roman."""
    text = text.strip()
    for marker in _WRAPPERS:
        if len(text) > 2 * len(marker) and text.startswith(marker) and text.endswith(marker):
            return marker
    return None


def _leading_unlabelled_notes(body: list[Token], start: int) -> int:
    """How many paragraphs at `start` are an unlabelled note to the reader (the note, not the captions)."""
    divider = next((k for k in range(start, min(len(body), start + 5)) if body[k].kind == "break"), None)
    if divider is not None and divider > start:
        candidates = [t for t in body[start:divider] if t.kind == "para"]
        notes = [t for t in candidates if not scene_heading.is_caption(t.text)]
        if notes and len(candidates) == divider - start and body[start] in notes \
                and all(note_like.note_score(t.text) >= note_like.BEFORE_DIVIDER for t in notes):
            return len(notes) if notes == candidates[: len(notes)] else 1
    if start < len(body) and body[start].kind == "para" and note_like.note_score(body[start].text) >= note_like.ALONE:
        return 1
    return 0


# ---------------------------------------------------------------- one chapter


def build_chapter(index: int, heading: Token | None, part: str | None, body: list[Token], usual_gap: int,
                  manuscript: Manuscript, last: bool = False) -> Chapter:
    """Turn one chapter's tokens into a Chapter; its notes go to manuscript.notes."""
    title, label = _chapter_title(heading)
    chapter = Chapter(title=title, label=label, part=part,
                      line=heading.line if heading else (body[0].line if body else None))
    # Under a part heading, a note belongs to the part's first chapter, not to the book.
    note_chapter = index if heading is not None or part else (None if index == 1 else index)

    def add_note(paragraphs, position, label_text, line):
        if paragraphs:
            manuscript.notes.append(Note(paragraphs, position, note_chapter, label_text, line))

    i = 0
    # Notes before the story: labelled ones, then an unlabelled note to the reader.
    while i < len(body) and body[i].kind in ("note-label", "field"):
        token = body[i]
        paragraphs, i = _take_labelled_note(body, i)
        add_note(paragraphs, "before", token.extra.get("label_text"), token.line)
        if i < len(body) and body[i].kind == "break":
            i += 1  # the divider between the note and the story is not a scene break
    if index == 1 and manuscript.epigraph is None:
        i = _take_epigraph(body, i, manuscript)
    unlabelled = _leading_unlabelled_notes(body, i)
    for token in body[i: i + unlabelled]:
        add_note([_paragraph(token)], "before", None, token.line)
        manuscript.diagnostics.append(Diagnostic("D110", "unlabelled author's note set apart", token.line))
    body = body[:i] + body[i + unlabelled:]
    _walk_story(chapter, body[i:], usual_gap, manuscript, add_note, last)
    _split_glued_note(chapter, manuscript, add_note)
    return chapter


def _take_epigraph(body: list[Token], i: int, manuscript: Manuscript) -> int:
    """A short quotation opening the story, followed by its attribution line (`— Emily Dickinson`)."""
    if i + 1 >= len(body) or body[i].kind != "para" or body[i + 1].kind != "para":
        return i
    quote, who = body[i], epigraph.attribution(body[i + 1].text)
    if who is None or len(quote.text) > 500:
        return i
    manuscript.epigraph = Epigraph(quote.text.strip(), who, quote.line)
    return i + 2


def _walk_story(chapter: Chapter, body: list[Token], usual_gap: int, manuscript: Manuscript, add_note,
                last: bool = False) -> None:
    """Blocks of the story: paragraphs, scene breaks, scene headings, the end marker and the notes after it."""
    blocks = chapter.blocks
    i = 0
    while i < len(body):
        token = body[i]
        has_prose = any(isinstance(b, Paragraph) for b in blocks)
        if token.kind == "end" and (last or ends_here(body, i)):
            chapter.end_marker = plain(token.text)
            if ends_here(body, i):
                _notes_after(body[i + 1:], add_note)
            else:
                _back_matter(body[i + 1:], manuscript)
            break
        if token.kind == "section":
            blocks.append(SceneHeading(plain(token.text), token.line))
            i += 1
            continue
        if token.kind == "note-label":
            paragraphs, i = _take_labelled_note(body, i)
            add_note(paragraphs, "after", token.extra.get("label_text"), token.line)
            continue
        if token.kind == "break":
            _add_break(blocks, token.line, token.text.strip())
            i += 1
            continue
        blank_break = has_prose and token.gap_before > max(usual_gap, 0) 
        if blank_break:
            _add_break(blocks, token.line, f"{token.gap_before} blank lines")
            manuscript.diagnostics.append(
                Diagnostic("D101", f"{token.gap_before} blank lines read as a scene break", token.line))
        next_is_break = i + 1 < len(body) and body[i + 1].kind == "break" and body[i + 1].gap_before == 0
        opens_scene = not blocks or isinstance(blocks[-1], SceneBreak)
        if scene_heading.is_caption(token.text) and (opens_scene or next_is_break):
            if next_is_break:
                # A caption drawn above the divider heads the scene below it.
                _add_break(blocks, body[i + 1].line, body[i + 1].text.strip())
                i += 1
            blocks.append(SceneHeading(plain(token.text), token.line))
            i += 1
            continue
        blocks.append(_paragraph(token))
        i += 1
    while blocks and isinstance(blocks[-1], SceneBreak):
        blocks.pop()
    _trailing_notes(chapter, manuscript, add_note)


END_TAIL_WORDS = 150  # words of story after an end word that still let it close the chapter


def little_story_after(tokens: list[Token], index: int, limit: int, stop: tuple[str, ...] = ("note-label", "field")) -> bool:
    """True when at most `limit` words of story (paragraphs that are not notes) follow tokens[index] before the next
    token of a `stop` kind; it stops counting at the limit, so a long story costs no more than a short one."""
    words = 0
    for token in tokens[index + 1:]:
        if token.kind in stop:
            break
        if token.kind == "para" and note_like.note_score(token.text) < note_like.ALONE:
            words += len(token.text.split())
            if words > limit:
                return False
    return True


def ends_here(body: list[Token], index: int) -> bool:
    """An end word closes the chapter only where what follows it is short or is notes: Dracula's `“FINIS.”` ends a
    diary inside chapter XIII, and the chapter goes on."""
    return little_story_after(body, index, END_TAIL_WORDS)


def _add_break(blocks, line, source) -> None:
    """A break counts only between two stretches of story: none at the start, never two in a row."""
    if not blocks or isinstance(blocks[-1], SceneBreak):
        return
    if isinstance(blocks[-1], SceneHeading) and not any(isinstance(b, Paragraph) for b in blocks):
        return  # a caption at the very start heads the first scene; the divider under it is no break
    if isinstance(blocks[-1], SceneHeading):
        return
    blocks.append(SceneBreak(line, source))


def _back_matter(tokens: list[Token], manuscript: Manuscript) -> None:
    """A long stretch after the book's closing `THE END` (a publisher's advertisements, a transcriber's list of
    corrections) is back matter: kept, not printed, reported with its lines."""
    kept = [t for t in tokens if t.kind != "break" and t.text.strip()]
    if not kept:
        return
    note = boilerplate_note(kept, "after", None)
    note.kind = "back-matter"
    manuscript.notes.append(note)
    manuscript.diagnostics.append(Diagnostic(
        "D142", f"lines {kept[0].line}–{kept[-1].line} after the book's end word kept as back matter, not printed",
        kept[0].line))


def _notes_after(tokens: list[Token], add_note) -> None:
    """Everything after an end marker and before the next heading is a note after the chapter."""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "note-label":
            paragraphs, j = _take_labelled_note(tokens, i)
            while j < len(tokens) and tokens[j].kind == "para":
                paragraphs.append(_paragraph(tokens[j]))
                j += 1
            add_note(paragraphs, "after", token.extra.get("label_text"), token.line)
            i = j
        else:
            if token.kind != "break":
                add_note([paragraph(token.text, token.line)], "after", None, token.line)
            i += 1


NOTE_WORDS = 80  # words: longer closing paragraphs are never taken for an unlabelled note


def _trailing_notes(chapter: Chapter, manuscript: Manuscript, add_note) -> None:
    """Closing paragraphs that talk to the reader ("Please review!") are a note after the chapter."""
    blocks = chapter.blocks
    tail: list[Paragraph] = []
    # A note to the reader is short; a long closing paragraph that mentions a promise or a story is story.
    while len(blocks) > 1 and isinstance(blocks[-1], Paragraph) and len(blocks[-1].text.split()) <= NOTE_WORDS \
            and note_like.note_score(blocks[-1].text) >= note_like.ALONE:
        tail.insert(0, blocks.pop())
    while blocks and isinstance(blocks[-1], SceneBreak):
        blocks.pop()
    if tail:
        add_note(tail, "after", None, tail[0].line)
        manuscript.diagnostics.append(Diagnostic("D110", "unlabelled author's note after the chapter set apart",
                                                 tail[0].line))


def _split_glued_note(chapter: Chapter, manuscript: Manuscript, add_note) -> None:
    """A note glued to the first paragraph ("...to get them ready.Spike watched") is split off."""
    first = next((b for b in chapter.blocks if isinstance(b, Paragraph)), None)
    if first is None:
        return
    split = note_like.split_glued_note(first.text)
    if not split:
        return
    head, tail = split
    index = chapter.blocks.index(first)
    chapter.blocks[index] = paragraph(tail, first.line)
    add_note([paragraph(head, first.line)], "before", None, first.line)
    manuscript.diagnostics.append(Diagnostic("D111", "author's note glued to the first paragraph split off", first.line))
