"""Date expressions in article text: find them and resolve them against a reference date."""

from __future__ import annotations

import calendar as stdcal
import re
from datetime import date, timedelta
from typing import NamedTuple

MONTHS = {name.lower(): i for i, name in enumerate(stdcal.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(stdcal.month_abbr) if name})
MONTHS["sept"] = 9
MONTH_NAMES = tuple(name.lower() for name in stdcal.month_name if name)  # "january" .. "december"
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
# Why the lookaheads on first letters: they only skip positions where no alternative can start,
# and spare the regex engine trying ~30 alternatives at every character (4× faster, same matches).
_CAPITAL = r"(?=[A-Z])"
FULL_DATE = re.compile(_CAPITAL + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b")
MONTH_DAY = re.compile(_CAPITAL + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s+(?:19|20)\d\d)")
MONTH_YEAR = re.compile(r"(?=[ejflmasond])(?P<part>(?:early|mid|late)[- ])?" + _MONTH + r"\s+(?P<year>(?:19|20)\d\d)\b", re.I)
SEASON_YEAR = re.compile(r"(?=[sfaw])(?P<season>summer|spring|fall|autumn|winter)\s+of\s+(?P<year>(?:19|20)\d\d)\b", re.I)
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
YEAR_ONLY = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b")
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}


class DateMention(NamedTuple):
    start: int
    end: int
    first: date
    last: date
    grain: str  # day | month | season | year


def month_end(year: int, month: int) -> date:
    return date(year, month, stdcal.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_full_dates(text: str) -> list[DateMention]:
    """Dates written with day, month and year ("Thursday, January 15, 2026", "2026-01-15")."""
    found = []
    for m in FULL_DATE.finditer(text):
        d = _safe_date(int(m["year"]), MONTHS[m["month"].lower()], int(m["day"]))
        if d:
            found.append(DateMention(m.start(), m.end(), d, d, "day"))
    for m in ISO_DATE.finditer(text):
        d = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
        if d:
            found.append(DateMention(m.start(), m.end(), d, d, "day"))
    return sorted(found)


def resolve_month_day(month: int, day: int, reference: date) -> date | None:
    """A year-less date is the latest such date not far after the reference date."""
    for year in (reference.year, reference.year - 1):
        d = _safe_date(year, month, day)
        if d and d <= reference + timedelta(days=31):
            return d
    return None


def find_dates(text: str, reference: date | None) -> list[DateMention]:
    """Every date expression in text, year-less ones resolved against the reference date."""
    found = find_full_dates(text)
    taken = [(d.start, d.end) for d in found]
    if reference:
        for m in MONTH_DAY.finditer(text):
            d = resolve_month_day(MONTHS[m["month"].lower()], int(m["day"]), reference)
            if d and not _overlaps(m.start(), m.end(), taken):
                found.append(DateMention(m.start(), m.end(), d, d, "day"))
    for m in MONTH_YEAR.finditer(text):
        if not _overlaps(m.start(), m.end(), taken):
            found.append(month_year_mention(m))
    for m in SEASON_YEAR.finditer(text):
        found.append(season_mention(m))
    return sorted(found)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def month_year_mention(m: re.Match) -> DateMention:
    year, month = int(m["year"]), MONTHS[m["month"].lower()]
    first, last = date(year, month, 1), month_end(year, month)
    part = (m["part"] or "").strip("- ").lower()
    if part == "early":
        last = date(year, month, 10)
    elif part == "mid":
        first, last = date(year, month, 11), date(year, month, 20)
    elif part == "late":
        first = date(year, month, 21)
    return DateMention(m.start(), m.end(), first, last, "month")


def season_mention(m: re.Match) -> DateMention:
    year = int(m["year"])
    first_month, last_month = SEASON_MONTHS[m["season"].lower()]
    first_year = year - 1 if first_month > last_month else year
    first = date(first_year, first_month, 1)
    return DateMention(m.start(), m.end(), first, month_end(year, last_month), "season")


def period_of(text: str) -> tuple[date, date, str] | None:
    """The period a reference like "May 1996", "the summer of 2008" or "1990" stands for."""
    for finder in (SEASON_YEAR, MONTH_YEAR):
        m = finder.search(text)
        if m:
            mention = season_mention(m) if finder is SEASON_YEAR else month_year_mention(m)
            return mention.first, mention.last, mention.grain
    m = YEAR_ONLY.search(text)
    if m:
        year = int(m["year"])
        return date(year, 1, 1), date(year, 12, 31), "year"
    return None


def previous_weekday(d: date) -> date:
    """The weekday before d (a stand-in until the trading calendar decides)."""
    d -= timedelta(days=1)
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


# ---------------------------------------------------------------- single dates (timeframe)

NUMERIC_DATE = re.compile(r"\b(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])(?:/(?P<year>(?:19|20)?\d\d))?\b")


def resolve_month_day_forward(month: int, day: int, reference: date) -> date | None:
    """A year-less date in forward-looking text: the first such date on or after the reference."""
    for year in (reference.year, reference.year + 1):
        d = _safe_date(year, month, day)
        if d and d >= reference:
            return d
    return None


def parse_date(text: str, reference: date | None, *, forward: bool = False) -> date | None:
    """The one date written in text ("Jan. 15", "January 15, 2026", "2026-01-15", "1/22/2026")."""
    m = FULL_DATE.search(text) or ISO_DATE.search(text)
    if m:
        month = int(m["month"]) if m["month"].isdigit() else MONTHS[m["month"].lower()]
        return _safe_date(int(m["year"]), month, int(m["day"]))
    m = MONTH_DAY.search(text)
    month_day = (MONTHS[m["month"].lower()], int(m["day"])) if m else None
    m = None if month_day else NUMERIC_DATE.search(text)
    if m and m["year"]:
        year = int(m["year"]) + (2000 if len(m["year"]) == 2 else 0)
        return _safe_date(year, int(m["month"]), int(m["day"]))
    month_day = month_day or (m and (int(m["month"]), int(m["day"])))
    if not month_day or reference is None:
        return None
    resolver = resolve_month_day_forward if forward else resolve_month_day
    return resolver(*month_day, reference)
