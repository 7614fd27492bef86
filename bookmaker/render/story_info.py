"""A story's Metadata -> its story information page: what an archive's preface shows (rating, warnings, fandoms,
relationships, characters, tags, series, stats, summary), set as a book sets a page of front matter."""

from __future__ import annotations

from bookmaker.model import InfoField, Metadata
from bookmaker.render.book import Document
from bookmaker.render.xhtml import render

HEADINGS = {"en": "About This Story", "de": "Über diese Geschichte", "fr": "À propos de cette histoire",
            "es": "Sobre esta historia"}


def story_info_document(meta: Metadata, name: str, level: int, matter: str) -> Document | None:
    """The page, or None when the source said nothing about the story beyond its title and author."""
    fields = [f for f in meta.info if f.label.lower() != "summary" and any(v.strip() for v in f.values)]
    summary = next((f.values for f in meta.info if f.label.lower() == "summary"), None) or \
        ([p for p in meta.summary.split("\n\n") if p.strip()] if meta.summary and fields else None)
    if not fields and not summary:
        return None
    lang = meta.language or "en"
    heading = HEADINGS.get(lang.split("-")[0].lower(), HEADINGS["en"])
    xhtml = render("storyinfo.xhtml.j2", lang=lang, title=heading, matter=matter, id=name.removesuffix(".xhtml"),
                   heading=heading, level=level, summary=summary, fields=[_shown(f) for f in fields], url=meta.url)
    return Document(name=name, title=heading, kind="storyinfo", xhtml=xhtml)


def _shown(field: InfoField) -> InfoField:
    return InfoField(field.label, [v.strip() for v in field.values if v.strip()])
