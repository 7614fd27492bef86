"""ZIP-based document formats (DOCX, ODT, EPUB) told apart by what they hold, opened safely."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache

from bookmaker.readers.base import Source

MAX_UNPACKED_BYTES = 400_000_000  # a story's document never unpacks to more; a ZIP bomb does
ZIP_MAGIC = b"PK\x03\x04"


def is_zip(source: Source) -> bool:
    return source.data[:4] == ZIP_MAGIC


@lru_cache(maxsize=8)
def _names(data: bytes) -> frozenset[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return frozenset(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return frozenset()


def member_names(source: Source) -> frozenset[str]:
    """The names inside a ZIP-based file; empty when it is not a readable ZIP archive."""
    return _names(source.data) if is_zip(source) else frozenset()


def mimetype(source: Source) -> str:
    """The `mimetype` member that ODF and EPUB files open with ('' when there is none)."""
    if "mimetype" not in member_names(source):
        return ""
    return read_member(source, "mimetype", "file").decode("ascii", "replace").strip()


def open_archive(source: Source, what: str) -> zipfile.ZipFile:
    """The file as a ZIP archive; InputError (naming `what`, e.g. "DOCX") when it is damaged or would unpack to
    more than a story ever does."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(source.data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise source.fail(f"not a readable {what} file (a damaged ZIP archive: {error})") from None
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise source.fail(f"not a readable {what} file: it would unpack to {unpacked:,} bytes")
    return archive


def read_member(source: Source, name: str, what: str) -> bytes:
    """One member's bytes; InputError when it is missing or damaged."""
    with open_archive(source, what) as archive:
        try:
            return archive.read(name)
        except KeyError:
            raise source.fail(f"not a readable {what} file: {name} is missing") from None
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
            raise source.fail(f"not a readable {what} file ({name}: {error})") from None
