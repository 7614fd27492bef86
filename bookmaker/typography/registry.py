"""The typography passes, by name, in the order they run; each a plain `str -> str` function with its scope."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable, Literal

from bookmaker.typography.dashes import dashes, ellipses
from bookmaker.typography.local_spacing import (french_spacing, german_quote_spacing, guillemet_quote_spacing,
                                                low_high_quote_spacing)
from bookmaker.typography.quote_styles import german_quotes, guillemet_quotes, keep_quotes, low_high_quotes
from bookmaker.typography.punctuation import punctuation_space
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
    # After quote-spacing and ellipses: "lit ," loses its space, an ellipsis after a space keeps it.
    Pass("punctuation-space", punctuation_space, SPAN),
    # Last: sees curly closing quotes (ready.”Spike) and ellipses already made.
    Pass("sentence-space", sentence_space, SPAN),
)

PASS_NAMES: tuple[str, ...] = tuple(p.name for p in PASSES)

# Languages that quote otherwise than English: the functions that take the place of the English
# ones, under the same names, in the same order and scope (so `skip={"quotes"}` means the same
# in every language). A language not listed here is set as English.
_GERMAN = {"quotes": german_quotes, "quote-spacing": german_quote_spacing}
_LOW_HIGH = {"quotes": low_high_quotes, "quote-spacing": low_high_quote_spacing}
_GUILLEMETS = {"quotes": guillemet_quotes, "quote-spacing": guillemet_quote_spacing}
_FRENCH = {"quotes": guillemet_quotes, "quote-spacing": french_spacing, "punctuation-space": keep_quotes}
_AS_TYPED = {"quotes": keep_quotes, "quote-spacing": keep_quotes}  # CJK: 「」 and “” are the author's

LANGUAGE_VARIANTS: dict[str, dict[str, Callable[[str], str]]] = {
    **dict.fromkeys(["de", "cs", "sk", "sl", "is", "bg"], _GERMAN),
    **dict.fromkeys(["pl", "hu", "ro"], _LOW_HIGH),
    **dict.fromkeys(["es", "it", "pt", "ru", "uk", "el", "ca", "no", "nb", "nn", "de-CH"], _GUILLEMETS),
    "fr": _FRENCH,
    "pt-BR": {},  # Brazil quotes “…” as English does
    **dict.fromkeys(["ja", "zh", "ko"], _AS_TYPED),
}


def _variants(language: str | None) -> dict[str, Callable[[str], str]]:
    """A BCP 47 tag ("de", "pt-BR", "zh-Hant") -> the pass functions its language replaces; {} for English."""
    parts = (language or "en").replace("_", "-").split("-")
    primary = parts[0].lower()
    region = next((p.upper() for p in parts[1:] if len(p) == 2 or p.isdigit()), None)
    if region and f"{primary}-{region}" in LANGUAGE_VARIANTS:
        return LANGUAGE_VARIANTS[f"{primary}-{region}"]  # de-CH quotes «…», pt-BR “…”
    return LANGUAGE_VARIANTS.get(primary, {})


@functools.cache
def passes_for(language: str | None) -> tuple[Pass, ...]:
    """A BCP 47 tag -> the passes in order, with the language's own quote passes in place of the English ones."""
    variants = _variants(language)
    return tuple(Pass(p.name, variants.get(p.name, p.function), p.scope) for p in PASSES)


def get_pass(name: str, language: str | None = "en") -> Pass:
    """The registered pass called `name`, as `language` runs it; ValueError names the known ones."""
    for entry in passes_for(language):
        if entry.name == name:
            return entry
    raise ValueError(f"no typography pass {name!r}; known passes: {', '.join(PASS_NAMES)}")
