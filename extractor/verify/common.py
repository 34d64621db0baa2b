"""Shared by the verify modules: the Unverifiable error, readings (Measure) and the verdict rule, data look-ups."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from types import MappingProxyType

from extractor.calendar import TradingCalendar, make_calendar
from extractor.errors import DataError
from extractor.models import Claim, DataRow, Finding, Reading, Verdict
from extractor.prices import Bar, Market, PriceSeries
from extractor.tolerance import Band, is_double_rounding

_HUNDRED = Decimal(100)
# A figure the sentence places inside the session (a snapshot, not the close).
_PLACES = Decimal("0.0001")


class Unverifiable(DataError):
    """A check cannot be made: the message says which data or field is missing."""


@dataclass(frozen=True)
class Measure:
    """One reading of the data: its value, how it was computed, and the rows used."""

    label: str
    actual: Decimal | None
    arithmetic: str
    rows: tuple[DataRow, ...] = ()
    if_match: Verdict | None = None  # the verdict when only this reading matches (None: the check's default)
    plausible: bool = False  # a reading of the claim's own time (the session before an undated figure, its time words
                             # read another way): when only it matches, it supports the claim


def unverifiable(claim: Claim, check: str, missing: str) -> Finding:
    """A finding that says what was missing to check the claim."""
    return Finding(claim_id=claim.id, check=check, verdict="unverifiable", missing=missing)


def _guarded(check: str) -> Callable[[Callable[[Claim, Market], Finding]], Callable[[Claim, Market], Finding]]:
    # One conversion point: any DataError inside a check becomes an unverifiable finding.
    def decorate(func: Callable[[Claim, Market], Finding]) -> Callable[[Claim, Market], Finding]:
        @functools.wraps(func)
        def wrapper(claim: Claim, market: Market) -> Finding:
            try:
                return func(claim, market)
            except DataError as exc:
                return unverifiable(claim, check, str(exc))
        return wrapper
    return decorate


# ---------------------------------------------------------------- shared helpers


def _number(claim: Claim) -> Decimal:
    if not isinstance(claim.value, Decimal):
        raise Unverifiable("the claim has no numeric value")
    return claim.value


def _series(market: Market, subject: str | None) -> PriceSeries:
    symbol = market.find_symbol(subject)
    series = market.series(symbol) if symbol else None
    if series is None:
        raise Unverifiable(f"no price data for subject {subject!r} (available: {market.names()})")
    return series


def _calendar(market: Market, series: PriceSeries) -> TradingCalendar:
    return market.calendar or make_calendar(series.sessions, name=f"{series.symbol} data dates")


def _session(market: Market, series: PriceSeries, day: date | None, *, what: str = "as_of") -> date:
    """The session a date refers to: day itself, or the last session before it."""
    if day is None:
        raise Unverifiable(f"the claim has no {what} date")
    if not series.sessions or day < series.sessions[0] or day > series.sessions[-1]:
        raise Unverifiable(f"{series.symbol} data covers {_span(series)}, not {day}")
    session = _calendar(market, series).session_on_or_before(day)
    _bar(series, session)
    return session


def _bar(series: PriceSeries, session: date) -> Bar:
    bar = series.bar(session)
    if bar is None:
        raise Unverifiable(f"{series.symbol} data has no row for session {session}")
    return bar


def _span(series: PriceSeries) -> str:
    return f"{series.sessions[0]}..{series.sessions[-1]}" if series.sessions else "nothing"


def _row(series: PriceSeries, session: date, field: str) -> DataRow:
    row = series.row(session, field)
    if row is None:
        raise Unverifiable(f"{series.symbol} has no {field} for {session}")
    return row


def _q(number: Decimal) -> Decimal:
    return number.quantize(_PLACES)


def _f2(number: Decimal) -> str:
    return f"{number:.2f}"


def _dedupe(rows: Iterable[DataRow]) -> tuple[DataRow, ...]:
    return tuple(dict.fromkeys(rows))


def _judge(claim: Claim, check: str, measures: list[Measure], band: Band, *,
           on_alternative: Verdict = "ambiguous", round_figures: bool = False) -> Finding:
    """Compare each reading with the band; the primary reading carries the finding.

    round_figures: an unhedged round figure of 100 or more ("600 points") may be a rounding to
    its last non-zero digit: a miss that rounding explains is ambiguous, not contradicted.
    """
    primary = measures[0]
    if primary.actual is None:
        raise Unverifiable(f"no value for {primary.label}")
    matches = [m.actual is not None and band.contains(m.actual) for m in measures]
    verdict = _verdict(claim, measures, matches, on_alternative)
    readings = tuple(Reading(label=m.label, actual=m.actual, matches=ok) for m, ok in zip(measures, matches))
    others = [m.label for m, ok in zip(measures[1:], matches[1:]) if ok]
    note = [f"the figure matches the {' and the '.join(others)}, not the {primary.label}"] if others and not matches[0] else []
    if verdict == "contradicted" and round_figures and _rounded_figure_explains(claim, primary.actual):
        # "600 points" for 610.71 is the figure at the precision it is written in; "2,000" for 2,400 is a stretch
        close = abs(primary.actual - _number(claim)) <= ROUND_FIGURE_SHARE * abs(primary.actual)
        verdict = "supported" if close else "ambiguous"
        others = [f"{primary.label}, the figure read as rounded to its last non-zero digit"]
        readings += (Reading(label=others[0], actual=primary.actual, matches=True),)
        note.append(f"{_number(claim)} may be {primary.actual} rounded to its last non-zero digit")
    if verdict == "ambiguous" and not others and not matches[0]:
        note.append(f"{_number(claim)} is {primary.actual} rounded twice (borderline)")
        readings += (Reading(label=f"{primary.label}, rounded first to one more digit (borderline)",
                             actual=primary.actual, matches=True),)
    return Finding(
        claim_id=claim.id, check=check, verdict=verdict, actual=primary.actual,
        difference=primary.actual - _number(claim), tolerance=band.description,
        arithmetic="; ".join([m.arithmetic for m in measures] + note),
        rows=_dedupe(row for m in measures for row in m.rows), readings=readings,
    )


ROUND_FIGURE_SHARE = Decimal("0.05")  # a round figure within 5% of the data, and within half its last digit, stands

_RANK: Mapping[str, int] = MappingProxyType({"supported": 3, "ambiguous": 2, "unverifiable": 1, "contradicted": 0})


def _verdict(claim: Claim, measures: list[Measure], matches: list[bool], on_alternative: Verdict) -> Verdict:
    """The primary reading decides when it matches (the other readings are listed with it). When it
    does not, a plausible reading of the claim's time that matches (the session before for an undated
    figure, a reading of its time words) supports it; any other matching reading makes it ambiguous."""
    if matches[0]:
        return "supported"
    options: list[Verdict] = [_alternative_verdict(m, on_alternative) for m, ok in zip(measures[1:], matches[1:]) if ok]
    if claim.hedge_norm is None and isinstance(claim.value, Decimal) and is_double_rounding(claim.value, measures[0].actual):  # type: ignore[arg-type]
        options.append("ambiguous")
    return max(options, key=lambda v: _RANK[v]) if options else "contradicted"


def _judge_sign(claim: Claim, check: str, measures: list[Measure]) -> Finding:
    """A move or gap stated only by its direction ("slipped lower", "outperformed"): the sign is the claim."""
    up = claim.direction != "down"
    matches = [m.actual is not None and (m.actual > 0 if up else m.actual < 0) for m in measures]
    verdict: Verdict = "supported" if matches[0] else max(
        (_alternative_verdict(m, "ambiguous") for m, ok in zip(measures[1:], matches[1:]) if ok),
        key=lambda v: _RANK[v], default="contradicted")
    readings = tuple(Reading(label=m.label, actual=m.actual, matches=ok) for m, ok in zip(measures, matches))
    return Finding(claim_id=claim.id, check=check, verdict=verdict, actual=measures[0].actual,
                   tolerance="the sign only (" + ("a rise: above 0" if up else "a fall: below 0") + ")",
                   arithmetic="; ".join(m.arithmetic for m in measures),
                   rows=_dedupe(row for m in measures for row in m.rows), readings=readings)


def _alternative_verdict(measure: Measure, on_alternative: Verdict) -> Verdict:
    return "supported" if measure.plausible else measure.if_match or on_alternative


def _rounded_figure_explains(claim: Claim, actual: Decimal) -> bool:
    value = claim.value
    if claim.hedge_norm is not None or not isinstance(value, Decimal) or abs(value) < 100 or value != value.to_integral():
        return False
    digits = str(abs(int(value)))
    zeros = len(digits) - len(digits.rstrip("0"))
    return zeros > 0 and abs(actual - value) <= Decimal(10) ** zeros / 2


def _time_readings(claim: Claim) -> list[tuple[str, date, date]]:
    """The other plausible readings of the claim's time ("week:2026-01-05..2026-01-09"), parsed."""
    out = []
    for text in claim.time_readings:
        basis, _, span = text.rpartition(":")
        first, _, last = span.partition("..")
        try:
            out.append((basis or "day", date.fromisoformat(first), date.fromisoformat(last or first)))
        except ValueError:
            continue
    return out


def _plausible(measure: Measure, note: str) -> Measure:
    return Measure(f"{measure.label} ({note})", measure.actual, measure.arithmetic, measure.rows,
                   if_match="ambiguous", plausible=True)


def _pinned(claim: Claim) -> bool:
    """True when the text states the date (the extractor recorded the words that decided it)."""
    return claim.time_start is not None


def _undated(claim: Claim) -> bool:
    """True when the session before is a reading of the claim's time: the text does not state the
    date, and the publication time does not place the piece after a close (a day without an hour,
    or a piece written during the session)."""
    return claim.time_start is None and claim.clock in (None, "date_only", "in_session")


def _close(series: PriceSeries, session: date) -> Decimal:
    pos = series.position(session)
    if pos is None:
        raise Unverifiable(f"{series.symbol} data has no row for session {session}")
    return series.bars[pos].close


def _change(series: PriceSeries, base: date, last: date) -> Decimal:
    return (_close(series, last) / _close(series, base) - 1) * _HUNDRED


def _reference_period(claim: Claim, history_start: date, names: str) -> tuple[date, date]:
    """The reference period of a record claim: period_start..period_end, or the year in value."""
    start, end = claim.period_start, claim.period_end
    if (start is None or end is None) and claim.unit == "year" and isinstance(claim.value, Decimal) \
            and 1 <= claim.value <= 9999 and claim.value == claim.value.to_integral():
        start, end = date(int(claim.value), 1, 1), date(int(claim.value), 12, 31)
    if start is None or end is None:
        raise Unverifiable("the claim has no reference period (period_start/period_end)")
    if end < history_start:
        raise Unverifiable(f"{names} history starts {history_start}, after {claim.reference or end}")
    return start, end


def _years_before(day: date, years: int) -> date:
    if not 0 <= years < day.year:
        raise Unverifiable(f"{years} years before {day} is not a date")
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


UNIT_DAYS = {"years": Decimal("365.25"), "decades": Decimal("3652.5"), "months": Decimal("30.44"), "weeks": Decimal(7)}


def units_before(day: date, count: int, unit: str) -> date:
    """The day `count` years, months or weeks before day."""
    if unit in ("years", "decades"):
        return _years_before(day, count * (10 if unit == "decades" else 1))
    if unit == "weeks":
        return day - timedelta(weeks=count)
    months = day.year * 12 + day.month - 1 - count
    year, month = divmod(months, 12)
    return date(year, month + 1, min(day.day, 28))


def units_between(first: date, last: date, unit: str) -> Decimal:
    return (Decimal((last - first).days) / UNIT_DAYS[unit]).quantize(Decimal("0.01"))


def _years_between(first: date, last: date) -> Decimal:
    return (Decimal((last - first).days) / Decimal("365.25")).quantize(Decimal("0.01"))


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
