"""A user's own series through --prices: named and aliased in series.csv, added to the shipped data."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from extractor.api import audit_text
from extractor.errors import DataError
from extractor.prices import load_market
from extractor.settings import SHIPPED_DATA


def write_series(folder: Path, symbol: str, closes: list[float], start: date = date(2026, 1, 5)) -> None:
    (folder / "prices").mkdir(parents=True, exist_ok=True)
    day, rows = start, []
    for close in closes:
        while day.weekday() >= 5:
            day += timedelta(days=1)
        rows.append([day.isoformat(), close, close, close, close, 1000])
        day += timedelta(days=1)
    with (folder / "prices" / f"{symbol}.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "open", "high", "low", "close", "volume"])
        writer.writerows(rows)


@pytest.fixture()
def user_data(tmp_path):
    write_series(tmp_path, "XBK", [100.0, 102.0, 101.0, 104.0, 106.08])
    (tmp_path / "series.csv").write_text("symbol,name,aliases\nXBK,Example Bank Index,bank index|the bank gauge\n")
    return tmp_path


def test_a_named_series_is_checked_and_the_shipped_ones_stay(user_data):
    market = load_market(user_data, base=SHIPPED_DATA)
    assert {"XBK", "GSPC", "RUT"} <= set(market.prices)
    assert market.find_symbol("the Example Bank Index") == "XBK" and market.find_symbol("bank index") == "XBK"
    assert market.find_symbol("S&P 500") == "GSPC"


def test_claims_about_a_user_series_get_verdicts(user_data):
    # 2026-01-09 close 106.08 vs 104.00: +2.0%
    result = audit_text("On Friday, January 9, 2026, the Example Bank Index rose 2% to 106.08.",
                        published=date(2026, 1, 10), prices=user_data)
    verdicts = {c.kind: f.verdict for c, f in zip(result.claims, result.findings)}
    assert verdicts.get("pct_change") == "supported" and verdicts.get("index_level") == "supported"


def test_the_unknown_subject_error_lists_what_is_available(user_data):
    result = audit_text("On Friday, January 9, 2026, the Example Widget Index rose 2%.", published=date(2026, 1, 10),
                        prices=user_data)
    missing = [f.missing for c, f in zip(result.claims, result.findings) if c.kind == "pct_change"][0]
    assert "XBK (" in missing and "bank index" in missing and "GSPC" in missing


def test_a_series_csv_row_without_prices_is_an_error(tmp_path):
    write_series(tmp_path, "XBK", [100.0, 101.0])
    (tmp_path / "series.csv").write_text("symbol,name,aliases\nNOPE,Missing Index,\n")
    with pytest.raises(DataError, match="NOPE has no prices/NOPE.csv"):
        load_market(tmp_path, base=SHIPPED_DATA)
