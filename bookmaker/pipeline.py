"""The one place that knows the order of the stages: a story file in, a Manuscript out.

    bytes -read-> text (or a Manuscript the format structures) -detect-> Manuscript -typography-> Manuscript
"""

from __future__ import annotations

from pathlib import Path

from bookmaker.model import Manuscript


def compile_story(path: Path, notes: str = "keep") -> Manuscript:
    """Read a story file (any format a reader knows: text, Markdown, HTML, DOCX, ODT, EPUB, RTF) and its metadata
    file; return the finished Manuscript."""
    return compile_story_with_changes(path, notes)[0]


def compile_story_with_changes(path: Path, notes: str = "keep") -> tuple[Manuscript, dict[str, int]]:
    """Like compile_story, also returning how many text nodes each typography pass changed. `notes` places the
    author's notes (keep, end, omit) unless the story's metadata file says otherwise."""
    from bookmaker import metadata, readers, typography
    from bookmaker.notes_placement import place_notes

    path = Path(path)
    metadata_path = metadata.metadata_path_for(path)
    # Read first: its language decides the typography. A story on standard input has no metadata file beside it.
    metadata_values = metadata.load(metadata_path) if str(path) != readers.STDIN else {}
    settings = metadata.detection_settings(metadata_values)
    read = readers.read_story(readers.load_source(path), settings)
    manuscript = read.manuscript if read.manuscript is not None else _detect(read.story, settings)
    manuscript.diagnostics[:0] = read.diagnostics
    manuscript.notes[:0] = read.notes
    manuscript.reader = read.reader
    changes: dict[str, int] = {}
    if not read.finished:
        stated = metadata_values.get("language") or (read.story.fields.get("language") if read.story else None)
        manuscript.meta.language = _language(manuscript, stated)
        changes = typography.apply_typography(manuscript)
    manuscript.meta.source = path.name if str(path) != readers.STDIN else None
    metadata.apply(manuscript, metadata_values, str(metadata_path))
    place_notes(manuscript, metadata_values.get("author_notes") or notes)
    _report_lone_number(manuscript)
    return manuscript, changes


def _report_lone_number(manuscript: Manuscript) -> None:
    """The books do not print `Chapter 1` over a story's only chapter (it numbers nothing): say so, with its line."""
    from bookmaker.model import Diagnostic
    from bookmaker.render.labels import numbers_only

    if len(manuscript.chapters) != 1 or not manuscript.chapters[0].blocks:
        return
    chapter = manuscript.chapters[0]
    for heading in (chapter.label, chapter.title):
        if heading and heading.strip() and numbers_only(heading.strip()):
            manuscript.diagnostics.append(Diagnostic(
                "D122", f"'{heading.strip()}' over the story's only chapter is not printed: it numbers nothing",
                chapter.line))
            return


def _detect(story, settings) -> Manuscript:
    """A reader's StoryText -> the manuscript detection finds, with what the format states winning over it."""
    from bookmaker import detect, metadata

    manuscript = detect.detect(story.text, settings)
    # What the format states (front matter, a page's <meta>, an EPUB's package) wins over detection; what it
    # only suggests (a page's <title>, a document's properties) fills what detection left empty.
    metadata.apply(manuscript, {k: v for k, v in story.fields.items() if k in metadata.STORY_FIELDS})
    meta = manuscript.meta
    for key, value in story.fallback.items():
        if key in ("title", "author", "summary") and value and not getattr(meta, key):
            setattr(meta, key, value)
    meta.info.extend(story.info)
    meta.series.extend(story.series)
    meta.tags.extend(tag for info in story.info if info.label == "Tags" for tag in info.values if tag not in meta.tags)
    if story.line_map:
        from bookmaker.readers.base import map_lines

        # Lines of the text detection read -> lines of the file the user has (a Markdown story, an HTML page).
        map_lines(story.line_map, [*manuscript.chapters, *(b for c in manuscript.chapters for b in c.blocks)],
                  manuscript.notes, manuscript.diagnostics)
    return manuscript


def _language(manuscript: Manuscript, stated: str | None) -> str:
    """The book's language: the metadata file's or the front matter's, else the one a header names
    (`Language: German`), else the one its text is written in."""
    from bookmaker import language

    for value in (stated, manuscript.stated_language):
        tag = language.stated_language(value) if isinstance(value, str) and value.strip() else None
        if tag:
            return tag
    sample = "\n".join(p.text for chapter in manuscript.chapters[:40] for p in chapter.paragraphs[:60])
    return language.detect_language(sample)
