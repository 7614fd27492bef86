import pytest

from bookmaker.detect.scene_break import is_scene_break, symbol_break, written_break


@pytest.mark.parametrize("line", ["***", "* * *", "~~~~~~~~~~~~~~", "#", "xXxXx", "-o-o-", "~*~", "oOo", "<hr>",
                                  "  * * *  ", "=====", "§", "⁂", "- - -", "+~+~+"])
def test_drawn_dividers_are_breaks(line):
    assert symbol_break(line)


@pytest.mark.parametrize("line", ["...", "…", '"', "Ox", "oooo", "*blush*", "Hello", "!!!", "?!", "***Chapter***",
                                  "XXXXX", "I", "(", "x"])
def test_prose_and_punctuation_are_not_breaks(line):
    assert not is_scene_break(line)


@pytest.mark.parametrize("line", ["~ Scene Break ~", "---Line Break---", "POV change", "[time skip]"])
def test_written_breaks(line):
    # From archives that strip symbol lines, authors write the break out.
    assert written_break(line)


def test_sentence_about_a_break_is_prose():
    assert not is_scene_break("The line break came too late.")
