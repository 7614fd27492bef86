"""The structure decision, made for the whole document at once: tokens -> tokens with headings decided.

With all the evidence in hand: contents lists are set apart (kept as a note, used as evidence), heading families
that count up through the text become chapters and parts, families inside one chapter of a stronger family become
section headings, a title on the line under a numbered heading joins it, and for books whose headings carry no
number, the contents list names them. What was decided, and why, goes to `manuscript.evidence` for `inspect`.
"""

from __future__ import annotations

from bookmaker.detect import contents, heading_families, scene_heading
from bookmaker.detect.assemble import boilerplate_note, little_story_after
from bookmaker.detect.heading_families import Family
from bookmaker.detect.text_shape import is_capitals, looks_like_title, plain
from bookmaker.detect.tokens import Token
from bookmaker.model import Diagnostic, Manuscript

TEASER_WORDS = 60
_TITLE_MAX = 300  # characters: a chapter title wrapped over a few lines, never a paragraph of story


def _capitalised(text: str) -> bool:
    """Most words start with a capital, as in a title (`The Reverend Arthur Beebe, ... Drive Out in Carriages`)."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.5 * len(words)


def decide_structure(tokens: list[Token], manuscript: Manuscript, convention: str) -> list[Token]:
    """Headings for the whole document: contents set apart, families kept or not, titles joined."""
    _teasers(tokens)
    tokens, lists, body_start = _set_contents_apart(tokens, manuscript)
    families = heading_families.gather(tokens)
    heading_families.decide(families, tokens)
    for family in families:
        if len(family.members) > 1 or family.strength < heading_families.STRENGTH_WORD:
            manuscript.evidence.append(heading_families.describe(family))
        _apply(family, tokens)
    kept = [f for f in families if f.kept and f.members[0].kind == "chapter"]
    if kept:
        _join_titles(kept, tokens, convention)
    elif lists:
        _headings_named_by_contents(tokens, lists, body_start, manuscript)
    _part_titles(tokens, convention)
    return [t for t in tokens if t.kind != "taken"]


def _teasers(tokens: list[Token]) -> None:
    """A part heading just under an end word, with no chapter of its own, announces what comes next
    (`TO BE CONTINUED IN` / `SEASON 2:`): it is text."""
    for index, token in enumerate(tokens):
        if token.kind != "end":
            continue
        for offset, later in enumerate(tokens[index + 1:index + 4], start=index + 1):
            # A teaser heads little story before the next note or heading; a real part heads chapters.
            if later.kind == "part" and not later.extra.get("level") \
                    and little_story_after(tokens, offset, TEASER_WORDS, ("note-label", "field", "chapter", "part")):
                later.kind = "para"
            elif later.kind != "para" or len(later.text) > 120:
                break


def _set_contents_apart(tokens: list[Token], manuscript: Manuscript):
    """(tokens without contents lists, the lists, where the body starts): each list kept as a contents note."""
    lists = contents.find_contents(tokens)
    if not lists:
        return tokens, lists, 0
    drop: set[int] = set()
    for found in lists:
        piece = tokens[found.start:found.end]
        note = boilerplate_note(piece, "before", None)
        note.kind = "contents"
        manuscript.notes.append(note)
        first, last = piece[0].line, piece[-1].line
        manuscript.diagnostics.append(Diagnostic(
            "D140", f"lines {first}–{last}: a contents list of {len(found.entries)} entries, kept apart (not printed: "
                    "the book makes its own)", first))
        manuscript.evidence.append(f"contents list at lines {first}–{last}: {len(found.entries)} entries")
        drop.update(range(found.start, found.end))
    body_start = lists[-1].end - len(drop)  # where the body begins once the lists are gone
    return [t for i, t in enumerate(tokens) if i not in drop], lists, body_start


def _apply(family: Family, tokens: list[Token]) -> None:
    """Turn the family's tokens into headings, section headings or prose, as decided."""
    for member in family.members:
        token = tokens[member.index]
        if family.kept:
            token.kind, token.label, token.title, token.weak = member.kind, member.label, member.title, False
        elif family.sections_of:
            token.kind = "section"
        elif token.kind != "break":  # a numeral that is no heading stays the divider it looked like
            token.kind = "para"  # (a family with a known heading word is always kept: only weak ones get here)


def _join_titles(kept: list[Family], tokens: list[Token], convention: str) -> None:
    """A numbered heading without a title takes the line under it: always when that line is set in capitals or
    sits in the heading's own block; a title-like line only when most of the family's headings have one."""
    for family in kept:
        untitled = [m for m in family.members if not tokens[m.index].title]
        if not untitled:
            continue
        found = {m.index: _title_under(tokens, m.index, convention) for m in untitled}
        likely = sum(1 for f in found.values() if f) >= 0.5 * len(untitled)
        for index, (title, strong) in ((i, f) for i, f in found.items() if f):
            if strong or likely:
                tokens[index].title = _continued_title(tokens, index, title, convention)


def _continued_title(tokens: list[Token], index: int, title: str, convention: str) -> str:
    """The title line under heading `index` is taken, with the lines that carry it on in the same block
    (`THE MAN WHO` / `WOULD BE KING`)."""
    tokens[index + 1].kind = "taken"
    following = index + 2
    while convention != "line" and following + 1 < len(tokens) and tokens[following].kind == "para" \
            and tokens[following].gap_before == 0 and tokens[following + 1].gap_before >= 1 \
            and len(title) + len(tokens[following].text) <= _TITLE_MAX and _capitalised(tokens[following].text):
        title = f"{title} {plain(tokens[following].text).strip().rstrip('.')}"
        tokens[following].kind = "taken"
        following += 1
    return title


def _title_under(tokens: list[Token], index: int, convention: str) -> tuple[str, bool] | None:
    """(title, strong) for the line under heading `index`, or None when that line is story."""
    if index + 1 >= len(tokens) or tokens[index + 1].kind != "para":
        return None
    under = tokens[index + 1]
    text = plain(under.text).strip()
    if not text or len(text) > _TITLE_MAX:
        return None
    after = tokens[index + 2] if index + 2 < len(tokens) else None
    if after is None:
        return None  # a line alone under the last heading is the chapter's text
    if convention != "line" and under.gap_before == 0 and after.gap_before >= 1 and _capitalised(text):
        return text.rstrip("."), True  # set in the heading's own block: `Chapter VI` / `The Reverend ... Them.`
    if is_capitals(text) and len(text) <= 100 and not text.startswith(("(", "[")):
        return text.rstrip("."), True
    if looks_like_title(text) and not (scene_heading.is_caption(text) and scene_heading.names_time_or_place(text)):
        return text, False
    return None


def _headings_named_by_contents(tokens: list[Token], lists, body_start: int, manuscript: Manuscript) -> None:
    """No numbered headings: the body's lines that a contents list names, in its order, are the chapter headings."""
    entries = [contents.entry_key(e) for found in lists for e in found.entries]
    entries = [e for e in entries if e]
    matched = 0
    position = body_start
    for entry in entries:
        for index in range(position, len(tokens)):
            token = tokens[index]
            if token.kind == "para" and token.line_count <= 2 and len(token.text) <= 150 \
                    and contents.entry_key(token.text) == entry and index + 1 < len(tokens):
                token.kind, token.title, token.label = "chapter", plain(token.text).strip(), None
                matched += 1
                position = index + 1
                break
    manuscript.evidence.append(f"headings named by the contents list: {matched} of {len(entries)} found in the body")


def _part_titles(tokens: list[Token], convention: str) -> None:
    """A part heading without a title takes a capitals line (or a line of its block) under it: `BOOK ONE` /
    `THE COMING OF THE MARTIANS`."""
    for index, token in enumerate(tokens):
        if token.kind == "part" and not token.title:
            found = _title_under(tokens, index, convention)
            if found and found[1]:
                token.title = _continued_title(tokens, index, found[0], convention)

