"""The sentence-space pass, text -> text: a missing space between two sentences is put back."""

from __future__ import annotations

import re

# A word (letters, maybe an apostrophe inside: wouldn’t), the sentence's end (.!? runs, maybe
# inside or after a closing quote), then a capital with no space between.
_GLUED = re.compile(
    r"(?<![\w.’'@/\\-])"
    r"(?P<word>[^\W\d_]+(?:[’'][^\W\d_]+)*)"
    r"(?P<end>[”’]?[.!?]+[”’]?)"
    r"(?=(?P<next>[^\W\d_][^\s]{0,40}))"  # enough to tell an acronym or an extension; bounded: linear
)
# A token that looks like an address or a file, never prose: www.Site.com, me@Mail.com,
# Folder/File.Txt, C:\Story.Doc, Package.Module.Name, Console.WriteLine(x).
_NOT_PROSE = re.compile(r"://|www\.|[@/\\=_(){}<>]|\w\.\w+\.\w")
# Endings of file names and addresses, whatever their case (Story.Txt, Amazon.Com); two-letter
# ones are left out, they are too often a name or a word (De, Al, Me).
_EXTENSIONS = frozenset("txt doc docx rtf odt pdf htm html xml jpg jpeg png gif epub mobi azw zip com net org edu gov".split())


TOKEN_REACH = 200  # characters looked at on each side: a token longer than that is no address to spare, and a
# 100 KB line without spaces must not make every glued sentence in it scan the whole line (quadratic)


def _token_at(text: str, start: int, end: int) -> str:
    """The whitespace-delimited token around text[start:end], at most TOKEN_REACH characters each side."""
    low, high = max(0, start - TOKEN_REACH), min(len(text), end + TOKEN_REACH)
    left = max(text.rfind(" ", low, start), text.rfind("\n", low, start), low - 1) + 1
    right = min([i for i in (text.find(" ", end, high), text.find("\n", end, high)) if i >= 0] or [high])
    return text[left:right]


def _space_missing(match: re.Match[str]) -> bool:
    word, following = match.group("word"), match.group("next")
    letters = following.rstrip(".,;:!?”’\"')]…—")
    if len(word.replace("’", "").replace("'", "")) < 2 or not word[-1].islower():
        return False  # initials and acronyms: J.R.R.Tolkien, U.S.A, T.V.
    if not following[0].isupper():
        return False
    if following[1:2] == ".":
        return False  # an initial or abbreviation follows: Ph.D., a.m.A.
    if len(letters) >= 2 and letters.isupper():
        return False  # an acronym or extension follows: new.NET, file.PDF
    if letters.lower() in _EXTENSIONS:
        return False
    return not _NOT_PROSE.search(_token_at(match.string, match.start(), match.end()))


def sentence_space(text: str) -> str:
    """A sentence end glued to the next sentence's capital -> one space between them.

    Signal: a lowercase word of two or more letters, `.` `!` or `?`, then at once a capital.
    Example (seed 001): "to get them ready.Spike watched" -> "to get them ready. Spike watched";
    "Mr.Smith" -> "Mr. Smith" (a space after the abbreviation is right too).
    Left alone: initials and acronyms (J.R.R. Tolkien, U.S.A, T.V.), decimals (3.5), files and
    addresses (story.txt, www.Site.com, me@Mail.com), an ellipsis before a capital (…No).
    """
    return _GLUED.sub(lambda m: m.group("word") + m.group("end") + (" " if _space_missing(m) else ""), text)
