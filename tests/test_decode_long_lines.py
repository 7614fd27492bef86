"""Long lines are repaired in pieces (decode.PIECE_CHARS) so that judging a repair stays linear: the pieces give
the line back whole, and mojibake anywhere in a long line is repaired as in a short one."""

from __future__ import annotations

import pytest

from bookmaker.decode import PIECE_CHARS, _pieces, decode

PROSE = "She walked home through the rain and thought about the letter. "


@pytest.mark.parametrize("line", [PROSE * 40, "Ã©" * 500, "x" * 1000, "Ã " * 300, PROSE * 3 + "Ã©tÃ© " * 200])
def test_pieces_give_the_line_back(line):
    pieces = _pieces(line)
    assert "".join(pieces) == line
    assert all(len(piece) <= PIECE_CHARS for piece in pieces)


def test_mojibake_in_a_long_line_is_repaired_everywhere():
    line = (PROSE + "Ã©tÃ© Ã  la cafÃ©. ") * 60  # far longer than a piece, the repairs on every side of the cuts
    decoded = decode(("Chapter 1\n\n" + line + "\n").encode("utf-8"))
    assert decoded.text == "Chapter 1\n\n" + (PROSE + "été à la café. ") * 60 + "\n"


def test_a_long_legible_line_is_left_alone():
    line = ("Déjà vu, naïve façade, Ærøskøbing, Þórður, Straße, señorita, œuvre. " * 50).strip()
    assert decode(line.encode("utf-8")).text == line
