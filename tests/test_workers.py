"""Worker processes give the same outputs as one process; the pure per-article work also runs on Dask."""

from __future__ import annotations

import sqlite3

import pytest

from extractor.pipeline import run_audit
from extractor.settings import Settings


def test_two_workers_give_byte_identical_outputs(tmp_path, seed_dir):
    for workers in (1, 2):
        run_audit(Settings(input_dir=seed_dir, out_dir=tmp_path / f"w{workers}", workers=workers))
    for name in ("claims.jsonl", "summary.md"):
        assert (tmp_path / "w1" / name).read_bytes() == (tmp_path / "w2" / name).read_bytes()


def test_workers_resume_incrementally(tmp_path, seed_dir):
    settings = Settings(input_dir=seed_dir, out_dir=tmp_path, workers=2)
    run_audit(settings)
    counts, records = run_audit(settings)
    assert (counts.processed, counts.skipped, len(records)) == (0, 5, len(list(records)))


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
