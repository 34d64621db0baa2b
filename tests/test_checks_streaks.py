"""Streaks by direction and unit, subject vs benchmark roles, and record comparisons of moves and levels."""

from datetime import date
from decimal import Decimal as D

import pytest

from extractor.calendar import make_calendar
from extractor.checks import check_claim
from extractor.models import Claim
from extractor.prices import Bar, Market, make_price_series
from tests.test_checks import _weekdays

R2K, SPX = "Russell 2000", "S&P 500"


def claim(kind: str, *, quote: str = "a streak", **fields) -> Claim:
    return Claim(id="c1", article="a.txt", article_id="a1", kind=kind, start=0, end=len(quote),
                 quote=quote, sentence=quote, extractor="test", **fields)




# Fifteen sessions, Monday 2021-01-04 .. Friday 2021-01-22 (three weeks).
S = _weekdays(date(2021, 1, 4), 15)
# RUT: up d1-d3, down d4-d7, up d8-d14. Weekly closes (d4, d9, d14): 101, 100, 108.
RUT = [100, 101, 102, 103, 101, 100, 99, 98, 99, 100, 102, 104, 105, 106, 108]
# GSPC rises 1% a day d4-d7 (so RUT lags it then) and is flat otherwise.
SPX_C = [100, 100, 100, 100, 101, 102.01, 103.03, 104.06, 104.06, 104.06, 104.06, 104.06, 104.06, 104.06, 104.06]


@pytest.fixture(scope="module")
def tiny() -> Market:
    def series(symbol, closes):
        return make_price_series(symbol, [Bar(d, D(str(c))) for d, c in zip(S, closes)])
    return Market(folder="t", version="t", prices={"RUT": series("RUT", RUT), "GSPC": series("GSPC", SPX_C)},
                  rates={}, calendar=make_calendar(S))


@pytest.mark.parametrize(
    ("fields", "verdict", "actual"),
    [
        ({"value": D(4), "as_of": S[7], "direction": "down"}, "supported", 4),          # d4-d7 down closes
        ({"value": D(3), "as_of": S[7], "direction": "down"}, "contradicted", 4),
        ({"value": D(4), "as_of": S[7], "direction": "down", "benchmark": SPX}, "supported", 4),  # lagged GSPC
        ({"value": D(7), "as_of": S[14]}, "supported", 7),                              # up closes d8-d14
        ({"value": D(7), "as_of": S[14], "benchmark": SPX}, "supported", 7),            # beat a flat GSPC
        ({"value": D(0), "as_of": S[14], "benchmark": SPX, "direction": "down"}, "supported", 0),
        ({"value": D(1), "as_of": S[14], "unit": "weeks"}, "supported", 1),             # 100 → 108 the last week
        ({"value": D(1), "as_of": S[9], "unit": "weeks", "direction": "down"}, "supported", 1),
        ({"value": D(1), "as_of": S[11], "unit": "weeks", "direction": "down"}, "supported", 1),  # mid-week: last Friday
    ],
)
def test_streak_directions_and_units(tiny, fields, verdict, actual):
    fields.setdefault("unit", "sessions")
    finding = check_claim(claim("streak_length", subject=R2K, **fields), tiny)
    assert (finding.verdict, finding.actual) == (verdict, D(actual))


def test_benchmark_role_is_the_one_beaten(tiny):
    # GSPC beat RUT on d4-d7: a 4-session streak of GSPC vs RUT, none of RUT vs GSPC.
    spx = check_claim(claim("streak_length", subject=SPX, benchmark=R2K, value=D(4), unit="sessions", as_of=S[7]), tiny)
    rut = check_claim(claim("streak_length", subject=R2K, benchmark=SPX, value=D(4), unit="sessions", as_of=S[7]), tiny)
    assert (spx.verdict, rut.verdict, rut.actual) == ("supported", "contradicted", D(0))
    assert "GSPC beat RUT" in spx.arithmetic


def test_streak_record_for_a_losing_streak(tiny):
    finding = check_claim(claim("streak_record", subject=R2K, relation="record", direction="down", as_of=S[7]), tiny)
    assert finding.verdict == "supported"
    assert "closed down on 4 consecutive sessions" in finding.arithmetic


# ---------------------------------------------------------------- records of moves and levels

# 2019-12-31 base, then sessions from 2020-01-02 with day moves (%) chosen by hand.
M = _weekdays(date(2020, 1, 2), 12)
MOVES = ["5", "-1", "2", "-6", "1", "3", "-2", "4", "-3", "1", "2", "-5"]


@pytest.fixture(scope="module")
def moves() -> Market:
    closes, close = [(date(2019, 12, 31), D(1000))], D(1000)
    for day, pct in zip(M, MOVES):
        close = close * (1 + D(pct) / 100)
        closes.append((day, close.quantize(D("0.01"))))
    series = make_price_series("GSPC", [Bar(d, c) for d, c in closes])
    return Market(folder="t", version="t", prices={"GSPC": series}, rates={}, calendar=make_calendar(d for d, _ in closes))


@pytest.mark.parametrize(
    ("fields", "verdict"),
    [
        # d7 +4%: the last earlier day at least as good is d0's +5%
        ({"metric": "day_move", "relation": "since", "as_of": M[7], "period_start": M[0], "period_end": M[0]}, "supported"),
        ({"metric": "day_move", "relation": "since", "as_of": M[7], "period_start": M[5], "period_end": M[5]}, "contradicted"),
        ({"metric": "day_move", "relation": "record", "as_of": M[0]}, "supported"),
        ({"metric": "day_move", "relation": "record", "as_of": M[7]}, "contradicted"),
        # d11 −5%: worst since d3's −6%
        ({"metric": "day_move", "relation": "since", "direction": "down", "as_of": M[11],
          "period_start": M[3], "period_end": M[3]}, "supported"),
        ({"metric": "day_move", "relation": "since", "direction": "up", "as_of": M[11],
          "period_start": M[3], "period_end": M[3]}, "unverifiable"),     # the day went the other way
        # d8 −3%: the first loss since d6
        ({"metric": "day_move", "relation": "first_since", "direction": "down", "as_of": M[8],
          "period_start": M[6], "period_end": M[6]}, "supported"),
        # close of d7 is the highest since ...
        ({"metric": "close_level", "relation": "since", "as_of": M[7], "period_start": M[0], "period_end": M[2]}, "supported"),
        ({"metric": "record_close", "relation": "first_since", "as_of": M[2], "period_start": M[0], "period_end": M[0]},
         "supported"),
        ({"metric": "record_close", "relation": "record", "as_of": M[8]}, "contradicted"),
        ({"metric": "day_move", "relation": "compared_to", "as_of": M[7]}, "unverifiable"),
    ],
)
def test_move_and_level_records(moves, fields, verdict):
    finding = check_claim(claim("streak_record", quote="best day since", subject=SPX, **fields), moves)
    assert finding.verdict == verdict
    assert finding.readings or verdict == "unverifiable"


# ---------------------------------------------------------------- the shipped history

DOW, NASDAQ = "Dow Jones Industrial Average", "Nasdaq Composite"


@pytest.mark.parametrize(
    ("subject", "fields", "verdict", "actual"),
    [
        (DOW, {"value": D(9), "as_of": date(2024, 12, 17), "direction": "down"}, "supported", 9),
        (DOW, {"value": D(10), "as_of": date(2024, 12, 18), "direction": "down"}, "supported", 10),
        (NASDAQ, {"value": D(3), "as_of": date(2026, 2, 5), "direction": "down"}, "supported", 3),
        (SPX, {"value": D(9), "as_of": date(2025, 5, 2), "direction": "up"}, "supported", 9),
        (SPX, {"value": D(5), "as_of": date(2024, 3, 28), "unit": "months"}, "supported", 5),
        (SPX, {"value": D(4), "as_of": date(2025, 12, 31), "direction": "down"}, "supported", 4),
    ],
)
def test_real_streaks(market, subject, fields, verdict, actual):
    fields.setdefault("unit", "sessions")
    finding = check_claim(claim("streak_length", subject=subject, **fields), market)
    assert (finding.verdict, finding.actual) == (verdict, D(actual))


def _year(y: int) -> dict:
    return {"value": D(y), "unit": "year", "period_start": date(y, 1, 1), "period_end": date(y, 12, 31)}


@pytest.mark.parametrize(
    ("subject", "fields", "verdict"),
    [
        (SPX, {"metric": "day_move", "relation": "since", "as_of": date(2025, 4, 9), **_year(2008)}, "supported"),
        (NASDAQ, {"metric": "day_move", "relation": "since", "as_of": date(2025, 4, 9), **_year(2001)}, "supported"),
        (NASDAQ, {"metric": "day_move", "relation": "since", "as_of": date(2025, 4, 9), **_year(2008)}, "contradicted"),
        (NASDAQ, {"metric": "day_move", "relation": "since", "direction": "down", "as_of": date(2025, 3, 10),
                  "period_start": date(2022, 9, 1), "period_end": date(2022, 9, 30)}, "supported"),
        (SPX, {"metric": "week_move", "relation": "since", "direction": "down", "as_of": date(2025, 3, 7),
               "period_start": date(2024, 9, 1), "period_end": date(2024, 9, 30)}, "supported"),
        (DOW, {"metric": "week_move", "relation": "since", "direction": "down", "as_of": date(2025, 4, 4),
               "period_start": date(2020, 10, 1), "period_end": date(2020, 10, 31)}, "contradicted"),
        (DOW, {"metric": "start_of_year", "relation": "since", "as_of": date(2026, 1, 8), **_year(2006)}, "supported"),
        (SPX, {"metric": "record_close", "relation": "first_since", "as_of": date(2024, 1, 19), **_year(2022)}, "supported"),
        (SPX, {"metric": "close_level", "relation": "since", "direction": "down", "as_of": date(2025, 3, 10),
               "period_start": date(2024, 9, 1), "period_end": date(2024, 9, 30)}, "supported"),
        (SPX, {"metric": "day_move", "relation": "in_years", "value": D(1), "unit": "years", "direction": "down",
               "as_of": date(2024, 8, 5)}, "supported"),
        (DOW, {"metric": "day_move", "relation": "since", "direction": "down", "as_of": date(2024, 12, 18),
               **_year(1974)}, "unverifiable"),   # the Dow file starts in 1992
    ],
)
def test_real_move_records(market, subject, fields, verdict):
    finding = check_claim(claim("streak_record", quote="its best since", subject=subject, **fields), market)
    assert finding.verdict == verdict, finding.arithmetic or finding.missing


def test_relation_aliases(market):
    # "the longest streak in three decades" (29.7 years back to May 1996) and "highest close since"
    decades = check_claim(claim("streak_record", quote="longest streak in three decades", subject=R2K, benchmark=SPX,
                                relation="longest_in", value=D(30), unit="years", as_of=date(2026, 1, 22)), market)
    assert (decades.verdict, decades.actual) == ("supported", D("29.71"))
    highest = check_claim(claim("streak_record", quote="highest since", subject=SPX, relation="lowest_since",
                                as_of=date(2025, 3, 10), period_start=date(2024, 9, 1),
                                period_end=date(2024, 9, 30)), market)
    assert highest.verdict == "supported"


@pytest.mark.parametrize(
    ("subject", "fields", "verdict"),
    [
        # "the best January since 2023": Januaries only
        (R2K, {"quote": "its best January since 2023", "metric": "month_move", "relation": "since",
               "as_of": date(2026, 1, 30), **_year(2023)}, "supported"),
        # "the worst day of the year so far": a record within the stated period
        (NASDAQ, {"quote": "the worst day this year", "metric": "day_move", "relation": "record", "direction": "down",
                  "as_of": date(2025, 3, 10), "period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31)},
         "supported"),
        # 7 sessions on 2026-01-12: the last run as long ended in 2022, the last longer one in 2019
        (R2K, {"quote": "longest winning streak since 2019", "benchmark": SPX, "relation": "longest_since",
               "as_of": date(2026, 1, 12), **_year(2019)}, "ambiguous"),
    ],
)
def test_real_record_readings(market, subject, fields, verdict):
    finding = check_claim(claim("streak_record", subject=subject, **fields), market)
    assert finding.verdict == verdict, finding.arithmetic


def test_a_streak_with_another_reading_of_its_date(tiny):
    finding = check_claim(claim("streak_length", subject=R2K, value=D(7), unit="sessions", as_of=S[14], time_start=0,
                                time_readings=(f"day:{S[13]}..{S[13]}",)), tiny)
    assert finding.verdict == "supported"  # the primary reading decides; the other is listed
    assert [r.actual for r in finding.readings if "date read as" in r.label] == [D(6)]


def test_an_undated_streak_that_had_just_ended(tiny, market):
    # d8 broke the d4-d7 losing run: undated, the run that had just ended supports the 4; dated, it is contradicted
    undated = check_claim(claim("streak_length", subject=R2K, value=D(4), unit="sessions", direction="down", as_of=S[8]), tiny)
    dated = check_claim(claim("streak_length", subject=R2K, value=D(4), unit="sessions", direction="down", as_of=S[8],
                              time_start=0), tiny)
    assert (undated.verdict, dated.verdict) == ("supported", "contradicted")
    # five monthly gains through March 2024, then April fell
    months = check_claim(claim("streak_length", subject=SPX, value=D(5), unit="months", as_of=date(2024, 5, 3)), market)
    assert months.verdict == "supported" and "the date is not stated" in months.readings[0].label + months.arithmetic
