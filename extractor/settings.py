"""Every knob and its default, in one frozen object built at the edge (CLI) and passed down."""

from __future__ import annotations

from pathlib import Path

from typing import Literal

from pydantic import BaseModel, ConfigDict

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_ARTICLES = PACKAGE_ROOT / "corpus" / "articles"
SHIPPED_DATA = PACKAGE_ROOT / "corpus" / "data"


class LLMSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    base_url: str
    model: str
    api_key: str | None = None
    timeout_s: float = 600.0  # a small local model on 2 cores needs minutes for a long batch
    max_concurrency: int = 1
    scope: Literal["uncovered", "all", "only"] = "uncovered"
    prompt_version: Literal["claims-v2", "claims-v3"] = "claims-v3"
    batch_size: int = 6  # sentences per call
    cache_path: Path | None = None  # a response cache shared across output folders (default: the audit database)


class Settings(BaseModel):
    """How one audit runs."""

    model_config = ConfigDict(frozen=True)

    input_dir: Path = SHIPPED_ARTICLES
    out_dir: Path = Path("out")
    prices_dir: Path = SHIPPED_DATA / "prices"
    rates_dir: Path = SHIPPED_DATA / "rates"
    reference_dir: Path = SHIPPED_DATA / "reference"
    workers: int = 1
    max_file_bytes: int = 20_000_000
    max_article_chars: int = 1_000_000
    max_article_figures: int = 5_000  # beyond, an article is audited up to this figure, with the reason recorded
    cache_dir: Path | None = None  # parsed price data and calendar kept between runs (the CLI: ~/.cache/extractor)
    llm: LLMSettings | None = None
