"""A library build: story files -> their books in dist/, plus the anthology, built in parallel and only when changed.

    find stories -> fingerprint each output -> compile what is needed -> write outputs in a process pool
    (longest job first, so the anthology's PDF starts at once) -> record fingerprints in dist/.bookmaker-state.json
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

import bookmaker
from bookmaker import readers, resources
from bookmaker.atomic import clean_stale_parts, write_text_atomic
from bookmaker.records import KeptFolder
from bookmaker.records import json_record as _json_record
from bookmaker.errors import BookmakerError, BuildError
from bookmaker.executors import Workers
from bookmaker.graph import PAGED_COST, Dispatcher, Kept, Task, cost, write_books
from bookmaker.writers import paged_format
from bookmaker.jobs import BuildOptions, JobResult, Prepared, Source
from bookmaker.kept_stories import BODIES, Bodies, KeptBody, Parts, kept_part  # noqa: F401 - BODIES: for the tests

STATE_FILE = ".bookmaker-state.json"
STORY_SUFFIXES = readers.SUFFIXES  # every format a reader knows: .txt, .md, .html, .docx, .odt, .epub, .rtf
PACKAGE = Path(bookmaker.__file__).resolve().parent
STYLES = resources.STYLES


@dataclass
class Story:
    """One story of the library and what is known of it."""

    path: Path
    stem: str = ""  # output file stem (slug), set once compiled or read from the state
    compiled: bool = False  # compiled this build (its title, counts and warnings are this build's)
    title: str | None = None  # its metadata's title, which names its outputs
    error: str | None = None
    error_code: int = 0  # the exit code of the error (2 bad input, 3 bad metadata...)
    chapters: int = 0
    words: int = 0
    warnings: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    prepared: Prepared | None = None  # from the compile job: rendered, its paged body's part sizes, anthology part
    part: object | None = None  # its part of the anthology (render.AnthologyStory): compiled, or kept (Parts)


@dataclass
class Report:
    stories: list[Story]
    anthology: Story | None
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # what --verbose also says: damaged caches discarded


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
                   os.fsencode(path.name))  # the name's bytes, even those that are not UTF-8


_ENTRY_TYPES = {"fingerprint": str, "size": int, "source": str, "stem": str, "chapters": int, "words": int, "warnings": list}


def _valid_entry(name, entry) -> bool:
    """A state entry of the right shape whose names cannot point outside the output folder: the state file is
    input (hand-edited, or crafted), so a path built from it must stay a plain file name in the output folder."""
    return (isinstance(entry, dict) and "fingerprint" in entry and _plain_name(name)
            and all(isinstance(entry[key], kind) for key, kind in _ENTRY_TYPES.items() if key in entry)
            and all(isinstance(w, str) for w in entry.get("warnings", []))
            and ("stem" not in entry or _safe_stem(entry["stem"])))


def _plain_name(name) -> bool:
    """A file name of the output folder: no folder part, not hidden, not '..'."""
    return isinstance(name, str) and 0 < len(name.encode("utf-8", "surrogateescape")) <= 255 \
        and Path(name).name == name and not name.startswith(".") and "\\" not in name and "\0" not in name


def _safe_stem(stem) -> bool:
    """A stem bookmaker could have made: a slug (what slugify returns for it), so STEM.epub is a plain name."""
    from bookmaker.slug import slugify

    return isinstance(stem, str) and bool(stem) and slugify(stem) == stem and _plain_name(stem)


class State:
    """What the last builds wrote: output file -> the fingerprint of its inputs, kept in dist/.bookmaker-state.json."""

    def __init__(self, out_dir: Path):
        self.path = out_dir / STATE_FILE
        data = _json_record(self.path)
        if not isinstance(data, dict):
            data = {}
        # A hand-edited or foreign file: an entry of the wrong shape is forgotten (its output rebuilt), not a crash.
        self.data = {name: entry for name, entry in data.items() if _valid_entry(name, entry)}
        self.by_source: dict[str, set[str]] = {}  # story file name -> its outputs' names: a lookup, not a scan
        for name, entry in self.data.items():
            self.by_source.setdefault(entry.get("source"), set()).add(name)

    def fresh(self, output: Path, fingerprint: str) -> bool:
        entry = self.data.get(output.name)
        return bool(entry and entry.get("fingerprint") == fingerprint and output.is_file()
                    and output.stat().st_size == entry.get("size"))

    def record(self, output: Path, fingerprint: str, info: dict) -> None:
        previous = self.data.get(output.name, {}).get("source")
        self.by_source.get(previous, set()).discard(output.name)
        self.data[output.name] = {"fingerprint": fingerprint, "size": output.stat().st_size, **info}
        self.by_source.setdefault(info.get("source"), set()).add(output.name)

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


@dataclass
class _Build:
    """What one build knows before writing: where, with which options, what was built before and how stale it is."""

    out_dir: Path
    options: BuildOptions
    state: State
    cache: Bodies
    parts: Parts  # the stories' parts of the anthology kept
    fingerprints: dict[Path, str]  # story file -> fingerprint of its inputs
    force: bool
    anthology: bool  # an anthology is part of this build
    anthology_file: Path | None
    anthology_outputs: list[Path]
    anthology_print: str
    anthology_needed: bool  # ... and must be written
    places: dict[Path, tuple]  # story file -> (its number, the number of stories, the anthology's language)
    ahead_key: str  # what the paged writer's ahead parts depend on: the toolchain and the options


def build_library(paths: list[Path], out_dir: Path, options: BuildOptions, anthology: bool,
                  anthology_file: Path | None = None, jobs: int = 0, force: bool = False,
                  progress: Callable[[str, int, int], None] | None = None, scheduler: str | None = None) -> Report:
    """Build every story in `paths` (and the anthology of them) into `out_dir`; skip outputs already up to date.
    The jobs run on a Dask cluster when `scheduler` (or BOOKMAKER_SCHEDULER) names one (executors.Workers)."""
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
    for story in stories:
        _refuse_outside_link(story)
        _refuse_undecodable_name(story)
    fingerprints = {s.path: story_digest(s.path, toolchain, options) for s in stories}
    anthology_meta_bytes = _read(anthology_file) if anthology_file else b""
    anthology_print = _digest(toolchain.encode(), options.key().encode(), anthology_meta_bytes,
                              *(fingerprints[s.path].encode() for s in stories))
    anthology_outputs = [out_dir / f"anthology{suffix}" for suffix in options.suffixes()]
    anthology_needed = anthology and (force or not all(state.fresh(o, anthology_print) for o in anthology_outputs))
    places = {}
    if anthology_needed:  # each story's part of the anthology is rendered with it, in parallel (or kept)
        from bookmaker.anthology import load_anthology_meta

        lang = load_anthology_meta(anthology_file)[0].language or "en"
        places = {s.path: (number, len(stories), lang) for number, s in enumerate(stories, start=1)}
    build = _Build(out_dir, options, state, cache, Parts(out_dir), fingerprints, force, anthology, anthology_file,
                   anthology_outputs, anthology_print, anthology_needed, places,
                   _digest(toolchain.encode(), options.key().encode()))

    # Compile what must be written, and for an anthology to rebuild the stories it has kept nothing of.
    def outputs_stale(story: Story) -> bool:
        known = _known_outputs(state, story.path, options)
        return force or not known or not all(state.fresh(o, fingerprints[story.path]) for o in known)

    paged = paged_format(options.formats)

    def own_book(story: Story) -> bool:
        """Its own outputs are written this build (or its kept PDF body cannot serve the anthology): its book is
        rendered; else its compile renders only its part of the anthology."""
        return outputs_stale(story) or (anthology_needed and paged is not None
                                         and not cache.sound(story.path.name, fingerprints[story.path]))

    def part_kept(story: Story) -> bool:
        name, fingerprint, place = story.path.name, fingerprints[story.path], build.places[story.path]
        part = build.parts.load(name, fingerprint, place)  # judged here, then named: the job reads it again
        story.part = kept_part(out_dir, name, fingerprint, place, part) if part is not None else None
        return part is not None

    to_compile = [s for s in stories if not s.error and (own_book(s) or (anthology_needed and not part_kept(s)))]
    workers = Workers(jobs, scheduler, options.formats)
    try:
        with workers:
            _compile_many(to_compile, workers, options, build.places, {s.path for s in to_compile if own_book(s)})
            for story in to_compile:
                _keep_part(build, story)
            return _write(build, stories, to_compile, workers, progress)
    except KeyboardInterrupt:  # the workers are gone (Workers.__exit__): their temporaries can go too, and ours
        clean_stale_parts(out_dir, own=True)
        cache.clean(own=True)
        raise


def _keep_part(build: _Build, story: Story) -> None:
    """A compiled story's part of the anthology, taken from its compile and kept for the next build."""
    if story.prepared is not None and story.prepared.anthology_part is not None:
        part, name = story.prepared.anthology_part, story.path.name
        fingerprint, place = build.fingerprints[story.path], build.places[story.path]
        # Kept, it is handed on by name, and its pages of XHTML leave this process; else it is held here.
        kept = build.parts.save(name, fingerprint, place, part)
        story.part = kept_part(build.out_dir, name, fingerprint, place, part) if kept else part
        story.prepared = replace(story.prepared, anthology_part=None)


def _write(build: _Build, stories: list[Story], to_compile: list[Story], workers: Workers, progress) -> Report:
    """The second half of build_library: the writing tasks of what is stale, run, and the state saved."""
    from bookmaker.slug import slugify

    out_dir, options, state, fingerprints, force = build.out_dir, build.options, build.state, build.fingerprints, build.force
    anthology_outputs, anthology_needed = build.anthology_outputs, build.anthology_needed

    paged = paged_format(options.formats)
    taken: set[str] = set()
    tasks: list[Task] = []
    for number, story in enumerate(stories, start=1):
        if story.error:  # refused before compiling (a link out of its folder)
            continue
        known = _known_outputs(state, story.path, options)
        if story in to_compile:
            if story.error:
                continue
            stem = slugify(story.title or story.path.stem)
        else:
            info = state.info(known[0])
            stem = info.get("stem") or slugify(story.path.stem)
            story.chapters, story.words, story.warnings = info.get("chapters", 0), info.get("words", 0), info.get("warnings", [])
        story.stem = _unique_stem(stem, taken)
        task = Task(story, number=number)
        for fmt, suffix in zip(options.formats, options.suffixes()):
            output = out_dir / f"{story.stem}{suffix}"
            story.outputs.append(output.name)
            # A PDF whose kept body the anthology cannot use (missing or damaged) is laid out again as its own
            # book would be, so the anthology gets the same bytes as when built from scratch.
            if (force or not state.fresh(output, fingerprints[story.path])
                    or (fmt == paged and anthology_needed
                        and not build.cache.sound(story.path.name, fingerprints[story.path]))):
                task.formats.append(fmt)
                task.outputs.append(output)
        if task.formats:
            if not story.compiled:  # its outputs went stale after the compiles (removed meanwhile)
                _take(story, _compile_in_worker(story.path, options, build.places.get(story.path)))
                if story.error:
                    continue
                _keep_part(build, story)
            task.cost = sum(cost(story.words, fmt) for fmt in task.formats if fmt != paged)
            task.source, task.prepared = Source((), (str(story.path),), estimate=story.prepared.estimate), story.prepared
            sizes = task.prepared.part_sizes if task.prepared else ()
            if paged in task.formats:
                task.cost += PAGED_COST * sum(sizes) if sizes else cost(story.words, paged)
            tasks.append(task)
    for story in stories:  # a task holds what its jobs need, until its last job is made (graph.write_books)
        story.prepared = None

    report = Report(stories, None)
    failed = [s for s in stories if s.error]
    report.errors += [s.error for s in failed if s.error]
    if build.anthology and stories:
        book = Story(build.anthology_file or out_dir / "anthology", stem="anthology")
        book.outputs = [o.name for o in anthology_outputs]
        report.anthology = book
        if anthology_needed and not failed:
            parts = [s.part for s in stories]
            book.chapters, book.words = sum(p.chapters for p in parts), sum(p.words for p in parts)
            task = Task(book, list(options.formats), anthology_outputs)
            task.cost = sum(cost(p.words, fmt) for p in parts for fmt in options.formats)
            task.source = Source((), tuple(str(s.path) for s in stories), anthology=True,
                                 anthology_file=str(build.anthology_file) if build.anthology_file else None,
                                 stories=tuple(parts))
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
    _run(tasks, build, workers, report, progress)
    report.notices += build.cache.discarded + build.parts.discarded
    state.save()
    return report


def _known_outputs(state: State, path: Path, options: BuildOptions) -> list[Path]:
    """Outputs the state says came from this story, for the formats asked now."""
    suffixes = tuple(options.suffixes())
    names = [name for name in state.by_source.get(path.name, ()) if name.endswith(suffixes)]
    return [state.path.parent / n for n in sorted(names)]


@dataclass(frozen=True)
class Compiled:
    """A compile job's result: what the build needs of the manuscript (its title, counts and warnings) and what
    prepare_story made of it, or the error line and its code. Not the manuscript: the parent would hold every
    story's until the last book is written."""

    title: str | None = None
    chapters: int = 0
    words: int = 0
    warnings: tuple[str, ...] = ()
    error: str | None = None
    exit_code: int = 0
    prepared: Prepared | None = None


def _compile_in_worker(path: Path, options: BuildOptions | None = None, anthology: tuple | None = None,
                       notes: str | None = None, own: bool = True) -> Compiled:
    """Decode, detect and typeset one story in a worker. With `options` (a build), the story is also rendered
    once for all its writing jobs (`own`: its own book is written), and for the anthology (number, count,
    language) if given (jobs.prepare_story)."""
    from bookmaker.budget import reading_budget
    from bookmaker.pipeline import compile_story

    try:
        with reading_budget(str(path)):  # a hostile file holds a worker for a bounded time, then fails alone
            manuscript = compile_story(path, notes or (options.notes if options is not None else "keep"))
        prepared = None
        if options is not None:
            from bookmaker.jobs import prepare_story

            prepared = prepare_story(Source.story(manuscript, path), options, anthology, own)
        warnings = tuple(f"{d.code} {d.message}" for d in manuscript.diagnostics if is_warning(d.code))
        return Compiled(manuscript.meta.title, len(manuscript.chapters), manuscript.word_count, warnings,
                        prepared=prepared)
    except BookmakerError as error:
        return Compiled(error=str(error), exit_code=error.exit_code)


def _compile_many(stories: list[Story], workers: Workers, options: BuildOptions,
                  anthology: dict[Path, tuple] | None = None, own: set[Path] | None = None) -> None:
    """Compile the stories on the build's executor, longest first: the longest story's writing jobs wait for
    its compile, and they are the longest too (the parent only gathers the results). `own`: the stories whose
    own books are written (the others are compiled for the anthology only)."""
    jobs = Dispatcher(workers)
    for story in stories:
        jobs.add(_size(story.path), story, _compile_in_worker, story.path, options, (anthology or {}).get(story.path),
                 None, own is None or story.path in own)
    for story, result in jobs.results():
        _take(story, result)


def _refuse_outside_link(story: Story) -> None:
    """A story file that is a symbolic link is followed only to a file inside the folder the link is in: a
    `passwd.txt` link to /etc/passwd in a story folder must not become a book. Name the target to build it."""
    from bookmaker.links import LinkLoop, outside_target

    path = story.path
    try:
        target = outside_target(path)
    except LinkLoop:
        story.error, story.error_code = f"{path}: a symbolic link that cannot be followed", 2
        return
    if target is not None:
        story.error = f"{path}: a symbolic link to {target}, outside its folder: not followed (build the file itself)"
        story.error_code = 2


def _refuse_undecodable_name(story: Story) -> None:
    """A story whose file name is not UTF-8 (a byte such as 0xFF): its name is the book's source in the EPUB's
    metadata and in the state file, which hold Unicode only, so it is refused with one line: rename it."""
    try:
        story.path.name.encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(story.path).decode("utf-8", "backslashreplace")
        story.error, story.error_code = f"{shown}: the file name is not valid UTF-8: rename the file", 2


def _size(path: Path) -> int:
    """The file's size for scheduling; 0 for one that cannot be read (its compile job reports why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _take(story: Story, result: Compiled) -> None:
    """Record a compile result on the story: its title and counts, or its error (the others go on)."""
    story.error, story.error_code, story.prepared = result.error, result.exit_code, result.prepared
    if result.error is None:
        story.compiled, story.title = True, result.title
        story.chapters, story.words, story.warnings = result.chapters, result.words, list(result.warnings)


def _run(tasks: list[Task], build: _Build, workers: Workers, report: Report, progress) -> None:
    """Run the writing jobs, dearest first, on the build's executor (this process, a pool or a cluster: the same
    jobs in the same order).

    A story's PDF is written in jobs: its body is laid out (in parts, side by side, when long), then its book
    composed. The anthology's PDF reuses every body, so it waits for the last one, not for whole books; an idle
    worker lays the folio layer out meanwhile.
    """
    options, state, fingerprints, cache = build.options, build.state, build.fingerprints, build.cache
    tasks.sort(key=lambda t: -t.cost)
    if not tasks:
        return
    anthology = next((t for t in tasks if t.source.anthology), None)
    stories = [t for t in tasks if t is not anthology]
    done: list[Task] = []

    def finish(task: Task, result: JobResult, formats: list[str], last: bool) -> None:
        """Record what a job wrote of `formats` (and its errors); `last`: the book is complete."""
        story = task.story
        # A book's jobs may report the same line (each part of a PDF body meets the same page cap): say it once.
        report.errors += [e for e in result.errors if e not in report.errors]
        story.warnings += [w for w in result.warnings if w not in story.warnings]
        for fmt, output in zip(task.formats, task.outputs):
            if fmt not in formats:
                continue
            if output.name not in result.written and not output.is_file():
                story.outputs.remove(output.name)  # failed, and no earlier version: the summary must not list it
            if output.name in result.written:
                story.built.append(output.name)
                fingerprint = build.anthology_print if task is anthology else fingerprints[story.path]
                state.record(output, fingerprint, {"source": story.path.name, "stem": story.stem,
                                                   "chapters": story.chapters, "words": story.words,
                                                   "warnings": story.warnings})
        if last:
            done.append(task)
            if progress:
                progress(story.stem, len(done), len(tasks))

    # The anthology's PDF composes every story's body: those not laid out in this build come from the cache,
    # named (KeptBody), not read here: the job that joins them reads them.
    bodies: dict = {}
    paged = paged_format(options.formats)
    if anthology is not None and paged in anthology.formats:
        rebuilt = {t.number for t in stories if paged in t.formats}
        for number, story in enumerate(report.stories, start=1):
            pages = None if number in rebuilt else cache.kept_pages(story.path.name, fingerprints[story.path])
            if pages is not None:
                bodies[number] = KeptBody(str(build.out_dir), story.path.name, fingerprints[story.path], pages)

    def save_body(task: Task, pieces: list) -> None:
        name, fingerprint = task.story.path.name, fingerprints[task.story.path]
        kept = cache.save(name, fingerprint, pieces)
        pages = sum(piece.pages for piece in pieces)
        bodies[task.number] = KeptBody(str(build.out_dir), name, fingerprint, pages) if kept else pieces

    # The paged writer's ahead parts (the PDF's folio layer, in chunks) are kept for builds with the same toolchain
    # and options: a rebuild lays none of them out again.
    folder = KeptFolder(str(cache.folder), build.ahead_key, reuse=not build.force)

    def load_ahead(part: int) -> bytes | None:
        damaged: list[str] = []
        found = folder.load(f"ahead{part}", damaged)
        cache.discarded += [f"{name}: a kept part of the folio layer is damaged: laid out again" for name in damaged]
        return found[0] if found and found[2] == build.ahead_key else None

    kept = Kept(bodies, load_ahead, save_body, lambda part, data: folder.save(f"ahead{part}", build.ahead_key, data),
                folder)
    write_books(stories, anthology, options, paged, workers, finish, kept)


WARNING_CODES = {"D001", "D004", "D101", "D110", "D111", "D199", "D301"}


def is_warning(code: str) -> bool:
    """Diagnostics that are guesses or losses (a warning, fatal under --strict); the rest only inform."""
    return code in WARNING_CODES
