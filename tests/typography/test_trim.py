"""trim: the leading and trailing whitespace of a whole text node -> removed."""

import pytest

from bookmaker.typography import run_pass

CASES = [
    # seed 001: the archive's chapter label
    (" Chapter 1", "Chapter 1"),
    # seed 003: a trailing space after the last sentence
    ("will be updated soon I promise! ", "will be updated soon I promise!"),
    # not a seed: Alice in Wonderland, Project Gutenberg #11 (paragraphs indented by two spaces)
    ("  Alice was beginning to get very tired", "Alice was beginning to get very tired"),
    ("\u00a0\tboth ends\u2003 ", "both ends"),
    ("inner  space stays", "inner  space stays"),
    ("   ", ""),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_trim(text, expected):
    assert run_pass("trim", text) == expected
