"""Unlabelled author's notes: how much a paragraph talks about the writing rather than telling the story.

Example (a note before the story, no label): `This usually isn't my cup of tea, if you get my meaning, but I figured I
give it a go! Yes, the Battle of the Heart will be updated soon I promise!`
Example (glued to the first paragraph): `Yes i posted 2 stories in one day. been working like crazy to get them
ready.Spike watched as ...` -> note `Yes i posted ... ready.` + story `Spike watched as ...`.
"""

from __future__ import annotations

import re

# Words about writing, posting and reading a story: rare in prose, common in notes.
_STRONG = re.compile(
    r"\b(?:stor(?:y|ies)|chapters?|fics?|fanfic(?:tion)?s?|reviews?|reviewe?(?:d|rs?|ing)|updat(?:e|ed|es|ing)|"
    r"post(?:ed|ing)|betas?|beta'?d|disclaimers?|readers|feedback|sequel|one-?shots?|drabbles?|kudos|a/n|r&r|"
    r"native\s+speaker|mistakes|grammar|spelling|oneshot|cliffhanger|this\s+fic|my\s+first|"
    r"(?:don'?t|do\s+not)\s+own|belongs?\s+to|wrote\s+this|writing\s+this|enjoy\s+(?:it|this|the)|"
    r"(?:let\s+me|tell\s+me)\s+know|hope\s+you|thanks?\s+(?:you\s+)?(?:to|for)|please|promise)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|i|I'm|I’m|I´m|my|me|I've|I’ve|I'll|I’ll)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|your|you'll|you’ll|y'all|guys)\b", re.IGNORECASE)
_EXCLAIM = re.compile(r"!")
# A sentence end with no space before a capital: where a note was glued to the story ("ready.Spike").
_GLUE = re.compile(r"(?<=[a-z0-9][.!?])(?=[A-Z][a-z])")

BEFORE_DIVIDER = 3  # enough when the paragraph stands alone before the story's first divider
ALONE = 6  # needed anywhere else (the start or the end of a chapter)


def note_score(text: str) -> int:
    """A score of how note-like a paragraph is: 0 for plain narration, 6 or more for a clear note."""
    if len(text) > 1500:
        return 0  # notes are short; a long paragraph is story even when it mentions a story
    score = 2 * len(_STRONG.findall(text))
    score += bool(_FIRST_PERSON.search(text)) + bool(_SECOND_PERSON.search(text))
    score += min(2, len(_EXCLAIM.findall(text))) if score else 0
    return score


def split_glued_note(text: str) -> tuple[str, str] | None:
    """Split `note.Story` at the first sentence end with no space after it, when the head is a note."""
    for match in _GLUE.finditer(text[:600]):
        head, tail = text[: match.start()], text[match.start():]
        if len(_STRONG.findall(head)) >= 1 and note_score(head) >= 3 and len(tail.split()) >= 3:
            return head.strip(), tail.strip()
    return None
