"""One writing job, run in a worker process: a compiled story (or all of them, for the anthology) -> files on disk.

The job renders the XHTML book once and hands it to each requested writer; it returns what it wrote, the errors
(one line each) and the warnings the layout engine logged, so the parent never sees a traceback.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from bookmaker.errors import BookmakerError, BuildError
from bookmaker.model import Manuscript


@dataclass(frozen=True)
class BuildOptions:
    """What the user asked of a build; part of every output's fingerprint."""

    formats: tuple[str, ...] = ("epub", "pdf")
    page_size: str | None = None
    right_hand_chapters: bool = False
    notes: str = "keep"  # where the author's notes go: keep, end, omit (notes_placement)

    def key(self) -> str:
        return f"{self.page_size}|{self.right_hand_chapters}|{self.notes}"

    def suffixes(self) -> list[str]:
        from bookmaker.writers import writer_for

        return [writer_for(f).suffix for f in self.formats]


@dataclass
class JobResult:
    written: list[str] = field(default_factory=list)  # file names
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    bodies: dict = field(default_factory=dict)  # story -> its body laid out for the PDF: [pdf_piece.Piece]
    rendered: tuple | None = None  # (RenderedBook, Options) after an "early" job, for the "compose" job


class _Collector(logging.Handler):
    """Keeps what WeasyPrint logs at warning level or above: a warning of the build, never lost in a terminal."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_payload(payload: tuple, options: BuildOptions):
    """("story", manuscript, path, [path]) or ("anthology", manuscripts, anthology.toml or None, [story paths]
    [, the stories' parts already rendered]) -> (RenderedBook, Options), dated by the newest of the source files
    (or SOURCE_DATE_EPOCH)."""
    from bookmaker.render import render_anthology, render_book
    from bookmaker.render.book import Options
    from bookmaker.render.identity import source_date

    render_options = Options(page_size=options.page_size, right_hand_chapters=options.right_hand_chapters)
    kind, content, source, inputs, *rendered_parts = payload  # an anthology's: its stories' parts, if rendered
    paths = [Path(p) for p in inputs] + ([Path(source)] if kind == "anthology" and source and Path(source).is_file() else [])
    render_options = dataclasses.replace(render_options, modified=source_date(*paths))
    if kind == "story":
        return render_book(content, render_options), render_options
    from bookmaker.anthology import load_anthology_meta

    meta, editor = load_anthology_meta(Path(source) if source else None)
    sources = [m.meta.source for m in content]
    book = render_anthology(content, meta, render_options, editor=editor, stories=rendered_parts[0] if rendered_parts else None)
    book.meta.source = ", ".join(s for s in sources if s) or None
    return book, render_options


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
    from bookmaker.writers.pdf import page_capacity

    wide, tall = page_capacity(page_size)
    per_line, per_page = max(1.0, CHARS_PER_LINE * wide), max(1.0, LINES_PER_PAGE * tall)
    pages = FRONT_PAGES
    for manuscript in manuscripts:
        chapters = manuscript.chapters
        pages += (len(manuscripts) > 1) + -(-len(chapters) // CONTENTS_PER_PAGE) * (len(chapters) > 1)
        pages += math.ceil(_lines((p for note in manuscript.notes for p in note.paragraphs), per_line) / per_page)
        for chapter in chapters:
            lines = (HEADING_LINES + _lines(chapter.paragraphs, per_line)
                     + BREAK_LINES * (len(chapter.blocks) - len(chapter.paragraphs)))
            pages += math.ceil(lines / per_page)
    return pages


def pdf_page_cap() -> int:
    value = os.environ.get("BOOKMAKER_MAX_PDF_PAGES", "")
    return int(value) if value.isdigit() else MAX_PDF_PAGES


def check_layout_cost(payload: tuple, page_size: str | None = None) -> None:
    """BuildError when the payload's PDF is beyond the layout cap; cheap, so it runs before any layout."""
    kind, content = payload[:2]
    manuscripts = [content] if kind == "story" else list(content)
    pages, cap = estimated_pages(manuscripts, page_size), pdf_page_cap()
    if pages > cap:
        words = sum(m.word_count for m in manuscripts)
        chapters = sum(len(m.chapters) for m in manuscripts)
        raise BuildError(f"not laid out: {words:,} words in {chapters:,} chapters make about {pages:,} pages, beyond "
                         f"the PDF cap of {cap:,} pages (BOOKMAKER_MAX_PDF_PAGES raises it)")


def run_job(payload: tuple, formats: list[str], outputs: list[str], options: BuildOptions,
            bodies: dict | None = None, folios: tuple | None = None, stage: str = "whole",
            rendered: tuple | None = None, part: int = 0) -> JobResult:
    """Render once (unless `rendered` is given), write each format; never raises for the project's own errors.

    A PDF is written whole (stage "whole"), or in several jobs so that its story's body is laid out in parts
    in parallel and an anthology starts as soon as its stories' bodies are: stage "body" writes the other
    formats and lays out only part `part` of the story's body (pdf.body_parts; result.bodies {0: [piece]});
    stage "compose" writes the PDF from `bodies` (an anthology passes its stories'). Stage "early" writes an
    anthology's other formats and returns the rendered book (result.rendered) for its "compose" job. `folios`
    is a folio layer laid out ahead (prepare_folios).
    """
    from bookmaker.writers import writer_for

    result = JobResult()
    collector = _Collector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        book, render_options = rendered or render_payload(payload, options)
        if stage == "early":
            result.rendered = (book, render_options)
        for fmt, output in zip(formats, outputs):
            try:
                if fmt != "pdf":
                    writer_for(fmt).write(book, Path(output), render_options)
                    result.written.append(Path(output).name)
                    continue
                check_layout_cost(payload, options.page_size)
                from bookmaker.writers import pdf, pdf_layout

                if folios:
                    pdf_layout.provide_folio_layer(*folios)
                if stage == "body":
                    result.bodies = {0: [pdf.lay_out_story_part(book, render_options, part)]}
                else:
                    result.bodies = pdf.write(book, Path(output), render_options, bodies)
                    result.written.append(Path(output).name)
            except BookmakerError as error:
                result.errors.append(f"{Path(output).name}: {error}")
    except BookmakerError as error:
        result.errors.append(str(error))
    except Exception as error:  # a bug in a writer must not take the other stories down
        result.errors.append(f"{Path(outputs[0]).name}: internal error ({type(error).__name__}: {error})")
    finally:
        logger.removeHandler(collector)
    from bookmaker.writers.missing_glyphs import layout_warnings

    result.warnings = layout_warnings(collector.messages)  # one W202 for all missing glyphs, not one per glyph
    return result


def prepare_story(payload: tuple, options: BuildOptions, pdf: bool, anthology: tuple | None = None) -> tuple:
    """A compiled story -> ((RenderedBook, Options), the sizes of its body's parts for the PDF, its part of the
    anthology or None): rendered once for all its writing jobs, which the library schedules by those sizes.
    `anthology` is (its number, the number of stories, the anthology's language) when there is one."""
    book, render_options = render_payload(payload, options)
    sizes = []
    if pdf:
        from bookmaker.writers import pdf as pdf_writer

        sizes = pdf_writer.story_part_sizes(book, render_options)
    part = None
    if anthology is not None:
        from bookmaker.render import render_anthology_story

        part = render_anthology_story(payload[1], *anthology)
    return (book, render_options), sizes, part


def prepare_folios(options: BuildOptions, pages: int) -> tuple:
    """Lay out a folio layer of `pages` pages ahead of the PDFs that need it -> the arguments of
    pdf_layout.provide_folio_layer: run by an idle worker, so no book waits for it."""
    from bookmaker.render.book import Options
    from bookmaker.writers import pdf, pdf_layout

    render_options = Options(page_size=options.page_size, right_hand_chapters=options.right_hand_chapters)
    extra_css, stylesheet = pdf.options_css(render_options), render_options.stylesheet.resolve()
    return extra_css, stylesheet, pages, pdf_layout.folio_layer(extra_css, stylesheet, pages)
