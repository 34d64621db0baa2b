"""Results → text: claims.jsonl records and the Markdown/terminal summary (pure rendering)."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal

CLAIM_EXPORT_FIELDS = (
    "id", "article", "start", "end", "quote", "kind", "subject", "benchmark", "value", "unit",
    "hedge", "hedge_norm", "field", "basis", "as_of", "period_start", "period_end", "period_label",
    "relation", "reference", "exchange", "name", "per", "metric", "extractor", "sentence",
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
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in records)


def render_summary(*, counts: dict, claims: list[dict], problems: list[dict], groups: list[dict] = ()) -> str:
    """A short Markdown summary: what was read, what was found, what failed and why."""
    kinds = Counter(c["kind"] for c in claims)
    verdicts = Counter(c["verdict"] for c in claims)
    lines = [
        "# Audit summary", "",
        f"- files: {counts.get('files', 0)} (new or changed: {counts.get('processed', 0)}, unchanged: {counts.get('skipped', 0)}, problems: {len(problems)})",
        f"- articles: {counts.get('articles', 0)}; claims: {len(claims)}; rejected candidates: {counts.get('rejections', 0)}",
        "- claims by kind: " + (", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "none"),
        "- verdicts: " + (", ".join(f"{k} {n}" for k, n in sorted(verdicts.items())) or "none"),
    ]
    conflicting = [g for g in groups if g.get("status") == "conflicting"]
    if groups:
        lines.append(f"- conflict groups: {len(groups)} ({len(conflicting)} conflicting)")
    if counts.get("llm_articles"):
        lines.append(f"- LLM: {counts['llm_calls']} calls ({counts['llm_cache_hits']} cached) for {counts['llm_articles']} articles; "
                     f"tokens {counts['llm_prompt_tokens']} prompt + {counts['llm_completion_tokens']} completion")
    contradicted = [c for c in claims if c["verdict"] == "contradicted"]
    if contradicted:
        lines += ["", "## Contradicted by the data", ""]
        lines += [f"- {c['article']}:{c['start']}: “{c['quote']}” → data says {c['actual']}" for c in contradicted[:50]]
    if conflicting:
        lines += ["", "## Conflicts", ""]
        lines += [f"- [{g['scope']}] {g['topic']}: {g['reason']}" for g in conflicting[:50]]
    if problems:
        lines += ["", "## Files not audited", ""]
        lines += [f"- {p['path']}: {p['reason']}" for p in problems]
    return "\n".join(lines) + "\n"
