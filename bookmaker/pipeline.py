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
    from bookmaker import decode, detect, metadata, typography

    path = Path(path)
    if path.suffix.lower() == ".md":
        from bookmaker import manuscript_md

        manuscript = manuscript_md.read(decode.read_text(path), str(path))
        changes: dict[str, int] = {}
    else:
        decoded = decode.read_text_with_diagnostics(path)
        manuscript = detect.detect(decoded.text)
        manuscript.diagnostics[:0] = decoded.diagnostics
        changes = typography.apply_typography(manuscript)
    manuscript.meta.source = path.name
    metadata.apply_metadata_file(manuscript, metadata.metadata_path_for(path))
    return manuscript, changes
