"""A book interior or cover wrap PDF and a print service's rules -> a CheckResult: trim, bleed, pages, fonts, black.

The rules are the services' published ones as far as a PDF shows them (2024 specifications; services change
them, so a passing check is a good sign, not their approval). An interior is a file whose pages are one trim;
a cover wrap is a one-page file wider than it is tall with a TrimBox.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf

from bookmaker.errors import BuildError
from bookmaker.print.impose import IMPOSED_CREATOR
from bookmaker.print.trim import POINTS_PER_INCH, TRIMS, Trim, trim_of
from bookmaker.validate import CheckResult


@dataclass(frozen=True)
class Service:
    name: str
    trims: tuple[str, ...]  # names in bookmaker.print.trim.TRIMS
    min_pages: int
    max_pages: int
    page_multiple: int  # the page count must be a multiple of this
    cover_bleed: float  # inches


SERVICES = {s.name: s for s in (
    Service("generic", tuple(TRIMS), 24, 800, 2, 0.125),
    Service("kdp", ("5x8", "5.06x7.81", "5.25x8", "5.5x8.5", "6x9", "6.14x9.21", "7x10", "8.5x11", "A4"),
            24, 828, 2, 0.125),
    Service("ingram", ("A5", "5x8", "5.25x8", "5.5x8.5", "6x9", "6.14x9.21", "4.25x6.87", "7x10", "8.5x11", "A4"),
            18, 1200, 2, 0.125),
    Service("lulu", ("A5", "A4", "5.5x8.5", "6x9", "6.14x9.21", "4.25x6.87", "8.5x11"), 32, 800, 2, 0.125),
    Service("binder", tuple(TRIMS), 4, 2000, 4, 0.125),  # a hand binder's folio signatures: whole sheets
)}


def service_named(name: str) -> Service:
    try:
        return SERVICES[name.strip().lower()]
    except KeyError:
        raise BuildError(f"print service {name!r} is not one of {', '.join(SERVICES)}") from None


def _inches(points: float) -> str:
    return f"{points / POINTS_PER_INCH:.3f}"


def _fonts_not_embedded(pdf: pikepdf.Pdf) -> list[str]:
    missing = []
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and obj.get("/Subtype") != "/Type3":
            descriptors = [obj.get("/FontDescriptor")] + [f.get("/FontDescriptor") for f in obj.get("/DescendantFonts", [])]
            if not any(d is not None and any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")) for d in descriptors):
                missing.append(str(obj.get("/BaseFont", "?")).lstrip("/"))
    return sorted(set(missing))


def _rgb_black_pages(pdf: pikepdf.Pdf) -> int:
    """Pages that set black (or any grey) as RGB: a service prints it from three or four inks, not black alone."""
    count = 0
    for page in pdf.pages:
        for operands, operator in pikepdf.parse_content_stream(page, "rg RG"):
            values = [float(v) for v in operands]
            if len(values) == 3 and values[0] == values[1] == values[2]:
                count += 1
                break
    return count


def _page_size(page: pikepdf.Page) -> tuple[float, float]:
    box = [float(v) for v in page.obj.get("/TrimBox", page.mediabox)]
    width, height = box[2] - box[0], box[3] - box[1]
    return (height, width) if int(page.obj.get("/Rotate", 0)) % 180 == 90 else (width, height)


def _check_cover(pdf: pikepdf.Pdf, service: Service, result: CheckResult) -> None:
    page = pdf.pages[0].obj
    trim = [float(v) for v in page.TrimBox]
    bleed = [float(v) for v in page.get("/BleedBox", page.MediaBox)]
    sides = [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]]
    result.messages.append(f"cover wrap: {_inches(trim[2] - trim[0])} x {_inches(trim[3] - trim[1])} in cut, "
                           f"bleed {', '.join(_inches(s) for s in sides)} in")
    if any(abs(s - service.cover_bleed * POINTS_PER_INCH) > 0.5 for s in sides):
        result.errors += 1
        result.messages.append(f"error: {service.name} wants {service.cover_bleed} in of bleed on every side")


def _check_interior(pdf: pikepdf.Pdf, service: Service, result: CheckResult) -> None:
    sizes = {tuple(round(v, 1) for v in _page_size(p)) for p in pdf.pages}
    width, height = _page_size(pdf.pages[0])
    trim: Trim | None = trim_of(width, height)
    named = trim.label() if trim else "no standard trim"
    result.messages.append(f"trim: {_inches(width)} x {_inches(height)} in, {named}")
    if len(sizes) > 1:
        result.errors += 1
        result.messages.append(f"error: pages of {len(sizes)} different sizes")
    if trim is None or trim.name not in service.trims:
        result.errors += 1
        result.messages.append(f"error: {service.name} prints {', '.join(service.trims)}")
    pages = len(pdf.pages)
    result.messages.append(f"pages: {pages}")
    if pages % service.page_multiple:
        result.errors += 1
        result.messages.append(f"error: {service.name} needs a multiple of {service.page_multiple} pages "
                               f"(add {-pages % service.page_multiple} blank at the end)")
    if not service.min_pages <= pages <= service.max_pages:
        result.errors += 1
        result.messages.append(f"error: {service.name} binds {service.min_pages}-{service.max_pages} pages")


def check_print(path: Path, service: Service) -> CheckResult:
    """One PDF against a service's rules: errors for what the service would refuse, warnings for what prints worse."""
    result = CheckResult(Path(path), f"print:{service.name}")
    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, OSError) as error:
        return CheckResult(Path(path), f"print:{service.name}", 1, 0, [f"not a readable PDF ({error})"])
    with pdf:
        if not len(pdf.pages):
            return CheckResult(Path(path), f"print:{service.name}", 1, 0, ["no pages"])
        first = pdf.pages[0]
        width, height = _page_size(first)
        if str((pdf.docinfo or {}).get("/Creator", "")) == IMPOSED_CREATOR:
            # Press sheets, not a book: the service's trims and page counts are not theirs to meet.
            result.messages.append(f"imposed sheets: {len(pdf.pages) // 2} of {_inches(width)} x {_inches(height)} in")
        elif len(pdf.pages) == 1 and "/TrimBox" in first.obj and width > height:
            _check_cover(pdf, service, result)
        else:
            _check_interior(pdf, service, result)
        missing = _fonts_not_embedded(pdf)
        if missing:
            result.errors += 1
            result.messages.append(f"error: fonts not embedded: {', '.join(missing)}")
        rgb = _rgb_black_pages(pdf)
        if rgb:
            result.warnings += 1
            result.messages.append(f"warning: {rgb} page(s) set black or grey as RGB: it prints in several inks")
    return result
