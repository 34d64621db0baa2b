"""The store: atomic per-article replacement, and the run lock."""

from __future__ import annotations

import pytest

from extractor.documents import build_article
from extractor.errors import StoreError
from extractor.models import Claim
from extractor.store import RunLock, open_store

ARTICLE = build_article("a.txt", "txt", "The Russell 2000 rose 2.5% on Monday.")


def claim(value: str) -> Claim:
    return Claim(id=f"c{value}", article="a.txt", article_id=ARTICLE.id, kind="pct_change", start=22, end=26,
                 quote="2.5%", sentence=ARTICLE.text, extractor="test", value=value, unit="pct")


def test_saving_an_article_replaces_its_claims():
    store = open_store(None)
    store.save_article(ARTICLE, [claim("2.5"), claim("3")], [], [])
    store.save_article(ARTICLE, [claim("2.5")], [], [])
    assert [r["id"] for r in store.iter_claim_rows()] == ["c2.5"]


def test_a_failed_write_leaves_the_previous_rows():
    store = open_store(None)
    store.save_article(ARTICLE, [claim("2.5")], [], [])
    with pytest.raises(Exception):
        store.save_article(ARTICLE, [claim("2.5"), object()], [], [])  # type: ignore[list-item]
    assert [r["id"] for r in store.iter_claim_rows()] == ["c2.5"]


def test_second_run_on_the_same_folder_is_refused(tmp_path):
    with RunLock(tmp_path):
        with pytest.raises(StoreError, match="another audit is running"):
            with RunLock(tmp_path):
                pass
