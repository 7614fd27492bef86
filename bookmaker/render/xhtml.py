"""Template name + values -> a complete, well-formed XHTML5 document (autoescaped, control characters removed,
runs of other scripts marked with their language and direction)."""

from __future__ import annotations

import re
from functools import lru_cache

import jinja2
import markupsafe
from lxml import etree

from bookmaker.errors import BuildError
from bookmaker.render.scripts import mark_scripts

# Characters XML 1.0 forbids, plus C1 controls and noncharacters that readers show as boxes.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Drop characters an XML document may not contain (ebooklib would turn them into U+FFFD)."""
    return _NOT_XML.sub("", text)


def _finalize(value):
    # Runs on every {{ value }} before autoescaping, so no story text can smuggle a control character in.
    if isinstance(value, markupsafe.Markup):  # already-rendered macro output: escaped when it was built
        return value
    return clean_text(value) if isinstance(value, str) else value


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("bookmaker", "templates"),
        autoescape=True,  # every piece of story text is escaped: "<script>" is shown, never run
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,  # a missing value is a bug, not an empty string
        keep_trailing_newline=True,
    )


def render(template: str, **values) -> str:
    """Render `template` (a file in bookmaker/templates) and check that the result is well-formed XML."""
    text = environment().get_template(template).render(**values)
    try:
        etree.fromstring(text.encode("utf-8"))
    except etree.XMLSyntaxError as error:  # a template bug: say where
        raise BuildError(f"rendered {template} is not well-formed XML: {error}") from error
    return mark_scripts(text, values["lang"]) if values.get("lang") else text
