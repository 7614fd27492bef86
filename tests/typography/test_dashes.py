"""dashes: `--` and `---` -> `—`, the author's spacing kept; ` - ` -> ` – `; hyphens in words and long runs stay."""

import pytest

from bookmaker.typography import run_pass

CASES = [
    ("word--word", "word—word"),
    ("word---word", "word—word"),
    ("word -- word", "word — word"),
    ("cut off--", "cut off—"),
    # seed 001
    ("you be so mean and---and horrible", "you be so mean and—and horrible"),
    ("about her boy--- he wasn’t", "about her boy— he wasn’t"),
    # seed 004: a spaced single hyphen is a dash, a spaced en dash tied to the word before it
    ("the office - no survivors - and how", "the office\u00a0– no survivors\u00a0– and how"),
    # a hyphenated word, a hyphen at a line's start (a list), a minus before a number stay
    ("passers-by", "passers-by"),
    ("- milk", "- milk"),
    ("it was -5 outside", "it was -5 outside"),
    # long runs are drawings, not punctuation
    ("----Flashback----", "----Flashback----"),
    # not a seed: Huckleberry Finn, Project Gutenberg #76
    ('"Don\'t scrunch up like that, Huckleberry--set up straight;"',
     '"Don\'t scrunch up like that, Huckleberry—set up straight;"'),
    # not a seed: Treasure Island, Project Gutenberg #120
    ("in a hand-barrow--a tall, strong, heavy, nut-brown man", "in a hand-barrow—a tall, strong, heavy, nut-brown man"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_dashes(text, expected):
    assert run_pass("dashes", text) == expected
