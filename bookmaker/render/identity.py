"""A story's metadata -> its stable identifier; the environment or a file -> the build date."""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

from bookmaker.errors import BuildError

# Fixed namespace so the same story gives the same urn:uuid on every machine and every build.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://bookmaker.invalid/book")
_ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=timezone.utc)  # zip timestamps cannot be earlier
_ZIP_END = datetime(2107, 12, 31, 23, 59, 58, tzinfo=timezone.utc)  # ... nor later (a 7-bit year from 1980)


def identifier(*parts: str | None) -> str:
    """"urn:uuid:..." derived from the given parts (title, author, source), the same on every build."""
    key = "\x1f".join(part or "" for part in parts)
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, key)}"


def _epoch() -> datetime | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        seconds = int(value)
    except ValueError as error:
        raise BuildError(f"SOURCE_DATE_EPOCH is not a whole number of seconds: {value!r}") from error
    return _from_timestamp(seconds)


def _clamp(moment: datetime) -> datetime:
    """A date inside what every format holds: ZIP entries (EPUB) keep 1980-2107."""
    return min(max(moment.replace(microsecond=0), _ZIP_EPOCH), _ZIP_END)


def source_date(*paths: Path) -> datetime:
    """The build date: SOURCE_DATE_EPOCH when set, else the newest modification time of `paths` (UTC, whole seconds)."""
    epoch = _epoch()
    if epoch is not None:
        return epoch
    if paths:
        return _from_timestamp(max(int(Path(p).stat().st_mtime) for p in paths))
    return _clamp(datetime.now(timezone.utc))


def _from_timestamp(seconds: int) -> datetime:
    """A file's modification time -> a date every format can hold (a file dated in year 30000 is clamped)."""
    try:
        return _clamp(datetime.fromtimestamp(seconds, timezone.utc))
    except (ValueError, OverflowError, OSError):
        return _ZIP_END if seconds > 0 else _ZIP_EPOCH
