"""The metadata file's `[detect]` settings: headings, dropped paragraphs, where the story starts and ends."""

import pytest

from bookmaker import metadata
from bookmaker.detect import detect
from bookmaker.errors import MetadataError

STORY = """Posted on a forum, page 1

~ The Harbour ~

The boats came in late that night, and nobody on the quay said a word.

Posted on a forum, page 2

~ The Storm ~

By morning the wind had turned and the sea was white to the horizon.

Thanks for reading! Part two is coming soon.
"""


def settings(toml: str):
    return metadata.detection_settings(metadata.parse(toml, "story.toml"))


def test_headings_drops_start_and_end_from_the_metadata_file():
    m = detect(STORY, settings("[detect]\nheading = '^~ (?P<title>.+) ~$'\ndrop = ['^Posted on']\n"
                               "end = '^Thanks for reading'\n"))
    assert [c.title for c in m.chapters] == ["The Harbour", "The Storm"]
    text = " ".join(c.text for c in m.chapters)
    assert "Posted on" not in text and "Thanks for reading" not in text
    assert [d.code for d in m.diagnostics].count("D160") == 2 and "D161" in [d.code for d in m.diagnostics]
    kept = " ".join(n.text for n in m.notes if not n.printed)
    assert "page 2" in kept and "Part two is coming" in kept  # left out of the book, not lost


def test_start_sets_what_comes_before_apart():
    m = detect(STORY, settings("[detect]\nstart = '^The boats'\n"))
    assert m.chapters[0].paragraphs[0].text.startswith("The boats came in")
    assert any(n.kind == "front-matter" and "Harbour" in n.text for n in m.notes)


def test_a_user_heading_stays_a_heading_even_alone():
    m = detect("#1#\n\nOnly one chapter, set off by hashes.\n", settings("[detect]\nheading = '^#(?P<label>\\d+)#$'\n"))
    assert [(c.label, c.title) for c in m.chapters] == [("1", None)]


@pytest.mark.parametrize("toml, message", [
    ("[detect]\nheading = '(unclosed'\n", "'detect.heading' is not a valid pattern"),
    ("[detect]\ndrop = [1]\n", "'detect.drop' must be"),
    ("[detect]\nchapters = 'x'\n", "unknown key 'detect.chapters'"),
    ("detect = 'x'\n", "'detect' must be a table"),
])
def test_bad_settings_are_one_clear_error(toml, message):
    with pytest.raises(MetadataError, match=message):
        metadata.parse(toml, "story.toml")
