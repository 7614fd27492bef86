"""Runs the registered passes over a Manuscript's text nodes (in place) or over one plain string."""

from __future__ import annotations

from collections.abc import Iterable

from bookmaker.inline import normalize_spans
from bookmaker.model import Manuscript, Paragraph, SceneHeading, Span
from bookmaker.typography.registry import ENDS, PARAGRAPH, PASS_NAMES, SPAN, Pass, get_pass, passes_for


def _active(skip: Iterable[str], language: str | None) -> list[Pass]:
    skip = set(skip)
    for name in skip:
        get_pass(name)  # a misspelt name must not silently switch nothing off
    return [p for p in passes_for(language) if p.name not in skip]


def run_pass(name: str, text: str, language: str | None = "en") -> str:
    """One pass, by name, on a plain string, as it runs for `language` (a BCP 47 tag)."""
    return get_pass(name, language).function(text)


def typeset(text: str, skip: Iterable[str] = (), language: str | None = "en") -> str:
    """A plain string (a title, a heading) -> the string after every pass, in order, set for `language`."""
    for entry in _active(skip, language):
        text = entry.function(text)
    return text


def apply_to_spans(entry: Pass, spans: list[Span]) -> list[Span]:
    """One pass on a paragraph's spans, honouring its scope; returns new spans (styles kept)."""
    if entry.scope == SPAN:
        return [Span(entry.function(span.text), span.style) for span in spans]
    joined = "".join(span.text for span in spans)
    result = entry.function(joined)
    if entry.scope == PARAGRAPH:
        if len(result) != len(joined):
            raise AssertionError(f"typography pass {entry.name!r} changed the length of a paragraph")
        start, end = 0, len(joined)
    elif entry.scope == ENDS:
        start = joined.find(result)  # the first match: the removed start holds no character of `result`
        if start < 0:
            raise AssertionError(f"typography pass {entry.name!r} changed more than the ends of a paragraph")
        end = start + len(result)
    else:
        raise AssertionError(f"typography pass {entry.name!r} has an unknown scope {entry.scope!r}")
    out: list[Span] = []
    offset = 0
    for span in spans:
        low, high = max(offset, start), min(offset + len(span.text), end)
        offset += len(span.text)
        # for PARAGRAPH, result and joined are aligned; for ENDS, result[i] is joined[start + i]
        out.append(Span(result[low - start:high - start] if high > low else "", span.style))
    return out


def collapse_boundary_spaces(spans: list[Span]) -> list[Span]:
    """Spans -> the same, without a second space where one span ends and the next begins with one.

    The whitespace pass runs on each span alone, so it cannot see `said ` + ` *no*`; the space is
    kept in the earlier span, outside the emphasis that follows.
    """
    out: list[Span] = []
    for span in spans:
        text = span.text
        previous = next((s.text for s in reversed(out) if s.text), "")
        if previous.endswith(" ") and text.startswith(" "):
            text = text[1:]
        out.append(Span(text, span.style))
    return out


def apply_typography(manuscript: Manuscript, skip: Iterable[str] = ()) -> dict[str, int]:
    """Every text node of the manuscript -> typeset, in place; returns, per pass, how many nodes it changed.

    The passes are those of the book's language (`manuscript.meta.language`): German quotes „…“,
    French « … », and so on (registry.LANGUAGE_VARIANTS). Text nodes: the paragraphs of chapters and notes, chapter titles, part titles, scene
    headings, end markers, the epigraph and its attribution, and the book's title.
    `skip` names passes to switch off (e.g. {"quotes"}).
    """
    passes = _active(skip, manuscript.meta.language)
    changed = {name: 0 for name in PASS_NAMES if name not in set(skip)}

    def paragraph(node: Paragraph) -> None:
        spans = node.spans
        for entry in passes:
            new = apply_to_spans(entry, spans)
            if entry.name == "whitespace":
                new = collapse_boundary_spaces(new)
            if [s.text for s in new] != [s.text for s in spans]:
                changed[entry.name] += 1
            spans = new
        node.spans = normalize_spans(spans)

    def string(text: str | None) -> str | None:
        if text is None:
            return None
        for entry in passes:
            new = entry.function(text)
            if new != text:
                changed[entry.name] += 1
            text = new
        return text

    for note in manuscript.notes:
        for para in note.paragraphs:
            paragraph(para)
    for chapter in manuscript.chapters:
        chapter.title = string(chapter.title)
        chapter.part = string(chapter.part)
        chapter.end_marker = string(chapter.end_marker)
        for block in chapter.blocks:
            if isinstance(block, Paragraph):
                paragraph(block)
            elif isinstance(block, SceneHeading):
                block.text = string(block.text) or ""
    if manuscript.epigraph is not None:
        manuscript.epigraph.text = string(manuscript.epigraph.text) or ""
        manuscript.epigraph.attribution = string(manuscript.epigraph.attribution)
    manuscript.meta.title = string(manuscript.meta.title)
    return changed
