"""Frame pieces kept between builds: (where they are kept, which documents) -> the piece read back, or None. A
rebuilt anthology reads its title page and story openings back instead of laying them out again, its colophon when
its words and date are the same, and its contents when their page numbers are (else their length, for a first guess
of the page numbers).

Kept by records.KeptFolder under the digest of their HTML, options CSS and the build's key (the toolchain and
options), one piece of each kind. A record is input: the piece is checked as the bodies are.
"""

from __future__ import annotations

import hashlib

from bookmaker.records import KeptFolder
from bookmaker.writers.pdf_piece import Piece, from_record, soundness, to_record

FRAME, CONTENTS, COLOPHON = "frame", "contents", "colophon"  # the kinds kept: the frame but these two; the others


def kept_digest(kept: KeptFolder, html: str, extra_css: str) -> str:
    return hashlib.sha256("\0".join((kept.key, extra_css, html)).encode("utf-8", "surrogatepass")).hexdigest()


def load_kept(kept: KeptFolder, kind: str, names: list[str]) -> tuple[Piece, dict, str] | None:
    """The piece of `kind` kept for documents `names`, what was kept with it and the digest of what it was laid
    out from, if sound; else None (it is laid out again)."""
    found = kept.load(kind)
    if found is None:
        return None
    data, keep_with, digest = found
    try:
        piece = from_record(keep_with["piece"], data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    if isinstance(piece, str) or piece.names != names or soundness(piece):
        return None
    return piece, keep_with, digest


def save_kept(kept: KeptFolder, kind: str, digest: str, piece: Piece, keep_with: dict | None = None) -> None:
    """Keep the piece of `kind` and `keep_with` beside it (and forget the one of its kind kept before)."""
    kept.save(kind, digest, piece.pdf, {**(keep_with or {}), "piece": to_record(piece)})
