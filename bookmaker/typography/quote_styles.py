"""Quote passes for languages that do not quote the English way, each text -> text of the same length.

Which mark opens and which closes is decided once, by the English `quotes` pass; these passes then
draw the marks the language uses (German „…“ and ‚…‘, guillemets «…»). A paragraph that already has
its language's own marks (German „…“ or »…«, French «…») keeps them as typed: only its straight
quotes are drawn. An apostrophe stays ’ in every language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bookmaker.typography.quotes import DASHES, OPENING_CONTEXT, quotes


@dataclass(frozen=True)
class QuoteStyle:
    """How a language draws quotations: opening and closing marks, and its own marks read as English ones."""

    double: tuple[str, str]
    single: tuple[str, str]
    # Marks that show a paragraph is already typed this way -> the English mark that means the same,
    # so the English decision for the straight quotes around them reads the right context.
    native: dict[str, str] = field(default_factory=dict)


# German, and the languages that quote as it does (Czech, Slovak, Slovene, Icelandic, Bulgarian).
# German books also quote »…« (and ›…‹ inside); a paragraph typed so is left as it is.
GERMAN = QuoteStyle(("„", "“"), ("‚", "‘"),
                    {"„": "“", "“": "”", "‚": "‘", "‘": "’", "»": "“", "«": "”", "›": "‘", "‹": "’"})
# German books set »…« too: a paragraph already so typed gets its straight quotes drawn the same way.
GERMAN_CHEVRONS = QuoteStyle(("»", "«"), ("›", "‹"), GERMAN.native)
# Polish, Hungarian, Romanian: „…” (low opening, high closing); single quotes as English.
LOW_HIGH = QuoteStyle(("„", "”"), ("‘", "’"), {"„": "“", "»": "“", "«": "”"})
# French, Spanish, Italian, Portuguese, Russian and others: «…» outside; inside, English quotes.
GUILLEMETS = QuoteStyle(("«", "»"), ("‘", "’"), {"«": "“", "»": "”", "‹": "‘", "›": "’"})

_NATIVE_IN_GERMAN = frozenset("„‚»«›‹")  # “ and ‘ alone are no sign: they open in English


def _german_closer(text: str) -> bool:
    """Whether a “ in text closes a German quotation: after a word or before a space, with no English ” about.

    The last paragraph of a long German speech holds its closing “ alone; in English, “ opens after
    a space, a bracket or a dash, before a word, and an English quotation would show its ”.
    """
    if "”" in text:
        return False
    for i, char in enumerate(text):
        if char != "“":
            continue
        after_word = i and not text[i - 1].isspace() and text[i - 1] not in OPENING_CONTEXT + DASHES
        if after_word or i + 1 == len(text) or text[i + 1].isspace() or text[i + 1] in ",.;:!?)…" + DASHES:
            return True
    return False


def _closes_single(text: str, i: int) -> bool:
    """Whether the ’ at text[i] may close a single quotation: it is not between two letters (geht’s)."""
    return not (i and text[i - 1].isalpha() and i + 1 < len(text) and text[i + 1].isalpha())


def restyle(text: str, style: QuoteStyle, native_marks: frozenset[str] | None = None) -> str:
    """Text -> its quotes decided as in English and drawn in `style`; a paragraph in `style` already keeps its marks."""
    marks = native_marks if native_marks is not None else frozenset(style.native)
    native = any(char in marks for char in text)
    english = text.translate(str.maketrans(style.native)) if native else text
    curled = quotes(english)
    out = list(curled)
    single_open = False
    for i, (typed, now) in enumerate(zip(text, curled)):
        if native and typed not in "\"'":
            out[i] = typed  # a curly mark the author typed in the language's own way stays as typed
            continue
        if now == "“":
            out[i] = style.double[0]
        elif now == "”":
            out[i] = style.double[1]
        elif now == "‘":
            out[i], single_open = style.single[0], True
        elif now == "’" and single_open and _closes_single(curled, i):
            out[i], single_open = style.single[1], False
    return "".join(out)


def german_quotes(text: str) -> str:
    """Straight and English curly quotes -> German „…“ and ‚…‘; a paragraph with „ ‚ » or « keeps its marks.

    Signal: the marks the English `quotes` pass decides, in a book whose language quotes as German does.
    Example (written for the tests): `"Kommst du?", fragte sie. 'Gleich.'`
    -> `„Kommst du?“, fragte sie. ‚Gleich.‘`; `»Ja«, sagte er. "Nein."` -> `»Ja«, sagte er. »Nein.«`.
    """
    chevrons = "„" not in text and ("»" in text or "«" in text)
    style = GERMAN_CHEVRONS if chevrons else GERMAN
    return restyle(text, style, frozenset(style.native) if _german_closer(text) else _NATIVE_IN_GERMAN)


def low_high_quotes(text: str) -> str:
    """Straight and English curly double quotes -> „…” (Polish, Hungarian, Romanian); „ or » typed stays.

    Signal: the marks the English `quotes` pass decides, in a book in one of those languages.
    Example (written for the tests): `"Chodź tutaj", powiedziała.` -> `„Chodź tutaj”, powiedziała.`
    """
    return restyle(text, LOW_HIGH)


def guillemet_quotes(text: str) -> str:
    """Straight and English curly double quotes -> «…»; a paragraph with « or » keeps its marks.

    Signal: the marks the English `quotes` pass decides, in a book whose language quotes with guillemets.
    Example (written for the tests): `"¿Vienes?", preguntó.` -> `«¿Vienes?», preguntó.`
    Quotations inside quotations stay English (‘…’, or “…” as typed inside «…»).
    """
    return restyle(text, GUILLEMETS)


def keep_quotes(text: str) -> str:
    """Text -> the same text: Chinese, Japanese and Korean quote with 「」『』 or “”, as the author typed them.

    Signal: none; the book's language is written without Latin quotation rules.
    Example (written for the tests): `「行こう」と彼は言った。` stays as it is.
    """
    return text
