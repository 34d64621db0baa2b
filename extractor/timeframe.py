"""The time a claim speaks of: its session, its window, its basis, and the words that decided it.

API (pure functions; pass a TradingCalendar from extractor.calendar.load_calendar()):

- ``TimeRef``: basis, as_of, first, last, base, label, start, end, readings, source, notes.
- ``market_session(published, calendar) -> date``: the session a publication time speaks of
  (weekend, holiday or before 9:30 ET → the previous session; otherwise that day).
- ``resolve_time(text, span, *, published, calendar, window=None, carried=None, forward=False)
  -> TimeRef | None``: the time of the claim at ``text[span[0]:span[1]]``, read from the time
  words inside ``text[window[0]:window[1]]`` (the whole text when window is None).
- ``is_forward(sentence) -> bool``: the sentence speaks of the future ("will", "next week" …).
- ``should_carry(ref) -> bool``: an explicit date worth carrying to the paragraph's next sentences
  (pass the original TimeRef on as ``carried``; a heading or dateline is resolved the same way,
  with its own span as span and window).
- ``read_clock(published, calendar) -> Clock``: the publication's ET date, session, last close
  and phase (before_open | in_session | after_close | closed_day | date_only).

``resolve_time`` returns None only when the window has no resolvable time words, nothing is
carried and no publication time is given; with no time words it returns the carried TimeRef
(source "carried") or the market-session reading (source "publication"). A publication date
outside the calendar raises DataError. Time words are data: ``PATTERNS`` (kind, regex, resolver).

Conventions:

- Every window is in sessions: ``first``/``last`` are its first and last session, ``base`` the
  session whose close a change is measured from (the session before ``first``; for "since
  <date>" the session of that date). A single day has ``first == last == as_of``.
- A named day that was not a session (a holiday, a weekend) keeps its date in as_of/first/last,
  says so in ``notes`` ("holiday: not a session") and offers the nearest session as a reading.
- ``readings`` are other plausible readings as "basis:first..last"; ``notes`` are short flags
  ("fiscal", "forward", "session in progress", …). Fiscal periods have basis quarter/year,
  the note "fiscal" and no dates (the company's fiscal calendar is unknown); their calendar
  reading is offered in ``readings``.
- ``source``: "sentence" (words with a year or day number), "weekday" (a weekday name),
  "relative" (today, last week, Q3, so far this year …), "carried", "publication".
- Offsets ``start``/``end`` index the text passed in; a carried TimeRef keeps its own offsets.
- The expression chosen is the one attached to the claim ("rose 1.1% for the week"), else the
  nearest one that no clause break ("; and but while …") separates from it. Relative periods
  (this week, so far this year, for the month …) run through ``carried.as_of`` when a date is
  carried, else through the market session of the publication; weekday names and year-less
  dates resolve against the publication date (backward, or forward when ``forward=True``).
  Time words after "after", "following", "before", "than" … describe another event: the
  claim then takes the carried or publication reading and keeps them as a reading.
- Choices where readers differ (the other one is in ``readings``): "from A through B" counts
  A's session, "from A to B"/"between A and B" run from A's close; "since A" runs from A's
  close; "past N days" are sessions; "last week" written on a weekend is the week just
  ended; "for the year" in a year's first five sessions is the year just ended; a quarter or
  half in progress runs to the anchor ("the first half" in January is this year's, so far).
"""

from __future__ import annotations

import calendar as stdcal
import re
from functools import lru_cache
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Callable, NamedTuple
from zoneinfo import ZoneInfo

from .calendar import TradingCalendar, Window, find_first_sessions_window, find_last_sessions_window
from .calendar import find_month_window, find_period_window, find_quarter_window, find_week_window
from .calendar import find_year_window, find_ytd_window
from .dates import MONTHS, parse_date
from .errors import DataError
from .literals import LiteralGate

EASTERN = ZoneInfo("America/New_York")
MARKET_OPEN, MARKET_CLOSE = time(9, 30), time(16, 0)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())} | {
    "fifteen": 15, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


class TimeRef(NamedTuple):
    """The time of one claim (see the module docstring for the conventions)."""

    basis: str
    as_of: date | None
    first: date | None
    last: date | None
    base: date | None
    label: str | None = None
    start: int | None = None
    end: int | None = None
    readings: tuple[str, ...] = ()
    source: str = "relative"
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Clock:
    """What the publication time says: its ET date, its market session, the last close by then."""

    today: date
    session: date
    last_close: date
    phase: str  # before_open | in_session | after_close | closed_day | date_only


@dataclass(frozen=True)
class Context:
    calendar: TradingCalendar
    today: date | None       # the publication date (ET), or the carried day
    anchor: date | None      # the session relative periods run through
    clock: Clock | None
    forward: bool


# ---------------------------------------------------------------- the market clock


def read_clock(published: datetime | date, calendar: TradingCalendar) -> Clock:
    """The publication's date in New York and the session it speaks of."""
    if isinstance(published, datetime):
        local = published.astimezone(EASTERN) if published.tzinfo else published
        day, moment = local.date(), local.time()
    else:
        day, moment = published, None
    if not calendar.is_session(day):
        session = calendar.session_on_or_before(day)
        return Clock(day, session, session, "closed_day")
    if moment is None:
        return Clock(day, day, day, "date_only")
    if moment < MARKET_OPEN:
        session = calendar.previous_session(day)
        return Clock(day, session, session, "before_open")
    if moment < MARKET_CLOSE:
        return Clock(day, day, calendar.previous_session(day), "in_session")
    return Clock(day, day, day, "after_close")


def market_session(published: datetime | date, calendar: TradingCalendar) -> date:
    """The session a text published then speaks of (naive datetimes are read as ET)."""
    return read_clock(published, calendar).session


def publication_ref(clock: Clock, calendar: TradingCalendar) -> TimeRef:
    """The reading when only the publication time is known."""
    day = clock.session
    notes = {"in_session": ("session in progress",), "before_open": ("published before the open",),
             "closed_day": ("published on a non-session day",)}.get(clock.phase, ())
    readings = ()
    if clock.phase in ("in_session", "date_only"):
        readings = (reading("day", *[calendar.previous_session(day)] * 2),)
    return TimeRef("day", day, day, day, calendar.previous_session(day), readings=readings,
                   source="publication", notes=notes)


# ---------------------------------------------------------------- helpers for the caller

FORWARD = re.compile(
    r"\b(?:will|won['’]t|shall|meets?\s+again|next\s+(?:week|month|quarter|year|session|meeting|"
    r"monday|tuesday|wednesday|thursday|friday)|(?:is|are)\s+(?:expected|scheduled|set|due|"
    r"slated|poised)\s+to|scheduled|upcoming|later\s+this\s+(?:week|month|quarter|year)|"
    r"(?:is|are)\s+going\s+to|plans?\s+to|expects?|projected|projections?|forecasts?|tomorrow)\b", re.I)


def clause_bounds(text: str, lo: int, hi: int, at: int, breaks: re.Pattern) -> tuple[int, int]:
    """The clause of text[lo:hi] that holds offset at, between the matches of breaks (commas, linking words)."""
    start = max([lo] + [m.end() for m in breaks.finditer(text, lo, hi) if m.end() <= at])
    nxt = breaks.search(text, max(at, start + 1), hi)
    return start, nxt.start() if nxt else hi


def is_forward(sentence: str) -> bool:
    """True when the sentence speaks of the future ("will", "meets again", "next week" …)."""
    return FORWARD.search(sentence) is not None


def should_carry(ref: TimeRef | None) -> bool:
    """True for a day or stated period read from explicit words (a date, a weekday name)."""
    return (ref is not None and ref.source in ("sentence", "weekday") and ref.basis in ("day", "period")
            and ref.as_of is not None and "forward" not in ref.notes)


def reading(basis: str, first: date | None, last: date | None) -> str:
    """One reading as "basis:first..last"."""
    return f"{basis}:{first}..{last}"


# ---------------------------------------------------------------- building TimeRefs


def day_ref(ctx: Context, day: date, *, notes: tuple[str, ...] = ()) -> TimeRef:
    """A single day; a day that was not a session says so and offers the session before it."""
    cal = ctx.calendar
    base = cal.previous_session(day)
    if cal.is_session(day):
        return TimeRef("day", day, day, day, base, notes=notes)
    why = "weekend" if day.weekday() >= 5 else "holiday"
    return TimeRef("day", day, day, day, base, readings=(reading("day", base, base),),
                   notes=notes + (f"{why}: not a session",))


def window_ref(basis: str, window: Window, *, notes: tuple[str, ...] = (), readings: tuple[str, ...] = ()) -> TimeRef:
    return TimeRef(basis, window.last, window.first, window.last, window.base, readings=readings, notes=notes)


def since_ref(ctx: Context, base_day: date, *, notes: tuple[str, ...] = (), readings: tuple[str, ...] = ()) -> TimeRef | None:
    """From the close of base_day (its session, or the one before) through the anchor."""
    if ctx.anchor is None:
        return None
    base = ctx.calendar.session_on_or_before(base_day)
    if base >= ctx.anchor:
        return None
    first = ctx.calendar.next_session(base)
    return TimeRef("since", ctx.anchor, first, ctx.anchor, base, readings=readings, notes=notes)


def fiscal_ref(basis: str, calendar_window: Window | None) -> TimeRef:
    readings = (reading(basis, calendar_window.first, calendar_window.last),) if calendar_window else ()
    return TimeRef(basis, None, None, None, None, readings=readings, notes=("fiscal",))


def reading_of(ref: TimeRef) -> str:
    return reading(ref.basis, ref.first, ref.last)


def shift_months(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, stdcal.monthrange(year, month + 1)[1]))


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def g(m: re.Match, *names: str) -> str | None:
    """The first of the named groups that the pattern has and that matched."""
    return next((m[n] for n in names if n in m.re.groupindex and m[n]), None)


def number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def year_of(text: str | None) -> int | None:
    """A written year: "2025", "25" (this century)."""
    if not text:
        return None
    return int(text) + (2000 if len(text) == 2 else 0)


# ---------------------------------------------------------------- days and weekdays


def weekday_date(ctx: Context, name: str, *, strictly_before: bool = False) -> date | None:
    if ctx.today is None:
        return None
    target = WEEKDAYS.index(name.lower())
    if ctx.forward:
        return ctx.today + timedelta(days=(target - ctx.today.weekday()) % 7)
    back = (ctx.today.weekday() - target) % 7 or (7 if strictly_before else 0)
    return ctx.today - timedelta(days=back)


def resolve_weekday(m: re.Match, ctx: Context) -> TimeRef | None:
    prefix = (g(m, "prefix") or "").lower()
    ctx = replace(ctx, forward=ctx.forward or prefix == "next")
    day = weekday_date(ctx, m["wd"], strictly_before=bool(prefix))
    if day is None:
        return None
    ref = day_ref(ctx, day, notes=("forward",) if ctx.forward else ())
    earlier = [day - timedelta(days=7 * weeks) for weeks in (1, 2, 3)]
    session = next((d for d in earlier if ctx.calendar.is_session(d)), None)
    if not ctx.calendar.is_session(day) and day.weekday() < 5 and session:
        ref = ref._replace(readings=(reading("day", session, session),) + ref.readings)
    return ref


def resolve_date(m: re.Match, ctx: Context) -> TimeRef | None:
    day = parse_date(m[0], ctx.today, forward=ctx.forward)
    if day is None:
        return None
    notes = ("forward",) if ctx.forward else ()
    stated = re.match(r"([A-Z][a-z]+day)", m[0])
    if stated and WEEKDAYS.index(stated[1].lower()) != day.weekday():
        notes += ("weekday does not match the date",)
    return day_ref(ctx, day, notes=notes)


def resolve_today(m: re.Match, ctx: Context) -> TimeRef | None:
    if ctx.clock is None:
        return None if ctx.anchor is None else day_ref(ctx, ctx.anchor)
    clock = ctx.clock
    if clock.phase == "before_open":
        return day_ref(ctx, clock.today, notes=("published before the open",))
    notes = ("session in progress",) if clock.phase == "in_session" else ()
    return day_ref(ctx, clock.session, notes=notes)


def resolve_yesterday(m: re.Match, ctx: Context) -> TimeRef | None:
    return None if ctx.today is None else day_ref(ctx, ctx.today - timedelta(days=1))


def resolve_tomorrow(m: re.Match, ctx: Context) -> TimeRef | None:
    if ctx.today is None:
        return None
    return day_ref(ctx, ctx.calendar.next_session(ctx.today), notes=("forward",))


def resolve_overnight(m: re.Match, ctx: Context) -> TimeRef | None:
    if ctx.clock is None:
        return None
    base = ctx.clock.last_close
    day = ctx.calendar.next_session(base)
    return TimeRef("day", day, day, day, base, notes=("overnight: since the last close",))


# ---------------------------------------------------------------- weeks


def resolve_this_week(m: re.Match, ctx: Context) -> TimeRef | None:
    return None if ctx.anchor is None else window_ref("week", find_week_window(ctx.calendar, ctx.anchor))


def week_of(ctx: Context, start: date) -> TimeRef:
    window = find_period_window(ctx.calendar, start, start + timedelta(days=4))
    return window_ref("week", window)


def resolve_last_week(m: re.Match, ctx: Context) -> TimeRef | None:
    """The Monday-Friday week before the publication's; on a weekend, the week just ended."""
    if ctx.today is None:
        return None
    weekend = ctx.today.weekday() >= 5
    start = monday(ctx.today) - timedelta(days=0 if weekend else 7)
    ref = week_of(ctx, start)
    if weekend:
        ref = ref._replace(readings=(reading_of(week_of(ctx, start - timedelta(days=7))),))
    return ref


def resolve_next_week(m: re.Match, ctx: Context) -> TimeRef | None:
    if ctx.today is None:
        return None
    ref = week_of(ctx, monday(ctx.today) + timedelta(days=7))
    return ref._replace(notes=("forward",))


def resolve_week_ended(m: re.Match, ctx: Context) -> TimeRef | None:
    end = atom_date(m["a"], ctx)
    if end is None:
        return None
    return window_ref("week", find_week_window(ctx.calendar, ctx.calendar.session_on_or_before(end)))


# ---------------------------------------------------------------- trailing and leading counts


def trailing_start(end: date, count: int, unit: str) -> date:
    """The first calendar day of the `count` weeks, months or years that end on end."""
    if unit.startswith("week"):
        return end - timedelta(days=7 * count - 1)
    return shift_months(end, -count * (12 if unit.startswith("year") else 1)) + timedelta(days=1)


def resolve_past_n(m: re.Match, ctx: Context) -> TimeRef | None:
    """"the past five sessions" (days count as sessions; calendar days are the other reading)."""
    if ctx.anchor is None:
        return None
    n, unit = number(m["n"]), m["unit"].lower()
    cal, end = ctx.calendar, ctx.anchor
    if "day" in unit or "session" in unit:
        ref = window_ref("period", find_last_sessions_window(cal, end, n))
        other = find_period_window(cal, end - timedelta(days=n - 1), end) if unit == "days" else None
    else:
        ref = window_ref("period", find_period_window(cal, trailing_start(end, n, unit), end))
        other = find_last_sessions_window(cal, end, 5 * n) if unit == "weeks" else None
    return ref._replace(readings=(reading("period", other.first, other.last),)) if other else ref


def resolve_past_unit(m: re.Match, ctx: Context) -> TimeRef | None:
    """"the past week/month/year/session": trailing windows ending at the anchor."""
    if ctx.anchor is None:
        return None
    unit = m["unit"].lower()
    if unit in ("session", "trading day") or "hours" in unit:
        return day_ref(ctx, ctx.anchor)
    count, unit = (12, "months") if "months" in unit else (1, unit)
    window = find_period_window(ctx.calendar, trailing_start(ctx.anchor, count, unit), ctx.anchor)
    return window_ref("week" if unit == "week" else "period", window)


def resolve_first_week(m: re.Match, ctx: Context) -> TimeRef | None:
    """"the first week of 2026": its first five sessions (the first full Monday-Friday week is the other reading)."""
    year = year_of(g(m, "year")) or (ctx.anchor.year if ctx.anchor else None)
    if year is None:
        return None
    new_year = date(year, 1, 1)
    sessions = find_first_sessions_window(ctx.calendar, new_year, 5)
    first_monday = new_year + timedelta(days=(7 - new_year.weekday()) % 7)
    full_week = find_period_window(ctx.calendar, first_monday, first_monday + timedelta(days=4))
    return window_ref("period", sessions, readings=(reading("week", full_week.first, full_week.last),))


def resolve_earlier_this(m: re.Match, ctx: Context) -> TimeRef | None:
    """"earlier this year": some session between the period's start and the anchor."""
    if ctx.anchor is None:
        return None
    unit = m["unit"].lower()
    resolver = {"week": resolve_this_week, "month": resolve_this_month,
                "quarter": resolve_this_quarter, "year": resolve_ytd}[unit]
    ref = resolver(m, replace(ctx, forward=False))
    if ref is None or ref.first is None:
        return ref
    last = ref.last
    if unit == "week" and m[0].lower().startswith("earlier") and ref.first < ctx.anchor:
        last = ctx.calendar.previous_session(ctx.anchor)  # "earlier this week": before the session reported
    readings = ()
    if unit == "week":  # which session of the week is not said: each is a reading
        readings = tuple(reading("day", d, d) for d in ctx.calendar.sessions_between(ref.first, last))
    return ref._replace(basis="period", as_of=last, last=last, readings=readings, notes=("some time within",))


def resolve_previous_session(m: re.Match, ctx: Context) -> TimeRef | None:
    return None if ctx.anchor is None else day_ref(ctx, ctx.calendar.previous_session(ctx.anchor))


def resolve_first_n(m: re.Match, ctx: Context) -> TimeRef | None:
    """"the first five trading days of the year"; "the first two weeks" are its first 14 days."""
    year = year_of(g(m, "year")) or (ctx.anchor.year if ctx.anchor else None)
    if year is None:
        return None
    n, new_year = number(m["n"]), date(year, 1, 1)
    if m["unit"].lower() == "weeks":
        end = new_year + timedelta(days=7 * n - 1)
        through = min(end, ctx.anchor) if ctx.anchor and ctx.anchor.year == year and not ctx.forward else end
        return window_ref("period", find_period_window(ctx.calendar, new_year, through))
    return window_ref("period", find_first_sessions_window(ctx.calendar, new_year, n))


# ---------------------------------------------------------------- months


def month_ref(ctx: Context, year: int, month: int, part: str = "") -> TimeRef:
    through = ctx.anchor if ctx.anchor and not ctx.forward else None
    window = find_month_window(ctx.calendar, year, month, through=through)
    if not part:
        return window_ref("month", window, notes=month_notes(ctx, year, month))
    days = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}[part]
    last = min(days[1], (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day)
    window = find_period_window(ctx.calendar, date(year, month, days[0]), date(year, month, last))
    return window_ref("period", window)


def month_notes(ctx: Context, year: int, month: int) -> tuple[str, ...]:
    if ctx.forward:
        return ("forward",)
    if ctx.anchor and (ctx.anchor.year, ctx.anchor.month) == (year, month):
        return ("period in progress",)
    return ()


def resolve_named_month(m: re.Match, ctx: Context) -> TimeRef | None:
    month = MONTHS[m["mon"].lower().rstrip(".")]
    year = year_of(g(m, "year"))
    if year is None:
        if ctx.anchor is None:
            return None
        ref_month = ctx.today if ctx.forward and ctx.today else ctx.anchor
        if ctx.forward:
            year = ref_month.year + (month < ref_month.month)
        else:
            year = ref_month.year - (month > ref_month.month)
    part = (g(m, "part") or "").strip(" -").lower()
    return month_ref(ctx, year, month, part)


def resolve_this_month(m: re.Match, ctx: Context) -> TimeRef | None:
    return None if ctx.anchor is None else month_ref(ctx, ctx.anchor.year, ctx.anchor.month)


def resolve_last_month(m: re.Match, ctx: Context) -> TimeRef | None:
    if ctx.today is None:
        return None
    previous = ctx.today.replace(day=1) - timedelta(days=1)
    return month_ref(replace(ctx, anchor=None), previous.year, previous.month)


def resolve_ended_month(m: re.Match, ctx: Context) -> TimeRef | None:
    """"ended the month 3% ahead": this month once its last session is in; early in a month, the one before."""
    if ctx.anchor is None:
        return None
    if ctx.anchor >= find_month_window(ctx.calendar, ctx.anchor.year, ctx.anchor.month).last:
        return resolve_this_month(m, ctx)
    return resolve_last_month(m, ctx)


def resolve_next_month(m: re.Match, ctx: Context) -> TimeRef | None:
    if ctx.today is None:
        return None
    following = (ctx.today.replace(day=28) + timedelta(days=4)).replace(day=1)
    return month_ref(replace(ctx, forward=True), following.year, following.month)


# ---------------------------------------------------------------- quarters and halves


def quarter_ref(ctx: Context, year: int, quarter: int, *, fiscal: bool) -> TimeRef:
    through = ctx.anchor if ctx.anchor and not ctx.forward and not fiscal else None
    window = find_quarter_window(ctx.calendar, year, quarter, through=through)
    if fiscal:
        return fiscal_ref("quarter", window)
    in_progress = ctx.anchor and (ctx.anchor.year, (ctx.anchor.month + 2) // 3) == (year, quarter)
    notes = ("forward",) if ctx.forward else ("period in progress",) if in_progress else ()
    readings = ()
    if in_progress and not ctx.forward:
        earlier = find_quarter_window(ctx.calendar, year - 1, quarter)
        readings = (reading("quarter", earlier.first, earlier.last),)
    return window_ref("quarter", window, notes=notes, readings=readings)


def latest_numbered(ctx: Context, number_in_year: int, per_year: int) -> int | None:
    """The year of the latest (or, forward, the next) quarter/half with that number."""
    if ctx.anchor is None:
        return None
    current = (ctx.anchor.month - 1) * per_year // 12 + 1
    if ctx.forward:
        return ctx.anchor.year + (number_in_year < current)
    return ctx.anchor.year - (number_in_year > current)


def resolve_quarter(m: re.Match, ctx: Context) -> TimeRef | None:
    quarter = int(g(m, "n") or ORDINALS[m["ord"].lower()])
    fiscal = g(m, "fiscal", "fiscal2") is not None
    year = year_of(g(m, "year", "y2")) or latest_numbered(ctx, quarter, 4)
    return None if year is None else quarter_ref(ctx, year, quarter, fiscal=fiscal)


def resolve_this_quarter(m: re.Match, ctx: Context) -> TimeRef | None:
    if ctx.anchor is None:
        return None
    return quarter_ref(ctx, ctx.anchor.year, (ctx.anchor.month + 2) // 3, fiscal=False)


def resolve_last_quarter(m: re.Match, ctx: Context) -> TimeRef | None:
    if ctx.today is None:
        return None
    quarter, year = (ctx.today.month + 2) // 3 - 1, ctx.today.year
    year, quarter = (year - 1, 4) if quarter == 0 else (year, quarter)
    return quarter_ref(replace(ctx, anchor=None), year, quarter, fiscal=False)


def resolve_half(m: re.Match, ctx: Context) -> TimeRef | None:
    half = int(g(m, "n", "n2") or ORDINALS[m["ord"].lower()])
    year = year_of(g(m, "year", "y2")) or latest_numbered(ctx, half, 2)
    if year is None:
        return None
    through = ctx.anchor if ctx.anchor and not ctx.forward else None
    start, end = date(year, 6 * half - 5, 1), date(year, 6 * half, 30 if half == 1 else 31)
    in_progress = through is not None and start <= through < end
    window = find_period_window(ctx.calendar, start, through if in_progress else end)
    if ctx.forward or not in_progress:
        return window_ref("period", window, notes=("forward",) if ctx.forward else ())
    earlier = find_period_window(ctx.calendar, start.replace(year=year - 1), end.replace(year=year - 1))
    return window_ref("period", window, notes=("period in progress",),
                      readings=(reading("period", earlier.first, earlier.last),))


# ---------------------------------------------------------------- years


def resolve_ytd(m: re.Match, ctx: Context) -> TimeRef | None:
    if ctx.anchor is None:
        return None
    if ctx.forward:
        return window_ref("year", find_year_window(ctx.calendar, ctx.anchor.year), notes=("forward",))
    return window_ref("ytd", find_ytd_window(ctx.calendar, ctx.anchor))


def resolve_for_the_year(m: re.Match, ctx: Context) -> TimeRef | None:
    """"for the year": the year so far; in a year's first week, the year just ended."""
    if ctx.anchor is None:
        return None
    cal, anchor = ctx.calendar, ctx.anchor
    ytd = find_ytd_window(cal, anchor)
    if len(ytd.sessions) <= 5 and not ctx.forward:
        full = find_year_window(cal, anchor.year - 1)
        return window_ref("year", full, readings=(reading_of(window_ref("ytd", ytd)),))
    if anchor == find_year_window(cal, anchor.year).last:
        return window_ref("year", ytd)
    return resolve_ytd(m, ctx)


def year_ref(ctx: Context, year: int) -> TimeRef:
    cal, anchor = ctx.calendar, ctx.anchor
    if anchor and anchor.year == year and not ctx.forward:
        window = find_year_window(cal, year, through=anchor)
        if window.last < find_year_window(cal, year).last:
            return window_ref("ytd", window)
    return window_ref("year", find_year_window(cal, year), notes=("forward",) if ctx.forward else ())


def resolve_year(m: re.Match, ctx: Context) -> TimeRef | None:
    return year_ref(ctx, int(g(m, "year", "own")))


def resolve_part_of_year(m: re.Match, ctx: Context) -> TimeRef | None:
    """"much of 2024" is that year; "early/mid/late 2025" are its first, middle and last four months."""
    year, part = int(m["year"]), (g(m, "part") or "").lower()
    if not part:
        return year_ref(ctx, year)._replace(notes=("part of the period",))
    months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
    end = (date(year + months[1] // 12, months[1] % 12 + 1, 1) - timedelta(days=1))
    through = ctx.anchor if ctx.anchor and not ctx.forward and ctx.anchor < end else end
    return window_ref("period", find_period_window(ctx.calendar, date(year, months[0], 1), through))


def resolve_year_end(m: re.Match, ctx: Context) -> TimeRef | None:
    """"ended 2025 at 4.17%": the year's last session ("ended 2025 13% higher": the year, a reading)."""
    year = find_year_window(ctx.calendar, int(m["year"]))
    return day_ref(ctx, year.last)._replace(readings=(reading("year", year.first, year.last),))


def resolve_last_year(m: re.Match, ctx: Context) -> TimeRef | None:
    return None if ctx.today is None else year_ref(replace(ctx, anchor=None), ctx.today.year - 1)


def resolve_fiscal_year(m: re.Match, ctx: Context) -> TimeRef | None:
    year = year_of(m["year"])
    try:
        window = find_year_window(ctx.calendar, year)
    except DataError:
        window = None
    return fiscal_ref("year", window)


# ---------------------------------------------------------------- since and stated periods


def atom_date(text: str, ctx: Context, *, before: date | None = None) -> date | None:
    """A date atom of a range or since: a written date or a weekday name."""
    name = re.match(r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s)?$", text.strip())
    if name:
        return weekday_date(replace(ctx, today=before or ctx.today, forward=False), name[1])
    return parse_date(text, before or ctx.today, forward=ctx.forward and before is None)


def resolve_since(m: re.Match, ctx: Context) -> TimeRef | None:
    """"since Jan. 5" is measured from Jan. 5's close; counting Jan. 5 itself is the other reading."""
    day = atom_date(m["a"], ctx)
    if day is None or record_context(m):
        return None
    session = ctx.calendar.is_session(day)
    notes = () if session else (f"{day} was not a session",)
    readings = ()
    if not g(m, "close") and session and ctx.anchor and day < ctx.anchor:
        readings = (reading("since", day, ctx.anchor),)
    return since_ref(ctx, day, readings=readings, notes=notes)


def resolve_since_month(m: re.Match, ctx: Context) -> TimeRef | None:
    if record_context(m) or ctx.anchor is None:
        return None
    month = MONTHS[m["mon"].lower()]
    year = year_of(g(m, "year")) or ctx.anchor.year - (month > ctx.anchor.month)
    start = date(year, month, {"early": 1, "mid": 11, "late": 21}.get((g(m, "part") or "").strip(" -").lower(), 1))
    if (g(m, "edge") or "").lower() == "end":
        start = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return since_ref(ctx, start - timedelta(days=1))


def resolve_since_year(m: re.Match, ctx: Context) -> TimeRef | None:
    if record_context(m):
        return None
    year = int(m["year"]) + ((g(m, "edge") or "").lower() in ("end", "close"))
    return since_ref(ctx, date(year, 1, 1) - timedelta(days=1))


def record_context(m: re.Match) -> bool:
    """"the longest streak since 2008": a record's reference, not the claim's window."""
    before = m.string[max(0, m.start() - 60):m.start()].lower()
    return RECORD_BEFORE.search(before) is not None


RECORD_BEFORE = re.compile(r"\b(?!(?:inter|inv|sugg|harv|requ|prot|dig)est\b)(?:\w{2,}est|first|most|record|seen)\s+(?:[\w-]+\s+){0,3}$")


def resolve_range(m: re.Match, ctx: Context) -> TimeRef | None:
    """"from A through B" counts A's session; "from A to B", "between A and B" run close to close."""
    end = atom_date(m["b"], ctx)
    start = end and atom_date(m["a"], ctx, before=end)
    if start is None or start > end:
        return None
    inclusive = find_period_window(ctx.calendar, start, end)
    from_close = close_to_close(ctx.calendar, start, inclusive)
    if from_close and (m["conj"].lower() in ("to", "and") or g(m, "close")):
        return window_ref("period", from_close, readings=(reading("period", inclusive.first, inclusive.last),))
    other = (reading("period", from_close.first, from_close.last),) if from_close else ()
    return window_ref("period", inclusive, readings=other)


def close_to_close(calendar: TradingCalendar, start: date, inclusive: Window) -> Window | None:
    """From the close of start's session through the window's last session (None if nothing is left)."""
    base = calendar.session_on_or_before(start)
    sessions = calendar.sessions_between(calendar.next_session(base), inclusive.last)
    return Window(base=base, sessions=sessions) if sessions else None


def resolve_day_range(m: re.Match, ctx: Context) -> TimeRef | None:
    """"January 5-22": the sessions of those days, both counted."""
    month = MONTHS[m["mon"].lower()]
    end = parse_date(f"{m['mon']} {m['d2']}" + (f", {m['year']}" if g(m, "year") else ""), ctx.today, forward=ctx.forward)
    if end is None or int(m["d1"]) > int(m["d2"]):
        return None
    return window_ref("period", find_period_window(ctx.calendar, date(end.year, month, int(m["d1"])), end))


# ---------------------------------------------------------------- the patterns, as data

WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
       r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
FULL_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
YEAR = r"(?:19|20)\d\d"
NUM = r"(?:\d{1,3}|" + "|".join(NUMBER_WORDS) + ")"
DAY = (rf"(?:{WD},?\s+)?(?:{MON}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+{YEAR}\b)?"
       rf"|{YEAR}-\d\d-\d\d\b|\d{{1,2}}/\d{{1,2}}/(?:{YEAR}|\d\d)\b)")
ATOM = rf"(?:{DAY}|\d{{1,2}}/\d{{1,2}}\b|{WD}(?:['’]s)?)"
CLOSE = r"(?P<close>\s+(?i:close|closing\s+level|finish|settle|low|high|peak|trough|bottom))?"
THE = r"(?:(?:its|the|their)\s+)?"


def rx(pattern: str) -> re.Pattern:
    return re.compile(pattern)


Resolver = Callable[[re.Match, Context], "TimeRef | None"]
PATTERNS: tuple[tuple[str, re.Pattern, Resolver], ...] = (
    ("range", rx(rf"(?i:\b(?:from|between)\s+){THE}(?P<a>{ATOM}){CLOSE}\s+(?i:(?P<conj>through|thru|until|till|to|and))\s+{THE}(?P<b>{ATOM})(?i:\s+close)?"), resolve_range),
    ("day_range", rx(rf"\b(?P<mon>{MON})\.?\s+(?P<d1>\d{{1,2}})\s*(?:-|–|(?i:to|through))\s*(?P<d2>\d{{1,2}})\b(?!/)(?:,?\s+(?P<year>{YEAR}))?"), resolve_day_range),
    ("week_ended", rx(rf"(?i:\b(?:(?:for|in|during|over)\s+)?the\s+week\s+(?:ended|ending|through|to)\s+)(?P<a>{ATOM})"), resolve_week_ended),
    ("since", rx(rf"(?i:\bsince\s+){THE}(?P<a>{ATOM}){CLOSE}"), resolve_since),
    ("from_close", rx(rf"(?i:\bfrom\s+(?:its|the|their)\s+)(?P<a>{ATOM})(?P<close>\s+(?i:close|closing\s+level|finish))"), resolve_since),
    ("since_month", rx(rf"(?i:\bsince\s+(?:(?:the\s+)?(?P<edge>start|beginning|end)\s+of\s+)?)(?P<part>(?i:early|mid|late)[\s-]+)?(?P<mon>{FULL_MON})(?:\s+(?P<year>{YEAR}))?\b(?!\s*\d)"), resolve_since_month),
    ("since_year", rx(rf"(?i:\bsince\s+(?:(?:the\s+)?(?P<edge>start|beginning|end|close)\s+of\s+)?)(?P<year>{YEAR})\b"), resolve_since_year),
    ("date", rx(DAY), resolve_date),
    ("numeric_date", rx(r"(?i:\bon\s+)\d{1,2}/\d{1,2}\b(?!/)"), resolve_date),
    ("weekday", rx(rf"(?i:\b(?P<prefix>last|this\s+past|past|next)\s+)?\b(?<!Good\s)(?<!Black\s)(?P<wd>{WD})(?:['’]s)?\b"), resolve_weekday),
    ("today", rx(r"(?i:\b(?:today['’]s|today|on\s+the\s+day|for\s+the\s+day|on\s+the\s+session|in\s+(?:today['’]s|the)\s+session"
                 r"|this\s+(?:morning|afternoon)|(?:in|during)\s+(?:early|late|midday|afternoon|morning)\s+trading|intraday)\b)"), resolve_today),
    ("yesterday", rx(r"(?i:\byesterday(?:['’]s)?\b)"), resolve_yesterday),
    ("tomorrow", rx(r"(?i:\btomorrow(?:['’]s)?\b)"), resolve_tomorrow),
    ("overnight", rx(r"(?i:\bovernight\b)"), resolve_overnight),
    ("this_week", rx(r"(?i:\b(?:so\s+far\s+this\s+week|this\s+week|(?:for|on|over|during|in|of)\s+the\s+week|week[\s-]to[\s-]date|wtd|weekly)\b)"), resolve_this_week),
    ("last_week", rx(r"(?i:\b(?:last|the\s+previous|the\s+prior)\s+week\b)"), resolve_last_week),
    ("next_week", rx(r"(?i:\bnext\s+week\b)"), resolve_next_week),
    ("past_n", rx(rf"(?i:\b(?:(?:over|in|during|for)\s+)?the\s+(?:past|last|previous|prior)\s+(?P<n>{NUM})\s+(?P<unit>trading\s+days|trading\s+sessions|sessions|days|weeks|months|years)\b)"), resolve_past_n),
    ("earlier_this", rx(r"(?i:\b(?:earlier|sometime)\s+(?:this|in\s+the)\s+(?P<unit>week|month|quarter|year)\b)"), resolve_earlier_this),
    ("previous_session", rx(r"(?i:\b(?:in\s+|during\s+)?the\s+(?:previous|prior|preceding)\s+(?:session|trading\s+day)\b)"), resolve_previous_session),
    ("past_unit", rx(r"(?i:\b(?:(?:over|in|during|for)\s+)?the\s+(?:past|last)\s+(?P<unit>week|month|year|session|trading\s+day|24\s+hours|twelve\s+months|12\s+months)\b)"), resolve_past_unit),
    ("ended_week", rx(r"(?i:\b(?:ended|ending|closed|finished|capped|wrapped\s+up)\s+the\s+week\b)"), resolve_this_week),
    ("ended_month", rx(r"(?i:\b(?:ended|ending|closed|finished|capped|wrapped\s+up)\s+the\s+month\b)"), resolve_ended_month),
    ("ended_quarter", rx(r"(?i:\b(?:ended|ending|closed|finished|capped|wrapped\s+up)\s+the\s+quarter\b)"), resolve_this_quarter),
    ("year_end", rx(rf"(?i:\b(?:ended|closed|finished|at\s+the\s+end\s+of|as\s+of\s+the\s+end\s+of)\s+)(?P<year>{YEAR})\b"), resolve_year_end),
    ("first_n", rx(rf"(?i:\b(?:(?:in|over|during)\s+)?the\s+first\s+(?P<n>{NUM})\s+(?P<unit>trading\s+days|trading\s+sessions|sessions|weeks)\s+of\s+(?:the\s+year|this\s+year|(?P<year>{YEAR})))\b"), resolve_first_n),
    ("first_week", rx(rf"(?i:\b(?:in\s+|during\s+)?the\s+first\s+week\s+of\s+(?:the\s+year|this\s+year|(?P<year>{YEAR})))\b"), resolve_first_week),
    ("this_month", rx(r"(?i:\b(?:so\s+far\s+this\s+month|this\s+month|month[\s-]to[\s-]date|mtd|(?:for|on|in)\s+the\s+month|monthly)\b)"), resolve_this_month),
    ("last_month", rx(r"(?i:\b(?:last|the\s+previous|the\s+prior)\s+month\b)"), resolve_last_month),
    ("next_month", rx(r"(?i:\bnext\s+month\b)"), resolve_next_month),
    ("month_in", rx(rf"(?i:\b(?:in|during|for|through|throughout|over|of)\s+)(?P<part>(?i:early|mid|late)[\s-]+)?(?P<mon>{FULL_MON}|{MON}\.)(?:\s+(?P<year>{YEAR}))?\b(?!\s*\d)"), resolve_named_month),
    ("month_year", rx(rf"\b(?P<part>(?i:early|mid|late)[\s-]+)?(?P<mon>{MON})\.?\s+(?P<year>{YEAR})\b"), resolve_named_month),
    ("month_own", rx(rf"\b(?P<mon>{FULL_MON})['’]s\b"), resolve_named_month),
    # "March was a rough month …", "January marked a turn …": the month a sentence is about
    ("month_subject", rx(rf"(?:^|(?<=[.!?:]\s)|(?<=\n)|(?<=[-–•*]\s))(?P<mon>{FULL_MON})\s+(?:(?P<year>{YEAR})\s+)?(?:was|marked|saw|delivered|brought|proved|turned\s+out|ended|closed|finished|capped)\b"), resolve_named_month),
    ("quarter", rx(rf"(?i:\b(?:the\s+)?(?P<fiscal>fiscal(?:[\s-]year)?\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter\b(?:\s+(?:of\s+)?(?P<fiscal2>fiscal\s+)?(?P<year>{YEAR})\b)?)"), resolve_quarter),
    ("quarter_code", rx(rf"\b(?:(?P<fiscal>(?i:fiscal)\s+|F))?Q(?P<n>[1-4])(?:\s+(?P<fiscal2>FY\s?)?['’]?(?P<year>{YEAR}|\d\d)|['’](?P<y2>\d\d))?\b(?!%)"), resolve_quarter),
    ("quarter_code2", rx(rf"\b(?P<n>[1-4])Q\s?['’]?(?P<year>{YEAR}|\d\d)\b"), resolve_quarter),
    ("this_quarter", rx(r"(?i:\b(?:so\s+far\s+this\s+quarter|(?:this|the\s+current)\s+quarter|quarter[\s-]to[\s-]date|qtd|(?:for|on|in)\s+the\s+quarter)\b)"), resolve_this_quarter),
    ("last_quarter", rx(r"(?i:\b(?:last|the\s+previous|the\s+prior)\s+quarter\b)"), resolve_last_quarter),
    ("half", rx(rf"(?i:\b(?:the\s+)?(?P<ord>first|second)[\s-]half\b(?:\s+of\s+(?P<year>{YEAR})\b)?)(?![\s-]+hour)(?!\s+of\s+(?:the\s+)?(?:session|day|trading|month|week))"), resolve_half),
    ("half_code", rx(rf"\b(?:H(?P<n>[12])|(?P<n2>[12])H)(?:\s+(?P<year>{YEAR})|['’]?(?P<y2>\d\d))?\b"), resolve_half),
    ("ytd", rx(rf"(?i:\b(?:so\s+far\s+(?:this\s+year|in\s+{YEAR})|(?:for\s+the\s+)?year[\s-]to[\s-]date|ytd|since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year"
               r"|since\s+(?:the\s+end\s+of\s+last\s+year|year[\s-]end)|the\s+year\s+so\s+far|this\s+year)\b)"), resolve_ytd),
    ("for_the_year", rx(r"(?i:\b(?:for|on|over|throughout|during)\s+the\s+(?:full\s+|whole\s+|entire\s+)?year\b)"), resolve_for_the_year),
    ("last_year", rx(r"(?i:\b(?:last|the\s+previous|the\s+prior)\s+year\b)"), resolve_last_year),
    ("part_of_year", rx(rf"(?i:\b(?:(?:in|during|for|throughout|through)\s+)?(?:(?:much|all|most|part)\s+of\s+|(?P<part>early|mid|late)[\s-]+))(?P<year>{YEAR})\b"), resolve_part_of_year),
    ("fiscal_year", rx(rf"(?:(?i:\bfiscal(?:[\s-]year)?\s+)|\bFY\s?['’]?)(?P<year>{YEAR}|\d\d)\b"), resolve_fiscal_year),
    ("year", rx(rf"(?:(?i:\b(?:in|for|during|throughout|over|across|calendar)\s+)(?P<year>{YEAR})\b(?![-/]\d)|(?<!Russell\s)(?<!Wilshire\s)\b(?P<own>{YEAR})['’]s\b)"), resolve_year),
)


# ---------------------------------------------------------------- finding and choosing

CLAUSE_BREAK = re.compile(r"[;:]|\b(?:and|but|while|whereas|which|as|after|following|before|than|compared|versus|vs)\b", re.I)
LEVEL_BEFORE = re.compile(r"\b(?:its|their|the)\s+$", re.I)
LEVEL_AFTER = re.compile(r"\s+(?:record|high|peak|low|close|closing|level|top|bottom|trough)\b", re.I)
OTHER_EVENT = re.compile(r"\b(?:after|following|before|than|compared|versus|vs)\b", re.I)
SEQUENCE = re.compile(r"\b(?:after|following|before)\b", re.I)
ANCHOR_LINK = re.compile(r"\s*(?:through|thru|as\s+of|to|ended|ending)\s+", re.I)
ANCHORABLE = {"this_week", "this_month", "this_quarter", "ytd", "for_the_year"}
EXPLICIT = re.compile(rf"(?<!\d){YEAR}(?!\d)|\d{{1,2}}/\d{{1,2}}|{MON}\.?\s+\d{{1,2}}\b")
WEEKDAY_NAME = re.compile(WD)


class Found(NamedTuple):
    start: int
    end: int
    kind: str
    match: re.Match
    resolver: Resolver


def find_expressions(text: str, lo: int, hi: int) -> list[Found]:
    """Every time expression in text[lo:hi]; of overlapping ones the longest (then the first listed)."""
    return list(_find_expressions(text, lo, hi))


# Why: most patterns find nothing in a given sentence; one scan for the words they need skips them.
PATTERN_GATE = LiteralGate([pattern for _, pattern, _ in PATTERNS])


@lru_cache(maxsize=512)
def _find_expressions(text: str, lo: int, hi: int) -> tuple[Found, ...]:
    # Why cached: every claim of a sentence asks for the same window (a str caches its own hash).
    found = [Found(m.start(), m.end(), kind, m, resolver)
             for (kind, pattern, resolver), possible in zip(PATTERNS, PATTERN_GATE.possible(text, lo, hi))
             if possible for m in pattern.finditer(text, lo, hi)]
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: f.start - f.end):
        if all(f.end <= k.start or k.end <= f.start for k in kept):
            kept.append(f)
    return tuple(sorted(kept))


def source_of(label: str) -> str:
    if EXPLICIT.search(label):
        return "sentence"
    return "weekday" if WEEKDAY_NAME.search(label) else "relative"


UNRESOLVED = "unresolved"  # an expression found but not resolvable in this context


def resolve_found(text: str, found: list[Found], ctx: Context) -> list[TimeRef]:
    """Resolve each expression (a period linked to the day after it takes that day as its anchor)."""
    refs: list[TimeRef] = []
    linked = False
    stated = stated_as_of(text, found, ctx)
    dated = any(f.kind in ("date", "numeric_date", "weekday") for f in found)
    of_year = year_context(text, found, ctx)
    for f, nxt in zip(found, found[1:] + [None]):
        if linked:
            linked = False
            continue
        if dated and f.kind == "today" and not f.match[0].lower().startswith("today"):
            continue  # "in afternoon trading", "intraday": a time of the day the sentence names, not another day
        local = linked_anchor(text, f, nxt, ctx)
        linked, end = local is not None, nxt.end if local and nxt else f.end
        own = of_year if of_year and f.kind in YEARLESS and not re.search(YEAR, text[f.start:f.end]) else ctx
        ref = safe_resolve(f, local or (stated if f.kind in ANCHORABLE and stated else own))
        label = text[f.start:end]
        if ref is None and (ctx.today is not None or ctx.anchor is not None):
            continue  # the resolver declined (a record's reference, a date outside the calendar)
        if ref is None:
            # an undated page: a nearer expression it cannot resolve ("in April") is not passed over for a farther one
            ref = TimeRef(UNRESOLVED, None, None, None, None)
        refs.append(ref._replace(label=label, start=f.start, end=end, source=source_of(label)))
    return refs


def linked_anchor(text: str, f: Found, nxt: Found | None, ctx: Context) -> Context | None:
    """"year to date through Thursday": the context with Thursday's session as the anchor."""
    if f.kind not in ANCHORABLE or nxt is None or nxt.kind not in ("date", "numeric_date", "weekday"):
        return None
    if not ANCHOR_LINK.fullmatch(text, f.end, nxt.start):
        return None
    day = safe_resolve(nxt, ctx)
    if day is None or day.as_of is None:
        return None
    return replace(ctx, anchor=ctx.calendar.session_on_or_before(day.as_of))


YEARLESS = {"date", "range", "day_range"}


def year_context(text: str, found: list[Found], ctx: Context) -> Context | None:
    """"back in 1974 it slid eleven days, from September 20 to October 4": a sentence that names one
    earlier year (not as a "since") dates its year-less days in that year."""
    years = {int(f.match["year"]) for f in found if f.kind == "year" and f.match["year"]
             and not re.search(r"since\s+$", text[max(0, f.start - 8):f.start], re.I)}
    if len(years) != 1 or ctx.today is None:
        return None
    year = years.pop()
    if year >= ctx.today.year:
        return None
    end = date(year, 12, 31)
    try:
        anchor = ctx.calendar.session_on_or_before(end)
    except DataError:
        return None
    return replace(ctx, today=end, anchor=anchor, clock=None)


AS_OF_BEFORE = re.compile(r"\bas\s+of\s+(?:the\s+)?$", re.I)


def stated_as_of(text: str, found: list[Found], ctx: Context) -> Context | None:
    """"(as of the Thursday close) the index was 2% lower for the year": the day the window's periods run through."""
    for f in found:
        if f.kind in ("date", "numeric_date", "weekday") and AS_OF_BEFORE.search(text, max(0, f.start - 12), f.start):
            day = safe_resolve(f, ctx)
            if day is not None and day.as_of is not None and "forward" not in day.notes:
                return replace(ctx, anchor=ctx.calendar.session_on_or_before(day.as_of))
    return None


def safe_resolve(f: Found, ctx: Context) -> TimeRef | None:
    try:
        return f.resolver(f.match, ctx)
    except DataError:  # a date outside the calendar is no reading
        return None


def rank(text: str, span: tuple[int, int], ref: TimeRef) -> tuple[int, int, int]:
    """Sort key: overlapping or attached first, then no clause break between, then distance."""
    s, e = span
    if ref.start < e and s < ref.end:
        return (0, 0, 0)
    gap = text[e:ref.start] if ref.start >= e else text[ref.end:s]
    broken = CLAUSE_BREAK.search(gap) is not None
    attached = ref.start >= e and not broken and len(gap) <= 30
    return (int(broken), int(not attached), len(gap))


def other_event(text: str, span: tuple[int, int], ref: TimeRef) -> bool:
    """"rose 1.2% after Tuesday's slide", "3% below its Jan. 5 record": another event's time."""
    s, e = span
    gap = text[e:ref.start] if ref.start >= e else text[ref.end:s]
    # "In March the Nasdaq fell 8% versus the S&P 500's 5.8%": a comparison after the time shares it
    if (OTHER_EVENT if ref.start >= e else SEQUENCE).search(gap):
        return True
    return ref.start >= e and LEVEL_BEFORE.search(text, 0, ref.start) is not None and \
        LEVEL_AFTER.match(text, ref.end) is not None


# ---------------------------------------------------------------- the entry point


def resolve_time(text: str, span: tuple[int, int], *, published: datetime | date | None,
                 calendar: TradingCalendar, window: tuple[int, int] | None = None,
                 carried: TimeRef | None = None, forward: bool = False) -> TimeRef | None:
    """The time of the claim at text[span]: its basis, session, window and the words deciding it."""
    ctx = make_context(published, calendar, carried, forward)
    lo, hi = window or (0, len(text))
    refs = resolve_found(text, find_expressions(text, lo, hi), ctx)
    fallback = fallback_ref(ctx, carried)
    if refs:
        refs.sort(key=lambda r: rank(text, span, r))
        if refs[0].basis == UNRESOLVED:
            return fallback
        refs = [r for r in refs if r.basis != UNRESOLVED]
        best = refs[0]
        if fallback is not None and other_event(text, span, best):
            best, refs = fallback, [fallback] + refs
        return with_readings(best, refs[1:])
    return fallback


def make_context(published: datetime | date | None, calendar: TradingCalendar,
                 carried: TimeRef | None, forward: bool) -> Context:
    clock = read_clock(published, calendar) if published is not None else None
    carried_day = carried.as_of if carried is not None else None
    today = clock.today if clock else carried_day
    anchor = calendar.session_on_or_before(carried_day) if carried_day else clock and clock.session
    return Context(calendar, today, anchor, clock, forward)


def fallback_ref(ctx: Context, carried: TimeRef | None) -> TimeRef | None:
    if carried is not None:
        return carried._replace(source="carried")
    return publication_ref(ctx.clock, ctx.calendar) if ctx.clock else None


def with_readings(best: TimeRef, others: list[TimeRef]) -> TimeRef:
    own = reading_of(best)
    seen = dict.fromkeys(best.readings + tuple(reading_of(r) for r in others if r.first))
    seen.pop(own, None)
    return best._replace(readings=tuple(seen))
