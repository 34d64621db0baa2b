"""Index levels: the close (or the stated field) on a session, intraday figures, records and first-above levels."""

from __future__ import annotations

import bisect
import re
from datetime import date
from decimal import Decimal

from extractor.errors import DataError
from extractor.models import Claim, Finding, Reading, Verdict
from extractor.patterns import INTRADAY
from extractor.prices import Market, PriceSeries
from extractor.tolerance import LEVEL_FLOOR, Band, find_band
from extractor.verify.common import (
    _RANK, Measure, Unverifiable, _bar, _calendar, _dedupe, _guarded, _judge, _number, _undated, _plausible,
    _row, _series, _session, _time_readings,
)
from extractor.verify.history import find_earlier_max, find_record_sessions


# ---------------------------------------------------------------- index levels

_FIELDS = ("close", "high", "low", "open")
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
    if claim.metric == "forecast":
        raise Unverifiable("a forecast or target: the data records the levels reached, not those expected")
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


Record = tuple[tuple[Reading, ...], Verdict]  # the record readings (deciding one first) and their verdict


def _dated_record(claim: Claim, series: PriceSeries, session: date) -> Record | None:
    """The record reading; when the date is not stated, a record the session before is ambiguous."""
    record = _record_measure(claim, series, session)
    pos = series.position(session) or 0
    if record is None or record[1] != "contradicted" or not _undated(claim) or pos < 2:
        return record
    before = _record_measure(claim, series, series.sessions[pos - 1])
    if before is None or before[1] == "contradicted":
        return record
    earlier = tuple(r.model_copy(update={"label": f"{r.label} (the session before; the date is not stated)"}) for r in before[0])
    return earlier + record[0], "supported" if before[1] == "supported" else "ambiguous"


def _record_only(claim: Claim, series: PriceSeries, session: date, record: Record) -> Finding:
    readings, verdict = record
    rows = tuple(r for r in (series.row(session, "close"), series.row(session, "high")) if r is not None)
    return Finding(claim_id=claim.id, check="index_level", verdict=verdict, actual=readings[0].actual,
                   tolerance="exact (above every earlier value)", arithmetic="; ".join(r.label for r in readings), rows=rows,
                   readings=readings)


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
    if _undated(claim) and stated == "close":
        measures += _previous_close(market, series, session)
    measures += _level_time_readings(claim, market, series, stated)
    at = claim.sentence.find(claim.quote)
    if stated == "high" and _RECORD_HIGH.search(claim.sentence[max(0, at - 16):at + len(claim.quote)] if at >= 0 else claim.quote):
        # "topped its prior high of 4,800.10": a record high in the news is usually the record close
        measures = [measures[0]] + [_plausible(m, "a record 'high' read as the closing high") if m.label.startswith("close ")
                                    else m for m in measures[1:]]
    # A stated field that is wrong is wrong even if another field matches; unspecified is not.
    on_alternative: Verdict = "contradicted" if claim.field in _FIELDS else "supported"
    band = find_band(_number(claim), claim.hedge_norm, floor=LEVEL_FLOOR)
    finding = _judge(claim, "index_level", measures, band, on_alternative=on_alternative, round_figures=True)
    if finding.verdict == "contradicted" and _intraday(claim):
        return _inside_range(claim, series, session, band, finding)
    return finding


def _intraday(claim: Claim) -> bool:
    """A session extreme, a figure marked intraday by the extractor (metric), or one its sentence places intraday."""
    return claim.field in ("high", "low") or claim.metric == "intraday" or bool(INTRADAY.search(claim.sentence))


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
                    measure.arithmetic, measure.rows, if_match="ambiguous", plausible=True)]


def _level_measure(series: PriceSeries, session: date, field: str) -> Measure:
    row = _row(series, session, field)
    return Measure(f"{field} of {session}", row.value, f"{series.symbol} {field} {session} = {row.value}", (row,))


def _check_threshold(claim: Claim, series: PriceSeries, session: date) -> Finding:
    """"above 2,650" / "crossing the 2,600 mark": the close or the intraday extreme crossed."""
    value = _number(claim)
    below = claim.hedge_norm == "max"
    extreme = "low" if below else "high"
    if claim.within_period:
        # "climbed past 4,700 in 2021": the highest close (or high) of the period
        measures = [m for name in ("close", extreme) if (m := _period_extreme(series, claim.period_start, claim.period_end, name, below))]
    else:
        measures = [_level_measure(series, session, name) for name in ("close", extreme)
                    if series.row(session, name)]
    if not measures:
        raise Unverifiable(f"{series.symbol} has no rows for {claim.period_start}..{claim.period_end}")
    band = Band(None, value, f"at most {value}") if below else Band(value, None, f"at least {value}")
    # only the session's extreme past the level: the claim holds if it speaks of the session ("topped 7,000 in
    # early trading"), is ambiguous if it may speak of the close ("surpassed 6,970, a 0.7% gain")
    on_alternative = "supported" if _intraday(claim) else "ambiguous"
    return _judge(claim, "index_level", measures, band, on_alternative=on_alternative)


def _period_extreme(series: PriceSeries, first: date, last: date, name: str, lowest: bool) -> Measure | None:
    lo, hi = bisect.bisect_left(series.sessions, first), bisect.bisect_right(series.sessions, last)
    rows = [r for day in series.sessions[lo:hi] if (r := series.row(day, name)) is not None]
    if not rows:
        return None
    row = (min if lowest else max)(rows, key=lambda r: r.value)
    word = "lowest" if lowest else "highest"
    return Measure(f"{word} {name} {first}..{last}: {row.session}", row.value,
                   f"{series.symbol} {word} {name} {first}..{last} = {row.value} on {row.session}", (row,))


def _record_measure(claim: Claim, series: PriceSeries, session: date) -> Record | None:
    """The record a level is said to be: one reading and its verdict (None when none is claimed).

    record_close / all_time_high: the close beats every earlier close (the high as a second
    reading: ambiguous when only it does); record_high (or field high): the high beats every
    earlier high, the close as the second reading; nth_record:N: the Nth record close of the year.
    """
    record = claim.record or ""
    if record.startswith("nth_record:"):
        reading = _nth_record_reading(series, session, record.split(":", 1)[1])
        return (reading,), "supported" if reading.matches else "contradicted"
    if record not in _RECORD_LEVELS:
        return None
    high_first = (record == "record_high" and claim.field != "close") or claim.field == "high"
    primary, alternative = (_record_reading(series, session, name) for name in (("high", "close") if high_first else ("close", "high")))
    if primary.matches:
        return (primary,), "supported"
    if alternative.matches:
        # "hit a fresh all-time high" with no closing word: the session's high being a record says it
        intraday = not high_first and not _CLOSING.search(claim.sentence)
        return (primary, alternative), "supported" if intraday else "ambiguous"
    return (primary,), "contradicted"


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


def _with_record(finding: Finding, record: Record) -> Finding:
    """A level finding with its record readings: the worse of the two verdicts wins."""
    readings, verdict = record
    worse = min((finding.verdict, verdict), key=lambda v: _RANK[v])
    return finding.model_copy(update={"verdict": worse, "readings": finding.readings + readings,
                                      "arithmetic": "; ".join([finding.arithmetic, *(r.label for r in readings)])})


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
    # "reached 7,000 for the first time" without a closing word: the session's high passing it says as much
    either = stated == "close" and not _CLOSING.search(claim.sentence)
    verdict: Verdict = "supported" if readings[0].matches or either and any(r.matches for r in readings) else \
        "ambiguous" if any(r.matches for r in readings) else "contradicted"
    return Finding(claim_id=claim.id, check="index_level", verdict=verdict, actual=measures[0].actual,
                   tolerance="exact (the first session past the level" + (", by its close or its high)" if either else ")"),
                   readings=readings,
                   arithmetic="; ".join(m.arithmetic for m in measures), rows=_dedupe(r for m in measures for r in m.rows))


_RECORD_HIGH = re.compile(r"\b(?:previous|prior|record|all-time|closing|former)\s+high\b", re.IGNORECASE)
_CLOSING = re.compile(r"\b(?:clos(?:e|ed|es|ing)|finish(?:ed|es|ing)?|settl(?:e|ed|es|ing)|end(?:ed|ing)?)\b", re.IGNORECASE)


def _first_above_measure(series: PriceSeries, level: Decimal, field: str) -> Measure:
    first = next((bar for bar in series.bars if (bar.get(field) or Decimal(0)) > level), None)
    if first is None:
        return Measure(f"first {field} above {level}: none", None, f"{series.symbol} never had a {field} above {level}")
    row = _row(series, first.session, field)
    return Measure(f"first {field} above {level}: {first.session}", row.value,
                   f"{series.symbol} first {field} above {level}: {first.session} ({row.value})", (row,))
