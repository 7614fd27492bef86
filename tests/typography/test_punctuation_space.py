"""punctuation-space: no space between a word and the comma, stop, colon, semicolon, ! or ? after it."""

import pytest

from bookmaker.typography import run_pass, typeset

CASES = [
    # seed 003
    ("while he lit , and then exhaled", "while he lit, and then exhaled"),
    # seed 002: the space typed on the wrong side of the comma
    ("I love you ,Spike.", "I love you, Spike."),
    ("between seasons 6 & 7 . It includes", "between seasons 6 & 7. It includes"),
    ("“No .” he said", "“No.” he said"),
    ("What ?!", "What?!"),
    ("the end .", "the end."),
    # left alone: a decimal, a smiley, an ellipsis after a space, a list of punctuation, a well-set sentence
    ("it cost .5 dollars", "it cost .5 dollars"),
    ("see you :) bye", "see you :) bye"),
    ("see you ;-) bye", "see you ;-) bye"),
    ("wait … then", "wait … then"),
    ("He came, he saw; he left.", "He came, he saw; he left."),
    # not a seed: Pride and Prejudice, Project Gutenberg #1342, as an OCR'd copy spaces it
    ("It is a truth universally acknowledged , that a single man", "It is a truth universally acknowledged, that a single man"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_punctuation_space(text, expected):
    assert run_pass("punctuation-space", text) == expected


def test_french_keeps_its_spaces_before_high_marks():
    assert "\u202f?" in typeset("Tu viens ?", language="fr")
