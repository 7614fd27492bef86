"""Archive artefacts: running headers above every chapter, glued comment counts, key-held rules, note labels."""

from bookmaker.detect import detect
from bookmaker.detect.note_label import classify as note_label
from bookmaker.detect.scene_break import is_scene_break


def test_running_header_is_shown_once_as_title_and_author():
    chapter = "**The Long Road**\n\n**By darkangel77**\n\n**Chapter {n}: Dusk {n}**\n\nThe boats came in at {n}.\n\n"
    m = detect("".join(chapter.format(n=n) for n in range(1, 5)))
    assert (m.meta.title, m.meta.author) == ("The Long Road", "darkangel77")
    assert len(m.chapters) == 4
    text = " ".join(c.text for c in m.chapters)
    assert "Long Road" not in text and "darkangel77" not in text
    assert any(d.code == "D120" and "repeated above 4" in d.message for d in m.diagnostics)


def test_glued_comment_counts_are_removed_when_they_are_the_habit():
    paragraphs = [f'"It happened when I was {n} years old. I heard the door open.{n * 3}' for n in range(1, 13)]
    paragraphs[3] += "+"
    m = detect("\n\n".join(paragraphs + ["-Sam+", "+", "22"]))
    text = m.chapters[0].text
    assert "open.3" not in text and "open." in text and "-Sam" in text and "-Sam+" not in text
    assert "I was 12 years old" in text  # numbers inside the prose stay
    assert any(d.code == "D150" for d in m.diagnostics)


def test_a_paragraph_ending_in_a_number_is_prose_elsewhere():
    m = detect("She was born in the spring of 1999.\n\nHe counted to 10\n\nThen they left at 5.\n\nIt rained.")
    assert "He counted to 10" in m.chapters[0].text


def test_rules_drawn_by_holding_a_key():
    assert is_scene_break("XXXXXXXXXXXXXXXXXXXXXX666XXXXXXXXXXXX")
    assert is_scene_break("XXXXXXXXXZXXXXXXXX")
    assert not is_scene_break("Noooooooooo")
    assert not is_scene_break("XXX")


def test_note_labels_of_anyone_and_bare_note_headings():
    assert note_label("THE EDITOR'S NOTE: Well, here it is.")["rest"] == "Well, here it is."
    assert note_label("**Author's Endnote:**")["label"] == "Author's Endnote:"
    assert note_label("AN// sorry for the wait")["rest"] == "sorry for the wait"
    assert note_label("**Chapter references:**") is not None
    assert note_label("NOTE") is None  # a printed book's own heading


def test_note_set_in_bold_continues_in_bold():
    text = ("Chapter 1\n\nThe story starts here and goes on for a while.\n\n**Author's Note:**\n\n"
            "**The castle was in the first draft too.**\n\n**Next week: the bridge.**\n\nChapter 2\n\nMore story.")
    m = detect(text)
    assert "castle" not in m.chapters[0].text and "bridge" not in m.chapters[0].text
    assert any("castle" in n.text and "bridge" in n.text for n in m.notes)


def test_teaser_heading_under_to_be_continued():
    text = ("Chapter 1\n\nThe end of the first season came at last.\n\n**TO BE CONTINUED IN**\n\n**SEASON 2:**\n\n"
            "**THE NEXT ONE**\n\n**Author's Note:**\n\n**Thanks for reading!**\n\nChapter 2\n\nA new start.")
    m = detect(text)
    assert [c.part for c in m.chapters] == [None, None] and len(m.chapters) == 2
    assert m.chapters[0].end_marker == "TO BE CONTINUED IN"


def test_markdown_heading_labelling_the_end_notes():
    from bookmaker.readers import markdown_to_story_text

    story = markdown_to_story_text("# The Ship\n\nThomas went home.\n\n## Chapter End Notes\n\nThanks!\n\nMore soon, I hope it was fun to read.\n")
    m = detect(story.text)
    assert [c.title for c in m.chapters] == ["The Ship"] and m.meta.title == "The Ship"
    assert m.chapters[0].text == "Thomas went home."
    assert any("More soon" in n.text for n in m.notes)


def test_project_gutenberg_wrapper_is_kept_but_not_printed():
    text = ("The Project Gutenberg eBook of The Small House, by Ann Writer\n\nTitle: The Small House\n\n"
            "*** START OF THE PROJECT GUTENBERG EBOOK THE SMALL HOUSE ***\n\n\n\nCHAPTER I.\n\n"
            "The house stood at the end of the lane.\n\n"
            "*** END OF THE PROJECT GUTENBERG EBOOK THE SMALL HOUSE ***\n\nSection 1. General Terms of Use.\n")
    m = detect(text)
    wrapper = [n for n in m.notes if n.label == "Project Gutenberg"]
    assert [n.position for n in wrapper] == ["before", "after"] and not any(n.printed for n in wrapper)
    assert "General Terms" in wrapper[1].text
    assert [d.code for d in m.diagnostics].count("D144") == 2


def test_a_part_title_is_joined_to_its_label():
    m = detect("BOOK ONE\nTHE FLOOD\n\nCHAPTER I\n\nThe rain fell.\n\nCHAPTER II\n\nIt stopped.\n")
    assert {c.part for c in m.chapters} == {"BOOK ONE: THE FLOOD"}
