"""Atomic file output: bytes or text -> a file that is either the complete old version or the complete new one."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from bookmaker.errors import BuildError

PART = ".part"
# Temporary files are hidden, ".NAME.bookmaker-PID.RANDOM.part" (mkstemp's RANDOM: 8 of [a-z0-9_]): clean-up
# removes only names of this exact shape, never a user's own ".notes.part".
MARK = "bookmaker-"
_TEMPORARY = re.compile(rf"\..*\.{MARK}(?P<pid>[0-9]+)\.[a-z0-9_]{{8}}{re.escape(PART)}", re.DOTALL)
NAME_BYTES = 80  # of the target's name kept in a temporary's: the whole stays far below the 255-byte limit


def _temporary_prefix(name: str) -> str:
    """'.NAME.bookmaker-PID.' with NAME cut to NAME_BYTES bytes (a long story name must not overflow)."""
    cut = name.encode("utf-8", "surrogateescape")[:NAME_BYTES].decode("utf-8", "ignore")
    return f".{cut}.{MARK}{os.getpid()}."


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename it into place."""
    path = Path(path)
    try:
        fd, temporary = tempfile.mkstemp(prefix=_temporary_prefix(path.name), suffix=PART, dir=path.parent)
    except OSError as error:
        raise BuildError(f"cannot write here ({error.strerror})", str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:  # disk full, or the target is a folder: the user's to fix, so one line, not a traceback
        Path(temporary).unlink(missing_ok=True)
        raise BuildError(f"cannot write the file ({error.strerror or error})", str(path)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def clean_stale_parts(folder: Path, own: bool = False) -> int:
    """Remove temporary files left by a build that was killed (its process is gone); returns how many.
    Only files of the temporaries' own name shape go: a user's hidden file ending in .part is theirs. `own`:
    this process's too (a build unwinding after a signal, its workers gone: one it was writing may be left)."""
    removed = 0
    for part in Path(folder).glob(f".*{PART}"):
        match = _TEMPORARY.fullmatch(part.name)
        if match is None or not part.is_file() or part.is_symlink():
            continue
        if _alive(int(match["pid"])) and not (own and int(match["pid"]) == os.getpid()):
            continue  # another build, running now, is writing it
        part.unlink(missing_ok=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    """True when the process exists and is not a zombie (a killed worker not yet reaped is dead)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return "\tZ" not in Path(f"/proc/{pid}/status").read_text().split("State:", 1)[1][:4]
    except (OSError, IndexError):
        return True


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
