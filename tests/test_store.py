"""The store: atomic per-article replacement, and the run lock."""

from __future__ import annotations

import json

import pytest

from extractor.documents import build_article
from extractor.errors import StoreError
from extractor.models import Claim
from extractor.pipeline import run_audit
from extractor.report import claim_record, render_jsonl_line
from extractor.settings import Settings
from extractor.store import RunLock, open_store

ARTICLE = build_article("a.txt", "txt", "The Russell 2000 rose 2.5% on Monday.")


def claim(value: str) -> Claim:
    return Claim(id=f"c{value}", article="a.txt", article_id=ARTICLE.id, kind="pct_change", start=22, end=26,
                 quote="2.5%", sentence=ARTICLE.text, extractor="test", value=value, unit="pct")


def exported_ids(store) -> list[str]:
    return [json.loads(line)["id"] for line, _, _ in store.iter_claim_exports()]


def test_stored_export_lines_equal_records_rebuilt_from_the_stored_rows(tmp_path, seed_dir):
    run_audit(Settings(input_dir=seed_dir, out_dir=tmp_path))
    store = open_store(tmp_path / "audit.db")
    rows = list(store.db.query("SELECT c.*, f.verdict AS f_verdict, f.actual AS f_actual FROM claims c "
                               "LEFT JOIN findings f ON f.claim_id = c.id"))
    assert len(rows) > 100
    for row in rows:  # what SQLite gives back (types, affinity) renders the same line as the worker's rows
        assert row["export"] == render_jsonl_line(claim_record(row))


def test_saving_an_article_replaces_its_claims():
    store = open_store(None)
    store.save_article(ARTICLE, [claim("2.5"), claim("3")], [], [])
    store.save_article(ARTICLE, [claim("2.5")], [], [])
    assert exported_ids(store) == ["c2.5"]


def test_a_failed_write_leaves_the_previous_rows():
    store = open_store(None)
    store.save_article(ARTICLE, [claim("2.5")], [], [])
    with pytest.raises(Exception):
        store.save_article(ARTICLE, [claim("2.5"), object()], [], [])  # type: ignore[list-item]
    assert exported_ids(store) == ["c2.5"]


def test_second_run_on_the_same_folder_is_refused(tmp_path):
    with RunLock(tmp_path):
        with pytest.raises(StoreError, match="another audit is running"):
            with RunLock(tmp_path):
                pass


def test_datasette_can_follow_foreign_keys_and_every_link_holds(tmp_path, seed_dir):
    import sqlite3

    from extractor.pipeline import run_audit
    from extractor.settings import Settings

    run_audit(Settings(input_dir=seed_dir, out_dir=tmp_path))
    with sqlite3.connect(tmp_path / "audit.db") as conn:
        links = {(table, row[3], row[2]) for table in ("claims", "findings", "conflict_members", "conflict_groups", "rejections")
                 for row in conn.execute(f"PRAGMA foreign_key_list({table})")}
        assert {("claims", "article_id", "articles"), ("findings", "claim_id", "claims"), ("findings", "article_id", "articles"),
                ("conflict_members", "claim_id", "claims"), ("conflict_members", "group_id", "conflict_groups")} <= links
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        members = conn.execute("SELECT COUNT(*) FROM conflict_members").fetchone()[0]
        assert members == sum(len(json.loads(m)) for (m,) in conn.execute("SELECT members FROM conflict_groups"))
        contradicted = conn.execute("SELECT COUNT(*) FROM findings WHERE verdict = 'contradicted'").fetchone()[0]
        assert conn.execute("SELECT COUNT(*) FROM contradicted_with_reasons").fetchone()[0] == contradicted > 0
        assert conn.execute("SELECT COUNT(*) FROM conflicting_groups_with_members").fetchone()[0] > 0


def test_the_store_loads_without_pandas():
    """sqlite_utils imports pandas only to type its Timestamps; the store keeps it out (a third of a second a run)."""
    import subprocess
    import sys

    code = "import sys, extractor.store; print('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_the_store_leaves_an_imported_pandas_alone():
    import subprocess
    import sys

    code = "import pandas, extractor.store, sys; print(sys.modules['pandas'] is pandas and extractor.store.sqlite_utils.db.pd is pandas)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "True"
