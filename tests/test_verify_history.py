"""History queries: period closes, period moves, records and year starts on a hand-made series."""

from datetime import date
from decimal import Decimal as D

import pytest

from extractor.prices import Bar, make_price_series
from extractor.verify.history import (find_current_move, find_earlier_max, find_moves, find_moves_before,
                                      find_record_sessions, find_ytd_after, is_record, period_key, sample_sessions)

# Thu 2020-12-31, then Mon 2021-01-04 .. Fri 01-08, Mon 01-11, Mon 02-01.
CLOSES = {date(2020, 12, 31): 100, date(2021, 1, 4): 102, date(2021, 1, 5): 101, date(2021, 1, 6): 104,
          date(2021, 1, 7): 103, date(2021, 1, 8): 105, date(2021, 1, 11): 99, date(2021, 2, 1): 110}
SERIES = make_price_series("X", [Bar(d, D(c), high=D(c) + 1) for d, c in CLOSES.items()])
DAYS = sorted(CLOSES)


def test_period_keys_and_samples():
    assert period_key(date(2021, 1, 4), "weeks") == (2021, 1)
    assert sample_sessions(SERIES.sessions, "weeks") == (date(2020, 12, 31), date(2021, 1, 8), date(2021, 1, 11),
                                                         date(2021, 2, 1))
    assert sample_sessions(SERIES.sessions, "months") == (date(2020, 12, 31), date(2021, 1, 11), date(2021, 2, 1))
    assert sample_sessions(SERIES.sessions, "days") == SERIES.sessions


@pytest.mark.parametrize(
    ("session", "unit", "base", "pct"),
    [(date(2021, 1, 6), "sessions", date(2021, 1, 5), "2.9703"),
     (date(2021, 1, 6), "weeks", date(2020, 12, 31), "4.0000"),    # week to date from the last week's close
     (date(2021, 2, 1), "months", date(2021, 1, 11), "11.1111")],
)
def test_current_move(session, unit, base, pct):
    move = find_current_move(SERIES, session, unit)
    assert (move.base, move.pct.quantize(D("0.0001"))) == (base, D(pct))


def test_moves_before_end_at_the_current_base():
    current = find_current_move(SERIES, date(2021, 1, 11), "weeks")
    assert [m.end for m in find_moves_before(SERIES, current, "weeks")] == [date(2021, 1, 8)]
    assert len(find_moves(SERIES, "sessions")) == len(DAYS) - 1


def test_records_and_year_starts():
    assert find_record_sessions(SERIES, date(2021, 1, 1), date(2021, 2, 1)) == (
        date(2021, 1, 4), date(2021, 1, 6), date(2021, 1, 8), date(2021, 2, 1))
    assert is_record(SERIES, date(2021, 1, 7), "close") is False
    assert is_record(SERIES, date(2020, 12, 31), "close") is None      # no history before it
    assert find_earlier_max(SERIES, date(2021, 1, 11), "high") == (date(2021, 1, 8), D(106))
    start = find_ytd_after(SERIES, 2021, 3)
    assert (start.base, start.end, start.pct) == (date(2020, 12, 31), date(2021, 1, 6), D(4))
    assert find_ytd_after(SERIES, 2020, 1) is None                     # no close before 2020 in the data
