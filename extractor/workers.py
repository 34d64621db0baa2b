"""Worker processes: the pure per-file work fans out, results come back in input order.

The parent keeps the only store connection (one writer). It builds the collaborators (spaCy
rules, market, calendar: about 1.5 s) once, before the workers fork, so they inherit them
instead of each loading them again; workers then only compute.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from .errors import ExtractorError
from .settings import Settings

Job = TypeVar("Job")
Result = TypeVar("Result")
Item = TypeVar("Item")
IN_FLIGHT_PER_WORKER = 4  # tasks; bounds memory: files are read only as fast as workers take them
# Why several files per task: each task costs the parent a pickle, a pipe write and a wake-up of
# its queue threads, and the parent shares the cores with the workers.
JOBS_PER_TASK = 4
# Why: starting the pool (forking, its queue threads) costs about as much as auditing a few files,
# so a handful of new files (the shipped corpus, a re-run after a few edits) stays in this process.
IN_PROCESS_BELOW = 2 * JOBS_PER_TASK

# Why a module global: it is how a forked worker inherits what the parent built. Set just
# before the pool starts and cleared when it ends.
_collaborator: Any = None


def iter_ordered(func: Callable[[Any, Job], Result], jobs: Iterable[Job], *, build: Callable[[Settings], Any],
                 settings: Settings) -> Iterator[Result]:
    """func(build(settings), job) for every job, in job order; build runs once per process, only if needed.

    With settings.workers > 1 the jobs go to a pool, unless there are fewer than IN_PROCESS_BELOW.
    """
    jobs = iter(jobs)
    head = list(itertools.islice(jobs, IN_PROCESS_BELOW)) if settings.workers > 1 else []
    if len(head) < IN_PROCESS_BELOW:
        yield from _iter_local(func, itertools.chain(head, jobs), build=build, settings=settings)
    else:
        yield from _iter_pool(func, itertools.chain(head, jobs), build=build, settings=settings)


def _iter_local(func, jobs: Iterable[Job], *, build, settings: Settings) -> Iterator[Result]:
    collaborator = None
    for job in jobs:
        collaborator = collaborator if collaborator is not None else build(settings)
        yield func(collaborator, job)


def _iter_pool(func, jobs: Iterator[Job], *, build, settings: Settings) -> Iterator[Result]:
    global _collaborator
    _collaborator = build(settings)
    try:
        # Why fork: workers inherit the built collaborators and imports; the parent holds no threads here.
        with ProcessPoolExecutor(settings.workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_exit_with_parent, initargs=(os.getpid(),)) as pool:
            yield from _iter_window(pool, func, jobs, window=settings.workers * IN_FLIGHT_PER_WORKER)
    finally:
        _collaborator = None


def _iter_window(pool: ProcessPoolExecutor, func, jobs: Iterator, *, window: int) -> Iterator:
    pending: deque[Future] = deque()
    for chunk in batched(jobs, JOBS_PER_TASK):
        pending.append(pool.submit(_run_many, func, chunk))
        if len(pending) >= window:
            yield from _result(pending.popleft())
    while pending:
        yield from _result(pending.popleft())


def batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Lists of up to size items, in order (itertools.batched is Python 3.12+)."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _exit_with_parent(parent: int) -> None:
    """A worker ends when the audit that started it does (a kill -9 of the parent must not leave
    workers holding its pipes, its output folder's lock or the cores)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


PARENT_POLL_S = 0.5


def _run_many(func, jobs: list) -> list:
    return [func(_collaborator, job) for job in jobs]


def _result(future: Future) -> list:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise ExtractorError(f"a worker process died ({exc}); re-run to resume: finished files are kept") from exc
