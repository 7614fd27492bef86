"""The anthology's own metadata: seeds/anthology.toml (title, editor, description, language, order) -> values.

Without the file: a real title ("Collected Stories"), no editor, stories in file-name order.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from bookmaker.errors import MetadataError
from bookmaker.metadata import check_language, refuse_outside_link, without_controls
from bookmaker.model import Metadata

DEFAULT_TITLE = "Collected Stories"
ANTHOLOGY_FILE = "anthology.toml"


def _load(path: Path | None) -> dict:
    if path is None or not path.is_file():
        return {}
    refuse_outside_link(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        raise MetadataError(f"not a valid anthology file ({error})", str(path)) from None
    except RecursionError:  # arrays nested thousands deep
        raise MetadataError("not a valid anthology file (nested too deep)", str(path)) from None
    for key in ("title", "editor", "description", "language", "rights", "date"):
        if key in data and not isinstance(data[key], str):
            raise MetadataError(f"'{key}' must be a string", str(path))
        if key in data:  # TOML escapes can carry control characters, which no EPUB's metadata can hold
            data[key] = without_controls(data[key])
    if data.get("language"):
        data["language"] = check_language(data["language"], str(path))
    order = data.get("order", [])
    if not isinstance(order, list) or not all(isinstance(o, str) for o in order):
        raise MetadataError("'order' must be a list of story file names", str(path))
    return data


def load_anthology_meta(path: Path | None) -> tuple[Metadata, str | None]:
    """(the anthology's Metadata, its editor) from anthology.toml, with defaults."""
    data = _load(path)
    meta = Metadata(title=data.get("title") or DEFAULT_TITLE, author=data.get("editor"),
                    language=data.get("language", "en"), summary=data.get("description"),
                    rights=data.get("rights"), date=data.get("date"))
    return meta, data.get("editor")


def order_stories(paths: list[Path], anthology_file: Path | None) -> list[Path]:
    """Stories in the order anthology.toml gives (by file name or stem), the rest after them in file-name order."""
    order = _load(anthology_file).get("order", [])
    rank = {name: i for i, name in enumerate(order)}

    def key(path: Path):
        position = rank.get(path.name, rank.get(path.stem))
        return (position is None, position if position is not None else 0, path.name)

    return sorted(paths, key=key)
