"""Title, author, summary, trim and page count -> a print cover wrap (PDF bytes): back, spine, front, with bleed.

The front is the EPUB cover's design (bookmaker.cover.design: its colours, double frame, line breaks and
sizes) set again in vector type at the trim size; the spine carries title and author when it is wide enough
for them; the back carries the summary. The ground runs into the bleed on every side. PDF boxes say what is
what: TrimBox the cut wrap, BleedBox the trim plus bleed; with marks, the MediaBox grows by a slug for crop
marks and the two spine folds' marks.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pikepdf
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pikepdf import Array

from bookmaker import cover
from bookmaker.print import marks

POINTS_PER_INCH = 72.0
DEFAULT_BLEED = 0.125 * POINTS_PER_INCH
DEFAULT_PPI = 444.0  # pages per inch of 50 lb (75 gsm) white book paper, the common print-on-demand stock
SLUG = 0.375 * POINTS_PER_INCH  # white paper around the bleed for the marks
MIN_SPINE_TEXT = 0.25 * POINTS_PER_INCH  # narrower spines stay blank: the services' rule of about 100 pages
SAFE = 0.125 * POINTS_PER_INCH  # no words closer than this to a trim edge or a spine fold
FONTS = Path(cover.FONTS_DIR) / "fonts.css"


@dataclass(frozen=True)
class CoverText:
    title: str
    author: str | None = None
    summary: str | None = None
    language: str = "en"


@dataclass(frozen=True)
class WrapGeometry:
    """The wrap's measures in points: the book's trim, its spine, the bleed and the slug around it."""

    trim_width: float
    trim_height: float
    spine: float
    bleed: float = DEFAULT_BLEED
    slug: float = 0.0

    @property
    def width(self) -> float:
        """The wrap once cut: back, spine, front."""
        return 2 * self.trim_width + self.spine

    @property
    def bleed_width(self) -> float:
        return self.width + 2 * self.bleed

    @property
    def bleed_height(self) -> float:
        return self.trim_height + 2 * self.bleed

    @property
    def spine_left(self) -> float:
        """The back-to-spine fold, measured from the bleed box's left edge."""
        return self.bleed + self.trim_width

    @property
    def front_left(self) -> float:
        return self.spine_left + self.spine


def spine_width(pages: int, pages_per_inch: float = DEFAULT_PPI) -> float:
    """A page count and the paper's pages per inch -> the spine's width in points."""
    return pages / pages_per_inch * POINTS_PER_INCH


def wrap_geometry(trim: tuple[float, float], pages: int, pages_per_inch: float = DEFAULT_PPI,
                  bleed: float = DEFAULT_BLEED, with_marks: bool = False) -> WrapGeometry:
    return WrapGeometry(trim[0], trim[1], spine_width(pages, pages_per_inch), bleed, SLUG if with_marks else 0.0)


@lru_cache(maxsize=1)
def _template():
    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent)), autoescape=select_autoescape(["j2"]))
    return env.get_template("cover_wrap.html.j2")


def _text_width(text: str, style: str, size_pt: float) -> float:
    """How long a line of the book face is at `size_pt`, measured with the EPUB cover's fonts."""
    return cover._font(style, 100).getlength(text) * size_pt / 100


def _front(design: cover.CoverDesign, geo: WrapGeometry) -> dict:
    """The EPUB cover's grid scaled onto the front panel: frames, lines of type and the rule, in points."""
    sx, sy = geo.trim_width / cover.WIDTH, geo.trim_height / cover.HEIGHT
    scale = min(sx, sy)  # type keeps its proportions on a trim that is not the cover's 5:8
    left, top = geo.front_left, geo.bleed
    inset, gap = cover.FRAME_INSET * scale, cover.FRAME_GAP * scale
    frames = [dict(left=left + inset, top=top + inset, width=geo.trim_width - 2 * inset,
                   height=geo.trim_height - 2 * inset, line=4 * scale),
              dict(left=left + inset + gap, top=top + inset + gap, width=geo.trim_width - 2 * (inset + gap),
                   height=geo.trim_height - 2 * (inset + gap), line=2 * scale)]
    lines = []
    for block in (design.title, design.author):
        if block is None:
            continue
        leading = block.size * 1.25 * scale
        for number, text in enumerate(block.lines):
            lines.append(dict(text=text, style=block.style, left=left, width=geo.trim_width, size=block.size * scale,
                              leading=leading, top=top + block.top * sy + number * leading))
    rule = dict(left=left + geo.trim_width / 2 - 160 * scale, top=top + design.rule_y * sy, width=320 * scale,
                line=4 * scale)
    return dict(frames=frames, lines=lines, rule=rule)


def _spine(text: CoverText, geo: WrapGeometry) -> dict | None:
    """Title and author along the spine, reading top to bottom, when the spine is wide enough and they fit."""
    if geo.spine < MIN_SPINE_TEXT:
        return None
    length = geo.trim_height - 2 * POINTS_PER_INCH  # clear of the head and tail, where the spine rounds
    size = min(14.0, geo.spine * 0.45)
    words = _text_width(text.title, "roman", size) + (_text_width(text.author, "italic", size) + 1.5 * size
                                                       if text.author else 0)
    if words > length:
        size *= length / words
    if size < 6:
        return None
    centre_x, centre_y = geo.spine_left + geo.spine / 2, geo.bleed + geo.trim_height / 2
    return dict(left=centre_x - length / 2, top=centre_y - geo.spine / 2, width=length, height=geo.spine,
                size=round(size, 2), title=text.title, author=text.author)


def _html(text: CoverText, geo: WrapGeometry) -> str:
    design = cover.design(text.title, text.author)
    margin = 0.75 * POINTS_PER_INCH
    back = dict(left=geo.bleed + margin, top=geo.bleed + 1.25 * POINTS_PER_INCH, width=geo.trim_width - 2 * margin)
    return _template().render(
        lang=text.language, title=text.title, page_width=f"{geo.bleed_width:.4f}", page_height=f"{geo.bleed_height:.4f}",
        ground=design.ground, ink=design.ink, summary=text.summary, summary_size=round(10.5 * geo.trim_width / 396, 2),
        back=back, spine=_spine(text, geo), **_front(design, geo))


def _boxes(data: bytes, geo: WrapGeometry) -> bytes:
    """Set the PDF's boxes exactly (WeasyPrint rounds page sizes through CSS pixels) and draw the marks."""
    pdf = pikepdf.open(io.BytesIO(data))
    page = pdf.pages[0]
    b, s = geo.bleed, geo.slug
    page.obj.MediaBox = Array([-s, -s, geo.bleed_width + s, geo.bleed_height + s])
    page.obj.BleedBox = Array([0, 0, geo.bleed_width, geo.bleed_height])
    page.obj.TrimBox = Array([b, b, b + geo.width, b + geo.trim_height])
    if s:
        trim = marks.Box(b, b, b + geo.width, b + geo.trim_height)
        folds = [geo.spine_left, geo.front_left]
        content = (marks.crop_marks(trim, s - 6, gap=b + 3) + marks.fold_marks(trim, folds, [], s - 6, gap=b + 3))
        page.contents_add(pdf.make_stream(content))
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def cover_wrap(text: CoverText, geo: WrapGeometry) -> bytes:
    """The cover wrap as PDF bytes, laid out by WeasyPrint with the book face."""
    from weasyprint import CSS, HTML

    html = HTML(string=_html(text, geo), base_url=str(FONTS.parent))
    data = html.write_pdf(stylesheets=[CSS(filename=str(FONTS))])
    return _boxes(data, geo)
