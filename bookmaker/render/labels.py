"""Language code -> the few words the book's apparatus prints (Contents, Chapter N, Author's note)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Labels:
    lang: str
    contents: str
    chapter: str  # "Chapter {n}"
    note: str  # heading of a chapter's author's note
    notes: str  # heading of the notes before the story
    afterword: str  # heading of the notes after the story
    colophon: str
    cover: str  # alt text: "Cover: {title}"
    cover_by: str  # alt text: "Cover: {title}, by {author}"
    titlepage: str
    untitled: str
    source: str
    words: str
    built: str
    made_with: str
    edited_by: str
    landmarks: str


_LABELS = {
    "en": Labels("en", "Contents", "Chapter {n}", "Author’s note", "Author’s Note", "Author’s Afterword",
                 "Colophon", "Cover: {title}", "Cover: {title}, by {author}", "Title page", "Untitled",
                 "Source: {source}", "{words} words", "Built on {date}", "Made with bookmaker {version}",
                 "Edited by {editor}", "Landmarks"),
    "fr": Labels("fr", "Table des matières", "Chapitre {n}", "Note de l’auteur", "Note de l’auteur",
                 "Postface de l’auteur", "Colophon", "Couverture : {title}", "Couverture : {title}, de {author}",
                 "Page de titre", "Sans titre", "Source : {source}", "{words} mots", "Fabriqué le {date}",
                 "Fait avec bookmaker {version}", "Sous la direction de {editor}", "Repères"),
    "de": Labels("de", "Inhalt", "Kapitel {n}", "Anmerkung des Autors", "Anmerkung des Autors",
                 "Nachwort des Autors", "Impressum", "Umschlag: {title}", "Umschlag: {title}, von {author}",
                 "Titelseite", "Ohne Titel", "Quelle: {source}", "{words} Wörter", "Erstellt am {date}",
                 "Erstellt mit bookmaker {version}", "Herausgegeben von {editor}", "Orientierungspunkte"),
    "es": Labels("es", "Índice", "Capítulo {n}", "Nota del autor", "Nota del autor", "Epílogo del autor",
                 "Colofón", "Cubierta: {title}", "Cubierta: {title}, de {author}", "Portada", "Sin título",
                 "Fuente: {source}", "{words} palabras", "Generado el {date}", "Hecho con bookmaker {version}",
                 "Edición de {editor}", "Puntos de referencia"),
}


def labels_for(lang: str) -> Labels:
    """The labels of a language tag ("en-GB" -> English); English when the language is not known."""
    return _LABELS.get(lang.split("-")[0].lower(), _LABELS["en"])


# A chapter title that only numbers the chapter ("Chapter 1", "Ch. 2", "Part IV") does not name the story.
_GENERIC = re.compile(r"^\s*(chapter|ch\.?|part|book|section|prologue|epilogue)?\s*[\divxlc]*[.:]?\s*$", re.I)
# A heading that is a chapter word and a number and nothing else ("Chapter 1", "Kapitel II", "Ch. 3:").
_NUMBERING = re.compile(r"^\s*(chapter|ch\.?|chapitre|kapitel|cap[ií]tulo|capitolo|part|teil|partie)\s*"
                        r"(\d+|[ivxlc]+|one)\s*[.:]?\s*$", re.I)


def numbers_only(heading: str) -> bool:
    """True for a heading that only numbers its chapter ("Chapter 1"), false for one that names it."""
    return bool(_NUMBERING.match(heading))


# Tokens of a file name that are numbering or hashes, not words: "000", "705110056ac54a71", "v2".
_NOT_WORDS = re.compile(r"^(\d+|[0-9a-f]{8,}|v\d+)$", re.I)


def display_title(title: str | None, chapter_titles: list[str | None], stem: str | None, labels: Labels) -> str:
    """The title to show: the book's title, else a sole chapter's own title, else words of the file name, else "Untitled".

    Never invents words: every fallback is text the story or its file name already gives.
    """
    if title and title.strip():
        return title.strip()
    if len(chapter_titles) == 1 and chapter_titles[0] and not _GENERIC.match(chapter_titles[0]):
        return chapter_titles[0].strip()
    if stem:
        words = [w for w in re.split(r"[\s_.\-]+", stem) if w and not _NOT_WORDS.match(w)]
        if words:
            text = " ".join(words)
            return text[0].upper() + text[1:]
    return labels.untitled
