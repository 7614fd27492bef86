"""The project's own error types, each with its exit code; the CLI catches only these."""

from __future__ import annotations


class BookmakerError(Exception):
    """An error the user can act on; printed as one line, never as a traceback."""

    exit_code = 1

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(BookmakerError):
    """The input file is missing, unreadable, empty, binary or not text in any supported encoding."""

    exit_code = 2


class MetadataError(BookmakerError):
    """A metadata file is not valid TOML or has a value of the wrong type."""

    exit_code = 3


class BuildError(BookmakerError):
    """A book could not be written (output folder not writable, layout failed, too large)."""

    exit_code = 4


class StrictError(BookmakerError):
    """--strict was given and the build produced warnings."""

    exit_code = 5
