"""Index levels and the points changes easily mistaken for them: "closed at 2,718.77", "the 5,000 mark", "lost 250.62 points"."""

from __future__ import annotations

import re

from .. import patterns as P
from ..dates import MONTHS
from ..models import Candidate
from .moves import forecast_before
from .context import Anchor, Context, INDEXES, after, before, candidate, direction, find_hedge, find_period, find_subject, iso, move_quote_bounds, move_sign, sentence_dates, signed, words


def handle_level(ctx: Context, anchor: Anchor) -> list[Candidate]:
    toks = [t for t in anchor.span if t.text != "$" and t.like_num]
    text = toks[0].text
    dollar = anchor.span[0].text == "$" or "$" in [t.text for t in anchor.span]
    if anchor.label == "LEVEL" and (points := points_without_unit(ctx, anchor)) is not None:
        return points
    if not dollar and text.isdigit() and (1800 <= int(text) <= 2100 or is_year_of_date(words(before(anchor, 3)))):
        return []
    post = words(after(anchor, 2))
    if post[:1] and post[0] in P.LARGE_AMOUNT_WORDS | {"%", "percent", "basis", "x", "times", "bps"}:
        return []
    if post[:1] == ["-"] and post[1:2] and post[1] in {"day", "week", "month", "year", "session"}:
        return []  # "its 200-day moving average": a span of sessions, not a level
    pre = words(before(anchor, 4))
    cues = [P.LEVEL_CUES[w] for w in reversed(pre) if w in P.LEVEL_CUES]
    cue = next((c for c in cues if c != "unspecified"), cues[0] if cues else None)
    if post[:1] and post[0] in {"mark", "level", "handle", "points", "point", "threshold", "milestone", "barrier"}:
        cue = "threshold" if post[0] in {"mark", "handle", "threshold", "milestone", "barrier"} or post[1:2] and post[1] in {"threshold", "mark", "milestone"} else cue or "unspecified"
    if cue is None and is_milestone_list(anchor, text):
        cue = "threshold"
    if cue is None:
        return []
    subject = find_subject(ctx, anchor)
    cue_tok = next((t for t in reversed(before(anchor, 4)) if t.lower_ in P.LEVEL_CUES and t.text != "("), None)
    start = cue_tok.idx if cue_tok is not None else anchor.span.start_char
    extra = {"record": "first_above"} if cue in ("threshold", "unspecified") and first_time_past(anchor) else {}
    if forecast_before(anchor):
        extra = {"metric": "forecast"}  # "price targets range up to 8,100", "waiting for a close above 7,000"
    return [candidate(ctx, anchor, "index_level", start, value=text, unit="usd" if dollar and subject not in INDEXES else "points",
                      subject=subject, field=cue, **level_date(ctx, anchor), **extra)]


FIRST_TIME_AFTER = re.compile(r"^(?:(?:points?|level|mark|milestone|threshold|barrier|handle)\s+)?(?:\w+\s+){0,3}?"
                              r"for\s+the\s+(?:very\s+)?first\s+time(?:\s+ever)?\b(?!\s+(?:since\b|in\s+(?!history\b)))")
FIRST_TIME_BEFORE = re.compile(r"\bfirst\s+(?:time|close|closing|finish|ever)\b(?:\s+\w+){0,2}\s+(?:above|over|past|beyond|at)\s+(?:the\s+)?$")


NOT_PAST = re.compile(r"\b(?:failed|fails|fail|failing|short|unable|not|n't|never|without)\b")


def first_time_past(anchor: Anchor) -> bool:
    """'topped 7,000 for the first time', 'its first close above 50,000': the first session past a level."""
    post = " ".join(words(after(anchor, 9)))
    pre = " ".join(words(before(anchor, 6))) + " "
    if NOT_PAST.search(pre):
        return False  # "failed to finish above 7,000 for the first time": it did not
    return bool(FIRST_TIME_AFTER.search(post) or FIRST_TIME_BEFORE.search(pre))


LEVEL_BEFORE_POINTS = {"at", "to", "of", "above", "below", "near", "past", "the", "surpassed", "crossed", "crossing", "topped",
                       "topping", "reaching", "reached", "hit", "around", "under", "over"}


def handle_points(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'lost 250.62 points', '-50.74 points', 'a 2,640-point surge': a move in index points, never a level."""
    pre, post = words(before(anchor, 3)), words(after(anchor, 2))
    if post[:1] and post[0] in {"mark", "threshold", "level", "handle", "barrier", "milestone"}:
        return handle_level(ctx, anchor)
    moved = any(move_sign(w) for w in pre + post) or anchor.span[0].text in P.SIGNS or "by" in pre[-1:] or "or" in pre[-1:]
    if pre[-1:] and pre[-1] in {"to", "at", "reach", "reaching", "reached", "of", "milestone", "threshold"} or \
            not moved and pre[-1:] and pre[-1] in LEVEL_BEFORE_POINTS:
        return handle_level(ctx, anchor)
    if post[:1] and post[0] in {"increments", "increment", "milestones", "steps", "intervals"}:
        return []  # "successive 1,000-point increments": a size of step, not a move
    hedge, hedge_start = find_hedge(anchor)
    value = signed(anchor, [t.text for t in anchor.span if t.like_num][0])
    if not value.startswith(("-", "+")) and direction(anchor) < 0:
        value = "-" + value
    period = find_period(ctx, anchor)
    start, end = move_quote_bounds(anchor, hedge_start)
    fields = {"subject": find_subject(ctx, anchor), **period}
    if fields["subject"] in INDEXES:
        ctx.last_subject = fields["subject"]
    return [candidate(ctx, anchor, "points_change", start, end, value=value, unit="points", hedge=hedge, **fields)]


def points_without_unit(ctx: Context, anchor: Anchor) -> list[Candidate] | None:
    """'fell 0.58 to 98.02', 'up 292.81, or 0.6%': a bare figure right after a move word is a change in points."""
    pre, post = words(before(anchor, 2)), words(after(anchor, 2))
    if not pre or not move_sign(pre[-1]) or pre[-1] in {"higher", "lower"}:
        return None
    if not post or not (post[0] in {"to", "("} or post[:2] == [",", "or"] or post[:1] == ["or"]):
        return None
    return handle_points(ctx, anchor)


MILESTONE_CUES = ("milestone", "for the first time", "first time", "first close above", "crossed", "topped", "surpassed")


def is_milestone_list(anchor: Anchor, text: str) -> bool:
    """'… first closed above 10,000 in 1999, 20,000 in 2017 …': round levels listed with the years they were reached."""
    post = words(after(anchor, 2))
    return (post[:1] == ["in"] and len(post) > 1 and post[1].isdigit() and len(post[1]) == 4
            and any(c in anchor.sent_lower for c in MILESTONE_CUES) and text.replace(",", "").rstrip("0") != text.replace(",", ""))


def is_year_of_date(pre: list[str]) -> bool:
    """'January 5, 99999': a number after 'Month day,' is a (perhaps absurd) year, never a level."""
    return len(pre) == 3 and pre[2] == "," and pre[1].isdigit() and pre[0].rstrip(".") in MONTHS


def level_date(ctx: Context, anchor: Anchor) -> dict:
    """'from $2,492 to $2,719 between January 2 and January 22': the first level gets the first date."""
    dated = sentence_dates(ctx, anchor)
    days = [m for _, m in dated if m.grain == "day"]
    months = [m for _, m in dated if m.grain == "month"]
    starts_pair = words(after(anchor, 1)) == ["to"]
    if len(days) >= 2 and (starts_pair or "from" in words(before(anchor, 2))):
        return {"as_of": iso(days[0].first)}
    if len(days) >= 2 and "to" in words(before(anchor, 2)):
        return {"as_of": iso(days[1].first)}
    if days:
        return {"as_of": iso(days[-1].first)}
    if months:
        return {"period_start": iso(months[0].first), "period_end": iso(months[0].last)}
    return {"as_of": iso(ctx.article.as_of)}
