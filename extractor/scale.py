"""Beyond one machine: the pure per-file audit on a Dask cluster, results merged by the one writer.

Optional (`pip install -e ".[scale]"`); see docs/scaling.md for the path to millions of articles.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .errors import UsageError
from .pipeline import Counts, ExportedClaims, run_audit
from .settings import Settings

IN_FLIGHT_PER_WORKER = 8


def run_audit_on_dask(settings: Settings, *, n_workers: int = 2, address: str | None = None) -> tuple[Counts, ExportedClaims]:
    """run_audit with the per-file work on Dask: a LocalCluster of processes, or the scheduler at address."""
    distributed = import_distributed()
    if address:
        with distributed.Client(address) as client:
            return run_audit(settings, fan_out=functools.partial(iter_on_dask, client=client, window=n_workers * IN_FLIGHT_PER_WORKER))
    with distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        return run_audit(settings, fan_out=functools.partial(iter_on_dask, client=client, window=n_workers * IN_FLIGHT_PER_WORKER))


def import_distributed():
    try:
        import distributed
    except ImportError as exc:
        raise UsageError('Dask is not installed: pip install -e ".[scale]"') from exc
    return distributed


def iter_on_dask(func: Callable[[Any, Any], Any], jobs: Iterable, *, build: Callable[[Settings], Any], settings: Settings,
                 client, window: int) -> Iterator:
    """func(build(settings), job) on the cluster, at most `window` jobs in flight, results in job order."""
    pending: deque = deque()
    for job in jobs:
        pending.append(client.submit(run_on_worker, func, build, settings, job, pure=False))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def run_on_worker(func, build, settings: Settings, job):
    return func(built_on_worker(build, settings), job)


@functools.lru_cache(maxsize=2)
def built_on_worker(build: Callable[[Settings], Any], settings: Settings) -> Any:
    """The collaborators, built once per worker process (spaCy rules, market) and reused."""
    return build(settings)
