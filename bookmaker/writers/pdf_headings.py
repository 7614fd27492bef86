"""A story body's structure elements, copied into a book -> the same with its headings at the book's levels.

A story's body is laid out once and serves its own book, where its chapters are H1, and the anthology, where
they sit under the story's H1 as H2 (as the anthology's EPUB nests them): the anthology's copy of the body has
its headings moved down by the difference, so the PDF's headings nest as the EPUB's do.
"""

from __future__ import annotations

import re

import pikepdf
from pikepdf import Name

_HEADING = re.compile(r"^/H([1-6])$")
_XHTML_HEADING = re.compile(r"<h([1-6])[\s>]")


def top_level(xhtml_documents: list[str]) -> int | None:
    """The highest heading level (smallest number) in these documents, as rendered for the book; None if none."""
    levels = [int(m) for xhtml in xhtml_documents for m in _XHTML_HEADING.findall(xhtml)]
    return min(levels, default=None)


def _elements(kids: list[pikepdf.Object]):
    stack, seen = list(kids), set()
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary) or element.objgen in seen or "/S" not in element:
            continue
        seen.add(element.objgen)
        yield element
        k = element.get("/K")
        stack.extend(k if isinstance(k, pikepdf.Array) else [k] if k is not None else [])


def set_heading_levels(kids: list[pikepdf.Object], wanted: int) -> None:
    """Shift every heading under `kids` so the highest is at level `wanted` (H6 at most)."""
    headings = [(element, int(found.group(1))) for element in _elements(kids)
                if (found := _HEADING.match(str(element.S)))]
    if not headings:
        return
    shift = wanted - min(level for _, level in headings)
    for element, level in headings if shift else []:
        element.S = Name(f"/H{max(1, min(6, level + shift))}")
