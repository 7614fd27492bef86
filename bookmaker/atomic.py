"""Atomic file output: bytes or text -> a file that is either the complete old version or the complete new one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bookmaker.errors import BuildError

PART = ".part"  # temporary files are hidden: ".NAME.PID.RANDOM.part"


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename it into place."""
    path = Path(path)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=PART, dir=path.parent)
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


def clean_stale_parts(folder: Path) -> int:
    """Remove temporary files left by a build that was killed (its process is gone); returns how many."""
    removed = 0
    for part in Path(folder).glob(f".*{PART}"):
        pid = part.name.split(".")[-3] if part.name.count(".") >= 4 else ""
        if pid.isdigit() and _alive(int(pid)):
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
