"""Manuscript(s) -> RenderedBook: every XHTML document of the book, its contents and its assets, rendered once.

Both writers package this result: the EPUB writer zips it, the PDF writer lays it out. Neither builds markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bookmaker import __version__
from bookmaker.model import Manuscript, Metadata
from bookmaker.render.book import Creator, Document, Options, RenderedBook, TocEntry
from bookmaker.render.identity import identifier, source_date
from bookmaker.render.labels import Labels, display_title, labels_for
from bookmaker.render.story_info import story_info_document
from bookmaker.render.story import StoryContext, render_story, toc_document
from bookmaker.render.xhtml import render

__all__ = ["Document", "Options", "RenderedBook", "TocEntry", "render_book", "render_anthology", "assemble_anthology",
           "book_display_title"]

COVER_IMAGE = "images/cover.png"


def book_display_title(manuscript: Manuscript) -> str:
    """The title a reader sees: meta.title, else a readable fallback (meta.title itself stays None)."""
    meta = manuscript.meta
    stem = Path(meta.source).stem if meta.source else None
    return display_title(meta.title, [c.title for c in manuscript.chapters], stem, labels_for(meta.language or "en"))


def _page(name: str, kind: str, template: str, lang: str, title: str, matter: str, landmark: str | None = None,
          **values) -> Document:
    xhtml = render(template, lang=lang, title=title, matter=matter, id=name.removesuffix(".xhtml"), **values)
    return Document(name=name, title=title, kind=kind, xhtml=xhtml, landmark=landmark)


def _cover(lang: str, labels: Labels, title: str, author: str | None) -> tuple[Document, str]:
    alt = labels.cover_by.format(title=title, author=author) if author else labels.cover.format(title=title)
    doc = _page("cover.xhtml", "cover", "cover.xhtml.j2", lang, labels.cover.format(title=title), "frontmatter",
                landmark="cover", image=COVER_IMAGE, alt=alt)
    return doc, alt


def _colophon(lang: str, labels: Labels, lines: list[str], modified, words: int) -> Document:
    count = f"{words:,}" if labels.lang == "en" else f"{words:,}".replace(",", "\u202f")
    lines = lines + [
        labels.words.format(words=count),
        labels.built.format(date=modified.date().isoformat()),
        labels.made_with.format(version=__version__),
    ]
    return _page("colophon.xhtml", "colophon", "colophon.xhtml.j2", lang, labels.colophon, "backmatter",
                 heading=labels.colophon, level=1, lines=lines)


def _mark_bodymatter(documents: list[Document]) -> None:
    first = next((d for d in documents if d.kind in ("part", "chapter")), None)
    if first is not None and first.landmark is None:
        first.landmark = "bodymatter"


def render_book(manuscript: Manuscript, options: Options | None = None) -> RenderedBook:
    """Render one story as a book: cover, title page, contents, notes, chapters, colophon."""
    options = options or Options()
    meta = manuscript.meta
    lang = meta.language or "en"
    labels = labels_for(lang)
    title = book_display_title(manuscript)
    author = meta.author.strip() if meta.author and meta.author.strip() else None
    modified = options.modified or source_date()

    cover, alt = _cover(lang, labels, title, author)
    titlepage = _page("titlepage.xhtml", "titlepage", "titlepage.xhtml.j2", lang, title, "frontmatter",
                      landmark="titlepage", label=labels.titlepage, book_title=title, author=author,
                      editor=None, description=None)
    story = render_story(manuscript, StoryContext(prefix="", level=1, lang=lang, labels=labels, title=title))
    # No "Source:" line: meta.source is the name of the file the story was read from (often a hash, as archives
    # and downloads name them), which tells a reader nothing.
    lines = [f"{title} — {author}" if author else title]
    if meta.rights:
        lines.append(meta.rights)
    info = story_info_document(meta, "storyinfo.xhtml", 1, "frontmatter")
    documents = [cover, titlepage, *([info] if info else []), *story.documents,
                 _colophon(lang, labels, lines, modified, manuscript.word_count)]
    documents[-1].landmark = "colophon"
    _mark_bodymatter(documents)
    return RenderedBook(
        meta=meta, identifier=identifier(meta.title, meta.author, meta.source), modified=modified,
        documents=documents, toc=story.toc, stylesheet=options.stylesheet,
        cover_text=(title, author), fonts=list(options.fonts), display_title=title,
        display_author=author, word_count=manuscript.word_count, cover_alt=alt,
        creators=[Creator(author)] if author else [],
    )


@dataclass
class AnthologyStory:
    """One story rendered for an anthology: its opening page and documents, its nav entry, and what the anthology
    needs of its manuscript (author, source, counts, identity), so that it is assembled without the manuscript."""

    documents: list[Document]
    toc: TocEntry
    author: str | None
    source: str | None
    words: int = 0
    chapters: int = 0
    identity: str = ""  # "title|author|source" of its metadata: the anthology's identifier is made of them
    pages: int = 0  # about how many pages of the anthology's PDF it takes (page_cap.story_pages)


def render_anthology_story(manuscript: Manuscript, number: int, count: int, lang: str,
                           page_size: str | None = None) -> AnthologyStory:
    """The `number`-th of `count` stories of an anthology in `lang` (its PDF on `page_size`) -> its part of the
    anthology. A build renders each story's part in the process that compiled it, beside its own book, not all in
    the anthology's job."""
    from bookmaker.page_cap import story_pages

    prefix = f"s{number:0{max(2, len(str(count)))}d}-"
    story_lang = manuscript.meta.language or lang
    story_title = book_display_title(manuscript)
    story_author = manuscript.meta.author.strip() if manuscript.meta.author else None
    name = f"{prefix}story.xhtml"
    opening = _page(name, "part", "part.xhtml.j2", story_lang, story_title, "bodymatter",
                    heading=story_title, level=1, author=story_author, story=True)
    opening.in_toc = True
    ctx = StoryContext(prefix=prefix, level=2, lang=story_lang, labels=labels_for(story_lang), title=story_title,
                       front="bodymatter", unit=number)
    story = render_story(manuscript, ctx)
    info = story_info_document(manuscript.meta, f"{prefix}storyinfo.xhtml", 2, "bodymatter")
    if info:
        info.unit = number
        story.documents.insert(0, info)
    for doc in [opening, *story.documents]:
        doc.landmark = None  # the anthology has one contents page and one start of the body
        doc.running_title = story_title
    href = f"{name}#{name.removesuffix('.xhtml')}"
    meta = manuscript.meta
    return AnthologyStory([opening, *story.documents], TocEntry(story_title, href, story.toc), story_author,
                          meta.source, manuscript.word_count, len(manuscript.chapters),
                          f"{meta.title}|{meta.author}|{meta.source}", story_pages(manuscript, True, page_size))


def render_anthology(manuscripts: list[Manuscript], meta: Metadata, options: Options | None = None,
                     editor: str | None = None) -> RenderedBook:
    """Render several stories as one book: each story a part with its own title page, notes and chapters.

    `meta` is the anthology's own metadata (title, language, summary); `editor` is shown on the title page.
    File names and ids get a per-story prefix ("s01-"), so they stay unique across stories.
    """
    lang = meta.language or "en"
    stories = [render_anthology_story(m, n, len(manuscripts), lang) for n, m in enumerate(manuscripts, start=1)]
    return assemble_anthology(stories, meta, options, editor)


def assemble_anthology(stories: list[AnthologyStory], meta: Metadata, options: Options | None = None,
                       editor: str | None = None) -> RenderedBook:
    """The stories' parts, rendered one by one (render_anthology_story, in the processes that compiled them, or
    kept from a build before) -> the anthology: its cover, title page, contents and colophon around them."""
    options = options or Options()
    lang = meta.language or "en"
    labels = labels_for(lang)
    title = meta.title.strip() if meta.title and meta.title.strip() else labels.untitled
    modified = options.modified or source_date()
    stories_docs = [doc for story in stories for doc in story.documents]
    toc = [story.toc for story in stories]
    authors = {story.toc.href: story.author for story in stories if story.author}

    cover, alt = _cover(lang, labels, title, editor)
    titlepage = _page("titlepage.xhtml", "titlepage", "titlepage.xhtml.j2", lang, title, "frontmatter",
                      landmark="titlepage", label=labels.titlepage, book_title=title, author=None,
                      editor=labels.edited_by.format(editor=editor) if editor else None, description=meta.summary)
    ctx = StoryContext(prefix="", level=1, lang=lang, labels=labels, title=title)
    # One contents page for the whole anthology: each story, and under a story of several chapters its chapters
    # (a story has no contents page of its own here, so every story is found the same way).
    contents = toc_document("contents.xhtml", [TocEntry(e.title, e.href, e.children if len(e.children) > 1 else [])
                                               for e in toc], ctx, 1, authors)
    words = sum(story.words for story in stories)
    lines = [title]
    if meta.rights:
        lines.append(meta.rights)
    documents = [cover, titlepage, contents, *stories_docs, _colophon(lang, labels, lines, modified, words)]
    documents[-1].landmark = "colophon"
    _mark_bodymatter(documents)
    return RenderedBook(
        meta=meta, identifier=identifier(title, editor, *(story.identity for story in stories)),
        modified=modified, documents=documents, toc=toc, stylesheet=options.stylesheet,
        cover_text=(title, editor), fonts=list(options.fonts), display_title=title,
        display_author=editor, word_count=words, cover_alt=alt,
        creators=_anthology_creators([story.author for story in stories], editor),
    )


def _anthology_creators(authors: list[str | None], editor: str | None) -> list[Creator]:
    """Every story's author once, in the order of the stories, then the editor: an anthology credits them all."""
    names = list(dict.fromkeys(a.strip() for a in authors if a and a.strip()))
    return [Creator(name) for name in names] + ([Creator(editor.strip(), "edt")] if editor and editor.strip() else [])
