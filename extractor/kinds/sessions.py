"""Facts about the exchange calendar itself: "U.S. markets are closed today for Good Friday", "stock
markets will be shut on Thursday for Thanksgiving", "with three trading sessions left in 2025".

- metric market_closed: other_numeric, no figure, as_of = the day said to have no session (from a
  date in the sentence, the holiday it names, or "today"); reference = the holiday as written.
- metric sessions_left: other_numeric, value N, unit sessions, as_of = the publication day,
  period_end = the last day of the period named (the year, the month, the quarter).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter

from ..dates import MONTH_NAMES, find_dates, month_end
from ..models import Candidate
from ..normalize import parse_number
from .context import Anchor, Context, candidate, iso, sentence_of

_HOLIDAYS = (r"new\s+year['’]?s(?:\s+day)?|(?:martin\s+luther\s+king(?:\s+jr\.?)?|mlk)(?:\s+day)?|presidents['’]?\s+day|washington['’]?s\s+birthday"
             r"|good\s+friday|memorial\s+day|juneteenth|independence\s+day|(?:the\s+)?fourth\s+of\s+july|july\s+4(?:th)?|labor\s+day"
             r"|thanksgiving(?:\s+day)?|christmas(?:\s+day)?")
CLOSED = re.compile(
    r"\b(?:(?:u\.?s\.?\s+)?(?:stock\s+)?markets?|(?:u\.?s\.?\s+)?exchanges|wall\s+street|the\s+(?:nyse|new\s+york\s+stock\s+exchange)(?:\s+and\s+(?:the\s+)?nasdaq)?)"
    r"\s+(?:are|were|was|is|will\s+be|remain|remained|will\s+remain|stay|stayed|will\s+stay)\s+(?:closed|shut)\b"
    r"(?!\s+(?:higher|lower|up|down|at|mixed|flat|near|in\s+the\s+(?:red|green)))"
    r"(?P<rest>[^.;\n]{0,90})", re.I)
HOLIDAY = re.compile(_HOLIDAYS, re.I)
TODAY = re.compile(r"\btoday\b", re.I)
LEFT = re.compile(
    r"\b(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:more\s+)?(?:full\s+)?"
    r"(?P<unit>trading\s+(?:sessions|days)|sessions)\s+(?:left|remaining|to\s+go)\s+(?:in|of|before\s+the\s+end\s+of)\s+"
    r"(?:the\s+)?(?P<period>year|month|quarter|(?:19|20)\d\d|" + "|".join(MONTH_NAMES) + r")\b", re.I)


def session_fact_candidates(ctx: Context, sents: list) -> list[Candidate]:
    text = ctx.article.text
    low = text.lower()
    if "closed" not in low and "shut" not in low and "left" not in low and "remaining" not in low:
        return []
    starts = [s.start for s in sents]
    out = []
    for m in CLOSED.finditer(text):
        if (made := _closed(ctx, m, sents, starts)) is not None:
            out.append(made)
    for m in LEFT.finditer(text):
        if (made := _left(ctx, m, sents, starts)) is not None:
            out.append(made)
    return out


def _anchor(ctx: Context, m: re.Match, sents: list, starts: list[int]) -> Anchor | None:
    span = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
    return None if span is None else Anchor("SESSION_FACT", span, sentence_of(sents, starts, span.start), ctx.article.text)


def _closed(ctx: Context, m: re.Match, sents: list, starts: list[int]) -> Candidate | None:
    published = ctx.article.published
    anchor = _anchor(ctx, m, sents, starts)
    if anchor is None or published is None:
        return None
    holiday = HOLIDAY.search(anchor.sent_text)
    days = [d.first for d in find_dates(m["rest"], published) if d.grain == "day"]
    day = days[0] if days else holiday_date(holiday.group(0), published) if holiday else \
        published if TODAY.search(m["rest"]) else None
    if day is None:
        return None
    return candidate(ctx, anchor, "other_numeric", m.start(), m.end(), subject="NYSE", metric="market_closed",
                     reference=holiday.group(0) if holiday else None, as_of=iso(day))


def _left(ctx: Context, m: re.Match, sents: list, starts: list[int]) -> Candidate | None:
    published = ctx.article.published
    anchor = _anchor(ctx, m, sents, starts)
    if anchor is None or published is None:
        return None
    period = m["period"].lower()
    if period.isdigit():
        end = date(int(period), 12, 31)
    elif period == "year":
        end = date(published.year, 12, 31)
    elif period == "month":
        end = month_end(published.year, published.month)
    elif period == "quarter":
        last = (published.month + 2) // 3 * 3
        end = month_end(published.year, last)
    else:
        end = month_end(published.year, MONTH_NAMES.index(period) + 1)
    if end < published:
        return None
    return candidate(ctx, anchor, "other_numeric", m.start(), m.end(), subject="NYSE", metric="sessions_left",
                     value=str(parse_number(m["n"])), unit="sessions", as_of=iso(published), period_end=iso(end),
                     period_label=m["period"])


def holiday_date(name: str, near: date) -> date | None:
    """The date of the holiday named, in the year that puts it nearest to `near` (observed on the
    Friday before or the Monday after when it falls on a weekend)."""
    options = [d for year in (near.year - 1, near.year, near.year + 1) if (d := _holiday_in(name.lower(), year))]
    best = min(options, key=lambda d: abs((d - near).days), default=None)
    return best if best is not None and abs((best - near).days) <= 45 else None


def _holiday_in(name: str, year: int) -> date | None:
    if name.startswith("new year"):
        return _observed(date(year, 1, 1))
    if "king" in name or name.startswith("mlk"):
        return _nth_weekday(year, 1, 0, 3)
    if "president" in name or "washington" in name:
        return _nth_weekday(year, 2, 0, 3)
    if "good friday" in name:
        return easter(year) - timedelta(days=2)
    if "memorial" in name:
        return _last_weekday(year, 5, 0)
    if "juneteenth" in name:
        return _observed(date(year, 6, 19))
    if "independence" in name or "july" in name:
        return _observed(date(year, 7, 4))
    if "labor" in name:
        return _nth_weekday(year, 9, 0, 1)
    if "thanksgiving" in name:
        return _nth_weekday(year, 11, 3, 4)
    if "christmas" in name:
        return _observed(date(year, 12, 25))
    return None


def _observed(day: date) -> date:
    return day - timedelta(days=1) if day.weekday() == 5 else day + timedelta(days=1) if day.weekday() == 6 else day


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = month_end(year, month)
    return last - timedelta(days=(last.weekday() - weekday) % 7)
