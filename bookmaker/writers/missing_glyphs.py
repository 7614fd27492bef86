"""What WeasyPrint logged while laying a book out -> the build's layout warnings, with its one warning per missing
glyph folded into one W202 warning that names each character once.

WeasyPrint warns for every occurrence of a character no installed font covers: a Japanese story on a machine
without CJK fonts gave 160,608 warnings and said nothing a reader could act on.
"""

from __future__ import annotations

import re
import unicodedata

LAYOUT = "W201"
MISSING_GLYPH = "W202"
# WeasyPrint (draw/text.py): '.notdef glyph rendered for Unicode string unsupported by fonts: "%s" (U+%04X)'
_NOTDEF = re.compile(r"^\.notdef glyph rendered for Unicode string unsupported by fonts: .*\(U\+([0-9A-F]{4,6})\)$")
MAX_NAMED = 12  # characters named in the warning; the rest are counted


def _describe(code: int) -> str:
    name = unicodedata.name(chr(code), "")
    return f"U+{code:04X} {name}" if name else f"U+{code:04X}"


def layout_warnings(messages: list[str]) -> list[str]:
    """WeasyPrint's log messages -> 'W201 layout: ...' lines, and at most one 'W202 ...' for missing glyphs."""
    warnings: list[str] = []
    missing: dict[int, int] = {}  # code point -> occurrences, in order of first appearance
    for message in messages:
        found = _NOTDEF.match(message)
        if found:
            code = int(found.group(1), 16)
            missing[code] = missing.get(code, 0) + 1
        elif f"{LAYOUT} layout: {message}" not in warnings:
            warnings.append(f"{LAYOUT} layout: {message}")
    if missing:
        named = ", ".join(_describe(code) for code in list(missing)[:MAX_NAMED])
        more = f" and {len(missing) - MAX_NAMED} more" if len(missing) > MAX_NAMED else ""
        warnings.append(f"{MISSING_GLYPH} no font has a glyph for {len(missing)} character(s), printed as empty "
                        f"boxes: {named}{more} (install a font that covers them)")
    return warnings
