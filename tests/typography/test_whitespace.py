"""whitespace: tabs, odd spaces and runs of spaces -> one space; the ends are left to `trim`."""

import pytest

from bookmaker.typography import run_pass

CASES = [
    ("one  two   three", "one two three"),
    ("tab\there", "tab here"),
    ("em\u2003space and thin\u2009space", "em space and thin space"),
    ("zero\u200bwidth and a stray\ufeff mark", "zerowidth and a stray mark"),
    ("run of \u00a0 mixed", "run of mixed"),
    # a single no-break space between words may be meant; kept
    ("Mr.\u00a0Smith", "Mr.\u00a0Smith"),
    # the ends belong to `trim`: a span's edge space separates it from the next span
    (" edge ", " edge "),
    ("line  \n  break", "line\nbreak"),
    # seed 003
    ("her jeans off.  Swallowing her terror", "her jeans off. Swallowing her terror"),
    # not a seed: Alice in Wonderland, Project Gutenberg #11 (two spaces after a colon)
    ("having nothing to do:  once or twice", "having nothing to do: once or twice"),
    # not a seed: New Concept English 1, lesson 73
    ("He read the phrase slowly.   “I am sorry,”", "He read the phrase slowly. “I am sorry,”"),
    ("", ""),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_whitespace(text, expected):
    assert run_pass("whitespace", text) == expected
