"""Percent moves and gaps: "rose 1.2%", "(-0.8%)", "flat", "outperformed by 16%", "fell 0.02% to 4.13%", "double-digit gains"."""

from __future__ import annotations

from .. import patterns as P
from ..models import Candidate
from .context import Anchor, Context, INDEXES, after, before, candidate, direction, entity_at, find_as_of, find_benchmark, find_coordinated_subjects, find_hedge, find_period, find_subject, is_move_word, iso, move_quote_bounds, move_sign, number_tokens, remember_period, resolve, signed, span_text, words


def classify_pct(ctx: Context, anchor: Anchor) -> str:
    """Which kind a percentage states, from the words around it."""
    pre, post = words(before(anchor, 14)), words(after(anchor, 6))
    near_pre = words(before(anchor, 6))
    near = set(near_pre) | set(post)
    subject = find_subject(ctx, anchor)
    index_near = any(x[2] in INDEXES for x in entity_at(ctx, max(anchor.sent.start, anchor.span.start - 6), anchor.span.start))
    if (near & P.RATE_WORDS or "funds" in pre) and not index_near:
        return "rate"
    if post[:1] == ["of"] and set(post[1:6]) & P.COUNT_NOUNS:
        return "count"
    if ctx.last_kind_in_sentence == (anchor.sent.start, "count") and "from" in pre[-3:]:
        return "count"
    if anchor.span[0].text.startswith(tuple(P.SIGNS)) and span_text(anchor.text, before(anchor, 1)) == "(":
        return "pct_change"
    if post[:1] and post[0] in {"advantage", "lead", "edge", "gap", "outperformance", "underperformance"} or \
            "by" in near_pre[-3:] and any(w.startswith(("outperform", "underperform", "outpac", "trail", "lagg", "beat")) for w in pre):
        return "spread"
    if post[:1] and post[0] in P.NOT_MOVE_AFTER or set(near_pre[-2:]) & {"a", "an"} and post[:1] and post[0] in P.NOT_MOVE_AFTER:
        return "other_numeric"
    last = ctx.last_kind_in_sentence
    if last and last[0] == anchor.sent.start and last[1] in ("pct_change", "spread") and near_pre[-1:] and near_pre[-1] in {"and", ",", "or"}:
        return last[1]  # a list of figures ("by more than 16% and 18%") shares its kind
    if (set(pre) & P.EARNINGS_WORDS or set(post[:4]) & P.EARNINGS_WORDS) and not any(is_move_word(w) for w in near_pre[-3:]):
        return "earnings_growth"
    if near & P.SHARE_WORDS and not any(is_move_word(w) for w in near_pre[-3:]):
        return "other_numeric"
    if any(is_move_word(w) for w in near) or near & {"ytd", "year-to-date", "at", "flat", "unchanged"}:
        return "pct_change"
    if anchor.span[0].text.startswith(tuple(P.SIGNS)) or span_text(anchor.text, before(anchor, 1)) in {"(", "’s", "'s"}:
        return "pct_change"
    if subject and entity_at(ctx, anchor.sent.start, anchor.span.start):
        return "pct_change"
    return "other_numeric"



def handle_pct(ctx: Context, anchor: Anchor) -> list[Candidate]:
    kind = classify_pct(ctx, anchor)
    hedge, hedge_start = find_hedge(anchor)
    value = signed(anchor, number_tokens(anchor)[0])
    if kind == "pct_change":
        return pct_change(ctx, anchor, value, hedge, hedge_start)
    if kind == "spread":
        return pct_spread(ctx, anchor, value, hedge, hedge_start)
    fields = {"value": value, "unit": "pct", "hedge": hedge, "subject": find_subject(ctx, anchor)}
    if kind == "earnings_growth":
        fields.update(year_period(ctx, anchor))
        fields = {"value": value, "unit": "pct", "hedge": hedge, **restated(ctx, anchor, (kind, value), {k: v for k, v in fields.items() if k not in ("value", "unit", "hedge")})}
    if kind == "count":
        fields["as_of"] = iso(find_as_of(ctx, anchor))
    if kind == "rate" and fields["subject"] not in RATE_SUBJECTS:
        fields["subject"] = rate_subject(anchor, fields["subject"])
    return [candidate(ctx, anchor, kind, min(hedge_start, anchor.span.start_char), **fields)]


RATE_SUBJECTS = {"Fed funds rate", "Inflation", "Core PCE inflation"}


def rate_subject(anchor: Anchor, fallback: str | None) -> str | None:
    sent_words = anchor.sent_words
    if any(w.startswith("fed") or w in {"easing", "rate", "rates"} for w in sent_words):
        return "Fed funds rate"
    return fallback


def pct_change(ctx: Context, anchor: Anchor, value: str, hedge: str | None, hedge_start: int) -> list[Candidate]:
    if not value.startswith(("-", "+")) and direction(anchor) < 0:
        value = "-" + value
    period = find_period(ctx, anchor)
    remember_period(ctx, anchor, period)
    start, end = move_quote_bounds(anchor, hedge_start)
    fields = {"subject": find_subject(ctx, anchor), **period}
    fields = restated(ctx, anchor, ("pct_change", value), fields)
    if fields["subject"] in INDEXES:
        ctx.last_subject = fields["subject"]
    return [candidate(ctx, anchor, "pct_change", start, end, value=value, unit="pct", hedge=hedge, **fields)]


def pct_spread(ctx: Context, anchor: Anchor, value: str, hedge: str | None, hedge_start: int) -> list[Candidate]:
    """'outperformed small caps by more than 16%', 'a 4% advantage over the S&P 500': a gap in percent."""
    subject, benchmark = find_subject(ctx, anchor), find_benchmark(ctx, anchor)
    if subject == benchmark:
        benchmark = None
    start, end = move_quote_bounds(anchor, hedge_start)
    return [candidate(ctx, anchor, "spread", start, end, value=value, unit="pct", hedge=hedge, subject=subject,
                      benchmark=benchmark, per="cumulative", **find_period(ctx, anchor))]


def handle_outperform(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'the Russell 2000 outperformed the larger-cap indexes', 'a considerable lead over its larger peers': a gap with no figure."""
    sent, doc = anchor.sent, ctx.doc
    later = [x for x in entity_at(ctx, anchor.span.end, sent.end) if x[0] - anchor.span.end <= 8]
    stop = next((t.i for t in doc[anchor.span.end:sent.end] if t.text in {",", ";", "."} or t.like_num), sent.end)
    if any(t.like_num and t.i < anchor.span.end + 12 and doc[t.i - 1].lower_ in {"by", "of"} for t in doc[anchor.span.end:sent.end]):
        return []  # a gap with a figure ("by 400 basis points") is read from the figure
    subject = find_subject(ctx, anchor)
    benchmark = resolve(ctx, later[0][2], later[0][0]) if later and later[0][0] < stop else None
    end = doc[later[0][0]:later[0][1]].end_char if benchmark else doc[max(anchor.span.end, min(stop, anchor.span.end + 4)) - 1].idx + len(doc[max(anchor.span.end, min(stop, anchor.span.end + 4)) - 1].text)
    if subject is None or subject == benchmark:
        return []
    peers = {"peers", "counterparts", "benchmarks", "indexes", "indices", "large", "larger", "larger-cap", "large-cap", "mega-cap",
             "market", "rivals", "both", "blue-chip", "big", "bigger"}
    if benchmark is None and not set(words(after(anchor, 5))) & peers:
        return []
    down = anchor.span[0].lower_.startswith(("under", "lag", "trail"))
    return [candidate(ctx, anchor, "spread", anchor.span.start_char, end, unit="pct", subject=subject, benchmark=benchmark,
                      direction="down" if down else "up", per="cumulative", **find_period(ctx, anchor))]


def handle_direction_only(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'the Nasdaq Composite slipped lower', 'finished the session higher': a move whose sign is the claim."""
    pre = words(before(anchor, 4))
    if not any(move_sign(w) or w in {"closed", "closing", "ended", "ending", "finished", "finishing", "settled"} for w in pre):
        return []
    if words(after(anchor, 1))[:1] and words(after(anchor, 1))[0] in {"than", "highs", "lows", "prices", "rates", "yields"}:
        return []
    ents = entity_at(ctx, anchor.sent.start, anchor.span.start)
    if not ents or not any(x[2] in INDEXES for x in ents):
        return []
    subject = find_subject(ctx, anchor)
    verb = next((t for t in reversed(before(anchor, 4)) if move_sign(t.lower_) or t.lower_ in {"closed", "ended", "finished", "settled"}), anchor.span[0])
    down = anchor.span[0].lower_ in {"lower", "down"}
    return [candidate(ctx, anchor, "pct_change", verb.idx, unit="pct", subject=subject, direction="down" if down else "up",
                      **find_period(ctx, anchor))]


def handle_flat(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'The S&P 500 ended essentially flat', 'traded flat at $330': a move of about 0%."""
    pre = words(before(anchor, 3))
    if not set(pre) & {"ended", "closed", "finished", "traded", "was", "were", "remained", "held", "stayed", "trading", "ending", "closing", "is", "are"}:
        return []
    subject = find_subject(ctx, anchor)
    if subject is None or not entity_at(ctx, anchor.sent.start, anchor.span.start):
        return []
    period = find_period(ctx, anchor)
    return [candidate(ctx, anchor, "pct_change", anchor.span.start_char, value="0", unit="pct", hedge=anchor.span.text,
                      subject=subject, **period)]


def restated(ctx: Context, anchor: Anchor, key: tuple, fields: dict) -> dict:
    """'the 5.8% YTD gain' with no subject in its sentence restates the earlier 5.8% claim."""
    if key in ctx.seen and not entity_at(ctx, anchor.sent.start, anchor.sent.end):
        return {**fields, **{k: v for k, v in ctx.seen[key].items() if v is not None}}
    ctx.seen.setdefault(key, fields)
    return fields


def year_period(ctx: Context, anchor: Anchor) -> dict:
    """The calendar year a forecast is for: 'in 2026', 'for 2026', 'throughout the year'."""
    in_entity = {i for s, e, _ in ctx.entities for i in range(s, e)}
    years = [t for t in after(anchor, 4) if is_year(t) and t.i not in in_entity]
    years = years or [t for t in anchor.sent if is_year(t) and t.i not in in_entity and t.text.startswith("20")]
    if years:
        y = years[0].text if years[0].i > anchor.span.start else years[-1].text
    elif "the year" in anchor.sent_lower and ctx.article.published:
        y = str(ctx.article.published.year)
    else:
        return {}
    return {"period_start": f"{y}-01-01", "period_end": f"{y}-12-31", "period_label": y}


def is_year(tok) -> bool:
    return tok.text.isdigit() and len(tok.text) == 4 and 1900 <= int(tok.text) <= 2100


def handle_pct_range(ctx: Context, anchor: Anchor) -> list[Candidate]:
    low, high = number_tokens(anchor)[:2]
    kind = classify_pct(ctx, anchor)
    kind = kind if kind in {"rate", "earnings_growth", "count", "pct_change"} else "other_numeric"
    joined_by_to = any(t.lower_ == "to" for t in anchor.span)
    if joined_by_to and any(move_sign(w) for w in words(before(anchor, 3))) and "from" not in words(before(anchor, 3)):
        return change_then_level(ctx, anchor, low, high)
    if kind == "pct_change":
        sign = "-" if direction(anchor) < 0 and not low.startswith(("-", "+")) else ""
        period = find_period(ctx, anchor)
        start, end = move_quote_bounds(anchor, anchor.span.start_char)
        return [candidate(ctx, anchor, kind, start, end, value=sign + low, value_high=sign + high, unit="pct",
                          subject=find_subject(ctx, anchor), **period)]
    fields = {"value": signed(anchor, low), "value_high": high, "unit": "pct", "subject": find_subject(ctx, anchor)}
    if kind == "earnings_growth":
        fields.update(year_period(ctx, anchor))
    if kind == "rate":
        fields["subject"] = fields["subject"] if fields["subject"] in RATE_SUBJECTS else rate_subject(anchor, fields["subject"])
        fields["as_of"] = iso(ctx.article.as_of)
    return [candidate(ctx, anchor, kind, anchor.span.start_char, **fields)]


def change_then_level(ctx: Context, anchor: Anchor, change: str, level: str) -> list[Candidate]:
    """'the 10-year yield slipped 0.02% to 4.13%': a move of a rate (in points of %), then its level."""
    sign = "-" if direction(anchor) < 0 else ""
    subject = find_subject(ctx, anchor)
    period = find_period(ctx, anchor)
    to = next(t for t in anchor.span if t.lower_ == "to")
    start, _ = move_quote_bounds(anchor, anchor.span.start_char)
    ratey = subject not in INDEXES
    out = [candidate(ctx, anchor, "spread" if ratey else "pct_change", start, to.idx, value=sign + change, unit="pct",
                     subject=subject, per="cumulative" if ratey else None, **period)]
    out.append(candidate(ctx, anchor, "rate" if ratey else "other_numeric", to.idx, anchor.span.end_char, value=level, unit="pct",
                         subject=subject, as_of=period.get("as_of")))
    return out


def handle_spread(ctx: Context, anchor: Anchor) -> list[Candidate]:
    hedge, hedge_start = find_hedge(anchor)
    unit = "bps" if anchor.label == "BPS" else "pp"
    low = anchor.sent_lower
    per = "day" if any(p in low for p in ("per day", "every single day", "a day", "each day", "daily", "per session")) else "cumulative"
    subject, benchmark = find_subject(ctx, anchor), find_benchmark(ctx, anchor)
    has_entities = bool(entity_at(ctx, anchor.sent.start, anchor.sent.end))
    if ctx.last_pair and (subject == benchmark or subject is None or not has_entities):
        subject, benchmark = ctx.last_pair
    period = find_period(ctx, anchor)
    end = anchor.span.end_char
    for tok in after(anchor, 4):
        if tok.lower_ in {"day", "session"}:
            end = tok.idx + len(tok.text)
    return [candidate(ctx, anchor, "spread", hedge_start, end, value=number_tokens(anchor)[0], unit=unit, hedge=hedge,
                      subject=subject, benchmark=benchmark, per=per, **period)]


def handle_digit_word(ctx: Context, anchor: Anchor) -> list[Candidate]:
    if not set(words(after(anchor, 2))) & (P.MOVE_NOUNS | P.UP_WORDS):
        return []
    value = "10" if anchor.span[0].lower_ == "double" else "100"
    period = find_period(ctx, anchor)
    if "streak" in anchor.sent_lower and ctx.streak_end:
        period = {"basis": "period", "period_label": "the streak", "period_end": iso(ctx.streak_end), "as_of": iso(ctx.streak_end)}
    out = []
    for subject in find_coordinated_subjects(ctx, anchor):
        start = ctx.article.text.rfind(subject, anchor.sent.start_char, anchor.span.start_char) if subject else -1
        out.append(candidate(ctx, anchor, "pct_change", start if start >= 0 else anchor.span.start_char, after(anchor, 1).end_char,
                             value=value, unit="pct", hedge=anchor.span.text, subject=subject, **period))
    return out
