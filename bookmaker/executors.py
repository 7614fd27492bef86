"""Where a build's jobs run: a function and its picklable arguments -> a future of its result, in this process,
in a local process pool (the default) or on a Dask distributed cluster (`--scheduler tcp://HOST:8786`).

The library hands every job to one executor and never asks which it is: `--jobs 1` runs the same jobs, in the
same order, as `--jobs 8` or a cluster, so the books are the same bytes.
"""

from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_local
from typing import Callable

from bookmaker.errors import BuildError

SCHEDULER_VARIABLE = "BOOKMAKER_SCHEDULER"  # a Dask scheduler's address, when --scheduler is not given


class InProcess:
    """Runs each job in this process when it is submitted: one slot, nothing to start or pickle."""

    slots = 1

    def submit(self, function: Callable, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(function(*args))
        except Exception as error:  # noqa: BLE001 - delivered by result(), as a pool delivers it
            future.set_exception(error)
        return future

    def wait(self, futures: list) -> list:
        return list(futures)

    def close(self, interrupted: bool = False) -> None:
        pass


def _start_worker(parent: int, formats: tuple[str, ...]) -> None:
    """A pool process's first act: die with the build (process_ties), then import the writers of `formats` (0.8 s
    for WeasyPrint), every worker at once, while the first story compiles."""
    from bookmaker.process_ties import tie_to_parent
    from bookmaker.writers import writer_for

    tie_to_parent(parent)
    for name in formats:
        writer_for(name).load()


class LocalPool:
    """A process pool, one process a core at most (layout is CPU-bound: a process more only adds its memory),
    started on first use; each worker dies with this process (process_ties) and keeps what it imported."""

    def __init__(self, slots: int, formats: tuple[str, ...] = ()):
        self.slots, self.formats = slots, formats
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, function: Callable, *args) -> Future:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.slots, initializer=_start_worker,
                                             initargs=(os.getpid(), self.formats))
        return self._pool.submit(function, *args)

    def wait(self, futures: list) -> list:
        return list(wait_local(futures, return_when=FIRST_COMPLETED).done)

    def close(self, interrupted: bool = False) -> None:
        if self._pool is None:
            return
        if interrupted:  # Ctrl-C or SIGTERM: stop now, not after the jobs
            from bookmaker.process_ties import stop

            processes = list((getattr(self._pool, "_processes", None) or {}).values())
            self._pool.shutdown(wait=False, cancel_futures=True)
            stop(processes)
        else:  # the build is done, or failed: nothing left to run
            self._pool.shutdown(wait=True, cancel_futures=True)


# What the parent's environment sets for a build, which a cluster's workers (started elsewhere) must see too:
# the books' date, the page cap, the time budget for reading a story.
SHIPPED_VARIABLES = ("SOURCE_DATE_EPOCH", "BOOKMAKER_MAX_PDF_PAGES", "BOOKMAKER_STORY_SECONDS")


def _in_environment(environment: dict[str, str], function: Callable, *args):
    """Run a job on a cluster's worker with the parent's build variables (SHIPPED_VARIABLES), set or unset."""
    for name in SHIPPED_VARIABLES:
        if name in environment:
            os.environ[name] = environment[name]
        else:
            os.environ.pop(name, None)
    return function(*args)


class DaskCluster:
    """A Dask distributed scheduler's workers (pip install 'bookmaker[dask]'): the same jobs, shipped to them;
    results come back to this process, which keeps the stories' parts and bodies and writes the state. The jobs
    read the stories and write the books at the paths this process gives: on several machines, a shared folder."""

    def __init__(self, address: str):
        try:
            from distributed import Client
        except ImportError:
            raise BuildError("--scheduler needs Dask distributed: pip install 'bookmaker[dask]'") from None
        try:
            self.client = Client(address, timeout="10s")
        except (OSError, TimeoutError, ValueError) as error:
            raise BuildError(f"cannot reach the Dask scheduler {address} ({error})") from None
        self.slots = max(1, sum(self.client.nthreads().values()))

    def submit(self, function: Callable, *args):
        environment = {name: os.environ[name] for name in SHIPPED_VARIABLES if name in os.environ}
        # pure=False: two equal jobs are two jobs, never one result shared
        return self.client.submit(_in_environment, environment, function, *args, pure=False)

    def wait(self, futures: list) -> list:
        from distributed import wait

        return list(wait(futures, return_when="FIRST_COMPLETED").done)

    def close(self, interrupted: bool = False) -> None:
        self.client.close()


class Workers:
    """The build's executor, chosen once: a Dask cluster when a scheduler is named, else a pool of `jobs`
    processes (0: one a core; never more than the cores: -j 32 took 1.7 GB), or this process for one."""

    def __init__(self, jobs: int = 0, scheduler: str | None = None, formats: tuple[str, ...] = ()):
        self.formats = formats  # the writers a local worker imports first
        scheduler = scheduler or os.environ.get(SCHEDULER_VARIABLE) or None
        cores = os.cpu_count() or 1
        self.count = min(jobs, cores) if jobs else cores
        self.scheduler = scheduler
        self.executor: InProcess | LocalPool | DaskCluster | None = None
        self._previous_handler = None

    def start(self):
        if self.executor is None:
            if self.scheduler:
                self.executor = DaskCluster(self.scheduler)
                self.count = self.executor.slots
            else:
                self.executor = LocalPool(self.count, self.formats) if self.count > 1 else InProcess()
        return self.executor

    def __enter__(self) -> "Workers":
        from bookmaker.process_ties import terminated_on

        self._previous_handler = terminated_on()
        return self

    def __exit__(self, kind, *exc) -> None:
        from bookmaker.process_ties import restore

        restore(self._previous_handler)
        if self.executor is not None:
            self.executor.close(interrupted=kind is not None and issubclass(kind, KeyboardInterrupt))
