"""Worker processes give the same outputs as one process; the pure per-article work also runs on Dask."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from extractor.pipeline import run_audit
from extractor.settings import Settings
from extractor.workers import IN_PROCESS_BELOW, iter_ordered


def pid_and_job(collaborator, job):
    return os.getpid(), collaborator, job


def build_marker(settings):
    return "built"


def copy_seeds(seed_dir, dest, *, copies: int):
    """copies × the seed articles, each copy's text made distinct: enough files to start the pool."""
    for n in range(copies):
        shutil.copytree(seed_dir, dest / str(n))
        for path in (dest / str(n)).iterdir():
            path.write_text(path.read_text() + f"\nCopy {n}.\n")
    return dest


@pytest.fixture(scope="module")
def many_dir(tmp_path_factory, seed_dir):
    return copy_seeds(seed_dir, tmp_path_factory.mktemp("many"), copies=3)


def test_two_workers_give_byte_identical_outputs(tmp_path, many_dir):
    for workers in (1, 2):
        run_audit(Settings(input_dir=many_dir, out_dir=tmp_path / f"w{workers}", workers=workers))
    for name in ("claims.jsonl", "conflicts.jsonl", "summary.md"):
        assert (tmp_path / "w1" / name).read_bytes() == (tmp_path / "w2" / name).read_bytes()


@pytest.mark.parametrize("jobs, in_process", [(0, True), (1, True), (IN_PROCESS_BELOW - 1, True), (IN_PROCESS_BELOW, False),
                                              (3 * IN_PROCESS_BELOW + 1, False)])
def test_a_handful_of_jobs_stays_in_process(jobs, in_process):
    results = list(iter_ordered(pid_and_job, range(jobs), build=build_marker, settings=Settings(workers=2)))
    assert [job for _, _, job in results] == list(range(jobs))
    assert all(collaborator == "built" for _, collaborator, _ in results)
    assert all(pid == os.getpid() for pid, _, _ in results) == in_process


def test_one_worker_never_starts_a_pool():
    results = list(iter_ordered(pid_and_job, range(3 * IN_PROCESS_BELOW), build=build_marker, settings=Settings(workers=1)))
    assert {pid for pid, _, _ in results} == {os.getpid()}


def test_workers_resume_incrementally(tmp_path, many_dir):
    settings = Settings(input_dir=many_dir, out_dir=tmp_path, workers=2)
    run_audit(settings)
    counts, records = run_audit(settings)
    assert (counts.processed, counts.skipped, len(records)) == (0, 15, len(list(records)))


def table_rows(db_path, table: str) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return sorted(conn.execute(f"SELECT * FROM [{table}]").fetchall(), key=repr)


@pytest.mark.slow
def test_dask_cluster_fills_the_same_store(tmp_path, seed_dir):
    pytest.importorskip("distributed")
    from extractor.scale import run_audit_on_dask

    run_audit(Settings(input_dir=seed_dir, out_dir=tmp_path / "local"))
    run_audit_on_dask(Settings(input_dir=seed_dir, out_dir=tmp_path / "dask"), n_workers=2)
    for table in ("articles", "claims", "rejections", "findings", "sources"):
        assert table_rows(tmp_path / "dask" / "audit.db", table) == table_rows(tmp_path / "local" / "audit.db", table), table
    assert (tmp_path / "dask" / "claims.jsonl").read_bytes() == (tmp_path / "local" / "claims.jsonl").read_bytes()


@pytest.mark.slow
def test_dask_tasks_carry_many_files_and_keep_their_order():
    distributed = pytest.importorskip("distributed")
    from extractor.scale import FILES_PER_TASK, iter_on_dask

    jobs = list(range(3 * FILES_PER_TASK + 1))  # four tasks, the last one short
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        results = list(iter_on_dask(pid_and_job, jobs, build=build_marker, settings=Settings(), client=client, window=2))
    assert [job for _, _, job in results] == jobs
    assert all(collaborator == "built" for _, collaborator, _ in results)
    pids = [pid for pid, _, _ in results]
    assert all(len(set(pids[i:i + FILES_PER_TASK])) == 1 for i in range(0, len(jobs), FILES_PER_TASK))  # a task runs on one worker


class RecordedClient:
    """A stand-in for distributed.Client: .run(func) answers each worker's recorded result."""

    def __init__(self, answers: dict):
        self.answers = answers

    def run(self, func):
        return self.answers


def test_dask_workers_must_run_this_code():
    from extractor.errors import UsageError
    from extractor.pipeline import code_version
    from extractor.scale import check_same_code

    check_same_code(RecordedClient({"tcp://a": code_version(), "tcp://b": code_version()}))
    with pytest.raises(UsageError, match="1 Dask worker.*tcp://b"):
        check_same_code(RecordedClient({"tcp://a": code_version(), "tcp://b": "0123456789ab"}))
