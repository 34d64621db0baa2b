"""Percent moves and gaps: "rose 1.2%", "(-0.8%)", "flat", "outperformed by 16%", "fell 0.02% to 4.13%", "double-digit gains"."""

from __future__ import annotations

import re

from .. import patterns as P
from ..models import Candidate
from ..timeframe import clause_bounds, is_forward
from . import seasonal
from .context import Anchor, Context, INDEXES, after, before, candidate, direction, entity_at, find_as_of, find_benchmark, find_coordinated_subjects, find_hedge, find_period, find_subject, is_move_word, iso, move_quote_bounds, move_sign, number_tokens, remember_period, resolve, signed, span_text, words


def classify_pct(ctx: Context, anchor: Anchor) -> str:
    """Which kind a percentage states, from the words around it."""
    pre, post = words(before(anchor, 14)), words(after(anchor, 6))
    near_pre = words(before(anchor, 6))
    near = set(near_pre) | set(post)
    subject = find_subject(ctx, anchor)
    index_near = any(x[2] in INDEXES for x in entity_at(ctx, max(anchor.sent.start, anchor.span.start - 6), anchor.span.start))
    if (near & P.RATE_WORDS or "funds" in pre or TARGET_RANGE.search(" ".join(near_pre))) and not index_near:
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
    if not_a_session_move(ctx, anchor, near_pre):
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



TARGET_RANGE = re.compile(r"\b(?:target|policy)\s+range\b")
BREADTH = {"volume", "advancers", "decliners", "breadth", "advancing", "declining", "a/d", "participation"}
STAT_BEFORE = re.compile(r"\b(?:average|averaged|averages|median|typical|typically|historically|annuali[sz]ed)\b(?:\s+\S+){0,3}$")
AFTER_NOT_MOVE = re.compile(r"^(?:\w+\s+){0,3}?on\s+average\b|^(?:of\s+)?(?:room|away|short|shy|left|to\s+go)\b|"
                            r"^(?:\w+\s+){0,2}?(?:from|to|of)\s+(?:a|the)\s+bear\s+market\b|^(?:\w+\s+)?(?:increments|milestones)\b")
FROM_PEAK = re.compile(r"^(?:\w+\s+){0,3}?(?:from|below|off|under)\s+(?:its|their|the|a|an)\s+(?:[\w-]+\s+){0,4}?(?:high|peak|record|top)\b")


def not_a_session_move(ctx: Context, anchor: Anchor, near_pre: list[str]) -> bool:
    """Figures that look like moves but are not one session's or period's change: an average over
    history ("an average gain of 1.3%"), a drawdown from a peak ("11% below its record high"),
    a weight loss, a breadth figure."""
    named = {i for s_, e, _ in entity_at(ctx, anchor.sent.start, anchor.span.start) for i in range(s_, e)}
    plain = [t.lower_ for t in before(anchor, 6) if t.i not in named]  # not "the Dow Jones Industrial Average"
    if STAT_BEFORE.search(" ".join(plain)) or set(near_pre[-4:]) & ({"weight", "body"} | BREADTH):
        return True
    following = " ".join(words(after(anchor, 8)))
    return FROM_PEAK.search(following) is not None or AFTER_NOT_MOVE.search(following) is not None


def handle_pct(ctx: Context, anchor: Anchor) -> list[Candidate]:
    kind = classify_pct(ctx, anchor)
    hedge, hedge_start = find_hedge(anchor)
    value = signed(anchor, number_tokens(anchor)[0])
    if kind == "pct_change":
        return pct_change(ctx, anchor, value, hedge, hedge_start)
    if kind == "spread":
        return pct_spread(ctx, anchor, value, hedge, hedge_start)
    fields = {"value": value, "unit": "pct", "hedge": hedge, "subject": find_subject(ctx, anchor)}
    if kind == "other_numeric" and (stat := seasonal.statistic_fields(ctx, anchor, value_sign=direction(anchor))):
        return seasonal_candidates(ctx, anchor, fields, stat, hedge_start)
    if kind == "other_numeric" and fields["subject"] in INDEXES and FROM_PEAK.search(" ".join(words(after(anchor, 8)))):
        # "9% below its record close": how far the close stands under the record before it
        fields.update(metric="drawdown", as_of=iso(find_as_of(ctx, anchor)))
    if kind == "earnings_growth":
        fields.update(year_period(ctx, anchor))
        fields = {"value": value, "unit": "pct", "hedge": hedge, **restated(ctx, anchor, (kind, value), {k: v for k, v in fields.items() if k not in ("value", "unit", "hedge")})}
    if kind == "count":
        fields["as_of"] = iso(find_as_of(ctx, anchor))
    if kind == "rate" and fields["subject"] not in RATE_SUBJECTS:
        fields["subject"] = rate_subject(anchor, fields["subject"])
    if kind == "rate":
        # a rate has a date (the article's when the sentence names none: never the data's latest)
        fields["as_of"] = iso(find_as_of(ctx, anchor))
        if is_forecast(anchor):
            fields["metric"] = "forecast"
        elif is_rate_move(anchor):
            fields["metric"] = "move_size"
    return [candidate(ctx, anchor, kind, min(hedge_start, anchor.span.start_char), **fields)]


def seasonal_candidates(ctx: Context, anchor: Anchor, fields: dict, stat: dict, hedge_start: int) -> list[Candidate]:
    """A seasonal average ("an average loss of 0.2%", signed by its words) and the count of up or
    down years stated just before it ("down 12 of 25")."""
    value = fields["value"].lstrip("+-−–")
    subject = fields["subject"] if fields["subject"] in INDEXES else seasonal.market_subject(anchor.sent_lower, fields["subject"])
    fields = {**fields, **stat, "subject": subject, "value": ("-" if stat["direction"] == "down" else "") + value}
    start, end = seasonal.quote_bounds(anchor, min(hedge_start, anchor.span.start_char))
    out = [candidate(ctx, anchor, "other_numeric", start, end, **fields)]
    counts = [c for c in seasonal.count_fields(ctx, anchor) if c[1] <= anchor.span.start_char]
    if counts and anchor.span.start_char - counts[-1][1] <= 60:
        start, end, count = counts[-1]
        shared = {k: v for k, v in stat.items() if k not in ("metric", "direction")}
        out.append(candidate(ctx, anchor, "other_numeric", start, end, subject=subject, unit="count",
                             **shared, **count))
    return out


RATE_SUBJECTS = {"Fed funds rate", "Inflation", "Core PCE inflation"}
RATE_MOVE_VERBS = ("cut", "lower", "reduc", "rais", "hike", "hiking", "trim", "increas", "lift", "slash", "eas")


def is_rate_move(anchor: Anchor) -> bool:
    """'cut interest rates by 0.5%', 'raised its benchmark rate by 0.25%': the size of a move, not a level."""
    pre = words(before(anchor, 10))
    at = next((i for i in range(len(pre) - 1, max(-1, len(pre) - 4), -1) if pre[i] == "by"), None)  # "by (a full) 100"
    return at is not None and all(w in {"a", "full", "another", "further", "total", "of"} for w in pre[at + 1:]) \
        and any(w.startswith(RATE_MOVE_VERBS) for w in pre[:at])


def rate_subject(anchor: Anchor, fallback: str | None) -> str | None:
    """The Fed funds rate when the sentence speaks of the Fed's policy rate and the figure is not
    another rate's ("the unemployment rate rose to 4.3%", "a 10% tariff rate", "11% of investors")."""
    if not FED_POLICY.search(anchor.sent_lower) or words(after(anchor, 1)) == ["of"]:
        return None
    near = span_text(anchor.text, before(anchor, 6)) + " " + span_text(anchor.text, after(anchor, 4))
    return None if OTHER_RATE.search(near.lower()) else "Fed funds rate"


FED_POLICY = re.compile(r"\b(?:fed|federal reserve|fomc|federal funds|fed funds|funds rate|target range|policy rate|benchmark "
                        r"(?:interest )?rate|key (?:interest )?rate|central bank)\b")
OTHER_RATE = re.compile(r"\b(?:unemployment|jobless|participation|tariff|tax|growth|annual|annualized|mortgage|inflation|savings|"
                        r"default|vacancy|exchange|approval|wage|pay|yield|yields|tariffs?|duty|duties|probability|chance|odds)\b")


def is_forecast(anchor: Anchor) -> bool:
    """'projecting two cuts in 2025', 'traders are pricing in two reductions': what is expected, not what happened."""
    clause = clause_of(anchor)
    return is_forward(clause) or PRICED_IN.search(clause.lower()) is not None


def forecast_before(anchor: Anchor) -> bool:
    """'Forecasts range from gains of 3.7% …', 'analysts expect the S&P 500 to rise 9%': a move expected, not made
    (the forward words come before the figure in its clause)."""
    start, _ = clause_bounds(anchor.text, anchor.sent.start_char, anchor.sent.end_char, anchor.span.start_char, CLAUSE_SPLIT)
    head = anchor.text[start:anchor.span.start_char]
    return is_forward(head) or FORECAST_HEAD.search(head) is not None


FORECAST_HEAD = re.compile(r"\b(?:forecast\w*|project(?:s|ed|ing|ions?)|predict\w*|expect\w*|target\w*|outlook|estimate[sd]?)\b", re.I)


CLAUSE_SPLIT = re.compile(r";|,(?!\d)|\b(?:following|after|while|whereas|but|although)\b", re.I)


def clause_of(anchor: Anchor) -> str:
    """The clause of the sentence that holds the figure (between commas and linking words)."""
    start, end = clause_bounds(anchor.text, anchor.sent.start_char, anchor.sent.end_char, anchor.span.start_char, CLAUSE_SPLIT)
    return anchor.text[start:end]


PRICED_IN = re.compile(r"\bpric(?:ing|ed|e)\s+in\b|\bexpect\w*|\banticipat\w*|\bforecast\w*|\bproject(?:ing|ed|ions?)\b|\bpredict\w*|\bsee(?:s|ing)?\s+(?:two|three|four|\d)\b")


def pct_change(ctx: Context, anchor: Anchor, value: str, hedge: str | None, hedge_start: int) -> list[Candidate]:
    if not value.startswith(("-", "+")) and direction(anchor) < 0:
        value = "-" + value
    period = find_period(ctx, anchor)
    remember_period(ctx, anchor, period)
    start, end = move_quote_bounds(anchor, hedge_start)
    fields = {"subject": find_subject(ctx, anchor), **period}
    fields = restated(ctx, anchor, ("pct_change", value), fields)
    if forecast_before(anchor):
        fields["metric"] = "forecast"
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
        extra = {}
        if spread_over_members(ctx, anchor):
            # "declines ranging from 4.4% to 6%" across the indexes the paragraph names: the lowest and highest of their moves
            span = ctx.doc.char_span(paragraph_start(ctx, anchor), anchor.span.start_char, alignment_mode="expand")
            first = span.start if span is not None else anchor.sent.start
            names = list(dict.fromkeys(x[2] for x in entity_at(ctx, first, anchor.span.start) if x[2] in INDEXES))
            extra = {"subject": "US major indexes", "metric": "across", "reference": ", ".join(names) or None}
        else:
            extra = {"subject": find_subject(ctx, anchor)}
        return [candidate(ctx, anchor, kind, start, end, value=sign + low, value_high=sign + high, unit="pct",
                          **extra, **period)]
    fields = {"value": signed(anchor, low), "value_high": high, "unit": "pct", "subject": find_subject(ctx, anchor)}
    if kind == "earnings_growth":
        fields.update(year_period(ctx, anchor))
    if kind == "rate":
        fields["subject"] = fields["subject"] if fields["subject"] in RATE_SUBJECTS else rate_subject(anchor, fields["subject"])
        fields["as_of"] = iso(find_as_of(ctx, anchor))  # "held at 3.50%–3.75% at its January 28 meeting"
    return [candidate(ctx, anchor, kind, anchor.span.start_char, **fields)]


def paragraph_start(ctx: Context, anchor: Anchor) -> int:
    """The character offset where the anchor's paragraph (its line) starts."""
    return ctx.article.text.rfind("\n", 0, anchor.span.start_char) + 1


MEMBERS = re.compile(r"\b(?:indices|indexes|averages|benchmarks|stocks|sectors|markets|gauges)\b")


def spread_over_members(ctx: Context, anchor: Anchor) -> bool:
    """'the indices fell, with declines ranging from 4.4% to 6%': the spread of several subjects' moves, no one index's."""
    if "ranging" not in words(before(anchor, 3)):
        return False
    named = {x[2] for x in entity_at(ctx, anchor.sent.start, anchor.span.start) if x[2] in INDEXES}
    return len(named) >= 2 or MEMBERS.search(anchor.sent_lower) is not None


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
    if unit == "bps" and is_rate_move(anchor) and FED_POLICY.search(low):
        # "trimming its policy rate by 50 basis points": the Fed's moves in the period, not a gap of two indexes
        value = number_tokens(anchor)[0]
        return [candidate(ctx, anchor, "rate", hedge_start, value=value, unit="bps", hedge=hedge, subject="Fed funds rate",
                          metric="move_total", **{k: v for k, v in find_period(ctx, anchor).items() if k != "basis"})]
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
