"""The command line: `bookmaker build | inspect | manuscript | check`; argv -> files in dist/ and an exit code."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

import typer

from bookmaker.errors import BookmakerError, BuildError, StrictError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    help="bookmaker: turn raw stories into EPUB 3 and print-ready PDF books.",
)


def _show_version(asked: bool) -> None:
    if asked:
        from bookmaker import __version__

        typer.echo(f"bookmaker {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                          help="Print bookmaker's version and exit.")) -> None:
    """bookmaker: turn raw stories into EPUB 3 and print-ready PDF books."""


def fail(error: BookmakerError) -> None:
    """Print one line on stderr and exit with the error's code."""
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(error.exit_code)


def _placement(value: str) -> str:
    from bookmaker.notes_placement import checked_placement

    try:
        return checked_placement(value, "--notes")
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


NOTES_OPTION = typer.Option("keep", "--notes", callback=_placement, metavar="keep|end|omit",
                            help="Author's notes: in place (keep), collected at the end of the book (end), or left "
                                 "out (omit). A story's metadata file may say author_notes = \"end\".")


@app.command()
def inspect(
    file: Path = typer.Argument(..., help="A story: text, Markdown, HTML, DOCX, ODT, EPUB or RTF.",
                                readable=False),
    as_json: bool = typer.Option(False, "--json", help="Print the manuscript as JSON."),
    notes: str = NOTES_OPTION,
) -> None:
    """Show the structure found in a story.

    Example: bookmaker inspect seeds/002_da42a1dd7f11f69f.txt --json
    """
    from bookmaker import views
    from bookmaker.pipeline import compile_story_with_changes

    manuscript, changes = compile_story_with_changes(file, notes)
    if as_json:
        typer.echo(json.dumps(views.to_json(manuscript), ensure_ascii=False, indent=2))
    else:
        typer.echo(views.report(manuscript, changes))


@app.command()
def manuscript(
    file: Path = typer.Argument(..., help="A story: text, Markdown, HTML, DOCX, ODT, EPUB or RTF.",
                                readable=False),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of standard output."),
    notes: str = NOTES_OPTION,
) -> None:
    """Write the structured manuscript as an editable Markdown file.

    Example: bookmaker manuscript seeds/003_4ee20ee4305d8422.txt -o story.md
    """
    from bookmaker import manuscript_md
    from bookmaker.atomic import write_text_atomic
    from bookmaker.pipeline import compile_story

    text = manuscript_md.write(compile_story(file, notes))
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text_atomic(output, text)


# Paths are not checked by click (`readable=False`): an unreadable story is the decoder's InputError, one line
# like every other bad input, not click's four-line usage message.
SEEDS = Path("seeds")
DIST = Path("dist")


@app.command()
def build(
    files: Optional[List[Path]] = typer.Argument(None, help="Stories to build (default: every story in seeds/).",
                                                 readable=False),
    out: Path = typer.Option(DIST, "--out", "-o", help="Output folder."),
    formats: Optional[List[str]] = typer.Option(None, "--format", "-f", help="epub or pdf; repeat for both (default: both)."),
    page_size: Optional[str] = typer.Option(None, "--page-size", help="PDF trim size: A4, A5, Letter, 6x9 or WIDTHxHEIGHT (5.5x8.5in)."),
    right_hand: bool = typer.Option(False, "--right-hand-chapters", help="PDF: open every chapter on a right-hand page."),
    notes: str = NOTES_OPTION,
    font: Optional[str] = typer.Option(None, "--font", help="PDF book face: charis (default), garamond or libertine."),
    trim: Optional[str] = typer.Option(None, "--trim", help="PDF trim by name: A5, A6, B6, 5x8, 5.25x8, 5.5x8.5, 6x9 (or WIDTHxHEIGHT)."),
    impose_layout: Optional[str] = typer.Option(None, "--impose", help="Also impose each PDF for binding: folio, quarto or octavo (NAME.LAYOUT.pdf)."),
    cover_wraps: bool = typer.Option(False, "--cover-wrap", help="Also write each PDF's print cover wrap (NAME.cover.pdf)."),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, help="Stories built in parallel processes (default: the number of cores)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", envvar="BOOKMAKER_SCHEDULER",
                                            help="Run the jobs on a Dask cluster: its scheduler's address (tcp://HOST:8786)."),
    no_anthology: bool = typer.Option(False, "--no-anthology", help="Do not bundle the stories into an anthology."),
    force: bool = typer.Option(False, "--force", help="Rebuild everything, even what is up to date."),
    strict: bool = typer.Option(False, "--strict", help="Warnings fail the build."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Print every warning."),
) -> None:
    """Build EPUB and PDF books, and the anthology of them.

    Example: bookmaker build                      (every story in seeds/, plus dist/anthology.epub and .pdf)
    Example: bookmaker build story.txt -f epub    (one story, EPUB only)
    Example: bookmaker build - -o story.epub < story.docx   (a story on standard input)
    """
    from bookmaker import readers

    stdin_book: _StdinBook | None = None
    if files and [str(f) for f in files] == [readers.STDIN]:
        stdin_book = _StdinBook.start(out)  # `build - -o NAME.epub`: built aside, then put where -o says
        files, out, formats, no_anthology = [stdin_book.story], stdin_book.folder, [stdin_book.format], True
    try:
        _build(files, out, formats, page_size, trim, right_hand, notes, impose_layout, cover_wraps, jobs, no_anthology,
               force, strict, quiet, verbose, scheduler, font)
        if stdin_book:
            stdin_book.finish()
    finally:
        if stdin_book:
            stdin_book.clean()


@dataclass
class _StdinBook:
    """A story read from standard input, built in a scratch folder, its one book then moved to `target`."""

    target: Path
    format: str
    scratch: Path

    @property
    def story(self) -> Path:
        return self.scratch / "stdin.txt"  # what it holds, not this name, chooses the reader

    @property
    def folder(self) -> Path:
        return self.scratch / "out"

    @classmethod
    def start(cls, target: Path) -> "_StdinBook":
        import tempfile

        from bookmaker import readers

        if target.suffix.lower() not in (".epub", ".pdf"):
            raise BuildError("a story on standard input needs the book's name: -o NAME.epub or -o NAME.pdf")
        data = readers.load_source(Path(readers.STDIN)).data
        book = cls(target, target.suffix.lower().lstrip("."), Path(tempfile.mkdtemp(prefix="bookmaker-stdin-")))
        book.story.write_bytes(data)
        return book

    def finish(self) -> None:
        from bookmaker.atomic import write_bytes_atomic

        [built] = [p for p in self.folder.iterdir() if p.suffix == self.target.suffix.lower()]
        self.target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(self.target, built.read_bytes())

    def clean(self) -> None:
        import shutil

        shutil.rmtree(self.scratch, ignore_errors=True)


def _face(font: str | None) -> str | None:
    """--font as given -> the face's name (None for the default); BuildError naming the choices otherwise."""
    if font is None:
        return None
    from bookmaker.writers.faces import DEFAULT, face_named

    try:
        name = face_named(font).name
    except ValueError as error:
        raise BuildError(str(error)) from None
    return None if name == DEFAULT else name


def _build(files, out, formats, page_size, trim, right_hand, notes, impose_layout, cover_wraps, jobs, no_anthology,
           force, strict, quiet, verbose, scheduler=None, font=None) -> None:
    """The build itself, for `build`'s arguments."""
    from bookmaker import console, readers
    from bookmaker.anthology import ANTHOLOGY_FILE, order_stories
    from bookmaker.jobs import BuildOptions
    from bookmaker.library import build_library, find_stories

    library_mode = not files
    folder = SEEDS
    if files and len(files) == 1 and files[0].is_dir():
        folder, library_mode = files[0], True
    paths = find_stories(folder) if library_mode else list(files or [])
    if library_mode and not paths:
        raise BuildError(f"no stories ({', '.join(readers.SUFFIXES)}) in {folder}/")
    anthology_file = folder / ANTHOLOGY_FILE if library_mode else None
    if anthology_file:
        paths = order_stories(paths, anthology_file)
    if trim:
        from bookmaker.print.trim import trim_named

        page_size = page_size or trim_named(trim).css()  # a bad name fails before anything is built
    options = BuildOptions(formats=tuple(dict.fromkeys(f.lower() for f in (formats or ["epub", "pdf"]))),
                           page_size=page_size, right_hand_chapters=right_hand, notes=notes,
                           font=_face(font))
    options.suffixes()  # an unknown format fails before anything is built
    if page_size:
        from bookmaker.writers.pdf import page_size as parse_page_size

        parse_page_size(page_size)  # a bad size fails before anything is built
    from bookmaker.process_ties import stopped

    try:
        with console.progress(enabled=not quiet) as progress:
            report = build_library(paths, out, options, anthology=library_mode and not no_anthology and len(paths) > 0,
                                   anthology_file=anthology_file, jobs=jobs, force=force, progress=progress,
                                   scheduler=scheduler)
    except KeyboardInterrupt as interrupt:  # Ctrl-C or SIGTERM, workers stopped: one line, exit 130 or 143
        raise stopped(interrupt) from None
    console.summary(report, quiet=quiet, verbose=verbose)
    if impose_layout or cover_wraps:
        from bookmaker.print.commands import print_outputs

        print_outputs(report, out, impose_layout, cover_wraps)
    if report.errors:
        # A story that could not be read gives its own code (2 bad input, 3 bad metadata); a failed book, 1.
        raise typer.Exit(max((s.error_code for s in report.stories if s.error), default=1))
    warnings = sum(len(s.warnings) for s in report.stories) + (len(report.anthology.warnings) if report.anthology else 0)
    if strict and warnings:
        raise StrictError(f"{warnings} warning(s) and --strict given (see --verbose)")


@app.command()
def check(
    files: Optional[List[Path]] = typer.Argument(None, help="EPUB and PDF files, or folders of them (default: dist/)."),
    for_print: bool = typer.Option(False, "--print", help="PDFs: also trim, bleed, page count, fonts and black against a print service's rules."),
    service: str = typer.Option("generic", "--service", help="With --print: generic, kdp, ingram, lulu or binder."),
) -> None:
    """Validate books: EPUBs with EPUBCheck (where Java is present), PDFs with qpdf or pypdf.

    Example: bookmaker check dist/missing-him.epub dist/missing-him.pdf
    Example: bookmaker check books/                (every book in a build's output folder)
    Example: bookmaker check dist/missing-him.pdf --print --service kdp
    """
    from bookmaker import validate

    paths = [book for path in (files or [DIST]) for book in
             (sorted(p for p in path.glob("*") if p.suffix in (".epub", ".pdf")) if path.is_dir() else [path])]
    if not paths:
        raise BuildError(f"nothing to check: no .epub or .pdf in {', '.join(map(str, files or [DIST]))}")
    results = validate.check_files(paths)
    if for_print:
        from bookmaker.print.print_check import check_print, service_named

        rules = service_named(service)
        results += [check_print(p, rules) for p in paths if p.suffix.lower() == ".pdf" and p.is_file()]
    from bookmaker.console import check_table

    check_table(results)
    if any(not r.ok for r in results):
        raise typer.Exit(1)


@app.command()
def impose(
    book: Path = typer.Argument(..., help="A book PDF (one page a page).", readable=False),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Default: BOOK.LAYOUT.pdf beside the book."),
    layout: str = typer.Option("folio", "--layout", "-l", help="folio (4 pages a sheet), quarto (8) or octavo (16)."),
    sheets: int = typer.Option(0, "--sheets", min=0, help="Sheets per signature (default: 4 for folio, 1 otherwise)."),
    duplex: str = typer.Option("page", "--duplex", help="How the printer turns the sheet: page (like a book page), short or long edge."),
    paper: Optional[str] = typer.Option(None, "--paper", help="Paper to centre the sheets on: Letter, A4, 11x17 (default: just the pages)."),
    marks: bool = typer.Option(False, "--marks", help="Crop and fold marks."),
    sewing: int = typer.Option(0, "--sewing", min=0, help="Sewing stations marked on each signature's centre fold."),
    order_marks: bool = typer.Option(False, "--order-marks", help="A collation mark on each signature's spine fold."),
    creep: float = typer.Option(0.0, "--creep", min=0.0, help="Creep correction: the paper's thickness in mm."),
) -> None:
    """Impose a book PDF into folded signatures for binding (front and back of each sheet, in print order).

    Example: bookmaker impose dist/missing-him.pdf --layout folio --sheets 4 --marks --sewing 4 --order-marks
    """
    from bookmaker.print.commands import impose_command

    impose_command(book, output, layout, sheets, duplex, paper, marks, sewing, order_marks, creep)


@app.command()
def cover(
    book: Path = typer.Argument(..., help="A book PDF: its trim, page count, title, author and summary are read from it.", readable=False),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Default: BOOK.cover.pdf beside the book."),
    ppi: float = typer.Option(444.0, "--ppi", min=100.0, max=1000.0, help="The paper's pages per inch (444 white, 400 cream)."),
    bleed: float = typer.Option(0.125, "--bleed", min=0.0, max=0.5, help="Bleed in inches on every side."),
    marks: bool = typer.Option(False, "--marks", help="Crop and spine-fold marks on a slug around the bleed."),
    title: Optional[str] = typer.Option(None, "--title", help="Instead of the PDF's title."),
    author: Optional[str] = typer.Option(None, "--author", help="Instead of the PDF's author."),
    summary: Optional[str] = typer.Option(None, "--summary", help="Instead of the PDF's subject, for the back."),
) -> None:
    """Make a print cover wrap for a book PDF: back, spine and front at the trim size plus bleed.

    Example: bookmaker cover dist/missing-him.pdf --ppi 400 --marks
    """
    from bookmaker.print.commands import cover_command

    cover_command(book, output, ppi, bleed, marks, title, author, summary)


@app.command()
def prepress(
    book: Path = typer.Argument(..., help="A book PDF.", readable=False),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Default: BOOK.print.pdf beside the book."),
    multiple: int = typer.Option(2, "--multiple", min=1, max=64, help="Pad the page count to a multiple of this (4: whole folio sheets)."),
) -> None:
    """Make a book PDF ready for a print service: black and greys in DeviceGray, blank pages at the end to an even count.

    Example: bookmaker prepress dist/missing-him.pdf --multiple 4
    """
    from bookmaker.print.commands import prepress_command

    prepress_command(book, output, multiple)


@app.command()
def volumes(
    story: Path = typer.Argument(..., help="A story (any format build reads).", readable=False),
    max_pages: int = typer.Option(..., "--max-pages", min=8, help="The most pages a volume may have."),
    out: Path = typer.Option(DIST, "--out", "-o", help="Output folder."),
    formats: Optional[List[str]] = typer.Option(None, "--format", "-f", help="pdf or epub; repeat for both (default: pdf)."),
    page_size: Optional[str] = typer.Option(None, "--page-size", help="PDF trim, as for build."),
) -> None:
    """Split a long story into volumes at chapter boundaries, each a book of its own ("Title, Volume 2").

    Example: bookmaker volumes seeds/002_da42a1dd7f11f69f.txt --max-pages 60
    """
    from bookmaker.print.commands import volumes_command

    volumes_command(story, out, max_pages, list(formats or []), page_size)


def main() -> None:
    """Entry point that turns the project's errors into one line and an exit code, never a traceback."""
    try:
        # Without standalone mode click *returns* the code of a `raise typer.Exit(n)` instead of exiting with it.
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except BookmakerError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        typer.echo("error: interrupted", err=True)
        sys.exit(130)
    except (typer.Exit,) as done:
        sys.exit(done.exit_code)
    except Exception as error:  # a bug: still one line, with what to report
        # typer 0.2x carries its own copy of click (typer._click): a usage error is an instance of that copy's class.
        if hasattr(error, "show") and hasattr(error, "exit_code") and type(error).__module__.endswith("click.exceptions"):
            error.show()
            sys.exit(error.exit_code)
        if isinstance(error, typer.Abort) or type(error).__name__ == "Abort":
            typer.echo("error: aborted", err=True)
            sys.exit(1)
        typer.echo(f"error: internal error ({type(error).__name__}: {error}); please report it", err=True)
        sys.exit(70)
