"""A PDF as WeasyPrint wrote it -> the PDF the composer joins as it is: for a piece, the paragraphs a page break
split joined in the structure tree (pdf_continued), its running heads and contents leaders made artifacts
(pdf_furniture), and for every layer prepress (pdf_prepress: subset names, gray black, soft line-end hyphens).

Done where the layout is, in the worker that laid it out, once: a story's body serves its own book and the
anthology, and a kept body or folio chunk is joined again build after build without being worked over again.
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array

from bookmaker.writers.pdf_continued import join_continued
from bookmaker.writers.pdf_furniture import mark_furniture, tree_elements
from bookmaker.writers.pdf_prepress import prepare_for_print


def finish_piece(data: bytes, depths: list[int] | None = None) -> bytes:
    """A piece's tagged PDF (and continued_depths of its layout) -> the piece as the composer joins it."""
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root.get("/StructTreeRoot")
    if root is not None:
        join_continued(pdf, depths or [])
        document = root.K[0] if isinstance(root.K, Array) else root.K
        nums = root.ParentTree.Nums
        tree = tree_elements(document)
        for key, elements in zip(nums[0::2], nums[1::2]):  # running heads WeasyPrint tagged are page furniture
            if int(key) < len(pdf.pages) and isinstance(elements, Array):
                mark_furniture(pdf, pdf.pages[int(key)], elements, tree)
    return _saved(pdf)


def finish_layer(data: bytes) -> bytes:
    """An untagged layer's PDF (the folio layer's chunks, a piece's running heads) -> the same, ready for print."""
    return _saved(pikepdf.open(io.BytesIO(data)))


def _saved(pdf: pikepdf.Pdf) -> bytes:
    prepare_for_print(pdf)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()
