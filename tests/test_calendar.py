"""NYSE sessions, windows, and the cross-check against the price data's own dates."""

from datetime import date
from pathlib import Path

import pytest

from extractor.calendar import find_calendar_gaps, find_month_window, find_period_window, find_week_window
from extractor.calendar import find_year_window, find_ytd_window, load_calendar, make_calendar
from extractor.errors import DataError
from extractor.prices import load_price_series

DATA = Path(__file__).resolve().parents[1] / "corpus" / "data" / "prices"


@pytest.fixture(scope="module")
def nyse():
    return load_calendar()


def test_calendar_is_built_once(nyse):
    assert load_calendar() is nyse


@pytest.mark.parametrize(
    ("day", "is_session"),
    [
        (date(2026, 1, 1), False),   # New Year's Day
        (date(2026, 1, 19), False),  # MLK Day
        (date(2026, 1, 17), False),  # Saturday
        (date(2026, 1, 2), True),
        (date(2026, 1, 22), True),
        (date(1987, 10, 19), True),  # Black Monday traded
        (date(2001, 9, 11), False),  # closed after the attacks
        (date(2012, 10, 29), False), # Hurricane Sandy
        (date(2025, 1, 9), False),   # national day of mourning (Carter)
    ],
)
def test_is_session(nyse, day, is_session):
    assert nyse.is_session(day) is is_session


@pytest.mark.parametrize(
    ("method", "day", "expected"),
    [
        ("session_on_or_before", date(2026, 1, 19), date(2026, 1, 16)),
        ("session_on_or_before", date(2026, 1, 22), date(2026, 1, 22)),
        ("session_on_or_after", date(2026, 1, 1), date(2026, 1, 2)),
        ("previous_session", date(2026, 1, 2), date(2025, 12, 31)),
        ("previous_session", date(2026, 1, 20), date(2026, 1, 16)),
        ("next_session", date(2026, 1, 16), date(2026, 1, 20)),
        ("next_session", date(2026, 1, 22), date(2026, 1, 23)),
    ],
)
def test_neighbouring_sessions(nyse, method, day, expected):
    assert getattr(nyse, method)(day) == expected


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (date(2026, 1, 2), date(2026, 1, 22), 14),   # the streak window
        (date(2026, 1, 5), date(2026, 1, 22), 13),   # "from January 5 through January 22"
        (date(2026, 1, 2), date(2026, 1, 15), 10),
        (date(2026, 1, 1), date(2026, 1, 1), 0),
        (date(1996, 4, 16), date(1996, 5, 7), 16),
    ],
)
def test_count_sessions(nyse, start, end, count):
    assert nyse.count_sessions(start, end) == count


def test_windows(nyse):
    december = find_month_window(nyse, 2025, 12)
    assert (december.base, december.first, december.last) == (date(2025, 11, 28), date(2025, 12, 1), date(2025, 12, 31))
    ytd = find_ytd_window(nyse, date(2026, 1, 13))
    assert (ytd.base, ytd.first, ytd.last, len(ytd.sessions)) == (date(2025, 12, 31), date(2026, 1, 2), date(2026, 1, 13), 8)
    week = find_week_window(nyse, date(2026, 1, 22))
    assert (week.base, week.first) == (date(2026, 1, 16), date(2026, 1, 20))
    year = find_year_window(nyse, 2025)
    assert (year.base, year.last) == (date(2024, 12, 31), date(2025, 12, 31))
    assert find_month_window(nyse, 2026, 1, through=date(2026, 1, 15)).last == date(2026, 1, 15)


@pytest.mark.parametrize("call", [
    lambda cal: cal.sessions_between(date(1900, 1, 1), date(1900, 2, 1)),
    lambda cal: cal.previous_session(cal.first),
    lambda cal: find_period_window(cal, date(2026, 1, 17), date(2026, 1, 19)),
])
def test_out_of_range_raises_data_error(nyse, call):
    with pytest.raises(DataError):
        call(nyse)


def test_make_calendar_from_dates():
    cal = make_calendar([date(2026, 1, 5), date(2026, 1, 2), date(2026, 1, 2)])
    assert cal.sessions == (date(2026, 1, 2), date(2026, 1, 5))
    assert cal.previous_session(date(2026, 1, 5)) == date(2026, 1, 2)


def test_gaps_reports_both_directions():
    cal = make_calendar([date(2026, 1, 2), date(2026, 1, 5), date(2026, 1, 6)])
    gaps = find_calendar_gaps(cal, [date(2026, 1, 2), date(2026, 1, 3), date(2026, 1, 6)], symbol="X")
    assert gaps.missing_from_data == (date(2026, 1, 5),)
    assert gaps.not_sessions == (date(2026, 1, 3),)
    assert not gaps.ok


@pytest.mark.parametrize("symbol", ["RUT", "DJI", "IXIC"])
def test_shipped_data_agrees_with_nyse_calendar(nyse, symbol):
    series = load_price_series(DATA / f"{symbol}.csv")
    assert find_calendar_gaps(nyse, series.sessions, symbol=symbol).ok


def test_gspc_gaps_are_only_pre_1970_holidays(nyse):
    # exchange_calendars' XNYS rules treat some pre-1970 holidays as sessions; the data is right.
    gaps = find_calendar_gaps(nyse, load_price_series(DATA / "GSPC.csv").sessions)
    assert gaps.not_sessions == ()
    assert gaps.missing_from_data and max(gaps.missing_from_data) < date(1970, 1, 1)
    assert date(1969, 12, 25) in gaps.missing_from_data
