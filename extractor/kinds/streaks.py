"""Streaks said many ways: "10 consecutive sessions", "a sixth straight day", "four days in a row", "back-to-back gains"."""

from __future__ import annotations

import re

from .. import patterns as P
from ..models import Candidate
from .context import plain_subject, Anchor, Context, after, before, candidate, entity_at, find_benchmark, find_subject, iso, move_sign, number_tokens, sentence_dates, words


STREAK_UNIT = {"session": "sessions", "day": "days", "week": "weeks", "month": "months", "year": "years", "quarter": "quarters",
               "weekly": "weeks", "daily": "days", "monthly": "months", "annual": "years", "yearly": "years", "quarterly": "quarters"}



def streak_unit(toks: list[str]) -> str:
    """The unit a streak counts: the last unit word, else 'weekly'/'monthly', else sessions."""
    for w in reversed(toks):
        if w.rstrip("s") in STREAK_UNIT and w not in {"daily"}:
            return STREAK_UNIT[w.rstrip("s")]
        if w in STREAK_UNIT:
            return STREAK_UNIT[w]
    return "sessions"


def streak_direction(anchor: Anchor) -> str:
    """'down' for a losing streak ('a five-day losing streak', 'has fallen for nine days in a row'), else 'up'."""
    around = words(anchor.span) + words(after(anchor, 4))
    if any(w in {"losing", "skid", "slide", "slump", "decline", "declines", "losses", "drops"} for w in around):
        return "down"
    if any(w in {"winning", "gains", "gain", "advances", "rally"} for w in around):
        return "up"
    for w in reversed(words(before(anchor, 8))):
        if w in {"losing", "skid"}:
            return "down"
        if w == "winning":
            return "up"
        sign = move_sign(w)
        if sign and w not in {"up", "down", "off"}:
            return "down" if sign < 0 else "up"
    return "up"


def streak_candidate(ctx: Context, anchor: Anchor, value: str, unit: str, end: int, start: int | None = None) -> list[Candidate]:
    """A streak of `value` units: the subject and benchmark of its sentence (or paragraph), its direction and end."""
    has_entities = bool(entity_at(ctx, anchor.sent.start, anchor.sent.end))
    subject = find_subject(ctx, anchor) if has_entities else None
    benchmark = find_benchmark(ctx, anchor) if is_relative(anchor) else None
    if subject is None and ctx.last_pair and is_relative(anchor):
        subject, benchmark = ctx.last_pair[0], benchmark if benchmark != ctx.last_pair[0] else ctx.last_pair[1]
    if subject is None:
        subject = ctx.last_subject or plain_subject(ctx, anchor)
    if subject == benchmark:
        benchmark = ctx.last_pair[1] if ctx.last_pair and ctx.last_pair[1] != subject else None
    if benchmark:
        ctx.last_pair = (subject, benchmark)
    days = [m for _, m in sentence_dates(ctx, anchor) if m.grain == "day"]
    as_of = days[-1].first if days else (ctx.streak_end if benchmark else ctx.article.as_of)
    return [candidate(ctx, anchor, "streak_length", anchor.span.start_char if start is None else start, end, value=value, unit=unit,
                      subject=subject, benchmark=benchmark, as_of=iso(as_of), direction=streak_direction(anchor))]


def is_relative(anchor: Anchor) -> bool:
    """A streak against a benchmark ('beaten the S&P 500 for 14 sessions'), not one index's own run."""
    return any(w in P.BENCHMARK_CUES - {"over"} or w.startswith(("outperform", "outpac", "beat", "lead", "trounc", "overshadow"))
               for w in anchor.sent_words)


def streak_end(anchor: Anchor) -> int:
    end = anchor.span.end_char
    for tok in after(anchor, 4):
        if tok.lower_ in P.STREAK_NOUNS | {"gains", "losses", "declines", "row"} or tok.lower_.endswith(("streak", "skid")):
            end = tok.idx + len(tok.text)
        elif tok.is_punct:
            break
    return end


def handle_streak(ctx: Context, anchor: Anchor) -> list[Candidate]:
    toks = words(anchor.span)
    post = words(after(anchor, 4))
    ordinal = anchor.span[0].text.lower().endswith(("st", "nd", "rd", "th")) and not anchor.span[0].text[:1].isdigit() or \
        re.fullmatch(r"\d+(st|nd|rd|th)", anchor.span[0].lower_) is not None
    consecutive = bool(set(toks) & {"consecutive", "straight", "successive", "uninterrupted"}) or "row" in toks
    streaky = bool(set(post[:3]) & (P.STREAK_NOUNS | {"skid", "slide", "slump"})) or post[:3] == ["in", "a", "row"] or \
        post[:1] == ["straight"] or post[:1] == ["of"] and bool({"outperformance", "gains", "losses", "declines", "gain", "decline"} & set(post))
    ordinal_streak = ordinal and (post[:1] == ["of"] and bool(set(post[1:3]) & set(P.STREAK_EVENTS)) or post[:3] == ["in", "a", "row"])
    if "moving" in post[:2] or "average" in post[:2] or not (consecutive or streaky or ordinal_streak):
        return []
    if anchor.span[0].lower_ in {"first", "one"} and not consecutive:
        return []
    value = number_tokens(anchor)[0]
    return streak_candidate(ctx, anchor, value, streak_unit(toks), streak_end(anchor))


def handle_streak_pair(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'back-to-back gains': a streak of two."""
    return streak_candidate(ctx, anchor, "2", streak_unit(words(anchor.span)), anchor.span.end_char)


def handle_streak_all(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'outperforming in the first 14 trading days of the year', 'rose in each of the past five sessions'."""
    sent = anchor.sent_words
    pre = words(before(anchor, 6))
    if not (set(pre) & {"in", "for", "during", "on"} or anchor.span[0].lower_ in {"all", "each", "every"}):
        return []
    if not any(move_sign(w) or w.startswith(("outperform", "outpac", "beat", "overshadow", "underperform")) for w in sent):
        return []
    if anchor.span[0].lower_ in {"past", "last", "previous", "preceding"} and not set(pre) & {"each", "every", "all"} and "preceding" not in words(anchor.span) \
            and not any(w.startswith(("rising", "rose", "gain", "fell", "falling", "declin", "outperform")) for w in pre[-3:]):
        return []
    unit = streak_unit(words(anchor.span))
    if anchor.span[0].lower_ in {"first", "initial", "past", "last", "previous"} and unit not in {"sessions", "days"} and \
            not (is_relative(anchor) and anchor.span[0].lower_ in {"past", "last", "previous"}):
        return []
    return streak_candidate(ctx, anchor, number_tokens(anchor)[-1], unit, anchor.span.end_char)
