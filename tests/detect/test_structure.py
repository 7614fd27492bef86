"""The whole-document structure decision: contents lists, heading families, titles under headings, front matter.

Short books written here in the conventions of printed books (numbered headings with the title on the next line,
headings in capitals named by a contents list, sections inside stories) and of other languages.
"""

from bookmaker.detect import detect
from bookmaker.model import SceneHeading

PROSE = ("The rain had not stopped for three days, and the river rose against the old stone wall of the\n"
         "town until the miller said that he had never seen the like of it in all his years there.\n\n"
         "Nobody believed him, for he said the same thing every spring, but they carried the flour\n"
         "up to the loft all the same and waited for the water to go down again.\n")


def _book(*headings: str, front: str = "") -> str:
    return front + "".join(f"\n\n\n{h}\n\n{PROSE.replace('three', str(n + 3))}" for n, h in enumerate(headings))


def test_numeral_with_title_on_the_next_line_and_contents_list():
    front = "Contents\n\n I. THE FLOOD.\n II. THE MILL.\n III. THE BRIDGE.\n"
    m = detect(_book("I.\nTHE FLOOD.", "II.\nTHE MILL.", "III.\nTHE BRIDGE.", front=front))
    assert [(c.label, c.title) for c in m.chapters] == [("I", "THE FLOOD"), ("II", "THE MILL"), ("III", "THE BRIDGE")]
    assert m.chapters[0].paragraphs[0].text.startswith("The rain had not stopped")
    contents = [n for n in m.notes if n.kind == "contents"]
    assert len(contents) == 1 and not contents[0].printed and "THE MILL" in contents[0].text
    assert any(d.code == "D140" for d in m.diagnostics)


def test_a_lone_x_is_chapter_ten_not_a_divider():
    numerals = ["I.", "II.", "III.", "IV.", "V.", "VI.", "VII.", "VIII.", "IX.", "X."]
    m = detect(_book(*numerals))
    assert [c.label for c in m.chapters] == [n.rstrip(".") for n in numerals]


def test_numbers_that_do_not_count_up_are_not_headings():
    m = detect(_book("7.", "3.", "12."))
    assert len(m.chapters) == 1


def test_headings_named_only_by_the_contents_list():
    front = "Contents\n\n THE DOOR\n\n THE LETTER\n\n THE WINDOW\n"
    m = detect(_book("THE DOOR", "THE LETTER", "THE WINDOW", front=front))
    assert [c.title for c in m.chapters] == ["THE DOOR", "THE LETTER", "THE WINDOW"]


def test_sections_inside_one_story_are_scene_headings():
    m = detect(_book("I. THE FIRST STORY", "I.", "II.", "II. THE SECOND STORY", "III. THE THIRD STORY"))
    assert [c.title for c in m.chapters] == ["THE FIRST STORY", "THE SECOND STORY", "THE THIRD STORY"]
    assert [b.text for b in m.chapters[0].blocks if isinstance(b, SceneHeading)] == ["I.", "II."]


def test_any_word_with_a_number_that_counts_up():
    m = detect(_book("Brief 1", "Brief 2", "Brief 3", "Kapitel 1", "Kapitel 2"))
    assert [c.label for c in m.chapters] == ["Brief 1", "Brief 2", "Brief 3", "Kapitel 1", "Kapitel 2"]


def test_title_like_first_lines_are_prose_when_the_family_has_no_titles():
    m = detect(_book("Chapter 1", "Chapter 2", "Chapter 3\n\nOn my return I found the letter from my father:—"))
    assert [c.title for c in m.chapters] == [None, None, None]
    assert m.chapters[2].paragraphs[0].text.startswith("On my return")


def test_a_title_wrapped_over_lines_in_the_heading_block():
    m = detect(_book("Chapter I\nThe Miller, the Baker, the Two Daughters of the Mayor, and Their\nCousin Go Down to See the River",
                     "Chapter II\nThe Bridge"))
    assert m.chapters[0].title.endswith("Their Cousin Go Down to See the River")
    assert m.chapters[1].title == "The Bridge"


def test_front_matter_is_not_a_chapter():
    front = ("[Illustration]\n\n\n\nTHE FLOOD\n\nBY\n\nANNA MILLER\n\n\n\n"
             "\u2018Water, water, every where.\u2019\n        COLERIDGE\n\n\n\nTO\n\nMY SISTER\n\n\n\n"
             "NEW YORK\nTHE RIVER PRESS\n")
    m = detect(_book("CHAPTER I", "CHAPTER II", front=front))
    assert [c.label for c in m.chapters] == ["CHAPTER I", "CHAPTER II"]
    assert (m.meta.title, m.meta.author) == ("The Flood", "Anna Miller")
    assert m.epigraph is not None and m.epigraph.attribution == "COLERIDGE"
    dedication = [n for n in m.notes if n.label == "Dedication"]
    assert dedication and dedication[0].printed and "MY SISTER" in dedication[0].text
    kept = " ".join(n.text for n in m.notes if not n.printed)
    assert "[Illustration]" in kept and any("THE RIVER PRESS" in n.text for n in m.notes)


def test_an_opening_without_a_heading_stays_story():
    m = detect(PROSE + "\n\n\nChapter 1\n\n" + PROSE)
    assert len(m.chapters) == 2 and m.chapters[0].title is None


def test_an_end_word_inside_the_book_does_not_end_it():
    diary_ends = PROSE + '\n                        "FINIS."\n\n' + PROSE.replace("rain", "snow") * 3
    m = detect(_book("CHAPTER I", "CHAPTER II\n\n" + diary_ends, "CHAPTER III"))
    second = m.chapters[1]
    assert second.end_marker is None and any("FINIS" in p.text for p in second.paragraphs)
    assert "snow" in second.text and not [n for n in m.notes if "snow" in n.text]


def test_the_books_last_end_word_puts_advertisements_in_back_matter():
    ads = "\n\nMORE BOOKS YOU WILL LIKE\n\n" + ("Ask your bookseller for our list of novels, " * 30) + "\n"
    m = detect(_book("CHAPTER I", "CHAPTER II") + "\n\nTHE END\n" + ads)
    assert m.chapters[-1].end_marker == "THE END"
    back = [n for n in m.notes if n.kind == "back-matter"]
    assert back and "bookseller" in back[0].text and not back[0].printed
    assert any(d.code == "D142" for d in m.diagnostics)


def test_evidence_names_the_family():
    m = detect(_book("CHAPTER I", "CHAPTER II", "CHAPTER III"))
    assert any('"Chapter {roman}"' in line and "3 found" in line for line in m.evidence)


def test_a_line_before_the_first_heading_that_is_no_title_page_is_printed():
    front = "THE FLOOD\n\nby Anna Miller\n\n\n\nWritten for the river folk, who asked for it.\n\n\n\nCOPYRIGHT 1921\n"
    m = detect(_book("CHAPTER I", "CHAPTER II", front=front))
    printed = " ".join(n.text for n in m.notes if n.printed)
    hidden = " ".join(n.text for n in m.notes if not n.printed)
    assert "river folk" in printed and "COPYRIGHT 1921" in hidden and m.meta.author == "Anna Miller"
    assert any(d.code == "D143" for d in m.diagnostics) and any(d.code == "D141" for d in m.diagnostics)


def test_an_epigraph_set_line_by_line_with_its_attribution_under_it():
    front = ("THE FLOOD\n\n\n\n   \u2018The river is within us, the sea is all about us;\n"
             "    the sea is the land\u2019s edge also.\u2019\n                    ELIOT\n")
    m = detect(_book("CHAPTER I", "CHAPTER II", front=front))
    assert m.epigraph is not None and m.epigraph.attribution == "ELIOT"
    assert m.epigraph.text.endswith("edge also.\u2019") and "river is within us" in m.epigraph.text


def test_a_subtitle_is_not_a_dedication():
    front = "THE FLOOD\n\nA NOVEL\n\nby Anna Miller\n"
    m = detect(_book("CHAPTER I", "CHAPTER II", front=front))
    assert not [n for n in m.notes if n.label == "Dedication"]


def test_a_capitals_title_with_a_word_in_italics():
    m = detect(_book("CHAPTER I\n\nDR. LEE'S DIARY", "CHAPTER II\n\nDR. LEE'S DIARY--_continued_."))
    assert [c.title for c in m.chapters] == ["DR. LEE'S DIARY", "DR. LEE'S DIARY--continued"]
