"""How long an index took between two round levels: "it took 190 trading days to go from 5,000 to
6,000", "roughly three years for the benchmark to climb from 4,000 to 5,000 points".

The claim is other_numeric with metric milestone_gap: value = the time as written, unit = sessions
("trading days", "sessions"), days, weeks, months or years, reference = "A..B" (the two levels).
The check counts from the first close above A to the first close above B.
"""

from __future__ import annotations

import re

from ..models import Candidate
from ..normalize import parse_number
from .context import Anchor, Context, candidate, find_subject, sentence_of

NUMBER_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
HEDGE = r"just\s+over|just\s+under|more\s+than|less\s+than|fewer\s+than|roughly|about|around|nearly|almost|approximately|some|over|under"
GAP = re.compile(
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<n>\d[\d,]*|{NUMBER_WORDS})\s+(?P<unit>trading\s+days|trading\s+sessions|sessions|days|weeks|months|years)\s+"
    r"(?:for\s+(?:the\s+)?[\w&.'’ -]{1,40}?\s+)?to\s+(?:go|get|move|climb|rise|travel|advance|rally|march|jump|run|push)\s+"
    r"from\s+(?P<a>\d{1,3}(?:,\d{3})+|\d{3,6})(?:\s+points)?\s+to\s+(?P<b>\d{1,3}(?:,\d{3})+|\d{3,6})(?:\s+points)?", re.I)
CUE = re.compile(r"\bto\s+(?:go|get|move|climb|rise|travel|advance|rally|march|jump|run|push)\s+from\b", re.I)
UNITS = {"trading days": "sessions", "trading sessions": "sessions", "sessions": "sessions",
         "days": "days", "weeks": "weeks", "months": "months", "years": "years"}


def milestone_candidates(ctx: Context, sents: list) -> list[Candidate]:
    text = ctx.article.text
    if not CUE.search(text):
        return []
    starts = [s.start for s in sents]
    out = []
    for m in GAP.finditer(text):
        a, b = parse_number(m["a"]), parse_number(m["b"])
        if b <= a:
            continue
        # Why the span from the levels on: "… for the benchmark to go from …" names the subject before it
        span = ctx.doc.char_span(m.start("a"), m.end(), alignment_mode="expand")
        if span is None:
            continue
        anchor = Anchor("MILESTONE_GAP", span, sentence_of(sents, starts, span.start), text)
        unit = UNITS[re.sub(r"\s+", " ", m["unit"].lower())]
        out.append(candidate(ctx, anchor, "other_numeric", m.start(), m.end(), value=str(parse_number(m["n"])), unit=unit,
                             hedge=re.sub(r"\s+", " ", m["hedge"].lower()) if m["hedge"] else None,
                             subject=find_subject(ctx, anchor), metric="milestone_gap", reference=f"{a}..{b}"))
    return out
