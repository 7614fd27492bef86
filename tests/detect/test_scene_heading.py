import pytest

from bookmaker.detect.scene_heading import is_caption


@pytest.mark.parametrize("line", ["One Year Earlier", "Present Day", "Just outside of LA", "Sunnydale, 1999",
                                  "Buffy's POV", "Three weeks later...", "Meanwhile", "*London, Winter 1888*",
                                  "The Next Morning"])
def test_captions(line):
    assert is_caption(line)


@pytest.mark.parametrize("line", ["He ran.", "Nothing", '"Yes"', "Spike watched as Buffy followed",
                                  "Why now?", "and then the night came", "It was a long day, she thought, and later"
                                  " she would remember it well"])
def test_prose_is_not_a_caption(line):
    assert not is_caption(line)
