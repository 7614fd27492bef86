"""Quotes follow the book's language: German „…“, French « … », guillemets «…», CJK as typed; English unchanged.

Every example here was written for these tests.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bookmaker.model import Chapter, Manuscript, Metadata, Paragraph, Span
from bookmaker.typography import LANGUAGE_VARIANTS, apply_typography, passes_for, run_pass, typeset

N = "\u202f"  # narrow no-break space

CASES = [
    # German: „…“ outside, ‚…‘ inside, apostrophes ’
    ("de", '"Kommst du?", fragte sie. \'Gleich.\'', "„Kommst du?“, fragte sie. ‚Gleich.‘"),
    ("de", "\"Er rief: 'Komm's holen!' und lachte.\"", "„Er rief: ‚Komm’s holen!‘ und lachte.“"),
    ("de", '"Ich hab\' keine Zeit", sagte sie. Wie geht\'s?', "„Ich hab’ keine Zeit“, sagte sie. Wie geht’s?"),
    ("de", "“Wo warst du?”, fragte er.", "„Wo warst du?“, fragte er."),  # English curly typed: drawn German
    ("de", '„ Komm her “, rief sie.', "„Komm her“, rief sie."),
    # German already typed in its own way: left alone; straight quotes beside it drawn alike
    ("de", "„Hallo“, sagte er. ‚So‘.", "„Hallo“, sagte er. ‚So‘."),
    ("de", "»Ja«, sagte er.", "»Ja«, sagte er."),
    ("de", '»Ja«, sagte er. "Nein."', "»Ja«, sagte er. »Nein.«"),
    ("de-AT", '"Servus", sagte er.', "„Servus“, sagte er."),
    ("de-CH", '"Grüezi", sagte er.', "«Grüezi», sagte er."),
    # French: « … » with narrow no-break spaces, also before ; : ! ?
    ("fr", '"Tu viens?" demanda-t-elle.', f"«{N}Tu viens{N}?{N}» demanda-t-elle."),
    ("fr", "« Bonjour », dit-il.", f"«{N}Bonjour{N}», dit-il."),
    ("fr", f"«{N}Bonjour{N}», dit-il.", f"«{N}Bonjour{N}», dit-il."),
    ("fr", "Attention : il est 10:30 ; voir http://exemple.fr !", f"Attention{N}: il est 10:30{N}; voir http://exemple.fr{N}!"),
    ("fr", "L'homme qu'il aimait.", "L’homme qu’il aimait."),
    # Spanish, Italian, Portuguese, Russian: «…» without spaces
    ("es", '"¿Vienes?", preguntó.', "«¿Vienes?», preguntó."),
    ("es", "«Dijo “no” y se fue», contó.", "«Dijo “no” y se fue», contó."),
    ("es", "« Vale », dijo.", "«Vale», dijo."),
    ("it", '"Vieni qui", disse. L\'amico rise.', "«Vieni qui», disse. L’amico rise."),
    ("pt", '"Olá", disse ela.', "«Olá», disse ela."),
    ("pt-BR", '"Olá", disse ela.', "“Olá”, disse ela."),
    ("ru", '"Привет", сказал он.', "«Привет», сказал он."),
    # Japanese, Chinese, Korean: brackets and quotes as typed
    ("ja", '「行こう」と彼は言った。"OK"', '「行こう」と彼は言った。"OK"'),
    ("zh", '他说:"你好"。', '他说:"你好"。'),
    ("ko", '"안녕" 하고 말했다.', '"안녕" 하고 말했다.'),
    # English, and a language with no rules of its own, as before
    ("en", "\"Hi,\" she said. 'Fine.'", "“Hi,” she said. ‘Fine.’"),
    ("sv", '"Hej," sa hon.', "“Hej,” sa hon."),
    (None, '"Hi"', "“Hi”"),
]


@pytest.mark.parametrize("language, text, expected", CASES)
def test_quotes_follow_the_language(language, text, expected):
    assert typeset(text, language=language) == expected


def test_the_pass_names_and_order_are_the_same_in_every_language():
    english = [(p.name, p.scope) for p in passes_for("en")]
    for language in ("de", "fr", "es", "ja", "pl", "xx"):
        assert [(p.name, p.scope) for p in passes_for(language)] == english
    assert run_pass("quotes", '"a"', "de") == "„a“"
    assert typeset('"Hallo"', skip={"quotes"}, language="de") == '"Hallo"'


def test_apply_typography_reads_the_manuscript_language():
    para = Paragraph([Span('"', None), Span("Nein", "em"), Span('", sagte sie.', None)])
    m = Manuscript(meta=Metadata(title='Das "Haus"', language="de"), chapters=[Chapter([para], title='"Eins"')])
    apply_typography(m)
    assert [(s.text, s.style) for s in para.spans] == [("„", None), ("Nein", "em"), ("“, sagte sie.", None)]
    assert (m.meta.title, m.chapters[0].title) == ("Das „Haus“", "„Eins“")


_any = st.text(alphabet=st.sampled_from(list("\"'“”‘’„‚«»›‹ aZ9.,!?—…-(")), max_size=20)
_typed = st.text(alphabet=st.sampled_from(list("\"' aZ9.,!?—…-(")), max_size=20)  # as a typewriter types
LANGUAGES = st.sampled_from(["de", "pl", "es", "fr", "ja"])


@settings(max_examples=300, deadline=None)
@given(_any, LANGUAGES)
def test_quotes_keep_the_length(text, language):
    once = run_pass("quotes", text, language)
    assert len(once) == len(text)  # the pass runs on a paragraph's joined spans
    assert '"' not in once or language == "ja"


@settings(max_examples=300, deadline=None)
@given(_typed, LANGUAGES)
def test_quotes_settle(text, language):
    once = run_pass("quotes", text, language)
    assert run_pass("quotes", once, language) == once


def test_every_language_variant_is_documented():
    for variants in LANGUAGE_VARIANTS.values():
        for name, function in variants.items():
            doc = function.__doc__ or ""
            assert "Signal:" in doc and "Example" in doc, (name, function.__name__)
