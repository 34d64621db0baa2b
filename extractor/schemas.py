"""JSON Schema of the public contract (claims.jsonl rows, database rows), from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

from .models import Article, Claim, ConflictGroup, FileProblem, Finding, Rejection

CONTRACT = {
    "article": Article,
    "claim": Claim,
    "rejection": Rejection,
    "finding": Finding,
    "conflict_group": ConflictGroup,
    "file_problem": FileProblem,
}


def render_schemas() -> dict[str, str]:
    """File name → JSON Schema text for every model in the contract."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(mode="serialization"), indent=2, sort_keys=True) + "\n"
        for name, model in CONTRACT.items()
    }


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
