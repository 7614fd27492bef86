"""dashes: `--` and `---` -> `—`, the author's spacing kept; single hyphens and long runs stay."""

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
    # a spaced single hyphen and a hyphenated word stay
    ("the office - no survivors", "the office - no survivors"),
    ("passers-by", "passers-by"),
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
