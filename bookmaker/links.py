"""Symbolic links among a story's files: a path -> where it leads when that is outside the folder the link is in.

bookmaker follows a link only to a file inside the link's own folder (or below it): a `passwd.txt` link to
/etc/passwd in a story folder, or a `story.toml` link to someone's configuration, is refused, not read.
"""

from __future__ import annotations

from pathlib import Path


class LinkLoop(Exception):
    """The link cannot be followed: a loop of links."""


def outside_target(path: Path) -> Path | None:
    """The target of `path` when it is a symbolic link leading out of its folder, else None; LinkLoop for a loop."""
    path = Path(path)
    try:
        if not path.is_symlink():
            return None
        target = path.resolve(strict=False)
        folder = path.parent.resolve()
    except (OSError, RuntimeError):
        raise LinkLoop(str(path)) from None
    return None if target.is_relative_to(folder) else target
