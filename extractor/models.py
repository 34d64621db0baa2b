"""The data that flows through the pipeline: Article → Candidate → Claim | Rejection → Finding."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Kind = Literal[
    "streak_length",
    "streak_record",
    "index_level",
    "pct_change",
    "points_change",
    "spread",
    "valuation_multiple",
    "rate",
    "earnings_growth",
    "ticker",
    "count",
    "other_numeric",
]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]

Unit = Literal[
    "pct", "bps", "pp", "points", "usd", "x", "sessions", "days", "weeks", "months",
    "years", "year", "decades", "quarters", "count", "ticker",
]
HedgeNorm = Literal["approx", "approx_below", "approx_above", "min", "max"]
LevelField = Literal["close", "high", "low", "open", "threshold", "unspecified"]
Basis = Literal["day", "week", "month", "quarter", "ytd", "year", "since", "period"]
CALENDAR_BASES = ("week", "month", "quarter", "year")  # the bases that name one calendar period
Direction = Literal["up", "down"]
Verdict = Literal["unchecked", "supported", "contradicted", "unverifiable", "ambiguous"]
Clock = Literal["date_only", "after_close", "before_open", "in_session", "closed_day"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def content_id(*parts: object) -> str:
    """A short, stable content hash of the parts (ids are hashes so re-runs upsert)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


class TextSpan(Frozen):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    reason: str


class Article(Frozen):
    """One decoded article: the text every offset points into, and how its date was found."""

    id: str
    path: str
    format: Literal["txt", "md", "html", "json", "jsonl"]
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    published_basis: str = "unknown"
    published_quote: str | None = None
    as_of: date | None = None
    boilerplate: tuple[TextSpan, ...] = ()


class Candidate(Frozen):
    """A raw proposal from a rule or the LLM, not yet normalized or trusted."""

    article_id: str
    kind: Kind
    start: int
    end: int
    extractor: str
    fields: dict[str, Any] = Field(default_factory=dict)


class Claim(Frozen):
    """A grounded, normalized, checkable statement: `quote == article.text[start:end]`.

    Field conventions (shared by rules, LLM, checks and conflicts):

    - subject/benchmark: canonical names: "Russell 2000", "S&P 500", "Nasdaq Composite",
      "Dow Jones Industrial Average", "Nasdaq 100", "Magnificent Seven", "Fed funds rate",
      "Inflation", ETF/stock tickers in upper case ("IWM", "SPY", "HBAN"), sectors as
      "<Name> sector". benchmark is set only for relative claims (streaks, spreads).
    - value: Decimal figure as printed, signed (declines negative); ranges put the low end
      in value and the high end in value_high; ticker claims carry the symbol as a str.
    - streak_length: value N, unit sessions|days|weeks|months, as_of = last session of the
      streak, period_start = first session if stated.
    - streak_record: relation (longest_since, ties_not_since, ties_record, strongest_since,
      not_seen_in, ties_longest_in, compared_to, record), value = year (unit "year") or N
      (unit "years"), reference = the period as written, period_start/period_end = that
      period's first and last day, as_of = the date of the streak it qualifies.
    - index_level: value, unit points|usd, field close|high|low|open|threshold|unspecified,
      as_of = the session.
    - pct_change: value signed, unit pct, basis day|week|month|ytd|year|period,
      period_start = first session of the window (its base is the prior close), period_end.
    - points_change: value signed (index points, or usd for a price), basis and window as for
      pct_change; the % and level stated with it are separate claims of the same sentence.
    - direction: up|down for streaks (a winning or a losing streak) and record comparisons.
    - record: what a level or move is said to be ("record_close", "all_time_high", "record_high",
      "nth_record:8", "first_above"); index_level claims keep their figure in value.
    - time_start/time_end: the span of the words that decided as_of/period (for a reviewer);
      time_readings: other plausible readings of the time, as "basis:first..last" strings;
      clock: when the article was published relative to the session it reports (date_only: the
      day but not the hour is known; after_close, before_open, in_session, closed_day).
    - spread: value, unit bps|pp, per day|cumulative, benchmark, period_start/period_end.
    - valuation_multiple: value, unit x, metric (forward_pe|trailing_pe|pe), as_of.
    - rate: value (and value_high for a range), unit pct (or count for "three cuts"),
      as_of, reference = the events as written ("September, October, and December").
    - earnings_growth: value (and value_high), unit pct, period_start/period_end of the year.
    - hedge is the qualifier as written; hedge_norm: approx ("about"), approx_below
      ("nearly"), approx_above ("just over"), min ("over", "or more", "+"), max ("less than").
    """

    id: str
    article: str
    article_id: str
    kind: Kind
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    quote: str
    sentence: str
    extractor: str
    subject: str | None = None
    benchmark: str | None = None
    value: Decimal | str | None = None
    value_high: Decimal | None = None
    unit: Unit | None = None
    hedge: str | None = None
    hedge_norm: HedgeNorm | None = None
    field: LevelField | None = None
    basis: Basis | None = None
    as_of: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    period_label: str | None = None
    relation: str | None = None
    reference: str | None = None
    exchange: str | None = None
    name: str | None = None
    per: Literal["day", "cumulative"] | None = None
    metric: str | None = None
    direction: Direction | None = None
    record: str | None = None
    time_start: int | None = None
    time_end: int | None = None
    time_readings: tuple[str, ...] = ()
    clock: Clock | None = None
    verdict: Verdict = "unchecked"
    actual: Decimal | None = None

    @property
    def within_period(self) -> bool:
        """"topped 4,700 in 2021", "rose 13 days in a row in 2023": a figure somewhere in a calendar
        period (its window is the period; the session it happened on is not stated)."""
        return self.basis in CALENDAR_BASES and self.period_start is not None and self.period_end is not None

    @model_validator(mode="after")
    def _span_matches_quote(self) -> Claim:
        if self.end - self.start != len(self.quote) or not self.quote:
            raise ValueError("quote must be exactly text[start:end]")
        return self


class Rejection(Frozen):
    """A candidate that could not become a claim, and why (nothing is dropped silently)."""

    article: str
    article_id: str
    start: int
    end: int
    quote: str
    extractor: str
    reason: str


class FileProblem(Frozen):
    """A file that could not be read as an article, with a clear reason."""

    path: str
    reason: str
    error: str


class DataRow(Frozen):
    symbol: str
    session: date
    field: str
    value: Decimal


class Reading(Frozen):
    label: str
    actual: Decimal | None
    matches: bool


class Finding(Frozen):
    """The verdict on one claim and every number needed to re-derive it by hand."""

    claim_id: str
    check: str
    verdict: Verdict
    actual: Decimal | None = None
    difference: Decimal | None = None
    tolerance: str | None = None
    arithmetic: str = ""
    rows: tuple[DataRow, ...] = ()
    readings: tuple[Reading, ...] = ()
    missing: str | None = None


class ConflictMember(Frozen):
    claim_id: str
    article: str
    start: int
    end: int
    quote: str
    value: Decimal | str | None


class ConflictGroup(Frozen):
    id: str
    status: Literal["conflicting", "consistent"]
    scope: Literal["article", "corpus"]
    topic: str
    reason: str
    members: tuple[ConflictMember, ...]
