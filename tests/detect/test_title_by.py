from bookmaker.detect.title_by import parse, parse_by_line


def test_title_by_author():
    assert parse("Missing Him by Weeza") == ("Missing Him", "Weeza")
    assert parse("Jealous Much? by Weeza") == ("Jealous Much?", "Weeza")
    assert parse("The Long Night by darkangel77") == ("The Long Night", "darkangel77")


def test_sentences_are_not_title_lines():
    assert parse("He was killed by the sea") is None
    assert parse("She was saved by Spike, again.") is None


def test_by_line():
    assert parse_by_line("by Jane Doe") == "Jane Doe"
    assert parse_by_line("By: Weeza") == "Weeza"
    assert parse_by_line("Written by A. N. Author") == "A. N. Author"
    assert parse_by_line("by the time she came home, it was dark.") is None
