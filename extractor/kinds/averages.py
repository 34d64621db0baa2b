"""An index against its moving average, said without a record: "the S&P 500 fell below its 50-day
moving average", "the Nasdaq remains above its 200-day moving average".

The claim is other_numeric with metric ma_side, value N (the average's sessions), unit sessions,
direction down (below) or up (above), reference = "cross" when the verb says the close crossed the
average that session ("fell below", "broke above"), else "side". A sentence that says the cross is
the first since a date is a record comparison instead (kinds.records).
"""

from __future__ import annotations

import re

from ..models import Candidate
from .context import Anchor, Context, candidate, find_as_of, find_coordinated_subjects, iso, sentence_of

SIDE = re.compile(
    r"\b(?P<verb>fell|dropped|slipped|sank|slid|tumbled|broke|rose|climbed|jumped|moved|pushed|crossed|closed|ended|finished|settled|"
    r"is|was|are|were|remains?|remained|stays?|stayed|traded|trades|trading|sits?|sat|held|holds)\s+(?:still\s+|back\s+|firmly\s+|well\s+|just\s+|comfortably\s+)?"
    r"(?P<side>below|under|beneath|above|over)\s+(?:its|their|the)\s+(?P<n>\d{2,3})[-\s]day\s+(?:simple\s+)?moving\s+averages?\b", re.I)
CROSSING = {"fell", "dropped", "slipped", "sank", "slid", "tumbled", "broke", "rose", "climbed", "jumped", "moved", "pushed", "crossed"}
RECORD_AFTER = re.compile(r"[^.;]{0,40}\b(?:for\s+the\s+first\s+time|since|in\s+(?:over\s+|more\s+than\s+)?(?:\d+|a|an)\s+)", re.I)


def average_side_candidates(ctx: Context, sents: list) -> list[Candidate]:
    text = ctx.article.text
    if "moving average" not in text.lower():
        return []
    starts = [s.start for s in sents]
    out = []
    for m in SIDE.finditer(text):
        if RECORD_AFTER.match(text, m.end()):
            continue  # "… for the first time since 2023": a record comparison
        span = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        anchor = Anchor("MA_SIDE", span, sentence_of(sents, starts, span.start), text)
        reading = "cross" if m["verb"].lower() in CROSSING else "side"
        down = m["side"].lower() in ("below", "under", "beneath")
        for subject in dict.fromkeys(find_coordinated_subjects(ctx, anchor)):
            if subject is None:
                continue
            out.append(candidate(ctx, anchor, "other_numeric", m.start(), m.end(), value=m["n"], unit="sessions",
                                 subject=subject, metric="ma_side", direction="down" if down else "up",
                                 reference=reading, as_of=iso(find_as_of(ctx, anchor))))
    return out
