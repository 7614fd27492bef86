"""A story's language as a BCP 47 tag: read from what a header states, or detected from the text.

The pipeline's order: a language a header states (Project Gutenberg's `Language: German`) wins, then a
metadata file's, else `detect_language` on the story text. Detection uses py3langid (a naive Bayes
model of byte n-grams, 97 languages, shipped in its wheel; nothing is downloaded); see
benchmarks/language.py for why it and not langdetect, langid or lingua.
"""

from __future__ import annotations

import functools
import re
import unicodedata

DEFAULT = "en"

# What is read of a long story: a few chunks spread over it, so a book in German with an English
# licence or preface at one end still reads as German, and a 30 MB story costs as much as a 20 KB one.
CHUNKS = 5
CHUNK_CHARS = 4_000
# Below this many letters a guess is noise ("Chapter 1" reads as Swedish); a story that short is "en".
# A character of a script written without spaces (Han, kana, Hangul) carries about a word: it counts 3.
MIN_LETTERS = 20
# The model's probabilities are calibrated: a plain sentence scores 0.95+, a guess between
# neighbours (Russian or Ukrainian from three words) 0.3. Below this the answer is "en".
MIN_CONFIDENCE = 0.5

# Labels of the model that are not what an ebook's dc:language wants: "zxx" is "no language"
# (digits, symbols); Chinese varieties and Arabic dialects read from short samples are the standard
# written language, which is also what hyphenation and fonts know.
_ALIASES = {"zxx": None, "wuu": "zh", "yue": "zh", "ary": "ar", "arz": "ar", "uzs": "uz"}

_LETTER = re.compile(r"[^\W\d_]")
# A letter that _script() does not call LATIN without asking (quotes and dashes beyond U+024F are no letters).
_BEYOND_LATIN = re.compile("(?=[^\x00-\u024f])[^\\W\\d_]")
_WIDE_LETTER = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _script(char: str) -> str:
    """A letter -> its script's name ("LATIN", "CYRILLIC", "ARABIC"); Han and kana are one ("CJK")."""
    if char < "\u0250":
        return "LATIN"
    first = unicodedata.name(char, "").split(" ", 1)[0]
    return "CJK" if first in ("HIRAGANA", "KATAKANA", "CJK", "HALFWIDTH", "FULLWIDTH") else first


def _main_script(chunk: str) -> str:
    """A chunk -> only the letters of its main script (and what is not a letter): an English story's Japanese
    greeting or Arabic sign is no evidence of its language, and the model read such a mix as a creole."""
    if not _BEYOND_LATIN.search(chunk):  # every letter Latin (most stories): one script, nothing to blank out
        return chunk
    weights: dict[str, int] = {}
    scripts = []
    for char in chunk:
        script = _script(char) if char.isalpha() else None
        scripts.append(script)
        if script:
            weights[script] = weights.get(script, 0) + (3 if _WIDE_LETTER.match(char) else 1)
    if len(weights) <= 1:
        return chunk
    main = max(weights, key=weights.get)
    return "".join(char if script in (None, main) else " " for char, script in zip(chunk, scripts))


def _letters(chunk: str) -> int:
    """A chunk -> how many letters it holds, a Han, kana or Hangul character counting three."""
    return len(_LETTER.findall(chunk)) + 2 * len(_WIDE_LETTER.findall(chunk))


@functools.cache
def _identifier():
    """The py3langid identifier with calibrated probabilities, loaded once (0.4 s: it unpacks its model)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # imported late: numpy costs start-up time

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _samples(text: str) -> list[str]:
    """A story's text -> up to CHUNKS evenly spaced chunks of about CHUNK_CHARS, cut at spaces."""
    if len(text) <= CHUNKS * CHUNK_CHARS:
        size = max(len(text) // CHUNKS, CHUNK_CHARS // 4)
        starts = range(0, len(text), size)
    else:
        size = CHUNK_CHARS
        step = (len(text) - size) / (CHUNKS - 1)
        starts = [round(i * step) for i in range(CHUNKS)]
    chunks = []
    for start in starts:
        chunk = text[start:start + size]
        if start + size < len(text) and " " in chunk:
            chunk = chunk[:chunk.rindex(" ")]  # half a word reads as another language's n-grams
        if start and " " in chunk:
            chunk = chunk[chunk.index(" ") + 1:]
        chunks.append(chunk)
    return chunks


def detect_language(text: str) -> str:
    """A story's text -> the BCP 47 primary tag of its language ("de", "ja"); "en" when unsure or too short."""
    votes: dict[str, float] = {}
    counted = 0
    for chunk in map(_main_script, _samples(text)):
        if _letters(chunk) < MIN_LETTERS:
            continue  # a chunk of numbers or a divider says nothing
        label, confidence = _identifier().classify(chunk)
        counted += 1
        votes[label] = votes.get(label, 0.0) + confidence
    if not votes:
        return DEFAULT
    label = max(votes, key=votes.get)
    if votes[label] / counted < MIN_CONFIDENCE:
        return DEFAULT
    tag = _ALIASES.get(label, label)
    return tag or DEFAULT


# Names of languages as a header or a metadata file writes them, in English and in the language
# itself, each -> its tag. Compared without case and accents ("Français", "francais").
_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("english", "anglais", "englisch", "ingles", "inglese"),
    "de": ("german", "deutsch", "allemand", "aleman", "tedesco", "duits"),
    "fr": ("french", "francais", "franzosisch", "frances", "francese"),
    "es": ("spanish", "espanol", "castellano", "castilian", "spanisch", "espagnol", "spagnolo"),
    "it": ("italian", "italiano", "italienisch", "italien"),
    "nl": ("dutch", "nederlands", "flemish", "vlaams", "niederlandisch", "neerlandais"),
    "pt": ("portuguese", "portugues", "portugiesisch", "portugais", "portoghese"),
    "ru": ("russian", "russkij", "русский", "russisch", "russe", "ruso", "russo"),
    "ja": ("japanese", "nihongo", "日本語", "japanisch", "japonais", "japones"),
    "zh": ("chinese", "中文", "汉语", "漢語", "mandarin", "chinesisch", "chinois", "chino"),
    "ko": ("korean", "한국어", "조선말", "koreanisch", "coreen", "coreano"),
    "ar": ("arabic", "العربية", "arabisch", "arabe"),
    "sv": ("swedish", "svenska", "schwedisch", "suedois"),
    "da": ("danish", "dansk", "danisch", "danois"),
    "no": ("norwegian", "norsk"),
    "nb": ("norwegian bokmal", "bokmal"),
    "nn": ("norwegian nynorsk", "nynorsk"),
    "fi": ("finnish", "suomi", "finnisch", "finnois"),
    "is": ("icelandic", "islenska"),
    "pl": ("polish", "polski", "polnisch", "polonais"),
    "cs": ("czech", "cestina", "tschechisch", "tcheque"),
    "sk": ("slovak", "slovencina"),
    "hu": ("hungarian", "magyar", "ungarisch", "hongrois"),
    "ro": ("romanian", "romana", "rumanisch", "roumain"),
    "el": ("greek", "ελληνικα", "griechisch", "grec", "griego"),
    "grc": ("ancient greek",),
    "la": ("latin", "latina", "lateinisch"),
    "uk": ("ukrainian", "українська", "ukrainisch"),
    "bg": ("bulgarian", "български"),
    "sr": ("serbian", "српски", "srpski"),
    "hr": ("croatian", "hrvatski"),
    "sl": ("slovenian", "slovene", "slovenscina"),
    "tr": ("turkish", "turkce", "turkisch", "turc"),
    "he": ("hebrew", "עברית", "hebraisch"),
    "hi": ("hindi", "हिन्दी", "हिंदी"),
    "fa": ("persian", "farsi", "فارسی"),
    "ca": ("catalan", "catala", "katalanisch"),
    "eu": ("basque", "euskara"),
    "gl": ("galician", "galego"),
    "cy": ("welsh", "cymraeg"),
    "ga": ("irish", "gaeilge"),
    "eo": ("esperanto",),
    "af": ("afrikaans",),
    "id": ("indonesian", "bahasa indonesia"),
    "vi": ("vietnamese", "tieng viet"),
    "th": ("thai", "ภาษาไทย"),
}
# ISO 639-2 codes (bibliographic and terminological) that catalogues and old metadata use.
_THREE_LETTER = {
    "eng": "en", "ger": "de", "deu": "de", "fre": "fr", "fra": "fr", "spa": "es", "ita": "it", "dut": "nl",
    "nld": "nl", "por": "pt", "rus": "ru", "jpn": "ja", "chi": "zh", "zho": "zh", "kor": "ko", "ara": "ar",
    "swe": "sv", "dan": "da", "nor": "no", "fin": "fi", "pol": "pl", "cze": "cs", "ces": "cs", "hun": "hu",
    "gre": "el", "ell": "el", "lat": "la", "ukr": "uk", "tur": "tr", "heb": "he", "cat": "ca", "rum": "ro",
    "ron": "ro",
}


def _plain(value: str) -> str:
    """A stated name -> lower case without accents and surrounding punctuation, for comparison."""
    decomposed = unicodedata.normalize("NFD", value.casefold())
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", kept).strip(" \t.:;,()[]\"'")


_BY_NAME = {_plain(name): tag for tag, names in _NAMES.items() for name in names}
_KNOWN_TAGS = frozenset(_NAMES) | frozenset(_THREE_LETTER.values())
# A BCP 47 tag as files write it: primary subtag, then script (Hant) and region (BR, 419); "_" allowed.
_TAG = re.compile(r"(?i)([a-z]{2,3})(?:[-_]([a-z]{4}))?(?:[-_]([a-z]{2}|\d{3}))?(?:[-_][a-z\d]{5,8})*")
_SEPARATORS = re.compile(r"\s*(?:[,;/&+|]|\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)
_LABEL = re.compile(r"(?i)^\s*(?:language|lang|sprache|langue|idioma|lingua)\s*[:=]\s*")


def _tag(value: str) -> str | None:
    """A code ("ja", "pt-BR", "zh_hant", "ger") -> the tag in BCP 47's case ("pt-BR", "zh-Hant"); None if unknown."""
    match = _TAG.fullmatch(value.strip())
    if not match:
        return None
    primary, script, region = match.group(1).lower(), match.group(2), match.group(3)
    primary = _THREE_LETTER.get(primary, primary)
    if primary not in _KNOWN_TAGS:
        return None
    parts = [primary] + ([script.title()] if script else []) + ([region.upper()] if region else [])
    return "-".join(parts)


def stated_language(value: str) -> str | None:
    """A language as a header states it ("German", "Deutsch", "français", "pt-BR") -> its BCP 47 tag; None if unknown.

    A value that names several languages ("English and French") gives the first one named.
    """
    value = _LABEL.sub("", value or "")
    for part in _SEPARATORS.split(value):
        part = re.sub(r"\s*\(.*?\)\s*", " ", part).strip()  # "German (Deutsch)", "English (US)"
        if not part:
            continue
        found = _BY_NAME.get(_plain(part)) or _tag(part)
        if found:
            return found
    return None
