import pytest

from bookmaker.detect.chapter_heading import classify, same_label


@pytest.mark.parametrize("line, label, title", [
    ("Chapter 1", "Chapter 1", None),
    (" Chapter 1", "Chapter 1", None),
    ("Chapter One", "Chapter One", None),
    ("CHAPTER I.", "CHAPTER I", None),
    ("Chapter 2: Title", "Chapter 2", "Title"),
    ("Chapter Two - Title", "Chapter Two", "Title"),
    ("Chapter Twenty-One", "Chapter Twenty-One", None),
    ("Ch. 3", "Ch. 3", None),
    ("Chapter the First", "Chapter the First", None),
    ("CHAPTER XII. A NEW FRIEND.", "CHAPTER XII", "A NEW FRIEND"),  # Project Gutenberg style
    ("Chapter 3: Goodbye...", "Chapter 3", "Goodbye..."),
    ("Prologue", "Prologue", None),
    ("Epilogue: After", "Epilogue", "After"),
    ("Chapter 10 - What Have I Done?", "Chapter 10", "What Have I Done?"),
])
def test_chapter_labels(line, label, title):
    found = classify(line)
    assert found["kind"] == "chapter" and found["label"] == label and found["title"] == title
    assert not found["weak"]


@pytest.mark.parametrize("line, label", [("PART ONE", "PART ONE"), ("Book II - The Return", "Book II"),
                                         ("Part 3", "Part 3")])
def test_parts(line, label):
    found = classify(line)
    assert found["kind"] == "part" and found["label"] == label


@pytest.mark.parametrize("line", ["II", "12.", "IV", "I. The Beginning"])
def test_bare_numbers_are_weak(line):
    # A bare number is a heading only when the story has a run of them (decided by a document rule).
    assert classify(line)["weak"]


@pytest.mark.parametrize("line", ["Chapter 1 was the worst day of my life, I think.", "Prologue was boring.",
                                  "Part of me wanted to go.", "Book of the dead", "Actually, no.", "It was 1999."])
def test_sentences_are_not_headings(line):
    assert classify(line) is None


def test_markdown_heading():
    assert classify("## The Return")["title"] == "The Return"


def test_same_label_ignores_case_spaces_and_punctuation():
    assert same_label(" Chapter 1", "chapter 1.")
    assert not same_label("Chapter 1", "Chapter 2")


@pytest.mark.parametrize("line, label", [("~~ Chapter One ~~", "Chapter One"), ("***Chapter 2***", "Chapter 2"),
                                         ("[Chapter 4]", "Chapter 4"), ("=== PART TWO ===", "PART TWO")])
def test_decorated_headings(line, label):
    assert classify(line)["label"] == label
