"""sentence_space: a sentence end glued to the next capital -> one space; everything else untouched."""

import pytest

from bookmaker.typography import run_pass

CHANGED = [
    # seed 001
    ("to get them ready.Spike watched", "to get them ready. Spike watched"),
    ("now!He ran", "now! He ran"),
    ("What?No way", "What? No way"),
    ("why?!She left", "why?! She left"),
    ("he wouldn’t.Then", "he wouldn’t. Then"),
    ("the end.”Spike", "the end.” Spike"),
    ("Mr.Smith", "Mr. Smith"),
]

UNCHANGED = [
    "the U.S.A and the T.V. set",
    "J.R.R. Tolkien and J.R.R.Tolkien",
    "It cost 3.5 dollars",
    "visit www.Site.com or www.site.com",
    "mail me@Mail.com",
    "open story.txt or Story.Txt",
    "the new.NET framework and file.PDF",
    "a Ph.D. student",
    "…No",
    "...No",
    "wait…No",
    "e.g.The",
    "Package.Module.Name",
    "call Console.WriteLine(x)",
    # not a seed: Pride and Prejudice, Project Gutenberg #1342
    '"My dear Mr. Bennet," said his lady to him one day',
    # not a seed: Tom Sawyer, Project Gutenberg #74 (a Gutenberg header)
    "Produced by David Widger. The previous edition was updated by Jose Menendez.",
    "",
]


@pytest.mark.parametrize("text, expected", CHANGED)
def test_space_added(text, expected):
    assert run_pass("sentence-space", text) == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_left_alone(text):
    assert run_pass("sentence-space", text) == text
