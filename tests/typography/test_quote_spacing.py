"""quote_spacing: the space after an opening quote or before a closing double quote -> removed."""

import pytest

from bookmaker.typography import run_pass

CASES = [
    # seed 003
    ("knew he was wrong. “ I don’t belong here", "knew he was wrong. “I don’t belong here"),
    ("“ Spike, she isn’t the", "“Spike, she isn’t the"),
    # seed 000, after `quotes` has turned the floating “ into ”
    ("a silent “why? ” No tone", "a silent “why?” No tone"),
    ("“Hello ” she said", "“Hello” she said"),
    ("the end ”", "the end”"),
    ("‘ But it’s over now’", "‘But it’s over now’"),
    # not a seed: New Concept English 1, lesson 73
    ("“I am sorry,” he said. “ I do not speak English.”", "“I am sorry,” he said. “I do not speak English.”"),
    # a closing quote followed by a word is not glued to the word before it
    ("“Hi,” she said", "“Hi,” she said"),
    # quotes has already decided a mark between two spaces; a closing mark is glued to the word before it
    ("he said ” Hello", "he said” Hello"),
    ("” Hello", "” Hello"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_quote_spacing(text, expected):
    assert run_pass("quote-spacing", text) == expected
