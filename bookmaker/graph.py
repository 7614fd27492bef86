"""The build's writing graph: the books to write (tasks) -> typed jobs on the build's executor, dearest first,
each started once what it needs is in; the results go back to the library as they come.

    story, no paged format:  WHOLE (render, write every format)
    story with the PDF:      BODY part 0 (+ the other formats), BODY parts 1..n side by side -> COMPOSE
    anthology:               FLOWING (its other formats) ... every story's body in -> COMPOSE
    any paged book:          AHEAD parts (the folio layer's chunks not kept from a build before, laid out
                             first) -> every COMPOSE

One path whatever the executor: `--jobs 1` runs these jobs in this order in this process.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from bookmaker.executors import Workers
from bookmaker.jobs import BuildOptions, Prepared, Rendered, Source, Stage, WriteJob, lay_out_ahead, run_job
from bookmaker.kept_stories import body_pages
from bookmaker.records import KeptFolder

PAGED_COST = 3  # the cost of laying out a character of a story body's XHTML, in the units of cost() (7 a word)


def cost(words: int, fmt: str) -> int:
    """A rough cost for scheduling: laying a word out in pages is dearer than packaging it (Writer.cost_per_word)."""
    from bookmaker.writers import writer_for

    return writer_for(fmt).cost_per_word * max(1, words) + 5000


@dataclass(eq=False)
class Task:
    """The outputs of one story (or of the anthology) still to write: rendered once, then each format written."""

    story: object  # library.Story
    formats: list[str] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    cost: int = 0
    source: Source | None = None
    number: int = 0  # the story's place in the anthology (1, 2...): its paged body serves the anthology's
    prepared: Prepared | None = None  # rendered once in the compile job, with its body's part sizes

    def outputs_for(self, formats: list[str]) -> tuple[str, ...]:
        return tuple(str(o) for f, o in zip(self.formats, self.outputs) if f in formats)


@dataclass(frozen=True, eq=False)
class Key:
    """Which job a result is of."""

    task: Task | None
    stage: Stage
    part: int = 0


class Dispatcher:
    """Jobs for the build's executor, dearest first: a job waits here, not in the executor's first-come queue,
    until a slot is free, so a dear job that becomes ready late (the anthology's PDF) still goes before cheap ones."""

    def __init__(self, workers: Workers):
        self.executor = workers.start()
        self.ready: list[tuple[bool, int, int, Key, tuple]] = []  # (not first, -cost, order, key, (function, *args))
        self.running: dict = {}  # future -> key
        self.order = itertools.count()  # equal costs: first come, first served

    def add(self, cost: int, key, function, *args, first: bool = False) -> None:
        """Queue a job; it starts once results() runs and a slot is free for it (`first`: before any other)."""
        heapq.heappush(self.ready, (not first, -cost, next(self.order), key, (function, *args)))

    def _start(self) -> None:
        while self.ready and len(self.running) < self.executor.slots:
            *_, key, (function, *args) = heapq.heappop(self.ready)
            self.running[self.executor.submit(function, *args)] = key

    def results(self):
        """(key, result) of each job as it ends, until none is left (jobs added meanwhile included)."""
        self._start()
        while self.running:
            for future in self.executor.wait(list(self.running)):
                key = self.running.pop(future)
                yield key, future.result()
            self._start()


def ahead_pages(stories: list[Task], anthology: Task | None, paged: str, options: BuildOptions) -> int:
    """How long a folio layer the build's paged books need: the longest book's estimated pages and some room (a
    book beyond the page cap is refused, not laid out: never more than the cap; 3 ms a page)."""
    from bookmaker.page_cap import pdf_page_cap, source_estimate

    books = [anthology] if anthology is not None and paged in anthology.formats else \
        [t for t in stories if paged in t.formats]
    pages = max([source_estimate(t.source, options.page_size).pages for t in books] or [0])
    return min(pages + pages // 8 + 8, pdf_page_cap())


def _within_cap(task: Task, options: BuildOptions) -> bool:
    """The book is short enough to lay out (page_cap.check_layout_cost): asked here, so that a story far beyond the
    cap is not cut into hundreds of BODY jobs that would each refuse it."""
    from bookmaker.errors import BuildError
    from bookmaker.page_cap import check_layout_cost

    try:
        check_layout_cost(task.source, options.page_size)
    except BuildError:
        return False
    return True


@dataclass
class Kept:
    """What the build keeps between builds, for the graph to use and to add to: the anthology's story bodies
    (those from the cache already in); `load_ahead(part)`, the paged writer's ahead part kept, or None;
    `save_body(task, pieces)` and `save_ahead(part, data)` keep what a job laid out."""

    bodies: dict
    load_ahead: Callable
    save_body: Callable
    save_ahead: Callable
    folder: KeptFolder | None = None  # where the anthology's paged writer keeps its frame


def write_books(stories: list[Task], anthology: Task | None, options: BuildOptions, paged: str | None,
                workers: Workers, finish: Callable, kept: Kept) -> None:
    """Run every job of the tasks (see the module's docstring). `finish(task, result, formats, last)` records
    what a job wrote of `formats` (`last`: the book is done)."""
    from bookmaker.writers import writer_for

    jobs = Dispatcher(workers)
    bodies = kept.bodies
    parts: dict[int, list] = {}  # id(task) -> its body's pieces, as they arrive
    failed: set[int] = set()
    flowing = [f for f in options.formats if f != paged]

    def job(cost: int, task: Task, stage: Stage, part: int, formats: list[str], given=None, ahead=None,
            rendered: Rendered | None = None) -> None:
        write = WriteJob(task.source, tuple(formats), task.outputs_for(formats), options, stage, part, given, ahead,
                         rendered or (task.prepared.rendered if task.prepared else None),
                         kept.folder if task is anthology else None)
        jobs.add(cost, Key(task, stage, part), run_job, write)
        if task is not anthology and (stage is Stage.COMPOSE or stage is Stage.WHOLE):  # its last job: the story's
            task.source = task.prepared = None  # manuscript and rendered book go with it, not kept till the end

    for task in stories:
        if paged not in task.formats or not _within_cap(task, options):  # beyond it: the EPUB and one error line
            job(task.cost, task, Stage.WHOLE, 0, task.formats)
            continue
        sizes = (task.prepared.part_sizes if task.prepared else ()) or (0,)
        parts[id(task)] = [None] * len(sizes)
        other = task.cost - PAGED_COST * sum(sizes)  # the other formats, written with the first part
        for number, size in enumerate(sizes):
            job(size * PAGED_COST + (other if number == 0 else 0), task, Stage.BODY, number,
                task.formats if number == 0 else [paged])
    anthology_paged = anthology is not None and paged in anthology.formats
    if anthology is not None:
        early = [f for f in anthology.formats if f in flowing]
        if early:
            job(sum(cost(anthology.story.words, f) for f in early), anthology, Stage.FLOWING, 0, early)
        elif not parts:  # no story body to wait for
            job(anthology.cost, anthology, Stage.WHOLE, 0, [paged], bodies)
            anthology_paged = False
    # Every paged book's COMPOSE needs the shared parts (the folio layer): those not kept are laid out first,
    # one job each, and the COMPOSE jobs wait for them.
    plan = writer_for(paged).ahead_parts if paged and (anthology_paged or parts) else None
    needed = plan(ahead_pages(stories, anthology, paged, options)) if plan else []
    ahead: dict[int, bytes] = {}
    for part in needed:
        data = kept.load_ahead(part)
        if data is not None:
            ahead[part] = data
        else:
            jobs.add(0, Key(None, Stage.AHEAD, part), lay_out_ahead, paged, options, part, first=True)
    waiting = len(parts)
    anthology_composing = False
    rendered_anthology = None
    held: list[tuple] = []  # composing jobs ready before the shared parts

    def compose(task: Task, given: dict, rendered=None) -> None:
        cost = sum(body_pages(body) for body in given.values())  # joining: by pages
        if len(ahead) < len(needed):
            held.append((cost, task, given, rendered))
        else:
            job(cost, task, Stage.COMPOSE, 0, [paged], given, ahead or None, rendered)

    for key, result in jobs.results():
        task = key.task
        if key.stage is Stage.AHEAD:
            ahead[key.part] = result
            kept.save_ahead(key.part, result)
            if len(ahead) == len(needed):
                for cost_, task, given, rendered in held:
                    job(cost_, task, Stage.COMPOSE, 0, [paged], given, ahead, rendered)
                held.clear()
            continue
        if key.stage in (Stage.WHOLE, Stage.COMPOSE):
            finish(task, result, [paged] if key.stage is Stage.COMPOSE else task.formats, True)
            continue
        if key.stage is Stage.FLOWING:
            rendered_anthology = result.rendered
            finish(task, result, flowing, not anthology_paged)
            continue
        # Stage.BODY: one part of a story's paged body (and, with the first, its other formats).
        pieces = parts[id(task)]
        if key.part == 0:
            finish(task, result, flowing, False)
        if not result.bodies and id(task) not in failed:  # the PDF failed (beyond the page cap...)
            failed.add(id(task))
            finish(task, result, [paged], True)
            waiting -= 1
        elif result.bodies:
            pieces[key.part] = result.bodies[0][0]
            if all(piece is not None for piece in pieces) and id(task) not in failed:
                kept.save_body(task, pieces)
                compose(task, {0: pieces})
                del parts[id(task)]  # held by its COMPOSE job now, and released with it
                waiting -= 1
        if waiting == 0 and anthology_paged and not anthology_composing:
            anthology_composing = True
            compose(anthology, bodies, rendered_anthology)


