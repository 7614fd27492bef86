"""A time budget for reading one story: a hostile file must not hold a worker for minutes. with-block -> InputError
once the budget is spent (SIGALRM; only in a process's main thread, which every worker and a one-job build is).

The largest story accepted (decode.MAX_BYTES, 64 MB) compiles in about a minute: the budget leaves room for a
machine three times slower, and no legitimate story comes near it.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager

from bookmaker.errors import InputError

STORY_SECONDS = 180.0


def story_seconds() -> float:
    """The budget: BOOKMAKER_STORY_SECONDS if set to a positive number (tests set it low), else STORY_SECONDS."""
    try:
        value = float(os.environ.get("BOOKMAKER_STORY_SECONDS", ""))
    except ValueError:
        return STORY_SECONDS
    return value if value > 0 else STORY_SECONDS


class _Spent(BaseException):
    """Raised by the alarm inside the block; BaseException, so no `except Exception` in a rule swallows it."""


@contextmanager
def reading_budget(source: str):
    """Run the block within story_seconds(); past it, InputError naming `source`."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    seconds = story_seconds()

    def spent(signum, frame):
        raise _Spent()

    previous = signal.signal(signal.SIGALRM, spent)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Spent:
        raise InputError(f"took more than {seconds:g} s to read and was stopped (a pathological line?); "
                         "please report it", source) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
