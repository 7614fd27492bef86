"""A library build: story files -> their books in dist/, plus the anthology, built in parallel and only when changed.

    find stories -> fingerprint each output -> compile what is needed -> write outputs in a process pool
    (longest job first, so the anthology's PDF starts at once) -> record fingerprints in dist/.bookmaker-state.json
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import bookmaker
from bookmaker.atomic import clean_stale_parts, write_bytes_atomic, write_text_atomic
from bookmaker.errors import BookmakerError, BuildError
from bookmaker.jobs import BuildOptions, JobResult, run_job
from bookmaker.model import Manuscript

STATE_FILE = ".bookmaker-state.json"
BODIES = ".bookmaker-bodies"  # each story's PDF body as last laid out, for an anthology rebuilt without it
STORY_SUFFIXES = (".txt", ".md")
PACKAGE = Path(bookmaker.__file__).resolve().parent
STYLES = PACKAGE.parent / "styles"


@dataclass
class Story:
    """One story of the library and what is known of it."""

    path: Path
    stem: str = ""  # output file stem (slug), set once compiled or read from the state
    manuscript: Manuscript | None = None
    error: str | None = None
    error_code: int = 0  # the exit code of the error (2 bad input, 3 bad metadata...)
    chapters: int = 0
    words: int = 0
    warnings: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    built: list[str] = field(default_factory=list)


@dataclass
class Task:
    """The outputs of one story (or of the anthology) still to write: rendered once, then each format written."""

    story: Story
    formats: list[str] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    cost: int = 0
    payload: tuple = ()
    number: int = 0  # the story's place in the anthology (1, 2...): its PDF body serves the anthology's

    def outputs_for(self, formats: list[str]) -> list[str]:
        return [str(o) for f, o in zip(self.formats, self.outputs) if f in formats]


@dataclass
class Report:
    stories: list[Story]
    anthology: Story | None
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


def find_stories(folder: Path) -> list[Path]:
    """Story files in `folder`, in file-name order (metadata .toml files are read beside them, not built)."""
    if not folder.is_dir():
        raise BuildError("no such folder", str(folder))
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in STORY_SUFFIXES and p.is_file()
                  and not p.name.startswith("."))


def _digest(*chunks: bytes) -> str:
    h = hashlib.sha256()
    for chunk in chunks:
        h.update(hashlib.sha256(chunk).digest())
    return h.hexdigest()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes() if path.is_file() else b""
    except OSError:
        return b""


def toolchain_digest() -> str:
    """Everything besides the story that shapes a book: bookmaker's code and templates, the stylesheet, the fonts."""
    files = sorted(PACKAGE.rglob("*.py")) + sorted(PACKAGE.rglob("*.j2")) + sorted(STYLES.rglob("*"))
    return _digest(bookmaker.__version__.encode(), os.environ.get("SOURCE_DATE_EPOCH", "").encode(),
                   *(str(f.relative_to(PACKAGE.parent)).encode() + _read(f) for f in files if f.is_file()))


def story_digest(path: Path, toolchain: str, options: BuildOptions) -> str:
    from bookmaker.metadata import metadata_path_for

    return _digest(toolchain.encode(), options.key().encode(), _read(path), _read(metadata_path_for(path)),
                   path.name.encode())


_ENTRY_TYPES = {"fingerprint": str, "size": int, "source": str, "stem": str, "chapters": int, "words": int, "warnings": list}


def _valid_entry(entry) -> bool:
    return (isinstance(entry, dict) and "fingerprint" in entry
            and all(isinstance(entry[key], kind) for key, kind in _ENTRY_TYPES.items() if key in entry)
            and all(isinstance(w, str) for w in entry.get("warnings", [])))


class Bodies:
    """Story bodies laid out for the PDF (pdf_layout.Piece), kept in dist/.bookmaker-bodies/ by story file
    with the fingerprint of their inputs: an anthology rebuilt because one story changed composes the
    others from here instead of laying them out again."""

    def __init__(self, out_dir: Path):
        self.folder = out_dir / BODIES

    def save(self, story: Story, fingerprint: str, piece) -> None:
        try:
            self.folder.mkdir(exist_ok=True)
            write_bytes_atomic(self.folder / f"{story.path.name}.pdf", piece.pdf)
            write_text_atomic(self.folder / f"{story.path.name}.json", json.dumps({
                "fingerprint": fingerprint, "sha256": hashlib.sha256(piece.pdf).hexdigest(), "names": piece.names,
                "starts": piece.starts, "folios": piece.folios, "lang": piece.lang}))
        except (OSError, BuildError):
            pass  # a cache: the next anthology lays the body out again

    def load(self, story: Story, fingerprint: str):
        """The body kept for `story` if it was laid out from the same inputs, else None."""
        from bookmaker.writers.pdf_layout import Piece

        try:
            info = json.loads((self.folder / f"{story.path.name}.json").read_text(encoding="utf-8"))
            data = (self.folder / f"{story.path.name}.pdf").read_bytes()
            if info["fingerprint"] != fingerprint or hashlib.sha256(data).hexdigest() != info["sha256"]:
                return None
            return Piece(pdf=data, names=list(info["names"]), starts=[(int(p), float(y)) for p, y in info["starts"]],
                         folios=[bool(f) for f in info["folios"]], lang=str(info["lang"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def clean(self) -> None:
        if self.folder.is_dir():
            clean_stale_parts(self.folder)


class State:
    """What the last builds wrote: output file -> the fingerprint of its inputs, kept in dist/.bookmaker-state.json."""

    def __init__(self, out_dir: Path):
        self.path = out_dir / STATE_FILE
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            assert isinstance(data, dict)
        except (OSError, ValueError, AssertionError):
            data = {}
        # A hand-edited or foreign file: an entry of the wrong shape is forgotten (its output rebuilt), not a crash.
        self.data = {name: entry for name, entry in data.items() if _valid_entry(entry)}

    def fresh(self, output: Path, fingerprint: str) -> bool:
        entry = self.data.get(output.name)
        return bool(entry and entry.get("fingerprint") == fingerprint and output.is_file()
                    and output.stat().st_size == entry.get("size"))

    def record(self, output: Path, fingerprint: str, info: dict) -> None:
        self.data[output.name] = {"fingerprint": fingerprint, "size": output.stat().st_size, **info}

    def info(self, output: Path) -> dict:
        return self.data.get(output.name, {})

    def save(self) -> None:
        write_text_atomic(self.path, json.dumps(self.data, indent=1, sort_keys=True))


def _unique_stem(stem: str, taken: set[str]) -> str:
    candidate, n = stem, 2
    while candidate in taken or candidate == "anthology":
        candidate, n = f"{stem}-{n}", n + 1
    taken.add(candidate)
    return candidate


def build_library(paths: list[Path], out_dir: Path, options: BuildOptions, anthology: bool,
                  anthology_file: Path | None = None, jobs: int = 0, force: bool = False,
                  progress: Callable[[str, int, int], None] | None = None) -> Report:
    """Build every story in `paths` (and the anthology of them) into `out_dir`; skip outputs already up to date."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot create the output folder ({error.strerror})", str(out_dir)) from None
    if not out_dir.is_dir() or not os.access(out_dir, os.W_OK):
        raise BuildError("the output folder is not a writable folder", str(out_dir))
    clean_stale_parts(out_dir)
    cache = Bodies(out_dir)
    cache.clean()
    state = State(out_dir)
    toolchain = toolchain_digest()
    stories = [Story(p) for p in paths]
    fingerprints = {s.path: story_digest(s.path, toolchain, options) for s in stories}
    anthology_meta_bytes = _read(anthology_file) if anthology_file else b""
    anthology_print = _digest(toolchain.encode(), options.key().encode(), anthology_meta_bytes,
                              *(fingerprints[s.path].encode() for s in stories))
    anthology_outputs = [out_dir / f"anthology{suffix}" for suffix in options.suffixes()]
    anthology_needed = anthology and (force or not all(state.fresh(o, anthology_print) for o in anthology_outputs))

    # Compile what must be written, and everything when the anthology must be rebuilt.
    def stale(story: Story) -> bool:
        known = _known_outputs(state, story.path, options)
        return force or anthology_needed or not known or not all(state.fresh(o, fingerprints[story.path]) for o in known)

    to_compile = [s for s in stories if stale(s)]
    workers = Workers(jobs)
    with workers:
        _compile_many(to_compile, workers, options.formats)
        return _write(stories, to_compile, out_dir, options, anthology, anthology_file, anthology_needed,
                      anthology_outputs, anthology_print, fingerprints, state, cache, workers, force, progress)


def _write(stories, to_compile, out_dir, options, anthology, anthology_file, anthology_needed, anthology_outputs,
           anthology_print, fingerprints, state, cache, workers, force, progress) -> Report:
    """The second half of build_library: the writing tasks of what is stale, run, and the state saved."""
    from bookmaker.slug import slugify

    taken: set[str] = set()
    tasks: list[Task] = []
    for number, story in enumerate(stories, start=1):
        known = _known_outputs(state, story.path, options)
        if story in to_compile:
            if story.error:
                continue
            stem = slugify(story.manuscript.meta.title or story.path.stem)
        else:
            info = state.info(known[0])
            stem = info.get("stem") or slugify(story.path.stem)
            story.chapters, story.words, story.warnings = info.get("chapters", 0), info.get("words", 0), info.get("warnings", [])
        story.stem = _unique_stem(stem, taken)
        task = Task(story, number=number)
        for fmt, suffix in zip(options.formats, options.suffixes()):
            output = out_dir / f"{story.stem}{suffix}"
            story.outputs.append(output.name)
            if force or not state.fresh(output, fingerprints[story.path]):
                task.formats.append(fmt)
                task.outputs.append(output)
        if task.formats:
            if story.manuscript is None:
                _compile(story)
                if story.error:
                    continue
            task.cost = sum(_cost(story.manuscript, fmt) for fmt in task.formats)
            task.payload = ("story", story.manuscript, str(story.path), [str(story.path)])
            tasks.append(task)

    report = Report(stories, None)
    failed = [s for s in stories if s.error]
    report.errors += [s.error for s in failed if s.error]
    if anthology and stories:
        book = Story(anthology_file or out_dir / "anthology", stem="anthology")
        book.outputs = [o.name for o in anthology_outputs]
        report.anthology = book
        if anthology_needed and not failed:
            manuscripts = [s.manuscript for s in stories]
            book.chapters = sum(len(m.chapters) for m in manuscripts)
            book.words = sum(m.word_count for m in manuscripts)
            task = Task(book, list(options.formats), anthology_outputs)
            task.cost = sum(_cost(m, fmt) for m in manuscripts for fmt in options.formats)
            task.payload = ("anthology", manuscripts, str(anthology_file) if anthology_file else None,
                            [str(s.path) for s in stories])
            tasks.append(task)
        elif anthology_needed:
            report.errors.append("anthology not rebuilt: a story failed (the previous anthology, if any, is kept)")
            book.outputs = [o.name for o in anthology_outputs if o.is_file()]
        else:
            info = state.info(anthology_outputs[0])
            book.chapters, book.words = info.get("chapters", 0), info.get("words", 0)

    kept_anthology = report.anthology is not None and not (anthology_needed and failed)  # a stale one is not up to date
    skipped_outputs = sum(len(s.outputs) for s in stories if not s.error) + (len(anthology_outputs) if kept_anthology else 0)
    report.skipped = skipped_outputs - sum(len(t.outputs) for t in tasks)
    _run(tasks, options, workers, state, fingerprints, anthology_print, report, progress, cache)
    state.save()
    return report


def _known_outputs(state: State, path: Path, options: BuildOptions) -> list[Path]:
    """Outputs the state says came from this story, for the formats asked now."""
    names = [name for name, entry in state.data.items() if entry.get("source") == path.name
             and any(name.endswith(s) for s in options.suffixes())]
    return [state.path.parent / n for n in sorted(names)]


def _cost(manuscript: Manuscript, fmt: str) -> int:
    """A rough cost for scheduling: PDF layout is about twenty times dearer than EPUB packaging per word."""
    return (20 if fmt == "pdf" else 1) * max(1, manuscript.word_count) + 5000


def _compile_in_worker(path: Path, formats: tuple[str, ...] = ()) -> tuple[Manuscript | None, str | None, int]:
    """Decode, detect and typeset one story in a worker: (manuscript, None, 0) or (None, error line, exit code).

    The worker then imports the renderer and the writers of `formats`: the writing jobs that follow need them,
    and a worker done before the slowest story would otherwise wait idle."""
    from bookmaker.pipeline import compile_story

    try:
        return compile_story(path), None, 0
    except BookmakerError as error:
        return None, str(error), error.exit_code
    finally:
        if formats:
            import importlib

            from bookmaker.writers import WRITERS

            importlib.import_module("bookmaker.render")
            for fmt in formats:
                importlib.import_module(WRITERS[fmt].module)


class Workers:
    """The build's process pool, started on first use and shared by compiling and writing: its processes
    keep what they imported for the first jobs (the compiler, the renderer, the writers) for the next."""

    def __init__(self, jobs: int):
        self.count = jobs or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.count)
        return self._pool

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=exc[0] is not None)


def _compile_many(stories: list[Story], workers: Workers, formats: tuple[str, ...]) -> None:
    """Compile the stories, in parallel processes when there are several (the parent only gathers them)."""
    if min(workers.count, len(stories)) <= 1:
        results = [_compile_in_worker(s.path) for s in stories]
    else:  # longest first: the longest story's writing jobs wait for its compile, and they are the longest too
        order = sorted(stories, key=lambda s: -s.path.stat().st_size)
        results = dict(zip(map(id, order), workers.pool().map(_compile_in_worker, [s.path for s in order],
                                                                [formats] * len(order))))
        results = [results[id(s)] for s in stories]
    for story, result in zip(stories, results):
        _take(story, result)


def _take(story: Story, result: tuple[Manuscript | None, str | None, int]) -> None:
    """Record a compile result on the story: its manuscript and counts, or its error (the others go on)."""
    story.manuscript, story.error, story.error_code = result
    if story.manuscript is not None:
        story.chapters, story.words = len(story.manuscript.chapters), story.manuscript.word_count
        story.warnings = [f"{d.code} {d.message}" for d in story.manuscript.diagnostics if is_warning(d.code)]


def _compile(story: Story) -> None:
    """Decode, detect and typeset one story in this process."""
    _take(story, _compile_in_worker(story.path))


def _run(tasks: list[Task], options, workers: Workers, state, fingerprints, anthology_print, report, progress,
         cache: Bodies) -> None:
    """Run the writing jobs, longest first, in `jobs` processes (in this process when one is enough).

    A story's PDF is written in two jobs: its body is laid out, then its book composed. The anthology's PDF
    reuses every body, so it waits for the last one, not for whole books; an idle worker lays the folio layer
    out meanwhile.
    """
    tasks.sort(key=lambda t: -t.cost)
    if not tasks:
        return
    anthology = next((t for t in tasks if t.payload[0] == "anthology"), None)
    stories = [t for t in tasks if t is not anthology]
    done: list[Task] = []

    def finish(task: Task, result: JobResult, formats: list[str], last: bool) -> None:
        """Record what a job wrote of `formats` (and its errors); `last`: the book is complete."""
        story = task.story
        report.errors += result.errors
        story.warnings += [w for w in result.warnings if w not in story.warnings]
        for fmt, output in zip(task.formats, task.outputs):
            if fmt not in formats:
                continue
            if output.name not in result.written and not output.is_file():
                story.outputs.remove(output.name)  # failed, and no earlier version: the summary must not list it
            if output.name in result.written:
                story.built.append(output.name)
                fingerprint = anthology_print if task is anthology else fingerprints[story.path]
                state.record(output, fingerprint, {"source": story.path.name, "stem": story.stem,
                                                   "chapters": story.chapters, "words": story.words,
                                                   "warnings": story.warnings})
        if last:
            done.append(task)
            if progress:
                progress(story.stem, len(done), len(tasks))

    # The anthology's PDF composes every story's body: those not laid out in this build come from the cache.
    bodies: dict = {}
    if anthology is not None and "pdf" in anthology.formats:
        rebuilt = {t.number for t in stories if "pdf" in t.formats}
        for number, story in enumerate(report.stories, start=1):
            body = None if number in rebuilt else cache.load(story, fingerprints[story.path])
            if body is not None:
                bodies[number] = body

    def keep(task: Task, result: JobResult) -> None:
        for body in result.bodies.values():
            bodies[task.number] = body
            cache.save(task.story, fingerprints[task.story.path], body)

    if min(workers.count, len(tasks)) <= 1:
        for task in stories + ([anthology] if anthology else []):
            result = run_job(task.payload, task.formats, [str(o) for o in task.outputs], options,
                             bodies if task is anthology else None)
            if task is not anthology:
                keep(task, result)
            finish(task, result, task.formats, True)
        return
    _run_parallel(stories, anthology, options, workers.pool(), finish, keep, bodies)


def _run_parallel(stories: list[Task], anthology: Task | None, options, pool: ProcessPoolExecutor, finish, keep,
                  bodies: dict) -> None:
    """The jobs of _run in a process pool: bodies and other formats first, then each book's PDF as its body
    arrives, the anthology's PDF once every body has."""
    from bookmaker.jobs import estimated_pages, prepare_folios

    folios: tuple | None = None
    running: dict[Future, tuple[Task | None, str]] = {}

    def submit(task: Task | None, stage: str, function, *args) -> None:
        running[pool.submit(function, *args)] = (task, stage)

    # The first jobs, dearest first: story jobs (a PDF's body with the other formats) and the anthology's
    # other formats; its PDF comes once the bodies are in.
    first: list[tuple[int, Task, str, list[str]]] = []
    for task in stories:
        first.append((task.cost, task, "body" if "pdf" in task.formats else "whole", task.formats))
    anthology_pdf = anthology is not None and "pdf" in anthology.formats
    if anthology is not None:
        early = [f for f in anthology.formats if f != "pdf"]
        if early:
            manuscripts = anthology.payload[1]
            first.append((sum(_cost(m, f) for m in manuscripts for f in early), anthology, "early", early))
        elif not any("pdf" in t.formats for t in stories):  # nothing to wait for
            first.append((anthology.cost, anthology, "whole", ["pdf"]))
            anthology_pdf = False
    for _, task, stage, formats in sorted(first, key=lambda job: -job[0]):
        submit(task, stage, run_job, task.payload, formats, task.outputs_for(formats), options,
               bodies if task is anthology else None, None, stage)
    if anthology_pdf or any("pdf" in t.formats for t in stories):
        manuscripts = anthology.payload[1] if anthology is not None else [t.payload[1] for t in stories]
        pages = max([estimated_pages(list(manuscripts))] if anthology_pdf else
                    [estimated_pages([m]) for m in manuscripts])
        submit(None, "folios", prepare_folios, options, pages + pages // 8 + 8)
    waiting = sum("pdf" in t.formats for t in stories)
    rendered_anthology = None
    while running:
        finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
        for future in finished:
            task, stage = running.pop(future)
            if stage == "folios":
                folios = future.result()
                continue
            result = future.result()
            if stage in ("whole", "compose"):
                finish(task, result, ["pdf"] if stage == "compose" else task.formats, True)
                continue
            if stage == "early":
                rendered_anthology = result.rendered
                finish(task, result, [f for f in task.formats if f != "pdf"], not anthology_pdf)
                continue
            # stage "body": the other formats are written; the PDF is composed next, and the anthology
            # once the last body is in.
            if result.rendered is None:  # the PDF failed already (beyond the page cap...)
                finish(task, result, task.formats, True)
            else:
                finish(task, result, [f for f in task.formats if f != "pdf"], False)
                keep(task, result)
                submit(task, "compose", run_job, task.payload, ["pdf"], task.outputs_for(["pdf"]), options,
                       result.bodies, folios, "compose", result.rendered)
            waiting -= 1
            if waiting == 0 and anthology_pdf:
                submit(anthology, "compose", run_job, anthology.payload, ["pdf"], anthology.outputs_for(["pdf"]),
                       options, bodies, folios, "compose", rendered_anthology)


WARNING_CODES = {"D001", "D004", "D101", "D110", "D111", "D199", "D301"}


def is_warning(code: str) -> bool:
    """Diagnostics that are guesses or losses (a warning, fatal under --strict); the rest only inform."""
    return code in WARNING_CODES
