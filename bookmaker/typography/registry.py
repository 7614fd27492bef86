"""The typography passes, by name, in the order they run; each a plain `str -> str` function with its scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Literal

from bookmaker.typography.dashes import dashes, ellipses
from bookmaker.typography.quotes import apostrophes, quotes
from bookmaker.typography.sentences import sentence_space
from bookmaker.typography.spaces import quote_spacing, trim, whitespace

# Where a pass runs inside a paragraph, which is a list of emphasis spans:
SPAN = "span"  # on each span alone; may change the length (dashes: "--" -> "—")
PARAGRAPH = "paragraph"  # on the paragraph's joined text, which it must not lengthen or shorten,
#                          so the result is cut back into the spans (quotes need context across spans)
ENDS = "ends"  # on the joined text, removing characters from its two ends only (trim)
Scope = Literal["span", "paragraph", "ends"]


@dataclass(frozen=True)
class Pass:
    name: str
    function: Callable[[str], str]
    scope: Scope


# The order is the priority; each line says what must come before it.
PASSES: tuple[Pass, ...] = (
    # Every later pass may assume single plain spaces.
    Pass("whitespace", whitespace, SPAN),
    Pass("trim", trim, ENDS),
    # Before quotes, so "…\"" reads as the end of a speech; before sentence-space, so "...No"
    # is an ellipsis and never a sentence end.
    Pass("ellipses", ellipses, SPAN),
    # Before quotes, so a quote after a dash ("—\"no\"") is read with the dash.
    Pass("dashes", dashes, SPAN),
    # Before quotes, so I´m is already I’m and a backtick quote is already ‘.
    Pass("apostrophes", apostrophes, PARAGRAPH),
    Pass("quotes", quotes, PARAGRAPH),
    # After quotes: only then is it known which side of a quote mark its word is on.
    Pass("quote-spacing", quote_spacing, SPAN),
    # Last: sees curly closing quotes (ready.”Spike) and ellipses already made.
    Pass("sentence-space", sentence_space, SPAN),
)

PASS_NAMES: tuple[str, ...] = tuple(p.name for p in PASSES)


def get_pass(name: str) -> Pass:
    """The registered pass called `name`; ValueError names the known ones."""
    for entry in PASSES:
        if entry.name == name:
            return entry
    raise ValueError(f"no typography pass {name!r}; known passes: {', '.join(PASS_NAMES)}")
