"""Moves: % and points changes by basis (day, since, week, month, quarter, year, ytd) and readings."""

from datetime import date
from decimal import Decimal as D

import pytest

from extractor.calendar import make_calendar
from extractor.checks import check_claim
from extractor.models import Claim
from extractor.prices import Bar, Market, make_price_series

DOW = "Dow Jones Industrial Average"


def claim(kind: str, *, quote: str = "rose 1%", **fields) -> Claim:
    return Claim(id="c1", article="a.txt", article_id="a1", kind=kind, start=0, end=len(quote),
                 quote=quote, sentence=quote, extractor="test", **fields)


# One close a month-end and a few around them: 2020-12-31 1000, 2021-01-29 1100, 2021-02-26 1050,
# 2021-03-31 1200, 2021-04-01 1188 (Thursday), 2021-04-05 1212 (Monday), 2021-04-06 1200.
CLOSES = {date(2020, 12, 31): "1000", date(2021, 1, 29): "1100", date(2021, 2, 26): "1050",
          date(2021, 3, 31): "1200", date(2021, 4, 1): "1188", date(2021, 4, 5): "1212", date(2021, 4, 6): "1200"}
DAYS = sorted(CLOSES)


@pytest.fixture(scope="module")
def tiny() -> Market:
    bars = [Bar(day, D(c), D(c), D(c) + 5, D(c) - 5) for day, c in CLOSES.items()]
    return Market(folder="t", version="t", prices={"DJI": make_price_series("DJI", bars)}, rates={},
                  calendar=make_calendar(DAYS))


@pytest.mark.parametrize(
    ("kind", "value", "fields", "verdict", "actual"),
    [
        ("pct_change", "-1", {"basis": "day", "as_of": date(2021, 4, 1)}, "supported", "-1.0000"),
        ("pct_change", "-1", {"as_of": date(2021, 4, 1), "time_start": 0}, "supported", "-1.0000"),   # as_of only
        ("points_change", "-12", {"basis": "day", "as_of": date(2021, 4, 1)}, "supported", "-12"),
        ("points_change", "-12.02", {"basis": "day", "as_of": date(2021, 4, 1)}, "supported", "-12"),  # 2 × floor
        ("points_change", "-12.03", {"basis": "day", "as_of": date(2021, 4, 1), "time_start": 0}, "contradicted", "-12"),
        ("points_change", "24", {"basis": "day", "as_of": date(2021, 4, 5)}, "supported", "24"),
        ("pct_change", "20", {"basis": "quarter", "as_of": date(2021, 3, 31)}, "supported", "20.0000"),
        ("pct_change", "20", {"basis": "ytd", "as_of": date(2021, 3, 31)}, "supported", "20.0000"),
        ("pct_change", "5", {"basis": "month", "as_of": date(2021, 2, 26)}, "contradicted", "-4.5455"),
        ("pct_change", "-4.5", {"basis": "month", "as_of": date(2021, 2, 26)}, "supported", "-4.5455"),
        ("pct_change", "1", {"basis": "week", "as_of": date(2021, 4, 6)}, "supported", "1.0101"),   # Fri 04-01 base
        ("pct_change", "9.1", {"basis": "since", "period_start": date(2021, 1, 29), "period_end": date(2021, 4, 6)},
         "supported", "9.0909"),   # the close of the day named is the base
        ("pct_change", "14.3", {"basis": "period", "period_start": date(2021, 3, 1), "period_end": date(2021, 3, 31)},
         "supported", "14.2857"),  # the period's base is the close before it
        ("points_change", "200", {"basis": "year", "period_start": date(2021, 1, 1), "as_of": date(2021, 4, 6)},
         "supported", "200"),
    ],
)
def test_move_windows(tiny, kind, value, fields, verdict, actual):
    finding = check_claim(claim(kind, subject=DOW, value=D(value), unit="pct" if kind == "pct_change" else "points",
                                **fields), tiny)
    assert (finding.verdict, finding.actual) == (verdict, D(actual))
    assert finding.readings[0].label.startswith("close of ")


@pytest.mark.parametrize(
    ("quote", "value", "fields", "verdict"),
    [
        # undated: the session before is a plausible reading
        ("rose 2%", "2", {"basis": "day", "as_of": date(2021, 4, 6)}, "supported"),       # 04-06 −0.99%, 04-05 +2.02%
        ("1%", "1", {"basis": "day", "as_of": date(2021, 4, 1), "time_start": 0}, "ambiguous"),  # no sign in the quote
        ("rose 1%", "1", {"basis": "day", "as_of": date(2021, 4, 1), "time_start": 0}, "contradicted"),
        # no window and no date: the session move misses, nothing decides
        ("rose 30%", "30", {"as_of": date(2021, 4, 6)}, "unverifiable"),
        ("rose 20%", "20", {"as_of": date(2021, 4, 6)}, "ambiguous"),   # the year to date gives 20%
        ("rose 9%", "9", {"as_of": date(2021, 4, 6), "time_start": 0}, "contradicted"),
    ],
)
def test_move_reading_guards(tiny, quote, value, fields, verdict):
    finding = check_claim(claim("pct_change", quote=quote, subject=DOW, value=D(value), unit="pct", **fields), tiny)
    assert finding.verdict == verdict
    if verdict == "ambiguous":
        assert len(finding.readings) >= 2 and not finding.readings[0].matches


def test_points_change_finding_names_both_closes(tiny):
    finding = check_claim(claim("points_change", subject=DOW, value=D("-12"), unit="points", basis="day",
                                as_of=date(2021, 4, 1)), tiny)
    assert finding.readings[0].label == "close of 2021-04-01 vs close of 2021-03-31"
    assert "1188 − 1200 = -12.00 points" in finding.arithmetic
    assert "data floor" in finding.tolerance


# ---------------------------------------------------------------- the shipped history


@pytest.mark.parametrize(
    ("kind", "subject", "value", "fields", "verdict"),
    [
        ("points_change", "S&P 500", "-50.74", {"basis": "day", "as_of": date(2025, 12, 31)}, "supported"),
        ("points_change", DOW, "-303.77", {"basis": "day", "as_of": date(2025, 12, 31)}, "supported"),
        ("points_change", DOW, "2962.86", {"basis": "day", "as_of": date(2025, 4, 9)}, "supported"),
        # an unhedged round figure rounded to its last non-zero digit: within 5% it stands (2,962.86 → "3,000"),
        # further off it is ambiguous, not contradicted (−2,231.07 → "2,000")
        ("points_change", DOW, "3000", {"basis": "day", "as_of": date(2025, 4, 9), "time_start": 0}, "supported"),
        ("points_change", DOW, "-2000", {"basis": "day", "as_of": date(2025, 4, 4), "time_start": 0}, "ambiguous"),
        ("points_change", DOW, "2900", {"basis": "day", "as_of": date(2025, 4, 9), "time_start": 0}, "contradicted"),
        ("pct_change", "S&P 500", "16.4", {"basis": "year", "period_start": date(2025, 1, 1), "as_of": date(2025, 12, 31)},
         "supported"),
        ("pct_change", "S&P 500", "-4.2", {"basis": "month", "period_start": date(2024, 4, 1), "as_of": date(2024, 4, 30),
                                           "hedge_norm": "approx_below"}, "supported"),
        # 0.6476% → 0.65% → "0.7%": a double rounding, borderline
        ("pct_change", "S&P 500", "0.7", {"basis": "day", "as_of": date(2026, 1, 9), "time_start": 0}, "ambiguous"),
    ],
)
def test_real_moves(market, kind, subject, value, fields, verdict):
    finding = check_claim(claim(kind, subject=subject, value=D(value), unit="pct" if kind == "pct_change" else "points",
                                **fields), market)
    assert finding.verdict == verdict


@pytest.mark.parametrize(
    ("value", "fields", "readings", "verdict"),
    [
        # "rose 2% this week": the week read Monday..Tuesday (+1.01%) or as the Monday session (+2.02%)
        ("1", {"basis": "week", "as_of": date(2021, 4, 6)}, ("day:2021-04-05..2021-04-05",), "supported"),
        ("2", {"basis": "week", "as_of": date(2021, 4, 6)}, ("day:2021-04-05..2021-04-05",), "supported"),
        ("1", {"basis": "week", "as_of": date(2021, 4, 6)}, ("period:2021-04-05..2021-04-06",), "supported"),  # agree
        ("1", {"basis": "week", "as_of": date(2021, 4, 6)}, ("nonsense",), "supported"),
    ],
)
def test_time_readings_of_the_claim_decide_ambiguity(tiny, value, fields, readings, verdict):
    finding = check_claim(claim("pct_change", subject=DOW, value=D(value), unit="pct", time_start=0,
                                time_readings=readings, **fields), tiny)
    assert finding.verdict == verdict
    assert any("the time read as" in r.label for r in finding.readings) or readings == ("nonsense",)


def test_an_undated_period_move_reads_the_period_before(tiny):
    # "fell 4.5% for the month", written on 2021-03-31 without a date: February (−4.55%) is a reading
    # of its time that matches, so it supports the claim; once the date is stated it cannot
    undated = check_claim(claim("pct_change", subject=DOW, value=D("-4.5"), unit="pct", basis="month",
                                as_of=date(2021, 3, 31)), tiny)
    dated = check_claim(claim("pct_change", subject=DOW, value=D("-4.5"), unit="pct", basis="month",
                              as_of=date(2021, 3, 31), time_start=0), tiny)
    assert (undated.verdict, dated.verdict) == ("supported", "contradicted")
    assert "the month before" in undated.readings[-1].label


@pytest.mark.parametrize(
    ("sentence", "verdict"),
    # 2026-01-28: the S&P 500 closed 0.01% lower; its high (7,002.28) was 0.34% above the close before
    [("The S&P 500 added 0.3% to a session peak.", "supported"),                  # the session's extreme says so
     ("The S&P 500 was up 0.1% in afternoon trading.", "unverifiable"),           # inside the day's range
     ("The S&P 500 gained 0.3% on Wednesday.", "contradicted"),                   # the close: −0.01%
     ("The S&P 500 added 0.6% to a session peak.", "contradicted")],             # no moment gave +0.6%
)
def test_an_intraday_move_inside_the_session_range(market, sentence, verdict):
    quote = sentence.split(" to ")[0].split(" on ")[0].split(" in ")[0].removeprefix("The S&P 500 ")
    c = Claim(id="c1", article="a", article_id="a", kind="pct_change", start=0, end=len(quote), quote=quote,
              sentence=sentence, extractor="test", subject="S&P 500", value=D(quote.split("%")[0].split()[-1]),
              unit="pct", basis="day", as_of=date(2026, 1, 28), time_start=0)
    assert check_claim(c, market).verdict == verdict
