"""Whole-document detection on short stories in conventions the seeds do not use."""

from bookmaker.detect import detect
from bookmaker.model import SceneHeading
from bookmaker.split import split

GUTENBERG = """The Project Gutenberg eBook of The Small House, by Ann Writer

Title: The Small House

Author: Ann Writer

*** START OF THE PROJECT GUTENBERG EBOOK THE SMALL HOUSE ***




CHAPTER I.

THE ARRIVAL


It was late in the autumn when the family came to the small house at the
end of the lane, and the first thing that the children noticed was the
smell of apples that hung about the rooms like a memory of summer.

Their mother said nothing of it, but she opened every window in the place
and stood for a long while looking out at the orchard behind the barn.


CHAPTER II.

THE ORCHARD


In the morning the orchard was full of birds, and the eldest of the
children went out before breakfast to count the trees along the wall.

*** END OF THE PROJECT GUTENBERG EBOOK THE SMALL HOUSE ***

Updated editions will replace the previous one.
"""


def test_gutenberg_wrapped_text():
    m = detect(GUTENBERG)
    assert (m.meta.title, m.meta.author) == ("The Small House", "Ann Writer")
    assert [c.title for c in m.chapters] == ["THE ARRIVAL", "THE ORCHARD"]
    assert [c.label for c in m.chapters] == ["CHAPTER I", "CHAPTER II"]
    first = m.chapters[0].paragraphs
    assert len(first) == 2 and first[0].text.startswith("It was late in the autumn when the family came to the small house at the end")
    assert [n.position for n in m.notes] == ["before", "after"]
    assert all(c.scene_breaks == 0 for c in m.chapters)


def test_header_fields_and_parts():
    text = """Title: The Long Night
Author: darkangel77
Rating: PG-13
Disclaimer: I own nothing.

PART ONE

Chapter 1: Dusk

The sun went down over the harbour and the boats came in.

Chapter 2: Dark

Nobody slept that night.

PART TWO

Chapter 3: Dawn

At last the light returned.
"""
    m = detect(text)
    assert (m.meta.title, m.meta.author) == ("The Long Night", "darkangel77")
    assert [n.label for n in m.notes] == ["Rating:", "Disclaimer:"]
    assert [(c.title, c.part) for c in m.chapters] == [("Dusk", "PART ONE"), ("Dark", "PART ONE"), ("Dawn", "PART TWO")]


def test_title_line_then_by_line():
    m = detect("The Lighthouse\nby Mary Keeper\n\nThe lamp had not been lit for forty years.\n")
    assert (m.meta.title, m.meta.author) == ("The Lighthouse", "Mary Keeper")
    assert m.chapters[0].text == "The lamp had not been lit for forty years."


def test_roman_numerals_alone_make_chapters_only_in_a_run():
    m = detect("I\n\nThe first part of the tale.\n\nII\n\nThe second part.\n")
    assert [c.label for c in m.chapters] == ["I", "II"]
    lone = detect("She said it twice.\n\nI\n\nThen nothing more.\n")
    assert len(lone.chapters) == 1 and "I" in lone.chapters[0].text.split("\n\n")


def test_note_after_the_chapter_and_end_marker():
    text = ("Chapter 1\n\nShe closed the door behind her.\n\nTBC\n\n"
            "A/N: Thanks for reading! Please review, I love hearing from you.\n\nChapter 2\n\nMorning came.\n")
    m = detect(text)
    assert [c.end_marker for c in m.chapters] == ["TBC", None]
    after = m.notes_for(1, "after")
    assert len(after) == 1 and after[0].label == "A/N:" and after[0].text.startswith("Thanks for reading")
    assert m.chapters[1].text == "Morning came."


def test_unlabelled_note_at_the_end_of_a_chapter():
    text = ("The storm passed in the night and the village woke to silence.\n\n"
            "She went down to the shore to see what the sea had left.\n\n"
            "Thanks so much for reading this story! Please review and let me know if you want a sequel.\n")
    m = detect(text)
    assert m.chapters[0].paragraphs[-1].text.startswith("She went down")
    assert m.notes_for(None, "after")[0].text.startswith("Thanks so much")


def test_blank_line_breaks_when_paragraphs_follow_each_other():
    # No blank line between paragraphs; a single blank line is then a scene break.
    lines = [f"Line {i} of the first scene." for i in range(12)] + [""] + [f"Line {i} of the second." for i in range(12)]
    m = detect("\n".join(lines))
    assert m.chapters[0].scene_breaks == 1
    assert len(m.chapters[0].paragraphs) == 24


def test_indented_paragraphs_in_wrapped_text():
    body = ("    The first paragraph begins here and runs on across the line so that it\n"
            "wraps at about seventy columns just as old typewritten manuscripts did.\n"
            "    The second paragraph begins with an indent and continues on the next\n"
            "line until it reaches the end of the thought that it was carrying here.\n") * 3
    layout = split(body)
    assert layout.convention == "indented"
    assert len(layout.paragraphs) == 6


def test_caption_above_a_divider_heads_the_next_scene():
    text = ("He left at dawn.\n\nThey never saw him again, or so they thought.\n\nTwo Years Later\n* * *\n\n"
            "The letter came on a Tuesday.\n")
    m = detect(text)
    blocks = m.chapters[0].blocks
    assert m.chapters[0].scene_breaks == 1
    assert isinstance(blocks[3], SceneHeading) and blocks[3].text == "Two Years Later"


def test_written_scene_break_and_pov_heading():
    text = "Buffy's POV\n\nI waited.\n\n~Scene Break~\n\nSpike's POV\n\nShe waited for me.\n"
    m = detect(text)
    assert m.chapters[0].scene_headings == ["Buffy's POV", "Spike's POV"]
    assert m.chapters[0].scene_breaks == 1


def test_no_title_is_invented():
    m = detect("It was raining.\n\nShe went out anyway.\n")
    assert m.meta.title is None and m.meta.author is None


def test_archive_of_our_own_download():
    from pathlib import Path

    m = detect((Path(__file__).parent / "ao3_download.txt").read_text(encoding="utf-8"))
    assert (m.meta.title, m.meta.author) == ("The Winter Road", "snowfall_writer")
    assert m.meta.summary == "A traveller and a wolf share a road through the snow."
    assert [n.label for n in m.notes_for(None, "before")] == ["Archive of Our Own", "Summary", "Notes"]
    assert [c.title for c in m.chapters] == ["The Inn", "The Wolf"]
    assert "Chapter Text" not in m.chapters[0].text
    assert m.chapters[0].text.startswith("The inn stood alone")
    assert [n.text for n in m.notes_for(1, "after")] == ["More soon! Kudos and comments make my day."]
    assert [n.text for n in m.notes_for(2, "after")] == ["Thank you for reading!"]


def test_fanfiction_net_style_chapter_with_disclaimer_and_closing_note():
    text = """Disclaimer: I don't own Harry Potter, JK Rowling does.

A/N: Sorry for the wait, this chapter fought me. Enjoy!

The castle was quiet in the hours before dawn, and Hermione liked it that way.

She walked the length of the corridor twice before she let herself knock.

Please review! Reviews are love and they make me update faster :)
"""
    m = detect(text)
    before = m.notes_for(None, "before")
    assert [n.label for n in before] == ["Disclaimer:", "A/N:"]
    assert m.chapters[0].text.startswith("The castle was quiet")
    assert m.chapters[0].text.endswith("before she let herself knock.")
    assert m.notes_for(None, "after")[0].text.startswith("Please review!")


def test_epigraph_with_attribution():
    text = ('"Hope is the thing with feathers that perches in the soul."\n\n— Emily Dickinson\n\n'
            "Chapter 1\n\nThe bird came back in April.\n")
    m = detect(text)
    assert m.epigraph is not None and m.epigraph.attribution == "Emily Dickinson"
    assert m.epigraph.text.startswith('"Hope is the thing')
    assert m.chapters[0].text == "The bird came back in April."


def test_numbered_titles_make_chapters_in_a_run():
    text = "1. The Beginning\n\nShe woke early.\n\n2. The Middle\n\nShe worked all day.\n\n3. The End of It\n\nShe slept.\n"
    m = detect(text)
    assert [(c.label, c.title) for c in m.chapters] == [("1", "The Beginning"), ("2", "The Middle"), ("3", "The End of It")]


def test_heading_lines_glued_above_wrapped_text():
    body = ("It was late in the autumn when the family came to the small house at the\n"
            "end of the lane, and the first thing that the children noticed was the\n"
            "smell of apples that hung about the rooms like a memory of summer.\n\n") * 4
    m = detect("CHAPTER I.\nTHE ARRIVAL\n" + body + "CHAPTER II.\n" + body)
    assert [(c.label, c.title) for c in m.chapters] == [("CHAPTER I", "THE ARRIVAL"), ("CHAPTER II", None)]
    assert all(len(c.paragraphs) == 4 for c in m.chapters)


def test_a_part_heading_with_nothing_under_it_is_kept_as_a_heading():
    """Found by the nothing-lost property: a part heading followed only by a divider or a note was dropped."""
    for text in ("Part I\n***\n", "Part I\nA/N: more soon,\n"):
        manuscript = detect(text)
        assert [c.title or c.label for c in manuscript.chapters] == ["Part I"], text
    story = detect("Part I\n\n***\n\nChapter 1\n\nThey met at noon.\n")
    assert [(c.part, c.title or c.label) for c in story.chapters] == [("Part I", "Chapter 1")]
