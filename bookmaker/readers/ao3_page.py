"""An Archive of Our Own work page saved from a browser ("Entire Work", or one chapter) -> the same Manuscript the
archive's download gives: tags, series, stats, summary, notes, chapters with their own notes; the site around the
work (navigation, kudos, comments, the share box) left out and reported.

The markup is the archive's work page (otwarchive `app/views/works/show`, `_meta`, `chapters/_chapter`):

    <dl class="work meta group">  <dt class="rating tags">Rating:</dt><dd class="rating tags"><ul><li><a>…  Stats …
    <div id="workskin">
      <div class="preface group"> <h2 class="title heading">TITLE</h2> <h3 class="byline heading"><a>AUTHOR</a></h3>
                                  <div class="summary module">…<blockquote>  <div class="notes module">…<blockquote>
      <div id="chapters">  <div class="chapter" id="chapter-1">
                             <div class="chapter preface group"><h3 class="title"><a>Chapter 1</a>: Title</h3> …
                             <div class="userstuff module"><h3 class="landmark heading">Chapter Text</h3> THE TEXT
                             <div class="chapter preface group"><div class="end notes module">…<blockquote>
                           (one chapter: <div class="userstuff"> alone)
      <div class="afterword preface group"> <div id="work_endnotes" class="end notes module">…  <div id="children">…
"""

from __future__ import annotations

import re

from bookmaker.model import DetectionSettings, Diagnostic, InfoField, Manuscript
from bookmaker.readers.ao3_html import (ArchiveChapter, add_chapter, add_note, first, paragraphs_of, read_tags,
                                        report_label)
from bookmaker.readers.base import ReadStory, Source
from bookmaker.readers.html_page import parse, text_of

_WORK_META = re.compile(rb"<dl[^>]*class=\"[^\"]*\bwork\b[^\"]*\bmeta\b", re.IGNORECASE)
_CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"


def _has(name: str) -> str:
    return _CLASS.format(name)


def looks_like_ao3_page(source: Source) -> bool:
    """True for a saved work page of the archive: its work meta list and its chapters."""
    data = source.data
    return bool(_WORK_META.search(data)) and b'id="chapters"' in data and b"archiveofourown" in data.lower()


def read(source: Source, settings: DetectionSettings = DetectionSettings()) -> ReadStory:
    """A saved AO3 work page -> ReadStory with its manuscript (not yet typeset)."""
    document = parse(source)
    manuscript = Manuscript()
    tags = first(document, f"//dl[{_has('work')} and {_has('meta')}]")
    if tags is not None:
        read_tags(tags, manuscript)
    preface = first(document, f"//div[@id='workskin']/div[{_has('preface')}]")
    _preface(preface if preface is not None else first(document, f"//div[{_has('preface')}][.//h2[{_has('title')}]]"),
             manuscript)
    container = first(document, "//div[@id='chapters']")
    chapters = _chapters(container, manuscript) if container is not None else []
    for number, chapter in enumerate(chapters, start=1):
        add_chapter(chapter, number, number == len(chapters), manuscript, settings)
    _afterword(first(document, f"//div[{_has('afterword')}]"), manuscript)
    body = document.find("body")
    kept = sum(len(text_of(element).split()) for c in chapters for element in c.content)
    left_out = len(text_of(body).split()) - kept if body is not None else 0
    manuscript.diagnostics.append(Diagnostic(
        "D170", f"the archive's page around the work left out (navigation, kudos, comments): about {max(left_out, 0)} "
                "words, its tags, notes and stats kept", container.sourceline if container is not None else None))
    if not any(c.blocks for c in manuscript.chapters):
        raise source.fail("an Archive of Our Own page with no work text")
    return ReadStory("ao3-page", manuscript=manuscript)


def _preface(preface, manuscript: Manuscript) -> None:
    if preface is None:
        return
    meta = manuscript.meta
    title = first(preface, f".//h2[{_has('title')}]")
    meta.title = text_of(title) or None
    byline = first(preface, f".//h3[{_has('byline')}]")
    if byline is not None:
        names = [text_of(a) for a in byline.iter("a") if text_of(a)]
        meta.author = ", ".join(names) or text_of(byline) or None
    summary = first(preface, f".//div[{_has('summary')}]//blockquote")
    if summary is not None:
        paragraphs = [p.text for p in paragraphs_of(summary)]
        meta.summary = "\n\n".join(paragraphs) or None
        meta.info.append(InfoField("Summary", paragraphs))
    notes = first(preface, f".//div[{_has('notes')}]")
    if notes is not None:
        related = [text_of(li) for li in notes.xpath(".//ul[contains(@class, 'associations')]/li") if text_of(li)]
        if related:
            meta.info.append(InfoField("Related works", related))
        for quote in notes.findall(".//blockquote"):
            add_note(manuscript, quote, "Notes", "before", None)
        for jump in notes.xpath(f".//p[{_has('jump')}]"):
            report_label(manuscript, jump)


def _chapters(container, manuscript: Manuscript) -> list[ArchiveChapter]:
    found = container.xpath(f"./div[{_has('chapter')}][starts-with(@id, 'chapter-')]")
    if not found:  # a one-chapter work: its text alone
        content = first(container, f".//div[{_has('userstuff')}]")
        _drop_landmarks(container, manuscript)
        return [ArchiveChapter(content=[content])] if content is not None else []
    chapters = []
    for element in found:
        chapter = ArchiveChapter()
        heading = first(element, f".//h3[{_has('title')}]")
        if heading is not None:
            chapter.heading, chapter.line = text_of(heading) or None, heading.sourceline
        chapter.byline = first(element, f".//h4[{_has('byline')}]")
        for module, label in ((_has("summary"), "Summary"), (f"{_has('notes')} and not({_has('end')})", "Notes")):
            for quote in element.xpath(f"./div[{_has('preface')}]//div[{module}]//blockquote"):
                chapter.before.append((label, quote))
        for quote in element.xpath(f".//div[{_has('end')} and {_has('notes')}]//blockquote"):
            chapter.after.append(("End Notes", quote))
        chapter.content = element.xpath(f"./div[{_has('userstuff')}]")
        for content in chapter.content:
            _drop_landmarks(content, manuscript)
        chapters.append(chapter)
    return chapters


def _drop_landmarks(element, manuscript: Manuscript) -> None:
    """The page's hidden headings for screen readers ("Chapter Text", "Work Text:") are no part of the story."""
    for landmark in element.xpath(f".//h3[{_has('landmark')}]"):
        report_label(manuscript, landmark)
        landmark.drop_tree()


def _afterword(afterword, manuscript: Manuscript) -> None:
    if afterword is None:
        return
    for quote in afterword.xpath(f".//div[{_has('end')} and {_has('notes')}]//blockquote"):
        add_note(manuscript, quote, "End Notes", "after", None)
    children = first(afterword, ".//div[@id='children']")
    if children is not None:
        works = [text_of(li) for li in children.iter("li") if text_of(li)]
        if works:
            manuscript.meta.info.append(InfoField("Works inspired by this one", works))
