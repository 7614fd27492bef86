"""The folio layer's chunks: a page count -> which chunks of fixed page ranges hold its folios (no layout here:
the build plans with this module without importing the PDF writer).

The folio layer comes in chunks of fixed page ranges, each laid out once (a worker lays the missing ones out
ahead of the books; the build keeps them on disk): pages 1-32, then ranges doubling, 33-64, 65-128... A chunk's
bytes depend on nothing but its range, so a book's do not depend on which books a process laid out before it;
every range starts on an odd page, a right-hand page, as the first page of a document is; and each range has
every digit, so its font subset is the same whatever asks for it.
"""

from __future__ import annotations

FIRST_FOLIO_CHUNK = 32


def folio_chunk_range(chunk: int) -> range:
    """A chunk's page numbers (1-based)."""
    if chunk == 0:
        return range(1, FIRST_FOLIO_CHUNK + 1)
    first = FIRST_FOLIO_CHUNK << (chunk - 1)
    return range(first + 1, 2 * first + 1)


def folio_chunks_for(count: int) -> list[int]:
    """The chunks that hold pages 1..count."""
    chunks = [0]
    while folio_chunk_range(chunks[-1]).stop <= count:
        chunks.append(chunks[-1] + 1)
    return chunks


def chunk_of(page: int) -> int:
    """The chunk that holds page `page` (1-based)."""
    return max(0, (page - 1) // FIRST_FOLIO_CHUNK).bit_length()
