"""What a build keeps between builds: a JSON record it wrote (its state, a cache's records) -> its value, read as
input (it may be damaged or crafted, so a record too large, too deep, not a regular file or holding NaN is None,
never an error); and where a writer keeps what it laid out (KeptFolder)."""

from __future__ import annotations

import glob
import hashlib
import json
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from bookmaker.errors import BookmakerError


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
    """Where a build keeps what it laid out for a later build (dist/.bookmaker-bodies), and the key of what that
    depends on besides its input (the toolchain and the build's options). One file of each kind is kept, the
    newest: "KIND-DIGEST.bin" beside its record "KIND-DIGEST.json" (the bytes' sha256 and what the caller keeps
    with them), DIGEST 32 hex digits: no story's record is named so (its name ends in a story suffix, then .json)."""

    folder: str
    key: str
    reuse: bool = True  # False (--force): what is kept is not read back, only written for the next build

    def save(self, kind: str, digest: str, data: bytes, record: dict | None = None) -> None:
        """Keep `data` as the one of `kind`, laid out from what `digest` names, `record` beside it (and forget the
        one of its kind kept before)."""
        from bookmaker.atomic import write_bytes_atomic, write_text_atomic

        folder, stem = Path(self.folder), f"{kind}-{digest[:32]}"
        try:
            if folder.is_symlink():  # planted in the output folder: writing through it would write elsewhere
                return
            folder.mkdir(exist_ok=True)
            write_bytes_atomic(folder / f"{stem}.bin", data)
            write_text_atomic(folder / f"{stem}.json", json.dumps(
                {"digest": digest, "sha256": hashlib.sha256(data).hexdigest(), "with": record or {}}))
            for stale in self._files(kind, ".json") + self._files(kind, ".bin"):
                if not stale.name.startswith(stem + ".") and stale.is_file():
                    stale.unlink(missing_ok=True)
        except (OSError, BookmakerError):
            pass  # a cache: the next build lays it out again

    def _files(self, kind: str, suffix: str) -> list[Path]:
        """The files kept of `kind`: "KIND-" and 32 hex digits (a story file "frame-1.txt" keeps "frame-1.txt.json",
        which is not one of them)."""
        name = re.compile(re.escape(kind) + r"-[0-9a-f]{32}" + re.escape(suffix))
        return sorted(p for p in Path(self.folder).glob(f"{glob.escape(kind)}-*{suffix}") if name.fullmatch(p.name))

    def load(self, kind: str, damaged: list[str] | None = None) -> tuple[bytes, dict, str] | None:
        """The one kept of `kind`: (its bytes, as recorded, what was kept with them, the digest they were made
        from); None when there is none, it is not to be reused, or it is damaged (callers lay it out again; the
        damaged record's name is added to `damaged`)."""
        folder = Path(self.folder)
        records = self._files(kind, ".json") if self.reuse and not folder.is_symlink() else []
        if not records:
            return None
        info = json_record(records[0])
        data = b""
        if (len(records) == 1 and isinstance(info, dict) and isinstance(info.get("digest"), str)
                and isinstance(info.get("with"), dict) and records[0].name == f"{kind}-{info['digest'][:32]}.json"):
            path = folder / f"{kind}-{info['digest'][:32]}.bin"
            try:
                data = path.read_bytes() if path.is_file() else b""  # not a FIFO, which would block the build
            except OSError:
                data = b""
        if not data or hashlib.sha256(data).hexdigest() != info.get("sha256"):
            if damaged is not None:
                damaged.append(records[0].name)
            return None
        return data, info["with"], info["digest"]
