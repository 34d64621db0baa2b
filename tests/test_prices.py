"""Loading price/rate folders into a Market, subject aliases, data_version, the FRED fetcher."""

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import httpx
import pytest

from extractor.errors import DataError
from extractor.prices import data_version, fetch_fred_series, find_symbol, is_fed_funds, load_market
from extractor.prices import load_price_series

DATA = Path(__file__).resolve().parents[1] / "corpus" / "data"


@pytest.fixture(scope="module")
def market():
    return load_market(DATA)


def _write_folder(root: Path, prices: str, rates: str = "date,value\n2026-01-02,3.75\n") -> Path:
    (root / "prices").mkdir(parents=True)
    (root / "rates").mkdir()
    (root / "prices" / "TEST.csv").write_text(prices)
    (root / "rates" / "DFEDTARU.csv").write_text(rates)
    return root


@pytest.mark.parametrize(
    ("subject", "symbol"),
    [
        ("Russell 2000", "RUT"), ("small caps", "RUT"), ("^RUT", "RUT"), ("the Russell", "RUT"),
        ("Russell 2000 index", "RUT"), ("S&P 500", "GSPC"), ("SPX", "GSPC"), ("^GSPC", "GSPC"),
        ("S&P", "GSPC"), ("Nasdaq Composite", "IXIC"), ("NASDAQ", "IXIC"), ("^IXIC", "IXIC"),
        ("Dow Jones Industrial Average", "DJI"), ("the Dow", "DJI"), ("^DJI", "DJI"),
        ("Nasdaq 100", None), ("IWM", None), ("SPY", None), ("HBAN", None), ("Technology sector", None),
        ("Magnificent Seven", None), ("", None), (None, None),
    ],
)
def test_find_symbol(subject, symbol):
    assert find_symbol(subject) == symbol


@pytest.mark.parametrize(("subject", "expected"), [("Fed funds rate", True), ("federal funds rate", True),
                                                    ("Inflation", False), (None, False)])
def test_is_fed_funds(subject, expected):
    assert is_fed_funds(subject) is expected


def test_blank_cells_are_none_and_rows_without_close_are_skipped_at_the_ends(tmp_path):
    folder = _write_folder(tmp_path, "date,open,high,low,close,volume\n2026-01-01,,,,,\n"
                                     "2026-01-02,100,101,99.5,100.25,10\n2026-01-05,,,,101.50,\n2026-01-06,1,2,0.5,,\n")
    series = load_market(folder).series("TEST")
    assert series.sessions == (date(2026, 1, 2), date(2026, 1, 5))
    assert series.bar(date(2026, 1, 5)).open is None
    assert series.bar(date(2026, 1, 2)).close == D("100.25")
    assert series.row(date(2026, 1, 5), "high") is None


@pytest.mark.parametrize(
    ("prices", "message"),
    [
        ("date,open,high,low,volume\n2026-01-02,1,1,1,1\n", "missing column"),
        ("date,open,high,low,close,volume\n2026-01-02,1,1,1,abc,1\n", "not a number"),
        ("date,open,high,low,close,volume\n01/02/2026,1,1,1,1,1\n", "not an ISO date"),
        ("date,open,high,low,close,volume\n2026-01-02,1,1,1,1,1\n2026-01-02,1,1,1,1,1\n", "duplicate"),
    ],
)
def test_malformed_price_files_raise_data_error(tmp_path, prices, message):
    with pytest.raises(DataError, match=message):
        load_market(_write_folder(tmp_path, prices))


def test_missing_folder_raises_data_error(tmp_path):
    with pytest.raises(DataError):
        load_market(tmp_path / "nope")


def test_data_version_changes_with_content(tmp_path):
    folder = _write_folder(tmp_path, "date,open,high,low,close,volume\n2026-01-02,1,1,1,1,1\n")
    before = data_version(folder)
    assert data_version(folder) == before
    (folder / "prices" / "TEST.csv").write_text("date,open,high,low,close,volume\n2026-01-02,1,1,1,2,1\n")
    assert data_version(folder) != before


@pytest.mark.parametrize(
    ("symbol", "session", "field", "value"),
    [
        ("RUT", date(2026, 1, 22), "close", "2718.77"),
        ("RUT", date(2026, 1, 22), "high", "2735.10"),
        ("RUT", date(2026, 1, 22), "open", "2717.80"),
        ("RUT", date(2025, 9, 8), "close", "2394.89"),  # PROVENANCE: the stale 2393.69 was replaced
        ("GSPC", date(2020, 3, 23), "close", "2237.40"),
        ("GSPC", date(2022, 1, 3), "close", "4796.56"),
        ("IXIC", date(2026, 1, 22), "close", "23436.02"),
    ],
)
def test_shipped_data_matches_published_values(market, symbol, session, field, value):
    assert market.series(symbol).row(session, field).value == D(value)


def test_shipped_market_has_every_series(market):
    assert set(market.prices) == {"RUT", "GSPC", "IXIC", "DJI"}
    assert {"DFEDTARU", "DFEDTARL", "DFF", "DFEDTAR", "FEDFUNDS"} <= set(market.rates)
    assert market.series("RUT").sessions[0] == date(1987, 9, 10)
    assert market.series("GSPC").bar(date(1927, 12, 30)).high is None  # close-only placeholder rows


@pytest.mark.parametrize(("series", "day", "value"), [
    ("DFEDTARU", date(2026, 1, 13), "3.75"), ("DFEDTARL", date(2026, 1, 13), "3.5"),
    ("DFEDTARU", date(2025, 12, 10), "4.0"), ("DFEDTAR", date(2008, 12, 15), "1"),
])
def test_rate_on_or_before(market, series, day, value):
    assert market.rate(series).on_or_before(day) == (day, D(value))


def test_rate_on_or_before_falls_back_to_latest_earlier_observation(market):
    assert market.rate("FEDFUNDS").on_or_before(date(2026, 1, 15))[0] == date(2026, 1, 1)
    assert market.rate("DFEDTARL").on_or_before(date(2000, 1, 1)) is None


def test_load_price_series_with_explicit_symbol():
    assert load_price_series(DATA / "prices" / "DJI.csv", symbol="^DJI").symbol == "^DJI"


def _client(handler) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def test_fetch_fred_series_parses_csv():
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.params["id"] == "DFEDTARU"
        return httpx.Response(200, text="observation_date,DFEDTARU\n2025-12-10,4.00\n2025-12-11,3.75\n2025-12-12,.\n",
                              headers={"content-type": "text/csv"})

    with _client(handler) as client:
        series = fetch_fred_series("DFEDTARU", client=client)
    assert series.points == ((date(2025, 12, 10), D("4.00")), (date(2025, 12, 11), D("3.75")))


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        (200, "<!DOCTYPE html><html><body>Error</body></html>", "text/csv"),
        (200, "<html><body>Series not found</body></html>", "text/html; charset=utf-8"),
        (500, "oops", "text/plain"),
        (404, "date,value\n", "text/csv"),
        (200, "foo,bar\n1,2\n", "text/csv"),
    ],
)
def test_fetch_fred_series_rejects_bad_answers(status, body, content_type):
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, text=body, headers={"content-type": content_type})

    with _client(handler) as client, pytest.raises(DataError):
        fetch_fred_series("DFEDTARU", client=client)


def test_fetch_fred_series_translates_transport_errors():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no network", request=request)

    with _client(handler) as client, pytest.raises(DataError, match="no network"):
        fetch_fred_series("DFF", client=client)


@pytest.mark.parametrize("subject", ["Russell 2000", "  the  S&P 500 ", "THE DOW", "the", "", "small\ncaps", "The Nasdaq"])
def test_normalized_subjects_are_cached_not_changed(subject):
    from extractor.prices import _normalize_subject

    assert _normalize_subject(subject) == _normalize_subject.__wrapped__(subject) == _normalize_subject(subject)
