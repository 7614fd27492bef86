"""ellipses: three or more dots, spaced dots and mixed runs -> one `…`; spacing kept."""

import pytest

from bookmaker.typography import run_pass

CASES = [
    ("wait...", "wait…"),
    ("wait.....", "wait…"),
    ("wait. . . what", "wait… what"),
    ("wait . . . . what", "wait … what"),
    # mixed runs of … and dots (seed 002: "To Be Continued……..")
    ("To Be Continued……..", "To Be Continued…"),
    ("walked out.…. it was", "walked out… it was"),
    ("wait……", "wait…"),
    # the author's spacing around the dots stays
    ("everything... you’ve begun", "everything… you’ve begun"),
    ("life...convince", "life…convince"),
    # an ellipsis before a capital is left as written (no space added)
    ("...No", "…No"),
    # two dots are not an ellipsis we can be sure of; one dot is a period
    ("please no..", "please no.."),
    ("3.5 and a.m.", "3.5 and a.m."),
    # seed 002
    ("To Be Continued....", "To Be Continued…"),
    # not a seed: Tom Sawyer, Project Gutenberg #74 (dots used as a leader)
    ("Richmond............... Mr. Kean.", "Richmond… Mr. Kean."),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_ellipses(text, expected):
    assert run_pass("ellipses", text) == expected
