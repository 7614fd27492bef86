"""The corpus of bad inputs for the robustness tests: a case name -> the files a user might hand bookmaker.

Each case is a function returning {file name: bytes}; the first entry is the story, a `.toml` beside it is its
metadata file. Large cases (a 30 MB story, 5,000 chapters) are generated here, deterministically, into a
temporary folder: never committed.

    python scripts/make_bad_inputs.py OUT_DIR [CASE ...]     writes OUT_DIR/CASE/<files>, prints each story path
    python scripts/make_bad_inputs.py --list                 lists the case names
"""

from __future__ import annotations

import codecs
import io
import random
import struct
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Callable

# ----------------------------------------------------------------------------------------------- prose

_WORDS = ("the a of and to in was she he it that her his with for on as had at but not they said "
          "lantern moth river morning window quiet letter garden evening shadow winter candle "
          "remembered walked opened looked wondered whispered carried answered slowly again "
          "never always little old long bright cold warm door road house").split()


def prose(words: int, seed: int = 0, per_paragraph: int = 60) -> list[str]:
    """Deterministic English-like paragraphs totalling `words` words."""
    rng = random.Random(seed)
    paragraphs = []
    while words > 0:
        n = min(words, max(5, int(rng.gauss(per_paragraph, per_paragraph / 3))))
        body = " ".join(rng.choice(_WORDS) for _ in range(n))
        paragraphs.append(body[0].upper() + body[1:] + ".")
        words -= n
    return paragraphs


def chapters(count: int, words_each: int, seed: int = 0) -> str:
    """A story of `count` numbered chapters of `words_each` words, blank-line separated."""
    parts = []
    for n in range(1, count + 1):
        parts.append(f"Chapter {n}")
        parts += prose(words_each, seed + n)
    return "\n\n".join(parts) + "\n"


# A short story in several scripts of the Latin-1 range and beyond, for the encoding cases.
SAMPLE = ("Chapter 1\n\nThe café was quiet; the naïve waiter said “Bonjour” — twice… Señor Müller "
          "paid in £ and ¥.\n\n***\n\nÅse and Zoë walked to the façade. ‘Fine,’ said Ægir.\n")
SAMPLE_LATIN1 = ("Chapter 1\n\nThe café was quiet; the naïve waiter said «Bonjour» twice. Señor Müller "
                 "paid in £ and ¥.\n\n***\n\nÅse and Zoë walked to the façade. Straße, garçon, déjà vu.\n")


# ----------------------------------------------------------------------------------------------- binaries

def png_bytes() -> bytes:
    """A real 1x1 PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = zlib.compress(b"\x00\xff\x00\x00")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def zip_bytes() -> bytes:
    """A real ZIP archive holding a story (as a .docx or a zipped download would be)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("story.txt", chapters(2, 200))
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    """A minimal PDF document."""
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")


# ----------------------------------------------------------------------------------------------- hostile text

HOSTILE_HTML = """<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY boom "&xxe;&xxe;">]>
<?xml-stylesheet href="http://evil.example/x.css"?>
<html><head><link rel=stylesheet href=http://evil.example/steal.css>
<style>body { background: url(http://evil.example/bg.png) } @import url("file:///etc/passwd");</style>
<script>alert('story text ran')</script></head><body>

Chapter 1

She opened the door. &xxe; and &boom; and &lt;b&gt; and &#60;script&#62; stayed words.

<img src=http://evil.example/pixel.png onerror="alert(1)"> The lamp burned.

<a href="javascript:alert(2)">click</a> and <a href="http://evil.example/">a link</a> in the text.

<iframe src="file:///etc/passwd"></iframe><object data="http://evil.example/x.swf"></object>

<svg onload="alert(3)"><image href="http://evil.example/i.png"/></svg> <math><mi>x</mi></math>

<div style="background-image: url('http://evil.example/div.png')">styled</div> <p class=x>para</p>

<![CDATA[ raw <b>cdata</b> ]]> <!-- a comment --> <base href="http://evil.example/">

<i>Emphasis</i> is kept, <b onclick="alert(4)">strong</b> too, <u>underline</u>.

<meta http-equiv="refresh" content="0;url=http://evil.example/"> <form action=http://evil.example/><input></form>

***

Chapter 2

<video src=http://evil.example/v.mp4></video><audio src=file:///dev/zero></audio> The end came quietly.

<link rel="import" href="file:///etc/shadow"> &amp;amp; &nbsp; &unknownentity; &#0; &#x110000; &#xD800;
</body></html>
"""

# No "<" anywhere, so the decoder unescapes HTML entities: they become "<script>" characters in the text.
ENTITY_ONLY = ("Chapter 1\n\nShe typed &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=http://evil.example/x.png&gt; "
               "into the box.\n\nThen &lt;link rel=stylesheet href=http://evil.example/a.css&gt; and "
               "&lt;style&gt;p{background:url(http://evil.example/b.png)}&lt;/style&gt; appeared.\n\n"
               "&amp;lt;b&amp;gt; stayed literal, as did &quot;quotes&quot; and &#39;apostrophes&#39;.\n")

# Markdown a raw story might contain: links and images must stay text.
MARKDOWN_LINKS = ("Chapter 1\n\n[click me](javascript:alert(1)) and ![pixel](http://evil.example/p.png) and "
                  "<http://evil.example/> and [ref][1].\n\n[1]: http://evil.example/ref\n\n"
                  "*Emphasis* and **strong** and `code` and <https://example.com>.\n")

# ----------------------------------------------------------------------------------------------- metadata

def toml_string(value: str) -> str:
    """A TOML basic string holding `value` exactly."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in escaped) + '"'


def with_metadata(story: str, **values) -> dict[str, bytes]:
    lines = [f"{key} = {toml_string(value) if isinstance(value, str) else value}" for key, value in values.items()]
    return {"story.txt": story.encode(), "story.toml": ("\n".join(lines) + "\n").encode()}


SHORT = chapters(2, 120)

# ----------------------------------------------------------------------------------------------- the cases

CASES: dict[str, Callable[[], dict[str, bytes]]] = {
    # not text at all
    "empty": lambda: {"story.txt": b""},
    "whitespace-only": lambda: {"story.txt": b" \n\t\n   \r\n\n\xc2\xa0\n"},
    "bom-only": lambda: {"story.txt": codecs.BOM_UTF8},
    "bom-utf16-only": lambda: {"story.txt": codecs.BOM_UTF16_LE},
    "png": lambda: {"story.txt": png_bytes()},
    "zip": lambda: {"story.txt": zip_bytes()},
    "pdf": lambda: {"story.txt": pdf_bytes()},
    "random-bytes": lambda: {"story.txt": random.Random(6).randbytes(8192)},
    "empty-markdown": lambda: {"story.md": b""},
    "png-as-markdown": lambda: {"story.md": png_bytes()},
    # encodings
    "utf16-le-bom": lambda: {"story.txt": SAMPLE.encode("utf-16")},  # CPython writes LE with a BOM
    "utf16-be-bom": lambda: {"story.txt": codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be")},
    "utf16-le-no-bom": lambda: {"story.txt": SAMPLE.encode("utf-16-le")},
    "utf16-be-no-bom": lambda: {"story.txt": SAMPLE.encode("utf-16-be")},
    "windows-1252": lambda: {"story.txt": SAMPLE.encode("cp1252")},
    "latin-1": lambda: {"story.txt": SAMPLE_LATIN1.encode("latin-1")},
    "mixed-utf8-and-1252": lambda: {"story.txt": SAMPLE.encode("utf-8") + "\n\n“Quoted,” she said — twice…\n".encode("cp1252")},
    "control-characters": lambda: {"story.txt": ("Chapter 1\n\nA bell\x07 rang\x00 in the\x1b[31m red\x1b[0m room.\x0c\n\n"
                                                 "Del\x7f and\x08 back\x0bspace, C1\x85 and\x9b done.\n").encode("utf-8")},
    "nul-every-tenth-byte": lambda: {"story.txt": b"".join(bytes([b]) + (b"\x00" if i % 10 == 9 else b"")
                                                            for i, b in enumerate(SHORT.encode()))},
    # size
    "one-mb-line": lambda: {"story.txt": " ".join(prose(200_000, 1, per_paragraph=10_000)).encode()[:1 << 20]},
    "long-unbroken-word": lambda: {"story.txt": ("Chapter 1\n\nA link: https://example.com/" + "x" * 100_000 + " ends.\n").encode()},
    "thirty-mb": lambda: {"story.txt": chapters(1100, 5200, seed=30).encode()},
    "5000-chapters": lambda: {"story.txt": chapters(5000, 12).encode()},
    "10000-scene-breaks": lambda: {"story.txt": ("Chapter 1\n\n" + "\n\n***\n\n".join(
        " ".join(p.split()[:8]) + "." for p in prose(120_000, 7, per_paragraph=8)[:10_001]) + "\n").encode()},
    "heading-only": lambda: {"story.txt": b"Chapter 1\n"},
    # hostile titles and metadata (the metadata file wins over the text)
    "title-slashes-and-dots": lambda: with_metadata(SHORT, title="../../../etc/passwd/..", author="a/b\\c"),
    "title-reserved-name": lambda: with_metadata(SHORT, title="CON", author="NUL"),
    "title-300-characters": lambda: with_metadata(SHORT, title="Long " * 60, author="A" * 300, summary="S " * 2000),
    "title-emoji": lambda: with_metadata(SHORT, title="🦋 Moth 👩‍👩‍👧 \u200d\ufe0f", author="😀"),
    "title-right-to-left": lambda: with_metadata(SHORT, title="\u202eאור הפנס\u202c مرحبا", author="עמוס",
                                                 language="he"),
    "title-markup": lambda: with_metadata(SHORT, title="<script>alert(1)</script> & <b>bold</b>",
                                          author="]]> &amp; <!--", summary="<img src=http://evil.example/x.png>"),
    "title-empty-and-control": lambda: with_metadata(SHORT, title="\x00\x07 ", author=""),
    "metadata-wrong-types": lambda: with_metadata(SHORT, title=5, tags="not-a-list"),
    "metadata-wrong-note-type": lambda: {"story.txt": SHORT.encode(), "story.toml": b'[[notes]]\ntext = 3\nchapter = "one"\n'},
    "metadata-bad-language": lambda: with_metadata(SHORT, language="en\"><script>"),
    "metadata-unknown-keys": lambda: with_metadata(SHORT, title="Known", colour="blue", weight=3),
    "metadata-broken-toml": lambda: {"story.txt": SHORT.encode(), "story.toml": b'title = "unterminated\n[[[\n'},
    "metadata-not-utf8": lambda: {"story.txt": SHORT.encode(), "story.toml": 'title = "Caf\xe9"\n'.encode("latin-1")},
    "metadata-binary": lambda: {"story.txt": SHORT.encode(), "story.toml": png_bytes()},
    "markdown-front-matter-wrong-types": lambda: {"story.md": b'+++\ntitle = 5\ntags = "x"\n+++\n\n# One\n\nHello there.\n'},
    "markdown-front-matter-control": lambda: {"story.md": b'+++\ntitle = "Bad\\u0000Title"\nauthor = "\\u0007"\n+++\n\n# One\n\nHello.\n'},
    # markup in the story
    "html-script-xxe": lambda: {"story.txt": HOSTILE_HTML.encode()},
    "entities-only": lambda: {"story.txt": ENTITY_ONLY.encode()},
    "markdown-links": lambda: {"story.txt": MARKDOWN_LINKS.encode()},
}

LARGE = {"one-mb-line", "long-unbroken-word", "thirty-mb", "5000-chapters", "10000-scene-breaks"}


def write_case(name: str, folder: Path) -> Path:
    """Write case `name` into `folder` (created); returns the story file's path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = CASES[name]()
    for file, data in files.items():
        (folder / file).write_bytes(data)
    return folder / next(iter(files))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--list"]:
        print("\n".join(CASES))
        return 0
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out, names = Path(argv[0]), argv[1:] or list(CASES)
    for name in names:
        print(write_case(name, out / name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
