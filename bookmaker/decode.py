"""Decode stage: the bytes of a story file -> clean Unicode text (NFC, LF line ends) plus diagnostics.

Order: refuse what is not text (empty, binary signatures, many control bytes) -> pick the encoding
(BOM, UTF-16 byte pattern, strict UTF-8, then Windows-1252/Latin-1 for what is not UTF-8) -> LF line
ends -> ftfy repairs mojibake line by line, keeping only the runs that can be mojibake -> control
characters (all XML 1.0 forbids) removed -> NFC.
Strict UTF-8 comes first because it is fast and almost never wrong; detection runs only when it fails.
"""

from __future__ import annotations

import codecs
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import ftfy
from ftfy.badness import is_bad

from bookmaker.errors import InputError
from bookmaker.model import Diagnostic

# Stable diagnostic codes of this stage.
CONTROL_REMOVED = "D001"  # control characters (or others XML 1.0 forbids) removed
MOJIBAKE_REPAIRED = "D002"  # ftfy re-decoded text that had been decoded in the wrong encoding
NOT_UTF8 = "D003"  # no BOM and not UTF-8: decoded as Windows-1252, Latin-1 or BOM-less UTF-16
MIXED_ENCODING = "D004"  # mostly UTF-8, a few bytes that are not: those read as Windows-1252
HTML_ENTITIES = "D005"  # HTML entities such as &amp; left by an archive's export, decoded
OTHER_REPAIR = "D006"  # Latin ligatures (ﬁ) spelled out, terminal colour escapes removed
OTHER_SCRIPT = "D007"  # a line's bytes read in a Cyrillic, Greek or Hebrew encoding, not as Windows-1252

# A bound on what is read at all: decoding and detection take about 1 s per MB (a 30 MB story, 5.7 million
# words, compiles in ~25 s and ~200 MB), so 64 MB stays near a minute instead of reading any file whole.
MAX_BYTES = 64_000_000
MAX_DIAGNOSTICS_PER_CODE = 10  # then one summary line, so a broken file does not flood the report

# File signatures of formats people pass by mistake; checked before any decoding.
_SIGNATURES: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (.zip, .docx, .odt or .epub); save the story as plain text"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word 97-2003 document (.doc); save it as plain text"),
    (b"{\\rtf", "an RTF document; save it as plain text"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
]

_BOMS: list[tuple[bytes, str]] = [  # UTF-32 first: its LE BOM starts with the UTF-16 LE BOM
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# Control bytes that never occur in text; tab, LF, VT, FF, CR, SUB (DOS end of file) and ESC can.
_BINARY_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1a\x1b")
_BINARY_SHARE = 0.05  # random or compressed data has ~9% such bytes, text ~0%
_BINARY_MIN = 8  # a few stray controls in a short text are removed, not refused
_SNIFF_BYTES = 1 << 16

# Bytes 0x80-0x9F: Windows-1252 punctuation (“ ” ’ … — €) where Latin-1 has C1 controls.
_CP1252_HIGH = re.compile(rb"[\x80-\x9f]")
_WORD = re.compile(r"[^\W\d_]{3,}")
_ASCII_LETTER = re.compile("[A-Za-z]")
_UNDEFINED_IN_CP1252 = re.compile("[\x81\x8d\x8f\x90\x9d]")
_SPACE = re.compile(r"\s")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_MAX_FOREIGN_WORD_SHARE = 0.3  # words of three or more letters with no ASCII letter: Western text ~0%

# Characters XML 1.0 forbids (C0 controls but tab and LF, lone surrogates, U+FFFE/U+FFFF), plus the
# ones no author means to type (DEL, C1 controls, a byte order mark inside the text, interlinear
# annotations). Removed after ftfy, which reads C1 controls as clues to mojibake and drops ANSI escapes whole.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufff9-\ufffc\ufffe\uffff]")
_LINE_SEPARATORS = re.compile("\r\n?|[\u2028\u2029]")

# ftfy without the fixes a later stage owns or that would damage the text: curly quotes stay curly
# (typography decides), line breaks and control characters are handled here so they get diagnostics,
# fullwidth forms stay (they are right in CJK text), NFC is applied once at the end.
_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    fix_character_width=False,
    fix_surrogates=False,
    normalization=None,
    explain=True,
)


@dataclass
class Decoded:
    """A decoded story: its text, the encoding it was read in, and what was repaired on the way."""

    text: str
    encoding: str
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read_text(path: str | Path) -> str:
    """Path of a text file -> its decoded text."""
    return read_text_with_diagnostics(path).text


def read_text_with_diagnostics(path: str | Path) -> Decoded:
    """Path of a text file -> Decoded; InputError when the file is missing, unreadable or not text."""
    return decode(read_source_bytes(path), str(path))


def read_source_bytes(path: str | Path) -> bytes:
    """Path of a story file -> its bytes; InputError when it is missing, not a regular file, unreadable or too large."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such file", str(path))
    if path.is_dir():
        raise InputError("is a directory, not a text file", str(path))
    if not path.is_file():  # reading a FIFO or a terminal would wait forever, /dev/zero would never end
        raise InputError("not a regular file (a device, pipe or socket)", str(path))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"too large: {size:,} bytes, beyond the {MAX_BYTES:,} bytes (some ten million words) "
                             "a story may have", str(path))
        data = path.read_bytes()
    except PermissionError:
        raise InputError("cannot read the file: permission denied", str(path)) from None
    except OSError as err:
        raise InputError(f"cannot read the file: {err.strerror or err}", str(path)) from None
    return data


def decode(data: bytes, path: str | None = None) -> Decoded:
    """Bytes of a story -> Decoded text; InputError when the bytes are empty, binary or not text."""
    if not data:
        raise InputError("empty file", path)
    _refuse_binary(data, path)
    diagnostics: list[Diagnostic] = []
    text, encoding = _to_str(data, path, diagnostics)
    if not text:
        raise InputError("empty file (only a byte order mark)", path)
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _repair(text, diagnostics)
    text = _remove_controls(text, diagnostics)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise InputError("no text: the file holds only whitespace", path)
    return Decoded(text, encoding, diagnostics)


def _refuse_binary(data: bytes, path: str | None) -> None:
    """Raise InputError for a known binary signature or a high share of control bytes."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"not text: looks like {what}", path)
    if data.startswith(tuple(bom for bom, _ in _BOMS)) or _utf16_without_bom(data):
        return  # UTF-16/32 text is full of NUL bytes
    sample = data[:_SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    if controls > max(_BINARY_MIN, _BINARY_SHARE * len(sample)):
        raise InputError("not text: looks like binary data (many NUL or control bytes)", path)


def _to_str(data: bytes, path: str | None, diagnostics: list[Diagnostic]) -> tuple[str, str]:
    """Bytes -> (text, encoding name): BOM, then BOM-less UTF-16, strict UTF-8, Windows-1252/Latin-1."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            if encoding == "utf-8":
                try:
                    return body.decode("utf-8"), "utf-8-sig"
                except UnicodeDecodeError:
                    return _not_utf8(body, path, diagnostics)
            return _decode_wide(body, encoding, path), encoding
    wide = _utf16_without_bom(data)
    if wide:
        text = _decode_wide(data, wide, path)
        diagnostics.append(Diagnostic(NOT_UTF8, f"no byte order mark: decoded as {wide} (every other byte is NUL)"))
        return text, wide
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _not_utf8(data, path, diagnostics)


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 byte order when NUL bytes sit at every other position (mostly-Latin text), else None."""
    sample = data[: min(len(data), 4096) // 2 * 2]
    if len(sample) < 4 or len(data) % 2:
        return None
    half = len(sample) // 2
    even_nul, odd_nul = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _decode_wide(data: bytes, encoding: str, path: str | None) -> str:
    """UTF-16/32 bytes -> text; lone surrogates pass through, to be removed with a diagnostic."""
    try:
        return data.decode(encoding, errors="surrogatepass")
    except UnicodeDecodeError as err:
        raise InputError(f"not valid {encoding.upper()}: {err.reason} at byte {err.start}", path) from None


def _single_byte_error(err: UnicodeError):
    """Codec error handler: the five bytes Windows-1252 leaves undefined decode as in Latin-1 (C1 controls)."""
    return "".join(chr(b) for b in err.object[err.start : err.end]), err.end


codecs.register_error("bookmaker-latin1", _single_byte_error)


def _not_utf8(data: bytes, path: str | None, diagnostics: list[Diagnostic]) -> tuple[str, str]:
    """Bytes that are not UTF-8 -> text read as Windows-1252/Latin-1, or UTF-8 with a few such bytes."""
    escaped = data.decode("utf-8", errors="surrogateescape")  # each bad byte -> U+DC80..U+DCFF
    bad = re.compile("[\udc80-\udcff]")
    first_bad = bad.search(escaped)
    valid_multibyte = len(re.findall("[^\x00-\x7f\udc80-\udcff]", escaped))
    invalid = len(bad.findall(escaped))
    # A pasted line of another script is many bad bytes in a few words ("Ïðèâåò, ìàìà"): UTF-8 still, when
    # there are fewer runs of bad bytes than good characters and each such line reads in that script.
    invalid_runs = len(re.findall("[\udc80-\udcff]+", escaped))
    if valid_multibyte and (valid_multibyte >= invalid
                            or (valid_multibyte >= invalid_runs and _pasted_other_script(escaped))):
        # A UTF-8 file with text pasted from a Windows program: keep the UTF-8, read the rest as Windows-1252.
        line = escaped.count("\n", 0, first_bad.start()) + 1
        text = _as_cp1252(escaped)
        diagnostics.append(
            Diagnostic(MIXED_ENCODING, f"{invalid} bytes are not UTF-8; read them as Windows-1252", line)
        )
        return _other_scripts(data, text, True, diagnostics), "utf-8+windows-1252"
    text = data.decode("cp1252", errors="bookmaker-latin1")
    if _foreign(text):
        raise InputError(f"not text in UTF-8, UTF-16, Windows-1252 or Latin-1{_guess_hint(data)}", path)
    text = _other_scripts(data, text, False, diagnostics)
    # Without bytes 0x80-0x9F the two decode alike; with them, they are Windows-1252's curly quotes and dashes.
    encoding = "windows-1252" if _CP1252_HIGH.search(data) else "latin-1"
    diagnostics.append(Diagnostic(NOT_UTF8, f"not UTF-8: decoded as {encoding}"))
    return text, encoding


def _other_scripts(data: bytes, text: str, utf8: bool, diagnostics: list[Diagnostic]) -> str:
    """Text read as Windows-1252 -> the same, with each line whose bytes are another script's read in that
    script's encoding (decode_scripts), and a D007 per line; lines of data and text correspond one to one."""
    from bookmaker.decode_scripts import SUSPECT, read_other_script

    if not SUSPECT.search(text):
        return text
    lines, raws = text.split("\n"), data.split(b"\n")
    if len(lines) != len(raws):  # cannot happen for these encodings; never misalign lines
        return text
    found: list[tuple[int, str]] = []
    for number, (line, raw) in enumerate(zip(lines, raws), 1):
        if SUSPECT.search(line):
            reading = read_other_script(raw, line, utf8)
            if reading is not None:
                lines[number - 1] = reading.text
                found.append((number, f"bytes of another script read as {reading.encoding}: {_change(line, reading.text)}"))
    _report(OTHER_SCRIPT, found, "lines read in another script's encoding", diagnostics)
    return "\n".join(lines) if found else text


def _pasted_other_script(escaped: str) -> bool:
    """UTF-8 read with surrogate escapes -> whether every line holding bad bytes reads in another script."""
    from bookmaker.decode_scripts import read_other_script

    lines = [line for line in escaped.split("\n") if _BAD_BYTE.search(line)]
    return all(read_other_script(line.encode("utf-8", "surrogateescape"), _as_cp1252(line), True) for line in lines)


_BAD_BYTE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape keeps it


def _as_cp1252(escaped: str) -> str:
    """Text with surrogate-escaped bad bytes -> those bytes read as Windows-1252."""
    return _BAD_BYTE.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", "bookmaker-latin1"), escaped)


def _foreign(text: str) -> bool:
    """True when text read as Windows-1252 looks like another script's bytes, not a Western language."""
    sample = text[:1_000_000]
    # Cyrillic, Greek, Hebrew or Chinese bytes read as Windows-1252 make whole words of accented letters
    # ("Ïðèâåò"); Western words keep ASCII letters around their accents, even in Icelandic ("sögðu").
    words = _WORD.findall(sample)
    accented_only = sum(1 for word in words if not _ASCII_LETTER.search(word))
    # Shift-JIS and others use the five bytes Windows-1252 leaves undefined; Western text never does.
    undefined = len(_UNDEFINED_IN_CP1252.findall(sample))
    # Two-byte encodings (Big5, GBK) read as Windows-1252 are mostly non-ASCII; Western text < 35%.
    visible = len(sample) - len(_SPACE.findall(sample))
    non_ascii = len(_NON_ASCII.findall(sample))
    return (
        accented_only > _MAX_FOREIGN_WORD_SHARE * len(words)
        or undefined > 0.005 * len(sample)
        or non_ascii > 0.6 * visible
    )


def _guess_hint(data: bytes) -> str:
    """A hint naming the encoding charset-normalizer guesses, to tell the user what to convert from."""
    from charset_normalizer import from_bytes  # slow on big inputs: only a sample, only on this error path

    best = from_bytes(data[:_SNIFF_BYTES]).best()
    if best is None:
        return ""
    return f" (it may be {best.encoding}: convert it to UTF-8, e.g. iconv -f {best.encoding} -t UTF-8)"


def _remove_controls(text: str, diagnostics: list[Diagnostic]) -> str:
    """Text -> text without control characters, with one D001 diagnostic per line that had them."""
    pattern = _CONTROLS
    if not pattern.search(text):
        return text
    lines = text.split("\n")
    found: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        chars = pattern.findall(line)
        if chars:
            lines[number - 1] = pattern.sub("", line)
            names = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in chars))
            found.append((number, f"{len(chars)} control character{'s' * (len(chars) > 1)} removed ({names})"))
    _report(CONTROL_REMOVED, found, "lines with control characters removed", diagnostics)
    return "\n".join(lines)


def _repair(text: str, diagnostics: list[Diagnostic]) -> str:
    """Text -> text with mojibake, HTML entities and ligatures repaired by ftfy, line by line."""
    unescape = "<" not in text  # as ftfy's "auto": a text with tags is HTML, its entities are meant
    config = _FTFY._replace(unescape_html=unescape)
    found: dict[str, list[tuple[int, str]]] = {code: [] for code in _REPAIR_LABELS}
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        if _touchable(line, unescape):
            fixed, kind = repair_line(line, config)
            if fixed != line:
                lines[number - 1] = fixed
                found[kind].append((number, _change(line, fixed)))
    for code, label in _REPAIR_LABELS.items():
        _report(code, [(n, f"{label}: {change}") for n, change in found[code]], f"lines: {label}", diagnostics)
    return "\n".join(lines)


# A longer line is repaired in pieces of about this many characters: judging a repair compares the line with
# what ftfy made of it (difflib), whose cost grows with the square of the length (an 8 KB line of mojibake
# took 380 s whole; 100 KB now takes 2 s). Mojibake spans a few characters: pieces cut after an ASCII
# character lose nothing.
PIECE_CHARS = 120


def repair_line(line: str, config: ftfy.TextFixerConfig) -> tuple[str, str]:
    """One line -> (the line as ftfy repairs it, the diagnostic code of the repair); mojibake only where it can be."""
    if len(line) > PIECE_CHARS:
        repaired = [(piece, *repair_line(piece, config)) for piece in _pieces(line)]
        kinds = [kind for piece, fixed, kind in repaired if fixed != piece]
        return "".join(fixed for _, fixed, _ in repaired), (MOJIBAKE_REPAIRED if MOJIBAKE_REPAIRED in kinds
                                                             else kinds[0] if kinds else MOJIBAKE_REPAIRED)
    fixed, steps = ftfy.fix_and_explain(line, config)
    kind = _kind(steps)
    if fixed == line or kind != MOJIBAKE_REPAIRED or _plausible_repair(line, fixed):
        return fixed, kind
    # One reading of the whole line made a character no text holds, so that reading (often Mac Roman,
    # chosen for a legible "œâ") is wrong for some of it: repair it word by word, keeping what reads.
    words = _WORDS.findall(line)
    for index, word in enumerate(words):
        if not word.isascii():
            repaired = ftfy.fix_text(word, config._replace(explain=False))
            if _plausible_repair(word, repaired):
                words[index] = repaired
    return "".join(words), kind


def _pieces(line: str) -> list[str]:
    """A long line -> consecutive pieces of at most PIECE_CHARS, each cut after a space that follows an ASCII
    letter or mark when there is one in its second half (never inside "Ã ", whose space is a byte of "à")."""
    pieces, start = [], 0
    while len(line) - start > PIECE_CHARS:
        window = line[start + PIECE_CHARS // 2:start + PIECE_CHARS]
        cut = max((m.end() for m in _SAFE_CUT.finditer(window)), default=0)
        if not cut:
            cut = max((i + 1 for i, c in enumerate(window) if c.isascii()), default=len(window))
        end = start + PIECE_CHARS // 2 + cut
        pieces.append(line[start:end])
        start = end
    return pieces + [line[start:]]


_SAFE_CUT = re.compile(r"[\x21-\x7e] ")
# A word with the one space after it: in "Ã  la", the first space is the à's second byte (0xA0).
_WORDS = re.compile(r"\S+ ?|\s+")


# What ftfy's fixers other than mojibake act on: ANSI escapes, C1 controls, Latin ligatures (ﬁ, ĳ, ǆ).
_LIGHT_FIXES = re.compile("[\x1b\x80-\x9f\u0132\u0133\u0149\u01c4-\u01cc\u01f1-\u01f3\ufb00-\ufb06]")
_ENTITY = re.compile("&#?[0-9A-Za-z]{1,24};")  # ftfy's own pattern for an HTML entity


def _touchable(line: str, unescape: bool) -> bool:
    """True when ftfy might change a line; calling ftfy only then keeps a 30 MB file to seconds."""
    if line.isascii():
        return "\x1b" in line or (unescape and "&" in line and bool(_ENTITY.search(line)))
    return bool(is_bad(line) or _LIGHT_FIXES.search(line) or (unescape and _ENTITY.search(line)))


# What a re-decoded run of mojibake may become: any text of a script whose letters it gives two or
# more of (a word: "Ð¿Ñ€Ð¸Ð²ÐµÑ‚" -> "привет"), punctuation and symbols (â€” -> —), and Latin letters
# of the languages people write: Latin-1, Extended-A, Vietnamese, and from Extended-B only Romanian
# ș ț, Vietnamese ơ ư and pinyin ǎ ǐ ǒ ǔ ǖ. A legible line that ftfy reads as mojibake gives one odd
# character instead: "déjà² fini" -> "dejಠfini" (Kannada), "«ÎLE»" -> Greek "λ", "À°" -> "ˡ".
_RARE_LATIN = re.compile("[\u0180-\u02af]")  # Latin Extended-B and the IPA letters (ɹ, ɲ)
_COMMON_EXTENDED_B = frozenset("ƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜȘșȚț")
_LONE_MARKS = frozenset({"Cn", "Co", "Cs", "Lm", "Sk"})  # unassigned, private, surrogates, modifier letters


_EAST_ASIAN = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL"})  # mixed in one line: 日本の, 한국語


def _script(char: str) -> str:
    """A letter -> the first word of its Unicode name, a stand-in for its script ("LATIN", "CYRILLIC", "CJK")."""
    script = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
    return "CJK" if script in _EAST_ASIAN else script


def _plausible_repair(line: str, fixed: str) -> bool:
    """Whether every run ftfy changed in a line could be mojibake, judged by what it became."""
    counts: dict[str, int] = {}
    for char in fixed:
        if char.isalpha():
            counts[_script(char)] = counts.get(_script(char), 0) + 1
    matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
    return all(op == "equal" or _plausible(fixed[j1:j2], fixed[j1 - 1] if j1 else "", counts)
               for op, _, _, j1, j2 in matcher.get_opcodes())


def _plausible(new: str, before: str, counts: dict[str, int]) -> bool:
    """Whether `new`, what ftfy made of a run, is text mojibake could stand for; `counts`: letters per script."""
    for char in new:
        category = unicodedata.category(char)
        if category in _LONE_MARKS or (category in ("Mn", "Me") and not before.isalpha()):
            return False  # "Ì¹" -> a combining mark on nothing
        if char.isalpha():
            script = _script(char)
            if script == "LATIN":
                if _RARE_LATIN.match(char) and char not in _COMMON_EXTENDED_B:
                    return False
            elif counts.get(script, 0) < 2:
                return False
        before = char
    return True


_REPAIR_LABELS = {
    MOJIBAKE_REPAIRED: "mojibake repaired",
    HTML_ENTITIES: "HTML entities decoded",
    OTHER_REPAIR: "ligatures or terminal escapes fixed",
}


def _kind(steps: list[tuple[str, str]] | None) -> str:
    """ftfy's explanation of one line -> the code of the repair; re-decoding wins over the rest."""
    steps = steps or []
    if not steps or any(action != "apply" for action, _ in steps):
        return MOJIBAKE_REPAIRED  # the line was encoded and decoded again
    applied = {fixer for _, fixer in steps}
    if applied & {"fix_c1_controls", "decode_inconsistent_utf8", "replace_lossy_sequences", "restore_byte_a0"}:
        return MOJIBAKE_REPAIRED
    return HTML_ENTITIES if "unescape_html" in applied else OTHER_REPAIR


def _change(old: str, new: str) -> str:
    """A short 'before -> after' of the part of a line that changed."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    before, after = old[start : len(old) - end], new[start : len(new) - end]
    clip = lambda s: s if len(s) <= 40 else s[:37] + "..."  # noqa: E731
    return f"{clip(before)!r} -> {clip(after)!r}"


def _report(code: str, found: list[tuple[int, str]], summary: str, diagnostics: list[Diagnostic]) -> None:
    """Append one diagnostic per line up to the cap, then one line counting the rest."""
    for number, message in found[:MAX_DIAGNOSTICS_PER_CODE]:
        diagnostics.append(Diagnostic(code, message, number))
    rest = len(found) - MAX_DIAGNOSTICS_PER_CODE
    if rest > 0:
        diagnostics.append(Diagnostic(code, f"and {rest} more {summary}"))
