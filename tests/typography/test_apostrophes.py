"""apostrophes: an acute accent, backtick or prime used as an apostrophe -> ’; a backtick quote -> ‘."""

import pytest

from bookmaker.typography import run_pass

CASES = [
    # seed 000
    ("Hey, I´m not a native speaker", "Hey, I’m not a native speaker"),
    ("“You didn´t let me know”", "“You didn’t let me know”"),
    ("don`t", "don’t"),
    ("I′m", "I’m"),
    ("don‘t", "don’t"),
    # at the edge of a word
    ("goin´ home", "goin’ home"),
    ("the Summers´ house", "the Summers’ house"),
    ("the 90´s", "the 90’s"),
    ("give ´em hell", "give ’em hell"),
    ("back in the ´90s", "back in the ’90s"),
    # not a seed: Alice in Wonderland, Project Gutenberg #11 (backtick quotes)
    ("`and what is the use of a book,' thought Alice `without pictures or conversation?'",
     "‘and what is the use of a book,' thought Alice ‘without pictures or conversation?'"),
    # a prime after a digit is a measurement; an accent on a letter is a letter
    ("5′10″ tall", "5′10″ tall"),
    ("café résumé", "café résumé"),
    ("", ""),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_apostrophes(text, expected):
    assert run_pass("apostrophes", text) == expected


@pytest.mark.parametrize("text", [case[0] for case in CASES])
def test_length_is_kept(text):
    assert len(run_pass("apostrophes", text)) == len(text)
