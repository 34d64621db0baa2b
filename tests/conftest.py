"""Shared fixtures: one spaCy rule set and one market per test session (building them is slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.calendar import load_calendar
from extractor.nlp import build_nlp
from extractor.prices import load_market
from extractor.reference import load_reference
from extractor.rules import RuleSet
from extractor.settings import SHIPPED_ARTICLES, SHIPPED_DATA

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "seeds_gold.jsonl"


@pytest.fixture(scope="session", autouse=True)
def private_data_cache(tmp_path_factory):
    """Audits started through the CLI keep their data cache in a temporary folder, never the user's ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path_factory.mktemp("data-cache")))
        yield


@pytest.fixture(scope="session")
def reference():
    return load_reference(SHIPPED_DATA / "reference")


@pytest.fixture(scope="session")
def rules(reference):
    return RuleSet(build_nlp(), reference)


@pytest.fixture(scope="session")
def market():
    return load_market(SHIPPED_DATA, calendar=load_calendar())


@pytest.fixture(scope="session")
def seed_dir():
    return SHIPPED_ARTICLES
