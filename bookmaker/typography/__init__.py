"""The typography stage: Manuscript -> the same Manuscript with typeset text (quotes, dashes, ellipses, spaces).

Each pass is a plain `str -> str` function registered by name in `registry.PASSES`, in the
order it runs; `driver` applies them to the model's text nodes, never to serialized XHTML. A book
in German, French and other languages runs its own quote passes in place of the English ones
(`registry.passes_for(language)`).
"""

from bookmaker.typography.driver import apply_to_spans, apply_typography, run_pass, typeset
from bookmaker.typography.registry import (ENDS, LANGUAGE_VARIANTS, PARAGRAPH, PASS_NAMES, PASSES, SPAN, Pass,
                                           get_pass, passes_for)

__all__ = [
    "ENDS", "LANGUAGE_VARIANTS", "PARAGRAPH", "PASSES", "PASS_NAMES", "SPAN", "Pass",
    "apply_to_spans", "apply_typography", "get_pass", "passes_for", "run_pass", "typeset",
]
