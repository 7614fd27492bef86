"""Frame pieces kept between builds: (where they are kept, which documents) -> the piece read back, or None. A
rebuilt anthology reads its title page and story openings back instead of laying them out again, and its contents
and colophon too when they are the same (else their length, for a first guess of the page numbers).

Kept in the build's cache folder (dist/.bookmaker-bodies) under the digest of their HTML, options CSS and the
build's key (the toolchain and options): one piece of each kind, the newest. Files named "KIND-DIGEST": no story's
records are, for a story file's name ends in a story suffix. A record is input: it is checked as the bodies are.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from bookmaker.atomic import write_bytes_atomic, write_text_atomic
from bookmaker.records import KeptFolder, json_record
from bookmaker.writers.pdf_piece import Piece, from_record, soundness, to_record

FRAME, CONTENTS = "frame", "contents"  # the kinds kept: the frame but its contents; the contents


def kept_digest(kept: KeptFolder, html: str, extra_css: str) -> str:
    return hashlib.sha256("\0".join((kept.key, extra_css, html)).encode("utf-8", "surrogatepass")).hexdigest()


def load_kept(kept: KeptFolder, kind: str, names: list[str]) -> tuple[Piece, dict, str] | None:
    """The piece of `kind` kept for documents `names`, what was kept with it and the digest of what it was laid
    out from, if sound; else None (it is laid out again)."""
    folder = Path(kept.folder)
    try:
        if folder.is_symlink() or not kept.reuse:
            return None
        records = sorted(folder.glob(f"{kind}-*.json"))
        if len(records) != 1:
            return None
        info = json_record(records[0])
        if not isinstance(info, dict) or not isinstance(info.get("with"), dict) or not isinstance(info.get("digest"), str):
            return None
        digest = info["digest"]
        pdf = folder / f"{kind}-{digest[:32]}.pdf"
        if records[0].name != f"{kind}-{digest[:32]}.json" or not pdf.is_file():
            return None
        piece = from_record(info["piece"], pdf.read_bytes())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if isinstance(piece, str) or piece.names != names or soundness(piece):
        return None
    return piece, info["with"], digest


def save_kept(kept: KeptFolder, kind: str, digest: str, piece: Piece, keep_with: dict | None = None) -> None:
    """Keep the piece of `kind` and `keep_with` beside it (and forget the one of its kind kept before)."""
    folder = Path(kept.folder)
    try:
        if folder.is_symlink():  # planted in the output folder: writing through it would write elsewhere
            return
        folder.mkdir(exist_ok=True)
        stem = f"{kind}-{digest[:32]}"
        write_bytes_atomic(folder / f"{stem}.pdf", piece.pdf)
        write_text_atomic(folder / f"{stem}.json",
                          json.dumps({"digest": digest, "piece": to_record(piece), "with": keep_with or {}}))
        for stale in folder.glob(f"{kind}-*"):
            if not stale.name.startswith(stem + ".") and stale.is_file():
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a cache: the next build lays the piece out again
