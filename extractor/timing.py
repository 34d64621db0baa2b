"""Candidates → candidates pinned to the sessions they speak of (the time stage of the pipeline).

Each candidate of a timed kind gets its as-of session, window (first/last session, the base a
change is measured from), basis, the span of the words that decided it and the other readings,
from extractor.timeframe. A date stated in a sentence carries to the next sentences of the same
paragraph. The publication time comes from the article's own dateline when it states one
("January 23, 2026, 9:17 a.m. ET"), so a pre-open piece speaks of the previous session.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from .calendar import TradingCalendar
from .dates import FULL_DATE, MONTHS
from .errors import DataError
from .models import Article, Candidate
from .timeframe import TimeRef, is_forward, resolve_time, should_carry

TIMED_KINDS = {"pct_change", "points_change", "index_level", "spread", "streak_length", "count"}
MOVE_KINDS = {"pct_change", "points_change", "spread"}
BASES = {"day", "week", "month", "quarter", "ytd", "year", "since", "period"}
CLOCK = re.compile(r"(?:" + FULL_DATE.pattern + r"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d))[,.]?\s+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d\d)"
                   r"(?!\d)\s*(?P<ampm>[ap]\.?m\.?)?")
HEAD_CHARS = 600  # a dateline sits at the top of the page


def publication_time(article: Article) -> datetime | date | None:
    """The publication date, with its time of day (ET) when the article's dateline gives one."""
    if article.published is None:
        return None
    if article.as_of and article.as_of < article.published:
        return article.as_of  # the article says which market date it reports ("As of January 22, 2026, …")
    m = CLOCK.search(article.text[:HEAD_CHARS])
    if not m:
        return article.published
    try:
        day = date.fromisoformat(m["iso"]) if m["iso"] else date(int(m["year"]), MONTHS[m["month"].lower().rstrip(".")], int(m["day"]))
    except (ValueError, KeyError):
        return article.published
    hour = int(m["hour"]) % 12 + (12 if (m["ampm"] or "").lower().startswith("p") else 0) if m["ampm"] else int(m["hour"])
    if day != article.published or hour > 23:
        return article.published
    return datetime.combine(day, time(hour, int(m["minute"])))


def pin_times(candidates: list[Candidate], article: Article, calendar: TradingCalendar) -> list[Candidate]:
    """Every timed candidate with the time its words (or its paragraph, or the publication) give it."""
    published = publication_time(article)
    if published is None:
        return candidates
    carried: TimeRef | None = None
    paragraph = -1
    out = []
    for c in sorted(candidates, key=lambda c: c.start):
        if c.kind not in TIMED_KINDS:
            out.append(c)
            continue
        lo, hi = c.fields.get("sentence_start", c.start), c.fields.get("sentence_end", c.end)
        here = article.text.count("\n\n", 0, lo)
        if here != paragraph:
            carried, paragraph = None, here
        sentence = article.text[lo:hi]
        try:
            ref = resolve_time(article.text, (c.start, c.end), published=published, calendar=calendar,
                               window=(lo, hi), carried=carried, forward=is_forward(sentence))
        except DataError:
            ref = None
        if ref is None:
            out.append(c)
            continue
        if should_carry(ref) and ref.source != "carried":
            carried = ref
        out.append(c.model_copy(update={"fields": {**c.fields, **time_fields(c, ref)}}))
    return out


def time_fields(c: Candidate, ref: TimeRef) -> dict:
    """The fields a TimeRef sets on one candidate (the rule's own stated window wins over a weak reading)."""
    f = c.fields
    weak = ref.source in ("publication", "carried")
    evidence = {"time_readings": list(ref.readings)}
    if not weak and ref.start is not None:
        evidence.update(time_start=ref.start, time_end=ref.end)
    if c.kind == "streak_length":
        return {**evidence, "as_of": iso(ref.last or ref.as_of)} if not weak and ref.basis == "day" else evidence
    if c.kind in ("index_level", "count"):
        if weak and f.get("as_of") and f.get("as_of") != iso(ref.as_of):
            return evidence
        day = ref.as_of if ref.basis == "day" else ref.last
        return {**evidence, "as_of": iso(day)}
    if weak and (f.get("period_start") or f.get("basis") in {"ytd", "month", "period"}):
        return evidence
    basis = ref.basis if ref.basis in BASES else "period"
    first = ref.base if basis == "since" else ref.first
    return {**evidence, "basis": basis, "as_of": iso(ref.as_of or ref.last), "period_start": iso(first),
            "period_end": iso(ref.last), "period_label": ref.label or f.get("period_label")}


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
