"""A stylesheet -> the classes that set text in italic or bold (Google Docs' HTML, calibre's and other EPUBs).

    .c3 { font-style: italic }          ->  {"c3": ("i",)}
    span.bold, .calibre7 { font-weight: 700 }  ->  {"bold": ("b",), "calibre7": ("b",)}

Only selectors that name one class (`.x`, `span.x`) are read: that is how these tools write emphasis. A later rule
for a class adds to what an earlier one gave.
"""

from __future__ import annotations

import re

import tinycss2

_ONE_CLASS = re.compile(r"^\s*[A-Za-z]*\.(?P<name>[\w-]+)\s*$")


def class_emphasis(css: str) -> dict[str, tuple[str, ...]]:
    """CSS text -> class name -> the emphasis marks ("i", "b") its rules give."""
    found: dict[str, list[str]] = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        marks = _marks(tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True))
        if not marks:
            continue
        for selector in tinycss2.serialize(rule.prelude).split(","):
            match = _ONE_CLASS.match(selector)
            if match:
                have = found.setdefault(match.group("name"), [])
                have.extend(m for m in marks if m not in have)
    return {name: tuple(marks) for name, marks in found.items()}


def _marks(declarations) -> list[str]:
    marks = []
    for declaration in declarations:
        if declaration.type != "declaration":
            continue
        value = tinycss2.serialize(declaration.value).strip().lower()
        if declaration.lower_name == "font-style" and value.startswith(("italic", "oblique")):
            marks.append("i")
        elif declaration.lower_name == "font-weight" and (value in ("bold", "bolder") or
                                                          (value.isdigit() and int(value) >= 600)):
            marks.append("b")
    return marks
