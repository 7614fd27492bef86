"""The PDF layout cap: manuscripts -> about how many pages their PDF takes, and a BuildError before laying out a
book beyond the cap (its EPUB is still built)."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from bookmaker.errors import BuildError
from bookmaker.model import Manuscript


# The PDF layout cap. WeasyPrint lays a whole book out in one process and keeps every page in memory: its time
# and memory grow linearly with pages (about 0.045 s of CPU and 0.35-0.65 MB a page), and pages grow with lines,
# not words: a scene break or a chapter opening costs lines without words. Measured on this project's stylesheet
# (5.5x8.5in trim, one core; tests/robustness/test_bounded_cost.py):
#   input                            pages   layout (CPU)   peak memory   estimated_pages
#   10,000 words, 2 chapters            37      1.9 s         100 MB           39
#   80,000 words, 20 chapters          265      9.6 s         175 MB          282
#   320,000 words, 80 chapters       1,047       44 s         445 MB        1,123
#   188,000 words in one paragraph     526       24 s         260 MB          559
#   69,000 words, 10,000 breaks      1,004       43 s         750 MB          973
#   60,000 words, 5,000 chapters     5,189      237 s       1,760 MB        5,183
# A book beyond MAX_PDF_PAGES (about 90 s and 0.8-1.4 GB) gets no PDF: one clear error, while its EPUB is still
# built. BOOKMAKER_MAX_PDF_PAGES raises (or lowers) the cap for one run. The cap holds for an anthology too,
# though it is composed from its stories' bodies, not laid out again: joining 8,400 pages (50x the seeds) took
# 2 GB in pikepdf.
MAX_PDF_PAGES = 2000
LINES_PER_PAGE, CHARS_PER_LINE = 31, 61  # book.css's print rules on the default trim (a long URL wraps too)
HEADING_LINES, BREAK_LINES, FRONT_PAGES, CONTENTS_PER_PAGE = 10, 2, 4, 28


def _lines(paragraphs, per_line: float = CHARS_PER_LINE) -> int:
    return sum(math.ceil(len(p.text) / per_line) for p in paragraphs)


def estimated_pages(manuscripts: list[Manuscript], page_size: str | None = None) -> int:
    """Manuscripts -> about how many pages their PDF takes: each chapter opens a page and fills lines (a paragraph's
    characters / 61, two per scene break or caption), plus notes, contents and front matter (a book or an anthology);
    on the default trim, or on `page_size`, whose lines and pages hold more or less (pdf.page_capacity)."""
    return FRONT_PAGES + sum(story_pages(m, len(manuscripts) > 1, page_size) for m in manuscripts)


def story_pages(manuscript: Manuscript, in_anthology: bool, page_size: str | None = None) -> int:
    """One story's pages of estimated_pages, in its own book or (with its opening page) in an anthology."""
    wide, tall = 1.0, 1.0
    if page_size:  # only then: the build's parent asks for every book, and need not import the PDF writer (0.3 s)
        from bookmaker.writers.pdf import page_capacity

        wide, tall = page_capacity(page_size)
    per_line, per_page = max(1.0, CHARS_PER_LINE * wide), max(1.0, LINES_PER_PAGE * tall)
    chapters = manuscript.chapters
    pages = in_anthology + -(-len(chapters) // CONTENTS_PER_PAGE) * (len(chapters) > 1)
    pages += math.ceil(_lines((p for note in manuscript.notes for p in note.paragraphs), per_line) / per_page)
    for chapter in chapters:
        lines = (HEADING_LINES + _lines(chapter.paragraphs, per_line)
                 + BREAK_LINES * (len(chapter.blocks) - len(chapter.paragraphs)))
        pages += math.ceil(lines / per_page)
    return pages


@dataclass(frozen=True)
class Estimate:
    """About how large a book's PDF is: its estimated pages, words and chapters."""

    pages: int
    words: int
    chapters: int


def estimate(manuscripts: list[Manuscript], page_size: str | None = None) -> Estimate:
    return Estimate(estimated_pages(manuscripts, page_size), sum(m.word_count for m in manuscripts),
                    sum(len(m.chapters) for m in manuscripts))


def source_estimate(source, page_size: str | None = None) -> Estimate:
    """A job's source (jobs.Source) -> the Estimate of its book: made when the story was rendered, or from its
    manuscripts; an anthology's from its stories' parts (AnthologyStory.pages: its job holds no manuscript)."""
    if source.estimate is not None:
        return source.estimate
    if source.anthology:
        return Estimate(FRONT_PAGES + sum(s.pages for s in source.stories), sum(s.words for s in source.stories),
                        sum(s.chapters for s in source.stories))
    return estimate(list(source.manuscripts), page_size)


def pdf_page_cap() -> int:
    value = os.environ.get("BOOKMAKER_MAX_PDF_PAGES", "")
    return int(value) if value.isdigit() else MAX_PDF_PAGES


def check_layout_cost(source, page_size: str | None = None) -> None:
    """BuildError when the PDF of a job's source (jobs.Source) is beyond the layout cap; cheap, so it runs before
    any layout."""
    found, cap = source_estimate(source, page_size), pdf_page_cap()
    if found.pages > cap:
        raise BuildError(f"not laid out: {found.words:,} words in {found.chapters:,} chapters make about "
                         f"{found.pages:,} pages, beyond the PDF cap of {cap:,} pages "
                         "(BOOKMAKER_MAX_PDF_PAGES raises it)")
