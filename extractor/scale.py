"""Beyond one machine: the pure per-file audit on a Dask cluster, results merged by the one writer.

Optional (`pip install -e ".[scale]"`); see docs/scaling.md for the path to millions of articles.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .errors import UsageError
from .pipeline import Counts, ExportedClaims, code_version, run_audit
from .settings import Settings
from .workers import batched

# Why coarse tasks: a Dask task costs the scheduler about a millisecond and a round trip, more
# than the pickled settings and bytes it carries; many files per task keep the cluster computing.
FILES_PER_TASK = 32
IN_FLIGHT_PER_WORKER = 2  # tasks


def run_audit_on_dask(settings: Settings, *, n_workers: int = 2, address: str | None = None) -> tuple[Counts, ExportedClaims]:
    """run_audit with the per-file work on Dask: a LocalCluster of processes, or the scheduler at address."""
    distributed = import_distributed()
    fan_out = functools.partial(iter_on_dask, window=n_workers * IN_FLIGHT_PER_WORKER)
    if address:
        with distributed.Client(address) as client:
            check_same_code(client)
            return run_audit(settings, fan_out=functools.partial(fan_out, client=client))
    with distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        check_same_code(client)
        return run_audit(settings, fan_out=functools.partial(fan_out, client=client))


def check_same_code(client) -> None:
    """Refuse workers that import other extractor code than this process: their rows would carry our version key."""
    ours = code_version()
    others = sorted(address for address, version in client.run(code_version).items() if version != ours)
    if others:
        raise UsageError(f"{len(others)} Dask worker(s) run other extractor code than this process (first: {others[0]}); "
                         "install the same version on every worker")


def import_distributed():
    try:
        import distributed
    except ImportError as exc:
        raise UsageError('Dask is not installed: pip install -e ".[scale]"') from exc
    return distributed


def iter_on_dask(func: Callable[[Any, Any], Any], jobs: Iterable, *, build: Callable[[Settings], Any], settings: Settings,
                 client, window: int) -> Iterator:
    """func(build(settings), job) on the cluster, FILES_PER_TASK jobs a task, at most `window` tasks in flight, in job order."""
    pending: deque = deque()
    for chunk in batched(jobs, FILES_PER_TASK):
        pending.append(client.submit(run_on_worker, func, build, settings, chunk, pure=False))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def run_on_worker(func, build, settings: Settings, jobs: list) -> list:
    auditor = built_on_worker(build, settings)
    return [func(auditor, job) for job in jobs]


@functools.lru_cache(maxsize=2)
def built_on_worker(build: Callable[[Settings], Any], settings: Settings) -> Any:
    """The collaborators, built once per worker process (spaCy rules, market) and reused."""
    return build(settings)
