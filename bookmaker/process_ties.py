"""Worker processes tied to the build that started them: a worker dies with its parent (a closed terminal, a CI
timeout, `kill PID`), leaves Ctrl-C to the parent, and the parent stops its workers at once when interrupted.

    tie_to_parent(pid)   in each worker, first: parent-death signal, SIGINT ignored
    stop(processes)      in the parent, on SIGINT/SIGTERM: kill the workers and wait until they are gone
    terminated_on()      in the parent: SIGTERM, SIGHUP raise Terminated (a KeyboardInterrupt), so clean-up runs;
                         restore() puts the handler before it back
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

from bookmaker.errors import BookmakerError

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


class Terminated(KeyboardInterrupt):
    """The build was sent SIGTERM (or SIGHUP, its terminal closed): unwound like Ctrl-C (temporaries removed),
    exit code 128 + the signal."""

    def __init__(self, signum: int = signal.SIGTERM):
        super().__init__(signum)
        self.signum = signum


class Stopped(BookmakerError):
    """The build stopped by a signal, as one error line; exit code 128 + the signal's number."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


def stopped(interrupt: KeyboardInterrupt) -> Stopped:
    """Ctrl-C -> 'interrupted', exit 130; SIGTERM -> 'terminated', exit 143."""
    if isinstance(interrupt, Terminated):
        word = "hung up" if interrupt.signum == signal.SIGHUP else "terminated"
        return Stopped(f"{word}: the build stopped, its workers too; no partial file left", 128 + interrupt.signum)
    return Stopped("interrupted: the build stopped, its workers too; no partial file left", 128 + signal.SIGINT)


def tie_to_parent(parent: int) -> None:
    """Worker initializer: the kernel kills this process when its parent dies (Linux); elsewhere, or if the
    parent is already gone, the worker exits now. SIGINT is the parent's to handle: a Ctrl-C reaches the whole
    process group, and a worker's own KeyboardInterrupt would only print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def stop(processes) -> None:
    """Kill the pool's worker processes (multiprocessing.Process objects) and reap them: an interrupted build
    must not leave workers laying out books nobody will collect."""
    for process in processes:
        try:
            process.kill()
        except (OSError, ValueError, AttributeError):
            pass
    for process in processes:
        try:
            process.join(timeout=5)
        except (OSError, ValueError, AssertionError, AttributeError):
            pass


def _raise_terminated(signum, frame) -> None:
    raise Terminated(signum)


_STOPPING = (signal.SIGTERM, signal.SIGHUP)  # kill PID, a CI timeout; a closed terminal


def terminated_on():
    """In the main thread of the parent: SIGTERM and SIGHUP unwind the build as Ctrl-C does (exit 143, 129).
    Returns the handlers it replaced, for restore()."""
    try:
        return {signum: signal.signal(signum, _raise_terminated) for signum in _STOPPING}
    except ValueError:  # not the main thread (a test running the build in a thread): leave the default
        return None


def restore(previous) -> None:
    """The handlers from before terminated_on() (a program calling build_library keeps its own)."""
    for signum, handler in (previous or {}).items():
        try:
            signal.signal(signum, handler)
        except (ValueError, TypeError):
            pass
