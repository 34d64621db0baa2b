"""Counts: the number of all-time-high closes in a window."""

from __future__ import annotations

import functools
import re
from datetime import date
from decimal import Decimal

from extractor.models import Claim, DataRow, Finding
from extractor.prices import Market, PriceSeries
from extractor.tolerance import find_band
from extractor.verify.common import Measure, Unverifiable, _guarded, _judge, _number, _series, _session


# ---------------------------------------------------------------- counts


_ALL_TIME = re.compile(r"all[- ]time|record (?:close|high)|new highs?", re.IGNORECASE)


@_guarded("count")
def check_count(claim: Claim, market: Market) -> Finding:
    """Number of all-time-high closes (close above every earlier close) in a window to as_of."""
    if not _ALL_TIME.search(f"{claim.metric or ''} {claim.quote}"):
        raise Unverifiable(f"no data for this count (only all-time-high closes of indices): {claim.quote!r}")
    series = _series(market, claim.subject)
    end = _session(market, series, claim.as_of)
    start = claim.period_start or date(end.year, 1, 1)
    highs, previous = _find_all_time_closes(series, start, end)
    text = (f"{series.symbol} closes above every earlier close {start}..{end}: "
            f"{', '.join(str(row.session) for row in highs) or 'none'}"
            f" (record before: {previous.value if previous else 'none'})")
    rows = ((previous,) if previous else ()) + highs
    measure = Measure(f"all-time-high closes {start}..{end}", Decimal(len(highs)), text, rows)
    return _judge(claim, "count", [measure], find_band(_number(claim), claim.hedge_norm))


@functools.lru_cache(maxsize=256)
def _find_all_time_closes(series: PriceSeries, start: date, end: date) -> tuple[tuple[DataRow, ...], DataRow | None]:
    """Closes in start..end above every earlier close, and the record close before start."""
    before = [bar for bar in series.bars if bar.session < start]
    if not before:
        raise Unverifiable(f"{series.symbol} has no history before {start} to define all-time highs")
    record = max(before, key=lambda bar: bar.close)
    previous = series.row(record.session, "close")
    best, highs = record.close, []
    for bar in series.bars[len(before):]:
        if bar.session > end:
            break
        if bar.close > best:
            best = bar.close
            highs.append(series.row(bar.session, "close"))
    return tuple(highs), previous  # type: ignore[return-value]
