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
    return target
