"""The story's metadata file (`NAME.toml` beside `NAME.txt`): what the text lacks, and overrides that win over detection.

path -> values applied onto a Manuscript. Known keys: title, author, language, summary, tags, date, rights,
`[[notes]]` tables (text, position, chapter, label) for a note the detector missed, and a `[detect]` table
(heading, drop, start, end: patterns) for structure the detector still gets wrong.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from bookmaker.errors import MetadataError
from bookmaker.model import DetectionSettings, Diagnostic, InfoField, Manuscript, Note, Paragraph, Series

_STRINGS = ("title", "author", "language", "summary", "date", "rights", "url")
STORY_FIELDS = ("title", "author", "summary", "date", "rights")  # what a story's own front matter may set
_KNOWN = set(_STRINGS) | {"tags", "notes", "detect", "author_notes", "series", "info"}
_DETECT_PATTERNS = ("heading", "start", "end")  # [detect] keys holding one pattern; `drop` holds a list
# What XML 1.0 forbids (tab and LF aside) and what no one means to type: C1 controls, noncharacters.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A well-formed BCP 47 tag (RFC 5646: language-extlang-script-region-variants-extensions-privateuse), as
# EPUBCheck checks it: "en-x" or "en_US" would give a book that fails validation.
_LANGUAGE = re.compile(r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?"
                       r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
                       r"(?:-[0-9A-WYZa-wyz](?:-[A-Za-z0-9]{2,8})+)*(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?")


def check_language(value: str, source: str) -> str:
    """A language tag from a metadata or anthology file -> itself, stripped; MetadataError if not well-formed."""
    tag = value.strip()
    if len(tag) > 64 or not _LANGUAGE.fullmatch(tag):
        raise MetadataError(f"'language' must be a language tag such as 'en' or 'pt-BR', not {value!r}", source)
    return tag


def without_controls(value: str) -> str:
    """What XML cannot hold removed (an EPUB's metadata would not serialize), and the ends stripped."""
    return _CONTROLS.sub("", value).strip()


def metadata_path_for(story: Path) -> Path:
    """`seeds/NAME.txt` -> `seeds/NAME.toml`."""
    return Path(story).with_suffix(".toml")


def load(path: Path) -> dict:
    """Read and check a metadata file; a missing file is an empty table."""
    path = Path(path)
    try:
        if not path.is_file():
            return {}
    except OSError:  # a name longer than the file system holds (a 251-byte story name + .toml): no such file
        return {}
    refuse_outside_link(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise MetadataError(f"not a valid TOML metadata file ({error})", str(path)) from None
    except OSError as error:
        raise MetadataError(f"cannot read metadata file ({error.strerror})", str(path)) from None
    return parse(text, str(path))


def refuse_outside_link(path: Path) -> None:
    """MetadataError when a metadata or anthology file is a link out of its folder (bookmaker.links)."""
    from bookmaker.links import LinkLoop, outside_target

    try:
        target = outside_target(path)
    except LinkLoop:
        raise MetadataError("a symbolic link that cannot be followed", str(path)) from None
    if target is not None:
        raise MetadataError(f"a symbolic link to {target}, outside its folder: not followed", str(path))


def parse(text: str, source: str, what: str = "metadata file") -> dict:
    """TOML text -> a checked table of metadata (MetadataError naming `source` otherwise)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MetadataError(f"not a valid TOML {what} ({error})", source) from None
    except RecursionError:  # arrays nested thousands deep: no metadata file is that
        raise MetadataError(f"not a valid TOML {what} (nested too deep)", source) from None
    for key in _STRINGS:
        if key in data and not isinstance(data[key], str):
            if key == "date" and hasattr(data[key], "isoformat"):
                data[key] = data[key].isoformat()
                continue
            raise MetadataError(f"'{key}' must be a string, not {type(data[key]).__name__}", source)
    if "tags" in data and not (isinstance(data["tags"], list) and all(isinstance(t, str) for t in data["tags"])):
        raise MetadataError("'tags' must be a list of strings", source)
    if "language" in data:
        data["language"] = check_language(data["language"], source)
    notes = data.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(n, dict) and isinstance(n.get("text"), str) for n in notes):
        raise MetadataError("'notes' must be a list of tables, each with a 'text' string", source)
    if isinstance(data.get("series"), str):
        data["series"] = [{"title": data["series"]}]  # `series = "Roads"`: one series, no position
    if "series" in data and not _tables(data["series"], {"title": str}, {"position": int}):
        raise MetadataError("'series' must be a name, or a list of tables each with a 'title' (and a 'position')",
                            source)
    if "info" in data and not _tables(data["info"], {"label": str, "values": list}, {}):
        raise MetadataError("'info' must be a list of tables each with a 'label' and a list of 'values'", source)
    if "author_notes" in data:
        from bookmaker.notes_placement import checked_placement

        try:
            data["author_notes"] = checked_placement(data["author_notes"], "'author_notes'")
        except ValueError as error:
            raise MetadataError(str(error), source) from None
    if "detect" in data:
        data["detect"] = _detection_settings(data["detect"], source)
    return data


def _tables(value, required: dict[str, type], optional: dict[str, type]) -> bool:
    """True when `value` is a list of tables with the required keys, and every key of the type it should have."""
    if not isinstance(value, list):
        return False
    types = required | optional
    return all(isinstance(item, dict) and set(required) <= set(item) and set(item) <= set(types)
               and all(isinstance(item[k], types[k]) and not isinstance(item[k], bool) for k in item)
               for item in value)


def _detection_settings(table, source: str) -> DetectionSettings:
    """The `[detect]` table -> compiled settings; a wrong type, an unknown key or a bad pattern is one clear error."""
    if not isinstance(table, dict):
        raise MetadataError("'detect' must be a table ([detect])", source)
    unknown = sorted(set(table) - set(_DETECT_PATTERNS) - {"drop"})
    if unknown:
        raise MetadataError(f"unknown key 'detect.{unknown[0]}' (known: heading, drop, start, end)", source)
    drop = table.get("drop", [])
    if isinstance(drop, str):
        drop = [drop]
    if not isinstance(drop, list) or not all(isinstance(d, str) for d in drop):
        raise MetadataError("'detect.drop' must be a pattern or a list of patterns", source)

    def compiled(key: str, pattern) -> re.Pattern:
        if not isinstance(pattern, str) or not pattern:
            raise MetadataError(f"'detect.{key}' must be a pattern (a non-empty string)", source)
        try:
            return re.compile(pattern)
        except re.error as error:
            raise MetadataError(f"'detect.{key}' is not a valid pattern ({error})", source) from None

    found = {key: compiled(key, table[key]) for key in _DETECT_PATTERNS if key in table}
    return DetectionSettings(drop=tuple(compiled("drop", d) for d in drop), **found)


def detection_settings(data: dict) -> DetectionSettings:
    """The checked metadata table -> what it tells detection (nothing, for most stories)."""
    return data.get("detect") or DetectionSettings()


def apply(manuscript: Manuscript, data: dict, source: str = "") -> Manuscript:
    """Values from the metadata file win over what detection found."""
    meta = manuscript.meta

    def clean(key: str, value: str) -> str:
        # TOML escapes ("\u0000") can carry what XML forbids; an EPUB's metadata would then not serialize.
        cleaned = _CONTROLS.sub("", value)
        if cleaned != value:
            manuscript.diagnostics.append(Diagnostic("D001", f"control characters removed from '{key}' in the metadata file"))
        return cleaned.strip()

    for key in _STRINGS:
        value = clean(key, data[key]) if isinstance(data.get(key), str) else None
        if value:
            setattr(meta, key, value)
    if data.get("tags"):
        meta.tags = [t for t in (clean("tags", t) for t in data["tags"]) if t]
    if "series" in data:
        meta.series = [Series(clean("series", s["title"]), s.get("position")) for s in data["series"]
                       if clean("series", s["title"])]
    if "info" in data:
        meta.info = [InfoField(clean("info", f["label"]), [clean("info", str(v)) for v in f["values"]])
                     for f in data["info"]]
    for note in data.get("notes", []):
        position = note.get("position", "before")
        chapter = note.get("chapter")
        if position not in ("before", "after") or not (chapter is None or isinstance(chapter, int)):
            raise MetadataError("a note's position must be 'before' or 'after' and its chapter a number", source)
        paragraphs = [Paragraph.plain(p.strip()) for p in clean("notes", note["text"]).split("\n\n") if p.strip()]
        label = note.get("label")
        manuscript.notes.append(Note(paragraphs, position, chapter, clean("notes", label) if isinstance(label, str) else None))
    for key in sorted(set(data) - _KNOWN):
        manuscript.diagnostics.append(Diagnostic("D301", f"unknown key '{key}' in the metadata file ignored"))
    return manuscript


def apply_metadata_file(manuscript: Manuscript, path: Path) -> Manuscript:
    """Load the metadata file at `path` (if any) and apply it."""
    return apply(manuscript, load(path), str(path))
