"""A title or file name -> a file name stem safe on every file system (ASCII, lowercase, hyphens, bounded, never empty)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_LENGTH = 60  # leaves room for a suffix and a folder within Windows' 260-character paths
# Names Windows reserves for devices, whatever the extension ("con.epub" cannot be created there).
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
# Letters that NFKD does not decompose into ASCII but that have a usual transliteration.
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
                          "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
                          "&": " and "})


def slugify(text: str | None, fallback: str = "book") -> str:
    """'Rejections & Regrets' -> 'rejections-and-regrets'; text with no Latin letters -> 'book-<hash>'."""
    text = (text or "").strip()
    ascii_text = unicodedata.normalize("NFKD", text.translate(_LETTERS)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_LENGTH:
        cut = slug.rfind("-", 0, MAX_LENGTH + 1)
        slug = slug[: cut if cut > MAX_LENGTH // 2 else MAX_LENGTH].strip("-")
    if not slug:
        # Nothing Latin to keep (a Greek or Japanese title): a stable name from the text itself.
        slug = f"{fallback}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}" if text else fallback
    if slug.split(".")[0] in _RESERVED:
        slug = f"{slug}-{fallback}"
    return slug
