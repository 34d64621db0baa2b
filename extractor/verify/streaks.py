"""Streaks: winning/losing runs of one index or against a benchmark, in sessions, weeks, months or years, and
their record comparisons (longest since, in N years, ties, record)."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from extractor.errors import DataError
from extractor.models import Claim, DataRow, Finding, Reading, Verdict
from extractor.prices import Market, PriceSeries, is_fed_funds
from extractor.tolerance import find_band
from extractor.verify.common import (
    _HUNDRED, Measure, Unverifiable, _change, _close, _dedupe, _f2, _guarded, _judge, _number, _q, _undated, _reference_period,
    UNIT_DAYS, _series, _session, _time_readings, units_before, units_between,
)
from extractor.verify.averages import check_ma_cross, ma_window
from extractor.verify.history import sample_sessions
from extractor.verify.rates import _check_rate_record
from extractor.verify.records import check_history_record, period_start_of


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


_MARKET_WORDS = ("US stocks", "US major indexes")  # plain market words, read as the S&P 500


def _wins_for(claim: Claim, market: Market, *, unit: str | None = None) -> Wins:
    """The win flags a streak claim counts: subject vs benchmark (or absolute), its direction and unit."""
    subject = _series(market, claim.subject)
    benchmark = _series(market, claim.benchmark) if claim.benchmark else None
    if benchmark is subject and claim.subject in _MARKET_WORDS:
        benchmark = None  # "stocks posted back-to-back gains, with the S&P 500 …": the market's own streak
    if benchmark is subject:
        raise Unverifiable(f"a streak of {subject.symbol} against itself (benchmark = subject)")
    period = _STREAK_UNITS.get(unit or claim.unit)
    if period is None:
        raise Unverifiable(f"streaks counted in {claim.unit} are not computed")
    return find_wins(subject, benchmark, claim.direction or "up", period)


# "… the longest winning streak since 2021, with three consecutive years of gains": the streak its sentence counts
_SENTENCE_STREAK_UNIT = re.compile(r"\b(?:consecutive|straight|successive)\s+(?P<a>years|months|weeks)\b|"
                                   r"\b(?P<b>years|months|weeks)\s+in\s+a\s+row\b", re.IGNORECASE)


def _record_streak_unit(claim: Claim) -> str:
    """A record claim's unit is its reference's; the streak's own unit is in its words, or else in the
    streak its sentence counts."""
    quote = claim.quote.lower()
    if re.search(r"\bweekly\b|\bweeks\b", quote):
        return "weeks"
    if re.search(r"\bmonthly\b|\bmonths\b", quote):
        return "months"
    if re.search(r"\bannual\b|\byearly\b", quote):
        return "years"
    if not re.search(r"\b(?:day|days|session|sessions|daily)\b", quote) and (m := _SENTENCE_STREAK_UNIT.search(claim.sentence)):
        return (m["a"] or m["b"]).lower()
    return "sessions"


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
    if _in_progress(claim):
        return _check_in_progress(claim, market, wins)
    if claim.within_period:
        return _check_within(claim, wins)
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
    measures += _ended_streak(claim, wins, run)
    finding = _judge(claim, "streak_length", measures, find_band(_number(claim), claim.hedge_norm))
    readings = _start_readings(claim, run, supported=finding.verdict == "supported")
    return finding.model_copy(update={"readings": readings + finding.readings[1:]})


def _check_within(claim: Claim, wins: Wins) -> Finding:
    """"It rose 13 days in a row in 2023": a streak of that length inside the period. A longer streak
    holding it is a second reading (ambiguous: the text may count part of it)."""
    first, last = claim.period_start, claim.period_end
    runs = [run for run in find_runs(wins) if first <= run.end and run.start <= last]
    if not runs:
        raise Unverifiable(f"no {_streak_name(wins)} {first}..{last}")
    band = find_band(_number(claim), claim.hedge_norm)
    exact = [run for run in runs if band.contains(Decimal(run.length))]
    longest = max(runs, key=lambda run: run.length)
    chosen = exact[0] if exact else longest
    measures = [Measure(f"{_streak_name(wins)} in {first}..{last}: {chosen.length} ({chosen.start}..{chosen.end})",
                        Decimal(chosen.length), _describe(wins, chosen), _streak_rows(wins, chosen))]
    if not exact and longest.length > _number(claim):
        measures.append(Measure(f"part of the {longest.length}-session streak {longest.start}..{longest.end}",
                                _number(claim), _describe(wins, longest), _streak_rows(wins, longest)))
    return _judge(claim, "streak_length", measures, band)


# "on track for a sixth straight gain", "a potential fourth consecutive up year": the period in
# progress would be the Nth; the streak completed before it is N - 1.
_IN_PROGRESS = re.compile(r"\b(?:on\s+(?:track|course|pace)\s+(?:for|to)|poised\s+(?:for|to)|set\s+(?:for|to)|head(?:ed|ing)\s+for|"
                          r"in\s+line\s+for|potential(?:ly)?|possible|would\s+(?:be|mark|make|extend)|could\s+(?:be|mark|make|extend))"
                          r"\s+(?:(?:a|an|its|their|the|record|straight|consecutive)\s+)*(?:\d+(?:st|nd|rd|th)|\w+(?:th|nd|rd)|first|second|third)\b",
                          re.IGNORECASE)


def _in_progress(claim: Claim) -> bool:
    at = claim.sentence.find(claim.quote)
    return at >= 0 and _IN_PROGRESS.search(claim.sentence[max(0, at - 50):at + len(claim.quote)]) is not None


def _check_in_progress(claim: Claim, market: Market, wins: Wins) -> Finding:
    """The streak completed before the period in progress, plus that period; when the data has the
    period's close (a session) and it broke the streak, the claim was right when written: ambiguous."""
    session = _session(market, wins.subject, claim.as_of)
    end = wins.sample_on_or_before(session)
    pos = wins.position(end)
    if wins.unit == "sessions" or end == session:
        current, prior = end, wins.sessions[pos - 1] if pos else None
    else:
        current, prior = None, end  # the week, month or year of the claim has not closed yet
    if prior is None:
        raise Unverifiable(f"no {wins.unit} close of {wins.names()} before {end}")
    run = find_streak_as_of(wins, prior)
    measure = Measure(f"{_streak_name(wins)} through {prior} ({run.length}), with the {wins.unit[:-1]} in progress",
                      Decimal(run.length + 1), _describe(wins, run) + f"; {run.length} + the one in progress = {run.length + 1}",
                      _streak_rows(wins, run))
    finding = _judge(claim, "streak_length", [measure], find_band(_number(claim), claim.hedge_norm))
    if finding.verdict == "supported" and wins.unit == "sessions" and current is not None and not wins.wins[pos]:
        finding = finding.model_copy(update={"verdict": "ambiguous", "arithmetic": finding.arithmetic +
                                             f"; the session in progress then broke it ({_daily_text(wins, current)})"})
    return finding


def _ended_streak(claim: Claim, wins: Wins, run: Run) -> list[Measure]:
    """No streak on an undated claim's session: the one that ended the period before is a reading."""
    pos = wins.position(run.end)
    if run.length or not _undated(claim) or pos == 0:
        return []
    ended = find_streak_as_of(wins, wins.sessions[pos - 1])
    if not ended.length:
        return []
    return [Measure(f"streak that ended {ended.end} (the date is not stated; {run.end} broke it)",
                    Decimal(ended.length), _describe(wins, ended), _streak_rows(wins, ended), if_match="ambiguous",
                    plausible=True)]


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
    if ma_window(claim.metric):
        return check_ma_cross(claim, market)
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
    pos = wins.position(session)
    if (within := _streak_in_period(claim, wins, session)) is not None:
        current = within  # a monthly review: "January marked … the longest such streak since 1996": that month's
    elif current.length == 0 and _undated(claim) and pos > 0:
        # the date is not stated and that session broke the streak: the record is the streak that ended before it
        current = find_streak_as_of(wins, wins.sessions[pos - 1])
    if current.length == 0:
        raise Unverifiable(f"there is no streak as of {session} to qualify ({_describe(wins, current)})")
    return RecordContext(wins, current, _runs_before(wins, current.start))


def _streak_in_period(claim: Claim, wins: Wins, session: date) -> Run | None:
    """The longest streak inside the period a monthly review's paragraph is about (a reading
    "in_month:first..last" holding the claim's session), or None."""
    for basis, first, last in _time_readings(claim):
        if basis.startswith("in_") and first <= session <= last:
            runs = [run for run in find_runs(wins) if first <= run.end <= last]
            return max(runs, key=lambda run: run.length, default=None)
    return None


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


def _overlaps(run: Run, start: date, end: date) -> bool:
    return run.start <= end and run.end >= start


def _run_text(run: Run | None, unit: str = "sessions") -> str:
    return "none" if run is None else f"{run.length} {unit} {run.start}..{run.end}"


def _check_since(claim: Claim, ctx: RecordContext) -> Finding:
    start, end = _reference(claim, ctx)
    latest = ctx.latest_at_least(ctx.current.length)
    supported = latest is not None and _overlaps(latest, start, end)
    text = (f"most recent earlier streak ≥ {ctx.current.length}: {_run_text(latest, ctx.wins.unit)}; "
            f"reference {claim.reference or ''} = {start}..{end}")
    actual = Decimal(latest.end.year) if latest else None
    readings = (Reading(label=text, actual=actual, matches=supported),)
    longer = None if supported else ctx.latest_at_least(ctx.current.length + 1)
    if longer is not None and _overlaps(longer, start, end):  # "longest since": the last longer one, a second reading
        readings += (Reading(label=f"most recent earlier streak longer than {ctx.current.length}: {_run_text(longer, ctx.wins.unit)}",
                             actual=Decimal(longer.end.year), matches=True),)
    return _record_finding(claim, ctx, supported=supported, actual=actual, cited=[latest, longer], arithmetic=text,
                           comparable=claim.unit == "year", readings=readings,
                           verdict="ambiguous" if len(readings) > 1 else None)


def _cutoff(claim: Claim, ctx: RecordContext) -> date:
    if claim.unit not in UNIT_DAYS or not isinstance(claim.value, Decimal):
        raise Unverifiable("the claim has no number of years")
    return units_before(ctx.current.end, int(claim.value), claim.unit)


def _check_not_seen_in(claim: Claim, ctx: RecordContext) -> Finding:
    if claim.unit == "year":
        return _check_since(claim, ctx)
    cutoff = _cutoff(claim, ctx)
    latest = ctx.latest_at_least(ctx.current.length)
    if latest is None and cutoff < ctx.wins.sessions[0]:
        raise Unverifiable(f"history starts {ctx.wins.sessions[0]}, after {cutoff}")
    supported = latest is None or latest.end < cutoff
    years = Decimal((ctx.current.end - latest.end).days // 365) if latest else None
    text = f"most recent earlier streak ≥ {ctx.current.length}: {_run_text(latest, ctx.wins.unit)}; window starts {cutoff}"
    return _record_finding(claim, ctx, supported=supported, actual=years, cited=[latest], arithmetic=text,
                           comparable=True)


def _check_in_years(claim: Claim, ctx: RecordContext) -> Finding:
    """"the longest streak in three decades": the last streak as long ended N years ago or more (rounded)."""
    if claim.unit not in UNIT_DAYS or not isinstance(claim.value, Decimal):
        return _check_since(claim, ctx)
    latest = ctx.latest_at_least(ctx.current.length)
    if latest is None and _cutoff(claim, ctx) < ctx.wins.sessions[0]:
        raise Unverifiable(f"history starts {ctx.wins.sessions[0]}, after {_cutoff(claim, ctx)}")
    years = None if latest is None else units_between(latest.end, ctx.current.end, claim.unit)
    supported = years is None or years.quantize(Decimal(1), rounding=ROUND_HALF_UP) >= claim.value
    text = f"most recent earlier streak ≥ {ctx.current.length}: {_run_text(latest, ctx.wins.unit)}, {years} {claim.unit} before"
    return _record_finding(claim, ctx, supported=supported, actual=years, cited=[latest], arithmetic=text,
                           comparable=True)


def _check_ties_longest_in(claim: Claim, ctx: RecordContext) -> Finding:
    cutoff = _cutoff(claim, ctx)
    best = ctx.longest(run for run in ctx.earlier if run.end >= cutoff)
    longer = best is not None and best.length > ctx.current.length
    if not longer and cutoff < ctx.wins.sessions[0]:
        raise Unverifiable(f"history starts {ctx.wins.sessions[0]}, after {cutoff}")
    supported = best is not None and best.length == ctx.current.length
    text = f"longest earlier streak ending since {cutoff}: {_run_text(best, ctx.wins.unit)}"
    actual = Decimal(best.length) if best else None
    return _record_finding(claim, ctx, supported=supported, actual=actual, cited=[best], arithmetic=text)


def _check_ties_record(claim: Claim, ctx: RecordContext) -> Finding:
    start, end = _reference(claim, ctx)
    in_reference = ctx.longest(run for run in ctx.earlier if _overlaps(run, start, end))
    record = ctx.longest()
    length = ctx.current.length
    readings = (
        Reading(label=f"longest streak in {claim.reference or f'{start}..{end}'}: {_run_text(in_reference, ctx.wins.unit)}",
                actual=Decimal(in_reference.length) if in_reference else None,
                matches=in_reference is not None and in_reference.length == length),
        Reading(label=f"record before this streak: {_run_text(record, ctx.wins.unit)}",
                actual=Decimal(record.length) if record else None,
                matches=record is not None and record.length == length),
    )
    text = f"record before: {_run_text(record, ctx.wins.unit)}; in reference: {_run_text(in_reference, ctx.wins.unit)}"
    return _record_finding(claim, ctx, supported=all(r.matches for r in readings),
                           actual=readings[0].actual, cited=[in_reference, record], arithmetic=text, readings=readings)


def _check_record(claim: Claim, ctx: RecordContext) -> Finding:
    record = ctx.longest()
    supported = record is None or ctx.current.length > record.length
    text = f"longest earlier streak since {ctx.wins.sessions[0]}: {_run_text(record, ctx.wins.unit)}"
    return _record_finding(claim, ctx, supported=supported, actual=Decimal(ctx.current.length),
                           cited=[record], arithmetic=text)


# "highest close since March": a level compared, not a streak.
_LEVEL_RELATIONS = MappingProxyType({"highest_since": ("close_level", "up"), "lowest_since": ("close_level", "down")})

def _check_in_period(claim: Claim, ctx: RecordContext) -> Finding:
    """"the longest winning streak this year": no earlier streak as long since the period began."""
    start = period_start_of(claim.reference, ctx.current.end)
    if start < ctx.wins.sessions[0]:
        raise Unverifiable(f"history starts {ctx.wins.sessions[0]}, after {start}")
    latest = ctx.latest_at_least(ctx.current.length)
    supported = latest is None or latest.end < start
    text = f"most recent earlier streak ≥ {ctx.current.length}: {_run_text(latest, ctx.wins.unit)}; period from {start}"
    return _record_finding(claim, ctx, supported=supported, actual=None, cited=[latest], arithmetic=text, comparable=True)


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
    "in_period": _check_in_period,
})


# ---------------------------------------------------------------- a move over a streak

_STREAK_SIZE = re.compile(r"(?P<n>\d+) (?P<unit>sessions|days|weeks|months|years)")


@_guarded("move_over_streak")
def check_move_over_streak(claim: Claim, market: Market) -> Finding:
    """"five straight months of gains, a total increase of 25.3%": the move from the close before the
    streak's first period to its last close. The streak is the one of that length ending on the
    claim's date or, the date unstated and that period no win, the one that ended just before it."""
    m = _STREAK_SIZE.fullmatch(claim.period_label or "")
    if m is None:
        raise Unverifiable(f"no streak length for the move (period_label {claim.period_label!r})")
    length, unit = int(m["n"]), m["unit"]
    wins = find_wins(_series(market, claim.subject), None, claim.direction or "up", _STREAK_UNITS[unit])
    session = _streak_end(claim, market, wins)
    run = find_streak_as_of(wins, session)
    if run.length == 0 and _undated(claim) and wins.position(session) > 0:
        run = find_streak_as_of(wins, wins.sessions[wins.position(session) - 1])
    if run.length != length:
        raise Unverifiable(f"no {length}-{unit[:-1]} {_streak_name(wins)} as of {session} to measure the move over")
    base = wins.sessions[wins.position(run.start) - 1]
    first, last = wins.subject.row(base, "close"), wins.subject.row(run.end, "close")
    if first is None or last is None:
        raise Unverifiable(f"no close of {wins.subject.symbol} on {base} or {run.end}")
    label = f"close of {run.end} vs close of {base}, before the {length}-{unit[:-1]} streak {run.start}..{run.end}"
    if claim.kind == "points_change":
        change = last.value - first.value
        measure = Measure(label, change, f"{last.value} − {first.value} = {change:+.2f} points [{label}]", (first, last))
        return _judge(claim, "points_change", [measure], find_band(_number(claim), claim.hedge_norm), round_figures=True)
    change = (last.value / first.value - 1) * _HUNDRED
    measure = Measure(label, _q(change), f"({last.value} / {first.value} - 1) × 100 = {_f2(change)}% [{label}]", (first, last))
    return _judge(claim, "pct_change", [measure], find_band(_number(claim), claim.hedge_norm))
