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
    "years", "year", "count", "ticker",
]
HedgeNorm = Literal["approx", "approx_below", "approx_above", "min", "max"]
LevelField = Literal["close", "high", "low", "open", "threshold", "unspecified"]
Basis = Literal["day", "week", "month", "ytd", "year", "period"]
Verdict = Literal["unchecked", "supported", "contradicted", "unverifiable", "ambiguous"]


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
    """A grounded, normalized, checkable statement: `quote == article.text[start:end]`."""

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
    verdict: Verdict = "unchecked"
    actual: Decimal | None = None

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
