import pytest

from bookmaker.detect.note_label import classify


@pytest.mark.parametrize("line, label, rest", [
    ("Authors Chapter Notes:", "Authors Chapter Notes:", ""),
    ("Author's Notes:", "Author's Notes:", ""),
    ("Author’s Note:", "Author’s Note:", ""),
    ("A/N: thanks for reading!", "A/N:", "thanks for reading!"),
    ("(A/N: sorry for the wait)", "A/N:", "sorry for the wait"),
    ("A/N I'm back", "A/N", "I'm back"),
    ("Disclaimer: I own nothing.", "Disclaimer:", "I own nothing."),
    ("Notes", "Notes", ""),
])
def test_note_labels(line, label, rest):
    found = classify(line)
    assert found == {"label": label, "rest": rest, "field": None}


@pytest.mark.parametrize("line, field, rest", [
    ("Title: The Long Night", "title", "The Long Night"),
    ("Author: darkangel77", "author", "darkangel77"),
    ("Rating: PG-13", "rating", "PG-13"),
    ("Pairing: Spike/Buffy", "pairing", "Spike/Buffy"),
])
def test_header_fields(line, field, rest):
    found = classify(line)
    assert found["field"] == field and found["rest"] == rest


@pytest.mark.parametrize("line", ["An", "Author", "Thanks", "Anna went home.", "Title of the book was long",
                                  "Thanks to my beta!"])
def test_words_of_the_story_are_not_labels(line):
    assert classify(line) is None


def test_a_closing_bracket_the_line_did_not_open_is_text():
    assert classify("AN: reviews are appreciated :)")["rest"] == "reviews are appreciated :)"
    assert classify("[A/N: hi]")["rest"] == "hi"


def test_story_field_is_the_title():
    assert classify("Story: The Long Night")["field"] == "title"
    assert classify("Story time was over.") is None
