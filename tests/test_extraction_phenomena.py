"""How real market news states claims: one table row per way of writing a phenomenon.

Every sentence is our own, written for the phenomenon it tests (no article text). A row gives
the sentence, the kind and value it must yield, and the fields that claim must carry.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.test_rules import extract

D = Decimal

STREAKS = [
    ("The Nasdaq rose for a sixth straight session on Tuesday.", "6", {"unit": "sessions", "subject": "Nasdaq Composite", "direction": "up"}),
    ("The blue-chip index posted its 11th consecutive gain.", "11", {"unit": "sessions", "subject": "Dow Jones Industrial Average"}),
    ("The S&P 500 climbed for the fourth day in a row.", "4", {"unit": "days", "subject": "S&P 500", "direction": "up"}),
    ("The Dow has fallen for seven days in a row, its worst run in months.", "7", {"unit": "days", "direction": "down"}),
    ("The Russell 2000 is on a five-day losing streak.", "5", {"unit": "days", "direction": "down", "benchmark": None}),
    ("The Nasdaq fell for three straight weeks.", "3", {"unit": "weeks", "direction": "down"}),
    ("The Dow snapped a four-session skid on Monday.", "4", {"unit": "sessions", "direction": "down"}),
    ("The S&P 500 notched back-to-back gains to end the week.", "2", {"subject": "S&P 500"}),
    ("Small caps have beaten the S&P 500 for 12 sessions in a row.", "12", {"subject": "Russell 2000", "benchmark": "S&P 500"}),
    ("The S&P 500 is on track for a fifth consecutive year of gains.", "5", {"unit": "years"}),
    ("The Russell 2000 outperformed the S&P 500 in each of the first 9 trading days of the year.", "9",
     {"subject": "Russell 2000", "benchmark": "S&P 500", "unit": "days"}),
    ("The small-cap index has posted its eighth straight weekly gain.", "8", {"unit": "weeks"}),
]

POINTS = [
    ("The Dow lost 412.35 points, or 0.9%, to 44,210.50 on Thursday.", "-412.35", {"subject": "Dow Jones Industrial Average", "unit": "points"}),
    ("The S&P 500 shed 31.20 points to close at 6,012.44.", "-31.20", {"subject": "S&P 500"}),
    ("Dow Jones Industrial Average: -98.17 points (-0.22%) to 43,900.01", "-98.17", {"subject": "Dow Jones Industrial Average"}),
    ("The Nasdaq Composite climbed by 150 points in afternoon trade.", "150", {"subject": "Nasdaq Composite"}),
    ("The Dow's 1,300-point plunge was its worst in a year.", "-1300", {"subject": "Dow Jones Industrial Average"}),
    ("The blue-chip Dow jumped more than 700 points.", "700", {"hedge_norm": "min"}),
    ("The dollar index fell 0.41 to 101.22.", "-0.41", {}),
]

MOVES = [
    ("The S&P 500 dropped 1.3% to 5,802.11 on Friday.", "-1.3", {"subject": "S&P 500"}),
    ("The Nasdaq Composite was off 2.2% by the close.", "-2.2", {"subject": "Nasdaq Composite"}),
    ("The tech-heavy Nasdaq plunged 3.1 per cent.", "-3.1", {"subject": "Nasdaq Composite"}),
    ("Shares of the chip designer rocketed 14% after its results.", "14", {}),
    ("Value stocks (+2.15%) beat growth (-0.82%) in March.", "2.15", {}),
    ("Value stocks (+2.15%) beat growth (-0.82%) in March.", "-0.82", {}),
    ("The S&P 500 and the Nasdaq fell 0.5% and 0.9%, respectively.", "-0.5", {"subject": "S&P 500"}),
    ("The S&P 500 and the Nasdaq fell 0.5% and 0.9%, respectively.", "-0.9", {"subject": "Nasdaq Composite"}),
    ("Versus the Nasdaq's 3.25%, the Dow gained only 1.1%.", "3.25", {"subject": "Nasdaq Composite"}),
    ("The S&P 500 finished essentially flat on Wednesday.", "0", {"subject": "S&P 500", "hedge": "essentially flat"}),
    ("Brent crude rose 4.2% to $81.10 a barrel.", "4.2", {"subject": "Oil"}),
    ("S&P 500 futures slipped 0.4% overnight.", "-0.4", {"subject": "S&P 500 futures"}),
    ("Daily declines ranged from 2.5% to 3.75% across the major averages.", "-2.5", {"value_high": D("-3.75")}),
]

SPREADS = [
    ("The Nasdaq beat small caps by more than 7% and 9%, respectively, over the year.", "9", {"unit": "pct"}),
    ("The Russell 2000 finished the quarter with a 3% edge over the S&P 500.", "3", {"benchmark": "S&P 500"}),
]


@pytest.mark.parametrize(("sentence", "value", "fields"), SPREADS)
def test_gaps_in_percent(rules, sentence, value, fields):
    check(rules, sentence, "spread", value, fields)


RECORDS = [
    ("The Nasdaq had its biggest one-day drop since September 2022.", "streak_record",
     {"metric": "day_move", "direction": "down", "period_start": date(2022, 9, 1)}),
    ("The S&P 500 posted its best week since November.", "streak_record", {"metric": "week_move", "direction": "up", "period_start": date(2025, 11, 1)}),
    ("The Dow closed at its highest level since March 3.", "streak_record", {"metric": "close_level", "period_start": date(2025, 3, 3)}),
    ("The blue chips logged their best start to a year since 2019.", "streak_record", {"metric": "start_of_year", "value": D(2019)}),
    ("It was the index's longest winning streak since early October.", "streak_record", {"metric": "streak", "relation": "longest_since"}),
    ("The gauge suffered its sharpest decline in four years.", "streak_record", {"unit": "years", "value": D(4)}),
    ("The Dow is on the verge of something it hasn't done in more than 40 years.", "streak_record", {"unit": "years", "value": D(40)}),
    ("The Russell 2000 closed at a record on Wednesday.", "index_level", {"record": "record_close", "subject": "Russell 2000"}),
    ("The S&P 500 hit a fresh all-time high.", "index_level", {"record": "record_close", "subject": "S&P 500"}),
]

TABLES = [
    ("| Index | Close | Change | % Change |\n|---|---|---|---|\n| Nasdaq Composite | 19,811.42 | -120.50 | -0.60% |",
     [("index_level", "19811.42", "Nasdaq Composite"), ("points_change", "-120.50", "Nasdaq Composite"), ("pct_change", "-0.60", "Nasdaq Composite")]),
    ("Symbol Name Last Change Change %\nABCD ALPHA BETA CORP. 45.10 +1.10 +2.50%",
     [("ticker", "ABCD", "ABCD"), ("index_level", "45.10", None), ("pct_change", "2.50", None)]),
    ("| Market | Last | Change |\n|---|---|---|\n| 2-year Treasury yield | 3.91% | +0.03 |",
     [("spread", "0.03", "2-year Treasury yield")]),
    ("Index\n\nWeek\n\nYear to Date\n\nDow Jones Industrial\n\n0.44%\n\n-2.10%",
     [("pct_change", "0.44", "Dow Jones Industrial Average"), ("pct_change", "-2.10", "Dow Jones Industrial Average")]),
]

QUOTE_WIDGETS = [
    # a quote box of a fund inside a sentence about the index: the figure is the fund's
    ("Dow ($DIA ( ▲ 1.10% )) futures slipped 40 points.", "1.10", "DIA"),
    ("Tech ($QQQ ( ▼ 0.85% )) lagged again.", "0.85", "QQQ"),
]


@pytest.mark.parametrize(("sentence", "value", "subject"), QUOTE_WIDGETS)
def test_a_quote_box_figure_belongs_to_its_symbol(rules, sentence, value, subject):
    claims = [c for c in extract(rules, sentence) if c.kind == "pct_change" and abs(c.value) == D(value)]
    assert claims and claims[0].subject == subject


TICKERS = [
    ("Traders sold $ABCD and bought calls on the index.", "ABCD"),
    ("The iShares fund (ticker: IWM) took in record inflows.", "IWM"),
    ("The S&P 500 (SPX) slipped while the Nasdaq Composite (^IXIC) rose.", "SPX"),
    ("The S&P 500 (SPX) slipped while the Nasdaq Composite (^IXIC) rose.", "IXIC"),
    ("SPY (S&P 500) rose about 0.5% on the day.", "SPY"),
    ("The energy group XX:SP500.10 fell the most.", "XX:SP500.10"),
]


@pytest.mark.parametrize(("sentence", "value", "fields"), STREAKS)
def test_streaks_said_many_ways(rules, sentence, value, fields):
    check(rules, sentence, "streak_length", value, fields)


@pytest.mark.parametrize(("sentence", "value", "fields"), POINTS)
def test_points_changes_are_their_own_kind(rules, sentence, value, fields):
    check(rules, sentence, "points_change", value, fields)
    assert not [c for c in extract(rules, sentence) if c.kind == "index_level" and str(abs(c.value)) == value.lstrip("-")]


@pytest.mark.parametrize(("sentence", "value", "fields"), MOVES)
def test_percent_moves_as_finance_writes_them(rules, sentence, value, fields):
    check(rules, sentence, "pct_change", value, fields)


@pytest.mark.parametrize(("sentence", "kind", "fields"), RECORDS)
def test_records_and_comparisons(rules, sentence, kind, fields):
    claims = [c for c in extract(rules, sentence) if c.kind == kind]
    assert claims, [(c.kind, c.value) for c in extract(rules, sentence)]
    for name, expected in fields.items():
        assert getattr(claims[0], name) == expected, (name, getattr(claims[0], name))


@pytest.mark.parametrize(("text", "expected"), TABLES)
def test_table_rows_are_claims(rules, text, expected):
    claims = extract(rules, text)
    got = {(c.kind, str(c.value)): c for c in claims}
    for kind, value, subject in expected:
        assert (kind, value) in got, sorted(got)
        if subject:
            assert got[(kind, value)].subject == subject


@pytest.mark.parametrize(("sentence", "symbol"), TICKERS)
def test_tickers_as_written(rules, sentence, symbol):
    assert symbol in [c.value for c in extract(rules, sentence) if c.kind == "ticker"]


NOT_CLAIMS = [
    ("The index slipped under its 200-day moving average.", "index_level"),  # a span of sessions, not a level
    ("| Breadth | Today | Prior |\n|---|---|---|\n| % Above 50-Day MA | 61.2% | 57.4% |", "pct_change"),  # breadth, not a move
    ("| Breadth | Today | Prior |\n|---|---|---|\n| Advancing Volume | 58.1% | 9.2% |", "pct_change"),
    ("The firm employs 4,200 people across 310 stores.", None),
    ("Trading opens at 9:30 a.m. and closes at 4 p.m.", "index_level"),
    ("The rally was the longest since 1990 began.", "index_level"),
    ("Investors are finding more Growth at a Reasonable Price (GARP) names.", "ticker"),
    ("The report was released on the third quarter of the fiscal year.", "streak_length"),
]


@pytest.mark.parametrize(("sentence", "kind"), NOT_CLAIMS)
def test_not_claims(rules, sentence, kind):
    claims = extract(rules, sentence)
    assert not [c for c in claims if kind is None and c.kind in {"index_level", "pct_change", "points_change"} or c.kind == kind], claims


def check(rules, sentence, kind, value, fields):
    claims = [c for c in extract(rules, sentence) if c.kind == kind and c.value == D(value)]
    assert claims, [(c.kind, str(c.value)) for c in extract(rules, sentence)]
    for name, expected in fields.items():
        assert getattr(claims[0], name) == expected, (name, getattr(claims[0], name))
