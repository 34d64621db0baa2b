"""Ticker mentions written the ways finance text writes them, beyond '(EXCHANGE: XYZ)'.

Cashtags ("$TSLA"), "(ticker: IWM)", "(INDEXSP: .INX)", "XX:SP500.10", a symbol before the
name it stands for ("SPY (S&P 500)"), an index's symbol after its name ("the S&P 500 (SPX)",
"Nasdaq Composite (^IXIC)"), several symbols in one parenthesis ("(GOOG, GOOGL)"), and fund
symbols written bare in prose ("with TLT up modestly") when the reference list says they are
funds. Pure text work over the article; the rules make candidates of what it finds.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .reference import Reference

SYMBOL = r"[\^.]?[A-Z][A-Z0-9]{0,5}(?:\.[A-Z0-9]{1,3})?"
CASHTAG = re.compile(r"(?<![\w$])\$(" + r"[A-Z]{1,5}(?:\.[A-Z])?" + r")(?![\w.]*\d)\b")
LABELLED = re.compile(r"\((?:ticker|symbol|Ticker|Symbol|INDEX[A-Z]*|NYSE ?Arca|NYSEARCA|BATS|CBOE|Cboe|NYSE American)\s*:\s*(" + SYMBOL + r")\)")
COLON_FORM = re.compile(r"(?<![\w:])((?:[A-Z]{1,4}):(?:[A-Z0-9]{2,8}(?:\.[A-Z0-9]{1,4})?))(?![\w:])")
PAREN_LIST = re.compile(r"\((" + SYMBOL + r"(?:,\s*" + SYMBOL + r")+)\)")
PAREN_ONE = re.compile(r"\((" + SYMBOL + r")\)")
SYMBOL_BEFORE_NAME = re.compile(r"(?<![\w$])(" + SYMBOL + r")\s+\(([A-Z][^()]{2,40})\)")
BARE = re.compile(r"(?<![\w$^.:/-])([A-Z]{3,5})(?![\w:/-])(?=\s+(?:was|is|were|shares|closed|ended|rose|fell|gained|lost|added|dropped|"
                  r"traded|up|down|ticked|edged|slipped|climbed|jumped|slid|sank|surged|rallied|declined|advanced|finished|eased|"
                  r"firmed|inched|tumbled|plunged|soared|dipped|moved|outperformed|underperformed|lagged|led)\b)")
# Index symbols as data vendors write them, and the index each stands for.
INDEX_SYMBOLS = {
    "SPX": "S&P 500", "^GSPC": "S&P 500", "GSPC": "S&P 500", ".INX": "S&P 500", "INX": "S&P 500", ".SPX": "S&P 500",
    "SP500": "S&P 500", "^DJI": "Dow Jones Industrial Average", "DJI": "Dow Jones Industrial Average",
    ".DJI": "Dow Jones Industrial Average", "DJIA": "Dow Jones Industrial Average", "^IXIC": "Nasdaq Composite",
    "IXIC": "Nasdaq Composite", "COMP": "Nasdaq Composite", ".IXIC": "Nasdaq Composite", "NAS100": "Nasdaq 100",
    "NDX": "Nasdaq 100", "^NDX": "Nasdaq 100", "^RUT": "Russell 2000", "RUT": "Russell 2000", "DXY": "US Dollar Index",
    "VIX": "VIX", "^VIX": "VIX",
}
# Capitalized words that are never tickers in prose, whatever the reference list says.
NOT_TICKERS = {
    "CEO", "CFO", "GDP", "CPI", "PCE", "FOMC", "ETF", "ETFS", "IPO", "USA", "EPS", "NYSE", "SEC", "FED", "ECB", "BOJ", "PMI",
    "AI", "EST", "EDT", "GMT", "UTC", "YTD", "MTD", "QTD", "THE", "AND", "FOR", "NOT", "BUT", "ALL", "NEW", "TOP", "LOW",
    "HIGH", "OIL", "GOLD", "RSI", "MACD", "ATH", "LLC", "INC", "CORP", "LTD", "PLC", "NFP", "ISM", "IMF", "OPEC", "WTI",
    "USD", "EUR", "JPY", "GBP", "CNY", "BTC", "ETH", "NAV", "AUM", "FTSE", "DAX", "CAC", "MSCI", "NASDAQ", "AMEX", "OTC",
}


class TickerMention(NamedTuple):
    start: int
    end: int
    symbol: str
    name: str | None


def find_ticker_mentions(text: str, reference: Reference | None) -> list[TickerMention]:
    """Ticker mentions of the forms above, in text order, one per symbol position."""
    found: dict[int, TickerMention] = {}
    for finder in (labelled, colon_form, cashtags, symbol_before_name, paren_lists, index_after_name, bare_funds):
        for mention in finder(text, reference):
            found.setdefault(mention.start, mention)
    return sorted(found.values())


def labelled(text: str, reference: Reference | None):
    for m in LABELLED.finditer(text):
        yield TickerMention(m.start(1), m.end(1), m.group(1), None)


def colon_form(text: str, reference: Reference | None):
    for m in COLON_FORM.finditer(text):
        if not re.match(r"\d", m.group(1).split(":")[1]):
            yield TickerMention(m.start(1), m.end(1), m.group(1), None)


def cashtags(text: str, reference: Reference | None):
    for m in CASHTAG.finditer(text):
        yield TickerMention(m.start(), m.end(), m.group(1), None)


def symbol_before_name(text: str, reference: Reference | None):
    """'SPY (S&P 500)', 'QQQ (Nasdaq-100)': a listed fund or index symbol, then what it tracks."""
    for m in SYMBOL_BEFORE_NAME.finditer(text):
        symbol = m.group(1)
        listing = reference.find(symbol) if reference else None
        if symbol in INDEX_SYMBOLS or listing is not None and symbol not in NOT_TICKERS:
            yield TickerMention(m.start(1), m.end(), symbol, m.group(2))


def paren_lists(text: str, reference: Reference | None):
    """'Alphabet (GOOG, GOOGL)': every listed symbol of the list."""
    for m in PAREN_LIST.finditer(text):
        symbols = [s.strip() for s in m.group(1).split(",")]
        if reference and all(reference.find(s) is not None for s in symbols):
            pos = m.start(1)
            for symbol in symbols:
                at = text.index(symbol, pos)
                yield TickerMention(at, at + len(symbol), symbol, None)
                pos = at + len(symbol)


def index_after_name(text: str, reference: Reference | None):
    """'the S&P 500 (SPX)', 'Nasdaq Composite (^IXIC)', 'The S&P 500 SPX': an index and its vendor symbol."""
    for m in PAREN_ONE.finditer(text):
        listing = reference.find(m.group(1)) if reference else None
        if m.group(1) in INDEX_SYMBOLS or listing is not None and listing.is_etf and m.group(1) not in NOT_TICKERS \
                and not is_acronym_of(m.group(1), text[max(0, m.start() - 80):m.start()]):
            yield TickerMention(m.start(1), m.end(1), m.group(1), None)
    for symbol in ("SPX", "COMP", "DJIA", "NDX", "RUT", "INX"):
        for m in re.finditer(r"(?:S&P 500|Nasdaq Composite|Dow Jones Industrial Average|Nasdaq-100|Russell 2000|Dow)\s+(" + symbol + r")\b", text):
            yield TickerMention(m.start(1), m.end(1), symbol, None)


def is_acronym_of(symbol: str, before: str) -> bool:
    """'Growth at a Reasonable Price (GARP)': the letters are initials of the words just before, so it is an abbreviation."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", before) if not (len(w) > 1 and w.isupper())]
    initials = [w[0].upper() for w in words[-(len(symbol) + 4):]]
    if not initials or initials[-1] != symbol[-1]:
        return False
    pos, first = len(initials) - 1, None
    for letter in reversed(symbol):
        while pos >= 0 and initials[pos] != letter:
            pos -= 1
        if pos < 0:
            return False
        first, pos = pos, pos - 1
    # Why the width limit: the letters of an abbreviation come from the words right before it.
    return len(initials) - first <= len(symbol) + 2


def bare_funds(text: str, reference: Reference | None):
    """'with TLT up modestly': a symbol the reference lists as a fund, written bare in prose."""
    if reference is None:
        return
    for m in BARE.finditer(text):
        symbol = m.group(1)
        if symbol in NOT_TICKERS or symbol in INDEX_SYMBOLS:
            continue
        listing = reference.find(symbol)
        if listing is not None and listing.is_etf:
            yield TickerMention(m.start(1), m.end(1), symbol, None)
