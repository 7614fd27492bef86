"""A saved web page or any HTML story -> StoryText: the story's text only, with the page's title and author.

    <title>The Road | Stories</title>        ->  fallback title (a page title often carries the site's name)
    <meta name="author" content="A. W.">     ->  author
    <html lang="de">                         ->  language
    <main>, <article>, FanFiction.net's #storytext  ->  the story; the page around it is left out (reported)

Everything else is the HTML text reader's work (`html_text`); detection then finds chapters, notes and breaks
exactly as in a .txt file.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from bookmaker.model import Diagnostic, InfoField
from bookmaker.readers.base import ReadStory, Source, StoryText
from bookmaker.readers.css_emphasis import class_emphasis
from bookmaker.readers.html_text import element_lines, join_lines

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
# Where pages keep the story; the first that matches exactly one element is the story (the rest is the page).
_STORY_ROOTS = ("//*[@id='storytext']", "//article", "//main", "//*[@role='main']", "//*[@itemprop='articleBody']")
_PAGE_CHROME = ("header", "footer", "aside")


def looks_like_html(source: Source) -> bool:
    """True when the file's content is HTML, whatever its name (`story.txt` saved from a browser)."""
    head = source.head
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in head:
        return True
    return source.suffix in (".html", ".htm", ".xhtml") and "<" in head


def parse(source: Source):
    """Source -> the parsed HTML document (lxml); InputError when it holds no HTML body."""
    from bookmaker import decode

    text = _XML_DECLARATION.sub("", decode.decode(source.data, str(source.path)).text.lstrip("\ufeff"), count=1)
    try:
        # huge_tree: libxml2 otherwise stops at 256 levels of nesting and drops the text below them.
        parser = lxml.html.HTMLParser(huge_tree=True)
        document = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise source.fail(f"not a readable HTML file ({error})") from None
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        # Past its limit libxml2 drops text silently; a page nested that deep is no story, and nothing is lost.
        raise source.fail("not a readable HTML file: its elements are nested deeper than an HTML parser reads")
    if document.find("body") is None and document.find(".//{*}body") is None:
        raise source.fail("an HTML file with no body")
    return document


def text_of(element) -> str:
    """An element's text as one line, spaces collapsed."""
    return _SPACE.sub(" ", element.text_content()).strip() if element is not None else ""


def _meta(document, *names: str) -> str | None:
    for name in names:
        for found in document.xpath(f"//meta[translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
                                    f"'abcdefghijklmnopqrstuvwxyz')='{name}' or @property='{name}']"):
            content = (found.get("content") or "").strip()
            if content:
                return content
    return None


def _story_root(document, body):
    for path in _STORY_ROOTS:
        found = document.xpath(path)
        if len(found) == 1:
            return found[0]
    return _paragraphs_home(body)


def _paragraphs_home(body):
    """The smallest element holding nearly all the page's paragraphs (a forum post, a blog's entry): walk down from
    the body while one child holds at least 90% of the words in <p> elements. A page with no clear home is the body."""
    words: dict = {}
    for p in body.iter("p"):
        count = len(p.text_content().split())
        for ancestor in p.iterancestors():
            words[ancestor] = words.get(ancestor, 0) + count
            if ancestor is body:
                break
    total = words.get(body, 0)
    node = body
    while total:
        heavy = next((child for child in node if isinstance(child.tag, str) and words.get(child, 0) >= 0.9 * total),
                     None)
        if heavy is None:
            return node
        node = heavy
    return node


def _fanfiction_net(document, fields: dict[str, str], info: list[InfoField]) -> str | None:
    """FanFiction.net's story page: title, author, summary and the stats line; the chapter shown, as a heading."""
    profile = document.xpath("//*[@id='profile_top']")
    if not profile:
        return None
    profile = profile[0]
    title = profile.xpath(".//b[contains(@class, 'xcontrast_txt')]")
    author = profile.xpath(".//a[contains(@href, '/u/')]")
    summary = profile.xpath(".//div[contains(@class, 'xcontrast_txt')]")
    if title:
        fields["title"] = text_of(title[0])
    if author:
        fields["author"] = text_of(author[0])
    if summary:
        fields["summary"] = text_of(summary[0])
    fandom = document.xpath("//*[@id='pre_story_links']//a")
    if fandom:
        info.append(InfoField("Fandom", [text_of(fandom[-1])]))
    stats = profile.xpath(".//span[contains(@class, 'xgray')]")
    if stats:
        details = []
        for piece in text_of(stats[0]).split(" - "):
            label, _, value = piece.partition(":")
            if not value.strip():
                details.append(piece.strip())  # unlabelled: the language, then genres and characters
            elif label.strip().lower() != "id":
                info.append(InfoField(label.strip(), [value.strip()]))
        if details:
            fields.setdefault("language", details[0])
            info.append(InfoField("Details", details))
    chosen = document.xpath("//select[@id='chap_select']/option[@selected]")
    return text_of(chosen[0]) if chosen else None


def read(source: Source, settings=None) -> ReadStory:
    """A web page or an HTML story -> ReadStory with the story's text for detection."""
    document = parse(source)
    body = document.find("body") if document.find("body") is not None else document.find(".//{*}body")
    fields: dict[str, str] = {}
    fallback: dict[str, str] = {}
    info: list[InfoField] = []
    diagnostics: list[Diagnostic] = []
    chapter_title = _fanfiction_net(document, fields, info)
    for key, names in (("title", ("dc.title", "og:title")), ("author", ("author", "dc.creator")),
                       ("summary", ("description", "dc.description", "og:description"))):
        value = _meta(document, *names)
        if value and key not in fields:
            (fields if key != "summary" or "title" in fields else fallback)[key] = value
    title = document.find(".//title")
    if title is not None and text_of(title) and "title" not in fields:
        fallback["title"] = text_of(title)
    language = document.get("lang") or document.get("{http://www.w3.org/XML/1998/namespace}lang")
    if language and language.strip():
        fields["language"] = language.strip()
    root = _story_root(document, body)
    if root is body:
        for chrome in [child for child in body if isinstance(child.tag, str) and child.tag.lower() in _PAGE_CHROME]:
            words = text_of(chrome)
            if words:
                diagnostics.append(Diagnostic("D170", f"the page's {chrome.tag.lower()} left out of the story: "
                                                      f"{_clip(words)}", chrome.sourceline))
            chrome.drop_tree()
    else:
        left_out = len(text_of(body).split()) - len(text_of(root).split())
        if left_out > 0:
            diagnostics.append(Diagnostic("D170", f"{left_out} words of the page around the story left out "
                                                  f"(navigation, site header and footer)", root.sourceline))
    css = "\n".join(style.text or "" for style in document.iter("style"))
    lines = element_lines([root], class_marks=class_emphasis(css) if css.strip() else None)
    text, line_map = join_lines(lines)
    if chapter_title:
        text, line_map = f"## {chapter_title}\n\n" + text, [root.sourceline or 1] * 2 + line_map
    return ReadStory("html", story=StoryText(text, fields, line_map, fallback, info), diagnostics=diagnostics)


def _clip(words: str, limit: int = 60) -> str:
    return words if len(words) <= limit else words[:limit].rstrip() + "…"
