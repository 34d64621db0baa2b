"""Price and rate series: load a data folder into an immutable Market, resolve subjects.

Layout of a data folder (the shipped one is corpus/data/):
  prices/<SYMBOL>.csv  date,open,high,low,close,volume  (blank cells allowed, close required; validated on load)
  rates/<SERIES>.csv   date,value                       (FRED style, blank/"." values skipped)
httpx stays in this module (the optional FRED fetcher); callers see Decimals, dates, DataRows.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import io
import logging
import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from extractor.datacache import DataCache, file_digest
from extractor.errors import DataError
from extractor.models import DataRow

if TYPE_CHECKING:
    import httpx

    from extractor.calendar import TradingCalendar

log = logging.getLogger(__name__)

PRICE_FIELDS = ("open", "high", "low", "close", "volume")
FRED_CSV_URL = "https://fred.stlouisfed.org/graph/fredgraph.csv"

# Canonical subject names (see the Claim docstring) and their aliases → price file stem.
_SYMBOL_ALIASES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "RUT": ("russell 2000", "small caps", "small-caps", "small cap", "rut", "^rut", "russell",
            "russell 2000 index"),
    # "US stocks" and "the major indexes" are checked against the S&P 500, the market's usual proxy
    # (the finding's data rows name GSPC, so a reader sees which series decided).
    "GSPC": ("s&p 500", "spx", "^gspc", "^spx", "s&p", "s&p 500 index", "sp500", "gspc", "us stocks", "us major indexes"),
    "IXIC": ("nasdaq composite", "^ixic", "nasdaq", "ixic", "nasdaq composite index"),
    "DJI": ("dow jones industrial average", "^dji", "dow", "dow jones", "djia", "dji"),
})
_ALIAS_TO_SYMBOL: Mapping[str, str] = MappingProxyType(
    {alias: symbol for symbol, aliases in _SYMBOL_ALIASES.items() for alias in aliases}
)
_RATE_ALIASES = ("fed funds rate", "fed funds", "federal funds rate", "federal funds",
                 "fed funds target", "federal funds target rate")
# Target range (from 2008-12-16), the single target before it, and the effective rate.
FED_FUNDS_SERIES = MappingProxyType({
    "lower": "DFEDTARL", "upper": "DFEDTARU", "single": "DFEDTAR", "effective": "DFF",
})


class Bar(NamedTuple):
    """One daily bar; open/high/low/volume may be absent (close-only placeholder rows).

    A NamedTuple, not a dataclass: immutable too, and five times cheaper to build (a data
    folder holds ~60,000 bars, loaded before every run).
    """

    session: date
    close: Decimal
    open: Decimal | None = None
    high: Decimal | None = None
    low: Decimal | None = None
    volume: Decimal | None = None

    def get(self, name: str) -> Decimal | None:
        """The value of one field by name (open, high, low, close, volume)."""
        return getattr(self, name)


@dataclass(frozen=True, eq=False)
class PriceSeries:
    """Daily bars of one symbol, ascending by session."""

    symbol: str
    bars: tuple[Bar, ...]
    sessions: tuple[date, ...] = field(repr=False, default=())
    _index: Mapping[date, int] = field(repr=False, default_factory=lambda: MappingProxyType({}))

    def position(self, session: date) -> int | None:
        """Index of session in bars, or None when the data has no row for it."""
        return self._index.get(session)

    def bar(self, session: date) -> Bar | None:
        """The bar of one session, or None."""
        pos = self._index.get(session)
        return None if pos is None else self.bars[pos]

    def position_on_or_before(self, day: date) -> int | None:
        """Index of the last bar on or before day, or None when day precedes the data."""
        pos = bisect.bisect_right(self.sessions, day) - 1
        return pos if pos >= 0 else None

    def row(self, session: date, name: str) -> DataRow | None:
        """One field of one session as a DataRow (None when absent)."""
        bar = self.bar(session)
        value = None if bar is None else bar.get(name)
        return None if value is None else DataRow(symbol=self.symbol, session=session, field=name, value=value)


@dataclass(frozen=True, eq=False)
class RateSeries:
    """A FRED-style series of (date, value) observations, ascending."""

    series_id: str
    points: tuple[tuple[date, Decimal], ...]

    def on_or_before(self, day: date) -> tuple[date, Decimal] | None:
        """The latest observation dated on or before day, or None."""
        pos = bisect.bisect_right(self.points, (day, Decimal("Infinity"))) - 1
        return self.points[pos] if pos >= 0 else None

    def latest(self) -> tuple[date, Decimal] | None:
        """The last observation, or None for an empty series."""
        return self.points[-1] if self.points else None

    def row(self, day: date, value: Decimal) -> DataRow:
        """An observation as a DataRow (field "value")."""
        return DataRow(symbol=self.series_id, session=day, field="value", value=value)


@dataclass(frozen=True, eq=False)
class Market:
    """Every series of one data folder, immutable; build once per run and pass it around."""

    folder: str
    version: str
    prices: Mapping[str, PriceSeries]
    rates: Mapping[str, RateSeries]
    calendar: TradingCalendar | None = None
    aliases: Mapping[str, str] = field(default_factory=dict)  # a user's series.csv: normalized name or alias → symbol

    def series(self, symbol: str) -> PriceSeries | None:
        """The price series of a symbol, or None."""
        return self.prices.get(symbol)

    def find_symbol(self, subject: str | None) -> str | None:
        """The symbol of a subject: the data folder's own names and aliases first, then the shipped ones."""
        if subject is None:
            return None
        key = _normalize_subject(subject)
        if key in self.aliases:
            return self.aliases[key]
        upper = subject.strip().upper().lstrip("^")
        return upper if upper in self.prices else find_symbol(subject)

    def names(self) -> str:
        """What subjects this market can check, for an error message: each symbol with its aliases."""
        by_symbol: dict[str, list[str]] = {symbol: [] for symbol in sorted(self.prices)}
        for alias, symbol in sorted(self.aliases.items()):
            by_symbol.setdefault(symbol, []).append(alias)
        for symbol in by_symbol:
            by_symbol[symbol] += [a for a in _SYMBOL_ALIASES.get(symbol, ())[:3] if a not in by_symbol[symbol]]
        return "; ".join(f"{symbol} ({', '.join(names)})" if names else symbol for symbol, names in by_symbol.items()) or "none"

    def rate(self, series_id: str) -> RateSeries | None:
        """The rate series of a FRED id, or None."""
        return self.rates.get(series_id)


def make_price_series(symbol: str, bars: Iterable[Bar]) -> PriceSeries:
    """Build a PriceSeries from bars (sorted by session, duplicates rejected)."""
    ordered = tuple(sorted(bars, key=lambda bar: bar.session))
    index = {bar.session: pos for pos, bar in enumerate(ordered)}
    if len(index) != len(ordered):
        raise DataError(f"{symbol}: duplicate dates")
    return PriceSeries(symbol=symbol, bars=ordered, sessions=tuple(index), _index=MappingProxyType(index))


def find_symbol(subject: str | None) -> str | None:
    """The price symbol for a subject name or alias ("small caps" → "RUT"), or None."""
    return None if subject is None else _ALIAS_TO_SYMBOL.get(_normalize_subject(subject))


def is_fed_funds(subject: str | None) -> bool:
    """True when the subject names the federal funds rate."""
    return subject is not None and _normalize_subject(subject) in _RATE_ALIASES


# Why cached: the rules and checks look up the same few subject names thousands of times an article.
@lru_cache(maxsize=4096)
def _normalize_subject(subject: str) -> str:
    text = re.sub(r"\s+", " ", subject.strip().lower())
    text = re.sub(r"^the ", "", text)
    return text


def make_rate_series(series_id: str, points: Iterable[tuple[date, Decimal]]) -> RateSeries:
    """Build a RateSeries from (date, value) pairs (sorted)."""
    return RateSeries(series_id=series_id, points=tuple(sorted(points)))


def load_market(folder: str | Path, *, calendar: TradingCalendar | None = None, base: str | Path | None = None,
                cache: DataCache | None = None) -> Market:
    """Load every prices/*.csv and rates/*.csv of a data folder into a Market.

    With `base` (the shipped data), the folder adds to it: its series are loaded over the base's
    (a symbol in both is the folder's). A `series.csv` in the folder (`symbol,name,aliases`, aliases
    separated by "|") names the folder's series, so claims about them are checked. With a cache,
    a file parsed and validated before (same bytes, same code) is read from it.
    """
    root = Path(folder)
    if not root.is_dir():
        raise DataError(f"data folder not found: {root}")
    roots = [Path(base), root] if base is not None and Path(base).resolve() != root.resolve() else [root]
    prices = {path.stem: load_price_file(path, cache) for r in roots for path in sorted(r.glob("prices/*.csv"))}
    rates = {path.stem: load_rate_file(path, cache) for r in roots for path in sorted(r.glob("rates/*.csv"))}
    if not prices and not rates:
        raise DataError(f"no prices/*.csv or rates/*.csv under {root}")
    aliases = load_series_names(root / "series.csv", prices)
    log.info("loaded %d price and %d rate series from %s", len(prices), len(rates), ", ".join(map(str, roots)))
    version = "+".join(data_version(r) for r in roots)
    return Market(folder=str(root), version=version, prices=MappingProxyType(prices),
                  rates=MappingProxyType(rates), calendar=calendar, aliases=MappingProxyType(aliases))


# Why this module's source in the cache key: a cached series is what this code's parsing and validation made.
CODE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def load_price_file(path: Path, cache: DataCache | None) -> PriceSeries:
    """load_price_series(path), through the cache when there is one."""
    if cache is None or (key := cache_key(path)) is None:
        return load_price_series(path)
    bars = cache.load("prices", key, build=lambda: load_price_series(path).bars, encode=encode_bars, decode=decode_bars)
    return make_price_series(path.stem, bars)


def load_rate_file(path: Path, cache: DataCache | None) -> RateSeries:
    """load_rate_series(path), through the cache when there is one."""
    if cache is None or (key := cache_key(path)) is None:
        return load_rate_series(path)
    points = cache.load("rates", key, build=lambda: load_rate_series(path).points, encode=encode_points, decode=decode_points)
    return make_rate_series(path.stem, points)


def cache_key(path: Path) -> list[str] | None:
    """What a cached series of this file depends on: its bytes and this code (None when unreadable: the loader says why)."""
    try:
        return [file_digest(path), CODE_DIGEST]
    except OSError:
        return None


# Why str: a Decimal's string gives back the same Decimal, digits and exponent (so "1.50" stays "1.50").
def encode_bars(bars: tuple[Bar, ...]) -> list[list]:
    return [[bar.session.isoformat(), *(None if v is None else str(v) for v in bar[1:])] for bar in bars]


def decode_bars(rows: list[list]) -> tuple[Bar, ...]:
    return tuple(Bar(date.fromisoformat(row[0]), *(None if v is None else Decimal(v) for v in row[1:])) for row in rows)


def encode_points(points: tuple[tuple[date, Decimal], ...]) -> list[list[str]]:
    return [[day.isoformat(), str(value)] for day, value in points]


def decode_points(rows: list[list[str]]) -> tuple[tuple[date, Decimal], ...]:
    return tuple((date.fromisoformat(day), Decimal(value)) for day, value in rows)


def load_series_names(path: Path, prices: Mapping[str, PriceSeries]) -> dict[str, str]:
    """series.csv → {normalized name or alias: symbol}; a row for a symbol with no prices file is an error."""
    if not path.exists():
        return {}
    aliases: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            symbol = (row.get("symbol") or "").strip()
            if not symbol:
                raise DataError(f"{path} line {line}: a row without a symbol (columns: symbol,name,aliases)")
            if symbol not in prices:
                raise DataError(f"{path} line {line}: {symbol} has no prices/{symbol}.csv")
            names = [row.get("name") or "", symbol, *(row.get("aliases") or "").split("|")]
            aliases.update({_normalize_subject(n): symbol for n in names if n.strip()})
    return aliases


def load_price_series(path: str | Path, *, symbol: str | None = None) -> PriceSeries:
    """Load one `date,open,high,low,close,volume` file, validated row by row (DataError names the line).

    Prices are finite and positive, high ≥ open, close ≥ low, dates ascending and unique. Rows
    without a close are skipped only before the first close or after the last one: a blank close
    between two closes would silently shift streaks and records, so it is an error.
    """
    path = Path(path)
    columns, rows = _read_csv(path, required=("date", "close"))
    parsed = [(line, _parse_bar(row, columns, f"{path} line {line}")) for line, row in rows]
    closes = [n for n, (_, bar) in enumerate(parsed) if bar is not None]
    series = parsed[closes[0]:closes[-1] + 1] if closes else []
    gap = next((line for line, bar in series if bar is None), None)
    if gap is not None:
        raise DataError(f"{path} line {gap}: the close is blank between two closes (a gap would shift streaks "
                        "and records); fill it in or cut the series before it")
    _check_ascending([(line, bar.session) for line, bar in series], path)
    _check_bars(series, path)
    return make_price_series(symbol or path.stem, [bar for _, bar in series])


def load_rate_series(path: str | Path, *, series_id: str | None = None) -> RateSeries:
    """Load one `date,value` file (FRED style); blank and "." values are skipped, dates ascending and unique."""
    path = Path(path)
    columns, rows = _read_csv(path, required=("date", "value"))
    points = _parse_rate_rows(rows, columns, str(path))
    _check_ascending([(line, day) for line, (day, _) in points], path)
    return make_rate_series(series_id or path.stem, [point for _, point in points])


def _check_ascending(dated: list[tuple[int, date]], source: object) -> None:
    for (_, previous), (line, day) in zip(dated, dated[1:]):
        if day == previous:
            raise DataError(f"{source} line {line}: duplicate date {day}")
        if day < previous:
            raise DataError(f"{source} line {line}: {day} comes after {previous}; rows must be sorted by date")


def _read_csv(path: Path, *, required: tuple[str, ...]) -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc
    return _parse_csv_text(text, required=required, source=str(path))


def _parse_csv_text(text: str, *, required: tuple[str, ...], source: str) -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    """The column positions by lower-case name, and the non-blank rows (with their line numbers) padded to the header's width."""
    reader = csv.reader(io.StringIO(text))
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in required if name not in header]
    if missing:
        raise DataError(f"{source}: missing column(s) {', '.join(missing)}")
    width = len(header)
    rows = [(reader.line_num, row + [""] * (width - len(row)) if len(row) < width else row) for row in reader if "".join(row).strip()]
    return {name: i for i, name in enumerate(header)}, rows  # a repeated name: the last one, as csv.DictReader


def _parse_bar(row: list[str], columns: dict[str, int], source: str) -> Bar | None:
    close = _parse_decimal(row[columns["close"]], source, name="close")
    if close is None:
        return None
    values = (_parse_decimal(row[columns[name]], source, name=name) if name in columns else None for name in ("open", "high", "low", "volume"))
    return Bar(_parse_date(row[columns["date"]], source), close, *values)


# (field, comparison, other field or a bound, what a failing row is told); a blank cell passes.
BAR_RULES = (
    ("open", operator.gt, 0, "must be positive"), ("high", operator.gt, 0, "must be positive"),
    ("low", operator.gt, 0, "must be positive"), ("close", operator.gt, 0, "must be positive"),
    ("volume", operator.ge, 0, "must not be negative"),
    ("open", operator.le, "high", "is above the high"), ("close", operator.le, "high", "is above the high"),
    ("low", operator.le, "high", "is above the high"),
    ("open", operator.ge, "low", "is below the low"), ("close", operator.ge, "low", "is below the low"),
)
_PASSING = {  # what a blank cell stands for, so that it passes the comparison
    operator.gt: (Decimal(1), Decimal(0)), operator.ge: (Decimal("Infinity"), Decimal("-Infinity")),
    operator.le: (Decimal("-Infinity"), Decimal("Infinity")),
}


def _check_bars(bars: list[tuple[int, Bar]], path: Path) -> None:
    """Prices positive, volume not negative, the high and low enclosing open and close (DataError names the first bad line).

    Why whole columns compared with map: a data folder holds ~60,000 bars, loaded every run.
    """
    if not bars:
        return
    columns = dict(zip(Bar._fields, zip(*(bar for _, bar in bars))))
    for name, compare, other, message in BAR_RULES:
        left_blank, right_blank = _PASSING[compare]
        left = [left_blank if v is None else v for v in columns[name]]
        right = [right_blank if v is None else v for v in columns[other]] if isinstance(other, str) else [other] * len(bars)
        if not all(map(compare, left, right)):
            line, bar = bars[next(n for n, ok in enumerate(map(compare, left, right)) if not ok)]
            bound = f" {bar.get(other)}" if isinstance(other, str) else ""
            raise DataError(f"{path} line {line} ({bar.session}): {name} {bar.get(name)} {message}{bound}")


def _parse_rate_rows(rows: list[tuple[int, list[str]]], columns: dict[str, int], source: str) -> list[tuple[int, tuple[date, Decimal]]]:
    points = []
    date_at, value_at = columns["date"], columns["value"]
    for line, row in rows:
        value = _parse_decimal(row[value_at], f"{source} line {line}", name="value")
        if value is not None:
            points.append((line, (_parse_date(row[date_at], f"{source} line {line}"), value)))
    return points


def _parse_decimal(cell: str | None, source: object, *, name: str = "value") -> Decimal | None:
    """A finite number, or None for a blank cell ("", ".", "NA"); NaN and infinities are errors."""
    text = (cell or "").strip()
    if text in ("", ".", "NA"):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise DataError(f"{source}: {name} is not a number: {text!r}") from exc
    if not value.is_finite():
        raise DataError(f"{source}: {name} is not a finite number: {text!r}")
    return value


def _parse_date(cell: str | None, source: object) -> date:
    try:
        return date.fromisoformat((cell or "").strip())
    except ValueError as exc:
        raise DataError(f"{source}: not an ISO date: {cell!r}") from exc


def data_version(folder: str | Path) -> str:
    """A content hash of every prices/rates CSV under folder (changes when any byte changes)."""
    root = Path(folder)
    digest = hashlib.sha256()
    for path in sorted(root.glob("prices/*.csv")) + sorted(root.glob("rates/*.csv")) + sorted(root.glob("series.csv")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def fetch_fred_series(series_id: str, *, client: httpx.Client) -> RateSeries:
    """Fetch one FRED series as CSV (optional; never used by default, needs network)."""
    import httpx

    try:
        response = client.get(FRED_CSV_URL, params={"id": series_id})
        response.raise_for_status()
    except httpx.HTTPError as exc:
        raise DataError(f"FRED {series_id}: {exc}") from exc
    text = response.text
    if _looks_like_html(text, response.headers.get("content-type", "")):
        raise DataError(f"FRED {series_id}: got an HTML page instead of CSV")
    columns, rows = _parse_csv_text(_rename_fred_header(text, series_id), required=("date", "value"),
                                    source=f"FRED {series_id}")
    return make_rate_series(series_id, [point for _, point in _parse_rate_rows(rows, columns, f"FRED {series_id}")])


def _looks_like_html(text: str, content_type: str) -> bool:
    head = text.lstrip()[:200].lower()
    return "html" in content_type.lower() or head.startswith(("<!doctype", "<html", "<?xml"))


def _rename_fred_header(text: str, series_id: str) -> str:
    # FRED names its columns observation_date (or DATE) and the series id.
    first, _, rest = text.partition("\n")
    names = [name.strip() for name in first.split(",")]
    renamed = ["date" if n.lower() in ("date", "observation_date") else
               "value" if n.upper() == series_id.upper() else n for n in names]
    return ",".join(renamed) + "\n" + rest
