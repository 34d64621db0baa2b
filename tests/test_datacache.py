"""The data cache: a series or calendar read from it equals the one parsed afresh, and never a stale one."""

from __future__ import annotations

from datetime import date

import pytest

from extractor.calendar import build_calendar, load_calendar
from extractor.datacache import DataCache
from extractor.prices import load_market, load_price_file, load_price_series, load_rate_file, load_rate_series
from extractor.settings import SHIPPED_DATA

PRICE_FILES = sorted((SHIPPED_DATA / "prices").glob("*.csv"))
RATE_FILES = sorted((SHIPPED_DATA / "rates").glob("*.csv"))


def exact(rows) -> list[tuple]:
    """Rows with every value as its repr: Decimal("1.5") == Decimal("1.50"), but they print differently."""
    return [tuple(map(repr, row)) for row in rows]


@pytest.mark.parametrize("path", PRICE_FILES, ids=lambda p: p.name)
def test_a_cached_price_series_is_the_parsed_one(tmp_path, path):
    cache, parsed = DataCache(tmp_path), load_price_series(path)
    for _ in ("built and stored", "read from the cache"):
        series = load_price_file(path, cache)
        assert (series.symbol, series.sessions) == (parsed.symbol, parsed.sessions)
        assert exact(series.bars) == exact(parsed.bars)
    assert len(list(tmp_path.glob("prices-*.json"))) == 1


@pytest.mark.parametrize("path", RATE_FILES, ids=lambda p: p.name)
def test_a_cached_rate_series_is_the_parsed_one(tmp_path, path):
    cache, parsed = DataCache(tmp_path), load_rate_series(path)
    for _ in ("built and stored", "read from the cache"):
        series = load_rate_file(path, cache)
        assert series.series_id == parsed.series_id and exact(series.points) == exact(parsed.points)


def test_a_cached_market_is_the_parsed_one(tmp_path):
    parsed = load_market(SHIPPED_DATA)
    load_market(SHIPPED_DATA, cache=DataCache(tmp_path))
    cached = load_market(SHIPPED_DATA, cache=DataCache(tmp_path))
    assert cached.version == parsed.version and list(cached.prices) == list(parsed.prices) and list(cached.rates) == list(parsed.rates)
    assert all(exact(cached.prices[s].bars) == exact(parsed.prices[s].bars) for s in parsed.prices)


def test_an_edited_file_is_parsed_again(tmp_path):
    path = tmp_path / "data" / "TEST.csv"
    path.parent.mkdir()
    path.write_text("date,close\n2026-01-02,100.50\n2026-01-05,101\n")
    cache = DataCache(tmp_path / "cache")
    assert str(load_price_file(path, cache).bars[-1].close) == "101"
    path.write_text("date,close\n2026-01-02,100.50\n2026-01-05,102.25\n")
    assert str(load_price_file(path, cache).bars[-1].close) == "102.25"


@pytest.mark.parametrize("damage", ["", "{not json", '{"a": 1}', "[[1, 2]]", '[["2026-01-02", "x"]]'])
def test_a_damaged_entry_is_rebuilt(tmp_path, damage):
    path = PRICE_FILES[0]
    load_price_file(path, DataCache(tmp_path))
    (entry,) = tmp_path.glob("prices-*.json")
    entry.write_text(damage)
    assert exact(load_price_file(path, DataCache(tmp_path)).bars) == exact(load_price_series(path).bars)
    assert exact(load_price_file(path, DataCache(tmp_path)).bars) == exact(load_price_series(path).bars)


def test_an_unwritable_cache_only_costs_time(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    path = RATE_FILES[0]
    assert exact(load_rate_file(path, DataCache(blocker / "cache")).points) == exact(load_rate_series(path).points)


def test_an_unreadable_data_file_is_the_loaders_error(tmp_path):
    from extractor.errors import DataError

    with pytest.raises(DataError, match="cannot read"):
        load_price_file(tmp_path / "missing.csv", DataCache(tmp_path / "cache"))


def test_a_cached_calendar_is_the_built_one(tmp_path):
    built = build_calendar("XNYS", start=date(1990, 1, 1), end=None)
    for _ in ("built and stored", "read from the cache"):
        load_calendar.cache_clear()  # the in-process cache would hide the file cache
        cached = load_calendar("XNYS", start=date(1990, 1, 1), cache=DataCache(tmp_path))
        assert (cached.name, cached.sessions) == (built.name, built.sessions)
    load_calendar.cache_clear()

