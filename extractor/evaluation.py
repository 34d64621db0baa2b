"""Score a claims export against a gold file (seeds_gold.jsonl format): recall and precision per kind.

A predicted claim matches a gold row when the kind is the same, the spans overlap (same
article file name) and the values are equal (ranges: both ends; tickers: the symbol; a gold
row without a figure matches on kind and span alone). Recall counts gold rows of the chosen
tier that some prediction matches; precision counts predictions that match any gold row of
any tier (a chrome or extended gold row is still a true claim). For the core tier (claims
with a figure), precision counts only predictions that carry a figure: a figure-less claim
("closed at a record") belongs to the extended tier, whose gold is incomplete on the seeds.
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ConfigDict

from .errors import UsageError

CORE_KINDS = ("streak_length", "streak_record", "index_level", "pct_change", "spread", "ticker")


class KindScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: str
    gold: int
    found: int
    predicted: int
    correct: int

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None


def load_jsonl(path: Path) -> list[dict]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from exc


def as_values(value) -> tuple | None:
    if value is None:
        return None
    if isinstance(value, list):
        return tuple(Decimal(str(v)) for v in value)
    if isinstance(value, str) and not value.replace(".", "").replace("-", "").isdigit():
        return (value.upper(),)
    return (Decimal(str(value)),)


def matches(pred: dict, gold: dict) -> bool:
    """Same kind, overlapping spans in the same file, equal values."""
    if pred["kind"] != gold["type"] or PurePosixPath(pred["article"].split("#")[0]).name != gold["doc"]:
        return False
    if not (pred["start"] < gold["end"] and gold["start"] < pred["end"]):
        return False
    gold_value = as_values(gold.get("value"))
    return gold_value is None or as_values(pred.get("value")) == gold_value


def score(predictions: list[dict], gold: list[dict], *, tier: str = "core") -> list[KindScore]:
    """Per-kind recall (over gold rows of `tier`) and precision (over all predictions)."""
    docs = {g["doc"] for g in gold}
    predictions = [p for p in predictions if PurePosixPath(p["article"].split("#")[0]).name in docs]
    by_doc = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append(g)
    kinds = sorted({g["type"] for g in gold} | {p["kind"] for p in predictions})
    scores = []
    for kind in kinds:
        gold_k = [g for g in gold if g["type"] == kind and g["tier"] == tier]
        preds_k = [p for p in predictions if p["kind"] == kind and (tier != "core" or p.get("value") is not None)]
        found = sum(any(matches(p, g) for p in preds_k) for g in gold_k)
        correct = sum(any(matches(p, g) for g in by_doc[PurePosixPath(p["article"].split("#")[0]).name]) for p in preds_k)
        scores.append(KindScore(kind=kind, gold=len(gold_k), found=found, predicted=len(preds_k), correct=correct))
    return scores


def total(scores: list[KindScore], kinds: tuple[str, ...] = CORE_KINDS) -> KindScore:
    chosen = [s for s in scores if s.kind in kinds]
    return KindScore(kind="core kinds", gold=sum(s.gold for s in chosen), found=sum(s.found for s in chosen),
                     predicted=sum(s.predicted for s in chosen), correct=sum(s.correct for s in chosen))


def misses(predictions: list[dict], gold: list[dict], *, tier: str = "core") -> list[dict]:
    """Gold rows of the tier that no prediction matches (for error analysis)."""
    return [g for g in gold if g["tier"] == tier and not any(matches(p, g) for p in predictions)]


def false_positives(predictions: list[dict], gold: list[dict]) -> list[dict]:
    docs = {g["doc"] for g in gold}
    return [p for p in predictions if PurePosixPath(p["article"].split("#")[0]).name in docs
            and not any(matches(p, g) for g in gold)]


def render_scores(scores: list[KindScore]) -> str:
    """A Markdown table of the scores, with the core-kind total last."""
    def pct(x):
        return "—" if x is None else f"{x:.3f}"
    lines = ["| kind | gold | found | recall | predicted | correct | precision |", "|---|---:|---:|---:|---:|---:|---:|"]
    for s in [*scores, total(scores)]:
        lines.append(f"| {s.kind} | {s.gold} | {s.found} | {pct(s.recall)} | {s.predicted} | {s.correct} | {pct(s.precision)} |")
    return "\n".join(lines) + "\n"
