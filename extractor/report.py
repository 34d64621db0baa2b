"""Results → text: claims.jsonl records and the Markdown/terminal summary (pure rendering)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

CLAIM_EXPORT_FIELDS = (
    "id", "article", "start", "end", "quote", "kind", "subject", "benchmark", "value", "unit",
    "hedge", "hedge_norm", "field", "basis", "as_of", "period_start", "period_end", "period_label",
    "relation", "reference", "exchange", "name", "per", "metric", "direction", "record",
    "time_start", "time_end", "time_readings", "extractor", "sentence",
    "verdict", "actual",
)


def as_number(text: str | None) -> int | float | None:
    if text is None:
        return None
    number = Decimal(str(text))
    return int(number) if number == number.to_integral_value() and "." not in str(text) else float(number)


def claim_record(row: dict) -> dict:
    """One stored claim row → the stable claims.jsonl record."""
    record = {key: row.get(key) for key in CLAIM_EXPORT_FIELDS}
    if row.get("unit") != "ticker":
        low, high = as_number(row.get("value")), as_number(row.get("value_high"))
        record["value"] = [low, high] if high is not None else low
    for key in ("time_start", "time_end"):
        record[key] = int(record[key]) if record.get(key) is not None else None
    if isinstance(record.get("time_readings"), str):
        record["time_readings"] = json.loads(record["time_readings"])
    record["verdict"] = row.get("f_verdict") or row.get("verdict") or "unchecked"
    record["actual"] = as_number(row.get("f_actual"))
    return record


def conflict_record(group) -> dict:
    """One conflict group → its conflicts.jsonl record."""
    record = group.model_dump(mode="json")
    for member in record["members"]:
        member["value"] = as_number(member["value"]) if _numeric(member["value"]) else member["value"]
    return record


def _numeric(value) -> bool:
    try:
        Decimal(str(value))
        return value is not None
    except ArithmeticError:
        return False


def render_jsonl(records) -> str:
    return "".join(render_jsonl_line(r) for r in records)


def render_jsonl_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n"


@dataclass
class ClaimTally:
    """What the summary needs from the claims, gathered one record at a time (memory stays flat)."""

    total: int = 0
    kinds: Counter = field(default_factory=Counter)
    verdicts: Counter = field(default_factory=Counter)
    contradicted: list[dict] = field(default_factory=list)  # the first 50, in export order

    def to_json(self) -> str:
        return json.dumps({"total": self.total, "kinds": self.kinds, "verdicts": self.verdicts, "contradicted": self.contradicted})

    @classmethod
    def from_json(cls, text: str) -> ClaimTally:
        data = json.loads(text)
        return cls(total=data["total"], kinds=Counter(data["kinds"]), verdicts=Counter(data["verdicts"]),
                   contradicted=data["contradicted"])

    def add(self, line: str, kind: str, verdict: str) -> None:
        """Count one claims.jsonl line (parsed only if the summary lists it)."""
        self.total += 1
        self.kinds[kind] += 1
        self.verdicts[verdict] += 1
        if verdict == "contradicted" and len(self.contradicted) < 50:
            self.contradicted.append(json.loads(line))


def showing(shown: int, total: int) -> str:
    """' (showing N of M; all are in audit.db)' when a list was cut, else nothing."""
    return f" (showing {shown:,} of {total:,}; all are in audit.db)" if shown < total else ""


def render_summary(*, counts: dict, claims: ClaimTally, problems: list[dict], groups: list[dict] = ()) -> str:
    """A short Markdown summary: what was read, what was found, what failed and why."""
    kinds, verdicts = claims.kinds, claims.verdicts
    lines = [
        "# Audit summary", "",
        f"- files: {counts.get('files', 0)} (new or changed: {counts.get('processed', 0)}, unchanged: {counts.get('skipped', 0)}, problems: {len(problems)})",
        f"- articles: {counts.get('articles', 0)}; claims: {claims.total}; rejected candidates: {counts.get('rejections', 0)}",
        "- claims by kind: " + (", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "none"),
        "- verdicts: " + (", ".join(f"{k} {n}" for k, n in sorted(verdicts.items())) or "none"),
    ]
    conflicting = [g for g in groups if g.get("status") == "conflicting"]
    if groups:
        lines.append(f"- conflict groups: {len(groups)} ({len(conflicting)} conflicting)")
    if counts.get("llm_articles"):
        lines.append(f"- LLM: {counts['llm_calls']} calls ({counts['llm_cache_hits']} cached) for {counts['llm_articles']} articles; "
                     f"tokens {counts['llm_prompt_tokens']} prompt + {counts['llm_completion_tokens']} completion")
    if claims.contradicted:
        lines += ["", "## Contradicted by the data" + showing(len(claims.contradicted), verdicts["contradicted"]), ""]
        lines += [f"- {c['article']}:{c['start']}: “{c['quote']}” → data says {c['actual']}" for c in claims.contradicted]
    if conflicting:
        lines += ["", "## Conflicts" + showing(min(len(conflicting), 50), len(conflicting)), ""]
        lines += [f"- [{g['scope']}] {g['topic']}: {g['reason']}" for g in conflicting[:50]]
    if problems:
        lines += ["", "## Files not audited, or audited in part", ""]
        lines += [f"- {p['path']}: {p['reason']}" for p in problems]
    return "\n".join(lines) + "\n"
