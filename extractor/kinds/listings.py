"""Tickers with their exchange: "(NASDAQ: HBAN)", "(HBAN)", and the other written forms found by extractor.tickers."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .. import patterns as P
from ..documents import in_spans
from ..models import Candidate
from ..reference import names_match
from ..tickers import find_ticker_mentions
from .context import Anchor, Context, INDEXES, candidate


MAX_NAME_TOKENS = 6


def company_name(doc: Doc, paren_start: int, sent_start: int) -> Span | None:
    """The capitalized words just before '(NASDAQ: XYZ)': 'Huntington Bancshares', 'AAON, Inc.'."""
    i = paren_start
    while i > sent_start and paren_start - i < MAX_NAME_TOKENS:
        tok = doc[i - 1]
        if tok.text[:1].isupper() or tok.text[:1].isdigit() or tok.text in {"&", "of"} or tok.text.startswith("i") and tok.text[1:2].isupper():
            i -= 1
        elif tok.text == "," and i - 1 > sent_start and doc[i - 2].text[:1].isupper() and doc[i].text in {"Inc.", "Inc", "Corp.", "Ltd.", "LLC"}:
            i -= 1
        else:
            break
    while i < paren_start and doc[i].lower_ in {"the", "of", "&"}:
        i += 1
    return doc[i:paren_start] if i < paren_start else None


def handle_ticker(ctx: Context, anchor: Anchor) -> list[Candidate]:
    doc, span = ctx.doc, anchor.span
    symbol = span[-2].text
    exchange = span[1:-3].text if anchor.label == "TICKER_EXCHANGE" else None
    name = company_name(doc, span.start, anchor.sent.start)
    if anchor.label == "TICKER_BARE" and not bare_ticker_ok(ctx, symbol, name):
        return []
    start = name.start_char if name is not None else span.start_char
    first = name.start if name is not None else span.start
    names_index = any(first <= s < span.start for s, _, label in ctx.entities if label in INDEXES)
    # Why: in "S&P 500 (NYSE: SPY)" the subject stays the index; the ticker is only an aside.
    ctx.entities = [x for x in ctx.entities if not (span.start <= x[0] < span.end)]
    if not names_index:
        ctx.entities = sorted([x for x in ctx.entities if not (first <= x[0] < span.end)] + [(first, span.end, symbol.lstrip("^"))])
    return [candidate(ctx, anchor, "ticker", start, value=symbol, unit="ticker", subject=symbol.lstrip("^"),
                      exchange=exchange, name=name.text if name is not None else None)]


def bare_ticker_ok(ctx: Context, symbol: str, name: Span | None) -> bool:
    """'(HBAN)' counts as a ticker only if the listing's name matches the words before it."""
    if ctx.reference is None or name is None:
        return False
    listing = ctx.reference.find(symbol)
    return listing is not None and names_match(name.text, listing.name)


def ticker_candidates(ctx: Context, made: list[Candidate]) -> list[Candidate]:
    """Ticker mentions the anchors did not read (cashtags, '(ticker: IWM)', 'SPY (S&P 500)', bare fund symbols)."""
    spans = [(c.start, c.end) for c in made if c.kind == "ticker"]
    out = []
    for m in find_ticker_mentions(ctx.article.text, ctx.reference):
        if any(s < m.end and m.start < e for s, e in spans) or in_spans(m.start, m.end, ctx.article.boilerplate):
            continue
        symbol = m.symbol.lstrip("$")
        out.append(Candidate(article_id=ctx.article.id, kind="ticker", start=m.start, end=m.end,
                             extractor=f"rule:TICKER_FORM@{P.RULES_VERSION}",
                             fields={"value": symbol, "unit": "ticker", "subject": symbol.lstrip("^."), "name": m.name}))
    return out
