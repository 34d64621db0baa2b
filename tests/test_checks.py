"""check_claim on hand-built tables (unit cases) and on the shipped history (acceptance cases)."""

from datetime import date, timedelta
from decimal import Decimal as D
from pathlib import Path

import pytest

from extractor.calendar import load_calendar, make_calendar
from extractor.checks import Run, check_claim, find_runs, find_wins
from extractor.models import Claim
from extractor.prices import Bar, Market, load_market, make_price_series, make_rate_series

DATA = Path(__file__).resolve().parents[1] / "corpus" / "data"
R2K, SPX = "Russell 2000", "S&P 500"


def claim(kind: str, *, quote: str = "a claim", **fields) -> Claim:
    return Claim(id="c1", article="a.txt", article_id="a1", kind=kind, start=0, end=len(quote),
                 quote=quote, sentence=quote, extractor="test", **fields)


@pytest.fixture(scope="module")
def market() -> Market:
    return load_market(DATA, calendar=load_calendar())


# ---------------------------------------------------------------- a small hand-built market
# Sessions d0..d12 on consecutive weekdays. GSPC is flat except +2% on d3, so RUT's
# relative wins are d1, d2, d5-d7, d9-d12 while its up-closes are d1-d3, d5-d7, d9-d12.
RUT_CLOSES = [100, 101, 102, 103, 102, 103, 104, 105, 104, 105, 106, 107, 108]
SPX_CLOSES = [100, 100, 100, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102]


def _weekdays(start: date, count: int) -> list[date]:
    days, day = [], start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


D_ = _weekdays(date(2020, 1, 6), 13)


def _bars(closes: list[int]) -> list[Bar]:
    return [Bar(session=day, close=D(c), open=D(closes[max(i - 1, 0)]), high=D(c + 1), low=D(c - 1))
            for i, (day, c) in enumerate(zip(D_, closes))]


@pytest.fixture(scope="module")
def tiny() -> Market:
    prices = {"RUT": make_price_series("RUT", _bars(RUT_CLOSES)), "GSPC": make_price_series("GSPC", _bars(SPX_CLOSES))}
    rates = {"DFEDTARU": make_rate_series("DFEDTARU", [(D_[0], D("1.75")), (D_[5], D("1.50"))]),
             "DFEDTARL": make_rate_series("DFEDTARL", [(D_[0], D("1.50")), (D_[5], D("1.25"))])}
    return Market(folder="tiny", version="t", prices=prices, rates=rates, calendar=make_calendar(D_))


@pytest.mark.parametrize(
    ("fields", "verdict", "actual"),
    [
        ({"value": D(3), "as_of": D_[3]}, "supported", 3),           # absolute: up closes d1-d3
        ({"value": D(2), "as_of": D_[2], "benchmark": SPX}, "supported", 2),
        ({"value": D(3), "as_of": D_[3], "benchmark": SPX}, "contradicted", 0),  # GSPC won d3
        ({"value": D(4), "as_of": D_[12], "benchmark": SPX}, "supported", 4),
        ({"value": D(4), "as_of": D_[12], "benchmark": SPX, "unit": "days"}, "supported", 4),
        ({"value": D(3), "as_of": D_[12], "benchmark": SPX, "hedge_norm": "min"}, "supported", 4),
        ({"value": D(5), "as_of": D_[12], "benchmark": SPX}, "contradicted", 4),
    ],
)
def test_streak_length_unit(tiny, fields, verdict, actual):
    finding = check_claim(claim("streak_length", subject=R2K, unit=fields.pop("unit", "sessions"), **fields), tiny)
    assert (finding.verdict, finding.actual) == (verdict, D(actual))


def test_streak_length_reports_implied_and_stated_start(tiny):
    finding = check_claim(claim("streak_length", subject=R2K, benchmark=SPX, value=D(4), unit="sessions",
                                as_of=D_[12], period_start=D_[8]), tiny)
    assert finding.verdict == "supported"
    assert f"implied start session {D_[9]}" in finding.readings[0].label
    assert finding.readings[1].matches is False
    assert {row.session for row in finding.rows} >= {D_[8], D_[12]}


@pytest.mark.parametrize(
    ("relation", "period", "as_of", "verdict"),
    [
        ("longest_since", (D_[5], D_[7]), D_[11], "supported"),    # L=3, last >=3 was d5-d7
        ("longest_since", (D_[0], D_[2]), D_[11], "contradicted"),
        ("ties_record", (D_[5], D_[7]), D_[11], "supported"),      # 3 ties the longest earlier (3)
        ("ties_record", (D_[5], D_[7]), D_[12], "contradicted"),   # L=4 beats it
        ("record", None, D_[12], "supported"),
        ("record", None, D_[11], "contradicted"),
        ("compared_to", None, D_[12], "unverifiable"),
    ],
)
def test_streak_record_unit(tiny, relation, period, as_of, verdict):
    start, end = period or (None, None)
    finding = check_claim(claim("streak_record", subject=R2K, benchmark=SPX, relation=relation, value=D(2020),
                                unit="year", period_start=start, period_end=end, as_of=as_of), tiny)
    assert finding.verdict == verdict


@pytest.mark.parametrize(
    ("fields", "verdict"),
    [
        ({"field": "close", "value": D("104")}, "supported"),
        ({"field": "high", "value": D("105")}, "supported"),
        ({"field": "close", "value": D("105")}, "contradicted"),    # that is the high
        ({"field": "unspecified", "value": D("105")}, "supported"),  # matches the high
        ({"field": "close", "value": D("104.5"), "hedge_norm": "approx"}, "supported"),
        ({"field": "threshold", "value": D("104.5"), "hedge_norm": "min"}, "supported"),  # high crossed
        ({"field": "threshold", "value": D("106"), "hedge_norm": "min"}, "contradicted"),
        ({"field": "threshold", "value": D("103.5"), "hedge_norm": "max"}, "supported"),  # low crossed
    ],
)
def test_index_level_unit(tiny, fields, verdict):
    finding = check_claim(claim("index_level", subject=R2K, unit="points", as_of=D_[8], **fields), tiny)
    assert finding.verdict == verdict


def test_level_on_a_non_session_uses_the_previous_session(tiny):
    saturday = D_[4] + timedelta(days=1)
    finding = check_claim(claim("index_level", subject=R2K, value=D(102), field="close", as_of=saturday), tiny)
    assert finding.verdict == "supported"
    assert finding.rows[0].session == D_[4]


@pytest.mark.parametrize(
    ("fields", "verdict", "actual"),
    [
        ({"period_start": D_[1], "period_end": D_[3], "value": D("3")}, "supported", "3"),
        ({"period_start": D_[1], "period_end": D_[3], "value": D("2.5")}, "contradicted", "3"),
        ({"basis": "day", "as_of": D_[4], "value": D("-0.97")}, "supported", "-0.9709"),
    ],
)
def test_pct_change_unit(tiny, fields, verdict, actual):
    finding = check_claim(claim("pct_change", subject=R2K, unit="pct", **fields), tiny)
    assert (finding.verdict, finding.actual) == (verdict, D(actual))


@pytest.mark.parametrize(
    ("per", "unit", "value", "verdict", "actual"),
    [
        ("day", "bps", D("99"), "contradicted", "99.5050"),
        ("day", "bps", D("100"), "supported", "99.5050"),
        ("day", "bps", D("97"), "supported", None),  # with "about": ±2.425
        ("cumulative", "bps", D("200"), "supported", "200.0000"),
        ("cumulative", "pp", D("2"), "supported", "2.0000"),
    ],
)
def test_spread_unit(tiny, per, unit, value, verdict, actual):
    hedge = "approx" if actual is None else None
    finding = check_claim(claim("spread", subject=R2K, benchmark=SPX, value=value, unit=unit, per=per,
                                hedge_norm=hedge, period_start=D_[1], period_end=D_[2]), tiny)
    assert finding.verdict == verdict
    if actual is not None:
        assert finding.actual == D(actual)


def test_rate_cut_count_unit(tiny):
    finding = check_claim(claim("rate", quote="one cut", subject="Fed funds rate", value=D(1), unit="count",
                                period_start=D_[0], period_end=D_[12]), tiny)
    assert (finding.verdict, finding.actual) == ("supported", D(1))


@pytest.mark.parametrize(
    ("kind", "fields", "missing"),
    [
        ("index_level", {"subject": R2K, "value": D(104), "field": "close"}, "no as_of"),
        ("index_level", {"subject": R2K, "value": D(104), "as_of": date(2019, 1, 2)}, "covers"),
        ("pct_change", {"subject": R2K, "value": D(3), "as_of": D_[3]}, "no period start"),
        ("spread", {"subject": R2K, "benchmark": SPX, "value": D(3), "unit": "bps"}, "no period"),
        ("spread", {"subject": R2K, "value": D(3), "unit": "bps"}, "benchmark"),
        ("streak_length", {"subject": R2K, "value": D(3), "unit": "weeks", "as_of": D_[3]}, "weeks"),
        ("rate", {"subject": "Inflation", "value": D("2.7"), "unit": "pct"}, "Inflation"),
    ],
)
def test_missing_inputs_are_unverifiable(tiny, kind, fields, missing):
    finding = check_claim(claim(kind, **fields), tiny)
    assert finding.verdict == "unverifiable"
    assert missing in finding.missing
