"""Fed funds: the target range (or the pre-2008 single target) on a date, counts and sizes of moves, first cut since."""

from __future__ import annotations

import bisect
import functools
import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from extractor.models import Claim, Finding, Reading
from extractor.prices import FED_FUNDS_SERIES, Market, RateSeries, is_fed_funds
from extractor.tolerance import find_band
from extractor.verify.common import (
    _MONTHS, UNIT_DAYS, Measure, Unverifiable, _dedupe, _guarded, _judge, _number, _reference_period, _years_before,
    units_between,
)


# ---------------------------------------------------------------- rates


@_guarded("rate")
def check_rate(claim: Claim, market: Market) -> Finding:
    """Fed funds target range (or pre-2008 single target) on a date; counts and sizes of moves.

    FRED's series change on the effective date, the day after an announcement: a claim dated
    on an announcement day is read on the next day, with the day itself as a second reading.
    """
    if not is_fed_funds(claim.subject):
        raise Unverifiable(f"no rate series for subject {claim.subject!r} (only the Fed funds rate)")
    if claim.metric == "forecast":
        raise Unverifiable("a forecast or expectation: the data records the moves made, not those expected")
    if claim.unit == "count":
        return _check_rate_moves(claim, market)
    if claim.metric == "move_size":
        return _check_move_size(claim, market)
    if claim.metric == "move_total":
        return _check_move_total(claim, market)
    day, note = _rate_day(claim, market)
    effective = _effective_day(market, day)
    if effective != day:
        return _check_rate_on(claim, market, effective, f"effective {effective}, the day after {day}",
                              alternative=(day, note))
    return _check_rate_on(claim, market, day, note)


def _effective_day(market: Market, day: date) -> date:
    """day + 1 when the range changes then (day was an announcement day), else day."""
    series = _rate_series(market, "upper" if day >= _range_start(market) else "single")
    today, tomorrow = series.on_or_before(day), series.on_or_before(day + timedelta(days=1))
    changed = today is not None and tomorrow is not None and tomorrow[0] > day and tomorrow[1] != today[1]
    return tomorrow[0] if changed else day  # type: ignore[index]


def _check_rate_on(claim: Claim, market: Market, day: date, note: str, *,
                   alternative: tuple[date, str] | None = None) -> Finding:
    measures = _rate_measures(market, day, note)
    value = _number(claim)
    if alternative is not None:
        other = _check_rate_on(claim, market, *alternative)
        finding = _check_rate_on(claim, market, day, note)
        if finding.verdict == "supported" or other.verdict != "supported":
            return finding.model_copy(update={"readings": finding.readings + other.readings})
        return other.model_copy(update={"verdict": "ambiguous", "readings": finding.readings + other.readings,
                                        "arithmetic": f"{finding.arithmetic}; {other.arithmetic}; "
                                                      f"the figure matches {alternative[0]}, not the effective {day}"})
    if claim.value_high is not None and len(measures) == 2:
        return _check_rate_range(claim, measures, value, claim.value_high)
    return _judge(claim, "rate", measures, find_band(value, claim.hedge_norm), on_alternative="supported")


def _rate_measures(market: Market, day: date, note: str) -> list[Measure]:
    if day < _range_start(market):
        return [_rate_measure(market, "single", day, note)]
    return [_rate_measure(market, "lower", day, note), _rate_measure(market, "upper", day, note)]


def _rate_series(market: Market, role: str) -> RateSeries:
    series = market.rate(FED_FUNDS_SERIES[role])
    if series is None or not series.points:
        raise Unverifiable(f"no {FED_FUNDS_SERIES[role]} series in the data folder")
    return series


def _range_start(market: Market) -> date:
    return _rate_series(market, "upper").points[0][0]


def _rate_day(claim: Claim, market: Market) -> tuple[date, str]:
    if claim.as_of is not None:
        return claim.as_of, f"as of {claim.as_of}"
    raise Unverifiable("the claim has no date (the rate of an undated figure is not the data's latest)")


def _rate_measure(market: Market, role: str, day: date, note: str) -> Measure:
    series = _rate_series(market, role)
    point = series.on_or_before(day)
    if point is None:
        raise Unverifiable(f"{series.series_id} starts {series.points[0][0]}, after {day}")
    label = {"lower": "lower bound of the target range", "upper": "upper bound of the target range",
             "single": "fed funds target"}[role]
    text = f"{series.series_id} {point[0]} = {point[1]}% ({label}, {note})"
    return Measure(f"{label} on {point[0]}", point[1], text, (series.row(*point),))


def _check_rate_range(claim: Claim, measures: list[Measure], low: Decimal, high: Decimal) -> Finding:
    bands = (find_band(low, claim.hedge_norm), find_band(high, claim.hedge_norm))
    readings = tuple(Reading(label=m.label, actual=m.actual, matches=band.contains(m.actual))  # type: ignore[arg-type]
                     for m, band in zip(measures, bands))
    return Finding(
        claim_id=claim.id, check="rate", verdict="supported" if all(r.matches for r in readings) else "contradicted",
        actual=measures[0].actual, difference=measures[0].actual - low,  # type: ignore[operator]
        tolerance=f"lower {bands[0].description}; upper {bands[1].description}",
        arithmetic="; ".join(m.arithmetic for m in measures),
        rows=_dedupe(r for m in measures for r in m.rows), readings=readings)


def _check_rate_moves(claim: Claim, market: Market) -> Finding:
    """"three 0.25% cuts in September, October, and December": changes of the upper bound."""
    start, end = _moves_window(claim)
    series = _rate_series(market, "upper")
    moves = _find_moves(series, start, end, cuts=_direction(claim.quote))
    months = tuple(_MONTHS[day.month - 1] for day, _, _ in moves)
    stated = tuple(m for m in _MONTHS if m in (claim.reference or "").lower())
    text = "; ".join(f"{day} {old}→{new} ({new - old:+})" for day, old, new in moves) or "no changes"
    measures = [Measure(f"{len(moves)} moves {start}..{end}", Decimal(len(moves)),
                        f"DFEDTARU {start}..{end}: {text}",
                        tuple(series.row(day, new) for day, _, new in moves))]
    finding = _judge(claim, "rate", measures, find_band(_number(claim), claim.hedge_norm))
    if not stated:
        return finding
    month_reading = Reading(label=f"months stated {', '.join(stated)}; data {', '.join(months) or 'none'}",
                            actual=None, matches=set(stated) == set(months))
    verdict = finding.verdict if month_reading.matches else "contradicted"
    return finding.model_copy(update={"verdict": verdict, "readings": (month_reading,)})


def _check_move_size(claim: Claim, market: Market) -> Finding:
    """"0.25% cuts": every move of the upper bound in the window has that size."""
    start, end = _moves_window(claim)
    series = _rate_series(market, "upper")
    moves = _find_moves(series, start, end, cuts=_direction(claim.quote))
    if not moves and claim.as_of and not claim.period_start:  # dated after the move: the year before
        start, end = _years_before(claim.as_of, 1) + timedelta(days=1), claim.as_of + timedelta(days=1)
        moves = _find_moves(series, start, end, cuts=_direction(claim.quote))[-1:]
    if not moves:
        raise Unverifiable(f"no rate moves in DFEDTARU between {start} and {end}")
    sizes = [abs(new - old) for _, old, new in moves]
    text = "; ".join(f"{day} {old}→{new} ({new - old:+})" for day, old, new in moves)
    measures = [Measure(f"move sizes {start}..{end}", max(sizes), f"DFEDTARU {start}..{end}: {text}",
                        tuple(series.row(day, new) for day, _, new in moves))]
    if len(set(sizes)) > 1:
        measures[0] = Measure(measures[0].label + " (sizes differ)", max(sizes), measures[0].arithmetic, measures[0].rows)
    # A cut written as a signed move (−0.5) is judged on its size.
    return _judge(claim, "rate", measures, find_band(abs(_number(claim)), claim.hedge_norm))


def _check_move_total(claim: Claim, market: Market) -> Finding:
    """"trimming its policy rate by 50 basis points" (over the sentence's period, else the year to
    as_of): the sum of the upper bound's moves that way, in basis points."""
    start, end = _moves_window(claim)
    series = _rate_series(market, "upper")
    cuts = _direction(_clause(claim))
    moves = _find_moves(series, start, end, cuts=cuts)
    if not moves:
        raise Unverifiable(f"no rate moves in DFEDTARU between {start} and {end}")
    total = sum((new - old for _, old, new in moves), Decimal(0)) * 100
    text = "; ".join(f"{day} {old}→{new} ({(new - old) * 100:+} bps)" for day, old, new in moves)
    measure = Measure(f"total move {start}..{end}", abs(total), f"DFEDTARU {start}..{end}: {text} = {total:+} bps",
                      tuple(series.row(day, new) for day, _, new in moves))
    return _judge(claim, "rate", [measure], find_band(abs(_number(claim)), claim.hedge_norm))


def _clause(claim: Claim) -> str:
    """The words just before the figure ("lowering the benchmark rate by")."""
    at = claim.sentence.find(claim.quote)
    return claim.sentence[max(0, at - 60):at + len(claim.quote)]


def _moves_window(claim: Claim) -> tuple[date, date]:
    if claim.period_start and claim.period_end:
        return claim.period_start, claim.period_end + timedelta(days=1)  # a move announced on the last day
    if claim.as_of is None:
        raise Unverifiable("the claim has no period or as_of date for the rate moves")
    if claim.metric == "move_size" and claim.unit != "count":
        return claim.as_of, claim.as_of + timedelta(days=1)  # "cut by 0.5% on Wednesday": effective Thursday
    # "three cuts" without a period: the year ending on as_of.
    return _years_before(claim.as_of, 1) + timedelta(days=1), claim.as_of + timedelta(days=1)


def _check_rate_record(claim: Claim, market: Market) -> Finding:
    """"the first rate cut since 2020": the previous move the same way took effect in the reference period;
    "the highest level in over two decades": the target was last that high at least that long before."""
    if claim.relation in ("highest_in", "in_years", "longest_in") and claim.unit in UNIT_DAYS and claim.as_of:
        return _check_rate_level_in(claim, market)
    if claim.relation not in ("first_since", "since", "not_seen_since") or claim.as_of is None:
        raise Unverifiable(f"relation {claim.relation!r} of a rate move is not checked")
    series = _rate_series(market, "upper")
    cuts = claim.direction == "down" if claim.direction else _direction(claim.quote)
    moves = _find_moves(series, series.points[0][0], claim.as_of + timedelta(days=1), cuts=cuts)
    if len(moves) < 2:
        raise Unverifiable(f"fewer than two rate moves in DFEDTARU through {claim.as_of}")
    (day, old, new), (prev_day, prev_old, prev_new) = moves[-1], moves[-2]
    start, end = _reference_period(claim, series.points[0][0], series.series_id)
    ok = start <= prev_day <= end
    text = (f"DFEDTARU move effective {day} {old}→{new}; the previous one that way: {prev_day} {prev_old}→{prev_new}; "
            f"reference {start}..{end}")
    return Finding(claim_id=claim.id, check="streak_record", verdict="supported" if ok else "contradicted",
                   actual=Decimal(prev_day.year), tolerance="exact (effective dates)", arithmetic=text,
                   rows=(series.row(prev_day, prev_new), series.row(day, new)),
                   readings=(Reading(label=f"previous move {prev_day} vs reference {start}..{end}",
                                     actual=Decimal(prev_day.year), matches=ok),))


def _target_points(market: Market) -> list[tuple[date, Decimal]]:
    """The single target before the range began, then the range's upper bound: one history of the target."""
    upper = _rate_series(market, "upper").points
    single = [p for p in _rate_series(market, "single").points if p[0] < upper[0][0]]
    return single + list(upper)


def _check_rate_level_in(claim: Claim, market: Market) -> Finding:
    points = _target_points(market)
    pos = bisect.bisect_right(points, (claim.as_of, Decimal("Infinity"))) - 1
    if pos < 0:
        raise Unverifiable(f"the target history starts {points[0][0]}, after {claim.as_of}")
    day, level = points[pos]
    i = pos
    while i >= 0 and points[i][1] >= level:  # back through the current stretch at this level or above
        i -= 1
    while i >= 0 and points[i][1] < level:
        i -= 1
    if i < 0:
        raise Unverifiable(f"the target was not as high as {level}% before in the data (from {points[0][0]})")
    last = points[i]
    elapsed = units_between(last[0], claim.as_of, claim.unit)
    value = Decimal(claim.value) if isinstance(claim.value, Decimal) else None
    if value is None:
        raise Unverifiable("the claim has no number of years")
    ok = elapsed >= value if claim.hedge_norm in ("min", "approx_above") else elapsed.quantize(Decimal(1), rounding=ROUND_HALF_UP) >= value
    text = (f"target {level}% as of {claim.as_of} ({day}); last as high before: {last[0]} ({last[1]}%), "
            f"{elapsed} {claim.unit} earlier")
    return Finding(claim_id=claim.id, check="streak_record", verdict="supported" if ok else "contradicted", actual=elapsed,
                   tolerance=f"at least {value} {claim.unit} since the target was last as high", arithmetic=text,
                   readings=(Reading(label=text, actual=elapsed, matches=ok),))


def _direction(quote: str) -> bool | None:
    text = quote.lower()
    if re.search(r"\bcut|lower|reduc|eas", text):
        return True
    return False if re.search(r"\bhike|rais|increas|tighten", text) else None


def _find_moves(series: RateSeries, start: date, end: date, *, cuts: bool | None) -> list[tuple[date, Decimal, Decimal]]:
    return list(_find_moves_cached(series, start, end, cuts))


@functools.lru_cache(maxsize=256)
def _find_moves_cached(series: RateSeries, start: date, end: date, cuts: bool | None) -> tuple[tuple[date, Decimal, Decimal], ...]:
    points = series.points
    moves = [(day, prev, value) for (_, prev), (day, value) in zip(points, points[1:])
             if value != prev and start <= day <= end]
    if cuts is None:
        return tuple(moves)
    return tuple(move for move in moves if (move[2] < move[1]) == cuts)
