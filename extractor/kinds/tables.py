"""Quote-table rows (found by extractor.tables) → a level, a points change and % changes per row, each quoting the row."""

from __future__ import annotations

from datetime import date
import re

from spacy.tokens import Doc

from .. import patterns as P
from ..models import Candidate
from ..tables import Row, column_role
from .context import INDEXES, Context, iso, resolve


TABLE_BASIS = {"day": "day", "week": "week", "month": "month", "ytd": "ytd", "quarter": "quarter", "year": "year"}


BREADTH_LABEL = re.compile(r"^\s*%|\b(?:advanc\w*|declin\w*|decliners|advancers|volume|ratio|moving average|\d+-day ma|ma)\b|"
                           r"\b(?:new|52-week)\s+(?:highs|lows)\b|\bstocks\s+(?:above|below|near)\b|\bbreadth\b", re.I)


def table_subject(ctx: Context, row: Row) -> str:
    """The instrument a row is about: an index or other named subject in its label, else the label itself."""
    ents = [x for x in ctx.entities if ctx.doc[x[0]].idx >= row.label_start and ctx.doc[x[1] - 1].idx < row.label_start + len(row.label)]
    if ents and ents[0][2] in INDEXES:
        return resolve(ctx, ents[0][2], ents[0][0]) or ents[0][2]
    label = row.label.strip(" *®:")
    first = label.split()[0] if label.split() else label
    if ctx.reference is not None and ctx.reference.find(first.lstrip("$^")) is not None and len(label.split()) > 1:
        return first.lstrip("$^")
    return label


def table_period(ctx: Context, period: str | None) -> dict:
    as_of = ctx.article.as_of
    basis = TABLE_BASIS.get(period or "day", "day")
    if basis == "day":
        return {"basis": "day", "as_of": iso(as_of), "period_start": iso(as_of), "period_end": iso(as_of)}
    if basis == "ytd" and as_of:
        return {"basis": "ytd", "as_of": iso(as_of), "period_start": iso(date(as_of.year, 1, 1)), "period_end": iso(as_of)}
    return {"basis": basis, "as_of": iso(as_of), "period_end": iso(as_of)}


def table_candidates(ctx: Context, row: Row, doc: Doc) -> list[Candidate]:
    """Claims of one quote-table row: its level, its change in points and its % change(s), each quoting the row."""
    subject = table_subject(ctx, row)
    out = table_ticker(ctx, row)
    seen_level = False
    extractor = f"rule:TABLE_ROW@{P.RULES_VERSION}"
    yieldish = "yield" in row.label.lower()
    breadth = BREADTH_LABEL.search(row.label) is not None  # "% Above 50-Day MA", "Advancing Volume": no price moves
    for cell in row.cells:
        role, period = column_role(cell.header)
        raw = cell.text.replace("\u00a0", "").replace("−", "-")
        negative = raw.startswith("(") and raw.endswith(")")
        raw = raw.strip("()")
        if role is None:
            role = "pct" if raw.endswith("%") else "points" if raw[:1] in "+-" else "level"
        value = ("-" + raw.lstrip("+-") if negative else raw).rstrip("%").replace("$", "")
        if yieldish and role == "points" and not raw.endswith("%"):
            # a yield's change column is in percentage points ("-0.01" = one basis point lower)
            kind, fields = "spread", {"unit": "pp", "per": "cumulative", **table_period(ctx, period)}
        elif role == "level" and raw.endswith("%") or yieldish or breadth:
            kind, fields = "other_numeric", {"unit": "pct" if raw.endswith("%") else None}
        elif role == "pct" or raw.endswith("%"):
            kind, fields = "pct_change", {"unit": "pct", **table_period(ctx, period)}
        elif role == "points":
            kind, fields = "points_change", {"unit": "points", **table_period(ctx, period)}
        elif not seen_level:
            seen_level = True
            header = (cell.header or "").lower()
            kind, fields = "index_level", {"unit": "usd" if "$" in raw else "points", "as_of": iso(ctx.article.as_of),
                                           "field": "close" if "clos" in header else "unspecified"}
        else:
            continue
        out.append(Candidate(article_id=ctx.article.id, kind=kind, start=row.start, end=row.end, extractor=extractor,
                             fields={k: v for k, v in {"value": value, "subject": subject, **fields,
                                                       "sentence_start": row.start, "sentence_end": row.end}.items() if v is not None}))
    return out


def table_ticker(ctx: Context, row: Row) -> list[Candidate]:
    """'MCD MCDONALD'S CORP. 293.85 …': a row whose label starts with a symbol names a ticker."""
    parts = row.label.split()
    if len(parts) < 2 or not re.fullmatch(r"\$?\^?[A-Z][A-Z0-9]{0,5}(?:[:.][A-Z0-9]{1,6})?", parts[0]):
        return []
    rest = " ".join(parts[1:])
    if not (rest.isupper() or any(ch.isupper() for ch in rest[:1])) or len(parts[0]) > 7:
        return []
    symbol = parts[0].lstrip("$^")
    start = row.label_start + row.label.index(parts[0])
    return [Candidate(article_id=ctx.article.id, kind="ticker", start=start, end=row.label_start + len(row.label.rstrip()),
                      extractor=f"rule:TABLE_TICKER@{P.RULES_VERSION}",
                      fields={"value": symbol, "unit": "ticker", "subject": symbol, "name": rest,
                              "sentence_start": row.start, "sentence_end": row.end})]
