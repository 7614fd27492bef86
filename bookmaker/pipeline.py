"""The one place that knows the order of the stages: a story file in, a Manuscript out.

    bytes -decode-> text -split-> lines -detect-> Manuscript -typography-> Manuscript
"""

from __future__ import annotations

from pathlib import Path

from bookmaker.model import Manuscript


def compile_story(path: Path) -> Manuscript:
    """Read a story file (raw text or a .md manuscript) and its metadata file; return the finished Manuscript."""
    return compile_story_with_changes(path)[0]


def compile_story_with_changes(path: Path) -> tuple[Manuscript, dict[str, int]]:
    """Like compile_story, also returning how many text nodes each typography pass changed."""
    from bookmaker import decode, detect, metadata, readers, typography

    path = Path(path)
    metadata_path = metadata.metadata_path_for(path)
    metadata_values = metadata.load(metadata_path)  # read first: its language decides the typography
    decoded = decode.read_text_with_diagnostics(path)
    if path.suffix.lower() == ".md" and readers.is_bookmaker_manuscript(decoded.text):
        from bookmaker import manuscript_md

        manuscript = manuscript_md.read(decoded.text, str(path))
        changes: dict[str, int] = {}
    else:
        story = readers.markdown_to_story_text(decoded.text) if path.suffix.lower() == ".md" else None
        manuscript = detect.detect(story.text if story else decoded.text, metadata.detection_settings(metadata_values))
        if story:
            # What a Markdown story's front matter gives (YAML, a pandoc title block) wins over detection.
            metadata.apply(manuscript, {k: v for k, v in story.fields.items() if k in metadata.STORY_FIELDS})
            _map_lines(manuscript, story.line_map)
        manuscript.diagnostics[:0] = decoded.diagnostics
        stated = metadata_values.get("language") or (story.fields.get("language") if story else None)
        manuscript.meta.language = _language(manuscript, stated)
        changes = typography.apply_typography(manuscript)
    manuscript.meta.source = path.name
    metadata.apply(manuscript, metadata_values, str(metadata_path))
    return manuscript, changes


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


def _map_lines(manuscript: Manuscript, line_map: list[int]) -> None:
    """Line numbers of the text detection read -> lines of the Markdown file the user has."""

    def source(line: int | None) -> int | None:
        return line_map[line - 1] if line and 0 < line <= len(line_map) else line

    for diagnostic in manuscript.diagnostics:
        diagnostic.line = source(diagnostic.line)
    for note in manuscript.notes:
        note.line = source(note.line)
        for paragraph in note.paragraphs:
            paragraph.line = source(paragraph.line)
    for chapter in manuscript.chapters:
        chapter.line = source(chapter.line)
        for block in chapter.blocks:
            block.line = source(block.line)
