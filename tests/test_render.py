"""The rendering stage: Manuscript -> XHTML documents (structure, semantics, escaping, contents, anthology)."""

from __future__ import annotations

import io

import pytest
from lxml import etree
from PIL import Image

from bookmaker.cover import HEIGHT, WIDTH, make_cover
from bookmaker.model import Chapter, Manuscript, Metadata, Note, Paragraph, SceneBreak
from bookmaker.render import render_anthology, render_book
from bookmaker.slug import slugify

NS = {"h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
# epub:type -> the ARIA role that must accompany it (DPUB-ARIA); titlepage and cover have none.
ROLES = {"chapter": "doc-chapter", "toc": "doc-toc", "colophon": "doc-colophon", "preface": "doc-preface",
         "afterword": "doc-afterword", "part": "doc-part", "epigraph": "doc-epigraph"}


def tree(doc):
    return etree.fromstring(doc.xhtml.encode("utf-8"))


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def by_kind(book, kind):
    return [d for d in book.documents if d.kind == kind]


def story(*chapters, **meta) -> Manuscript:
    return Manuscript(meta=Metadata(**meta), chapters=list(chapters))


def test_every_document_is_complete_xhtml_with_language_title_stylesheet_and_semantics(rich_story):
    book = render_book(rich_story())
    assert len({d.name for d in book.documents}) == len(book.documents)
    for doc in book.documents:
        root = tree(doc)
        assert root.get("lang") == "en" and root.get(XML_LANG) == "en", doc.name
        assert root.nsmap["epub"] == NS["epub"]
        assert root.findtext("h:head/h:title", namespaces=NS).strip(), doc.name
        assert root.find("h:head/h:link", NS).get("href") == "css/book.css"
        sections = root.findall("h:body/h:section", NS)
        assert len(sections) == 1, doc.name
        section = sections[0]
        assert section.get("id") == doc.name.removesuffix(".xhtml")
        epub_type = section.get(EPUB_TYPE)
        assert epub_type, doc.name
        assert section.get("role") == ROLES.get(epub_type), (doc.name, epub_type)


def test_story_text_is_escaped_never_markup(rich_story):
    book = render_book(rich_story())
    for doc in book.documents:
        root = tree(doc)
        assert not root.findall(".//h:script", NS) and not root.findall(".//h:b", NS), doc.name
    notes = text(tree(by_kind(book, "notes")[0]))
    assert "<script>alert('x')</script>" in notes
    assert "<b>Not bold</b> and the end." in text(tree(by_kind(book, "chapter")[2]))
    assert "<Lantern> & the Moth" in text(tree(by_kind(book, "titlepage")[0]))


def test_control_characters_are_dropped(rich_story):
    book = render_book(rich_story())
    assert "\x07" not in "".join(d.xhtml for d in book.documents)


def test_chapter_markup_headings_breaks_emphasis_notes_end_marker(rich_story):
    book = render_book(rich_story())
    first = tree(by_kind(book, "chapter")[0])
    section = first.find("h:body/h:section", NS)
    children = [(el.tag.split("}")[1], el.get("class")) for el in section]
    assert children == [
        ("h1", "chapter-title"), ("aside", "author-note"), ("h2", "scene-heading"), ("p", None), ("p", None),
        ("hr", "scene-break"), ("h2", "scene-heading"), ("p", None), ("p", "end-marker"),
    ]
    assert text(section[0]) == "Chapter 1 The Moth"  # the label and the chapter's own title
    assert text(section[1]).endswith("Chapter one note.")
    assert [text(h) for h in section.findall("h:h2", NS)] == ["One Year Earlier", "Present Day"]
    assert section.find("h:p/h:em", NS).text == "very" and section.find("h:p/h:strong", NS).text == "tired"
    assert text(section[-1]) == "To Be Continued…"
    second = tree(by_kind(book, "chapter")[1]).find("h:body/h:section", NS)
    assert second[-1].tag.endswith("aside") and text(second[-1]).endswith("See you next time.")


def test_book_notes_have_their_own_sections_and_the_source_label_is_not_shown(rich_story):
    book = render_book(rich_story())
    kinds = [d.kind for d in book.documents]
    assert kinds == ["cover", "titlepage", "toc", "notes", "chapter", "chapter", "chapter", "notes", "colophon"]
    before, after = by_kind(book, "notes")
    assert tree(before).find(".//h:section", NS).get(EPUB_TYPE) == "preface"
    assert tree(after).find(".//h:section", NS).get(EPUB_TYPE) == "afterword"
    assert "A/N:" not in "".join(d.xhtml for d in book.documents)


def test_nav_and_contents_page_list_exactly_the_chapters(rich_story):
    manuscript = rich_story()
    book = render_book(manuscript)
    assert [e.title for e in book.toc] == [c.title for c in manuscript.chapters]
    assert [e.href.split("#")[0] for e in book.toc] == [d.name for d in by_kind(book, "chapter")]
    links = tree(by_kind(book, "toc")[0]).findall(".//h:a", NS)
    assert [(a.text, a.get("href")) for a in links] == [(e.title, e.href) for e in book.toc]
    assert [d.landmark for d in book.documents if d.landmark] == ["cover", "titlepage", "toc", "bodymatter",
                                                                  "colophon"]


def test_single_untitled_chapter_has_no_heading_and_no_contents_page():
    book = render_book(story(Chapter([Paragraph.plain("Only this.")]), title="Alone", author="Me"))
    assert not by_kind(book, "toc")
    section = tree(by_kind(book, "chapter")[0]).find(".//h:section", NS)
    assert section.find("h:h1", NS) is None and section.get("aria-label") == "Alone"
    assert [e.title for e in book.toc] == ["Alone"]


def test_untitled_chapters_among_several_are_numbered():
    book = render_book(story(Chapter([Paragraph.plain("One.")]), Chapter([Paragraph.plain("Two.")], title="Two")))
    assert [e.title for e in book.toc] == ["Chapter 1", "Two"]


def test_scene_breaks_that_separate_nothing_are_dropped():
    chapter = Chapter([SceneBreak(), Paragraph.plain("A."), SceneBreak(), SceneBreak(), Paragraph.plain("B."),
                       SceneBreak()])
    section = tree(by_kind(render_book(story(chapter, title="T")), "chapter")[0]).find(".//h:section", NS)
    assert [el.tag.split("}")[1] for el in section] == ["p", "hr", "p"]


def test_missing_title_gets_a_display_title_but_metadata_keeps_none():
    manuscript = story(Chapter([Paragraph.plain("Text.")]), source="000_705110056ac54a71.txt")
    book = render_book(manuscript)
    assert book.meta.title is None and manuscript.meta.title is None
    assert book.display_title == "Untitled"  # no words in the file name: numbering and a hash
    named = render_book(story(Chapter([Paragraph.plain("Text.")]), source="the_long_night.txt"))
    assert named.display_title == "The long night"
    sole = render_book(story(Chapter([Paragraph.plain("Text.")], title="It starts with goodbye…", label="Chapter 1")))
    assert sole.display_title == "It starts with goodbye…"
    generic = render_book(story(Chapter([Paragraph.plain("Text.")], title="Chapter 1")))
    assert generic.display_title == "Untitled"


def test_identifier_is_stable_and_depends_on_the_story(rich_story):
    a, b = render_book(rich_story()), render_book(rich_story())
    assert a.identifier == b.identifier and a.identifier.startswith("urn:uuid:")
    other = rich_story()
    other.meta.author = "Someone Else"
    assert render_book(other).identifier != a.identifier


def test_build_date_comes_from_source_date_epoch(fixed_date, rich_story):
    book = render_book(rich_story())
    assert book.modified == fixed_date
    assert fixed_date.date().isoformat() in by_kind(book, "colophon")[0].xhtml


def test_colophon_gives_word_count_and_version_not_the_file_name(rich_story):
    from bookmaker import __version__

    manuscript = rich_story()
    colophon = text(tree(by_kind(render_book(manuscript), "colophon")[0]))
    assert f"{manuscript.word_count} words" in colophon and __version__ in colophon
    assert "lantern.txt" not in colophon  # the file the story was read from tells a reader nothing


@pytest.mark.parametrize("title, label, heading", [("Chapter 1", None, None), (None, "Chapter 1", None),
                                                   ("The Moth", "Chapter 1", "The Moth"),
                                                   ("Chapter 1: The Moth", None, "Chapter 1: The Moth")])
def test_a_lone_chapter_is_not_headed_by_its_number(title, label, heading):
    book = render_book(story(Chapter([Paragraph.plain("Only this.")], title=title, label=label), title="Moths"))
    [chapter] = by_kind(book, "chapter")
    headings = ["".join(h.itertext()) for h in tree(chapter).iter("{http://www.w3.org/1999/xhtml}h1")]
    assert headings == ([heading] if heading else [])
    assert [entry.title for entry in book.toc] == [heading or "Moths"]


def test_two_chapters_keep_their_numbers():
    book = render_book(story(Chapter([Paragraph.plain("a")], title="Chapter 1"),
                             Chapter([Paragraph.plain("b")], title="Chapter 2"), title="Moths"))
    assert [entry.title for entry in book.toc] == ["Chapter 1", "Chapter 2"]


def test_parts_get_their_own_page_and_nest_in_the_contents():
    chapters = [Chapter([Paragraph.plain("a")], title="A", part="Part One"),
                Chapter([Paragraph.plain("b")], title="B", part="Part One"),
                Chapter([Paragraph.plain("c")], title="C", part="Part Two")]
    book = render_book(story(*chapters, title="Parts"))
    assert [(e.title, [c.title for c in e.children]) for e in book.toc] == [("Part One", ["A", "B"]),
                                                                           ("Part Two", ["C"])]
    assert tree(by_kind(book, "chapter")[0]).find(".//h:h2", NS) is not None  # a chapter under a part: h2


def test_language_of_the_book_is_on_every_document(rich_story):
    manuscript = rich_story()
    manuscript.meta.language = "fr"
    book = render_book(manuscript)
    assert {tree(d).get("lang") for d in book.documents} == {"fr"}
    assert by_kind(book, "toc")[0].title == "Table des matières"


def test_anthology_nests_stories_and_keeps_ids_unique(rich_story):
    second = story(Chapter([Paragraph.plain("Solo.")], title="Solo"), title="Second", author="B",
                   source="b.txt")
    second.notes = [Note([Paragraph.plain("A note.")])]
    book = render_anthology([rich_story(), second], Metadata(title="Collected"), editor="Ed")
    names = [d.name for d in book.documents]
    assert len(set(names)) == len(names)
    ids = [el.get("id") for d in book.documents for el in tree(d).iter() if el.get("id")]
    assert len(set(ids)) == len(ids)
    assert [(e.title, [c.title for c in e.children]) for e in book.toc] == [
        ("The <Lantern> & the Moth", ["The Moth", "Rejections & Regrets", "Coming Home"]), ("Second", ["Solo"])]
    assert [d.landmark for d in book.documents if d.landmark] == ["cover", "titlepage", "toc", "bodymatter",
                                                                  "colophon"]
    story_page = tree(book.documents[3])
    assert text(story_page.find(".//h:h1", NS)) == "The <Lantern> & the Moth"
    chapter = next(d for d in book.documents if d.kind == "chapter")
    assert tree(chapter).find(".//h:section/h:h2", NS) is not None  # chapters sit one level under the story
    contents = text(tree(book.documents[2]))
    assert "A. N. Author" in contents and "Second" in contents


def test_cover_is_a_deterministic_png_of_the_right_size():
    png = make_cover("Missing Him", "Weeza")
    assert png == make_cover("Missing Him", "Weeza")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT)
    assert make_cover("Missing Him", None) != png
    Image.open(io.BytesIO(make_cover("x" * 300, "y " * 200))).verify()  # absurd lengths still fit


@pytest.mark.parametrize("title, expected", [
    ("Rejections & Regrets", "rejections-and-regrets"),
    ("000_705110056ac54a71", "000-705110056ac54a71"),
    ("Jealous Much?", "jealous-much"),
    ("Ça va, Straße", "ca-va-strasse"),
    ("CON", "con-book"),
    ("", "book"),
    ("...", "book-"),
    ("Ωμέγα", "book-"),
])
def test_slugify_is_safe_everywhere(title, expected):
    slug = slugify(title)
    assert slug.startswith(expected) if expected.endswith("-") else slug == expected
    assert slug and len(slug) <= 60 and slug.isascii() and slug == slug.lower()
    assert slug == slugify(title)


def test_slugify_bounds_length_at_a_word():
    slug = slugify("word " * 40)
    assert len(slug) <= 60 and not slug.endswith("-") and set(slug.split("-")) == {"word"}


def test_stylesheet_uses_bare_media_types_no_prefixes_and_classes_not_epub_type():
    import re

    import tinycss2

    from bookmaker.render.book import STYLESHEET

    css = STYLESHEET.read_text(encoding="utf-8")
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword == "media":
            assert tinycss2.serialize(rule.prelude).strip() in {"print", "screen", "all"}, rule.prelude
    code = tinycss2.serialize(rules)
    assert not re.search(r"(^|[\s;{(])-(webkit|moz|ms|o|epub)-", code)
    assert "epub|" not in code and "[epub" not in code
    # Sizes readers can change: no absolute font sizes outside the print section.
    shared = tinycss2.serialize(r for r in rules if not (r.type == "at-rule" and r.lower_at_keyword in {"media", "page"}))
    assert not re.search(r"font-size:\s*[\d.]+(px|pt)", shared)


def test_an_anthology_from_parts_rendered_one_by_one_is_the_same_book():
    """A build renders each story's part of the anthology in the process that compiled it."""
    from bookmaker.pipeline import compile_story
    from bookmaker.render import assemble_anthology, render_anthology_story

    from datetime import datetime, timezone
    from pathlib import Path

    from bookmaker.render.book import Options

    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[:3]
    manuscripts = [compile_story(p) for p in seeds]
    meta = Metadata(title="Three", language="en")
    options = Options(modified=datetime(2024, 5, 6, tzinfo=timezone.utc))
    whole = render_anthology(manuscripts, meta, options)
    parts = [render_anthology_story(m, n, len(manuscripts), "en") for n, m in enumerate(manuscripts, start=1)]
    parted = assemble_anthology(parts, meta, options)
    assert [(d.name, d.xhtml) for d in parted.documents] == [(d.name, d.xhtml) for d in whole.documents]
    assert parted.toc == whole.toc


def test_a_note_that_opens_with_its_own_label_is_headed_by_it():
    """'Side Note: I wrote this…' is headed 'Side Note', not 'Author's note' over the same words; an opening 'A/N:'
    is the heading already and is not printed twice."""
    from bookmaker.model import Chapter, Manuscript, Note, Paragraph
    from bookmaker.render import render_book

    story = Manuscript(chapters=[Chapter([Paragraph.plain("The story.")], title="One")],
                       notes=[Note([Paragraph.plain("Side Note: I wrote this in a summer.")], "before", 1),
                              Note([Paragraph.plain("A/N: thanks for reading!")], "after", 1)])
    [chapter] = [d for d in render_book(story).documents if d.kind == "chapter"]
    assert '<p class="note-label">Side Note</p>\n<p>I wrote this in a summer.</p>' in chapter.xhtml
    assert "A/N" not in chapter.xhtml and "<p>thanks for reading!</p>" in chapter.xhtml
    assert chapter.xhtml.count('<p class="note-label">Author’s note</p>') == 1


def test_an_anthology_has_one_contents_page_listing_each_storys_chapters():
    """No story has a contents page of its own in an anthology (only the ones with several chapters had one): the
    anthology's contents list every story, and under a story of several chapters its chapters."""
    from bookmaker.model import Chapter, Manuscript, Metadata, Paragraph
    from bookmaker.render import render_anthology

    def story(title, chapters):
        return Manuscript(meta=Metadata(title=title, author="A. Writer"),
                          chapters=[Chapter([Paragraph.plain(f"Text {n}.")], title=f"{title} {n}")
                                    for n in range(1, chapters + 1)])

    book = render_anthology([story("Long", 3), story("Short", 1)], Metadata(title="Both"))
    assert [d.name for d in book.documents if d.kind == "toc"] == ["contents.xhtml"]
    [contents] = [d.xhtml for d in book.documents if d.kind == "toc"]
    assert all(f"Long {n}</a>" in contents for n in (1, 2, 3)) and "Short 1</a>" not in contents
    assert contents.count("<ol>") == 2  # the stories, and one story's chapters beneath it
