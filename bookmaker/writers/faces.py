"""The book faces a PDF can be set in (`--font`): name -> the family, where it comes from, and the CSS that sets it.

    charis     Charis SIL        vendored in styles/fonts (SIL Open Font License); the default
    garamond   EB Garamond       Debian's fonts-ebgaramond (OFL), installed by scripts/setup.sh
    libertine  Linux Libertine O Debian's fonts-linuxlibertine (OFL or GPL with the font exception)

Only the PDF embeds a face: an EPUB leaves the choice to the reader's device. The scripts the book face has no
glyph for fall back to the same Noto faces whatever face is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT = "charis"
# book.css's fallbacks after the book face, for the scripts a Latin face has no glyph for.
_FALLBACK = '"Noto Serif CJK JP", "Noto Naskh Arabic", "Noto Serif Hebrew", "Noto Serif Devanagari", serif'


@dataclass(frozen=True)
class BookFace:
    name: str
    family: str
    source: str  # where it comes from, for --help and errors


FACES: dict[str, BookFace] = {face.name: face for face in (
    BookFace("charis", "Charis SIL", "vendored in styles/fonts"),
    BookFace("garamond", "EB Garamond", "Debian's fonts-ebgaramond"),
    BookFace("libertine", "Linux Libertine O", "Debian's fonts-linuxlibertine"),
)}


def face_named(name: str | None) -> BookFace:
    """`--font` as given -> its BookFace; ValueError naming the choices for an unknown one."""
    key = (name or DEFAULT).strip().lower()
    if key not in FACES:
        raise ValueError(f"unknown font {name!r}: choose {', '.join(FACES)}")
    return FACES[key]


def face_css(name: str | None) -> str:
    """The CSS that sets the book (text, running heads and folios) in the named face; '' for the default."""
    face = face_named(name)
    if face.name == DEFAULT:
        return ""
    stack = f'"{face.family}", {_FALLBACK}'
    return "\n".join([
        f"html, body {{ font-family: {stack}; }}",
        f"@page {{ @top-center {{ font-family: {stack}; }} }}",
        f'@page :left {{ @top-left {{ font-family: "{face.family}", serif; }} }}',
        f'@page :right {{ @top-right {{ font-family: "{face.family}", serif; }} }}',
    ])
