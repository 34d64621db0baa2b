"""Event counts, thing counts and valuation multiples: "three rate cuts", "8 or more all-time closes", "14 times earnings"."""

from __future__ import annotations

from datetime import date

from .. import patterns as P
from ..models import Candidate
from .context import Anchor, Context, after, candidate, find_as_of, find_hedge, find_subject, iso, number_tokens, sentence_dates, words
from .moves import FED_POLICY, is_forecast, year_period


def handle_event_count(ctx: Context, anchor: Anchor) -> list[Candidate]:
    sent_low = anchor.sent_lower
    events = next((m for _, m in sentence_dates(ctx, anchor)), None)
    months = [w.capitalize() for w in words(after(anchor, 12)) if w in P.MONTH_NAMES]
    period = year_period(ctx, anchor) if events is None else {"period_start": iso(events.first), "period_end": iso(events.last)}
    if events is None and "last year" in " ".join(words(after(anchor, 8))) and ctx.article.published:
        y = ctx.article.published.year - 1  # "three cuts by the Fed last year"
        period = {"period_start": f"{y}-01-01", "period_end": f"{y}-12-31", "period_label": "last year"}
    fields = {"value": number_tokens(anchor)[0], "unit": "count", "subject": "Fed funds rate" if FED_POLICY.search(sent_low) else None,
              "reference": ", ".join(months) or None, **period}
    if is_forecast(anchor):
        fields["metric"] = "forecast"
    out = [candidate(ctx, anchor, "rate", anchor.span.start_char, **fields)]
    pct = [t for t in anchor.span if t.text == "%"]
    if pct:
        i = pct[0].i
        step = ctx.doc[i - 1:i + 1]
        out.append(candidate(ctx, anchor, "rate", step.start_char, anchor.span.end_char, value=step[0].text, unit="pct",
                             subject=fields["subject"], metric="move_size", **period))
    return out


def handle_thing_count(ctx: Context, anchor: Anchor) -> list[Candidate]:
    hedge, _ = find_hedge(anchor)
    if "or" in words(anchor.span) and "more" in words(anchor.span):
        hedge = "or more"
    as_of = find_as_of(ctx, anchor)
    year = next((t.text for t in after(anchor, 3) if t.text.isdigit() and len(t.text) == 4), None)
    end = anchor.span.end_char
    post = after(anchor, 3)
    if year:
        end = next(t.idx + len(t.text) for t in post if t.text == year)
    return [candidate(ctx, anchor, "count", anchor.span.start_char, end, value=number_tokens(anchor)[0], unit="count", hedge=hedge,
                      subject=find_subject(ctx, anchor), as_of=iso(as_of), period_start=f"{year}-01-01" if year else None,
                      period_end=iso(as_of))]


def handle_multiple(ctx: Context, anchor: Anchor) -> list[Candidate]:
    sent_words = set(anchor.sent_words)
    if not sent_words & {"earnings", "p/e", "price-to-earnings", "valuation", "sales", "book", "ebitda", "multiple"}:
        return []
    hedge, hedge_start = find_hedge(anchor)
    metric = "forward_pe" if "forward" in sent_words else "trailing_pe" if "trailing" in sent_words else "pe"
    low = anchor.sent_lower
    as_of = find_as_of(ctx, anchor)
    ends = [m for _, m in sentence_dates(ctx, anchor)]
    if "began the year" in low or "entered" in low or "end of" in low or "start of the year" in low:
        year = next((t.text for t in anchor.sent if t.text.isdigit() and len(t.text) == 4), None)
        ref = int(year) if year and "end of" in low else (ctx.article.published.year if ctx.article.published else None)
        as_of = date(ref - 1, 12, 31) if ref and "end of" not in low else date(ref, 12, 31) if ref else as_of
    elif ends:
        as_of = ends[0].last
    return [candidate(ctx, anchor, "valuation_multiple", hedge_start, value=number_tokens(anchor)[0], unit="x", hedge=hedge,
                      subject=find_subject(ctx, anchor), metric=metric, as_of=iso(as_of))]
