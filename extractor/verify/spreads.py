"""Spreads: the per-day average or cumulative gap between a subject's and a benchmark's returns."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from extractor.calendar import Window, find_period_window
from extractor.models import Claim, Finding
from extractor.prices import Market, PriceSeries
from extractor.tolerance import find_band
from extractor.verify.common import (
    _HUNDRED, Measure, Unverifiable, _bar, _calendar, _change, _f2, _guarded, _judge, _judge_sign, _number, _q, _row,
    _series,
)


# ---------------------------------------------------------------- spreads


@_guarded("spread")
def check_spread(claim: Claim, market: Market) -> Finding:
    """Per-day average or cumulative gap between subject and benchmark returns, in bps or pp."""
    if not claim.benchmark:
        raise Unverifiable("a spread needs a benchmark")
    subject, benchmark = _series(market, claim.subject), _series(market, claim.benchmark)
    if claim.period_start is None or claim.period_end is None:
        raise Unverifiable("the claim has no period (period_start/period_end)")
    window = find_period_window(_calendar(market, subject), claim.period_start, claim.period_end)
    scale = _HUNDRED if claim.unit == "bps" else Decimal(1)
    unit = "bps" if claim.unit == "bps" else "pp"
    cumulative = _cumulative_measure(subject, benchmark, window, scale, unit)
    if claim.value is None and claim.direction:
        return _judge_sign(claim, "spread", [cumulative])
    if claim.per == "day":
        measures = [_per_day_measure(subject, benchmark, window, scale, unit),
                    _divided_measure(cumulative, len(window.sessions), unit)]
    else:
        measures = [cumulative]
    return _judge(claim, "spread", measures, find_band(_number(claim), claim.hedge_norm))


def _daily_gaps(subject: PriceSeries, benchmark: PriceSeries, window: Window) -> list[tuple[date, Decimal]]:
    days = (window.base, *window.sessions)
    for day in days:  # fail with the missing session named, not a KeyError
        _bar(subject, day)
        _bar(benchmark, day)
    return [(cur, _change(subject, prev, cur) - _change(benchmark, prev, cur)) for prev, cur in zip(days, days[1:])]


def _per_day_measure(subject: PriceSeries, benchmark: PriceSeries, window: Window, scale: Decimal, unit: str) -> Measure:
    gaps = _daily_gaps(subject, benchmark, window)
    mean = sum((gap for _, gap in gaps), Decimal(0)) / len(gaps) * scale
    days = " ".join(f"{gap * scale:+.1f}" for _, gap in gaps)
    text = (f"mean daily ({subject.symbol} − {benchmark.symbol}) return over {len(gaps)} sessions "
            f"{window.first}..{window.last} = ({days}) / {len(gaps)} = {mean:.2f} {unit}")
    rows = [_row(s, d, "close") for d in (window.base, *window.sessions) for s in (subject, benchmark)]
    return Measure(f"average daily gap {window.first}..{window.last}", _q(mean), text, tuple(rows))


def _cumulative_measure(subject: PriceSeries, benchmark: PriceSeries, window: Window, scale: Decimal, unit: str) -> Measure:
    ours, theirs = (_change(s, window.base, window.last) for s in (subject, benchmark))
    gap = (ours - theirs) * scale
    text = (f"({subject.symbol} {_f2(ours)}% − {benchmark.symbol} {_f2(theirs)}%) from the close of "
            f"{window.base} to {window.last} = {gap:.2f} {unit}")
    rows = tuple(_row(s, d, "close") for s in (subject, benchmark) for d in (window.base, window.last))
    return Measure(f"cumulative gap {window.first}..{window.last}", _q(gap), text, rows)


def _divided_measure(cumulative: Measure, sessions: int, unit: str) -> Measure:
    per_day = cumulative.actual / sessions  # type: ignore[operator]
    text = f"cumulative gap {cumulative.actual} / {sessions} sessions = {per_day:.2f} {unit}"
    return Measure(f"cumulative gap divided by {sessions} sessions", _q(per_day), text, cumulative.rows)
