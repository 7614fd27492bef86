"""A Markdown story's opening metadata block (YAML front matter or a pandoc title block) -> fields and its extent.

    ---                              YAML front matter, closed by `---` or `...`
    title: "The Long Road"
    author: [A. Writer, B. Writer]
    summary: >
      Two friends walk home.
    ---

    % The Long Road                  pandoc title block: title, authors (`;` between), date
    % A. Writer; B. Writer
    % 2021-03-04

Only the small part of YAML that story metadata uses is read: `key: value` with plain, quoted, flow-list
(`[a, b]`), block-list (`- a`) and block-scalar (`|`, `>`) values. A block that is not that shape is not front
matter (a story may open with a `---` rule), so the caller reads it as Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Names pandoc and story exporters use for the fields bookmaker's metadata knows.
_ALIASES = {"lang": "language", "abstract": "summary", "description": "summary", "authors": "author",
            "creator": "author", "published": "date"}
_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w -]*?)\s*:(?:[ \t]+(?P<value>.*?))?\s*$")
_ITEM = re.compile(r"^\s*-(?:[ \t]+(?P<value>.*?))?\s*$")
# A nested `key: value` (under a list item or a key): the key is syntax, the value is metadata.
_NESTED_KEY = re.compile(r"^(?:-\s+)?[A-Za-z_][\w -]*?:(?:[ \t]+|$)")
_BLOCK_SCALAR = re.compile(r"^[|>][+-]?\d?$")
_MAX_LINES = 500
_DOUBLE_ESCAPE = re.compile(r"\\(.)")
_DOUBLE_ESCAPES = {"n": "\n", "t": "\t"}
_FLOW_ITEM = re.compile(r"\s*(\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'|[^,]*)\s*(?:,|$)")


@dataclass(frozen=True)
class FrontMatter:
    """The fields read and the number of source lines the block covers (0 when there is none)."""

    fields: dict[str, str]
    line_count: int


def read_front_matter(lines: list[str]) -> FrontMatter:
    """The story's lines (BOM removed) -> its YAML front matter or pandoc title block, if it opens with one."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and lines[start].rstrip() == "---":
        found = _yaml_block(lines, start)
        if found is not None:
            return found
    if start < len(lines) and lines[start].startswith("%"):
        return _pandoc_title_block(lines, start)
    return FrontMatter({}, 0)


def _yaml_block(lines: list[str], start: int) -> FrontMatter | None:
    """YAML between `---` at `start` and the closing `---`/`...`; None when it is not key/value metadata."""
    # Story metadata is a few lines; a `---` far down is a rule, and the bound keeps a huge file linear.
    last = min(len(lines), start + 1 + _MAX_LINES)
    end = next((i for i in range(start + 1, last) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return None
    fields = _parse_yaml(lines[start + 1:end])
    return None if fields is None else FrontMatter(fields, end + 1)


def _parse_yaml(lines: list[str]) -> dict[str, str] | None:
    """`key: value` lines -> {key: text}; None at the first line that is not that shape."""
    entries: list[tuple[str, str, list[str], list[str]]] = []  # (key, first value, continuation lines, items)
    for line in lines:
        stripped = line.strip()
        in_block_scalar = bool(entries) and _BLOCK_SCALAR.match(entries[-1][1] or "") is not None
        if not stripped or (stripped.startswith("#") and not in_block_scalar):
            if in_block_scalar:
                entries[-1][2].append("")
            continue
        key = _KEY.match(line) if not line[0].isspace() else None
        if key and not (entries and _unclosed_quote(entries[-1])):
            entries.append((key.group("key"), key.group("value") or "", [], []))
        elif not entries:
            return None
        elif not in_block_scalar and not entries[-1][1] and (item := _ITEM.match(line)):
            entries[-1][3].append(item.group("value") or "")
        elif line[0].isspace() or _unclosed_quote(entries[-1]):
            target = entries[-1][3] if entries[-1][3] and not in_block_scalar else None
            if target is not None:  # a nested line of the last list item
                target[-1] = (target[-1] + " " + _NESTED_KEY.sub("", stripped)).strip()
            else:
                entries[-1][2].append(line)
        else:
            return None
    fields: dict[str, str] = {}
    for key, value, more, items in entries:
        name = key.strip().lower()
        name = _ALIASES.get(name, name) if _ALIASES.get(name, name) not in fields else name
        text = _value(value, more, items)
        if text:
            fields[name] = text
    return fields


def _unclosed_quote(entry: tuple[str, str, list[str], list[str]]) -> bool:
    """True while a quoted value that spans lines has not met its closing quote yet."""
    raw = " ".join([entry[1]] + [line.strip() for line in entry[2]])
    if raw[:1] == '"':
        return re.fullmatch(r'"(?:[^"\\]|\\.)*"', raw) is None
    if raw[:1] == "'":
        return re.fullmatch(r"'(?:[^']|'')*'", raw) is None
    return False


def _value(value: str, more: list[str], items: list[str]) -> str:
    """One key's raw value, continuation lines and list items -> its text."""
    if items:
        return ", ".join(text for text in (_scalar(_NESTED_KEY.sub("", item)) for item in items) if text)
    if _BLOCK_SCALAR.match(value):
        return _block_scalar(value[0], more)
    raw = " ".join([value] + [line.strip() for line in more]).strip()
    if raw.startswith("[") and raw.endswith("]"):
        inner = raw[1:-1]
        parts = [_scalar(m.group(1)) for m in _FLOW_ITEM.finditer(inner) if m.group(1).strip()]
        return ", ".join(part for part in parts if part)
    return _scalar(raw)


def _block_scalar(style: str, more: list[str]) -> str:
    """`|` keeps line breaks; `>` folds lines into paragraphs (a blank line stays a break)."""
    indents = [len(line) - len(line.lstrip()) for line in more if line.strip()]
    cut = min(indents, default=0)
    body = [line[cut:].rstrip() for line in more]
    while body and not body[-1]:
        body.pop()
    if style == "|":
        return "\n".join(body)
    paragraphs = " ".join(body).split("  ")  # two spaces: where a blank line was folded in
    return "\n".join(" ".join(part.split()) for part in paragraphs if part.strip())


def _scalar(raw: str) -> str:
    """A plain, 'single' or "double" quoted YAML scalar -> its text."""
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        return _DOUBLE_ESCAPE.sub(lambda m: _DOUBLE_ESCAPES.get(m.group(1), m.group(1)), raw[1:-1])
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return raw[1:-1].replace("''", "'")
    return raw


def _pandoc_title_block(lines: list[str], start: int) -> FrontMatter:
    """`% title`, `% authors`, `% date` (a line indented with a space continues the field above)."""
    values: list[str] = []
    index = start
    while index < len(lines) and len(values) < 3:
        line = lines[index]
        if line.startswith("%"):
            values.append(line[1:].strip())
        elif values and line[:1] in (" ", "\t") and line.strip():
            values[-1] = (values[-1] + " " + line.strip()).strip()
        else:
            break
        index += 1
    while index < len(lines) and lines[index][:1] in (" ", "\t") and lines[index].strip() and values:
        values[-1] = (values[-1] + " " + lines[index].strip()).strip()  # the date's continuation lines
        index += 1
    fields: dict[str, str] = {}
    for name, value in zip(("title", "author", "date"), values):
        if name == "author":
            value = ", ".join(part.strip() for part in value.split(";") if part.strip())
        if value:
            fields[name] = value
    return FrontMatter(fields, index)
