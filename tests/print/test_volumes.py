"""Volumes: whole chapters, the fewest volumes under the budget, as even as chapters allow, each its own book."""

from __future__ import annotations

import subprocess

import pikepdf
import pytest

from bookmaker.model import Chapter, Manuscript, Metadata, Note, Paragraph
from bookmaker.print.volumes import Measure, Volume, split, volume_manuscript
from print_helpers import qpdf_ok
from test_print_cli import run


def _check_cut(book: Measure, budget: int, volumes: list[Volume]) -> None:
    assert volumes[0].first == 0 and volumes[-1].end == len(book.chapters)
    assert all(a.end == b.first for a, b in zip(volumes, volumes[1:])), "contiguous, in order, nothing twice"
    for volume in volumes:
        alone = volume.end - volume.first == 1
        assert volume.estimated_pages <= budget or alone


@pytest.mark.parametrize("chapters,budget,expected", [
    ((10,) * 10, 60, 2),  # 100 pages of chapters + 4 of front matter a volume: two of 54
    ((30, 5, 5, 5, 5, 30), 44, 2),
    ((12, 40, 3), 30, 3),  # a chapter longer than the budget stands alone
    ((5,) * 3, 400, 1),
])
def test_fewest_volumes_under_the_budget(chapters, budget, expected):
    book = Measure(front=4, chapters=chapters)
    volumes = split(book, budget)
    assert len(volumes) == expected
    _check_cut(book, budget, volumes)


def test_volumes_are_as_even_as_chapters_allow():
    book = Measure(front=2, chapters=(10,) * 9)  # greedy cutting at 50 would give 40 + 40 + 10
    sizes = [v.estimated_pages for v in split(book, 50)]
    assert sizes == [32, 32, 32]


def test_a_volume_keeps_its_chapters_notes_and_the_books_notes_go_first_and_last():
    note = lambda text, **kw: Note([Paragraph.plain(text)], **kw)  # noqa: E731
    manuscript = Manuscript(
        meta=Metadata(title="Long Road", author="A. Writer"),
        notes=[note("Foreword."), note("For chapter 3.", chapter=3), note("After chapter 4.", chapter=4, position="after"),
               note("Thanks for reading.", position="after")],
        chapters=[Chapter([Paragraph.plain(f"Text {n}.")], title=f"Part {n}") for n in range(1, 6)])
    first = volume_manuscript(manuscript, Volume(1, 0, 2, 0), 2)
    second = volume_manuscript(manuscript, Volume(2, 2, 5, 0), 2)
    assert first.meta.title == "Long Road, Volume 1" and second.meta.title == "Long Road, Volume 2"
    assert [c.title for c in second.chapters] == ["Part 3", "Part 4", "Part 5"]
    assert [(n.text, n.chapter) for n in first.notes] == [("Foreword.", None)]
    assert [(n.text, n.chapter) for n in second.notes] == [("For chapter 3.", 1), ("After chapter 4.", 2),
                                                           ("Thanks for reading.", None)]
    assert manuscript.meta.title == "Long Road" and len(manuscript.notes) == 4  # the whole book is left alone


def test_volumes_command_writes_books_under_the_budget(tmp_path):
    chapters = []
    for number, paragraphs in enumerate((30, 10, 10, 30, 12, 8), start=1):
        body = "\n\n".join(f"Paragraph {p} of chapter {number}: the road ran on past the hills and the river, "
                           "and the travellers kept walking toward the town they had left." for p in range(paragraphs))
        chapters.append(f"Chapter {number}\n\n{body}")
    story = tmp_path / "long-road.txt"
    story.write_text("The Long Road\n\nby A. Writer\n\n" + "\n\n".join(chapters) + "\n")
    result = run("volumes", "long-road.txt", "--max-pages", "16", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    made = sorted((tmp_path / "out").glob("*.pdf"))
    assert len(made) >= 2
    seen = []
    for number, path in enumerate(made, start=1):
        qpdf_ok(path)
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) <= 16
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert f"Volume {number}" in text.split("\f")[0]  # its own title page
        seen += [n for n in range(1, 7) if f"Paragraph 0 of chapter {n}:" in text]
    assert seen == [1, 2, 3, 4, 5, 6]  # every chapter once, in order


def test_volumes_of_a_missing_story_is_one_line(tmp_path):
    result = run("volumes", "nothing.txt", "--max-pages", "100", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
