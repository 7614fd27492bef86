"""Dash and ellipsis passes, each text -> text: typed stand-ins become the real characters."""

from __future__ import annotations

import re

# Two or three hyphens are the typewriter's em dash. Longer runs are drawings (a rule, a
# "----Flashback----" banner), not punctuation, so they stay as typed.
_DOUBLE_HYPHEN = re.compile(r"(?<!-)-{2,3}(?!-)")


# A hyphen with a space on each side, between two words: a dash typed on a keyboard without one ("the office -
# no survivors"). A hyphen joins; with spaces round it, it joins nothing.
_SPACED_HYPHEN = re.compile(r"(?<=\S) - (?=\S)")


def dashes(text: str) -> str:
    """`--` and `---` -> em dash `—`, the author's spacing around it kept; a spaced hyphen ` - ` -> a spaced en
    dash ` – ` (the dash of typesetters who space theirs), tied to the word before it so no line starts with it.

    Signal: two or three hyphens in a row; a single hyphen between spaces.
    Example (not a seed: Huckleberry Finn, Project Gutenberg #76):
    "Don't scrunch up like that, Huckleberry--set up straight" -> "...Huckleberry—set up straight".
    Example (seed 004): "the office - no survivors - and how" -> "the office\u00a0– no survivors\u00a0– and how".
    """
    return _SPACED_HYPHEN.sub("\u00a0\u2013 ", _DOUBLE_HYPHEN.sub("—", text))


_DOT_RUN = re.compile(r"[.…]{2,}")
_SPACED_DOTS = re.compile(r"(?<![.…])\.(?: \.){2,}(?![.…])")


def _one_ellipsis(match: re.Match[str]) -> str:
    run = match.group()
    dots = run.count(".") + 3 * run.count("…")
    return "…" if dots >= 3 else run  # ".." is a typo we cannot read; leave it


def ellipses(text: str) -> str:
    """Runs of three or more dots (`...`, `.....`, `. . .`, `……..`) -> one ellipsis `…`.

    Signal: dots in a row, or dots separated by single spaces, counting `…` as three.
    Example (seed 002): "To Be Continued...." -> "To Be Continued…".
    The spacing around the run is the author's and stays.
    """
    text = _SPACED_DOTS.sub("…", text)
    return _DOT_RUN.sub(_one_ellipsis, text)
