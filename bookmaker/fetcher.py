"""A WeasyPrint URL fetcher: a URL in -> the file's bytes if it lies under the styles folder, a refusal otherwise.

Story text is untrusted: whatever markup reaches the layout engine, it must never make WeasyPrint read
a file elsewhere on the disk or open a network connection. Only the stylesheet and its fonts are read.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

# woff2 is missing from Python's table on some systems; WeasyPrint sniffs fonts anyway, but say what it is.
_TYPES = {".css": "text/css; charset=utf-8", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf"}


class RefusedURL(ValueError):
    """A URL outside the allowed folder; WeasyPrint turns it into a logged warning."""


class StylesFetcher(URLFetcher):
    """Serves `file:` URLs under `root` (the project's styles/ folder) and refuses everything else."""

    def __init__(self, root: Path):
        super().__init__(allowed_protocols={"file"})
        self.root = Path(root).resolve()

    def resolve(self, url: str) -> Path:
        """The file a URL names, or RefusedURL when it is not a file under `root`."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"refused to fetch {url!r}: only files under {self.root} are read")
        path = Path(unquote(parts.path)).resolve()  # resolve() folds ".." and symlinks before the check
        if not path.is_relative_to(self.root) or not path.is_file():
            raise RefusedURL(f"refused to fetch {url!r}: only files under {self.root} are read")
        return path

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self.resolve(url)
        mime = _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})
