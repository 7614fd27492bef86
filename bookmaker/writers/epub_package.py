"""ebooklib's EpubWriter -> the same writer with what it leaves out of the package and the NCX: the package's
xml:lang (DAISY Ace's epub-lang: a reading system needs the language of the metadata) and the NCX's real depth
(ebooklib writes dtb:depth 0 even for an anthology's two levels), and creators with their role and sort name.
"""

from __future__ import annotations

from ebooklib import epub
from lxml import etree

from bookmaker.render.book import Creator

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"


def add_creators(package: epub.EpubBook, creators: list[Creator]) -> None:
    """Each creator as dc:creator refined by its role (marc:relators) and file-as (ebooklib's add_author gives
    file-as the relator scheme, which is wrong)."""
    for number, creator in enumerate(creators, start=1):
        uid = f"creator-{number}"
        package.add_metadata("DC", "creator", creator.name, {"id": uid})
        package.add_metadata(None, "meta", creator.role, {"refines": f"#{uid}", "property": "role",
                                                          "scheme": "marc:relators"})
        package.add_metadata(None, "meta", creator.file_as, {"refines": f"#{uid}", "property": "file-as"})


def _depth(element, level: int = 0) -> int:
    points = element.findall(f"{NCX}navPoint")
    return max((_depth(point, level + 1) for point in points), default=level)


class Writer(epub.EpubWriter):
    """ebooklib's writer, with xml:lang on <package> and <ncx>, and the NCX's dtb:depth counted."""

    def __init__(self, name, book: epub.EpubBook, options: dict, lang: str):
        super().__init__(name, book, options)
        self.lang = lang

    def _write_opf_file(self, root) -> None:
        root.set(XML_LANG, self.lang)
        super()._write_opf_file(root)

    def _get_ncx(self) -> bytes:
        root = etree.fromstring(super()._get_ncx())
        root.set(XML_LANG, self.lang)
        for meta in root.iter(f"{NCX}meta"):
            if meta.get("name") == "dtb:depth":
                meta.set("content", str(max(1, _depth(root.find(f"{NCX}navMap")))))
        return etree.tostring(root.getroottree(), pretty_print=True, encoding="utf-8", xml_declaration=True)
