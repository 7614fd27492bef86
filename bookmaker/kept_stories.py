"""What a library build keeps of each story between builds, in dist/.bookmaker-bodies/ by story file and the
fingerprint of its inputs: its body laid out for the PDF (Bodies) and its part of the anthology (Parts). An
anthology rebuilt because one story changed takes the others' from here: it neither compiles nor lays them out
again.

Every record is input (damaged, or crafted): each field is checked on load, and on any doubt the story is
compiled and laid out again, the damaged record named once in `discarded` (which --verbose prints).
"""

from __future__ import annotations

import glob
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, get_args

from bookmaker.atomic import clean_stale_parts, write_bytes_atomic, write_text_atomic
from bookmaker.errors import BuildError
from bookmaker.records import json_record

if TYPE_CHECKING:  # the renderer is read only where a part is (0.1 s of imports a no-op rebuild need not pay)
    from bookmaker.render import AnthologyStory
    from bookmaker.render.book import Document, TocEntry

BODIES = ".bookmaker-bodies"


def story_key(name: str) -> str:
    """The story file's name, or for a long one (up to 255 bytes, and ".0.pdf" is added) a short name and a hash
    of it: every cache file's name stays within what a file system holds."""
    if len(name.encode("utf-8", "surrogateescape")) <= 120:
        return name
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return name.encode("utf-8", "surrogateescape")[:60].decode("utf-8", "ignore") + "~" + digest


class _Kept:
    """The folder the records are kept in, and the damaged ones met."""

    def __init__(self, out_dir: Path):
        self.folder = out_dir / BODIES
        self.discarded: list[str] = []

    def writable(self) -> bool:
        """The folder, made if need be, unless it is a link planted in the output folder (writing through it would
        write elsewhere)."""
        if self.folder.is_symlink():
            return False
        self.folder.mkdir(exist_ok=True)
        return True


class Bodies(_Kept):
    """Story bodies laid out for the PDF (pdf_piece.Piece): "NAME.json" names the parts "NAME.0.pdf"..."""

    def __init__(self, out_dir: Path):
        super().__init__(out_dir)
        self._pages: dict[tuple[str, str], int | None] = {}  # judged bodies: their pages, None if unsound

    def save(self, name: str, fingerprint: str, pieces: list) -> bool:
        """Keep a story's body (its parts): the parts' PDFs first, then the record that names them. False when it
        could not be kept (the caller holds on to it)."""
        from bookmaker.writers.pdf_piece import to_record

        key = story_key(name)
        try:
            if not self.writable():
                return False
            for number, piece in enumerate(pieces):
                write_bytes_atomic(self.folder / f"{key}.{number}.pdf", piece.pdf)
            parts = [to_record(piece) for piece in pieces]
            write_text_atomic(self.folder / f"{key}.json", json.dumps({"fingerprint": fingerprint, "parts": parts}))
            for stale in self.folder.glob(f"{glob.escape(key)}.*.pdf"):  # parts of a longer body before
                number = stale.name[len(key) + 1:-len(".pdf")]
                if not number.isdigit() or int(number) >= len(pieces):
                    stale.unlink(missing_ok=True)
            self._pages[name, fingerprint] = sum(piece.pages for piece in pieces)
            return True
        except (OSError, BuildError):
            return False  # a cache: the next anthology lays the body out again

    def sound(self, name: str, fingerprint: str) -> bool:
        """A body is kept for story file `name`, laid out from the same inputs, every field of it sound (judged
        once a build, however often asked; the pieces are not held: the job that joins them reads them)."""
        return self.kept_pages(name, fingerprint) is not None

    def kept_pages(self, name: str, fingerprint: str) -> int | None:
        """The pages of the sound body kept for `name` (see sound), else None."""
        if (name, fingerprint) not in self._pages:
            pieces = self.load(name, fingerprint)
            self._pages[name, fingerprint] = None if pieces is None else sum(piece.pages for piece in pieces)
        return self._pages[name, fingerprint]

    def load(self, name: str, fingerprint: str) -> list | None:
        """The body kept for story file `name` if it was laid out from the same inputs and every field of it is
        sound, else None (laid out again)."""
        from bookmaker.writers.pdf_piece import soundness

        pieces = self._read(name, fingerprint)
        if pieces is None:
            return None
        trouble = pieces if isinstance(pieces, str) else next((t for t in map(soundness, pieces) if t), None)
        if trouble:
            self.discarded.append(f"{name}: its kept PDF body is damaged ({trouble}): laid out again")
            return None
        return pieces

    def _read(self, name: str, fingerprint: str) -> list | str | None:
        """The pieces of the record kept for `name`; None when there is none for these inputs; a line saying why
        when the record is damaged."""
        from bookmaker.writers.pdf_piece import from_record

        if self.folder.is_symlink():
            return None
        key = story_key(name)
        try:
            info = json_record(self.folder / f"{key}.json", missing_raises=True)
            if info is None:
                return "a record that is no JSON (too large, too deep, NaN)"
            if not isinstance(info, dict) or info.get("fingerprint") != fingerprint:
                return None
            pieces = []
            for number, part in enumerate(info["parts"]):
                part_file = self.folder / f"{key}.{number}.pdf"
                if not part_file.is_file():  # gone, or a FIFO that reading would wait on for ever
                    return "a part that is not a file"
                piece = from_record(part, part_file.read_bytes())
                if isinstance(piece, str):
                    return piece
                pieces.append(piece)
            return pieces or "no parts"
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            return f"{type(error).__name__}"

    def clean(self, own: bool = False) -> None:
        if self.folder.is_dir() and not self.folder.is_symlink():
            clean_stale_parts(self.folder, own)


class Parts(_Kept):
    """Stories' parts of the anthology (render.AnthologyStory), "NAME.anthology.json": kept for the fingerprint
    of the story's inputs and its place (number, width of the numbers, the anthology's language), which its
    documents' names and ids are made of."""

    def save(self, name: str, fingerprint: str, place: tuple, part: AnthologyStory) -> bool:
        """Keep a story's part; False when it could not be kept (the caller holds on to it)."""
        try:
            if not self.writable():
                return False
            kept = _part_record(part)
            record = {"fingerprint": fingerprint, "place": _place(place), "sha256": _sha256(kept), "part": kept}
            write_text_atomic(self.folder / f"{story_key(name)}.anthology.json", json.dumps(record))
            return True
        except (OSError, BuildError):
            return False  # a cache: the next anthology compiles the story again

    def load(self, name: str, fingerprint: str, place: tuple) -> AnthologyStory | None:
        """The part kept for story file `name` from the same inputs at the same place, if sound; else None."""
        path = self.folder / f"{story_key(name)}.anthology.json"
        if self.folder.is_symlink() or not path.exists():
            return None
        info = json_record(path)
        if isinstance(info, dict) and (info.get("fingerprint") != fingerprint or info.get("place") != _place(place)):
            return None  # another version of the story, or another place: not damaged, only not this one's
        whole = isinstance(info, dict) and "part" in info and info.get("sha256") == _sha256(info["part"])
        part = _part_from_record(info["part"]) if whole else None  # a changed character is damage too
        if part is None:
            self.discarded.append(f"{name}: its kept part of the anthology is damaged: compiled again")
        return part


@dataclass(frozen=True)
class KeptBody:
    """A story's PDF body as the parent hands it to the anthology's job: where it is kept, not its bytes (the
    parent's memory must not grow with the library). The job reads it; the output folder is where every job of
    the build writes, on a cluster a folder all machines share."""

    out_dir: str
    name: str
    fingerprint: str
    pages: int  # for the parent's scheduling (joining costs by pages)

    def load(self) -> list:
        pieces = Bodies(Path(self.out_dir)).load(self.name, self.fingerprint)
        if pieces is None:
            raise BuildError(f"{self.name}: its PDF body kept in {BODIES} is gone or changed during the build")
        return pieces


@dataclass(frozen=True)
class KeptPart:
    """A story's part of the anthology as the parent hands it to the anthology's jobs: where it is kept, and what
    the parent needs of it (its counts and estimated pages)."""

    out_dir: str
    name: str
    fingerprint: str
    place: tuple
    words: int
    chapters: int
    pages: int

    def load(self) -> AnthologyStory:
        part = Parts(Path(self.out_dir)).load(self.name, self.fingerprint, self.place)
        if part is None:
            raise BuildError(f"{self.name}: its part of the anthology kept in {BODIES} is gone or changed during "
                             "the build")
        return part


def kept_part(out_dir: Path, name: str, fingerprint: str, place: tuple, part: AnthologyStory) -> KeptPart:
    return KeptPart(str(out_dir), name, fingerprint, place, part.words, part.chapters, part.pages)


def body_pages(body) -> int:
    """A story's body handed to a job (its pieces or a KeptBody) -> its pages."""
    return body.pages if isinstance(body, KeptBody) else sum(piece.pages for piece in body)


def loaded(item):
    """A part or body handed to a job -> itself, or what its KeptPart / KeptBody names, read."""
    return item.load() if isinstance(item, (KeptPart, KeptBody)) else item


def _sha256(record) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode("utf-8", "surrogatepass")).hexdigest()


def _place(place: tuple) -> list:
    number, count, lang = place
    return [number, len(str(count)), lang]  # the width of the numbers, not the count: "s07-" for 7 of 10 or 99


_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.xhtml")  # a document's name in the book (and the EPUB's zip)
_DOCUMENT = {"name": str, "title": str, "kind": str, "xhtml": str, "in_toc": bool, "landmark": (str, type(None)),
             "unit": (int, type(None)), "running_title": (str, type(None))}
_COUNTS = ("words", "chapters", "pages")


def _part_record(part: AnthologyStory) -> dict:
    return {"documents": [{key: getattr(doc, key) for key in _DOCUMENT} for doc in part.documents],
            "toc": _toc_record(part.toc), "author": part.author, "source": part.source,
            "identity": part.identity, **{key: getattr(part, key) for key in _COUNTS}}


def _toc_record(entry: TocEntry) -> dict:
    return {"title": entry.title, "href": entry.href, "children": [_toc_record(c) for c in entry.children]}


def _part_from_record(record) -> AnthologyStory | None:
    """A part record -> the part, or None when any field is missing or of the wrong kind."""
    from bookmaker.render import AnthologyStory

    try:
        documents = [_document(doc) for doc in record["documents"]]
        counts = [record[key] for key in _COUNTS]
        if (not documents or None in documents or not all(type(n) is int and n >= 0 for n in counts)
                or not all(isinstance(record[key], (str, type(None))) for key in ("author", "source"))
                or not isinstance(record["identity"], str)):
            return None
        toc = _toc(record["toc"])
        if toc is None:
            return None
        return AnthologyStory(documents, toc, record["author"], record["source"], *counts[:2], record["identity"],
                              counts[2])
    except (KeyError, TypeError, AttributeError, RecursionError):
        return None


def _document(record: dict) -> Document | None:
    from bookmaker.render.book import Document, Kind

    if (set(record) != set(_DOCUMENT) or not all(isinstance(record[k], kind) for k, kind in _DOCUMENT.items())
            or not _NAME.fullmatch(record["name"]) or record["kind"] not in get_args(Kind)
            or type(record["unit"]) not in (int, type(None))):
        return None
    return Document(**record)


def _toc(record: dict) -> TocEntry | None:
    from bookmaker.render.book import TocEntry

    if not (isinstance(record["title"], str) and isinstance(record["href"], str)
            and isinstance(record["children"], list)):
        return None
    children = [_toc(child) for child in record["children"]]
    return None if None in children else TocEntry(record["title"], record["href"], children)
