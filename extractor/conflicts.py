"""Conflict groups: claims that contradict each other inside one article or across articles.

Policy (tested in tests/test_conflicts.py):

- Two figures agree when their tolerance bands intersect. A band is tolerance.find_band
  (printed precision and hedge); a range "17-22%" spans low − ½ unit .. high + ½ unit.
- Internal checks need no price data: endpoints vs the stated % change, a per-day spread ×
  sessions vs the gap of the two stated moves, a streak length vs its stated date window,
  two figures for the same quantity, and a level implausible for its subject.
- A window "from D1 through D2" has two readings: D1 is its first session, or D1's close is its
  base (as in "from $2,492 on January 2"); a count that fits either reading is consistent.
- A group compares claims about the same quantity only: same kind, subject, metric, basis and
  window (a points change is never compared with a level). A figure counts only when its
  subject is stated: the subject's name (or an alias) is inside the claim's own sentence, not
  carried over from context. A "level" written as a move ("fell 812.71 points", "+12.97") is
  not a level. Stated endpoints are checked only when both are levels of the move's subject
  at one scale; an implausible level needs both figures stated for their subject.
- Cross-article groups need members from at least two articles; a single-session move is
  compared across articles only when its date is stated (time_start set). Streaks are compared by
  their implied first session (as-of minus N−1 sessions); record comparisons about the same
  streak by their reference year; snapshots (multiples, rates) dated within SNAPSHOT_DAYS of
  each other count as the same as-of. Equal figures never conflict, so repeated mentions in
  one article cannot create a conflict by themselves.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from extractor.calendar import TradingCalendar
from extractor.errors import DataError
from extractor.models import Claim, ConflictGroup, ConflictMember, Finding, Reading, content_id
from extractor.patterns import INTRADAY
from extractor.prices import find_symbol
from extractor.reference import Listing, Reference, names_match
from extractor.tolerance import Band, find_band, find_unit

SNAPSHOT_DAYS = 7
# Average daily gap × N matches the cumulative gap only to first order (returns compound).
COMPOUNDING_SLACK = Decimal("0.10")
# A level this many times another for the same subject on the same session cannot be right.
SCALE_RATIO = Decimal(3)
STREAK_UNITS = ("sessions", "days")
RECORD_RELATIONS = ("longest_since", "ties_not_since", "ties_record", "strongest_since",
                    "not_seen_in", "ties_longest_in", "record", "since", "in_years", "not_seen_since")
# ETFs whose price is a fixed fraction of an index (for "index level quoted for the ETF").
ETF_INDEX = {"IWM": "Russell 2000", "VTWO": "Russell 2000", "SPY": "S&P 500", "IVV": "S&P 500",
             "VOO": "S&P 500", "QQQ": "Nasdaq 100", "DIA": "Dow Jones Industrial Average"}
_HUNDRED = Decimal(100)
_HALF = Decimal("0.5")


# ------------------------------------------------------------------ bands and groups

def claim_band(claim: Claim) -> Band:
    """The values a claim's figure admits: its printed precision and hedge, or its range."""
    value = claim.value
    if not isinstance(value, Decimal):
        raise ValueError(f"claim {claim.id} has no numeric value")
    if claim.value_high is None:
        return find_band(value, claim.hedge_norm)
    low, high = value - find_unit(value) * _HALF, claim.value_high + find_unit(claim.value_high) * _HALF
    return Band(low, high, f"range {value}–{claim.value_high}")


def bands_overlap(a: Band, b: Band) -> bool:
    """True when some value lies in both bands (None bounds are open)."""
    if a.low is not None and b.high is not None and a.low > b.high:
        return False
    return not (b.low is not None and a.high is not None and b.low > a.high)


def numeric(claim: Claim) -> bool:
    """True when the claim carries a Decimal figure that states a fact of its session or period:
    not a forecast, and not a snapshot inside a session ("at 9:30 a.m. the Dow was down 0.3%"),
    which a closing figure of the same day does not contradict."""
    if not isinstance(claim.value, Decimal) or claim.metric == "forecast":
        return False
    return not (claim.kind in ("pct_change", "points_change", "index_level") and claim.field not in ("high", "low")
                and INTRADAY.search(claim.sentence))


_WORDS = re.compile(r"[\w&^.'-]+")
_AFTER_POINTS = re.compile(r"\s*(?:index )?(?:points?|pts)\b", re.I)
_MOVE_VERBS = (r"up|down|rose|fell|gained|gains?|lost|loses|added|adding|shed|dropp\w*|jump\w*|climb\w*|surg\w*|"
               r"slid|sank|tumbl\w*|plung\w*|rall\w*|advanc\w*|declin\w*|retreat\w*")
_MOVE_IN_QUOTE = re.compile(rf"(?:\b(?:{_MOVE_VERBS})|[+−–-])\s*\$?$", re.I)
_MOVE_BEFORE = re.compile(rf"(?:\b(?:{_MOVE_VERBS}|by|of)|[+−–-])\s*$", re.I)


def subject_stated(claim: Claim) -> bool:
    """True when the claim's subject is named in its own sentence (not carried over from context)."""
    if not claim.subject:
        return False
    text = claim.sentence.lower()
    if claim.subject.lower() in text:
        return True
    symbol = find_symbol(claim.subject)
    if symbol is None:
        return False
    words = _WORDS.findall(text)
    return any(find_symbol(" ".join(words[i:i + n]).strip(".'")) == symbol
               for n in (1, 2, 3, 4) for i in range(len(words) - n + 1))


def reads_as_move(claim: Claim) -> bool:
    """True when a level's figure is written as a move in points ("fell 812.71 points", "+12.97")."""
    digits = re.search(r"\d", claim.quote)
    if digits and _MOVE_IN_QUOTE.search(claim.quote[:digits.start()]):
        return True
    at = claim.sentence.find(claim.quote)
    if at < 0:
        return False
    after = claim.sentence[at + len(claim.quote):at + len(claim.quote) + 12]
    before = claim.sentence[max(0, at - 30):at]
    return bool(_AFTER_POINTS.match(after) and _MOVE_BEFORE.search(before))


def stated_level(claim: Claim) -> bool:
    """An index_level claim whose figure is a level of its stated subject."""
    return claim.kind == "index_level" and numeric(claim) and subject_stated(claim) and not reads_as_move(claim)


def figure(claim: Claim) -> str:
    """The figure as the article gives it, with its hedge: "nearly 15", "17–22"."""
    text = f"{claim.value}" + (f"–{claim.value_high}" if claim.value_high is not None else "")
    if not claim.hedge:
        return text
    # Why: "+" and "or more" follow the figure in the text; "nearly" precedes it.
    return f"{text}{claim.hedge}" if claim.hedge == "+" else f"{text} {claim.hedge}" if claim.hedge.startswith("or ") else f"{claim.hedge} {text}"


def cite(claim: Claim) -> str:
    """A short citation of a claim for a reason text: article prefix and quote."""
    return f"{claim.article.split('_')[0]} “{claim.quote}”"


def make_group(claims: Iterable[Claim], *, status: str, scope: str, topic: str, reason: str) -> ConflictGroup:
    """A conflict group whose id is a content hash of its member claim ids."""
    ordered = sorted({c.id: c for c in claims}.values(), key=lambda c: (c.article, c.start, c.end, c.id))
    members = tuple(ConflictMember(claim_id=c.id, article=c.article, start=c.start, end=c.end,
                                   quote=c.quote, value=c.value) for c in ordered)
    return ConflictGroup(id=content_id(scope, *sorted(c.id for c in ordered)), status=status,  # type: ignore[arg-type]
                         scope=scope, topic=topic, reason=reason, members=members)  # type: ignore[arg-type]


def _status(conflicting: bool) -> str:
    return "conflicting" if conflicting else "consistent"


def _sorted(groups: Iterable[ConflictGroup]) -> list[ConflictGroup]:
    unique = {g.id: g for g in groups}
    return sorted(unique.values(), key=lambda g: (g.scope, g.status, g.topic, g.id))


def _fmt(number: Decimal, places: str = "0.01") -> str:
    return format(number.quantize(Decimal(places)), "f")


def _pair(subject: str | None, benchmark: str | None) -> str:
    return f"{subject} vs {benchmark}" if benchmark else f"{subject}"


def _by_article(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    articles: dict[str, list[Claim]] = defaultdict(list)
    for claim in sorted(claims, key=lambda c: (c.article, c.start, c.end, c.id)):
        articles[claim.article].append(claim)
    return articles


def find_window_readings(calendar: TradingCalendar, start: date, end: date) -> dict[int, str]:
    """Session counts of "from start through end": start as first session, or as base close."""
    try:
        sessions = calendar.sessions_between(start, end)
    except DataError:
        return {}
    if not sessions:
        return {}
    readings = {len(sessions): f"{sessions[0]}..{sessions[-1]} ({len(sessions)} sessions)"}
    if sessions[0] == start and len(sessions) > 1:
        readings[len(sessions) - 1] = f"after the {start} close through {sessions[-1]} ({len(sessions) - 1} sessions)"
    return readings


def find_streak_start(calendar: TradingCalendar, as_of: date, length: int) -> date | None:
    """The first session of a streak of `length` sessions ending on as_of (None if uncovered)."""
    if length < 1:
        return None
    try:
        last = calendar.session_on_or_before(as_of)
    except DataError:
        return None
    pos = bisect.bisect_left(calendar.sessions, last) - (length - 1)
    return calendar.sessions[pos] if pos >= 0 else None


# ------------------------------------------------------------------ internal checks

def find_internal_conflicts(claims: list[Claim], *, calendar: TradingCalendar) -> list[ConflictGroup]:
    """Claims of one article checked against each other (no price data), scope "article"."""
    groups: list[ConflictGroup] = []
    for items in _by_article(claims).values():
        for finder in _INTERNAL_FINDERS:
            groups += finder(items, calendar)
    return _sorted(groups)


def check_endpoints(claims: list[Claim], calendar: TradingCalendar) -> list[ConflictGroup]:
    """A % change against the "from X to Y" levels stated in the same sentence."""
    groups = []
    for move in (c for c in claims if c.kind == "pct_change" and numeric(c)):
        ends = _endpoints(move, claims)
        if ends:
            groups.append(_endpoint_group(move, *ends))
    return groups


def _endpoints(move: Claim, claims: list[Claim]) -> tuple[Claim, Claim] | None:
    if not subject_stated(move):
        return None
    levels = [c for c in claims if c.kind == "index_level" and c.subject == move.subject and stated_level(c)
              and c.sentence == move.sentence and c.field in ("unspecified", "close")
              and abs(c.start - move.start) < len(move.sentence)]
    # Why: the two levels nearest the move are its endpoints; text order gives from → to.
    nearest = sorted(sorted(levels, key=lambda c: abs(c.start - move.start))[:2], key=lambda c: c.start)
    if len(nearest) != 2 or not 0 < nearest[0].value < SCALE_RATIO * nearest[1].value < SCALE_RATIO ** 2 * nearest[0].value:  # type: ignore[operator]
        return None  # Why: endpoints a scale apart are not two levels of one subject
    return nearest[0], nearest[1]


def _endpoint_group(move: Claim, first: Claim, last: Claim) -> ConflictGroup:
    a, b = first.value, last.value
    assert isinstance(a, Decimal) and isinstance(b, Decimal)
    ha, hb = find_unit(a) * _HALF, find_unit(b) * _HALF
    implied = (b / a - 1) * _HUNDRED
    low, high = ((b - hb) / (a + ha) - 1) * _HUNDRED, ((b + hb) / (a - ha) - 1) * _HUNDRED
    band = claim_band(move)
    ok = bands_overlap(band, Band(low, high, "endpoints"))
    reason = (f"({b} / {a} − 1) × 100 = {_fmt(implied)}% (the rounded endpoints allow {_fmt(low)}..{_fmt(high)}); "
              f"stated {figure(move)}% ({band.description}) → {'consistent' if ok else 'inconsistent'}")
    return make_group([move, first, last], status=_status(not ok), scope="article",
                      topic=f"{move.subject} % change vs its stated endpoints", reason=reason)


def check_spread_vs_moves(claims: list[Claim], calendar: TradingCalendar) -> list[ConflictGroup]:
    """A per-day spread × sessions against the gap between the two stated moves."""
    groups = []
    for spread in (c for c in claims if c.kind == "spread" and c.per == "day" and numeric(c)):
        moves = [_window_move(claims, spread, spread.subject), _window_move(claims, spread, spread.benchmark)]
        if moves[0] and moves[1] and spread.period_start and spread.period_end:
            groups.append(_spread_group(spread, moves[0], moves[1], calendar))
    return [g for g in groups if g is not None]


def _window_move(claims: list[Claim], spread: Claim, subject: str | None) -> Claim | None:
    return next((c for c in claims if c.kind == "pct_change" and c.subject == subject and numeric(c)
                 and (c.period_start, c.period_end) == (spread.period_start, spread.period_end)), None)


def _spread_group(spread: Claim, move: Claim, bench: Claim, calendar: TradingCalendar) -> ConflictGroup | None:
    readings = find_window_readings(calendar, spread.period_start, spread.period_end)  # type: ignore[arg-type]
    if not readings:
        return None
    a, b, s = claim_band(move), claim_band(bench), claim_band(spread)
    gap = Band(_sub(a.low, b.high), _sub(a.high, b.low), "gap")
    slack = Band(_scale(gap.low, 1 - COMPOUNDING_SLACK), _scale(gap.high, 1 + COMPOUNDING_SLACK), "gap ± slack")
    per_pp = Decimal(1) if spread.unit == "pp" else Decimal("0.01")
    fits = [n for n in readings if bands_overlap(Band(_scale(s.low, n * per_pp), _scale(s.high, n * per_pp), ""), slack)]
    gap_pp = move.value - bench.value  # type: ignore[operator]
    lines = [f"{spread.value} {spread.unit}/day × {n} = {_fmt(spread.value * n * per_pp)} pp over {text}; "  # type: ignore[operator]
             f"{_fmt(gap_pp)} pp ÷ {n} = {_fmt(gap_pp / n / per_pp, '0.1')} {spread.unit}/day" for n, text in readings.items()]
    reason = (f"gap of the stated moves: {figure(move)}% − {figure(bench)}% = {_fmt(gap_pp)} pp; " + "; ".join(lines)
              + f"; {int(COMPOUNDING_SLACK * 100)}% slack for compounding → " + ("consistent" if fits else "inconsistent"))
    return make_group([spread, move, bench], status=_status(not fits), scope="article",
                      topic=f"{_pair(spread.subject, spread.benchmark)} daily spread vs cumulative gap", reason=reason)


def _sub(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a - b


def _scale(a: Decimal | None, factor: Decimal | int) -> Decimal | None:
    return None if a is None else a * factor


def check_streak_window(claims: list[Claim], calendar: TradingCalendar) -> list[ConflictGroup]:
    """A streak's session count against the date window the article gives for it."""
    streaks = [c for c in claims if c.kind == "streak_length" and c.unit in STREAK_UNITS and numeric(c) and c.as_of
               and not c.within_period]
    groups = []
    for window in _streak_windows(claims, streaks):
        members = [window] if window.kind == "streak_length" else [
            s for s in streaks if s.subject == window.subject and s.as_of == window.period_end]
        groups.append(_streak_window_group(window, members, calendar))
    return [g for g in groups if g is not None]


def _streak_windows(claims: list[Claim], streaks: list[Claim]) -> list[Claim]:
    ends = {(s.subject, s.as_of) for s in streaks}
    stated = [s for s in streaks if s.period_start]
    # Why: a % move over an explicit window ending on the streak's last session is the streak's window.
    moves = [c for c in claims if c.kind == "pct_change" and c.basis == "period" and c.period_start
             and (c.subject, c.period_end) in ends]
    return stated + moves


def _streak_window_group(window: Claim, members: list[Claim], calendar: TradingCalendar) -> ConflictGroup | None:
    start = window.period_start
    end = window.as_of if window.kind == "streak_length" else window.period_end
    readings = find_window_readings(calendar, start, end)  # type: ignore[arg-type]
    if not readings or not members:
        return None
    stated = sorted({int(m.value) for m in members})  # type: ignore[arg-type]
    bad = [n for n in stated if n not in readings]
    reason = (f"stated streak {', '.join(map(str, stated))} sessions; the window {start}..{end} on the "
              f"{calendar.name} calendar holds " + " or ".join(readings.values())
              + (f" → {', '.join(map(str, bad))} does not fit" if bad else " → fits"))
    return make_group([window, *members], status=_status(bool(bad)), scope="article",
                      topic=f"{_pair(members[0].subject, members[0].benchmark)} streak length vs its date window",
                      reason=reason)


def _quantity_key(claim: Claim) -> tuple | None:
    """What a figure measures, for "two figures for the same quantity" (None: not comparable)."""
    if not numeric(claim):
        return None
    if claim.kind in ("pct_change", "points_change", "index_level") and not subject_stated(claim):
        return None
    if claim.kind in ("pct_change", "points_change") and claim.period_end:
        return (claim.kind, claim.subject, claim.metric, claim.basis or "period", claim.period_end)
    if claim.kind in ("pct_change", "points_change") and claim.as_of and claim.basis == "day":
        return (claim.kind, claim.subject, claim.metric, "day", claim.as_of)
    if claim.kind == "earnings_growth" and claim.period_end:
        return (claim.kind, claim.subject, claim.period_start, claim.period_end)
    if claim.kind == "valuation_multiple" and claim.unit == "x" and claim.as_of:
        return (claim.kind, claim.subject, claim.metric, claim.as_of)
    if stated_level(claim) and claim.field in ("close", "high", "low", "open") and claim.as_of:
        return (claim.kind, claim.subject, claim.field, claim.as_of)
    if claim.kind == "streak_length" and claim.unit in STREAK_UNITS and claim.as_of:
        return (claim.kind, claim.subject, claim.benchmark, claim.direction or "up", claim.as_of)
    return None


def check_same_quantity(claims: list[Claim], calendar: TradingCalendar) -> list[ConflictGroup]:
    """Two different figures one article gives for the same quantity."""
    buckets: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        key = _quantity_key(claim)
        if key:
            buckets[key].append(claim)
    groups = [_quantity_group(key, items) for key, items in sorted(buckets.items(), key=lambda kv: str(kv[0]))]
    return [g for g in groups if g is not None]


def _comparable(a: Claim, b: Claim) -> bool:
    # Why: two stated windows with different first days are different quantities.
    return a.period_start is None or b.period_start is None or a.period_start == b.period_start


def _quantity_group(key: tuple, items: list[Claim]) -> ConflictGroup | None:
    pairs = [(a, b) for i, a in enumerate(items) for b in items[i + 1:]
             if _comparable(a, b) and (a.value, a.value_high, a.hedge_norm) != (b.value, b.value_high, b.hedge_norm)]
    if not pairs:
        return None
    clashes = [(a, b) for a, b in pairs if not bands_overlap(claim_band(a), claim_band(b))]
    shown = clashes or pairs
    reason = "; ".join(f"{figure(a)} ({claim_band(a).description}) vs {figure(b)} ({claim_band(b).description})"
                       for a, b in shown[:4])
    reason += " → bands do not overlap" if clashes else " → bands overlap"
    members = {c.id: c for pair in shown for c in pair}.values()
    return make_group(members, status=_status(bool(clashes)), scope="article",
                      topic=_quantity_topic(key, items[0]), reason=reason)


def _quantity_topic(key: tuple, claim: Claim) -> str:
    kind = key[0]
    if kind in ("pct_change", "points_change"):
        what = "% change" if kind == "pct_change" else "points change"
        return f"{claim.subject} {claim.basis or ''} {what} to {claim.period_end or claim.as_of}: two figures"
    if kind == "earnings_growth":
        return f"{claim.subject} earnings growth for {_period_text(claim)}: two figures"
    if kind == "valuation_multiple":
        return f"{claim.subject} {claim.metric} as of {claim.as_of}: two figures"
    if kind == "streak_length":
        return f"{_pair(claim.subject, claim.benchmark)} streak length as of {claim.as_of}: two figures"
    return f"{claim.subject} {claim.field} on {claim.as_of}: two figures"


def _period_text(claim: Claim) -> str:
    start, end = claim.period_start, claim.period_end
    if start and end and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return f"{start}..{end}"


def check_level_scale(claims: list[Claim], calendar: TradingCalendar) -> list[ConflictGroup]:
    """Levels of one subject on one session that differ ~10× (an index level quoted for its ETF)."""
    buckets: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        # Why: an index's own levels are checked against its data; the scale check is for ETFs
        # and stocks quoted at an index's scale, and needs both figures stated for the subject.
        if stated_level(claim) and claim.as_of and claim.value and find_symbol(claim.subject) is None:
            buckets[(claim.subject, claim.as_of)].append(claim)
    groups = []
    for (subject, as_of), items in sorted(buckets.items(), key=lambda kv: str(kv[0])):
        low, high = min(items, key=lambda c: c.value), max(items, key=lambda c: c.value)  # type: ignore[arg-type, return-value]
        if high.value / low.value >= SCALE_RATIO:  # type: ignore[operator]
            groups.append(_scale_group(low, high, claims))
    return groups


def _scale_group(low: Claim, high: Claim, claims: list[Claim]) -> ConflictGroup:
    ratio = high.value / low.value  # type: ignore[operator]
    reason = f"{low.subject} on {low.as_of}: {figure(high)} vs {figure(low)} = ratio {_fmt(ratio)}×"
    index = _index_level(low.subject, low.as_of, claims)
    members = [low, high]
    if index is not None:
        near = min((low, high), key=lambda c: abs(c.value / index.value - 1))  # type: ignore[operator]
        reason += (f"; {near.value} is {_fmt(near.value / index.value)}× the {index.subject} level "  # type: ignore[operator]
                   f"{index.value} stated here: an index-scale figure quoted for the ETF {low.subject}")
        members.append(index)
    return make_group(members, status="conflicting", scope="article",
                      topic=f"{low.subject} level on {low.as_of} implausible for its subject", reason=reason)


def _index_level(subject: str | None, as_of: date | None, claims: list[Claim]) -> Claim | None:
    index = ETF_INDEX.get(subject or "")
    return next((c for c in claims if c.kind == "index_level" and c.subject == index and c.as_of == as_of
                 and numeric(c) and c.field == "close"), None)


_INTERNAL_FINDERS: tuple[Callable[[list[Claim], TradingCalendar], list[ConflictGroup]], ...] = (
    check_endpoints, check_spread_vs_moves, check_streak_window, check_same_quantity, check_level_scale,
)


# ------------------------------------------------------------------ across articles

def find_cross_conflicts(claims: list[Claim], *, calendar: TradingCalendar) -> list[ConflictGroup]:
    """Claims about the same fact in different articles, grouped; scope "corpus"."""
    groups = find_streak_groups(claims, calendar) + find_value_groups(claims)
    return _sorted(g for g in groups if len({m.article for m in g.members}) >= 2)


@dataclass(frozen=True)
class Episode:
    """One streak as the corpus tells it: the claims about it and the sessions they span."""

    subject: str | None
    benchmark: str | None
    first: date
    last: date
    streaks: tuple[tuple[Claim, date], ...]
    records: tuple[Claim, ...]


def find_episodes(claims: list[Claim], calendar: TradingCalendar) -> list[Episode]:
    """Streak-length and record claims clustered into streaks by overlapping session spans."""
    spans: dict[tuple, list[tuple[date, date, Claim, date | None]]] = defaultdict(list)
    for claim in claims:
        span = _streak_span(claim, calendar)
        if span:
            spans[(claim.subject, claim.benchmark, claim.direction or "up")].append(span)
    episodes = []
    for (subject, benchmark, _), items in sorted(spans.items(), key=lambda kv: str(kv[0])):
        episodes += [_episode(subject, benchmark, cluster) for cluster in _overlapping(items)]
    return episodes


def _streak_span(claim: Claim, calendar: TradingCalendar) -> tuple[date, date, Claim, date | None] | None:
    if claim.as_of is None or not numeric(claim) or claim.kind == "streak_length" and claim.within_period:
        return None
    if claim.kind == "streak_length" and claim.unit in STREAK_UNITS:
        start = find_streak_start(calendar, claim.as_of, int(claim.value))  # type: ignore[arg-type]
        return (start, claim.as_of, claim, start) if start else None
    if claim.kind == "streak_record" and claim.relation in RECORD_RELATIONS and claim.metric in (None, "streak"):
        return (claim.as_of, claim.as_of, claim, None)
    return None


def _overlapping(items: list[tuple[date, date, Claim, date | None]]) -> list[list[tuple]]:
    clusters: list[list[tuple]] = []
    last = date.min
    for item in sorted(items, key=lambda i: (i[0], i[1], i[2].id)):
        if not clusters or item[0] > last:
            clusters.append([])
        clusters[-1].append(item)
        last = max(last, item[1]) if len(clusters[-1]) > 1 else item[1]
    return clusters


def _episode(subject: str | None, benchmark: str | None, cluster: list[tuple]) -> Episode:
    streaks = tuple((c, start) for _, _, c, start in cluster if c.kind == "streak_length")
    records = tuple(c for _, _, c, _ in cluster if c.kind == "streak_record")
    return Episode(subject, benchmark, min(i[0] for i in cluster), max(i[1] for i in cluster), streaks, records)


def find_streak_groups(claims: list[Claim], calendar: TradingCalendar) -> list[ConflictGroup]:
    """One group per streak for its lengths, one for its record comparisons."""
    groups = []
    for episode in find_episodes(claims, calendar):
        if episode.streaks:
            groups.append(_length_group(episode, calendar))
        if episode.records:
            groups.append(_record_group(episode))
    return groups


def _length_group(episode: Episode, calendar: TradingCalendar) -> ConflictGroup:
    starts: dict[date, list[Claim]] = defaultdict(list)
    for claim, start in episode.streaks:
        starts[start].append(claim)
    parts = [f"{start}: " + _listed(sorted({f"{_doc(c)} {c.value} to {c.as_of}" for c in items}))
             for start, items in sorted(starts.items())]
    last = max(c.as_of for c, _ in episode.streaks)  # type: ignore[type-var]
    reason = (f"implied first session = as-of − (N−1) sessions on the {calendar.name} calendar; "
              + ("starts differ: " if len(starts) > 1 else "all start on ") + "; ".join(parts))
    return make_group([c for c, _ in episode.streaks], status=_status(len(starts) > 1), scope="corpus",
                      topic=f"{_pair(episode.subject, episode.benchmark)} streak length as of {last}", reason=reason)


def record_year(claim: Claim) -> int | None:
    """The year a record comparison reaches back to ("since May 1996" → 1996; "in 36 years")."""
    if claim.period_start is not None:
        return claim.period_start.year
    if claim.unit == "years" and claim.as_of and numeric(claim):
        return claim.as_of.year - int(claim.value)  # type: ignore[arg-type]
    return None


def _record_group(episode: Episode) -> ConflictGroup:
    years: dict[int | None, list[Claim]] = defaultdict(list)
    for claim in episode.records:
        years[record_year(claim)].append(claim)
    parts = [f"{year}: " + _listed([f"{cite(c)} ({c.relation})" for c in items])
             for year, items in sorted(years.items(), key=lambda kv: kv[0] or 0)]
    known = [y for y in years if y is not None]
    reason = ("reference periods differ: " if len(known) > 1 else "same reference period: ") + "; ".join(parts)
    return make_group(episode.records, status=_status(len(known) > 1), scope="corpus",
                      topic=f"{_pair(episode.subject, episode.benchmark)} streak record comparison "
                            f"(streak {episode.first}..{episode.last})", reason=reason)


LISTED_PER_READING = 8


def _listed(texts: list[str]) -> str:
    """A readable list: a large corpus names the first few and counts the rest."""
    more = len(texts) - LISTED_PER_READING
    return ", ".join(texts[:LISTED_PER_READING]) + (f" (+{more} more)" if more > 0 else "")


def _doc(claim: Claim) -> str:
    return claim.article.split("_")[0]


def _fact_key(claim: Claim) -> tuple | None:
    """What fact a figure states, without its date when the date is a snapshot (None: skip)."""
    if not numeric(claim):
        return None
    if claim.kind == "valuation_multiple" and claim.unit == "x" and claim.as_of:
        return (claim.kind, claim.subject, claim.metric)
    if claim.kind == "rate" and claim.unit == "pct" and claim.as_of and claim.metric is None:  # a level, not a move or a forecast
        return (claim.kind, claim.subject)
    if claim.kind == "earnings_growth" and claim.period_end:
        return (claim.kind, claim.subject, claim.period_start, claim.period_end)
    if claim.kind in ("pct_change", "points_change") and claim.period_end and claim.period_start:
        return (claim.kind, claim.subject, claim.metric, claim.basis, claim.period_start, claim.period_end)
    # Why dated only: an undated as_of is the publication date, and pages of one day report different sessions.
    if claim.kind in ("pct_change", "points_change") and claim.basis == "day" and claim.as_of \
            and claim.time_start is not None and subject_stated(claim):
        return (claim.kind, claim.subject, claim.metric, "day", claim.as_of, claim.as_of)
    if stated_level(claim) and claim.field in ("close", "high", "low", "open") and claim.as_of:
        return (claim.kind, claim.subject, claim.field, claim.as_of)
    if claim.kind == "spread" and claim.period_end:
        return (claim.kind, claim.subject, claim.benchmark, claim.per, claim.unit, claim.period_start, claim.period_end)
    return None


def find_value_groups(claims: list[Claim]) -> list[ConflictGroup]:
    """Figures for the same fact (kind, subject, benchmark, metric, period) compared by band."""
    buckets: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        key = _fact_key(claim)
        if key:
            buckets[key].append(claim)
    groups = []
    for key, items in sorted(buckets.items(), key=lambda kv: str(kv[0])):
        groups += [_value_group(key, cluster) for cluster in _snapshots(_first_mentions(items))]
    return groups


def _first_mentions(items: list[Claim]) -> list[Claim]:
    """One member per figure per article: a headline repeated in the body is one statement."""
    first: dict[tuple, Claim] = {}
    for claim in sorted(items, key=lambda c: (c.article, c.start)):
        first.setdefault((claim.article, figure(claim), claim.hedge_norm), claim)
    return list(first.values())


def _snapshots(items: list[Claim]) -> list[list[Claim]]:
    # Why: "at the start of 2026" and "by the end of 2025" resolve a day or two apart.
    clusters: list[list[Claim]] = []
    for claim in sorted(items, key=lambda c: (c.as_of or date.min, c.article, c.start)):
        head = clusters[-1][0].as_of if clusters else None
        if clusters and (claim.as_of is None or head is None or claim.as_of - head <= timedelta(days=SNAPSHOT_DAYS)):
            clusters[-1].append(claim)
        else:
            clusters.append([claim])
    return clusters


def _value_group(key: tuple, items: list[Claim]) -> ConflictGroup:
    # Why extremes only: bands have a common point unless the highest low exceeds the lowest
    # high, so one sorted pass finds a clashing pair however many articles repeat the figure.
    banded = [(claim_band(c), c) for c in {(figure(c), c.hedge_norm): c for c in items}.values()]
    unbounded = Decimal("Infinity")
    low_band, low_claim = min(banded, key=lambda bc: unbounded if bc[0].high is None else bc[0].high)
    high_band, high_claim = max(banded, key=lambda bc: -unbounded if bc[0].low is None else bc[0].low)
    clash = not bands_overlap(low_band, high_band)
    values: dict[str, list[str]] = {}
    for claim in items:
        values.setdefault(figure(claim), []).append(_doc(claim))
    listing = "; ".join(f"{value} ({_listed(sorted(set(docs)))})" for value, docs in values.items())
    detail = f"{figure(low_claim)} [{low_band.description}] vs {figure(high_claim)} [{high_band.description}]"
    reason = f"figures: {listing}" + (f" → bands do not overlap: {detail}" if clash else " → all bands overlap")
    return make_group(items, status=_status(clash), scope="corpus", topic=_fact_topic(key, items), reason=reason)


def _fact_topic(key: tuple, items: list[Claim]) -> str:
    claim, kind = items[0], key[0]
    dates = sorted({c.as_of for c in items if c.as_of})
    when = f"{dates[0]}" if len(dates) == 1 else f"{dates[0]}..{dates[-1]}" if dates else ""
    if kind == "valuation_multiple":
        return f"{claim.subject} {claim.metric} as of {when}"
    if kind == "rate":
        return f"{claim.subject} as of {when}"
    if kind == "earnings_growth":
        return f"{claim.subject} earnings growth for {_period_text(claim)}"
    if kind in ("pct_change", "points_change"):
        what = "% change" if kind == "pct_change" else "points change"
        if claim.period_start is None:
            return f"{claim.subject} {what} on {claim.as_of}"
        return f"{claim.subject} {what} {claim.period_start}..{claim.period_end}"
    if kind == "spread":
        return f"{_pair(claim.subject, claim.benchmark)} spread {claim.per} {claim.period_start}..{claim.period_end}"
    return f"{claim.subject} {claim.field} on {claim.as_of}"


# ------------------------------------------------------------------ tickers

EXCHANGE_SPELLINGS = {
    "nasdaq": "Nasdaq", "nasdaqgs": "Nasdaq", "nasdaqgm": "Nasdaq", "nasdaqcm": "Nasdaq", "nyse": "NYSE",
    "nysearca": "NYSE Arca", "arca": "NYSE Arca", "nysemkt": "NYSE American", "nyseamerican": "NYSE American",
    "amex": "NYSE American", "bats": "Cboe BZX", "cboe": "Cboe BZX", "cboebzx": "Cboe BZX", "iex": "IEX",
}
INDEX_NAMES = re.compile(r"^(the )?(s&p|russell|nasdaq (composite|100)|dow|djia)\b", re.I)
SMALL_CAP_CONTEXT = re.compile(r"small[- ]caps?\b|russell 2000", re.I)
LARGE_CAP_CONTEXT = re.compile(r"mega[- ]caps?|large[- ]caps?|magnificent|giants?\b|titans?\b", re.I)


def normalize_exchange(written: str) -> str:
    """An exchange as written → the reference list's name ("NYSEArca" → "NYSE Arca")."""
    key = re.sub(r"[^a-z]", "", written.lower())
    return EXCHANGE_SPELLINGS.get(key, written.strip())


def check_tickers(claims: list[Claim], reference: Reference) -> list[Finding]:
    """One "ticker_listing" Finding per ticker claim, judged against the reference lists.

    contradicted: the exchange as written is not the listing exchange, the name does not match
    the listed company, or an index is written with an ETF's ticker (index_as_etf);
    ambiguous: the listing is right but the sentence calls the company a small cap while it is
    an S&P 500 member outside the Russell 2000 holdings; supported: everything written matches;
    unverifiable: the ticker is not in the reference lists.
    """
    return [check_ticker(c, reference) for c in claims if c.kind == "ticker" and isinstance(c.value, str)]


def check_ticker(claim: Claim, reference: Reference) -> Finding:
    """The listing check of one ticker claim (see check_tickers)."""
    listing = reference.find(str(claim.value))
    if listing is not None and find_symbol(str(claim.value)) and INDEX_NAMES.match(claim.name or ""):
        return Finding(claim_id=claim.id, check="ticker_listing", verdict="unverifiable",
                       missing=f"{claim.value} is the index's own abbreviation here, not a listed symbol")
    if listing is None:
        return Finding(claim_id=claim.id, check="ticker_listing", verdict="unverifiable",
                       missing=f"{claim.value} is not in the reference lists")
    issues = _listing_issues(claim, listing)
    membership = _membership_issue(claim, listing, reference)
    described = _described(claim, listing, issues)
    verdict = "contradicted" if issues and not described else "ambiguous" if membership or described else "supported"
    notes = issues + ([membership] if membership else []) + ([described] if described else [])
    if not claim.exchange:
        notes.append("no exchange written")
    arithmetic = (f"reference row: {listing.ticker} | {listing.name} | {listing.exchange}"
                  f"{' | ETF' if listing.is_etf else ''}; written: {claim.quote!r} → " + ("; ".join(notes) or "matches"))
    reading = Reading(label=f"reference listing {listing.ticker} on {listing.exchange}", actual=None, matches=not issues)
    return Finding(claim_id=claim.id, check="ticker_listing", verdict=verdict, arithmetic=arithmetic,  # type: ignore[arg-type]
                   tolerance="exchange spellings normalized (NASDAQ = Nasdaq, NYSEArca = NYSE Arca)", readings=(reading,))


def _described(claim: Claim, listing: Listing, issues: list[str]) -> str | None:
    """"QQQ (Nasdaq-100)", "IWM (Russell 2000)": a symbol first, then words in parentheses, may describe
    what the fund tracks rather than name the listing: a name that differs is a note, not a contradiction."""
    first = claim.quote.lstrip("$^").split()[0] if claim.quote.split() else ""
    if not issues or first.upper() != listing.ticker or any(i.startswith("wrong_exchange") for i in issues):
        return None
    if listing.is_etf and INDEX_NAMES.match(claim.name or ""):
        issues.clear()
        index = re.sub(r"\s+index$", "", (claim.name or "").strip().lower())
        if index and index in listing.name.lower():
            return None  # "IWM (Russell 2000)": the fund's own index, as its name says
        return f"{claim.name!r} is the index {listing.ticker} tracks"
    issues.clear()
    return f"the words after {listing.ticker} ({claim.name!r}) may describe it rather than name {listing.name!r}"


def _listing_issues(claim: Claim, listing: Listing) -> list[str]:
    issues = []
    if claim.exchange and normalize_exchange(claim.exchange) != listing.exchange:
        issues.append(f"wrong_exchange: {claim.exchange} ≠ {listing.exchange}")
    name = claim.name or ""
    if listing.is_etf and INDEX_NAMES.match(name) and "etf" not in name.lower():
        issues.append(f"index_as_etf: {name!r} is an index; {listing.ticker} is an ETF ({listing.name})")
    elif name and not names_match(name, listing.name):
        issues.append(f"name_mismatch: {name!r} is not {listing.name!r}")
    return issues


def _membership_issue(claim: Claim, listing: Listing, reference: Reference) -> str | None:
    # Why: only a sentence that calls the company a small cap depends on its index membership.
    small = SMALL_CAP_CONTEXT.search(claim.sentence) and not LARGE_CAP_CONTEXT.search(claim.sentence)
    if not small or listing.is_etf or listing.ticker not in reference.sp500:
        return None
    if listing.ticker in reference.russell2000:
        return None
    return f"index_membership: {listing.ticker} is an S&P 500 member, not in the Russell 2000 holdings"
