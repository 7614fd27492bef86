"""A Manuscript -> the documents and contents entries of its story (notes, contents, parts, chapters).

A standalone book and each story of an anthology are rendered by the same function: the anthology
passes a file-name prefix (ids stay unique across stories) and a deeper heading level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bookmaker.model import Chapter, Manuscript, Note, Paragraph, SceneBreak, SceneHeading
from bookmaker.render.book import Document, TocEntry
from bookmaker.render.labels import Labels, numbers_only
from bookmaker.render.xhtml import render

_TAGS = {"em": "em", "strong": "strong"}  # model styles -> elements; anything else renders as plain text


@dataclass
class Story:
    """What rendering one story gives: its documents in reading order and its nav entries."""

    documents: list[Document] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)


@dataclass
class StoryContext:
    prefix: str  # "" for a book, "s01-" for the first story of an anthology
    level: int  # heading level of the story's top divisions: 1 in a book, 2 in an anthology
    lang: str
    labels: Labels
    title: str  # display title (never None)
    front: str = "frontmatter"  # epub:type of the story's notes and contents: "bodymatter" in an anthology
    unit: int = 0  # which story of the book this is (0 in a book, n in an anthology): Document.unit


def spans(paragraph: Paragraph) -> list[tuple[str | None, str]]:
    return [(_TAGS.get(span.style or ""), span.text) for span in paragraph.spans if span.text]


def _blocks(chapter: Chapter) -> list[dict]:
    items = []
    for block in chapter.blocks:
        if isinstance(block, Paragraph):
            if block.text.strip():
                items.append({"kind": "p", "spans": spans(block)})
        elif isinstance(block, SceneBreak):
            # A break at the very start or end, or right after another, separates nothing.
            if items and items[-1]["kind"] != "break":
                items.append({"kind": "break"})
        elif isinstance(block, SceneHeading):
            items.append({"kind": "scene", "text": block.text})
    while items and items[-1]["kind"] == "break":
        items.pop()
    return items


# A chapter's summary, as an archive gives it, is headed as one; every other note is the author's note.
_SUMMARY = {"en": "Summary", "de": "Zusammenfassung", "fr": "Résumé", "es": "Resumen"}


def _named_apart(items: list[dict], default: str) -> list[dict]:
    """Notes sharing a page and a name get numbered names (`Author's note 2`), so a screen reader's list of the
    page's landmarks tells them apart (WCAG landmark-unique); what the page shows stays the same."""
    names = [item["label"] or default for item in items]
    seen: dict[str, int] = {}
    for item, name in zip(items, names):
        if names.count(name) > 1:
            seen[name] = seen.get(name, 0) + 1
            item["aria"] = f"{name} {seen[name]}"
    return items


# A note that opens with its own label ("Side Note: I wrote this…") is headed by it, not by "Author's note" above
# the same words again; a label that only says "author's note" is the heading already and is not printed twice.
_OWN_LABEL = re.compile(r"^(?P<label>(?:[A-Z][\w’']*\s){0,2}[Nn]otes?|A\s*/\s*N|Disclaimer|Warning|Dedication|"
                        r"Acknowledge?ments?|Trigger [Ww]arnings?|Content [Ww]arnings?)\s*:\s+(?=\S)")
_PLAIN_LABEL = re.compile(r"^(?:a\s*/\s*n|(?:author[’']?s?\s+)?notes?)$", re.IGNORECASE)


def _own_label(paragraphs: list[list[tuple[str | None, str]]]) -> tuple[str | None, list]:
    """A note's paragraphs (as spans) -> (the label it opens with, to head it; None for a plain author's note) and
    its paragraphs without that label."""
    if not paragraphs or not paragraphs[0] or paragraphs[0][0][0] is not None:
        return None, paragraphs
    style, text = paragraphs[0][0]
    found = _OWN_LABEL.match(text)
    if not found:
        return None, paragraphs
    first = [(style, text[found.end():])] + paragraphs[0][1:]
    label = found.group("label")
    return (None if _PLAIN_LABEL.match(label) else label), [first] + paragraphs[1:]


def _notes(notes: list[Note], lang: str = "en") -> list[dict]:
    summary = _SUMMARY.get(lang.split("-")[0].lower(), _SUMMARY["en"])
    items = []
    for n in notes:
        if not (n.printed and n.text.strip()):
            continue
        own, paragraphs = _own_label([spans(p) for p in n.paragraphs if p.text.strip()])
        label = n.heading or (summary if n.label and "summary" in n.label.lower() else None) or own
        items.append({"paragraphs": paragraphs, "label": label, "aria": None})
    return items


def _document(name: str, kind: str, template: str, ctx: StoryContext, title: str, matter: str, **values) -> Document:
    xhtml = render(template, lang=ctx.lang, title=title, matter=matter, id=name.removesuffix(".xhtml"), **values)
    return Document(name=name, title=title, kind=kind, xhtml=xhtml)


def toc_document(name: str, entries: list[TocEntry], ctx: StoryContext, level: int, authors: dict | None = None) -> Document:
    """The visible contents page: the same entries as the nav, as links."""

    def plain(entry: TocEntry) -> dict:
        return {"title": entry.title, "href": entry.href, "author": (authors or {}).get(entry.href),
                "children": [plain(child) for child in entry.children]}

    doc = _document(name, "toc", "toc.xhtml.j2", ctx, ctx.labels.contents, ctx.front,
                    heading=ctx.labels.contents, level=level, items=[plain(e) for e in entries])
    doc.landmark = "toc"
    return doc


def _chapter_heading(chapter: Chapter, number: int, count: int, labels: Labels) -> tuple[str | None, str | None]:
    """(label, title) shown in the chapter's heading; the nav uses the title, else the label."""
    title = chapter.title.strip() if chapter.title and chapter.title.strip() else None
    label = chapter.label.strip() if chapter.label and chapter.label.strip() else None
    if label == title:
        label = None
    # "Chapter 1" over a story's only chapter numbers nothing: not printed, nor a running head (reported: D122);
    # over a chapter with nothing else in it, it is all the story has, and stays.
    if count == 1 and chapter.blocks:
        title = None if title and numbers_only(title) else title
        label = None if label and numbers_only(label) else label
    if title or label:
        return label, title
    # A lone untitled chapter is the story itself: no heading. Among several, name it by its number.
    return (labels.chapter.format(n=number), None) if count > 1 else (None, None)


def render_story(manuscript: Manuscript, ctx: StoryContext) -> Story:
    """Render the story's own documents: contents (more than one chapter), notes, epigraph, parts and chapters."""
    story = Story()
    chapters = manuscript.chapters
    count = len(chapters)
    width = max(3, len(str(count)))
    p = ctx.prefix
    labels = ctx.labels

    # Notes that name a chapter the story does not have would be lost: keep them with the book's notes.
    numbers = set(range(1, count + 1))
    stray = [n for n in manuscript.notes if n.chapter is not None and n.chapter not in numbers]
    before = manuscript.notes_for(None, "before") + [n for n in stray if n.position == "before"]
    after = manuscript.notes_for(None, "after") + [n for n in stray if n.position == "after"]

    front: list[Document] = []
    if _notes(before, ctx.lang):
        front.append(_document(f"{p}notes.xhtml", "notes", "notes.xhtml.j2", ctx, labels.notes, ctx.front,
                               heading=labels.notes, level=ctx.level, epub_type="preface",
                               notes=_notes(before, ctx.lang)))
    if manuscript.epigraph and manuscript.epigraph.text.strip():
        front.append(_document(f"{p}epigraph.xhtml", "epigraph", "epigraph.xhtml.j2", ctx, ctx.title, ctx.front,
                               text=manuscript.epigraph.text, attribution=manuscript.epigraph.attribution))

    body: list[Document] = []
    part_entry: TocEntry | None = None
    current_part: str | None = None
    parts = 0
    for number, chapter in enumerate(chapters, start=1):
        level = ctx.level
        if chapter.part != current_part:
            current_part = chapter.part
            part_entry = None
            if chapter.part and chapter.part.strip():
                parts += 1
                name = f"{p}part-{parts:02d}.xhtml"
                body.append(_document(name, "part", "part.xhtml.j2", ctx, chapter.part.strip(), "bodymatter",
                                      heading=chapter.part.strip(), level=ctx.level, author=None, story=False))
                body[-1].in_toc = True
                part_entry = TocEntry(chapter.part.strip(), f"{name}#{name.removesuffix('.xhtml')}")
                story.toc.append(part_entry)
        if part_entry is not None:
            level = ctx.level + 1
        # The chapter page's notes (printed ones only), named apart across the page.
        notes_before = _notes(manuscript.notes_for(number, "before"), ctx.lang)
        notes_after = _notes(manuscript.notes_for(number, "after"), ctx.lang)
        _named_apart(notes_before + notes_after, labels.note)
        label, title = _chapter_heading(chapter, number, count, labels)
        heading = title or label
        name = f"{p}chapter-{number:0{width}d}.xhtml"
        doc = _document(
            name, "chapter", "chapter.xhtml.j2", ctx, heading or ctx.title, "bodymatter",
            heading=heading, label=label if title else None, level=min(level, 6), blocks=_blocks(chapter), end_marker=chapter.end_marker,
            notes_before=notes_before, notes_after=notes_after, note_label=labels.note,
        )
        doc.in_toc = True
        body.append(doc)
        entry = TocEntry(heading or ctx.title, f"{name}#{name.removesuffix('.xhtml')}")
        (part_entry.children if part_entry is not None else story.toc).append(entry)

    back: list[Document] = []
    if _notes(after, ctx.lang):
        back.append(_document(f"{p}afterword.xhtml", "notes", "notes.xhtml.j2", ctx, labels.afterword,
                              "backmatter" if ctx.front == "frontmatter" else ctx.front,
                              heading=labels.afterword, level=ctx.level, epub_type="afterword",
                              notes=_notes(after, ctx.lang)))

    contents = []
    if (count > 1 or parts) and not ctx.unit:  # an anthology's stories are listed on its own contents page
        contents.append(toc_document(f"{p}contents.xhtml", story.toc, ctx, ctx.level))
    for doc in front + body + back:
        doc.unit = ctx.unit
    story.documents = contents + front + body + back
    return story
