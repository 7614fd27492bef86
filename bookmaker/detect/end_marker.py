"""End markers: the line that closes a chapter or the story.

Examples: `To Be Continued....`, `To be continued…`, `TBC`, `~*TBC*~`, `The End`, `THE END.`, `Fin`,
`End of Chapter 3`, `(continued in part two)`.
"""

from __future__ import annotations

import re

_END_MARKER = re.compile(
    r"^[\W_]*(?:to\s*be\s*continued\b.{0,40}?|t\.?b\.?c\.?|the\s+end|fin|finis|end|"
    r"end\s+of\s+(?:chapter|part|book|story)(?:\s+[\w-]+)?|continued\s+in\s+.{1,40}?)[\W_]*$",
    re.IGNORECASE,
)


def classify(text: str) -> bool:
    """True when the whole line is an end marker."""
    line = text.strip()
    return len(line) <= 60 and bool(_END_MARKER.match(line))
