"""The token stream detection works on: one Token per raw paragraph, classified by the line rules."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Token:
    """A raw paragraph and what the line rules found it to be.

    kind is one of: "para", "break", "chapter", "part", "end", "note-label", "field".
    """

    kind: str
    text: str
    line: int
    gap_before: int = 0
    title: str | None = None  # heading title, or the field value
    label: str | None = None  # chapter label ("Chapter 1"), note label ("A/N:"), field name ("title")
    rule: str = ""  # the name of the rule that classified it
    weak: bool = False  # a heading that counts only when others like it exist (a bare "1" or "I")
    line_count: int = 1  # source lines the paragraph spans
    extra: dict = field(default_factory=dict)
