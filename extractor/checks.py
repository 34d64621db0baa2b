"""One pure check per claim kind: Claim + Market → Finding with rows, arithmetic and readings.

Conventions shared by every check:
- returns are close-to-close; a window's base is the close of the session before its first
  session; sessions come from market.calendar (or the subject's own data dates without one);
- a reading is one way to compute the claimed figure; the first reading is the primary one.
  Primary matches → supported; only another reading matches → ambiguous (or what the check
  says for that reading); nothing matches → contradicted; an unhedged figure one double
  rounding away from the primary is ambiguous. Every finding lists its readings, the deciding
  one first, each labelled with the rows it compares ("close of 2026-01-08 vs close of
  2026-01-07"); `actual` is the primary reading's value;
- a date the text does not state (as_of taken from the publication date: no time_start) has
  the previous session as a second reading; a date the text states has none;
- anything we have no data for (subject, period, field) is `unverifiable` with `missing` set.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from extractor.calendar import TradingCalendar, Window, find_month_window, find_period_window
from extractor.calendar import find_week_window, find_year_window, find_ytd_window, make_calendar
from extractor.errors import DataError
from extractor.models import Claim, DataRow, Finding, Reading, Verdict
from extractor.prices import FED_FUNDS_SERIES, Bar, Market, PriceSeries, RateSeries, find_symbol, is_fed_funds
from extractor.verify.history import MOVE_UNITS, find_current_move, find_earlier_max, find_moves_before
from extractor.verify.history import find_record_sessions, find_ytd_after, is_record, sample_sessions
from extractor.tolerance import LEVEL_FLOOR, Band, find_band, find_pct_floor, is_double_rounding

_HUNDRED = Decimal(100)
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
    plausible: bool = False  # another reading of the claim's own time words: any disagreement is ambiguous


def check_claim(claim: Claim, market: Market) -> Finding:
    """Check one claim against the market data (pure; never raises DataError)."""
    check = _CHECKS.get(claim.kind)
    if check is None:
        return unverifiable(claim, claim.kind, _NO_DATA.get(claim.kind, f"no data check for {claim.kind} claims"))
    return check(claim, market)


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
    symbol = find_symbol(subject)
    series = market.series(symbol) if symbol else None
    if series is None:
        available = ", ".join(sorted(market.prices)) or "none"
        raise Unverifiable(f"no price data for subject {subject!r} (available: {available})")
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
        verdict, others = "ambiguous", [f"{primary.label}, the figure read as rounded to its last non-zero digit"]
        readings += (Reading(label=others[0], actual=primary.actual, matches=True),)
        note.append(f"{_number(claim)} may be {primary.actual} rounded to its last non-zero digit")
    if verdict == "ambiguous" and not others:
        note.append(f"{_number(claim)} is {primary.actual} rounded twice (borderline)")
        readings += (Reading(label=f"{primary.label}, rounded first to one more digit (borderline)",
                             actual=primary.actual, matches=True),)
    return Finding(
        claim_id=claim.id, check=check, verdict=verdict, actual=primary.actual,
        difference=primary.actual - _number(claim), tolerance=band.description,
        arithmetic="; ".join([m.arithmetic for m in measures] + note),
        rows=_dedupe(row for m in measures for row in m.rows), readings=readings,
    )


_RANK: Mapping[str, int] = MappingProxyType({"supported": 3, "ambiguous": 2, "unverifiable": 1, "contradicted": 0})


def _verdict(claim: Claim, measures: list[Measure], matches: list[bool], on_alternative: Verdict) -> Verdict:
    if matches[0]:
        disagree = any(m.plausible and not ok for m, ok in zip(measures[1:], matches[1:]))
        return "ambiguous" if disagree else "supported"
    options: list[Verdict] = [m.if_match or on_alternative for m, ok in zip(measures[1:], matches[1:]) if ok]
    if claim.hedge_norm is None and isinstance(claim.value, Decimal) and is_double_rounding(claim.value, measures[0].actual):  # type: ignore[arg-type]
        options.append("ambiguous")
    return max(options, key=lambda v: _RANK[v]) if options else "contradicted"


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


# ---------------------------------------------------------------- index levels

_FIELDS = ("close", "high", "low", "open")
# A figure the sentence places inside the session (a snapshot, not the close).
_INTRADAY = re.compile(
    r"\bintra-?day\b|\bin (?:early|late|morning|afternoon|midday|mid-day) trading\b|\bwas trading\b"
    r"|\btrad(?:ed|ing) (?:around|at|near)\b|\bsession (?:high|low|peak|trough)\b|\bat one point\b", re.IGNORECASE)
_RECORD_LEVELS = ("record_close", "all_time_high", "record_high")


@_guarded("index_level")
def check_index_level(claim: Claim, market: Market) -> Finding:
    """A level on a session (close unless the field says otherwise), and the record it is said to be.

    - close/open (and unspecified, read as the close): the stated field decides; another field
      matching a stated field → contradicted, an unspecified one → supported; the previous
      session's close → ambiguous when the text does not state the date;
    - high/low, or a figure the sentence places inside the session (intraday): the session's
      high/low (or close) decides; a miss inside the session's [low, high] range is
      unverifiable (daily bars cannot confirm a snapshot), outside it contradicted;
    - record ("record_close", "all_time_high", "record_high", "nth_record:N", "first_above"):
      also checked as a record (see _record_measure); the worse verdict wins. A record claim
      without a figure ("closed at a record high") is checked as a record only.
    """
    series = _series(market, claim.subject)
    session = _session(market, series, claim.as_of)
    if claim.record == "first_above":
        return _check_first_above(claim, series, session)
    record = _dated_record(claim, series, session)
    if not isinstance(claim.value, Decimal) and record is not None:
        return _record_only(claim, series, session, record)
    _check_scale(claim, series, session)
    if claim.field == "threshold":
        finding = _check_threshold(claim, series, session)
    else:
        finding = _check_level(claim, market, series, session)
    return finding if record is None else _with_record(finding, record)


def _dated_record(claim: Claim, series: PriceSeries, session: date) -> tuple[Reading, Verdict] | None:
    """The record reading; when the date is not stated, a record the session before is ambiguous."""
    record = _record_measure(claim, series, session)
    pos = series.position(session) or 0
    if record is None or record[1] != "contradicted" or _pinned(claim) or pos < 2:
        return record
    before = _record_measure(claim, series, series.sessions[pos - 1])
    if before is None or before[1] == "contradicted":
        return record
    label = f"{record[0].label}; but {before[0].label} (the session before; the date is not stated)"
    return Reading(label=label, actual=record[0].actual, matches=False), "ambiguous"


def _record_only(claim: Claim, series: PriceSeries, session: date, record: tuple[Reading, Verdict]) -> Finding:
    reading, verdict = record
    rows = tuple(r for r in (series.row(session, "close"), series.row(session, "high")) if r is not None)
    return Finding(claim_id=claim.id, check="index_level", verdict=verdict, actual=reading.actual,
                   tolerance="exact (above every earlier value)", arithmetic=reading.label, rows=rows,
                   readings=(reading,))


# A level this far from the session's close is not a level of this subject (a point change, another index).
LEVEL_SCALE_RATIO = Decimal("1.5")


def _check_scale(claim: Claim, series: PriceSeries, session: date) -> None:
    value, close = _number(claim), _bar(series, session).close
    if value <= 0 or max(value, close) / min(value, close) >= LEVEL_SCALE_RATIO:
        raise Unverifiable(f"{value} is not at the scale of {series.symbol} (close {close} on {session}): "
                           "not a level of this subject")


def _check_level(claim: Claim, market: Market, series: PriceSeries, session: date) -> Finding:
    stated = claim.field if claim.field in _FIELDS else "close"
    order = [stated] + [name for name in _FIELDS if name != stated]
    measures = [_level_measure(series, session, name) for name in order if series.row(session, name)]
    if not measures or not measures[0].label.startswith(stated + " "):
        raise Unverifiable(f"{series.symbol} has no {stated} for {session}")
    if not _pinned(claim) and stated == "close":
        measures += _previous_close(market, series, session)
    measures += _level_time_readings(claim, market, series, stated)
    # A stated field that is wrong is wrong even if another field matches; unspecified is not.
    on_alternative: Verdict = "contradicted" if claim.field in _FIELDS else "supported"
    band = find_band(_number(claim), claim.hedge_norm, floor=LEVEL_FLOOR)
    finding = _judge(claim, "index_level", measures, band, on_alternative=on_alternative, round_figures=True)
    if finding.verdict == "contradicted" and _intraday(claim):
        return _inside_range(claim, series, session, band, finding)
    return finding


def _intraday(claim: Claim) -> bool:
    return claim.field in ("high", "low") or bool(_INTRADAY.search(claim.sentence))


def _inside_range(claim: Claim, series: PriceSeries, session: date, band: Band, finding: Finding) -> Finding:
    """An intraday figure that misses: unverifiable inside the session's range, else contradicted."""
    bar = _bar(series, session)
    if bar.low is None or bar.high is None:
        return finding.model_copy(update={"verdict": "unverifiable",
                                          "missing": f"{series.symbol} has no high/low for {session}"})
    inside = band.high is None or band.high >= bar.low
    inside = inside and (band.low is None or band.low <= bar.high)
    text = f"session range {session} [{bar.low}, {bar.high}]: the figure is {'inside' if inside else 'outside'} it"
    update: dict = {"arithmetic": f"{finding.arithmetic}; {text}"}
    if inside:
        update |= {"verdict": "unverifiable", "missing": f"an intraday figure inside the {session} range (daily bars cannot confirm it)"}
    return finding.model_copy(update=update)


def _level_time_readings(claim: Claim, market: Market, series: PriceSeries, field: str) -> list[Measure]:
    """The stated field on the sessions of the claim's other time readings."""
    out = []
    for basis, _, last in _time_readings(claim):
        try:
            other = _calendar(market, series).session_on_or_before(last)
        except DataError:
            continue
        if series.row(other, field):
            out.append(_plausible(_level_measure(series, other, field), f"the date read as {basis} {last}"))
    return out


def _previous_close(market: Market, series: PriceSeries, session: date) -> list[Measure]:
    """The close of the session before (the date was not stated: the figure may be yesterday's)."""
    pos = series.position(session)
    if not pos:
        return []
    previous = series.sessions[pos - 1]
    measure = _level_measure(series, previous, "close")
    return [Measure(f"close of {previous} (the session before; the date is not stated)", measure.actual,
                    measure.arithmetic, measure.rows, if_match="ambiguous")]


def _level_measure(series: PriceSeries, session: date, field: str) -> Measure:
    row = _row(series, session, field)
    return Measure(f"{field} of {session}", row.value, f"{series.symbol} {field} {session} = {row.value}", (row,))


def _check_threshold(claim: Claim, series: PriceSeries, session: date) -> Finding:
    """"above 2,650" / "crossing the 2,600 mark": the close or the intraday extreme crossed."""
    value = _number(claim)
    below = claim.hedge_norm == "max"
    extreme = "low" if below else "high"
    measures = [_level_measure(series, session, name) for name in ("close", extreme)
                if series.row(session, name)]
    band = Band(None, value, f"at most {value}") if below else Band(value, None, f"at least {value}")
    return _judge(claim, "index_level", measures, band, on_alternative="supported")


def _record_measure(claim: Claim, series: PriceSeries, session: date) -> tuple[Reading, Verdict] | None:
    """The record a level is said to be: one reading and its verdict (None when none is claimed).

    record_close / all_time_high: the close beats every earlier close (the high as a second
    reading: ambiguous when only it does); record_high (or field high): the high beats every
    earlier high, the close as the second reading; nth_record:N: the Nth record close of the year.
    """
    record = claim.record or ""
    if record.startswith("nth_record:"):
        reading = _nth_record_reading(series, session, record.split(":", 1)[1])
        return reading, "supported" if reading.matches else "contradicted"
    if record not in _RECORD_LEVELS:
        return None
    high_first = (record == "record_high" and claim.field != "close") or claim.field == "high"
    primary, alternative = (_record_reading(series, session, name) for name in (("high", "close") if high_first else ("close", "high")))
    if primary.matches:
        return primary, "supported"
    if alternative.matches:
        return Reading(label=f"{primary.label}; {alternative.label}", actual=primary.actual, matches=False), "ambiguous"
    return primary, "contradicted"


def _record_reading(series: PriceSeries, session: date, field: str) -> Reading:
    earlier = find_earlier_max(series, session, field)
    value = series.row(session, field)
    if earlier is None or value is None:
        raise Unverifiable(f"{series.symbol} has no {field} history before {session} to define a record")
    ok = value.value > earlier[1]
    word = "above" if ok else "not above"
    return Reading(label=f"record {field}: {field} of {session} {value.value} {word} every earlier {field} "
                         f"(highest before: {earlier[1]} on {earlier[0]})", actual=earlier[1], matches=ok)


def _nth_record_reading(series: PriceSeries, session: date, nth: str) -> Reading:
    if not nth.isdigit():
        raise Unverifiable(f"not a record count: {nth!r}")
    records = find_record_sessions(series, date(session.year, 1, 1), session)
    ok = bool(records) and records[-1] == session and len(records) == int(nth)
    return Reading(label=f"record closes {session.year}-01-01..{session}: {len(records)}"
                         f" ({', '.join(map(str, records[-3:]))}{' …' if len(records) > 3 else ''}); stated {nth}",
                   actual=Decimal(len(records)), matches=ok)


def _with_record(finding: Finding, record: tuple[Reading, Verdict]) -> Finding:
    """A level finding with its record reading: the worse of the two verdicts wins."""
    reading, verdict = record
    worse = min((finding.verdict, verdict), key=lambda v: _RANK[v])
    return finding.model_copy(update={"verdict": worse, "readings": finding.readings + (reading,),
                                      "arithmetic": f"{finding.arithmetic}; {reading.label}"})


def _check_first_above(claim: Claim, series: PriceSeries, session: date) -> Finding:
    """"above 5,000 for the first time": the first session whose close (or the stated field: high for
    "traded above", open) passed the level is the claim's session, or lies in its stated period."""
    level = _number(claim)
    stated = claim.field if claim.field in ("high", "open") else "close"
    fields = [stated] + [name for name in ("close", "high") if name != stated]
    start, end = (claim.period_start, claim.period_end) if claim.period_start and claim.period_end else (session, session)
    measures = [_first_above_measure(series, level, name) for name in fields]
    readings = tuple(Reading(label=f"{m.label} (claimed {start}..{end})" if start != end else f"{m.label} (claimed {start})",
                             actual=m.actual, matches=bool(m.rows) and start <= m.rows[-1].session <= end)
                     for m in measures)
    verdict: Verdict = "supported" if readings[0].matches else "ambiguous" if any(r.matches for r in readings) else "contradicted"
    return Finding(claim_id=claim.id, check="index_level", verdict=verdict, actual=measures[0].actual,
                   tolerance="exact (the first session past the level)", readings=readings,
                   arithmetic="; ".join(m.arithmetic for m in measures), rows=_dedupe(r for m in measures for r in m.rows))


def _first_above_measure(series: PriceSeries, level: Decimal, field: str) -> Measure:
    first = next((bar for bar in series.bars if (bar.get(field) or Decimal(0)) > level), None)
    if first is None:
        return Measure(f"first {field} above {level}: none", None, f"{series.symbol} never had a {field} above {level}")
    row = _row(series, first.session, field)
    return Measure(f"first {field} above {level}: {first.session}", row.value,
                   f"{series.symbol} first {field} above {level}: {first.session} ({row.value})", (row,))


# ---------------------------------------------------------------- percentage changes


@_guarded("pct_change")
def check_pct_change(claim: Claim, market: Market) -> Finding:
    """% change over a window from the prior close; open/close of the first session as readings.

    Windows by basis: day (or no basis and no period_start: the as_of session) = previous close
    → close; period = close before period_start → close of period_end; week/month/quarter/year
    = the calendar period holding the end (through it) or starting at period_start; ytd = the
    previous year's last close → close; since = the close of period_start itself → close. With
    no basis, other windows ending on as_of (week, month, year to date) are extra readings.
    """
    series = _series(market, claim.subject)
    windows = _move_windows(claim, market, series)
    measures = _pct_measures(series, windows[0][0])
    measures += [_alt(_pct_measures(series, window)[0], note) for window, note in windows[1:]]
    measures += [_plausible(_pct_measures(series, window)[0], note) for window, note in _time_windows(claim, market, series)]
    measures += _unsigned_reading(claim, measures[0])
    base, last = measures[0].rows[0].value, measures[0].rows[1].value
    band = find_band(_number(claim), claim.hedge_norm, floor=find_pct_floor(base, last))
    return _undecided_window(claim, _judge(claim, "pct_change", measures, band))


@_guarded("points_change")
def check_points_change(claim: Claim, market: Market) -> Finding:
    """A move in index points over the same windows as pct_change: close − base close."""
    series = _series(market, claim.subject)
    windows = _move_windows(claim, market, series)
    measures = [_points_measure(series, windows[0][0])]
    measures += [_alt(_points_measure(series, window), note) for window, note in windows[1:]]
    measures += [_plausible(_points_measure(series, window), note) for window, note in _time_windows(claim, market, series)]
    measures += _unsigned_reading(claim, measures[0])
    band = find_band(_number(claim), claim.hedge_norm, floor=2 * LEVEL_FLOOR)
    return _undecided_window(claim, _judge(claim, "points_change", measures, band, round_figures=True))


# A sign or a direction word in the quote itself says which way the move went.
_SIGNED = re.compile(r"[-+−–]\s*\$?\d|\b(?:up|down|rose|rise|rising|gain|gained|gains|fell|fall|falling|lost|lose|"
                     r"drop|dropped|dropping|declin\w*|slid|slip\w*|climb\w*|jump\w*|surg\w*|plung\w*|tumbl\w*|"
                     r"sank|sink\w*|rall\w*|advanc\w*|retreat\w*|increas\w*|decreas\w*|higher|lower|off)\b", re.IGNORECASE)


def _unsigned_reading(claim: Claim, primary: Measure) -> list[Measure]:
    """A figure printed without a sign or direction word: its magnitude may be the move's."""
    if _SIGNED.search(claim.quote) or primary.actual is None or not primary.actual:
        return []
    return [Measure(f"{primary.label}, as a magnitude (the quote gives no direction)", -primary.actual,
                    f"magnitude reading: {-primary.actual}", primary.rows, if_match="ambiguous")]


def _undecided_window(claim: Claim, finding: Finding) -> Finding:
    """No window and no stated date: a miss of the single-session reading decides nothing."""
    if finding.verdict != "contradicted" or claim.basis is not None or claim.period_start or _pinned(claim):
        return finding
    return finding.model_copy(update={"verdict": "unverifiable", "missing":
                                      "no window and no date stated: the session move misses, and no other reading decides"})


def _alt(measure: Measure, note: str) -> Measure:
    return Measure(f"{measure.label} ({note})", measure.actual, measure.arithmetic, measure.rows, if_match="ambiguous")


def _move_windows(claim: Claim, market: Market, series: PriceSeries) -> list[tuple[Window, str]]:
    """The primary window of a move claim, then the other plausible ones with why."""
    window = _pct_window(claim, market, series)
    calendar = _calendar(market, series)
    others: list[tuple[Window, str]] = []
    single = window.first == window.last and claim.basis in (None, "day")
    if single and not _pinned(claim) and window.base >= series.sessions[0]:
        others.append((find_period_window(calendar, window.base, window.base), "the session before; the date is not stated"))
    if claim.basis is None and claim.period_start is None and not claim.time_readings:
        for finder, name in ((find_week_window, "week to date"), (_month_to_date, "month to date"), (find_ytd_window, "year to date")):
            other = finder(calendar, window.last)
            if other.base != window.base:
                others.append((other, f"{name}: no window stated"))
    return [(window, "")] + others


def _time_windows(claim: Claim, market: Market, series: PriceSeries) -> list[tuple[Window, str]]:
    """The windows of the claim's other time readings (time_readings), where the data has them."""
    calendar, windows = _calendar(market, series), []
    for basis, first, last in _time_readings(claim):
        try:
            end = calendar.session_on_or_before(last)
            if basis == "day":
                window = find_period_window(calendar, end, end)
            elif basis == "ytd":
                window = find_ytd_window(calendar, end)
            elif basis == "since":
                window = _since_window(calendar, first, end)
            else:
                window = find_period_window(calendar, first, end)
        except DataError:
            continue
        windows.append((window, f"the time read as {basis} {first}..{last}"))
    return windows


def _month_to_date(calendar: TradingCalendar, day: date) -> Window:
    return find_month_window(calendar, day.year, day.month, through=day)


def _pct_window(claim: Claim, market: Market, series: PriceSeries) -> Window:
    """The sessions a move claim covers, by basis (see check_pct_change)."""
    end = _session(market, series, claim.period_end or claim.as_of, what="period end or as_of")
    start, calendar = claim.period_start, _calendar(market, series)
    basis = claim.basis or ("period" if start else "day")
    if basis == "day":
        return find_period_window(calendar, end, end)
    if basis == "ytd":
        return find_ytd_window(calendar, end)
    if basis == "since":
        return _since_window(calendar, start, end)
    anchor = start or end
    if basis == "month":
        return find_month_window(calendar, anchor.year, anchor.month, through=end)
    if basis == "quarter":
        first = date(anchor.year, 3 * ((anchor.month - 1) // 3) + 1, 1)
        return find_period_window(calendar, first, min(end, _quarter_end(first)))
    if basis == "year":
        return find_year_window(calendar, anchor.year, through=end)
    if basis == "week" and start is None:
        return find_week_window(calendar, end)
    if start is None:
        raise Unverifiable("the claim has no period start (and no basis such as ytd or month)")
    return find_period_window(calendar, start, end)


def _quarter_end(first: date) -> date:
    month = first.month + 3
    return date(first.year + (month > 12), (month - 1) % 12 + 1, 1) - timedelta(days=1)


def _since_window(calendar: TradingCalendar, start: date | None, end: date) -> Window:
    """"since December 18": the base is the close of that day (or the session before it)."""
    if start is None:
        raise Unverifiable("a change \"since\" needs the day it is measured from (period_start)")
    base = calendar.session_on_or_before(start)
    sessions = calendar.sessions_between(calendar.next_session(base), end) if base < end else ()
    if not sessions:
        raise Unverifiable(f"no session after {base} through {end}")
    return Window(base=base, sessions=sessions)


def _pct_measures(series: PriceSeries, window: Window) -> list[Measure]:
    last = _row(series, window.last, "close")
    bases = [(f"close of {window.last} vs close of {window.base}", window.base, "close"),
             (f"close of {window.last} vs open of {window.first}", window.first, "open")]
    if window.first != window.last:
        bases.append((f"close of {window.last} vs close of {window.first}", window.first, "close"))
    measures = [_pct_measure(label, _row(series, session, field), last)
                for label, session, field in bases if series.row(session, field)]
    if not measures or measures[0].rows[0].session != window.base:
        raise Unverifiable(f"{series.symbol} has no close for {window.base}")
    return measures


def _pct_measure(label: str, base: DataRow, last: DataRow) -> Measure:
    change = (last.value / base.value - 1) * _HUNDRED
    text = f"({last.value} / {base.value} - 1) × 100 = {_f2(change)}% [{label}]"
    return Measure(label, _q(change), text, (base, last))


def _points_measure(series: PriceSeries, window: Window) -> Measure:
    base, last = _row(series, window.base, "close"), _row(series, window.last, "close")
    change = last.value - base.value
    label = f"close of {window.last} vs close of {window.base}"
    return Measure(label, change, f"{last.value} − {base.value} = {change:+.2f} points [{label}]", (base, last))


# ---------------------------------------------------------------- streaks


@dataclass(frozen=True)
class Run:
    """A maximal streak: consecutive winning sessions from start to end."""

    start: date
    end: date
    length: int


@dataclass(frozen=True, eq=False)
class Wins:
    """Per period, whether the subject "won": beat the benchmark's return (relative) or closed up
    (absolute, no benchmark); with direction "down", lagged it or closed down. Sessions are the
    period closes both series have: every session, or the last session of each week/month/year."""

    subject: PriceSeries
    benchmark: PriceSeries | None
    sessions: tuple[date, ...]
    wins: tuple[bool, ...]
    direction: str = "up"
    unit: str = "sessions"

    def position(self, session: date) -> int:
        """Index of a session in the aligned sessions."""
        pos = _bisect_exact(self.sessions, session)
        if pos is None:
            raise Unverifiable(f"no aligned data for {self.names()} on {session}")
        return pos

    def names(self) -> str:
        """The series compared, e.g. \"RUT vs GSPC\"."""
        return self.subject.symbol + (f" vs {self.benchmark.symbol}" if self.benchmark else "")

    def sample_on_or_before(self, day: date) -> date:
        """The last period close on or before day."""
        pos = bisect.bisect_right(self.sessions, day) - 1
        if pos < 0:
            raise Unverifiable(f"no {self.unit} close of {self.names()} on or before {day}")
        return self.sessions[pos]


def _bisect_exact(items: tuple[date, ...], item: date) -> int | None:
    pos = bisect.bisect_left(items, item)
    return pos if pos < len(items) and items[pos] == item else None


@functools.lru_cache(maxsize=32)
def find_wins(subject: PriceSeries, benchmark: PriceSeries | None, direction: str = "up",
              unit: str = "sessions") -> Wins:
    """Win flags over the shared period closes (cached per series pair: history is long)."""
    shared = tuple(d for d in subject.sessions if benchmark is None or benchmark.bar(d) is not None)
    sessions = sample_sessions(shared, unit)
    closes = [(_close(subject, d), _close(benchmark, d) if benchmark else None) for d in sessions]
    wins = [False] + [_won(prev, cur, down=direction == "down") for prev, cur in zip(closes, closes[1:])]
    return Wins(subject, benchmark, sessions, tuple(wins), direction, unit)


def _close(series: PriceSeries, session: date) -> Decimal:
    return series.bars[series.position(session)].close  # type: ignore[index]


def _won(prev: tuple[Decimal, Decimal | None], cur: tuple[Decimal, Decimal | None], *, down: bool) -> bool:
    subject_return = cur[0] / prev[0]
    other = Decimal(1) if cur[1] is None or prev[1] is None else cur[1] / prev[1]
    return subject_return < other if down else subject_return > other


@functools.lru_cache(maxsize=16)
def find_runs(wins: Wins) -> tuple[Run, ...]:
    """Every maximal streak in the history, oldest first."""
    runs, start = [], None
    for pos, won in enumerate(wins.wins + (False,)):
        if won and start is None:
            start = pos
        elif not won and start is not None:
            runs.append(Run(wins.sessions[start], wins.sessions[pos - 1], pos - start))
            start = None
    return tuple(runs)


def find_streak_as_of(wins: Wins, session: date) -> Run:
    """The streak counted backwards from session (length 0 when session was not a win)."""
    end = wins.position(session)
    pos = end
    while pos >= 0 and wins.wins[pos]:
        pos -= 1
    start = wins.sessions[pos + 1] if pos < end else session
    return Run(start, session, end - pos)


_STREAK_UNITS = MappingProxyType({None: "sessions", "sessions": "sessions", "days": "sessions",
                                   "weeks": "weeks", "months": "months", "years": "years"})


def _wins_for(claim: Claim, market: Market, *, unit: str | None = None) -> Wins:
    """The win flags a streak claim counts: subject vs benchmark (or absolute), its direction and unit."""
    subject = _series(market, claim.subject)
    benchmark = _series(market, claim.benchmark) if claim.benchmark else None
    if benchmark is subject:
        raise Unverifiable(f"a streak of {subject.symbol} against itself (benchmark = subject)")
    period = _STREAK_UNITS.get(unit or claim.unit)
    if period is None:
        raise Unverifiable(f"streaks counted in {claim.unit} are not computed")
    return find_wins(subject, benchmark, claim.direction or "up", period)


def _record_streak_unit(claim: Claim) -> str:
    """A record claim's unit is its reference's; the streak's own unit is in its words."""
    quote = claim.quote.lower()
    if re.search(r"\bweekly\b|\bweeks\b", quote):
        return "weeks"
    return "months" if re.search(r"\bmonthly\b|\bmonths\b", quote) else "sessions"


def _streak_end(claim: Claim, market: Market, wins: Wins) -> date:
    """The last period close of the streak: the as_of session, or the period close on or before it."""
    session = _session(market, wins.subject, claim.as_of)
    return session if wins.unit == "sessions" else wins.sample_on_or_before(session)


@functools.lru_cache(maxsize=1024)  # the same streaks are cited by claim after claim
def _streak_rows(wins: Wins, run: Run) -> tuple[DataRow, ...]:
    """Closes from the session before the streak through its end (and the next session)."""
    first = max(wins.position(run.start) - 1, 0)
    last = min(wins.position(run.end) + 1, len(wins.sessions) - 1)
    series = [wins.subject] + ([wins.benchmark] if wins.benchmark else [])
    return tuple(s.row(d, "close") for d in wins.sessions[first:last + 1] for s in series)  # type: ignore[misc]


def _daily_text(wins: Wins, session: date) -> str:
    pos = wins.position(session)
    if pos == 0:
        return f"{session} starts the data"
    prev = wins.sessions[pos - 1]
    parts = [f"{s.symbol} {_f2(_change(s, prev, session))}%" for s in (wins.subject, wins.benchmark) if s]
    return f"{session}: " + " vs ".join(parts)


def _change(series: PriceSeries, base: date, last: date) -> Decimal:
    return (_close(series, last) / _close(series, base) - 1) * _HUNDRED


def _describe(wins: Wins, run: Run) -> str:
    down = wins.direction == "down"
    if wins.benchmark:
        what = f"{wins.subject.symbol} {'lagged' if down else 'beat'} {wins.benchmark.symbol}"
    else:
        what = f"{wins.subject.symbol} closed {'down' if down else 'up'}"
    if run.length == 0:
        return f"{what}: not on {run.end} ({_daily_text(wins, run.end)})"
    pos = wins.position(run.start)
    before = _daily_text(wins, wins.sessions[pos - 1]) if pos > 0 else "data start"
    periods = "sessions" if wins.unit == "sessions" else f"{wins.unit} (by their last close)"
    return f"{what} on {run.length} consecutive {periods} {run.start}..{run.end} (not before: {before})"


@_guarded("streak_length")
def check_streak_length(claim: Claim, market: Market) -> Finding:
    """Streak length as of a session; days and sessions both count sessions, weeks/months/years
    count period closes; direction down counts losses (or lagging the benchmark)."""
    wins = _wins_for(claim, market)
    session = _streak_end(claim, market, wins)
    run = find_streak_as_of(wins, session)
    measures = [Measure(f"{_streak_name(wins)} as of {session} (started {run.start})", Decimal(run.length),
                        _describe(wins, run), _streak_rows(wins, run))]
    for basis, _, last in _time_readings(claim):
        try:
            other = find_streak_as_of(wins, wins.sample_on_or_before(last))
        except DataError:
            continue
        measures.append(Measure(f"streak as of {other.end} (the date read as {basis} {last})", Decimal(other.length),
                                _describe(wins, other), _streak_rows(wins, other), if_match="ambiguous", plausible=True))
    finding = _judge(claim, "streak_length", measures, find_band(_number(claim), claim.hedge_norm))
    readings = _start_readings(claim, run, supported=finding.verdict == "supported")
    return finding.model_copy(update={"readings": readings + finding.readings[1:]})


def _streak_name(wins: Wins) -> str:
    what = "losing" if wins.direction == "down" else "winning"
    versus = f" vs {wins.benchmark.symbol}" if wins.benchmark else ""
    return f"{wins.subject.symbol}{versus} {what} streak in {wins.unit}"


def _start_readings(claim: Claim, run: Run, *, supported: bool) -> tuple[Reading, ...]:
    """The implied start session, and whether a stated start agrees with it."""
    label = f"{run.length} sessions, implied start session {run.start}"
    readings = [Reading(label=label, actual=Decimal(run.length), matches=supported)]
    if claim.period_start is not None:
        readings.append(Reading(label=f"stated start {claim.period_start} vs implied {run.start}",
                                actual=None, matches=claim.period_start == run.start))
    return tuple(readings)


# ---------------------------------------------------------------- streak records


@dataclass(frozen=True)
class RecordContext:
    """The streak a record claim qualifies and the history before it."""

    wins: Wins
    current: Run
    earlier: tuple[Run, ...]

    def latest_at_least(self, length: int) -> Run | None:
        """The most recent earlier streak at least `length` long."""
        return next((run for run in reversed(self.earlier) if run.length >= length), None)

    def longest(self, runs: Iterable[Run] | None = None) -> Run | None:
        """The longest (earliest on ties) of runs, default every earlier streak."""
        if runs is None:
            return _longest_before(self.wins, self.current.start)
        return _longest(list(runs))


def _longest(runs: list[Run]) -> Run | None:
    return max(runs, key=lambda run: (run.length, -run.end.toordinal())) if runs else None


@functools.lru_cache(maxsize=256)
def _longest_before(wins: Wins, start: date) -> Run | None:
    """The longest streak that ended before start (cached like _runs_before: many claims, few streaks)."""
    return _longest(list(_runs_before(wins, start)))


@_guarded("streak_record")
def check_streak_record(claim: Claim, market: Market) -> Finding:
    """"longest since May 1996", "ties a record set in summer 2008" … against the full history.

    L is the actual streak length as of claim.as_of (not the length the article states).
    - longest_since / strongest_since / ties_not_since: supported when the most recent earlier
      streak of length ≥ L overlaps the reference period (period_start..period_end);
    - not_seen_in / first_in_n_years (value N, unit "years"): no earlier streak ≥ L ended in
      the N years before as_of;
    - ties_longest_in (N years): the longest streak ending in those N years has length L;
    - ties_record: the longest streak overlapping the reference period has length L and is the
      longest of all earlier streaks; record: L beats every earlier streak;
    - since / first_since: as longest_since; in_years / longest_in (N years): as not_seen_in, with the
      years since the last streak that long rounded ("in three decades" for 29.7 years);
    - compared_to and unknown relations: unverifiable (nothing checkable is asserted).
    A metric other than "streak" (day_move, week_move, close_level, record_close, …) compares
    moves or levels instead of streaks: see check_history_record.
    """
    if claim.relation in _LEVEL_RELATIONS and claim.metric in (None, "streak"):
        metric, direction = _LEVEL_RELATIONS[claim.relation]
        claim = claim.model_copy(update={"metric": metric, "direction": claim.direction or direction, "relation": "since"})
    if is_fed_funds(claim.subject):
        return _check_rate_record(claim, market)
    if claim.metric not in (None, "streak"):
        return check_history_record(claim, market)
    handler = _RECORD_RELATIONS.get(claim.relation or "")
    if handler is None:
        raise Unverifiable(f"relation {claim.relation!r} asserts nothing checkable against data")
    return handler(claim, _record_context(claim, market))


def _record_context(claim: Claim, market: Market) -> RecordContext:
    wins = _wins_for(claim, market, unit=_record_streak_unit(claim))
    session = _streak_end(claim, market, wins)
    current = find_streak_as_of(wins, session)
    if current.length == 0:
        raise Unverifiable(f"there is no streak as of {session} to qualify ({_describe(wins, current)})")
    return RecordContext(wins, current, _runs_before(wins, current.start))


@functools.lru_cache(maxsize=256)
def _runs_before(wins: Wins, start: date) -> tuple[Run, ...]:
    """Every streak that ended before start (cached: the history is long, the as-of sessions few)."""
    return tuple(run for run in find_runs(wins) if run.end < start)


def _record_finding(claim: Claim, ctx: RecordContext, *, supported: bool, actual: Decimal | None,
                    cited: Iterable[Run | None], arithmetic: str, readings: tuple[Reading, ...] = (),
                    comparable: bool = False, verdict: Verdict | None = None) -> Finding:
    """comparable: actual is in the claim's own unit (a year, a number of years)."""
    runs = [ctx.current, *[run for run in cited if run is not None]]
    value = claim.value if isinstance(claim.value, Decimal) else None
    difference = actual - value if comparable and actual is not None and value is not None else None
    readings = readings or (Reading(label=arithmetic, actual=actual, matches=supported),)
    return Finding(
        claim_id=claim.id, check="streak_record", verdict=verdict or ("supported" if supported else "contradicted"),
        actual=actual, difference=difference, tolerance="exact (streak lengths and dates)",
        arithmetic=f"{_describe(ctx.wins, ctx.current)}; {arithmetic}",
        rows=_dedupe(row for run in runs for row in _streak_rows(ctx.wins, run)), readings=readings)


def _reference(claim: Claim, ctx: RecordContext) -> tuple[date, date]:
    return _reference_period(claim, ctx.wins.sessions[0], ctx.wins.names())


def _reference_period(claim: Claim, history_start: date, names: str) -> tuple[date, date]:
    """The reference period of a record claim: period_start..period_end, or the year in value."""
    start, end = claim.period_start, claim.period_end
    if (start is None or end is None) and claim.unit == "year" and isinstance(claim.value, Decimal):
        start, end = date(int(claim.value), 1, 1), date(int(claim.value), 12, 31)
    if start is None or end is None:
        raise Unverifiable("the claim has no reference period (period_start/period_end)")
    if end < history_start:
        raise Unverifiable(f"{names} history starts {history_start}, after {claim.reference or end}")
    return start, end


def _overlaps(run: Run, start: date, end: date) -> bool:
    return run.start <= end and run.end >= start


def _run_text(run: Run | None) -> str:
    return "none" if run is None else f"{run.length} sessions {run.start}..{run.end}"


def _check_since(claim: Claim, ctx: RecordContext) -> Finding:
    start, end = _reference(claim, ctx)
    latest = ctx.latest_at_least(ctx.current.length)
    supported = latest is not None and _overlaps(latest, start, end)
    text = (f"most recent earlier streak ≥ {ctx.current.length}: {_run_text(latest)}; "
            f"reference {claim.reference or ''} = {start}..{end}")
    actual = Decimal(latest.end.year) if latest else None
    readings = (Reading(label=text, actual=actual, matches=supported),)
    longer = None if supported else ctx.latest_at_least(ctx.current.length + 1)
    if longer is not None and _overlaps(longer, start, end):  # "longest since": the last longer one, a second reading
        readings += (Reading(label=f"most recent earlier streak longer than {ctx.current.length}: {_run_text(longer)}",
                             actual=Decimal(longer.end.year), matches=True),)
    return _record_finding(claim, ctx, supported=supported, actual=actual, cited=[latest, longer], arithmetic=text,
                           comparable=claim.unit == "year", readings=readings,
                           verdict="ambiguous" if len(readings) > 1 else None)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _cutoff(claim: Claim, ctx: RecordContext) -> date:
    if claim.unit != "years" or not isinstance(claim.value, Decimal):
        raise Unverifiable("the claim has no number of years")
    return _years_before(ctx.current.end, int(claim.value))


def _check_not_seen_in(claim: Claim, ctx: RecordContext) -> Finding:
    if claim.unit == "year":
        return _check_since(claim, ctx)
    cutoff = _cutoff(claim, ctx)
    latest = ctx.latest_at_least(ctx.current.length)
    if latest is None and cutoff < ctx.wins.sessions[0]:
        raise Unverifiable(f"history starts {ctx.wins.sessions[0]}, after {cutoff}")
    supported = latest is None or latest.end < cutoff
    years = Decimal((ctx.current.end - latest.end).days // 365) if latest else None
    text = f"most recent earlier streak ≥ {ctx.current.length}: {_run_text(latest)}; window starts {cutoff}"
    return _record_finding(claim, ctx, supported=supported, actual=years, cited=[latest], arithmetic=text,
                           comparable=True)


def _check_in_years(claim: Claim, ctx: RecordContext) -> Finding:
    """"the longest streak in three decades": the last streak as long ended N years ago or more (rounded)."""
    if claim.unit != "years" or not isinstance(claim.value, Decimal):
        return _check_since(claim, ctx)
    latest = ctx.latest_at_least(ctx.current.length)
    if latest is None and _cutoff(claim, ctx) < ctx.wins.sessions[0]:
        raise Unverifiable(f"history starts {ctx.wins.sessions[0]}, after {_cutoff(claim, ctx)}")
    years = None if latest is None else _years_between(latest.end, ctx.current.end)
    supported = years is None or years.quantize(Decimal(1), rounding=ROUND_HALF_UP) >= claim.value
    text = f"most recent earlier streak ≥ {ctx.current.length}: {_run_text(latest)}, {years} years before"
    return _record_finding(claim, ctx, supported=supported, actual=years, cited=[latest], arithmetic=text,
                           comparable=True)


def _years_between(first: date, last: date) -> Decimal:
    return (Decimal((last - first).days) / Decimal("365.25")).quantize(Decimal("0.01"))


def _check_ties_longest_in(claim: Claim, ctx: RecordContext) -> Finding:
    cutoff = _cutoff(claim, ctx)
    best = ctx.longest(run for run in ctx.earlier if run.end >= cutoff)
    longer = best is not None and best.length > ctx.current.length
    if not longer and cutoff < ctx.wins.sessions[0]:
        raise Unverifiable(f"history starts {ctx.wins.sessions[0]}, after {cutoff}")
    supported = best is not None and best.length == ctx.current.length
    text = f"longest earlier streak ending since {cutoff}: {_run_text(best)}"
    actual = Decimal(best.length) if best else None
    return _record_finding(claim, ctx, supported=supported, actual=actual, cited=[best], arithmetic=text)


def _check_ties_record(claim: Claim, ctx: RecordContext) -> Finding:
    start, end = _reference(claim, ctx)
    in_reference = ctx.longest(run for run in ctx.earlier if _overlaps(run, start, end))
    record = ctx.longest()
    length = ctx.current.length
    readings = (
        Reading(label=f"longest streak in {claim.reference or f'{start}..{end}'}: {_run_text(in_reference)}",
                actual=Decimal(in_reference.length) if in_reference else None,
                matches=in_reference is not None and in_reference.length == length),
        Reading(label=f"record before this streak: {_run_text(record)}",
                actual=Decimal(record.length) if record else None,
                matches=record is not None and record.length == length),
    )
    text = f"record before: {_run_text(record)}; in reference: {_run_text(in_reference)}"
    return _record_finding(claim, ctx, supported=all(r.matches for r in readings),
                           actual=readings[0].actual, cited=[in_reference, record], arithmetic=text, readings=readings)


def _check_record(claim: Claim, ctx: RecordContext) -> Finding:
    record = ctx.longest()
    supported = record is None or ctx.current.length > record.length
    text = f"longest earlier streak since {ctx.wins.sessions[0]}: {_run_text(record)}"
    return _record_finding(claim, ctx, supported=supported, actual=Decimal(ctx.current.length),
                           cited=[record], arithmetic=text)


# "highest close since March": a level compared, not a streak.
_LEVEL_RELATIONS = MappingProxyType({"highest_since": ("close_level", "up"), "lowest_since": ("close_level", "down")})

_RECORD_RELATIONS: Mapping[str, Callable[[Claim, RecordContext], Finding]] = MappingProxyType({
    "longest_since": _check_since,
    "strongest_since": _check_since,
    "ties_not_since": _check_since,
    "not_seen_since": _check_since,
    "since": _check_since,
    "first_since": _check_since,
    "in_years": _check_in_years,
    "longest_in": _check_in_years,
    "not_seen_in": _check_not_seen_in,
    "first_in_n_years": _check_not_seen_in,
    "ties_longest_in": _check_ties_longest_in,
    "ties_record": _check_ties_record,
    "record": _check_record,
})


# ---------------------------------------------------------------- move and level records


@dataclass(frozen=True)
class Mark:
    """One value a record claim compares: a period move (%), a close, a YTD start, a record close."""

    end: date
    value: Decimal
    base: date | None = None

    def text(self, symbol: str, metric: str) -> str:
        """How the value reads in an arithmetic line."""
        if metric in ("close_level", "record_close"):
            return f"{symbol} close {self.end} {self.value}"
        return f"{symbol} {_f2(self.value)}% {self.base}→{self.end}"


@dataclass(frozen=True)
class History:
    """The current mark, the earlier marks newest first, and which earlier ones count as "as large"."""

    series: PriceSeries
    metric: str
    up: bool
    current: Mark
    earlier: tuple[Mark, ...]

    def last_at_least(self, *, any_size: bool = False) -> Mark | None:
        """The most recent earlier mark at least as large (any_size: any in the same direction)."""
        for mark in self.earlier:
            if self.metric == "record_close" or (any_size and (mark.value > 0) == self.up):
                return mark
            if not any_size and (mark.value >= self.current.value if self.up else mark.value <= self.current.value):
                return mark
        return None

    def rows(self, marks: Iterable[Mark | None]) -> tuple[DataRow, ...]:
        """The closes behind the current mark and the cited ones."""
        days = [d for m in (self.current, *marks) if m is not None for d in (m.base, m.end) if d is not None]
        return tuple(r for r in (self.series.row(d, "close") for d in days) if r is not None)


@_guarded("streak_record")
def check_history_record(claim: Claim, market: Market) -> Finding:
    """"best day since 2008", "highest close since March", "first record since December", "best start
    to a year since 2006": the last earlier mark at least as large (same direction) against the
    reference period (see _HISTORY_RELATIONS).

    metric: day_move / week_move / month_move / year_move (the close-to-close % move of the period
    holding as_of, through as_of), close_level (the close of as_of), start_of_year (the YTD change
    after as many sessions as as_of is into its year), record_close (as_of is a close above every
    earlier close; the earlier marks are the earlier record closes). direction up = best/highest,
    down = worst/lowest (default: the sign of the current move).
    """
    handler = _HISTORY_RELATIONS.get(claim.relation or "")
    if handler is None:
        raise Unverifiable(f"relation {claim.relation!r} asserts nothing checkable against data")
    try:
        history = _history(claim, market)
    except _NotARecord as exc:
        return Finding(claim_id=claim.id, check="streak_record", verdict="contradicted", arithmetic=str(exc),
                       tolerance="exact (a close above every earlier close)",
                       readings=(Reading(label=str(exc), actual=None, matches=False),))
    return handler(claim, history)


def _history(claim: Claim, market: Market) -> History:
    series = _series(market, claim.subject)
    session = _session(market, series, claim.as_of)
    metric = claim.metric or ""
    if metric in MOVE_UNITS:
        named = metric == "month_move" and _MONTHS[session.month - 1] in claim.quote.lower()
        current, earlier = _move_marks(series, session, MOVE_UNITS[metric], same_month=named)
    elif metric == "close_level":
        current, earlier = _close_marks(series, session)
    elif metric == "start_of_year":
        current, earlier = _start_marks(series, session)
    elif metric == "record_close":
        current, earlier = _record_marks(series, session)
    else:
        raise Unverifiable(f"no data check for records of metric {metric!r}")
    up = claim.direction != "down" if claim.direction else (current.value >= 0 or metric == "close_level")
    if metric in MOVE_UNITS or metric == "start_of_year":
        if current.value and (current.value > 0) != up:
            raise Unverifiable(f"the move of {session} went the other way ({_f2(current.value)}%): "
                               "the claim's session is likely misdated")
    return History(series, metric, up, current, earlier)


def _move_marks(series: PriceSeries, session: date, unit: str, *, same_month: bool = False) -> tuple[Mark, tuple[Mark, ...]]:
    """same_month: "the best January since 2023" compares Januaries only."""
    move = find_current_move(series, session, unit)
    if move is None:
        raise Unverifiable(f"{series.symbol} has no close before the {unit} period of {session}")
    earlier = tuple(Mark(m.end, m.pct, m.base) for m in reversed(find_moves_before(series, move, unit))
                    if not same_month or m.end.month == session.month)
    return Mark(move.end, move.pct, move.base), earlier


def _close_marks(series: PriceSeries, session: date) -> tuple[Mark, tuple[Mark, ...]]:
    pos = series.position(session) or 0
    return (Mark(session, series.bars[pos].close),
            tuple(Mark(bar.session, bar.close) for bar in reversed(series.bars[:pos])))


def _start_marks(series: PriceSeries, session: date) -> tuple[Mark, tuple[Mark, ...]]:
    count = sum(1 for d in series.sessions if d.year == session.year and d <= session)
    current = find_ytd_after(series, session.year, count)
    if current is None:
        raise Unverifiable(f"{series.symbol} has no close before {session.year}")
    starts = (find_ytd_after(series, year, count) for year in range(session.year - 1, series.sessions[0].year - 1, -1))
    return (Mark(current.end, current.pct, current.base),
            tuple(Mark(m.end, m.pct, m.base) for m in starts if m is not None))


def _record_marks(series: PriceSeries, session: date) -> tuple[Mark, tuple[Mark, ...]]:
    if not is_record(series, session, "close"):
        earlier = find_earlier_max(series, session, "close")
        raise _NotARecord(f"the close of {session} is not above every earlier close"
                          + (f" (record before: {earlier[1]} on {earlier[0]})" if earlier else ""))
    records = find_record_sessions(series, series.sessions[0], session)
    close = series.bar(session).close  # type: ignore[union-attr]
    return Mark(session, close), tuple(Mark(d, series.bar(d).close) for d in reversed(records[:-1]))  # type: ignore[union-attr]


class _NotARecord(Unverifiable):
    """The session a record claim names is not a record close (checked by the caller: contradicted)."""


def _history_finding(claim: Claim, history: History, *, verdict: Verdict, cited: Mark | None,
                     text: str, actual: Decimal | None) -> Finding:
    symbol, metric = history.series.symbol, history.metric
    current = history.current.text(symbol, metric)
    found = cited.text(symbol, metric) if cited else "none"
    readings = (Reading(label=f"{metric} {current}; last earlier {'as high' if history.up else 'as low'}: {found}",
                        actual=actual, matches=verdict == "supported"),)
    return Finding(claim_id=claim.id, check="streak_record", verdict=verdict, actual=actual,
                   tolerance="exact (the last earlier value at least as large)",
                   arithmetic=f"{metric} {current}; {text}", rows=_dedupe(history.rows([cited])), readings=readings)


def _mark_actual(claim: Claim, mark: Mark | None) -> Decimal | None:
    if mark is None:
        return None
    return Decimal(mark.end.year) if claim.unit == "year" else mark.value


def _check_history_since(claim: Claim, history: History) -> Finding:
    """The last earlier mark at least as large ended within the reference period."""
    start, end = _reference_period(claim, history.series.sessions[0], history.series.symbol)
    last = history.last_at_least(any_size=claim.relation == "first_since")
    if last is None and start < history.series.sessions[0]:
        raise Unverifiable(f"{history.series.symbol} history starts {history.series.sessions[0]}, after {start}")
    ok = last is not None and start <= last.end <= end
    where = "none" if last is None else "within" if ok else "after" if last.end > end else "before"
    text = f"reference {claim.reference or ''} = {start}..{end}; the last earlier one is {where} it"
    return _history_finding(claim, history, verdict="supported" if ok else "contradicted", cited=last,
                            text=text, actual=_mark_actual(claim, last))


def _check_history_in_years(claim: Claim, history: History) -> Finding:
    """"the best week in three years": the last as large ended N years ago or more (rounded)."""
    if claim.unit != "years" or not isinstance(claim.value, Decimal):
        return _check_history_since(claim, history)
    last = history.last_at_least()
    cutoff = _years_before(history.current.end, int(claim.value))
    if last is None and cutoff < history.series.sessions[0]:
        raise Unverifiable(f"{history.series.symbol} history starts {history.series.sessions[0]}, after {cutoff}")
    years = None if last is None else _years_between(last.end, history.current.end)
    if claim.relation in ("in_years", "longest_in"):
        ok = years is None or years.quantize(Decimal(1), rounding=ROUND_HALF_UP) >= claim.value
    else:
        ok = last is None or last.end < cutoff
    return _history_finding(claim, history, verdict="supported" if ok else "contradicted", cited=last,
                            text=f"{years} years before; window starts {cutoff}", actual=years)


def _check_history_record(claim: Claim, history: History) -> Finding:
    """A record: nothing earlier at least as large (record_close: the close beats every earlier one)."""
    if history.metric == "record_close":
        if claim.unit == "count" and isinstance(claim.value, Decimal):  # "the Nth record close of the year"
            day = history.current.end
            count = len(find_record_sessions(history.series, date(day.year, 1, 1), day))
            return _history_finding(claim, history, verdict="supported" if count == claim.value else "contradicted",
                                    cited=None, text=f"record closes {day.year}-01-01..{day}: {count}",
                                    actual=Decimal(count))
        return _history_finding(claim, history, verdict="supported", cited=next(iter(history.earlier), None),
                                text="a close above every earlier close", actual=history.current.value)
    # "the worst day of the year": a record within the stated period, else in the whole history
    start = claim.period_start or history.series.sessions[0]
    last = history.last_at_least()
    last = last if last is not None and last.end >= start else None
    text = f"since {start}"
    return _history_finding(claim, history, verdict="supported" if last is None else "contradicted", cited=last,
                            text=text, actual=history.current.value)


_HISTORY_RELATIONS: Mapping[str, Callable[[Claim, History], Finding]] = MappingProxyType({
    "longest_since": _check_history_since,
    "strongest_since": _check_history_since,
    "since": _check_history_since,
    "not_seen_since": _check_history_since,
    "first_since": _check_history_since,
    "in_years": _check_history_in_years,
    "longest_in": _check_history_in_years,
    "not_seen_in": _check_history_in_years,
    "first_in_n_years": _check_history_in_years,
    "record": _check_history_record,
})


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


# ---------------------------------------------------------------- rates


@_guarded("rate")
def check_rate(claim: Claim, market: Market) -> Finding:
    """Fed funds target range (or pre-2008 single target) on a date; counts and sizes of moves.

    FRED's series change on the effective date, the day after an announcement: a claim dated
    on an announcement day is read on the next day, with the day itself as a second reading.
    """
    if not is_fed_funds(claim.subject):
        raise Unverifiable(f"no rate series for subject {claim.subject!r} (only the Fed funds rate)")
    if claim.unit == "count":
        return _check_rate_moves(claim, market)
    if claim.metric == "move_size":
        return _check_move_size(claim, market)
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
    latest = _rate_series(market, "upper").latest()
    return latest[0], f"no as_of date in the claim: latest available {latest[0]}"  # type: ignore[index]


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


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")


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
    """"the first rate cut since 2020": the previous move the same way took effect in the reference period."""
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


# ---------------------------------------------------------------- dispatch

_NO_DATA = MappingProxyType({
    "valuation_multiple": "no valuation (earnings multiple) data",
    "earnings_growth": "no earnings or forecast data",
    "ticker": "ticker claims are checked against the reference lists, not price data",
    "other_numeric": "no data series for this figure",
})

_CHECKS = MappingProxyType({
    "index_level": check_index_level,
    "pct_change": check_pct_change,
    "points_change": check_points_change,
    "streak_length": check_streak_length,
    "streak_record": check_streak_record,
    "spread": check_spread,
    "rate": check_rate,
    "count": check_count,
})
