"""Another script's bytes in a Western file: a Russian, Ukrainian, Greek or Hebrew line inside an English story saved
in a single-byte encoding (or pasted into a UTF-8 file) reads in its own script, with a D007; Western text with
accented letters is never read so."""

from __future__ import annotations

import pytest

from bookmaker.decode import OTHER_SCRIPT, decode
from bookmaker.decode_scripts import read_other_script

ENGLISH = "Chapter 1\n\nShe came home late and called from the door.\n\n"
AFTER = "\n\nHer mother smiled and said nothing at all.\n"
LINES = [("cp1251", "“Привет, мама. Как ты сегодня?”"), ("cp1251", "Він сказав: «Добрий вечір, як справи?»"),
         ("cp1251", "Здравей, приятелю мой."), ("cp1253", "“Γειά σου μαμά, τι κάνεις σήμερα;”"),
         ("iso8859_7", "«Καλημέρα, φίλε μου.»"), ("cp1255", "He wrote שלום עולם on the card."),
         ("koi8_r", "Привет, мама, как дела?"), ("cp1251", "Він і ліс, і ще раз ліс."), ("cp1253", "Άλλη μία μέρα."),
         ("cp1251", "Я и ты, мы вместе.")]


@pytest.mark.parametrize("codec, line", LINES, ids=[f"{c}-{n}" for n, (c, _) in enumerate(LINES)])
def test_a_line_of_another_script_in_a_single_byte_file(codec, line):
    decoded = decode((ENGLISH + line + AFTER).encode(codec))
    assert decoded.text == ENGLISH + line + AFTER
    assert [(d.code, d.line) for d in decoded.diagnostics if d.code == OTHER_SCRIPT] == [(OTHER_SCRIPT, 5)]


@pytest.mark.parametrize("codec, line", LINES[:5], ids=[f"{c}-{n}" for n, (c, _) in enumerate(LINES[:5])])
def test_a_line_of_another_script_pasted_into_utf8(codec, line):
    data = "Chapter 1\n\n“Hello,” she said. “Home again.”\n\n".encode() + line.encode(codec) + "\n\nA dash — “Welcome.”\n".encode()
    decoded = decode(data)
    assert decoded.text == "Chapter 1\n\n“Hello,” she said. “Home again.”\n\n" + line + "\n\nA dash — “Welcome.”\n"
    assert OTHER_SCRIPT in [d.code for d in decoded.diagnostics]


@pytest.mark.parametrize("text", ["Ele disse: “Não há solução, coração.”", "ÉTÉ À PARIS, très ÉLÉGANT",
                                  "Þórður og Ævar fóru á sjó.", "Ça, c’est déjà fini — naïve façade.",
                                  "Straße, Größe, Übermaß, Öffnungszeiten.", "Él dijo: ¿Qué pasó, señorita?"])
def test_western_text_stays_as_read(text):
    data = (ENGLISH + text + AFTER).encode("cp1252")
    decoded = decode(data)
    assert decoded.text == ENGLISH + text + AFTER
    assert OTHER_SCRIPT not in [d.code for d in decoded.diagnostics]
    assert read_other_script(text.encode("cp1252"), text, False) is None
