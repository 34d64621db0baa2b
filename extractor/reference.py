"""Reference lists: ticker → listing exchange and company name; index membership."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from .errors import DataError

OTHERLISTED_EXCHANGES = {"N": "NYSE", "A": "NYSE American", "P": "NYSE Arca", "Z": "Cboe BZX", "V": "IEX"}
SEC_EXCHANGES = {"Nasdaq": "Nasdaq", "NYSE": "NYSE", "CBOE": "Cboe BZX", "OTC": "OTC"}
NAME_NOISE = re.compile(
    r"\b(inc|corp|corporation|co|company|ltd|plc|holdings?|group|the|class [a-z]|common stock|"
    r"ordinary shares|shares|trust|n\.?v|s\.?a|/[a-z]+/)\b\.?|[^\w\s&]", re.I,
)


class Listing(BaseModel):
    model_config = ConfigDict(frozen=True)

    ticker: str
    name: str
    exchange: str
    is_etf: bool = False


class Reference(BaseModel):
    """What the shipped (or the user's) reference files say about tickers and indexes."""

    model_config = ConfigDict(frozen=True)

    listings: dict[str, Listing]
    sp500: frozenset[str] = frozenset()
    russell2000: frozenset[str] = frozenset()

    def find(self, ticker: str) -> Listing | None:
        return self.listings.get(ticker.upper().lstrip("^"))


def name_words(name: str) -> set[str]:
    """The distinctive words of a company name, for loose name ↔ ticker matching."""
    return {w for w in NAME_NOISE.sub(" ", name.lower()).split() if len(w) > 1}


def names_match(written: str, listed: str) -> bool:
    """True when the name as written shares its first distinctive word with the listed name."""
    ours, theirs = name_words(written), name_words(listed)
    first = next((w for w in NAME_NOISE.sub(" ", written.lower()).split() if len(w) > 1), None)
    return bool(ours & theirs) and (first in theirs or len(ours & theirs) >= 2)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DataError(f"cannot read reference file {path}: {exc}") from exc


def load_sec(path: Path) -> dict[str, Listing]:
    data = json.loads(_read(path))
    fields = data["fields"]
    rows = (dict(zip(fields, row)) for row in data["data"])
    return {
        r["ticker"].upper(): Listing(ticker=r["ticker"].upper(), name=r["name"], exchange=SEC_EXCHANGES.get(r["exchange"] or "", r["exchange"] or "unknown"))
        for r in rows if r.get("ticker")
    }


def load_nasdaq_trader(nasdaq: Path, other: Path) -> dict[str, Listing]:
    """NASDAQ Trader symbol directories (pipe-delimited; footer line dropped)."""
    listings = {}
    for row in csv.DictReader(io.StringIO(_read(nasdaq)), delimiter="|"):
        if row.get("Symbol") and row.get("Security Name") and row.get("Test Issue") == "N":
            listings[row["Symbol"]] = Listing(ticker=row["Symbol"], name=row["Security Name"], exchange="Nasdaq", is_etf=row.get("ETF") == "Y")
    for row in csv.DictReader(io.StringIO(_read(other)), delimiter="|"):
        symbol = row.get("ACT Symbol")
        if symbol and row.get("Security Name") and row.get("Test Issue") == "N":
            exchange = OTHERLISTED_EXCHANGES.get(row.get("Exchange", ""), "unknown")
            listings[symbol] = Listing(ticker=symbol, name=row["Security Name"], exchange=exchange, is_etf=row.get("ETF") == "Y")
    return listings


def load_membership(path: Path, *, column: str, skip_to_header: str | None = None) -> frozenset[str]:
    text = _read(path)
    if skip_to_header and skip_to_header in text:
        text = text[text.index(skip_to_header):]
    return frozenset(r[column].strip().upper() for r in csv.DictReader(io.StringIO(text)) if r.get(column))


def load_reference(folder: Path) -> Reference:
    """Reference lists from a folder laid out like corpus/data/reference."""
    listings = load_sec(folder / "company_tickers_exchange.json")
    # Why: the exchange directories know ETFs (IWM, SPY) and NYSE Arca, which the SEC list lacks.
    listings.update(load_nasdaq_trader(folder / "nasdaqlisted.txt", folder / "otherlisted.txt"))
    return Reference(
        listings=listings,
        sp500=load_membership(folder / "sp500_constituents.csv", column="Symbol"),
        russell2000=load_membership(folder / "IWM_holdings.csv", column="Ticker", skip_to_header="Ticker,"),
    )
