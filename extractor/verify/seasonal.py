"""Seasonal statistics: the average % change of one window over many years ("since 1961 the Santa
Claus rally has averaged 0.9%"), and the number of those years it rose or fell ("up 17 of 28").

A window is a set of sessions of each year (see extractor.kinds.seasonal for the keys): its change
runs from the close before its first session to the close of its last. The years run from the
claim's first year (period_start) to its last (period_end), else to the last window that ended
before the claim's date. A statistic whose first year is not stated is read from 1950 (the usual
start of such tables) and from the first full year of the data: it is supported or ambiguous when
one matches, and unverifiable otherwise (a third party's convention we cannot pin down).
"""

from __future__ import annotations

import bisect
import functools
from datetime import date
from decimal import Decimal

from extractor.dates import month_end
from extractor.models import Claim, Finding
from extractor.prices import Market, PriceSeries
from extractor.tolerance import find_band
from extractor.verify.common import _HUNDRED, Measure, Unverifiable, _guarded, _judge, _number, _series

CONVENTIONAL_START = 1950


@_guarded("seasonal")
def check_seasonal(claim: Claim, market: Market) -> Finding:
    series = _series(market, claim.subject)
    key = claim.reference or ""
    if claim.as_of is None and claim.period_end is None:
        raise Unverifiable("the claim has no date to end its years")
    starts = [claim.period_start.year] if claim.period_start else [CONVENTIONAL_START, _first_full_year(series, key)]
    last = claim.period_end.year if claim.period_end else _last_year(series, key, claim.as_of)
    measures = []
    for first in dict.fromkeys(starts):
        try:
            measures.append(_measure(claim, series, key, first, last))
        except Unverifiable:
            if claim.period_start:  # the stated years: the data must cover them
                raise
    if not measures:
        raise Unverifiable(f"{series.symbol} data does not cover the usual starts of the statistic ({', '.join(map(str, starts))})")
    finding = _judge(claim, "seasonal", measures, find_band(_number(claim), claim.hedge_norm))
    if claim.period_start is None and not any(r.matches for r in finding.readings):
        raise Unverifiable(f"the first year of the statistic is not stated, and no usual start gives it "
                           f"({'; '.join(m.arithmetic.split(':')[0] for m in measures)})")
    return finding


def _measure(claim: Claim, series: PriceSeries, key: str, first: int, last: int) -> Measure:
    if last < first:
        raise Unverifiable(f"no complete window from {first} to {last}")
    changes, rows = [], []
    for year in range(first, last + 1):
        base, end = window(series, key, year)
        rows += [series.row(base, "close"), series.row(end, "close")]
        changes.append((year, (series.bar(end).close / series.bar(base).close - 1) * _HUNDRED))
    label = f"{describe(key)}, {first}-{last} ({len(changes)} years)"
    listed = ", ".join(f"{year} {change:+.2f}" for year, change in changes)
    if claim.metric == "seasonal_average":
        value = sum((c for _, c in changes), Decimal(0)) / len(changes)
        arithmetic = f"average % change of the {label}: ({listed}) / {len(changes)} = {value:.4f}%"
        label = f"average % change of the {label}"
    else:
        down = claim.metric == "seasonal_down"
        value = Decimal(sum(1 for _, c in changes if (c < 0 if down else c > 0)))
        arithmetic = f"years {'down' if down else 'up'} in the {label}: {value} ({listed})"
        label = f"years {'down' if down else 'up'} in the {label}"
    return Measure(label, value, arithmetic, tuple(r for r in rows if r is not None))


def describe(key: str) -> str:
    kind, _, grain = key.partition(":")
    if kind == "santa_claus":
        return "Santa Claus rally (last 5 sessions of the year and first 2 of the next)"
    if kind == "first_days":
        return "first 5 sessions of the year"
    if kind == "month":
        return f"month {int(grain)} (close before its first session to its last close)"
    which = "first" if kind == "first_session" else "last"
    where = "year" if grain == "year" else f"Q{grain[1:]}" if grain.startswith("q") else f"month {grain[1:]}"
    return f"{which} session of the {where}"


def window(series: PriceSeries, key: str, year: int) -> tuple[date, date]:
    """(base, last): the session before the window's first session, and its last session."""
    kind, _, grain = key.partition(":")
    if kind == "santa_claus":
        year_end = _sessions_in(series, date(year, 12, 1), date(year, 12, 31))
        next_start = _sessions_in(series, date(year + 1, 1, 1), date(year + 1, 1, 31))
        if len(year_end) < 6 or len(next_start) < 2:
            raise Unverifiable(f"{series.symbol} has no complete Santa Claus rally window for {year}/{year + 1}")
        return year_end[-6], next_start[1]
    if kind == "first_days":
        days = _sessions_in(series, date(year, 1, 1), date(year, 1, 31))
        return _before(series, days[0]), days[4]
    if kind == "month":
        month = int(grain)
        days = _sessions_in(series, date(year, month, 1), month_end(year, month))
        return _before(series, days[0]), days[-1]
    first_month, last_month = _months(grain)
    days = _sessions_in(series, date(year, first_month, 1), month_end(year, last_month))
    day = days[0] if kind == "first_session" else days[-1]
    return _before(series, day), day


def _months(grain: str) -> tuple[int, int]:
    if grain == "year":
        return 1, 12
    if grain.startswith("q"):
        quarter = int(grain[1:])
        return quarter * 3 - 2, quarter * 3
    return int(grain[1:]), int(grain[1:])


@functools.lru_cache(maxsize=4096)
def _sessions_in(series: PriceSeries, first: date, last: date) -> tuple[date, ...]:
    lo, hi = bisect.bisect_left(series.sessions, first), bisect.bisect_right(series.sessions, last)
    days = series.sessions[lo:hi]
    if not days:
        raise Unverifiable(f"{series.symbol} has no sessions {first}..{last}")
    return tuple(days)


def _before(series: PriceSeries, day: date) -> date:
    pos = series.position(day)
    if not pos:
        raise Unverifiable(f"{series.symbol} has no session before {day}")
    return series.sessions[pos - 1]


def _last_year(series: PriceSeries, key: str, as_of: date | None) -> int:
    """The last year whose window ended on or before as_of."""
    year = (as_of or series.sessions[-1]).year
    for candidate in (year, year - 1, year - 2):
        try:
            if window(series, key, candidate)[1] <= (as_of or series.sessions[-1]):
                return candidate
        except Unverifiable:
            continue
    raise Unverifiable(f"no complete window before {as_of}")


def _first_full_year(series: PriceSeries, key: str) -> int:
    year = series.sessions[0].year
    for candidate in (year, year + 1):
        try:
            base, _ = window(series, key, candidate)
            if series.bar(base) is not None:
                return candidate
        except Unverifiable:
            continue
    return year + 1
