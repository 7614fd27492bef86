"""Text formats -> ReadStory: raw text (any encoding), a Markdown story, bookmaker's own `.md` manuscript, RTF."""

from __future__ import annotations

from bookmaker.readers.base import ReadStory, Source, StoryText
from bookmaker.readers.markdown_story import is_bookmaker_manuscript, markdown_to_story_text

MARKDOWN_SUFFIXES = (".md", ".markdown")


def _decoded(source: Source):
    from bookmaker import decode

    return decode.decode(source.data, str(source.path))


def looks_like_manuscript(source: Source) -> bool:
    """A `.md` file that opens with bookmaker's `+++` front matter."""
    return source.suffix in MARKDOWN_SUFFIXES and source.head.startswith("+++")


def read_manuscript(source: Source, settings=None) -> ReadStory:
    """bookmaker's own manuscript -> ReadStory with the finished (already typeset) manuscript."""
    from bookmaker import manuscript_md

    decoded = _decoded(source)
    if not is_bookmaker_manuscript(decoded.text):
        return read_markdown(source)
    return ReadStory("manuscript", manuscript=manuscript_md.read(decoded.text, str(source.path)), finished=True)


def looks_like_markdown(source: Source) -> bool:
    return source.suffix in MARKDOWN_SUFFIXES


def read_markdown(source: Source, settings=None) -> ReadStory:
    """A Markdown story -> its text for detection, with what its YAML or pandoc front matter states."""
    decoded = _decoded(source)
    story = markdown_to_story_text(decoded.text)
    return ReadStory("markdown", story=story, diagnostics=decoded.diagnostics)


def read_text(source: Source, settings=None) -> ReadStory:
    """Raw text in any encoding -> its decoded text for detection."""
    decoded = _decoded(source)
    return ReadStory("text", story=StoryText(decoded.text, {}, []), diagnostics=decoded.diagnostics)


def looks_like_rtf(source: Source) -> bool:
    return source.head.startswith("{\\rtf")


def read_rtf(source: Source, settings=None) -> ReadStory:
    """An RTF document -> its text (striprtf: paragraphs and characters; emphasis is not kept)."""
    from striprtf.striprtf import rtf_to_text

    try:
        text = rtf_to_text(source.data.decode("latin-1"), errors="replace")
    except Exception as error:  # striprtf raises whatever its parser meets in a damaged file
        raise source.fail(f"not a readable RTF file ({type(error).__name__}: {error})") from None
    if not text.strip():
        raise source.fail("an RTF file with no text")
    # One paragraph per line, as Word writes RTF: a blank line between them is the usual text convention.
    return ReadStory("rtf", story=StoryText(text.replace("\r\n", "\n"), {}, []))
