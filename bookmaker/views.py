"""Views of a Manuscript for people and programs: the `inspect --json` shape and a readable report.

Manuscript -> dict (exactly the documented JSON shape) | str (a report with source line numbers)
"""

from __future__ import annotations

from bookmaker.model import Manuscript, Paragraph, SceneBreak, SceneHeading


def to_json(manuscript: Manuscript) -> dict:
    """The shape printed by `bookmaker inspect --json`."""
    meta = manuscript.meta
    return {
        "title": meta.title,
        "author": meta.author,
        "language": meta.language,
        "reader": manuscript.reader,
        "series": [{"title": s.title, "position": s.position} for s in meta.series],
        "info": [{"label": f.label, "values": f.values} for f in meta.info],
        "notes": [
            {"position": n.position, "chapter": n.chapter, "label": n.label, "kind": n.kind, "text": n.text} for n in manuscript.notes
        ],
        "epigraph": (
            {"text": manuscript.epigraph.text, "attribution": manuscript.epigraph.attribution}
            if manuscript.epigraph else None
        ),
        "chapters": [
            {
                "title": c.display_title,
                "part": c.part,
                "scene_breaks": c.scene_breaks,
                "scene_headings": c.scene_headings,
                "end_marker": c.end_marker,
                "text": c.text,
            }
            for c in manuscript.chapters
        ],
        "diagnostics": [{"code": d.code, "line": d.line, "message": d.message} for d in manuscript.diagnostics],
    }


def _at(line: int | None) -> str:
    return f"line {line}" if line else "metadata"


def report(manuscript: Manuscript, changes: dict[str, int] | None = None) -> str:
    """A readable outline: chapters with source lines, breaks, scene headings, notes, and what typography changed."""
    meta = manuscript.meta
    out = [
        f"Title:    {meta.title or '(none in the text)'}",
        f"Author:   {meta.author or '(none in the text)'}",
        f"Language: {meta.language}",
        f"Words:    {manuscript.word_count}",
    ]
    if manuscript.reader and manuscript.reader != "text":
        out.append(f"Read as:  {manuscript.reader}")
    for series in meta.series:
        out.append(f"Series:   {series.title}" + (f", part {series.position}" if series.position else ""))
    for info in meta.info:
        out.append(f"  {info.label}: {_preview(', '.join(info.values))}")
    out.append("")
    for note in manuscript.notes_for(None, "before"):
        out.append(f"Note before the story ({_at(note.line)}){' labelled ' + repr(note.label) if note.label else ''}: "
                   f"{_preview(note.text)}")
    for number, chapter in enumerate(manuscript.chapters, start=1):
        heading = chapter.display_title or "(untitled)"
        part = f" [{chapter.part}]" if chapter.part else ""
        out.append(f"{number}. {heading}{part} ({_at(chapter.line)}), {len(chapter.paragraphs)} paragraphs, "
                   f"{len(chapter.text.split())} words, {chapter.scene_breaks} scene breaks")
        for note in manuscript.notes_for(number, "before"):
            out.append(f"  note before ({_at(note.line)}): {_preview(note.text)}")
        for block in chapter.blocks:
            if isinstance(block, SceneBreak):
                out.append(f"  scene break ({_at(block.line)}, drawn as {block.source!r})")
            elif isinstance(block, SceneHeading):
                out.append(f"  scene heading ({_at(block.line)}): {block.text}")
        if chapter.paragraphs:
            first: Paragraph = chapter.paragraphs[0]
            out.append(f"  starts ({_at(first.line)}): {_preview(first.text)}")
        if chapter.end_marker:
            out.append(f"  end marker: {chapter.end_marker}")
        for note in manuscript.notes_for(number, "after"):
            out.append(f"  note after ({_at(note.line)}): {_preview(note.text)}")
    for note in manuscript.notes_for(None, "after"):
        out.append(f"Note after the story ({_at(note.line)}): {_preview(note.text)}")
    if changes:
        out += ["", "Typography: " + ", ".join(f"{name} {count}" for name, count in changes.items() if count) or "none"]
    if manuscript.evidence:
        out += ["", "Structure:"] + [f"  {line}" for line in manuscript.evidence]
    if manuscript.diagnostics:
        out += ["", "Diagnostics:"]
        out += [f"  {d.code} {_at(d.line)}: {d.message}" for d in manuscript.diagnostics]
    return "\n".join(out)


def _preview(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
