"""The manuscript as an editable Markdown file, and back: Manuscript <-> str.

    +++                                   TOML front matter: title, author, language, summary, tags, date, rights
    title = "Missing Him"
    +++

    ::: note before label="Author's Notes:"     a note before the story (or, inside a chapter, before it)
    Side Note: I originally wrote this story…
    :::

    # Missing Him {label="Chapter 1" part="Part One"}     a chapter; `# {untitled}` for one without a title
    ### One Year Earlier                                   a scene heading
    Paragraphs separated by blank lines, *emphasis* and **strong**.
    * * *                                                  a scene break
    ::: end
    To Be Continued…
    :::
    ::: note after                                         a note after the chapter (after the end marker)
    :::
"""

from __future__ import annotations

import re
from typing import get_args
import tomli_w

from bookmaker import metadata
from bookmaker.errors import InputError
from bookmaker.inline import parse_inline, spans_to_markdown
from bookmaker.model import Chapter, Epigraph, Manuscript, Metadata, Note, NoteKind, Paragraph, SceneBreak, SceneHeading

BREAK = "* * *"
_ATTRIBUTE = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')
# A heading's attribute block: only `untitled` and key="value" pairs; anything else in braces is title text.
_ATTRIBUTE_BLOCK = re.compile(r'\s*(?:untitled\b\s*)?(?:\w+="(?:[^"\\]|\\.)*"\s*)*')
UNTITLED = "{untitled}"
_FENCE = re.compile(r"^:::\s*(?P<kind>note|end|epigraph)\b(?P<rest>.*)$")
# A paragraph that would read as syntax gets a leading backslash.
# Leading backslashes count too: a text that begins with a backslash and ":::" keeps its own backslash.
_NEEDS_ESCAPE = re.compile(r"^\\*(?:#|:::|\* \* \*$|\+\+\+$)")


def _attrs(values: dict[str, str | None]) -> str:
    parts = [f'{k}="{_quote(v)}"' for k, v in values.items() if v is not None]
    return " ".join(parts)


def _quote(value: str) -> str:
    # Braces too, so an attribute block never holds an unescaped one (see _heading_parts).
    return re.sub(r'([\\"{}])', r"\\\1", value)


def _unquote(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)


def _title_text(title: str | None) -> str:
    """A chapter title as heading text: backslashes and braces escaped, so no title reads as an attribute
    block or as the untitled mark (`# Room \\{B\\}`); None -> `{untitled}`."""
    return UNTITLED if title is None else re.sub(r"([\\{}])", r"\\\1", title)


def _unescape_title(text: str) -> str:
    """Heading text -> the title (inverse of _title_text; a backslash before anything else stays)."""
    return re.sub(r"\\([\\{}])", r"\1", text)


def _heading_parts(text: str) -> tuple[str, str | None]:
    """`TITLE {ATTRS}` -> (TITLE, ATTRS) or (text, None): the block is the last unescaped `{...}` closing the
    line, and only when it holds attributes (or `untitled`); a hand-written `# Room {B}` keeps its braces."""
    text = text.rstrip()
    braces: list[int] = []  # unescaped braces, found in one pass (a line of backslashes stays linear)
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in "{}":
            braces.append(i)
        i += 1
    if len(braces) < 2 or braces[-1] != len(text) - 1 or text[braces[-2]] != "{":
        return text, None
    block = text[braces[-2] + 1:-1]
    if not _ATTRIBUTE_BLOCK.fullmatch(block):
        return text, None
    return text[:braces[-2]].rstrip(), block


def _paragraph_line(paragraph: Paragraph) -> str:
    return _escaped_line(spans_to_markdown(paragraph.spans))


def _escaped_line(text: str) -> str:
    """A line of text that would read as syntax (a fence's `:::`, a heading's `#`) with a leading backslash."""
    return "\\" + text if _NEEDS_ESCAPE.match(text) else text


def _note_lines(note: Note) -> list[str]:
    head = ":::" + " note " + note.position
    attrs = {"label": note.label} if note.label else {}
    if note.kind != "author":
        attrs["kind"] = note.kind
    if attrs:
        head += " " + _attrs(attrs)
    return [head] + _joined(note.paragraphs) + [":::", ""]


def _joined(paragraphs: list[Paragraph]) -> list[str]:
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [_paragraph_line(paragraph), ""]
    return lines[:-1] if lines else lines


def write(manuscript: Manuscript) -> str:
    """The manuscript as Markdown with TOML front matter."""
    meta = manuscript.meta
    front = {k: v for k, v in (("title", meta.title), ("author", meta.author), ("language", meta.language),
                               ("summary", meta.summary), ("date", meta.date), ("rights", meta.rights)) if v}
    if meta.tags:
        front["tags"] = meta.tags
    if meta.url:
        front["url"] = meta.url
    if meta.series:
        front["series"] = [{"title": s.title, **({"position": s.position} if s.position else {})} for s in meta.series]
    if meta.info:
        front["info"] = [{"label": f.label, "values": f.values} for f in meta.info]
    lines = ["+++", tomli_w.dumps(front).strip(), "+++", ""] if front else ["+++", "+++", ""]
    if manuscript.epigraph:
        lines += [":::" + " epigraph " + _attrs({"attribution": manuscript.epigraph.attribution}).rstrip(),
                  _escaped_line(manuscript.epigraph.text), ":::", ""]
    for note in manuscript.notes_for(None, "before"):
        lines += _note_lines(note)
    for number, chapter in enumerate(manuscript.chapters, start=1):
        attrs = _attrs({"label": chapter.label, "part": chapter.part})
        lines += [f"# {_title_text(chapter.title)}" + (f" {{{attrs}}}" if attrs else ""), ""]
        for note in manuscript.notes_for(number, "before"):
            lines += _note_lines(note)
        for block in chapter.blocks:
            if isinstance(block, Paragraph):
                lines += [_paragraph_line(block), ""]
            elif isinstance(block, SceneBreak):
                lines += [BREAK, ""]
            elif isinstance(block, SceneHeading):
                lines += [f"### {block.text}", ""]
        if chapter.end_marker:
            lines += ["::: end", _escaped_line(chapter.end_marker), ":::", ""]
        for note in manuscript.notes_for(number, "after"):
            lines += _note_lines(note)
    for note in manuscript.notes_for(None, "after"):
        lines += _note_lines(note)
    return "\n".join(lines).rstrip("\n") + "\n"


def _front_matter(lines: list[str], source: str | None) -> tuple[dict, int]:
    """The TOML front matter, checked like a metadata file, and the index of the line after it."""
    if not lines or lines[0].strip() != "+++":
        return {}, 0
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), None)
    if end is None:
        raise InputError("manuscript front matter opened with +++ is never closed", source, line=1)
    return metadata.parse("\n".join(lines[1:end]), source or "", "manuscript front matter"), end + 1


def _unescape_line(line: str) -> str:
    return line[1:] if line.startswith("\\") and _NEEDS_ESCAPE.match(line[1:]) else line


def read(text: str, source: str | None = None) -> Manuscript:
    """Parse a Markdown manuscript written by `write` (or by hand in the same syntax); `source` names it in errors."""
    lines = text.replace("\r\n", "\n").split("\n")
    front, i = _front_matter(lines, source)
    manuscript = metadata.apply(Manuscript(meta=Metadata()), front, source or "")
    chapter: Chapter | None = None
    number = 0
    while i < len(lines):
        line, lineno = lines[i], i + 1
        i += 1
        if not line.strip():
            continue
        fence = _FENCE.match(line)
        if fence:
            body_end = next((k for k in range(i, len(lines)) if lines[k].strip() == ":::"), len(lines))
            body = lines[i:body_end]
            i = body_end + 1
            attrs = {k: _unquote(v) for k, v in _ATTRIBUTE.findall(fence.group("rest"))}
            paragraphs = [Paragraph(parse_inline(_unescape_line(b)), lineno) for b in body if b.strip()]
            if fence.group("kind") == "end" and chapter is not None:
                chapter.end_marker = " ".join(_unescape_line(b.strip()) for b in body if b.strip())
            elif fence.group("kind") == "epigraph":
                manuscript.epigraph = Epigraph(" ".join(_unescape_line(b.strip()) for b in body if b.strip()),
                                               attrs.get("attribution"))
            elif fence.group("kind") == "note":
                position = "after" if "after" in fence.group("rest").split() else "before"
                kind = attrs.get("kind", "author")
                kind = kind if kind in get_args(NoteKind) else "author"
                manuscript.notes.append(Note(paragraphs, position, number or None, attrs.get("label"), lineno, kind))
            continue
        if line.startswith("# "):
            text, block = _heading_parts(line[2:])
            attrs = {k: _unquote(v) for k, v in _ATTRIBUTE.findall(block or "")}
            text = text.strip()
            untitled = text == UNTITLED or (not text and "untitled" in (block or ""))
            title = None if untitled else _unescape_title(text)
            chapter = Chapter(title=title or None, label=attrs.get("label"), part=attrs.get("part"), line=lineno)
            manuscript.chapters.append(chapter)
            number += 1
            continue
        if chapter is None:
            chapter = Chapter(line=lineno)
            manuscript.chapters.append(chapter)
            number += 1
        if line.strip() == BREAK:
            chapter.blocks.append(SceneBreak(lineno, BREAK))
        elif line.startswith("### "):
            chapter.blocks.append(SceneHeading(line[4:].strip(), lineno))
        else:
            # Consecutive lines are one paragraph, so an editor may wrap long lines.
            parts = [_unescape_line(line)]
            while i < len(lines) and lines[i].strip() and not _is_syntax(lines[i]):
                parts.append(lines[i].strip())
                i += 1
            chapter.blocks.append(Paragraph(parse_inline(" ".join(parts)), lineno))
    return manuscript


def _is_syntax(line: str) -> bool:
    return bool(_FENCE.match(line) or line.startswith("#") or line.strip() in (BREAK, ":::"))
