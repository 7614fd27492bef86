"""An Archive of Our Own download (Download -> HTML, or the XHTML of its EPUB) -> a Manuscript with everything the
archive knows: tags, series, stats, summary, notes, each chapter's title, summary, notes and end notes.

The markup is the archive's own templates (otwarchive `app/views/downloads/`):

    <div id="preface">  <p class="message"><b>TITLE</b> Posted originally on the Archive of Our Own at URL.</p>
                        <div class="meta"><dl class="tags"><dt>Fandom:</dt><dd><a>…</a>, <a>…</a></dd> … Stats …</dl>
                        <h1>TITLE</h1> <div class="byline">by <a>AUTHOR</a></div>
                        <p>Summary</p><blockquote class="userstuff">…</blockquote> <p>Notes</p><blockquote>…
    <div id="chapters"> <div class="meta group"><h2 class="heading">Chapter 1: Title</h2> <p>Chapter Summary</p>…</div>
                        <div class="userstuff">THE CHAPTER</div>  <div class="meta" id="endnotes1">…</div> …
                        (a one-chapter work: <div class="userstuff">THE STORY</div> alone)
    <div id="afterword"> <div id="endnotes"><p>End Notes</p><blockquote>…</blockquote></div> <p class="message">…

The structure is the archive's, so detection only reads inside each chapter (scene breaks, end markers, notes glued
to the prose). The archive's own labels ("Chapter Notes", "See the end of the chapter for more notes") are reported,
not printed; its messages are kept as unprinted archive notes. Work skins and inline styles never reach the book.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bookmaker.detect import detect_chapter
from bookmaker.detect.assemble import paragraph
from bookmaker.model import DetectionSettings, Diagnostic, InfoField, Manuscript, Note, Paragraph, Series
from bookmaker.readers.base import ReadStory, Source, map_lines
from bookmaker.readers.html_page import parse, text_of
from bookmaker.readers.html_text import element_lines, join_lines

ARCHIVE = "Archive of Our Own"
_STAT = re.compile(r"(?P<label>[A-Z][\w ]*?):\s*(?P<value>.+?)(?=\s+[A-Z][\w ]*?:|\s*$)", re.DOTALL)
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)


def looks_like_ao3(source: Source) -> bool:
    """True for the archive's HTML download: its preface names the archive."""
    head = source.data[:30000].decode("utf-8", "replace").lower()
    return 'id="preface"' in head and ("archive of our own" in head or "archiveofourown.org" in head)


@dataclass
class ArchiveChapter:
    """One chapter as the download lays it out: its heading, its notes' blockquotes, its text."""

    heading: str | None = None
    line: int | None = None
    before: list[tuple[str, object]] = field(default_factory=list)  # (label, blockquote) above the text
    content: list = field(default_factory=list)  # the text's elements (an EPUB made by calibre splits a chapter)
    after: list[tuple[str, object]] = field(default_factory=list)  # end notes
    byline: object | None = None  # the chapter's own authors, when they are not the work's


def read(source: Source, settings: DetectionSettings = DetectionSettings()) -> ReadStory:
    """An AO3 HTML download -> ReadStory with the manuscript (not yet typeset)."""
    return read_document(parse(source), settings)


def read_document(document, settings: DetectionSettings = DetectionSettings(), reader: str = "ao3-html") -> ReadStory:
    """A parsed AO3 download (lxml) -> ReadStory with its manuscript."""
    manuscript = Manuscript()
    preface = first(document, "//*[@id='preface']")
    _preface(preface, manuscript)
    chapters = _chapters(first(document, "//*[@id='chapters']"), manuscript)
    if not chapters:
        chapters = [ArchiveChapter(content=[first(document, "//body")])]
    for number, archive_chapter in enumerate(chapters, start=1):
        add_chapter(archive_chapter, number, number == len(chapters), manuscript, settings)
    _afterword(first(document, "//*[@id='afterword']"), manuscript)
    if not manuscript.chapters or not any(c.blocks for c in manuscript.chapters):
        manuscript.diagnostics.append(Diagnostic("D199", "no story text found"))
    return ReadStory(reader, manuscript=manuscript)


def first(document, path: str):
    found = document.xpath(path) if document is not None else []
    return found[0] if found else None


def _label(element) -> str:
    return text_of(element).rstrip(":").strip()


def paragraphs_of(element) -> list[Paragraph]:
    """A blockquote of notes -> its paragraphs, with emphasis."""
    return [paragraph(line.text, line.line) for line in element_lines([element])]


def add_note(manuscript: Manuscript, element, label: str, position: str, chapter: int | None) -> None:
    paragraphs = paragraphs_of(element)
    if paragraphs:
        manuscript.notes.append(Note(paragraphs, position, chapter, label, element.sourceline))


def report_label(manuscript: Manuscript, element) -> None:
    manuscript.diagnostics.append(
        Diagnostic("D120", f"archive label '{text_of(element)}' not shown", element.sourceline))


def _preface(preface, manuscript: Manuscript) -> None:
    """Title, authors, tags, series, stats, summary and the work's notes."""
    if preface is None:
        return
    meta = manuscript.meta
    message = first(preface, ".//p[contains(@class, 'message')]")
    if message is not None:
        links = [a.get("href") for a in message.iter("a") if "/works/" in (a.get("href") or "")]
        meta.url = links[0] if links else None
        words = " ".join(line.text for line in element_lines([message]))  # its <br> is a space
        note = Note([paragraph(words, message.sourceline)], "before", None, ARCHIVE, message.sourceline, kind="archive")
        manuscript.notes.append(note)
        manuscript.diagnostics.append(Diagnostic("D144", f"the {ARCHIVE}'s message kept, not printed",
                                                 message.sourceline))
    title = first(preface, ".//h1") if first(preface, ".//h1") is not None else first(preface, ".//p/b")
    meta.title = text_of(title) or None
    byline = first(preface, ".//*[contains(@class, 'byline')]")
    if byline is not None:
        names = [text_of(a) for a in byline.iter("a") if text_of(a)]
        meta.author = ", ".join(names) if names else _BY.sub("", text_of(byline)) or None
    tags = first(preface, ".//dl[contains(@class, 'tags')]")
    if tags is not None:
        read_tags(tags, manuscript)
    related = [text_of(item) for item in preface.xpath(".//ul/li") if text_of(item)]
    if related:  # translations of it, the works it was inspired by
        meta.info.append(InfoField("Related works", related))
    for label, quote in _labelled_quotes(preface, manuscript):
        if label.lower() == "summary":
            meta.summary = "\n\n".join(p.text for p in paragraphs_of(quote)) or None
            meta.info.append(InfoField("Summary", [p.text for p in paragraphs_of(quote)]))
        else:
            add_note(manuscript, quote, label, "before", None)


def read_tags(tags, manuscript: Manuscript) -> None:
    """The work's tags (`<dl class="tags">` in a download, `<dl class="work meta">` on the work's page): each tag a
    subject, the series, the stats, the language."""
    meta = manuscript.meta
    for term in tags.findall("dt"):
        value = term.getnext()
        while value is not None and value.tag != "dd":
            value = value.getnext()
        if value is None:
            continue
        label = _label(term)
        links = [text_of(a) for a in value.iter("a") if text_of(a)]
        if label.lower() == "stats":
            found = _stats(value)
            meta.info.extend(found)
            meta.date = meta.date or next((f.values[0] for f in found if f.label.lower() == "published"), None)
        elif label.lower() == "series":
            for link in value.iter("a"):
                if "/series/" not in (link.get("href") or ""):
                    continue  # the page's links to the previous and next work of the series
                before = link.getprevious().tail if link.getprevious() is not None else link.getparent().text
                position = re.search(r"(\d+)\D*$", before or "")
                meta.series.append(Series(text_of(link), int(position.group(1)) if position else None))
            meta.info.append(InfoField(label, [f"Part {s.position} of {s.title}" if s.position else s.title
                                               for s in meta.series]))
        elif label.lower() == "language":
            manuscript.stated_language = text_of(value)
            meta.info.append(InfoField(label, [text_of(value)]))
        else:
            values = links or [text_of(value)]
            meta.info.append(InfoField(label, values))
            if label.lower() != "collections":
                meta.tags.extend(v for v in values if v not in meta.tags)


def _stats(value) -> list[InfoField]:
    """Published, updated, words, chapters...: the page nests them as a list of its own, the download as text."""
    nested = value.findall(".//dt")
    if nested:
        return [InfoField(_label(dt), [text_of(dt.getnext())]) for dt in nested
                if dt.getnext() is not None and dt.getnext().tag == "dd" and text_of(dt.getnext())]
    return [InfoField(m.group("label").strip(), [m.group("value").strip()]) for m in _STAT.finditer(text_of(value))]


def _labelled_quotes(container, manuscript: Manuscript):
    """(label, blockquote) for each `<p>Label</p><blockquote>` in a block of notes; the labels and the archive's
    links to the end notes are reported. By elements, not class names: calibre renames the classes in AO3's EPUBs."""
    if container is None:
        return
    for quote in container.iter("blockquote"):
        if any(ancestor.tag == "blockquote" for ancestor in quote.iterancestors() if ancestor is not container):
            continue  # a quotation inside a note is part of the note
        previous = quote.getprevious()
        while previous is not None and previous.tag == "blockquote":
            previous = previous.getprevious()
        labelled = previous is not None and previous.tag == "p" and "message" not in (previous.get("class") or "")
        if labelled:
            report_label(manuscript, previous)
        yield (_label(previous) if labelled else "Notes"), quote
    for link in container.xpath(".//*[contains(@class, 'endnote-link')]"):
        report_label(manuscript, link)


def _chapters(container, manuscript: Manuscript) -> list[ArchiveChapter]:
    """The `#chapters` block -> its chapters with their notes (none for a one-chapter work without a heading).

    Each chapter is a block with its `<h2 class="heading">` (and its summary and notes), then its text (a block whose
    class names userstuff, one or several), then a block `#endnotesN`.
    """
    if container is None:
        return []
    chapters: list[ArchiveChapter] = []
    for element in container:
        if not isinstance(element.tag, str):
            continue
        classes = element.get("class") or ""
        heading = first(element, ".//h2[contains(@class, 'heading')]") if "userstuff" not in classes else None
        if (element.get("id") or "").startswith("endnotes") and chapters:
            chapters[-1].after.extend(_labelled_quotes(element, manuscript))
        elif heading is not None:
            chapter = ArchiveChapter(heading=text_of(heading) or None, line=heading.sourceline)
            chapter.before = list(_labelled_quotes(element, manuscript))
            chapter.byline = first(element, ".//p[contains(@class, 'byline')]")
            chapters.append(chapter)
        elif "userstuff" in classes:
            if not chapters:
                chapters.append(ArchiveChapter())
            chapters[-1].content.append(element)  # a chapter split in two files comes in two blocks
    if not chapters and len(container):
        chapters.append(ArchiveChapter(content=[container]))
    return chapters


def add_chapter(archive_chapter: ArchiveChapter, number: int, last: bool, manuscript: Manuscript,
             settings: DetectionSettings) -> None:
    if archive_chapter.byline is not None and text_of(archive_chapter.byline):
        byline = archive_chapter.byline
        manuscript.notes.append(Note([paragraph(text_of(byline), byline.sourceline)], "before", number, "Byline",
                                     byline.sourceline, kind="archive"))
    for label, quote in archive_chapter.before:
        add_note(manuscript, quote, label, "before", number)
    text, line_map = join_lines(element_lines(archive_chapter.content))
    glued_from = len(manuscript.notes)
    chapter = detect_chapter(text, number, archive_chapter.heading, manuscript, last=last, settings=settings)
    map_lines(line_map, chapter.blocks, manuscript.notes[glued_from:])
    chapter.line = archive_chapter.line or (chapter.blocks[0].line if chapter.blocks else None)
    for label, quote in archive_chapter.after:
        add_note(manuscript, quote, label, "after", number)
    manuscript.chapters.append(chapter)


def _afterword(afterword, manuscript: Manuscript) -> None:
    """The work's end notes (printed), the works it inspired (story information) and the archive's message."""
    if afterword is None:
        return
    for block in afterword.iter("div"):
        if block.get("id") == "endnotes":
            for label, quote in _labelled_quotes(block, manuscript):
                add_note(manuscript, quote, label, "after", None)
    for term in afterword.iter("dt"):
        values = [text_of(dd) for dd in term.itersiblings("dd")]
        if values:
            manuscript.meta.info.append(InfoField(_label(term), values))
    for message in afterword.xpath(".//p[contains(@class, 'message')]"):
        manuscript.notes.append(Note([paragraph(text_of(message), message.sourceline)], "after", None, ARCHIVE,
                                     message.sourceline, kind="archive"))
        manuscript.diagnostics.append(Diagnostic("D144", f"the {ARCHIVE}'s message kept, not printed",
                                                 message.sourceline))
