"""The folio layer's chunks: a page count -> which chunks of fixed page ranges hold its folios (no layout here:
the build plans with this module without importing the PDF writer).

The folio layer comes in chunks of 32 pages, 1-32, 33-64..., each laid out once (a worker lays the missing ones out
ahead of the books; the build keeps them on disk): a book lays out at most 31 folios it does not use (ranges that
doubled laid 512 out for a 300-page novel, at 5-10 ms a page). A chunk's bytes depend on nothing but its range, so
a book's do not depend on which books a process laid out before it; every range starts on an odd page, a right-hand
page, as the first page of a document is; and each range has every digit, so its font subset is the same whatever
asks for it.
"""

from __future__ import annotations

FOLIO_CHUNK = 32


def folio_chunk_range(chunk: int) -> range:
    """A chunk's page numbers (1-based)."""
    return range(FOLIO_CHUNK * chunk + 1, FOLIO_CHUNK * (chunk + 1) + 1)


def folio_chunks_for(count: int) -> list[int]:
    """The chunks that hold pages 1..count."""
    return list(range(max(1, -(-count // FOLIO_CHUNK))))


def chunk_of(page: int) -> int:
    """The chunk that holds page `page` (1-based)."""
    return max(0, (page - 1) // FOLIO_CHUNK)
