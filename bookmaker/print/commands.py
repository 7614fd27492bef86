"""The print commands' work behind the CLI: parsed options -> files written and one summary line each."""

from __future__ import annotations

from pathlib import Path

import typer

from bookmaker.errors import BuildError
from bookmaker.print.impose import Duplex, ImposeOptions, impose_file

POINTS_PER_INCH = 72.0


def paper_points(text: str | None) -> tuple[float, float] | None:
    """A --paper value (a page size name or WIDTHxHEIGHT) -> (width, height) in points; None for none."""
    if not text:
        return None
    from bookmaker.writers.pdf import page_size

    _, width, height = page_size(text)
    return width * POINTS_PER_INCH, height * POINTS_PER_INCH


def duplex_named(text: str) -> Duplex:
    try:
        return Duplex(text.strip().lower())
    except ValueError:
        raise BuildError(f"--duplex {text!r} is not one of {', '.join(d.value for d in Duplex)}") from None


def impose_command(book: Path, output: Path | None, layout: str, sheets: int, duplex: str, paper: str | None,
                   marks: bool, sewing: int, order_marks: bool, creep: float) -> Path:
    """Impose one book PDF and say what was made: sheets, signatures, blanks."""
    options = ImposeOptions(layout=layout, sheets_per_signature=sheets or None, duplex=duplex_named(duplex),
                            paper=paper_points(paper), crop_marks=marks, fold_marks=marks, sewing_stations=sewing,
                            order_marks=order_marks, creep_mm=creep)
    name = options.resolved_layout().name
    target = output or book.with_name(f"{book.stem}.{name}.pdf")
    if target.resolve() == book.resolve():
        raise BuildError("the imposed sheets would overwrite the book", str(book))
    imposed = impose_file(book, target, options)
    the_plan, geo = imposed.plan, imposed.geometry
    sizes = ", ".join(str(s) for s in the_plan.signature_sheets)
    typer.echo(f"{target}: {len(the_plan.sheets)} {name} sheets of {geo.sheet_width / 72:.2f} x "
               f"{geo.sheet_height / 72:.2f} in, printed on both sides; signatures of {sizes} sheets; "
               f"{the_plan.pages} pages + {the_plan.blanks} blank at the end")
    typer.echo(f"  {the_plan.layout.instructions()}; nest the sheets of a signature in order, the first outside")
    return target


def _book_facts(book: Path) -> tuple[tuple[float, float], int, dict[str, str]]:
    """A book PDF -> (its trim in points, its page count, its title, author, subject and language)."""
    from bookmaker.print.book_pdf import open_book, read_book

    with open_book(read_book(book), book) as pdf:
        page = pdf.pages[0]
        box = [float(v) for v in page.obj.get("/TrimBox", page.mediabox)]
        info = {key[1:].lower(): str(value) for key, value in (pdf.docinfo or {}).items()}
        info["lang"] = str(pdf.Root.get("/Lang", "en"))
        return (box[2] - box[0], box[3] - box[1]), len(pdf.pages), info


def cover_command(book: Path, output: Path | None, pages_per_inch: float, bleed_in: float, marks: bool,
                  title: str | None, author: str | None, summary: str | None) -> Path:
    """Make the cover wrap of a built book PDF: its trim, page count, title, author and summary read from it."""
    from bookmaker.atomic import write_bytes_atomic
    from bookmaker.print.cover_wrap import CoverText, cover_wrap, wrap_geometry

    trim, pages, info = _book_facts(book)
    title = title or info.get("title")
    if not title:
        raise BuildError("the PDF has no title: give --title", str(book))
    text = CoverText(title, author or info.get("author"), summary or info.get("subject"), info["lang"])
    geo = wrap_geometry(trim, pages, pages_per_inch, bleed_in * POINTS_PER_INCH, marks)
    target = output or book.with_name(f"{book.stem}.cover.pdf")
    write_bytes_atomic(target, cover_wrap(text, geo))
    typer.echo(f"{target}: cover wrap {geo.bleed_width / 72:.3f} x {geo.bleed_height / 72:.3f} in with bleed "
               f"(cut: {geo.width / 72:.3f} x {geo.trim_height / 72:.3f} in), spine {geo.spine / 72:.3f} in "
               f"for {pages} pages at {pages_per_inch:g} pages per inch")
    return target


def print_outputs(report, out: Path, layout: str | None, wraps: bool) -> list[Path]:
    """After a build: every PDF it made (or found up to date) imposed with fold and collation marks, and/or
    given its cover wrap, beside it."""
    from bookmaker.print.cover_wrap import DEFAULT_PPI

    made = []
    stories = list(report.stories) + ([report.anthology] if report.anthology else [])
    for path in (out / name for story in stories for name in story.outputs if name.endswith(".pdf")):
        if not path.is_file():
            continue
        if layout:
            made.append(impose_command(path, None, layout, sheets=0, duplex=Duplex.PAGE.value, paper=None, marks=True,
                                       sewing=0, order_marks=True, creep=0.0))
        if wraps:
            made.append(cover_command(path, None, pages_per_inch=DEFAULT_PPI, bleed_in=0.125, marks=False,
                                      title=None, author=None, summary=None))
    return made


def prepress_command(book: Path, output: Path | None, multiple: int) -> Path:
    """Write the print-ready copy of a book PDF and say what changed."""
    from bookmaker.print.book_pdf import rewrite
    from bookmaker.print.prepress import prepress

    target = output or book.with_name(f"{book.stem}.print.pdf")
    if target.resolve() == book.resolve():
        raise BuildError("the print-ready copy would overwrite the book", str(book))
    done = rewrite(book, target, lambda data: prepress(data, multiple))
    typer.echo(f"{target}: {done.colours_rewritten} RGB greys set in DeviceGray, {done.blanks_added} blank page(s) "
               f"added at the end")
    return target


def volumes_command(story: Path, out: Path, max_pages: int, formats: list[str], page_size: str | None) -> list[Path]:
    """Split a story into volumes under `max_pages` and write each as its own book (NAME.vol1.pdf, ...)."""
    import pikepdf

    from bookmaker.pipeline import compile_story
    import dataclasses

    from bookmaker.print.trim import gutter
    from bookmaker.print.volumes import measure, split, volume_manuscript
    from bookmaker.render import book_display_title, render_book
    from bookmaker.render.book import Options
    from bookmaker.render.identity import source_date
    from bookmaker.slug import slugify
    from bookmaker.writers import pdf, writer_for
    from bookmaker.writers.pdf_layout import anchor

    writers = [writer_for(f) for f in dict.fromkeys(formats or ["pdf"])]
    if page_size:
        pdf.page_size(page_size)  # a bad size fails before anything is laid out
    manuscript = compile_story(story)
    if not manuscript.chapters:
        raise BuildError("no chapters to split into volumes", str(story))
    options = Options(page_size=page_size, modified=source_date(story))
    whole = render_book(manuscript, options)
    data, _ = pdf.compose(whole, options)
    chapters = [anchor(doc.name) for doc in whole.documents if doc.kind == "chapter"]
    volumes = split(measure(data, chapters), max_pages)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot create the folder ({error.strerror})", str(out)) from None
    stem = slugify(book_display_title(manuscript))
    written = []
    for volume in volumes:
        # Each volume is bound alone: its gutter is the one its own thickness needs.
        volume_options = dataclasses.replace(options, gutter=gutter(volume.estimated_pages))
        book = render_book(volume_manuscript(manuscript, volume, len(volumes)), volume_options)
        for writer in writers:
            target = out / f"{stem}.vol{volume.number}{writer.suffix}"
            writer.write(book, target, volume_options)
            written.append(target)
            if writer.name == "pdf":
                with pikepdf.open(target) as made:
                    pages = len(made.pages)
                over = " (over the budget: one chapter is longer)" if pages > max_pages else ""
                typer.echo(f"{target}: chapters {volume.first + 1}-{volume.end}, {pages} pages{over}, "
                           f"gutter at least {volume_options.gutter:.3g} in")
            else:
                typer.echo(f"{target}: chapters {volume.first + 1}-{volume.end}")
    return written
