"""NYSE sessions (exchange_calendars stays here) and the session windows checks need.

Build a TradingCalendar once with load_calendar() (about a second from 1927) and pass it
around; every query afterwards is a bisect over a tuple of dates.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import metadata
from pathlib import Path

from extractor.datacache import DataCache
from extractor.errors import DataError

log = logging.getLogger(__name__)

# exchange_calendars defaults to ~20 years back; the S&P 500 data starts in 1927.
DEFAULT_START = date(1927, 1, 1)
CODE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # a cached calendar is what this code built


class SessionSpan:
    """Anything holding an ascending tuple of sessions: its first and last session."""

    sessions: tuple[date, ...]

    @property
    def first(self) -> date:
        """The first session covered."""
        return self.sessions[0]

    @property
    def last(self) -> date:
        """The last session covered."""
        return self.sessions[-1]


@dataclass(frozen=True, eq=False)
class TradingCalendar(SessionSpan):
    """The sessions of one exchange, ascending; queries never touch exchange_calendars."""

    name: str
    sessions: tuple[date, ...]

    def is_session(self, day: date) -> bool:
        """True when the exchange traded on day."""
        pos = bisect.bisect_left(self.sessions, day)
        return pos < len(self.sessions) and self.sessions[pos] == day

    def session_on_or_before(self, day: date) -> date:
        """day itself when it is a session, else the previous session."""
        pos = bisect.bisect_right(self.sessions, day) - 1
        return self._at(pos, day)

    def session_on_or_after(self, day: date) -> date:
        """day itself when it is a session, else the next session."""
        return self._at(bisect.bisect_left(self.sessions, day), day)

    def previous_session(self, day: date) -> date:
        """The last session strictly before day."""
        return self._at(bisect.bisect_left(self.sessions, day) - 1, day)

    def next_session(self, day: date) -> date:
        """The first session strictly after day."""
        return self._at(bisect.bisect_right(self.sessions, day), day)

    def sessions_between(self, start: date, end: date) -> tuple[date, ...]:
        """Sessions from start to end, both inclusive."""
        self._covers(start, end)
        low = bisect.bisect_left(self.sessions, start)
        return self.sessions[low:bisect.bisect_right(self.sessions, end)]

    def count_sessions(self, start: date, end: date) -> int:
        """How many sessions lie between start and end, both inclusive."""
        return len(self.sessions_between(start, end))

    def _at(self, pos: int, day: date) -> date:
        if pos < 0 or pos >= len(self.sessions):
            raise DataError(f"{day} is outside the {self.name} calendar ({self.first}..{self.last})")
        return self.sessions[pos]

    def _covers(self, start: date, end: date) -> None:
        if start < self.first or end > self.last:
            raise DataError(f"{start}..{end} is outside the {self.name} calendar ({self.first}..{self.last})")


@dataclass(frozen=True)
class Window(SessionSpan):
    """A span of sessions: the base session (the close before the window) and its sessions."""

    base: date
    sessions: tuple[date, ...]


@dataclass(frozen=True)
class CalendarGaps:
    """Disagreements between the calendar and the dates present in a price series."""

    symbol: str
    missing_from_data: tuple[date, ...]
    not_sessions: tuple[date, ...]

    @property
    def ok(self) -> bool:
        """True when calendar and data agree on every session."""
        return not self.missing_from_data and not self.not_sessions


@functools.lru_cache(maxsize=4)
def load_calendar(name: str = "XNYS", *, start: date = DEFAULT_START, end: date | None = None,
                  cache: DataCache | None = None) -> TradingCalendar:
    """Build the sessions of an exchange calendar (cached in the process, and in `cache` across runs)."""
    if cache is None:
        return build_calendar(name, start=start, end=end)
    sessions = cache.load("calendar", calendar_key(name, start, end), build=lambda: build_calendar(name, start=start, end=end).sessions,
                          encode=lambda days: [day.isoformat() for day in days], decode=lambda rows: tuple(map(date.fromisoformat, rows)))
    return TradingCalendar(name=name, sessions=sessions)


def calendar_key(name: str, start: date, end: date | None) -> list[str]:
    """What build_calendar's sessions depend on: its arguments, the libraries' versions, this code and, for
    an open end, today (exchange_calendars ends a calendar a year after the local date)."""
    versions = [metadata.version(package) for package in ("exchange_calendars", "pandas")]
    return [name, start.isoformat(), end.isoformat() if end else date.today().isoformat(), *versions, CODE_DIGEST]


def build_calendar(name: str, *, start: date, end: date | None) -> TradingCalendar:
    """The sessions of an exchange calendar from exchange_calendars (the slow part: about 0.3 s)."""
    import exchange_calendars

    kwargs = {"start": start.isoformat()} | ({"end": end.isoformat()} if end else {})
    try:
        source = exchange_calendars.get_calendar(name, **kwargs)
    except Exception as exc:  # exchange_calendars raises many unrelated types
        raise DataError(f"cannot build calendar {name}: {exc}") from exc
    sessions = tuple(stamp.date() for stamp in source.sessions)
    log.info("calendar %s: %d sessions %s..%s", name, len(sessions), sessions[0], sessions[-1])
    return TradingCalendar(name=name, sessions=sessions)


def make_calendar(sessions: Iterable[date], *, name: str = "custom") -> TradingCalendar:
    """A calendar from an explicit list of sessions (tests, or data-defined calendars)."""
    ordered = tuple(sorted(set(sessions)))
    if not ordered:
        raise DataError("a calendar needs at least one session")
    return TradingCalendar(name=name, sessions=ordered)


def find_calendar_gaps(calendar: TradingCalendar, dates: Iterable[date], *, symbol: str = "") -> CalendarGaps:
    """Sessions the data lacks, and data dates that are not sessions, over the data's span."""
    present = tuple(sorted(set(dates)))
    if not present:
        return CalendarGaps(symbol, (), ())
    start, end = max(present[0], calendar.first), min(present[-1], calendar.last)
    expected = set(calendar.sessions_between(start, end)) if start <= end else set()
    in_span = {day for day in present if start <= day <= end}
    return CalendarGaps(symbol, tuple(sorted(expected - in_span)),
                        tuple(sorted(day for day in present if not calendar.is_session(day))))


def find_period_window(calendar: TradingCalendar, start: date, end: date) -> Window:
    """Sessions from start to end; the base is the session before the first one."""
    sessions = calendar.sessions_between(start, end)
    if not sessions:
        raise DataError(f"no {calendar.name} session between {start} and {end}")
    return Window(base=calendar.previous_session(sessions[0]), sessions=sessions)


def find_month_window(calendar: TradingCalendar, year: int, month: int, *, through: date | None = None) -> Window:
    """The month's sessions (to `through` if given); base = the previous month-end close."""
    first = date(year, month, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return find_period_window(calendar, first, min(last, through) if through else last)


def find_ytd_window(calendar: TradingCalendar, day: date) -> Window:
    """Year-to-date through day; base = the last close of the previous year."""
    return find_period_window(calendar, date(day.year, 1, 1), day)


def find_year_window(calendar: TradingCalendar, year: int, *, through: date | None = None) -> Window:
    """The calendar year's sessions (to `through` if given); base = the prior year's last close."""
    last = date(year, 12, 31)
    return find_period_window(calendar, date(year, 1, 1), min(last, through) if through else last)


def find_week_window(calendar: TradingCalendar, day: date) -> Window:
    """The Monday-to-Friday week containing day, through day; base = prior week's last close."""
    monday = day - timedelta(days=day.weekday())
    return find_period_window(calendar, monday, day)


def find_quarter_window(calendar: TradingCalendar, year: int, quarter: int, *, through: date | None = None) -> Window:
    """The calendar quarter's sessions (to `through` if given); base = the prior quarter's last close."""
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - timedelta(days=1)
    return find_period_window(calendar, first, min(last, through) if through else last)


def find_last_sessions_window(calendar: TradingCalendar, day: date, count: int) -> Window:
    """The `count` sessions ending on or before day; base = the session before them."""
    end = bisect.bisect_right(calendar.sessions, day)
    if count < 1 or end - count < 1:
        raise DataError(f"cannot take {count} sessions before {day} from {calendar.name}")
    sessions = calendar.sessions[end - count:end]
    return Window(base=calendar.sessions[end - count - 1], sessions=sessions)


def find_first_sessions_window(calendar: TradingCalendar, start: date, count: int) -> Window:
    """The first `count` sessions on or after start; base = the session before them."""
    low = bisect.bisect_left(calendar.sessions, start)
    sessions = calendar.sessions[low:low + count]
    if count < 1 or low < 1 or len(sessions) < count:
        raise DataError(f"cannot take {count} sessions from {start} in {calendar.name}")
    return Window(base=calendar.sessions[low - 1], sessions=sessions)
