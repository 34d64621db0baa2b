"""Seasonal statistics: "since 1961 the Nasdaq has gained 0.9% on average over the Santa Claus rally",
"up 17 of 28 with an average gain of 0.3%" — an average over the same window of many years, not one
session's move.

The window (which sessions of each year), the first year and the number of years are read from
the sentence, else from the sentences before it in the same paragraph ("Over the past 30 years
since 1995, the first trading day of March has been mixed. The Dow is up 17 of 30 ..."). The
claim keeps them as data for the check: metric seasonal_average (value in %) or seasonal_up /
seasonal_down (value = number of years), reference = the window key, period_start = 1 January
of the first year, period_end = 31 December of the last year when the count of years fixes it.
"""

from __future__ import annotations

import re
from datetime import date

from ..dates import MONTH_NAMES as MONTHS, month_end
from ..normalize import NormalizeError, parse_number
from .context import Anchor, Context, iso, paragraph_of

QUARTERS = {"q1": 1, "q2": 2, "q3": 3, "q4": 4, "first quarter": 1, "second quarter": 2, "third quarter": 3,
            "fourth quarter": 4}
_MONTH = "|".join(MONTHS)
_QUARTER = r"q[1-4]|(?:first|second|third|fourth) quarter"

# Window keys: santa_claus; first_session:year|q<N>|m<N>; last_session:year|q<N>|m<N>; first_days:<N>:year; month:<N>.
SANTA = re.compile(r"\bsanta(?: claus)? rally\b")
SESSION_OF = re.compile(rf"\b(first|last|final)\s+(?:full\s+)?(?:trading\s+)?(?:day|session)\s+of\s+(?:the\s+|each\s+|a\s+)?"
                        rf"(?:new\s+|calendar\s+)?(year|quarter|{_QUARTER}|month|{_MONTH})\b")
FIRST_DAYS = re.compile(r"\bfirst\s+(five|5)\s+(?:trading\s+)?days\s+of\s+(?:the\s+(?:new\s+)?year|january)\b")
IN_MONTH = re.compile(rf"\b(?:in|during|for)\s+(?:the\s+month\s+of\s+)?({_MONTH})\b|\b({_MONTH})\s+(?:has|have|is|was)\b")
# A statistic over history: "on average", "an average gain of", "averaged".
AVERAGE = re.compile(r"\bon\s+average\b|\baverage[sd]?\b|\bmean\b")
SINCE_YEAR = re.compile(r"\b(?:since|going back to|dating back to|back to|starting in|from)\s+((?:19|20)\d\d)\b")
PAST_YEARS = re.compile(r"\b(?:over|in|during|for)\s+the\s+(?:past|last|previous)\s+(\d+|[a-z]+(?:-[a-z]+)?)\s+years\b")
UP_OF = re.compile(r"\b(up|higher|positive|gained|rose|advanced|down|lower|negative|fell|declined|dropped)\s+(?:in\s+)?"
                   r"(\d+)\s+(?:of|out\s+of)\s+(?:the\s+)?(?:(?:past|last)\s+)?(\d+)\b")
DOWN_WORDS = {"down", "lower", "negative", "fell", "declined", "dropped"}


def season_key(low: str, published: date | None) -> str | None:
    """The window a statistic is about, from lower-case text; the last mention wins."""
    found: list[tuple[int, str]] = []
    found += [(m.start(), "santa_claus") for m in SANTA.finditer(low)]
    found += [(m.start(), "first_days:5:year") for m in FIRST_DAYS.finditer(low)]
    for m in SESSION_OF.finditer(low):
        which = "first" if m.group(1) == "first" else "last"
        grain = _grain(m.group(2), published)
        if grain:
            found.append((m.start(), f"{which}_session:{grain}"))
    if not found:
        found += [(m.start(), f"month:{MONTHS.index(m.group(1) or m.group(2)) + 1}") for m in IN_MONTH.finditer(low)]
    return max(found)[1] if found else None


def _grain(word: str, published: date | None) -> str | None:
    if word == "year":
        return "year"
    if word in QUARTERS:
        return f"q{QUARTERS[word]}"
    if word in MONTHS:
        return f"m{MONTHS.index(word) + 1}"
    if published is None:  # "the quarter", "the month": the one the piece is written in
        return None
    return f"q{(published.month - 1) // 3 + 1}" if word == "quarter" else f"m{published.month}"


def _count(word: str) -> int | None:
    try:
        return int(parse_number(word))
    except NormalizeError:
        return None


def statistic_fields(ctx: Context, anchor: Anchor, *, value_sign: int) -> dict | None:
    """Fields of a seasonal average at this % figure, or None when the text is not one. A sentence
    that names its window states the statistic whole; one that does not ("The Dow is up 17 of 30
    with an average gain of 0.2%") takes the window and years of the paragraph before it."""
    low = anchor.sent_lower
    if not AVERAGE.search(low):
        return None
    published = ctx.article.published or ctx.article.as_of
    key = season_key(low, published)
    scope = low if key else _paragraph_before(ctx, anchor).lower() + " " + low
    key = key or season_key(scope, published)
    first = _first_year(low) or _first_year(scope)
    if key is None:
        return None
    fields = {"metric": "seasonal_average", "reference": key, **_years(scope, low, first, key, published),
              "as_of": iso(published)}
    fields["direction"] = "down" if value_sign < 0 else "up"
    return fields


def count_fields(ctx: Context, anchor: Anchor) -> list[tuple[int, int, dict]]:
    """'down 12 of 25': the number of years the window rose or fell, with its span (start, end)."""
    low = anchor.sent_lower
    out = []
    for m in UP_OF.finditer(low):
        down = m.group(1) in DOWN_WORDS
        out.append((anchor.sent.start_char + m.start(), anchor.sent.start_char + m.end(),
                    {"metric": "seasonal_down" if down else "seasonal_up", "value": m.group(2)}))
    return out


def _first_year(low: str) -> int | None:
    years = [int(m.group(1)) for m in SINCE_YEAR.finditer(low)]
    return years[-1] if years else None


def _years(scope: str, low: str, first: int | None, key: str, published: date | None) -> dict:
    """period_start (1 January of the first year) and, when the number of years is stated, period_end
    (31 December of the last); "over the past 30 years" alone ends with the last window before publication."""
    counted = [int(m.group(3)) for m in UP_OF.finditer(low)] or [
        n for n in (_count(m.group(1)) for m in PAST_YEARS.finditer(scope)) if n]
    if first is None:
        if not counted or published is None:
            return {}
        first = last_complete_year(key, published) - counted[-1] + 1
    out = {"period_start": date(first, 1, 1).isoformat()}
    if counted:
        out["period_end"] = date(first + counted[-1] - 1, 12, 31).isoformat()
    return out


def window_bound(key: str, year: int) -> date:
    """A calendar day on or after the last session of the window of `year` (the window of a year
    that starts in it: the Santa Claus rally of 2024 ends in January 2025)."""
    kind, _, grain = key.partition(":")
    if kind == "santa_claus":
        return date(year + 1, 1, 12)
    if kind == "first_days":
        return date(year, 1, 12)
    if kind == "month":
        return month_end(year, int(grain))
    grain = grain.rpartition(":")[2]
    month = 12 if grain == "year" else int(grain[1:]) * 3 if grain.startswith("q") else int(grain[1:])
    if kind == "first_session":
        first_month = 1 if grain == "year" else month - 2 if grain.startswith("q") else month
        return date(year, first_month, 7)
    return month_end(year, month)


def last_complete_year(key: str, published: date) -> int:
    year = published.year
    while window_bound(key, year) >= published:
        year -= 1
    return year


def _paragraph_before(ctx: Context, anchor: Anchor) -> str:
    """The text of the anchor's paragraph before its sentence."""
    para = paragraph_of(ctx, anchor)
    start = ctx.newlines[para - 1] + 1 if para > 0 else 0
    return anchor.text[start:anchor.sent.start_char]


# Such tables speak of the S&P 500 when they say "the market" or "stocks".
MARKET = re.compile(r"\b(?:the (?:stock )?market|stocks|equities|wall street)\b")
AVERAGE_BEFORE = re.compile(r"\b(?:(?:up|down|higher|lower)\s+)?(?:on\s+)?(?:an?\s+)?average(?:d)?\b(?:\s+\S+){0,3}\s*$")
AVERAGE_AFTER = re.compile(r"^\s*on\s+average\b")


def market_subject(low: str, subject: str | None) -> str | None:
    return "S&P 500" if MARKET.search(low) else subject


def quote_bounds(anchor: Anchor, start: int) -> tuple[int, int]:
    """The figure with the words that make it an average ("an average loss of 0.2%", "0.3% on average")."""
    sent_start, end = anchor.sent.start_char, anchor.span.end_char
    head = anchor.text[sent_start:start]
    if m := AVERAGE_BEFORE.search(head.lower()):
        start = sent_start + m.start()
    if m := AVERAGE_AFTER.match(anchor.text[end:anchor.sent.end_char].lower()):
        end += m.end()
    return start, end
