import pytest

from bookmaker.detect.end_marker import classify


@pytest.mark.parametrize("line", ["To Be Continued....", "To be continued……..", "To Be Continued...", "TBC",
                                  "~*TBC*~", "The End", "THE END.", "Fin", "End of Chapter 3", "tbc",
                                  "To be continued in Chapter 4!", "~ To Be Continued ~", "(continued in part two)"])
def test_end_markers(line):
    assert classify(line)


@pytest.mark.parametrize("line", ["The end of it all.", "Endless", "It was the end.", "Continue", "Finally."])
def test_prose_is_not_an_end_marker(line):
    assert not classify(line)
