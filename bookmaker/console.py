"""What a build shows a person: a progress bar (rich) while it works, then a summary table; Report -> terminal."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from functools import lru_cache


@lru_cache(maxsize=None)
def consoles():
    """(stdout, stderr) rich consoles, made on first use: a quiet build that fails nothing never imports rich."""
    from rich.console import Console

    # Piped or logged, a table is not squeezed into 80 columns; an error stays one line, however long.
    return Console() if sys.stdout.isatty() else Console(width=160), Console(stderr=True, soft_wrap=True)


def __getattr__(name: str):
    if name in ("out", "err"):
        return consoles()[name == "err"]
    raise AttributeError(name)


@contextmanager
def progress(enabled: bool = True):
    """Yield a callback(name, done, total) that drives a progress bar on stderr (only on a terminal)."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("[bold]building[/]"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  TimeElapsedColumn(), console=consoles()[1], transient=True) as bar:
        task = bar.add_task("", total=None)

        def advance(name: str, done: int, total: int) -> None:
            bar.update(task, total=total, completed=done, description=name)

        yield advance


def shown(name: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 (kept as surrogates) shown as \\xff."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def summary(report, quiet: bool = False, verbose: bool = False) -> None:
    """One row per story (and the anthology): chapters, words, outputs, warnings; then errors, one line each."""
    for error in report.errors:
        consoles()[1].print(f"error: {error}", highlight=False, markup=False)
    if quiet:
        return
    from rich.table import Table

    out, err = consoles()
    rows = [*report.stories, *([report.anthology] if report.anthology else [])]
    table = Table(title=None, show_edge=False, pad_edge=False)
    for column, justify in (("story", "left"), ("book", "left"), ("chapters", "right"), ("words", "right"),
                            ("outputs", "left"), ("warnings", "right")):
        table.add_column(column, justify=justify, no_wrap=column in ("story", "book"))
    for story in rows:
        if story.error:
            table.add_row(shown(story.path.name), "-", "-", "-", "[red]failed[/]", "-")
            continue
        # "epub, pdf" for files written now; "(up to date)" for those kept from an earlier build.
        outputs = ", ".join(name.rsplit(".", 1)[-1] + ("" if name in story.built else " (up to date)")
                            for name in story.outputs)
        source = "" if story.stem == "anthology" else shown(story.path.name)
        table.add_row(source, story.stem, str(story.chapters), f"{story.words:,}", outputs, str(len(story.warnings)))
    out.print(table)
    built = sum(len(s.built) for s in rows)
    if built == 0 and not report.errors:
        out.print("Nothing to rebuild: every book is up to date.")
    else:
        out.print(f"Built {built} file(s); {report.skipped} up to date.")
    if verbose:
        for story in rows:
            for warning in story.warnings:
                err.print(f"warning: {shown(story.path.name)}: {warning}", highlight=False, markup=False)
        for notice in getattr(report, "notices", []):
            err.print(f"note: {notice}", highlight=False, markup=False)


def check_table(results) -> None:
    from rich.table import Table

    out, err = consoles()
    table = Table(show_edge=False, pad_edge=False)
    for column in ("file", "validator", "errors", "warnings", "result"):
        table.add_column(column)
    for r in results:
        table.add_row(r.path.name, r.validator, str(r.errors), str(r.warnings), "[green]ok[/]" if r.ok else "[red]failed[/]")
    out.print(table)
    for r in results:
        for message in r.messages[:20]:
            err.print(f"{r.path.name}: {message}", highlight=False, markup=False)
