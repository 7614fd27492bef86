"""One writing job, run in a worker process: a compiled story (or all of them, for the anthology) -> files on disk.

The job renders the XHTML book once and hands it to each requested writer; it returns what it wrote, the errors
(one line each) and the warnings the layout engine logged, so the parent never sees a traceback.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from bookmaker.errors import BookmakerError
from bookmaker.kept_stories import loaded
from bookmaker.packed import Packed
from bookmaker.model import Manuscript
from bookmaker.records import KeptFolder
from bookmaker.page_cap import check_layout_cost, estimate


@dataclass(frozen=True)
class BuildOptions:
    """What the user asked of a build; part of every output's fingerprint."""

    formats: tuple[str, ...] = ("epub", "pdf")
    page_size: str | None = None
    right_hand_chapters: bool = False
    notes: str = "keep"  # where the author's notes go: keep, end, omit (notes_placement)
    font: str | None = None  # the PDF's book face (writers/faces.py); None: Charis SIL

    def key(self) -> str:
        return f"{self.page_size}|{self.right_hand_chapters}|{self.notes}|{self.font or ''}"

    def suffixes(self) -> list[str]:
        from bookmaker.writers import writer_for

        return [writer_for(f).suffix for f in self.formats]


class Stage(Enum):
    """What a job does of its book. A paged format (the PDF) is written in several jobs, so that a story's body
    is laid out in parts side by side and an anthology starts as soon as its stories' bodies are."""

    WHOLE = "whole"  # render, then write every format asked
    BODY = "body"  # lay out one part of a story's body for the paged format (the first part's job also writes the others)
    COMPOSE = "compose"  # write the paged format from bodies laid out
    FLOWING = "flowing"  # write the formats that are not paged; return the rendered book for its compose job
    AHEAD = "ahead"  # lay out what every paged book of the build shares (the folio layer), before they need it


@dataclass(frozen=True)
class Source:
    """What a writing job renders: one story's manuscript, or the anthology of them."""

    manuscripts: tuple[Manuscript, ...]  # a story's; none for the anthology, made of its stories' parts
    inputs: tuple[str, ...]  # the story files: the newest of them (and of the anthology file) dates the book
    anthology: bool = False
    anthology_file: str | None = None
    stories: tuple = ()  # the anthology's stories' parts: AnthologyStory, or KeptPart (read by the job)
    estimate: object | None = None  # page_cap.Estimate of a story rendered already (its manuscript not sent)

    @classmethod
    def story(cls, manuscript: Manuscript, path) -> "Source":
        return cls((manuscript,), (str(path),))


@dataclass(frozen=True)
class Rendered:
    """A book rendered once, with the render options its writers get."""

    book: object  # RenderedBook (not imported here: the parent need not import the renderer to unpickle it)
    options: object  # render.book.Options


@dataclass(frozen=True)
class Prepared:
    """What a compile job adds for the writing jobs: the rendered book, the sizes of its body's parts for the
    paged format (characters of XHTML, laid out side by side) and its part of the anthology."""

    rendered: Packed | None  # None: its own book is not written this build (only its part of the anthology)
    part_sizes: tuple[int, ...] = ()
    anthology_part: object | None = None
    estimate: object | None = None  # page_cap.Estimate of its own book's PDF (for the page cap and the folios)


@dataclass(frozen=True)
class WriteJob:
    """One writing job: which book, which formats into which files, and which stage of them."""

    source: Source
    formats: tuple[str, ...]
    outputs: tuple[str, ...]
    options: BuildOptions
    stage: Stage = Stage.WHOLE
    part: int = 0  # Stage.BODY: which part of the body
    bodies: dict | None = None  # Stage.COMPOSE: story number -> its body's pieces, laid out (or a KeptBody)
    ahead: dict | None = None  # what the paged writer laid out ahead: part -> bytes (Stage.AHEAD's results)
    rendered: Rendered | Packed | None = None  # rendered already (by the compile job, or a FLOWING job)
    kept: KeptFolder | None = None  # where the paged writer keeps what a later build of the book can reuse


@dataclass
class JobResult:
    written: list[str] = field(default_factory=list)  # file names
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    bodies: dict = field(default_factory=dict)  # story -> its body laid out for the paged format: [pdf_piece.Piece]
    rendered: Rendered | None = None  # after a FLOWING job, for the COMPOSE job


class _Collector(logging.Handler):
    """Keeps what WeasyPrint logs at warning level or above: a warning of the build, never lost in a terminal."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_source(source: Source, options: BuildOptions) -> Rendered:
    """A story or the anthology -> its book rendered, dated by the newest of its files (or SOURCE_DATE_EPOCH)."""
    from bookmaker.render import assemble_anthology, render_book
    from bookmaker.render.book import Options
    from bookmaker.render.identity import source_date

    paths = [Path(p) for p in source.inputs]
    if source.anthology and source.anthology_file and Path(source.anthology_file).is_file():
        paths.append(Path(source.anthology_file))
    render_options = Options(page_size=options.page_size, right_hand_chapters=options.right_hand_chapters,
                             font=options.font, modified=source_date(*paths))
    if not source.anthology:
        return Rendered(render_book(source.manuscripts[0], render_options), render_options)
    from bookmaker.anthology import load_anthology_meta

    meta, editor = load_anthology_meta(Path(source.anthology_file) if source.anthology_file else None)
    stories = [loaded(story) for story in source.stories]  # read from the output folder when named (KeptPart)
    book = assemble_anthology(stories, meta, render_options, editor=editor)
    book.meta.source = ", ".join(story.source for story in stories if story.source) or None
    return Rendered(book, render_options)


def run_job(job: WriteJob) -> JobResult:
    """Render once (unless the job has it rendered), write each format of the job's stage; never raises for
    the project's own errors."""
    from bookmaker.writers import writer_for

    result = JobResult()
    collector = _Collector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        rendered = job.rendered.unpacked() if isinstance(job.rendered, Packed) else job.rendered
        rendered = rendered or render_source(job.source, job.options)
        if job.stage is Stage.FLOWING:
            result.rendered = rendered
        for fmt, output in zip(job.formats, job.outputs):
            writer = writer_for(fmt)
            try:
                if not writer.paged:
                    writer.write(rendered.book, Path(output), rendered.options)
                    result.written.append(Path(output).name)
                    continue
                check_layout_cost(job.source, job.options.page_size)
                module = writer.load()
                if job.ahead is not None:
                    module.take_ahead(job.options, job.ahead)
                if job.stage is Stage.BODY:
                    result.bodies = {0: [module.lay_out_story_part(rendered.book, rendered.options, job.part)]}
                else:
                    bodies = {n: loaded(body) for n, body in job.bodies.items()} if job.bodies else job.bodies
                    result.bodies = module.write(rendered.book, Path(output), rendered.options, bodies, job.kept)
                    result.written.append(Path(output).name)
            except BookmakerError as error:
                result.errors.append(f"{Path(output).name}: {error}")
    except BookmakerError as error:
        result.errors.append(str(error))
    except Exception as error:  # a bug in a writer must not take the other stories down
        result.errors.append(f"{Path(job.outputs[0]).name}: internal error ({type(error).__name__}: {error})")
    finally:
        logger.removeHandler(collector)
    from bookmaker.writers.missing_glyphs import layout_warnings

    result.warnings = layout_warnings(collector.messages)  # one W202 for all missing glyphs, not one per glyph
    return result


def prepare_story(source: Source, options: BuildOptions, anthology: tuple | None = None, own: bool = True) -> Prepared:
    """A compiled story -> its book rendered once for all its writing jobs, the sizes of its body's parts for
    the paged format (the library schedules by them) and its part of the anthology. `anthology` is (its number,
    the number of stories, the anthology's language) when there is one; without `own` (its own books are up to
    date) only that part is rendered."""
    from bookmaker.writers import paged_format, writer_for

    rendered = render_source(source, options) if own else None
    paged = paged_format(options.formats)
    sizes = writer_for(paged).load().story_part_sizes(rendered.book, rendered.options) if paged and own else []
    from bookmaker.render import render_anthology_story

    part = render_anthology_story(source.manuscripts[0], *anthology, options.page_size) if anthology else None
    own_estimate = estimate(list(source.manuscripts), options.page_size) if own else None
    return Prepared(Packed.of(rendered) if rendered else None, tuple(sizes), part, own_estimate)


def lay_out_ahead(fmt: str, options: BuildOptions, part: int) -> bytes:
    """Part `part` of what the paged format `fmt` lays out once for every book of a build (a chunk of the PDF's
    folio layer), for its writer's take_ahead: run by an idle worker, so no book waits for it."""
    from bookmaker.writers import writer_for

    return writer_for(fmt).load().prepare_ahead(options, part)
