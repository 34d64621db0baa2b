"""Moves: % and points changes over a window chosen by basis (day, week, month, quarter, year, ytd, since, period)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from extractor.calendar import (
    TradingCalendar, Window, find_month_window, find_period_window, find_week_window, find_year_window,
    find_ytd_window,
)
from extractor.errors import DataError
from extractor.models import Claim, DataRow, Finding, Reading
from extractor.patterns import INTRADAY
from extractor.prices import Market, PriceSeries
from extractor.tolerance import LEVEL_FLOOR, Band, find_band, find_pct_floor
from extractor.verify.common import (
    _judge_sign,
    _HUNDRED, Measure, Unverifiable, _calendar, _dedupe, _f2, _guarded, _judge, _number, _pinned, _undated, _plausible, _q, _row,
    _series, _session, _time_readings,
)


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
    if claim.metric == "forecast":
        raise Unverifiable("a forecast or target: the data records the moves made, not those expected")
    if claim.metric == "across":
        return _check_range_across(claim, market)
    series = _series(market, claim.subject)
    windows = _move_windows(claim, market, series)
    measures = _pct_measures(series, windows[0][0])
    if claim.value is None and claim.direction:
        own_time = [_alt(_pct_measures(series, window)[0], note, timed) for window, note, timed in windows[1:] if timed]
        return _judge_sign(claim, "pct_change", measures[:1] + own_time)
    measures += [_alt(_pct_measures(series, window)[0], note, timed) for window, note, timed in windows[1:]]
    measures += [_plausible(_pct_measures(series, window)[0], note) for window, note in _time_windows(claim, market, series)]
    measures += _unsigned_reading(claim, measures[0])
    base, last = measures[0].rows[0].value, measures[0].rows[1].value
    band = find_band(_number(claim), claim.hedge_norm, floor=find_pct_floor(base, last))
    finding = _judge(claim, "pct_change", measures, band)
    return _undecided_window(claim, _intraday_move(claim, series, windows[0][0], band, finding, pct=True))


_MAJOR = ("Dow Jones Industrial Average", "S&P 500", "Nasdaq Composite")
_FALLS = re.compile(r"\b(?:drops?|declines?|loss(?:es)?|falls?|fell|slid|slumps?|plunges?|sank|tumbled?|sell-?off)\b", re.IGNORECASE)


def _check_range_across(claim: Claim, market: Market) -> Finding:
    """"declines ranging from 4.37% to 5.97%" across indexes (those the paragraph names, else the three
    majors): the smallest and largest of their moves over the window are the range's ends."""
    if claim.value_high is None or not isinstance(claim.value, Decimal):
        raise Unverifiable("a move across indexes needs its range")
    names = [n.strip() for n in (claim.reference or "").split(",") if n.strip()] or list(_MAJOR)
    measures = []
    for name in names:
        series = _series(market, name)
        window = _move_windows(claim.model_copy(update={"subject": name}), market, series)[0][0]
        measures.append(_pct_measures(series, window)[0])
    low, high = sorted((claim.value, claim.value_high))
    at = claim.sentence.find(claim.quote)
    if low >= 0 and all(m.actual is not None and m.actual < 0 for m in measures) and \
            _FALLS.search(claim.sentence[:at] if at > 0 else claim.quote):
        low, high = sorted((-claim.value, -claim.value_high))  # "steeper drops, ranging from 7.86% to 10.02%"
    low_band, high_band = find_band(low, claim.hedge_norm), find_band(high, claim.hedge_norm)
    moves = sorted(measures, key=lambda m: m.actual)
    first, last = moves[0], moves[-1]
    floor = low if low_band.low is None else low_band.low
    ceiling = high if high_band.high is None else high_band.high
    within = [m.actual is not None and floor <= m.actual <= ceiling for m in measures]
    ends = low_band.contains(first.actual) and high_band.contains(last.actual)
    verdict = "supported" if ends else "ambiguous" if all(within) else "contradicted"
    text = "; ".join(f"{m.rows[-1].symbol}: {m.arithmetic}" for m in measures)
    readings = tuple(Reading(label=f"{m.rows[-1].symbol} {m.label}", actual=m.actual, matches=ok) for m, ok in zip(measures, within))
    return Finding(claim_id=claim.id, check="pct_change", verdict=verdict, actual=first.actual,
                   tolerance=f"the range's ends are the lowest and highest of the {len(measures)} moves",
                   arithmetic=f"{text}; lowest {_f2(first.actual)}%, highest {_f2(last.actual)}% vs {low}..{high}",
                   rows=_dedupe(r for m in measures for r in m.rows), readings=readings)


@_guarded("points_change")
def check_points_change(claim: Claim, market: Market) -> Finding:
    """A move in index points over the same windows as pct_change: close − base close."""
    series = _series(market, claim.subject)
    windows = _move_windows(claim, market, series)
    measures = [_points_measure(series, windows[0][0])]
    measures += [_alt(_points_measure(series, window), note, timed) for window, note, timed in windows[1:]]
    measures += [_plausible(_points_measure(series, window), note) for window, note in _time_windows(claim, market, series)]
    measures += _unsigned_reading(claim, measures[0])
    band = find_band(_number(claim), claim.hedge_norm, floor=2 * LEVEL_FLOOR)
    finding = _judge(claim, "points_change", measures, band, round_figures=True)
    return _undecided_window(claim, _intraday_move(claim, series, windows[0][0], band, finding, pct=False))


def _intraday_move(claim: Claim, series: PriceSeries, window: Window, band: Band, finding: Finding, *,
                   pct: bool) -> Finding:
    """A session move the sentence places inside the session ("up 0.3% in afternoon trading"):
    a miss that some moment of the session could give (low..high vs the base) is unverifiable."""
    intraday = claim.metric == "intraday" or INTRADAY.search(claim.sentence)
    if finding.verdict != "contradicted" or window.first != window.last or not intraday:
        return finding
    bar, base = series.bar(window.last), series.bar(window.base)
    if bar is None or base is None or bar.low is None or bar.high is None:
        return finding
    low, high = ((x / base.close - 1) * _HUNDRED if pct else x - base.close for x in (bar.low, bar.high))
    if (band.high is not None and band.high < low) or (band.low is not None and band.low > high):
        return finding
    unit = "%" if pct else " points"
    text = f"the session's range from the {window.base} close: {_f2(low)}..{_f2(high)}{unit}"
    extreme = high if (claim.value or 0) > 0 else low
    if band.contains(extreme):
        # "soared over 1% before closing in the red", "fell as much as 2%": the session's extreme is the claim
        which = "high" if extreme == high else "low"
        return finding.model_copy(update={
            "verdict": "supported", "actual": _q(extreme), "arithmetic": f"{finding.arithmetic}; {text}: the session's {which} "
            f"({_f2(bar.high if which == 'high' else bar.low)}) vs the {window.base} close = {_f2(extreme)}{unit}",
            "rows": finding.rows + tuple(r for r in (series.row(window.last, which),) if r is not None)})
    return finding.model_copy(update={"verdict": "unverifiable", "arithmetic": f"{finding.arithmetic}; {text}",
                                      "missing": "an intraday move inside the session's range (daily bars cannot confirm it)"})


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


def _alt(measure: Measure, note: str, timed: bool = False) -> Measure:
    return Measure(f"{measure.label} ({note})", measure.actual, measure.arithmetic, measure.rows, if_match="ambiguous",
                   plausible=timed)


def _move_windows(claim: Claim, market: Market, series: PriceSeries) -> list[tuple[Window, str, bool]]:
    """The primary window of a move claim, then the other plausible ones: (window, why, a reading of its own time?)."""
    window = _pct_window(claim, market, series)
    calendar = _calendar(market, series)
    others: list[tuple[Window, str, bool]] = []
    single = window.first == window.last and claim.basis in (None, "day")
    if single and _undated(claim) and window.base >= series.sessions[0]:
        others.append((find_period_window(calendar, window.base, window.base), "the session before; the date is not stated", True))
    elif not single and _undated(claim) and claim.basis in ("ytd", "week", "month", "quarter", "year") and window.last > window.first:
        # "down 3.2% year to date" in a piece dated only by its day: through the session before is a reading too
        previous = calendar.previous_session(window.last)
        others.append((find_period_window(calendar, window.first, previous), "through the session before; the date is not stated", True))
    if claim.basis is None and claim.period_start is None and not claim.time_readings:
        for finder, name in ((find_week_window, "week to date"), (_month_to_date, "month to date"), (find_ytd_window, "year to date")):
            other = finder(calendar, window.last)
            if other.base != window.base:
                others.append((other, f"{name}: no window stated", False))
    if claim.basis in ("week", "month", "quarter", "year") and claim.period_start is None and not _pinned(claim):
        previous = _previous_period(claim, market, series, window)
        if previous is not None:
            others.append((previous, f"the {claim.basis} before; the date is not stated", True))
    return [(window, "", False)] + others


def _previous_period(claim: Claim, market: Market, series: PriceSeries, window: Window) -> Window | None:
    """The full calendar period before the one holding the end ("for the week", written the Monday after)."""
    if window.base < series.sessions[0]:
        return None
    before = claim.model_copy(update={"as_of": window.base, "period_end": None})
    try:
        return _pct_window(before, market, series)
    except DataError:
        return None


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
