"""History queries on one price series: period closes, period moves and record closes.

Periods are calendar sessions (unit "sessions"/"days"), ISO weeks, months or years; a period's
close is the close of its last session in the data, and a period's move runs from the previous
period's close to its own. These are the queries streaks and records need beyond prices.py.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from extractor.prices import PriceSeries

_HUNDRED = Decimal(100)
MOVE_UNITS = {"day_move": "sessions", "week_move": "weeks", "month_move": "months", "year_move": "years"}


def period_key(day: date, unit: str) -> tuple[int, ...]:
    """The period a session belongs to: the day, its ISO week, month or year."""
    if unit == "weeks":
        iso = day.isocalendar()
        return (iso[0], iso[1])
    if unit == "months":
        return (day.year, day.month)
    if unit == "years":
        return (day.year,)
    return (day.toordinal(),)


def sample_sessions(sessions: tuple[date, ...], unit: str) -> tuple[date, ...]:
    """The last session of every period (every session for sessions/days)."""
    if unit in ("sessions", "days"):
        return sessions
    last: dict[tuple[int, ...], date] = {}
    for day in sessions:
        last[period_key(day, unit)] = day
    return tuple(last.values())


@dataclass(frozen=True)
class Move:
    """One period's close-to-close % change, ending on the period's last session."""

    end: date
    base: date
    pct: Decimal


@functools.lru_cache(maxsize=32)
def find_moves(series: PriceSeries, unit: str) -> tuple[Move, ...]:
    """Every period move in the history, oldest first."""
    closes = [(day, series.bar(day).close) for day in sample_sessions(series.sessions, unit)]  # type: ignore[union-attr]
    return tuple(Move(day, prev_day, (close / prev - 1) * _HUNDRED)
                 for (prev_day, prev), (day, close) in zip(closes, closes[1:]))


def find_current_move(series: PriceSeries, session: date, unit: str) -> Move | None:
    """The move of the period holding session, through session (None at the data start)."""
    key = period_key(session, unit)
    pos = series.position(session)
    if pos is None:
        return None
    while pos > 0 and period_key(series.sessions[pos - 1], unit) == key:
        pos -= 1
    if pos == 0:
        return None
    base = series.sessions[pos - 1]
    return Move(session, base, (series.bar(session).close / series.bar(base).close - 1) * _HUNDRED)  # type: ignore[union-attr]


def find_moves_before(series: PriceSeries, move: Move, unit: str) -> tuple[Move, ...]:
    """The full period moves that ended on or before the current move's base session."""
    moves = find_moves(series, unit)
    pos = bisect.bisect_right([m.end for m in moves], move.base)
    return moves[:pos]


@functools.lru_cache(maxsize=32)
def _running_max(series: PriceSeries, field: str) -> tuple[Decimal | None, ...]:
    """Per bar, the highest value of field over every earlier bar (None before any)."""
    best: Decimal | None = None
    out = []
    for bar in series.bars:
        out.append(best)
        value = bar.get(field)
        if value is not None and (best is None or value > best):
            best = value
    return tuple(out)


def find_earlier_max(series: PriceSeries, session: date, field: str) -> tuple[date, Decimal] | None:
    """The highest value of field before session, and the last session that reached it."""
    pos = series.position(session)
    best = None if pos is None else _running_max(series, field)[pos]
    if best is None:
        return None
    day = next(bar.session for bar in reversed(series.bars[:pos]) if bar.get(field) == best)  # type: ignore[index]
    return day, best


def is_record(series: PriceSeries, session: date, field: str) -> bool | None:
    """True when field on session beats every earlier value (None: no value or no history)."""
    pos = series.position(session)
    if pos is None:
        return None
    best, value = _running_max(series, field)[pos], series.bars[pos].get(field)
    return None if best is None or value is None else value > best


def find_record_sessions(series: PriceSeries, start: date, end: date, field: str = "close") -> tuple[date, ...]:
    """The sessions in start..end whose field beat every earlier value."""
    return tuple(day for day in series.sessions if start <= day <= end and is_record(series, day, field))


def find_ytd_after(series: PriceSeries, year: int, sessions: int) -> Move | None:
    """The change from the previous year's last close after `sessions` sessions of year."""
    first = bisect.bisect_left(series.sessions, date(year, 1, 1))
    end_pos = first + sessions - 1
    if first == 0 or sessions < 1 or end_pos >= len(series.sessions) or series.sessions[end_pos].year != year:
        return None
    base, end = series.bars[first - 1], series.bars[end_pos]
    return Move(end.session, base.session, (end.close / base.close - 1) * _HUNDRED)
