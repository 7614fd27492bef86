"""A rendered book as a compile job hands it to the build's parent -> the same book, pickled and compressed in between
(Packed): the parent holds every story's from its compile to its writing."""

from __future__ import annotations

import pickle
import zlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Packed:
    """A rendered book as a compile job hands it to the parent: pickled and compressed (its XHTML shrinks about
    fourfold), for the parent holds every story's from its compile to its writing. Made and read by this build's
    own processes, in memory: never from a file."""

    data: bytes

    @classmethod
    def of(cls, rendered) -> "Packed":
        return cls(zlib.compress(pickle.dumps(rendered, protocol=pickle.HIGHEST_PROTOCOL), 1))

    def unpacked(self):
        return pickle.loads(zlib.decompress(self.data))
