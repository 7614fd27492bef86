"""The typography stage: Manuscript -> the same Manuscript with typeset text (quotes, dashes, ellipses, spaces).

Each pass is a plain `str -> str` function registered by name in `registry.PASSES`, in the
order it runs; `driver` applies them to the model's text nodes, never to serialized XHTML.
"""

from bookmaker.typography.driver import apply_to_spans, apply_typography, run_pass, typeset
from bookmaker.typography.registry import ENDS, PARAGRAPH, PASS_NAMES, PASSES, SPAN, Pass, get_pass

__all__ = [
    "ENDS", "PARAGRAPH", "PASSES", "PASS_NAMES", "SPAN", "Pass",
    "apply_to_spans", "apply_typography", "get_pass", "run_pass", "typeset",
]
