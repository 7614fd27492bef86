"""What a build keeps between builds: a JSON record it wrote (its state, a cache's records) -> its value, read as
input (it may be damaged or crafted, so a record too large, too deep, not a regular file or holding NaN is None,
never an error); and where a writer keeps what it laid out (KeptFolder)."""

from __future__ import annotations

import json
import stat
from dataclasses import dataclass
from pathlib import Path


RECORD_BYTES = 64 << 20  # a state or cache record larger than this was not written by a build


def json_record(path: Path, missing_raises: bool = False):
    """A JSON record the build wrote (state, body cache) -> its value, or None when it is unreadable, too large,
    too deep, or holds NaN: a record is input and may be damaged or crafted. With `missing_raises`, a file that is
    not there raises FileNotFoundError instead (the caller tells "none" from "damaged")."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > RECORD_BYTES:  # a FIFO would block the build for ever
            return None
        return json.loads(path.read_text(encoding="utf-8"), parse_constant=_no_constant)
    except FileNotFoundError:
        if missing_raises:
            raise
        return None
    except (OSError, ValueError, RecursionError):
        return None


def _no_constant(name: str):
    """json.loads hook: NaN and Infinity are no numbers a cache or state file holds."""
    raise ValueError(f"{name} in a JSON record")


@dataclass(frozen=True)
class KeptFolder:
    """Where a writer may keep what it laid out for a later build, and the key of what that depends on besides
    its input (the toolchain and the build's options)."""

    folder: str
    key: str
    reuse: bool = True  # False (--force): what is kept is not read back, only written for the next build
