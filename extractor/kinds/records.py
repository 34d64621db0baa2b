"""Records and comparisons: "longest since May 1996", "best day since April", "in 18 years", "this century", "closed at a record"."""

from __future__ import annotations

from datetime import date
import calendar as stdcal
import re

from .. import patterns as P
from ..dates import MONTHS, find_dates, period_of
from ..models import Candidate
from .context import INDEXES, Anchor, Context, after, before, entity_at, candidate, find_as_of, find_benchmark, find_hedge, find_subject, iso, move_sign, number_tokens, span_text, words
from .levels import level_date
from .streaks import is_relative


def record_kind(sent_words: set[str]) -> str:
    if sent_words & {"valuation", "p/e", "discount", "disparity"}:
        return "valuation_multiple"
    if sent_words & P.BREADTH_WORDS and not sent_words & {"index", "dow", "nasdaq", "s&p", "russell"}:
        return "count"
    if sent_words & P.VOLUME_WORDS:
        return "other_numeric"
    return "streak_record"


def record_metric(low: str) -> str:
    """What a record compares ('its worst week since …' → week_move), from the words before 'since'."""
    for metric, cues in P.RECORD_METRICS:
        if any(cue in low for cue in cues):
            return metric
    return "streak"


def record_direction(low: str) -> str | None:
    downs = [low.rfind(c) for c in P.RECORD_DOWN + ("drop", "decline", "loss", "fell", "slide", "sell-off", "decrease", "losing", "lowest")]
    ups = [low.rfind(c) for c in P.RECORD_UP + ("gain", "rally", "surge", "jump", "rise", "winning", "advance")]
    down, up = max(downs), max(ups)
    if down < 0 and up < 0:
        return None
    return "down" if down > up else "up"


def record_relation(low: str, default: str) -> str:
    for cue, relation in (("ties the longest", "ties_longest_in"), ("longest", "longest_since"), ("strongest", "strongest_since"),
                          ("highest", "highest_since"), ("widest", "widest_since"), ("extreme", "widest_in")):
        if cue in low:
            return relation if "since" in default or relation.endswith("_in") else relation.replace("_since", "_in")
    if "not accomplished" in low or "not seen" in low or "first time" in low:
        return "ties_not_since" if any(w in low for w in ("matching", "ties", "tying", "equal")) else "not_seen_since"
    return default


def record_candidate(ctx: Context, anchor: Anchor, *, value: str | None, unit: str, reference: str, relation: str,
                     start: int, hedge: str | None = None, end: int | None = None, period: tuple | None = None,
                     skip: tuple[int, int] | None = None) -> list[Candidate]:
    # What is compared is named between the superlative and the reference ("its worst WEEK since …").
    cue_start = clause_start(anchor, RECORD_CUES)
    cue_text = (anchor.text[cue_start:anchor.span.start_char] if cue_start < anchor.span.start_char
                else span_text(anchor.text, before(anchor, 6))).lower()
    metric = record_metric(cue_text)
    named_streak = any(w in cue_text for w in P.RECORD_METRICS[1][1])  # "the longest winning streak since …"
    kind = "streak_record" if named_streak else \
        record_kind(set(words(before(anchor, 14))) | (set(anchor.sent_words) & {"valuation", "p/e", "discount", "disparity"}))
    if metric == "streak" and not named_streak:
        # "climbed to 18,020.55, a level not seen since March": what is compared stands before the cue
        head = anchor.text[max(anchor.sent.start_char, cue_start - 30):cue_start].lower().split()
        metric = record_metric(" ".join(head[-4:]))
    direction = record_direction(cue_text)
    if ma := MOVING_AVERAGE.search(anchor.sent.text[:anchor.span.start_char - anchor.sent.start_char]):
        # "closed below its 200-day moving average for the first time since 2023": a cross of that average
        metric, direction = f"ma_{ma['n']}", "down" if ma["side"].lower() in ("below", "under") else "up"
    fields = {"value": value, "unit": unit, "reference": reference, "relation": relation, "hedge": hedge,
              "metric": metric, "direction": direction}
    period = period or (period_of(reference) if unit == "year" else None)
    if period:
        fields.update(period_start=iso(period[0]), period_end=iso(period[1]))
    named = {x[2] for x in entity_at(ctx, anchor.sent.start, anchor.span.start) if x[2] in INDEXES}
    if kind == "streak_record" and fields["metric"] == "streak" and ctx.last_pair and (is_relative(anchor) or named <= set(ctx.last_pair)):
        pair = ctx.last_pair
        fields.update(subject=pair[0], benchmark=pair[1] or find_benchmark(ctx, anchor), as_of=iso(ctx.streak_end))
    else:
        fields.update(subject=find_subject(ctx, anchor), as_of=iso(find_as_of(ctx, anchor, skip=skip)))
    head = anchor.sent_lower[:anchor.span.start_char - anchor.sent.start_char]
    if (RATE_MOVE.search(cue_text) or POLICY_RATE.search(head)) and not OTHER_BANK.search(anchor.sent_lower):
        # "the Fed's first rate cut since 2020": a record of the federal funds target, not of an index
        fields.update(subject="Fed funds rate", benchmark=None, metric=None)
    return [candidate(ctx, anchor, kind, start, end, **fields)]


MOVING_AVERAGE = re.compile(r"\b(?P<side>above|below|under)\s+(?:its|the|their)\s+(?P<n>\d{2,3})[-\s]day\s+(?:simple\s+)?moving\s+average", re.I)
POLICY_RATE = re.compile(r"\b(?:benchmark|policy|key|federal funds|fed funds)\s+(?:interest\s+)?rates?\b")
RATE_MOVE = re.compile(r"\brates?\s+(?:cut|cuts|reduction|reductions|hike|hikes|increase|increases|rise)\b")
OTHER_BANK = re.compile(r"\b(?:ecb|european central bank|bank of (?:england|japan|canada)|boe|boj|rba|pboc|snb|riksbank)\b")


def clause_start(anchor: Anchor, cues: tuple[str, ...]) -> int:
    """Start the quote at the superlative that the record phrase qualifies ('the longest …')."""
    for tok in reversed(before(anchor, 20)):
        if tok.lower_ in cues:
            return tok.idx
    return anchor.span.start_char


RECORD_CUES = tuple({c.strip() for c in P.RECORD_CUES} | {"matching", "ties", "not", "hasn't", "haven't", "worst"})






SINCE_REFERENCE = re.compile(
    r"(?:at least |as far back as |back in )?(?:"
    r"the (?:(?:early|mid|late)[- ])?(?:1[89]|20)\d0s"
    r"|the (?:end|start|beginning|middle|close|depths|height|peak|spring|summer|fall|autumn|winter) of (?:the )?[\w .,'’-]{2,30}?(?=[,.;)]|\s(?:when|as|after|amid|and|on|in)\b|$)"
    r"|(?:the )?pre-[\w-]+(?: [\w-]+){0,3}"
    r"|(?:last|early|mid|late|the start of|the end of)[- ](?:[A-Z][a-z]+\.?|year|month|week|summer|spring|fall|autumn|winter)(?: (?:19|20)\d\d)?"
    r"|[A-Z][a-z]{2,8}\.?(?: of)? (?:19|20)\d\d\b"
    r"|(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?\b(?:,? (?:19|20)\d\d)?"
    r"|(?:19|20)\d\d"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?"
    r"|the (?:[\w'’-]+ ){1,5}(?:of|in) (?:19|20)\d\d\b"
    r"|the (?:[\w'’-]+ ){0,4}(?:crisis|era|pandemic|crash|bubble|recession|financial crisis|election|inception|launch|creation|start|beginning)"
    r")")


def handle_since(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'its best day since April', 'the longest streak since May 1996', 'the first cut since March 2020'."""
    low = (span_text(anchor.text, before(anchor, 20)) + " ").lower()
    if not any(cue in low for cue in P.RECORD_CUES):
        return []  # "Since February 2025, …" dates a trend; it is not a record comparison
    rest = anchor.text[anchor.span.end_char:anchor.sent.end_char]
    gap = len(rest) - len(rest.lstrip())
    m = SINCE_REFERENCE.match(rest.lstrip())
    if not m:
        return []
    reference = m.group(0).rstrip(" ,.")
    end = anchor.span.end_char + gap + len(reference)
    period = reference_period(ctx, reference)
    year = re.search(r"(?:19|20)\d\d", reference)
    ref_start = anchor.span.end_char + gap
    out = record_candidate(ctx, anchor, value=year.group(0) if year else None, unit="year", reference=reference,
                           relation=record_relation(low + " since", "longest_since" if "longest" in low else "since"),
                           start=clause_start(anchor, RECORD_CUES), end=end, period=period, skip=(ref_start, end))
    return out


def reference_period(ctx: Context, reference: str) -> tuple[date, date] | None:
    """The period a 'since …' reference names, year-less months and days resolved before the article's date."""
    ref = ctx.article.published or ctx.article.as_of
    found = find_dates(reference, ref)
    if found:
        return found[0].first, found[0].last
    month = re.match(r"(?:(early|mid|late|last)[- ])?([A-Z][a-z]{2,8})\b", reference)
    if month and month.group(2).lower().rstrip(".") in MONTHS and ref:
        number = MONTHS[month.group(2).lower().rstrip(".")]
        year = ref.year if number < ref.month or (number == ref.month and month.group(1) != "last") else ref.year - 1
        if month.group(1) == "last" and number >= ref.month:
            year = ref.year - 1
        first = date(year, number, 1)
        return first, date(year, number, stdcal.monthrange(year, number)[1])
    period = period_of(reference)
    return (period[0], period[1]) if period else None


def handle_this_period(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'the worst slide this year', 'the best start to a year this century'."""
    low = span_text(anchor.text, before(anchor, 10)).lower()
    if not any(cue in low for cue in P.RECORD_CUES if cue not in {"first", "record", "not ", "n't"}) or anchor.span[0].lower_ == "the" and "of the" not in low[-8:] and "in the" not in low[-8:]:
        return []
    return record_candidate(ctx, anchor, value=None, unit="year", reference=anchor.span.text, relation="in_period",
                            start=clause_start(anchor, RECORD_CUES))


def handle_record_level(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'closed at a record', 'a fresh all-time high', 'record close': a level said to be a record."""
    low = anchor.span.text.lower()
    pre = words(before(anchor, 6))
    if any(t.like_num for t in after(anchor, 1)):
        return []  # "a record 26% concentration": the record is that figure's, not a level's
    if pre[-2:-1] in (["from"], ["below"], ["off"], ["under"], ["beneath"]) or pre[-1:] in (["from"], ["below"], ["off"]):
        return []  # "11% below its all-time high": the record is the reference of a drawdown, not this session's
    if not any(move_sign(w) or w in {"closed", "close", "ended", "finished", "hit", "reached", "notched", "set", "at", "touched", "posted", "marked", "another", "new", "fresh"} for w in pre + words(anchor.span)):
        return []
    record = "record_high" if "high" in low and "intraday" in anchor.sent_lower else "record_close"
    subject = find_subject(ctx, anchor)
    cue = next((t for t in reversed(before(anchor, 6)) if move_sign(t.lower_) or t.lower_ in {"closed", "ended", "finished", "hit", "reached", "notched", "set", "touched"}), None)
    start = cue.idx if cue is not None else anchor.span.start_char
    return [candidate(ctx, anchor, "index_level", start, subject=subject, field="close" if record == "record_close" else "high",
                      record=record, unit="points", **level_date(ctx, anchor))]


def handle_in_years(ctx: Context, anchor: Anchor) -> list[Candidate]:
    low = (span_text(anchor.text, before(anchor, 12)) + " " + anchor.span.text).lower()
    if not any(cue in low for cue in P.RECORD_CUES):
        return []
    hedge, _ = find_hedge(Anchor(anchor.label, anchor.span[1:], anchor.sent, anchor.text))
    relation = "not_seen_in" if "not seen" in low else record_relation(low, "longest_in").replace("_since", "_in")
    value, unit = next(iter(number_tokens(anchor)), None), "years"
    word = anchor.span[-1].lower_
    if value is None:
        head = span_text(anchor.text, before(anchor, 8)).lower()
        if not any(cue in head for _, cues in P.RECORD_METRICS for cue in cues):
            return []  # "the friendliest policy in over a decade": no market move or streak is compared
        value = "10" if word == "decade" else "1"  # "its steepest drop in over a year", "its best month in a decade"
    elif word.startswith(("month", "week", "decade")):
        unit = word.rstrip("s") + "s"  # "the sharpest drop in 3 months", "its best week in three decades"
    return record_candidate(ctx, anchor, value=value, unit=unit, reference=anchor.span.text,
                            relation=relation, start=clause_start(anchor, RECORD_CUES), hedge=hedge)


def handle_year_extreme(ctx: Context, anchor: Anchor) -> list[Candidate]:
    return record_candidate(ctx, anchor, value=number_tokens(anchor)[0], unit="years", reference=anchor.span.text,
                            relation="widest_in", start=anchor.span.start_char)


def handle_record_set(ctx: Context, anchor: Anchor) -> list[Candidate]:
    low = span_text(anchor.text, before(anchor, 4)).lower()
    relation = "ties_record" if any(w in low for w in ("ties", "tying", "matches", "matching", "equals")) else "record"
    start = clause_start(anchor, ("ties", "tying", "matches", "matching", "equals")) if relation == "ties_record" else anchor.span.start_char
    reference = anchor.span[2:].text
    return record_candidate(ctx, anchor, value=anchor.span[-1].text, unit="year", reference=reference, relation=relation, start=start)


def handle_comparison(ctx: Context, anchor: Anchor) -> list[Candidate]:
    reference = anchor.span[2:].text
    return record_candidate(ctx, anchor, value=anchor.span[-1].text, unit="year", reference=reference,
                            relation="compared_to", start=anchor.span.start_char)


def handle_historic_streak(ctx: Context, anchor: Anchor) -> list[Candidate]:
    year = anchor.span[0].text
    return record_candidate(ctx, anchor, value=year, unit="year", reference=year, relation="compared_to", start=anchor.span.start_char)
