"""Candidates → candidates pinned to the sessions they speak of (the time stage of the pipeline).

Each candidate of a timed kind gets its as-of session, window (first/last session, the base a
change is measured from), basis, the span of the words that decided it and the other readings,
from extractor.timeframe. A date stated in a sentence carries to the next sentences of the same
paragraph. The publication time comes from the article's own dateline when it states one
("January 23, 2026, 9:17 a.m. ET"), so a pre-open piece speaks of the previous session.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from decimal import Decimal

from .calendar import TradingCalendar, find_month_window, find_week_window, find_year_window
from .dates import FULL_DATE, MONTHS, month_end
from .documents import find_as_of, url_month
from .errors import DataError
from .models import CALENDAR_BASES, Article, Candidate
from .normalize import parse_number
from .prices import Market
from .timeframe import WEEKDAYS, TimeRef, clause_bounds, is_forward, read_clock, resolve_time, should_carry, window_ref

REVIEWED = "the month the paragraph reviews"  # a note on a month carried to a streak of a monthly review
TIMED_KINDS = {"pct_change", "points_change", "index_level", "spread", "streak_length", "streak_record", "count"}
STREAK_KINDS = {"streak_length", "streak_record"}
DAY_METRICS = ("drawdown", "ma_side")  # other_numeric figures of one session, timed like a level
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


LEVEL_PRECISION = Decimal("0.011")  # a close printed to the cent, with the data's 0.01 rendering floor


def stated_session(candidates: list[Candidate], article: Article, market: Market, published: datetime | date) -> date | None:
    """The session an undated wrap reports, read from the closes it states to the cent.

    A wrap dated only by its day may report that day's close or the one before (a morning or
    next-day piece). When index levels it states with two decimals equal the closes of exactly one
    of those sessions, the article reports that session; otherwise None (the clock decides).
    """
    calendar = market.calendar
    if calendar is None or isinstance(published, datetime) or article.published_basis != "metadata" and article.published_basis != "url":
        return None
    day = calendar.session_on_or_before(published)
    options = {day, calendar.previous_session(day)}
    if calendar.is_session(published):
        options.add(published)
    votes: dict[date, int] = {}
    for series, value in stated_closes(candidates, market):
        for session in options:
            bar = series.bar(session)
            if bar is not None and abs(bar.close - value) <= LEVEL_PRECISION:
                votes[session] = votes.get(session, 0) + 1
    return next(iter(votes)) if len(votes) == 1 else None


def stated_closes(candidates: list[Candidate], market: Market):
    """(series, value) of every index close or level the candidates state to the cent."""
    for c in candidates:
        raw = str(c.fields.get("value") or "").replace(",", "")
        if c.kind != "index_level" or not re.fullmatch(r"\d{3,}\.\d\d", raw) or c.fields.get("field") not in ("close", "unspecified", "threshold", None):
            # (a figure to the cent is no round threshold: "just shy of the mark at 4,997.91" is a close)
            continue
        series = market.series(market.find_symbol(c.fields.get("subject")) or "")
        if series is not None:
            yield series, Decimal(raw)


def dated_by_closes(candidates: list[Candidate], market: Market) -> date | None:
    """An article with no date at all: the one session whose closes equal the index levels it states to the cent.

    Two levels to the cent that agree on one session (or one that matches one session only) date the
    article; levels that point at different sessions date nothing.
    """
    found: dict[date, int] = {}
    for series, value in stated_closes(candidates, market):
        sessions = [bar.session for bar in series.bars if abs(bar.close - value) <= LEVEL_PRECISION]
        if len(sessions) == 1:
            found[sessions[0]] = found.get(sessions[0], 0) + 1
    return next(iter(found)) if len(found) == 1 else None


def redated(article: Article, candidates: list[Candidate], market: Market) -> Article | None:
    """An undated page (or one dated only by the latest date it mentions) re-dated by the closes it
    states to the cent, or None when they do not date it later. The rules read "Feb. 8" against it."""
    if article.published is not None and not article.published_basis.startswith("latest_dated_event"):
        return None
    session = dated_by_closes(candidates, market)
    if session is None or article.published is not None and session <= article.published:
        return None
    note = f" (instead of {article.published}, the {article.published_basis})" if article.published else ""
    return article.model_copy(update={"published": session, "as_of": session, "published_basis": "stated_closes" + note})


def publication_month(article: Article) -> date | None:
    """The month a page with no day of its own is filed under by its url, or None."""
    if article.published is not None or article.published_basis != "url_month":
        return None
    return url_month(article.published_quote or "")


def pin_within_months(candidates: list[Candidate], article: Article, calendar: TradingCalendar, market: Market | None,
                      month: date, extract: Callable[[Article], list[Candidate]]) -> list[Candidate]:
    """A page its url files under a month ('…/may-2024-insights') but no day: a claim keeps a time
    only where it reads the same whatever day the page came out, from the first day of that month to
    the last day of the next (a monthly review is often filed under the month it reviews). "in
    April" and "at its January 28 meeting" then resolve; "on Thursday", "so far this year" do not.

    extract reads the candidates again for a given publication day (the rules read "January 28"
    against it); every other candidate is the undated page's.
    """
    following = month_end(month.year + month.month // 12, month.month % 12 + 1)
    early, late = (keyed(pin_times(extract(dated), dated, calendar, market))
                   for dated in (article.model_copy(update={"published": day, "as_of": find_as_of(article.text, day)})
                                 for day in (month, following)))
    agreed = {key: c.model_copy(update={"fields": {**c.fields, "clock": None}})
              for key, c in early.items() if key in late and time_of(late[key]) == time_of(c)}
    undated = keyed(pin_times(candidates, article, calendar, market))
    return sorted({**undated, **agreed}.values(), key=lambda c: (c.start, c.end))


def keyed(candidates: list[Candidate]) -> dict[tuple, Candidate]:
    """Candidates by kind, span and rule (a repeated key numbered in order)."""
    seen: dict[tuple, int] = {}
    out = {}
    for c in candidates:
        base = (c.kind, c.start, c.end, c.extractor)
        seen[base] = seen.get(base, -1) + 1
        out[(*base, seen[base])] = c
    return out


def time_of(c: Candidate) -> dict:
    """A pinned candidate's fields but the publication clock."""
    return {k: v for k, v in c.fields.items() if k != "clock"}


def pin_times(candidates: list[Candidate], article: Article, calendar: TradingCalendar, market: Market | None = None) -> list[Candidate]:
    """Every timed candidate with the time its words (or its paragraph, or the publication) give it."""
    published = publication_time(article)
    if market is not None and (published is None or article.published_basis.startswith("latest_dated_event")):
        # the closes stated to the cent also say a page dated by its latest event reports that session's close
        # (redated, before this stage, re-dates only pages whose closes point later)
        session = dated_by_closes(candidates, market)
        if session is not None and (published is None or session >= published):
            published = datetime.combine(session, time(17, 0))
    # an undated page still has its explicit periods ("in the first quarter of 2024"); relative words stay unread
    session = stated_session(candidates, article, market, published) if market is not None and published is not None else None
    if session is not None:
        published = datetime.combine(session, time(17, 0))  # read as a wrap written after that close
    clock = read_clock(published, calendar).phase if published is not None else None
    carried: TimeRef | None = None
    month: TimeRef | None = None
    reviewed = review_ref(article, calendar)
    paragraph = -1
    out = []
    ordered = sorted(candidates, key=lambda c: c.start)
    starts = [c.start for c in ordered]
    for c in ordered:
        if c.kind not in TIMED_KINDS and c.fields.get("metric") not in DAY_METRICS:
            out.append(c)
            continue
        lo, hi = c.fields.get("sentence_start", c.start), c.fields.get("sentence_end", c.end)
        here = article.text.rfind("\n", 0, lo)  # a line is a paragraph (as in earlier_in_paragraph)
        if here != paragraph:
            carried, month, paragraph = None, None, here
        sentence = article.text[lo:hi]
        forward = is_forward(clause_at(article.text, lo, hi, c.start))
        try:
            ref = resolve_time(article.text, (c.start, c.end), published=published, calendar=calendar,
                               window=(lo, hi), carried=carried, forward=forward)
        except DataError:
            ref = None
        if ref is None:
            out.append(c)
            continue
        if ref.start is not None and (dates_a_reference(article.text, ref.start) or c.kind in STREAK_KINDS and ref.basis == "since"):
            # "… 11% below its all-time high in December 2024", "the best since 1980": that date is the reference's
            inside = c.start <= ref.start < c.end  # "its worst day since 2022": look around the claim's words
            rests = [(lo, c.start), (c.end, hi)] if inside else [(lo, ref.start) if ref.start >= c.end else (ref.end, hi)]
            ref = next((r for rest in rests if (r := resolve_time(article.text, (c.start, c.end), published=published,
                        calendar=calendar, window=rest, carried=carried, forward=forward)) is not None), ref)
        if ref.start is not None and (nearer := nearer_figure(c, ref, ordered, starts)) is not None:
            # "sliding 2.1% to 17,000.50, with a 5.4% loss over the week": the week is the nearer figure's
            ref = resolve_time(article.text, (c.start, c.end), published=published, calendar=calendar,
                               window=(lo, nearer.start), carried=carried, forward=forward) or ref
        if ref.source == "publication" and c.kind in MOVE_KINDS and published is not None \
                and (had := HAD_MONTH.search(article.text, lo, c.start)):
            # "the Dow had a dismal March, as it shed 4%": the month the subject "had" is the move's
            ref = had_month(had, published.date() if isinstance(published, datetime) else published, calendar) or ref
        ref = impossible_date(ref, article, calendar, published)
        if ref.source == "publication" and reviewed is not None:
            ref = reviewed  # a year-in-review piece: a figure without time words is the year's
        if SAME_PERIOD.search(sentence):
            # "… a 1.9% increase over the same period": the period the paragraph named before
            prior = earlier_in_paragraph(article, lo, published, calendar)
            ref = prior if prior is not None else ref._replace(
                basis="period", first=None, base=None, label="the same period", source="sentence")
        elif ref.source in ("publication", "carried") and c.kind not in STREAK_KINDS and (span := UNSTATED_WINDOW.search(sentence)):
            # "nearly 15% in less than three weeks": a window whose bounds the text does not give
            ref = ref._replace(basis="period", first=None, base=None, label=span.group(0), source="sentence",
                               start=lo + span.start(), end=lo + span.end())
        if (each := respective_window(c, ref, ordered, article, calendar)) is not None:
            ref = each
        elif c.kind == "streak_length" and (periods := streak_of_prior_periods(c, ref, article, hi, calendar)):
            out.append(c.model_copy(update={"fields": {**c.fields, **periods, "clock": clock}}))
            continue
        if ref.basis == "month" and ref.source in ("sentence", "relative") and c.kind not in STREAK_KINDS:
            month = ref
        elif c.kind in STREAK_KINDS and month is not None and article.published_basis == "url_month" \
                and (ref.source == "publication" or ref.start is not None and c.start <= ref.start < c.end):
            # a monthly review with no day of its own: "January marked … The Dow rose for nine straight
            # sessions": the streak falls in the month the paragraph reviews
            ref = month._replace(notes=month.notes + (REVIEWED,))
        if should_carry(ref) and ref.source != "carried":
            carried = ref
        elif ref.source == "publication":
            prior = earlier_in_paragraph(article, lo, published, calendar)
            if prior is not None and (prior.basis in ("day", "period") or parenthetical(article, c)):
                ref = prior
        out.append(c.model_copy(update={"fields": {**c.fields, **time_fields(c, ref, article, sentence), "clock": clock}}))
    return moves_over_streaks(out, article)


# "five straight months of gains, a total increase of 25.3%", "a six-day run in which it added 4%"
TOTAL_CUE = re.compile(r"\b(?:total(?:ing|ling|ed)?|in\s+total|accumulat\w*|cumulative(?:ly)?|combined|altogether|in\s+all|"
                       r"in\s+which|during\s+which|over\s+which|over\s+(?:that|the|this)\s+(?:span|stretch|streak|run|period))\b", re.I)
# "it gained 3.1% over its six-session winning streak"
OVER_STREAK = re.compile(r"\s*,?\s*(?:over|during|across|throughout|in)\s+(?:its|their|the|a|an|this|that)\s+", re.I)
STREAK_NOUN = re.compile(r"\b(?:streak|run|rally|skid|slump|slide|losing|winning)\b", re.I)
MOVE_KINDS_OVER_STREAK = ("pct_change", "points_change")


def moves_over_streaks(out: list[Candidate], article: Article) -> list[Candidate]:
    """A move the sentence measures over the absolute streak it states is that streak's total: it is
    checked from the close before the streak's first period to its last (metric over_streak)."""
    streaks = [c for c in out if c.kind == "streak_length" and not c.fields.get("benchmark")]
    if not streaks:
        return out
    return [over_streak(c, streaks, out, article) if c.kind in MOVE_KINDS_OVER_STREAK else c for c in out]


def over_streak(move: Candidate, streaks: list[Candidate], out: list[Candidate], article: Article) -> Candidate:
    text, at = article.text, move.fields.get("sentence_start")
    for streak in streaks:
        if streak.fields.get("sentence_start") != at or streak.fields.get("subject") != move.fields.get("subject"):
            continue
        if streak.end <= move.start:
            gap = text[streak.end:move.start]
            linked = len(gap) <= 80 and TOTAL_CUE.search(gap) is not None
        else:
            gap = text[move.end:streak.start]
            linked = OVER_STREAK.fullmatch(gap) is not None and STREAK_NOUN.search(text, streak.start, streak.end + 8) is not None
        lo, hi = min(streak.end, move.end), max(streak.start, move.start)
        if not linked or any(c.kind in MOVE_KINDS_OVER_STREAK and lo <= c.start < hi for c in out if c is not move):
            continue
        try:
            length = int(parse_number(streak.fields.get("value")))
        except (ValueError, ArithmeticError, TypeError):
            continue
        direction, value = streak.fields.get("direction") or "up", str(move.fields.get("value") or "")
        if value[:1] in "-−–" and direction == "up" or direction == "down" and value[:1] == "+":
            continue
        unit = {"days": "sessions"}.get(streak.fields.get("unit"), streak.fields.get("unit") or "sessions")
        fields = {k: v for k, v in move.fields.items() if k not in ("period_start", "period_end", "time_start", "time_end")}
        return move.model_copy(update={"fields": {
            **fields, "metric": "over_streak", "basis": "period", "period_label": f"{length} {unit}", "direction": direction,
            "reference": text[streak.start:streak.end], "as_of": streak.fields.get("as_of"),
            "time_readings": streak.fields.get("time_readings", []),
            **{k: streak.fields[k] for k in ("time_start", "time_end") if k in streak.fields}}})
    return move


# "gains of 1.1% and 0.4% in the prior two weeks": one figure per week, in order, before the current one
RESPECTIVE = re.compile(r"\s*(?:in|over|during|for)\s+the\s+(?:prior|previous|preceding)\s+(?P<n>two|three|four|2|3|4)\s+"
                        r"(?P<unit>weeks|months)\b", re.I)
PRIOR = re.compile(r"\b(?:prior|previous|preceding)\b", re.I)
LISTED = re.compile(r"^\s*(?:,\s*)?(?:and\s+)?$")
COUNTS = {"two": 2, "three": 3, "four": 4}


def respective_window(c: Candidate, ref: TimeRef, ordered: list[Candidate], article: Article,
                      calendar: TradingCalendar) -> TimeRef | None:
    """The i-th of N figures listed just before "in the prior N weeks" (or months): the i-th of those periods."""
    if c.kind not in MOVE_KINDS or ref.as_of is None or not PRIOR.search(article.text, c.end, c.fields.get("sentence_end", c.end)):
        return None  # (a cheap test first: this runs for every move)
    same = [o for o in ordered if o.kind == c.kind and o.fields.get("sentence_start") == c.fields.get("sentence_start")]
    i = same.index(c)
    first, last = i, i
    while first > 0 and LISTED.match(article.text[same[first - 1].end:same[first].start]):
        first -= 1
    while last + 1 < len(same) and LISTED.match(article.text[same[last].end:same[last + 1].start]):
        last += 1
    m = RESPECTIVE.match(article.text, same[last].end)
    if m is None:
        return None
    n = COUNTS.get(m["n"].lower()) or int(m["n"])
    if last - first + 1 != n:
        return None
    unit = m["unit"].lower()
    basis = "week" if unit == "weeks" else "month"
    try:
        windows = [_prior_window(unit, ref.as_of, back, calendar) for back in range(n, 0, -1)]  # oldest first
    except DataError:
        return None
    # Writers list them either way ("rises of 0.4% and 2.2%" may start with the latest): the other periods
    # are readings of the figure's own time.
    own = windows[i - first]
    others = tuple(f"{basis}:{w.first}..{w.last}" for w in windows if w is not own)
    return window_ref(basis, own, readings=others)._replace(
        label=m.group(0).strip(), start=m.start() + len(m.group(0)) - len(m.group(0).lstrip()), end=m.end(), source="sentence")


def streak_of_prior_periods(c: Candidate, ref: TimeRef, article: Article, hi: int, calendar: TradingCalendar) -> dict | None:
    """"two straight weekly advances, of 0.4% and 2.2% in the prior two weeks": a streak of weeks (or months) that
    ended with the period before the current one."""
    m = RESPECTIVE.search(article.text, c.end, hi)
    value = c.fields.get("value")
    try:
        count = parse_number(str(value)) if value is not None else None
    except ValueError:
        return None
    if m is None or ref.as_of is None or count != (COUNTS.get(m["n"].lower()) or int(m["n"])):
        return None
    try:
        window = _prior_window(m["unit"].lower(), ref.as_of, 1, calendar)
    except DataError:
        return None
    return {"unit": m["unit"].lower(), "as_of": iso(window.last), "time_start": m.start(), "time_end": m.end(),
            "time_readings": []}


def _prior_window(unit: str, day: date, back: int, calendar: TradingCalendar):
    if unit == "weeks":
        monday = day - timedelta(days=day.weekday())
        return find_week_window(calendar, monday - timedelta(days=7 * (back - 1) + 3))
    months = day.year * 12 + day.month - 1 - back
    return find_month_window(calendar, months // 12, months % 12 + 1)


def review_ref(article: Article, calendar: TradingCalendar) -> TimeRef | None:
    """The reviewed year of a page dated by its year-in-review heading, as the time of its undated figures."""
    if not article.published_basis.startswith("year_in_review") or article.published is None:
        return None
    try:
        window = find_year_window(calendar, article.published.year - 1)
    except DataError:
        return None
    return window_ref("year", window)._replace(label=article.published_quote, source="review")


def nearer_figure(c: Candidate, ref: TimeRef, ordered: list[Candidate], starts: list[int]) -> Candidate | None:
    """Another move of the same subject between a move and the period words after it: the words are
    that move's (one subject has one move per period; "A rose 1% and B 2% this week" share it)."""
    if c.kind != "pct_change" or ref.basis == "day" or ref.start < c.end:
        return None
    subject = c.fields.get("subject")
    if not subject:
        return None
    between = ordered[bisect.bisect_left(starts, c.end):bisect.bisect_left(starts, ref.start)]  # by start
    return next((o for o in between if o.kind == "pct_change" and o.end <= ref.start and o.fields.get("subject") == subject), None)


CLAUSE_BREAKS = re.compile(r";|,(?!\d)|\s[-–—]\s|\b(?:as|while|after|following|but|whereas|although|because)\b", re.I)


def clause_at(text: str, lo: int, hi: int, at: int) -> str:
    """The clause of text[lo:hi] holding offset at: "rose 1.2% on Friday as traders expect a cut" is
    past tense where the figure is, whatever the rest of the sentence expects."""
    start, end = clause_bounds(text, lo, hi, at, CLAUSE_BREAKS)
    return text[start:end]


def parenthetical(article: Article, c: Candidate) -> bool:
    """'health care (1.1%)': a figure in parentheses, listed under the time its paragraph already named."""
    return article.text[max(0, c.start - 1):c.start + 1].startswith("(") or article.text[c.start:c.start + 1] == "("


def earlier_in_paragraph(article: Article, sentence_start: int, published: datetime | date,
                         calendar: TradingCalendar) -> TimeRef | None:
    """A sentence with no time words takes the last time its paragraph named before it, even in a
    sentence without figures ("Stocks rose last week. Health care (1.1%) led." → last week)."""
    start = article.text.rfind("\n", 0, sentence_start) + 1
    if start >= sentence_start:
        return None
    try:
        prior = resolve_time(article.text, (sentence_start, sentence_start), published=published, calendar=calendar,
                             window=(start, sentence_start))
    except DataError:
        return None
    if prior is None or prior.source in ("publication", "carried") or "forward" in prior.notes or prior.as_of is None:
        return None
    if is_forward(article.text[start:sentence_start]):
        return None
    return prior._replace(source="carried")


REFERENCE_LEVEL = re.compile(r"\b(?:from|since|below|above|off|under|beneath|near)\s+(?:its|their|the|a)\s+(?:[\w-]+\s+){0,2}"
                             r"(?:high|low|peak|record|top|bottom|close|level)s?\s+(?:set\s+|reached\s+|hit\s+|touched\s+)?"
                             r"(?:(?:in|on|of)\s+)?$|\bsince\s+(?:at\s+least\s+)?(?:the\s+)?(?:(?:early|mid|late)[- ]\s*)?$"
                             # "off 4.2%, the worst slide this year": the period a record is of, not the move's window
                             r"|\b(?:worst|best|biggest|largest|sharpest|steepest|deepest|strongest|weakest|highest|lowest|"
                             r"longest|most)\s+(?:[\w-]+\s+){0,3}(?:so\s+far\s+)?$", re.I)


def dates_a_reference(text: str, at: int) -> bool:
    """Do the time words at `at` date a reference level ("its all-time high in December 2024"), not the claim?"""
    return REFERENCE_LEVEL.search(text[max(0, at - 40):at]) is not None


def impossible_date(ref: TimeRef, article: Article, calendar: TradingCalendar, published: datetime | date | None) -> TimeRef:
    """'As of Friday, May 5' in a piece of Sunday May 4: a past-tense date after publication is a typo;
    the weekday named with it decides (the stated date stays as a reading)."""
    if published is None:
        return ref
    today = published.date() if isinstance(published, datetime) else published
    if ref.source != "sentence" or ref.as_of is None or ref.as_of <= today or "forward" in ref.notes or not ref.label:
        return ref
    named = [i for i, w in enumerate(WEEKDAYS) if w in ref.label.lower()]
    if not named:
        return ref
    day = today
    while day.weekday() != named[0]:
        day = date.fromordinal(day.toordinal() - 1)
    if not calendar.is_session(day):
        return ref
    return ref._replace(basis="day", as_of=day, first=day, last=day, base=calendar.previous_session(day),
                        readings=ref.readings + (f"day:{ref.as_of}..{ref.as_of}",), notes=ref.notes + ("stated date after publication",))


SAME_PERIOD = re.compile(r"\b(?:over|in|during|for)\s+the\s+same\s+(?:period|stretch|span|time|window)\b", re.I)
UNSTATED_WINDOW = re.compile(r"\b(?:in|over|within|during)\s+(?:the\s+)?(?:past\s+|last\s+|first\s+)?(?:less\s+than|under|just|nearly|about|"
                             r"roughly|over|more\s+than|only)?\s*(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several)"
                             r"\s+(?:trading\s+)?(?:days|sessions|weeks|months)\b|\bover\s+the\s+same\s+(?:period|stretch|span)\b"
                             # "after five straight months of gains that added up to a total of 25%"
                             r"|\b(?:straight|consecutive|successive)\s+(?:trading\s+)?(?:days|sessions|weeks|months|quarters|years)\s+of\s+"
                             r"(?:gains|losses|declines|advances|increases)\b(?=[^.;]{0,50}?\b(?:total|cumulative|accumulated|combined|overall|in\s+all)\b)", re.I)

# "The streak began in early January": the date is the streak's first session, not its last.
STREAK_START = re.compile(r"\b(?:began|begun|begin|begins|started|starting|start|kicked\s+off|commenced|dating\s+back\s+to|from)\s+(?:on\s+|in\s+)?$", re.I)


def rule_stated(c: Candidate, article: Article) -> bool:
    """Did the rule pin the candidate to a day of its own (a date it read), not the article's default date?"""
    default = article.as_of.isoformat() if article.as_of else None
    f = c.fields
    return bool(f.get("period_start") and f.get("basis") == "period") or f.get("as_of") not in (None, default) \
        or f.get("period_end") not in (None, default) or f.get("period_label") == "the streak"


STATED_DAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|today|yesterday)\b|"
                        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}", re.I)


def time_fields(c: Candidate, ref: TimeRef, article: Article, sentence: str = "") -> dict:
    """The fields a TimeRef sets on one candidate (a rule's own stated date wins over a weak reading)."""
    f = c.fields
    weak = ref.source in ("publication", "carried")
    if weak and rule_stated(c, article):
        return {"time_readings": list(ref.readings)}
    evidence = {"time_readings": list(ref.readings)}
    # "so far this year", "this week": the words fix the window's start; its end is still the
    # publication's session, so the claim's date is not stated (the checks read the session before too).
    open_ended = ref.source == "relative" and ref.basis in ("ytd", "week", "month", "quarter", "year") and ref.start is not None \
        and ref.label and not re.search(r"\b(last|previous|prior|past|in|during)\b|\d", ref.label, re.I) \
        and not STATED_DAY.search(sentence)
    if not weak and ref.start is not None and not open_ended:
        evidence.update(time_start=ref.start, time_end=ref.end)
    default = article.as_of.isoformat() if article.as_of else None
    if c.kind == "streak_record" and f.get("metric") == "day_move" and not weak and ref.basis == "day" and ref.as_of \
            and f.get("as_of") in (None, default):
        # "its sharpest one-day drop in over a year on Monday": the day named is the move's (the rule's
        # period is the reference's)
        return {**evidence, "as_of": iso(ref.as_of)}
    if c.kind in ("streak_length", "streak_record"):
        reviewed = REVIEWED in ref.notes  # a record's period_start/period_end are its reference's, not its date
        if not reviewed and rule_stated(c, article) or ref.start is not None and STREAK_START.search(article.text[max(0, ref.start - 30):ref.start]):
            return {"time_readings": list(ref.readings)}  # the rules date a streak by the streak ("snapped on …")
        if not weak and ref.basis in ("day", "period") and c.kind == "streak_length":
            return {**evidence, "as_of": iso(ref.last or ref.as_of)}
        if not weak and ref.basis in CALENDAR_BASES and c.kind == "streak_length" and ref.first and ref.last \
                and f.get("unit") in ("sessions", "days"):
            # "it rose 13 days in a row in 2023": a streak somewhere in that year, not one ending on its last day
            return {**evidence, "as_of": iso(ref.last), "basis": ref.basis, "period_start": iso(ref.first),
                    "period_end": iso(ref.last), "period_label": ref.label}
        # a streak or record is dated by its own words (the streak it qualifies); without any, by the time read here
        if c.kind == "streak_record":
            evidence = {"time_readings": list(ref.readings)}  # the sentence's time words date the streak, not the record
            if reviewed and ref.first and ref.last:
                evidence["time_readings"].append(f"in_{ref.basis}:{ref.first}..{ref.last}")  # the streak lies in that period
        own = f.get("as_of") is None or reviewed  # the rule had no date, or only the page's default one
        return {**evidence, "as_of": iso(ref.as_of)} if own else evidence
    if c.kind in ("index_level", "count") or f.get("metric") in DAY_METRICS:
        if ref.basis != "day" and rule_stated(c, article):
            return evidence  # "from 2,492 to 2,719 between January 2 and January 22": each level has its own day
        day = ref.as_of if ref.basis == "day" else ref.last
        if c.kind == "index_level" and not weak and ref.basis in CALENDAR_BASES and ref.first and ref.last \
                and (f.get("field") == "threshold" or f.get("record") == "first_above"):
            # "the S&P 500 climbed past 4,700 in 2021": some session of that year, not its last
            return {**evidence, "as_of": iso(day), "basis": ref.basis, "period_start": iso(ref.first),
                    "period_end": iso(ref.last), "period_label": ref.label}
        return {**evidence, "as_of": iso(day)}
    if ref.basis == "day" and ref.label and YEAR_END.match(ref.label) and ref.readings[:1] and ref.readings[0].startswith("year:"):
        # "the indexes ended 2025 at least 13% higher": a move over the year that ended
        first, last = (date.fromisoformat(d) for d in ref.readings[0][5:].split(".."))
        return {**evidence, "basis": "year", "as_of": iso(last), "period_start": iso(first), "period_end": iso(last),
                "period_label": ref.label, "time_readings": [reading for reading in ref.readings[1:]]}
    basis = ref.basis if ref.basis in BASES else "period"
    first = ref.base if basis == "since" else ref.first
    return {**evidence, "basis": basis, "as_of": iso(ref.as_of or ref.last), "period_start": iso(first),
            "period_end": iso(ref.last), "period_label": ref.label or f.get("period_label")}


MOVE_KINDS = ("pct_change", "points_change")
HAD_MONTH = re.compile(r"\b(?:had|has|have|enjoyed|suffered|endured|posted|saw)\s+(?:a|an|its|their)\s+(?:[\w-]+\s+){0,2}?"
                       r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december)\b"
                       r"(?:\s+(?P<year>(?:19|20)\d\d))?", re.I)


def had_month(m: re.Match, today: date, calendar: TradingCalendar) -> TimeRef | None:
    """The month of "had a dismal March": the latest one on or before the publication (or the year stated)."""
    month = MONTHS[m["month"].lower()]
    year = int(m["year"]) if m["year"] else today.year - (month > today.month)
    try:
        window = find_month_window(calendar, year, month, through=today)
    except DataError:
        return None
    return window_ref("month", window)._replace(label=m.group(0), start=m.start(), end=m.end(), source="sentence")


YEAR_END = re.compile(r"(?:ended|closed|finished)\s+(?:19|20)\d\d$", re.I)


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
