"""Records of moves and levels: best/worst day, week, month or year since, highest close since, first record
close since, best start to a year since."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from extractor.dates import month_end
from extractor.models import Claim, DataRow, Finding, Reading, Verdict
from extractor.prices import Market, PriceSeries
from extractor.verify.common import (
    _MONTHS, Unverifiable, _dedupe, _f2, _guarded, _reference_period, _series, _session, UNIT_DAYS, units_before, units_between,
)
from extractor.verify.history import (
    MOVE_UNITS, find_current_move, find_earlier_max, find_moves_before, find_record_sessions, find_ytd_after,
    is_record,
)


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


_NAMED_MONTH = re.compile(r"\b(?:best|worst|strongest|weakest)\s+(" + "|".join(_MONTHS) + r")\b", re.IGNORECASE)


def _named_month(quote: str) -> int | None:
    m = _NAMED_MONTH.search(quote)
    return _MONTHS.index(m.group(1).lower()) + 1 if m else None


def _history(claim: Claim, market: Market) -> History:
    series = _series(market, claim.subject)
    session = _session(market, series, claim.as_of)
    metric = claim.metric or ""
    if metric == "month_move" and (month := _named_month(claim.quote)) and month != session.month:
        # "the strongest March since 2016" in an April piece: the March that ended last
        year = session.year - (month > session.month)
        session = _session(market, series, month_end(year, month))
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
    """same_month: "the best March since 2019" compares Marches only."""
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
    verdict = "supported" if ok else "ambiguous" if where == "before" and _level_ties(history, start, end) else "contradicted"
    if verdict == "ambiguous":
        text += f"; but a close of the reference period is within {NEAR_TIE * 100:.1f}% of it ('since' may mean 'at that level')"
    return _history_finding(claim, history, verdict=verdict, cited=last, text=text, actual=_mark_actual(claim, last))


NEAR_TIE = Decimal("0.001")  # "the lowest since Jan. 10" for a close 0.06% under the Jan. 10 close


def _level_ties(history: History, start: date, end: date) -> bool:
    """A close_level record whose reference period holds a close within NEAR_TIE of the current one."""
    if history.metric != "close_level":
        return False
    current = history.current.value
    return any(abs(bar.close - current) <= NEAR_TIE * current for bar in history.series.bars
               if start <= bar.session <= end)


def _check_history_in_years(claim: Claim, history: History) -> Finding:
    """"the best week in three years": the last as large ended N years ago or more (rounded)."""
    if claim.unit not in UNIT_DAYS or not isinstance(claim.value, Decimal):
        return _check_history_since(claim, history)
    last = history.last_at_least()
    cutoff = units_before(history.current.end, int(claim.value), claim.unit)
    if last is None and cutoff < history.series.sessions[0]:
        raise Unverifiable(f"{history.series.symbol} history starts {history.series.sessions[0]}, after {cutoff}")
    elapsed = None if last is None else units_between(last.end, history.current.end, claim.unit)
    if claim.relation in ("in_years", "longest_in"):
        ok = elapsed is None or elapsed.quantize(Decimal(1), rounding=ROUND_HALF_UP) >= claim.value
    else:
        ok = last is None or last.end < cutoff
    return _history_finding(claim, history, verdict="supported" if ok else "contradicted", cited=last,
                            text=f"{elapsed} {claim.unit} before; window starts {cutoff}", actual=elapsed)



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


def period_start_of(reference: str | None, day: date) -> date:
    """The first day of the period a record is said to lead: 'this year', 'this decade', 'this century'."""
    text = (reference or "").lower()
    if "century" in text:
        return date(day.year - day.year % 100, 1, 1)
    if "decade" in text:
        return date(day.year - day.year % 10, 1, 1)
    if "year" in text:
        return date(day.year, 1, 1)
    raise Unverifiable(f"no period for the reference {reference!r}")


def _check_history_in_period(claim: Claim, history: History) -> Finding:
    """"the worst slide this year": no earlier mark as large since the period began."""
    start = period_start_of(claim.reference, history.current.end)
    if start < history.series.sessions[0]:
        raise Unverifiable(f"{history.series.symbol} history starts {history.series.sessions[0]}, after {start}")
    last = history.last_at_least()
    ok = last is None or last.end < start
    text = f"period from {start}; the last earlier one as large: {last.end if last else 'none'}"
    return _history_finding(claim, history, verdict="supported" if ok else "contradicted", cited=last, text=text,
                            actual=_mark_actual(claim, last))


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
    "in_period": _check_history_in_period,
})
