"""A close against an earlier day's close, said in words: "has recovered the losses it suffered on March 9",
"erased its declines from March 9", "remains below its March 9 level", "is back above its March 9 close".

The claim is other_numeric with metric vs_date_close, no figure, direction up (at or above that day's
close) or down (below it), reference = the day as written and period_start = period_end = that day.
"""

from __future__ import annotations

import re

from ..dates import find_dates
from ..models import Candidate
from .context import Anchor, Context, candidate, find_as_of, find_subject, iso, sentence_of

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE = rf"(?P<date>{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?)"
RECOVERED = re.compile(
    r"\b(?:recovered|erased|recouped|wiped\s+out|clawed\s+back|made\s+up|reversed)\s+(?:from\s+)?(?:all\s+(?:of\s+)?)?(?:(?:the|its|their)\s+)?"
    r"(?:losses|declines?|drop|slide|sell-?off|slump)\s+(?:\w+\s+){0,2}?(?:on|from|since|of)\s+" + _DATE, re.I)
VERSUS = re.compile(
    r"\b(?:remains?|remained|is\s+still|are\s+still|still|stays?|stayed|trading|traded|trades|sits?|sat|closed|ended|is\s+back|"
    r"are\s+back|back)\s+(?:\w+\s+)?(?P<side>below|beneath|under|above|over)\s+(?:its|their|the)\s+" + _DATE
    + r"\s+(?:level|levels|close|closing\s+level|finish)\b", re.I)
# A cheap test before the regexes (they run on every article).
CUE = re.compile(r"\b(?:losses|declines?|drop|slide|sell-?off|slump|level|levels|close)\b", re.I)
PARTLY = re.compile(r"\b(?:half|part|some|most|much)\s+of\s*$", re.I)


def versus_candidates(ctx: Context, sents: list) -> list[Candidate]:
    text = ctx.article.text
    if not CUE.search(text):
        return []
    starts = [s.start for s in sents]
    out = []
    for pattern in (RECOVERED, VERSUS):
        for m in pattern.finditer(text):
            if PARTLY.search(text[max(0, m.start() - 12):m.start()]):
                continue
            made = _candidate(ctx, m, sents, starts, up=pattern is RECOVERED or m["side"].lower() in ("above", "over"))
            if made is not None:
                out.append(made)
    return out


def _candidate(ctx: Context, m: re.Match, sents: list, starts: list[int], *, up: bool) -> Candidate | None:
    span = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
    if span is None:
        return None
    anchor = Anchor("VERSUS", span, sentence_of(sents, starts, span.start), ctx.article.text)
    ref = ctx.article.published or ctx.article.as_of
    days = [d for d in find_dates(m["date"], ref) if d.grain == "day"]
    if not days or ctx.article.as_of is None or days[0].first >= ctx.article.as_of:
        return None
    day = days[0].first
    return candidate(ctx, anchor, "other_numeric", m.start(), m.end(), subject=find_subject(ctx, anchor),
                     metric="vs_date_close", direction="up" if up else "down", reference=m["date"],
                     period_start=iso(day), period_end=iso(day), as_of=iso(find_as_of(ctx, anchor, skip=(m.start(), m.end()))))
