"""quotes: straight " and ' -> curly quotes from context; length kept; curly quotes left alone."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bookmaker.typography import run_pass

CASES = [
    # seed 002: straight quotes throughout
    ('"Spike?" Willow stepped closer', "“Spike?” Willow stepped closer"),
    ("\"I'll tell her everything.\"", "“I’ll tell her everything.”"),
    # seed 004
    ('at the question, "I\'m not sure…" He cocked', "at the question, “I’m not sure…” He cocked"),
    # apostrophes inside words
    ("don't, rock'n'roll, the 90's", "don’t, rock’n’roll, the 90’s"),
    # elisions at the start of a word are apostrophes, never opening quotes
    ("give 'em hell 'til dawn 'cause it's 'bout time", "give ’em hell ’til dawn ’cause it’s ’bout time"),
    ("'round the corner", "’round the corner"),
    ("'Tis the season, 'twas the night", "’Tis the season, ’twas the night"),
    ("rock 'n' roll", "rock ’n’ roll"),
    ("back in the '90s and in '99", "back in the ’90s and in ’99"),
    # plural possessive
    ("the Summers' house", "the Summers’ house"),
    # after a dash: a word follows -> opening; the speech is cut off -> closing
    ('he said—"no" and left', "he said—“no” and left"),
    ('"I was—" she began', "“I was—” she began"),
    # after an ellipsis: ends a speech -> closing
    ('"Spike, I…", she began.', "“Spike, I…”, she began."),
    # at the paragraph's start and end, even with a stray space after the opening one
    ('" that\'s how I got my soul', "“ that’s how I got my soul"),
    ('she said "', "she said ”"),
    # nested quotes
    ("\"He said 'hi' to me.\"", "“He said ‘hi’ to me.”"),
    ("\"'Tis true,\" she said", "“’Tis true,” she said"),
    ("'Damn I forgot to lock the door,' she thought", "‘Damn I forgot to lock the door,’ she thought"),
    # a would-be opening single quote that nothing later closes is a dropped letter
    ('"How is the \'Bit?"', "“How is the ’Bit?”"),
    # brackets
    ('("Hello")', "(“Hello”)"),
    # glued on both sides: the count of open quotes decides
    ('he said,"Hello."She left', "he said,“Hello.”She left"),
    # curly text stays; mixed straight and curly
    ("“Hello,” she said. ‘Fine.’", "“Hello,” she said. ‘Fine.’"),
    ("“Hello,\" she said, \"how are you?”", "“Hello,” she said, “how are you?”"),
    # seed 000: a curly quote floating between spaces is read again from context
    ('His lips formed a silent "why? “ No tone', "His lips formed a silent “why? ” No tone"),
    # not a seed: Huckleberry Finn, Project Gutenberg #76 (after the dashes pass)
    ('Miss Watson would say, "Don\'t put your feet up there, Huckleberry;" and "Don\'t scrunch up like '
     'that, Huckleberry—set up straight;" and pretty soon she would say, "Don\'t gap and stretch like '
     "that, Huckleberry—why don't you try to behave?\"",
     "Miss Watson would say, “Don’t put your feet up there, Huckleberry;” and “Don’t scrunch up like "
     "that, Huckleberry—set up straight;” and pretty soon she would say, “Don’t gap and stretch like "
     "that, Huckleberry—why don’t you try to behave?”"),
    # not a seed: Tom Sawyer, Project Gutenberg #74
    ("\"Well, I lay if I get hold of you I'll—\"", "“Well, I lay if I get hold of you I’ll—”"),
    # not a seed: Alice in Wonderland, Project Gutenberg #11 (after the apostrophes pass)
    ("‘and what is the use of a book,' thought Alice ‘without pictures or conversation?'",
     "‘and what is the use of a book,’ thought Alice ‘without pictures or conversation?’"),
    ("", ""),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_quotes(text, expected):
    assert run_pass("quotes", text) == expected


_text = st.text(alphabet=st.sampled_from(list("\"'“”‘’ aZ9.,!?—…-(")), max_size=20)


@settings(max_examples=400, deadline=None)
@given(_text)
def test_only_quote_marks_change_and_length_is_kept(text):
    result = run_pass("quotes", text)
    assert len(result) == len(text)
    for before, after in zip(text, result):
        assert before == after or (before in "\"'“”" and after in "“”‘’")
    assert '"' not in result and "'" not in result


@settings(max_examples=400, deadline=None)
@given(_text)
def test_idempotent(text):
    once = run_pass("quotes", text)
    assert run_pass("quotes", once) == once
