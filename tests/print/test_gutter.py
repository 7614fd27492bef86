"""A thick book's gutter: the inside margin the PDF writer gives when asked for one, on the default trim and on another."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bookmaker.model import Chapter, Manuscript, Metadata, Paragraph
from bookmaker.render import render_book
from bookmaker.render.book import Options
from bookmaker.writers import pdf
from print_helpers import words_by_page

ZONE = 0.8 * 72  # running heads and folios live above and below this: only the text block is measured


def _inside_edges(path) -> tuple[float, float]:
    """(the leftmost word of any recto, the page width less the rightmost word of any verso), in the text block:
    a justified line reaches the gutter on a recto's left and on a verso's right."""
    recto, verso = [], []
    for number, page in enumerate(words_by_page(path)):
        body = [w for w in page.words if ZONE < w.y < page.height - ZONE]
        if number % 2 == 0:  # page 1, 3, ...: a recto, its gutter on the left
            recto += [w.x for w in body]
        else:
            verso += [page.width - w.x for w in body]
    return min(recto), min(verso)


def _long_story() -> Manuscript:
    """Pages of justified prose, so that lines reach the gutter on both hands."""
    sentence = "The road ran on past the hills and the river, and the travellers kept walking toward the town. "
    return Manuscript(meta=Metadata(title="The Long Road", author="A. Writer"),
                      chapters=[Chapter([Paragraph.plain(sentence * 6) for _ in range(24)], title="Walking")])


@pytest.mark.parametrize("page_size", [None, "A5"])
def test_the_gutter_asked_for_is_kept_on_both_hands(tmp_path, page_size):
    when = datetime(2024, 5, 6, tzinfo=timezone.utc)
    plain, wide = tmp_path / "plain.pdf", tmp_path / "wide.pdf"
    for path, gutter in ((plain, None), (wide, 1.25)):
        options = Options(modified=when, page_size=page_size, gutter=gutter)
        pdf.write(render_book(_long_story(), options), path, options)
    plain_recto, plain_verso = _inside_edges(plain)
    wide_recto, wide_verso = _inside_edges(wide)
    # Word centres stand a few points inside the text block's edge.
    assert plain_recto < 1.1 * 72 and plain_verso < 1.1 * 72  # the trim's own gutter is narrower than asked
    assert 1.25 * 72 < wide_recto < 1.6 * 72 and 1.25 * 72 < wide_verso < 1.6 * 72


def test_a_gutter_narrower_than_the_trims_own_changes_nothing():
    assert pdf.options_css(Options(gutter=0.5)) == pdf.options_css(Options())
    assert pdf.options_css(Options(page_size="A5", gutter=0.5)) == pdf.options_css(Options(page_size="A5"))
