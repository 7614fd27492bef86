"""A book PDF on disk or in memory -> an open pikepdf.Pdf with pages, or one InputError line saying why not."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

from bookmaker.errors import InputError


def read_book(path: Path) -> bytes:
    """The file's bytes; InputError (with the path) when it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read ({error.strerror})", str(path)) from None


def open_book(data: bytes, path: Path | None = None) -> pikepdf.Pdf:
    """PDF bytes -> the open document; InputError when they are not a PDF, are damaged or hold no page."""
    where = str(path) if path else None
    if b"%PDF-" not in data[:1024]:  # the header a PDF reader looks for, within its first kilobyte
        raise InputError("not a PDF", where)
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError:
        raise InputError("a damaged PDF: qpdf cannot read it", where) from None
    if not len(pdf.pages):
        raise InputError("the PDF has no pages", where)
    return pdf


def rewrite(path: Path, output: Path, make):
    """The book at `path` -> `make(bytes)`, whose `.data` is written to `output` atomically; returns what make made.
    An InputError from `make` names the book."""
    from bookmaker.atomic import write_bytes_atomic

    data = read_book(path)
    try:
        made = make(data)
    except InputError as error:
        raise InputError(error.message, str(path)) from None
    write_bytes_atomic(output, made.data)
    return made
