"""The table of contents: files → articles → candidates → claims → findings → store → outputs."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .calendar import load_calendar
from .checks import check_claim
from .documents import SUFFIXES, iter_input_files, parse_articles, read_bytes, relative_path
from .errors import ArticleError, UsageError
from .models import Article, Claim, FileProblem, Finding, Rejection
from .nlp import shared_nlp
from .normalize import dedupe_claims, normalize_candidate
from .patterns import RULES_VERSION
from .prices import Market, data_version, load_market
from .reference import Reference, load_reference
from .report import claim_record, render_jsonl, render_summary
from .rules import RuleSet
from .settings import Settings
from .store import RunLock, Store, open_store

log = logging.getLogger(__name__)
Progress = Callable[[str], None]


@dataclass
class Counts:
    files: int = 0
    processed: int = 0
    skipped: int = 0
    articles: int = 0
    claims: int = 0
    rejections: int = 0
    problems: list[FileProblem] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "problems"} | {"problems": len(self.problems)}


@dataclass(frozen=True)
class Auditor:
    """Everything needed to audit one article; built once per process."""

    rules: RuleSet
    market: Market

    def audit(self, article: Article) -> tuple[list[Claim], list[Rejection], list[Finding]]:
        """One article → its claims, rejected candidates and findings (pure, no I/O)."""
        claims, rejections = [], []
        for candidate in self.rules.extract(article):
            result = normalize_candidate(candidate, article)
            (claims if isinstance(result, Claim) else rejections).append(result)
        claims = dedupe_claims(claims)
        findings = [check_claim(c, self.market) for c in claims]
        return claims, rejections, findings


def build_auditor(settings: Settings) -> Auditor:
    """Load reference lists, price data and the spaCy rules once."""
    reference: Reference = load_reference(settings.reference_dir)
    market = load_market(settings.prices_dir.parent, calendar=load_calendar())
    return Auditor(rules=RuleSet(shared_nlp(), reference), market=market)


def code_version() -> str:
    """A hash of the package source: results are recomputed when the code that made them changes."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def version_key(settings: Settings, market: Market) -> str:
    llm = f"{settings.llm.model}" if settings.llm else "none"
    return f"{__version__}|code {code_version()}|rules {RULES_VERSION}|data {market.version[:12]}|llm {llm}"


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def audit_file(path: Path, *, settings: Settings, auditor: Auditor, store: Store, key: str, counts: Counts, run_id: str) -> None:
    """Read, audit and store one file; a bad file is recorded as a problem and skipped."""
    rel = relative_path(path, settings.input_dir)
    try:
        data = read_bytes(path, max_bytes=settings.max_file_bytes)
        digest = file_hash(data)
        if store.source_unchanged(rel, digest, key):
            counts.skipped += 1
            return
        articles = parse_articles(rel, data, max_chars=settings.max_article_chars)
    except ArticleError as exc:
        counts.problems.append(FileProblem(path=rel, reason=str(exc), error=type(exc).__name__))
        store.save_problem(counts.problems[-1], run_id)
        return
    counts.processed += 1
    stored = []
    for article in articles:
        first = store.article_with_hash(article.id)
        if first and first != article.path:
            counts.problems.append(FileProblem(path=rel, reason=f"duplicate of {first}: audited once", error="Duplicate"))
            store.save_problem(counts.problems[-1], run_id)
            continue
        claims, rejections, findings = auditor.audit(article)
        store.save_article(article, claims, rejections, findings)
        counts.articles += 1
        stored.append(article.id)
    store.save_source(rel, digest, key, stored, "ok" if len(stored) == len(articles) else "duplicate")


def export_outputs(store: Store, out_dir: Path, counts: Counts) -> list[dict]:
    """Write claims.jsonl and summary.md from the store (sorted, complete, atomic)."""
    records = [claim_record(row) for row in store.iter_claim_rows()]
    problems = store.rows("file_problems", order_by="path")
    write_atomic(out_dir / "claims.jsonl", render_jsonl(records))
    counts_dict = counts.as_dict() | {"rejections": store.count("rejections")}
    write_atomic(out_dir / "summary.md", render_summary(counts=counts_dict, claims=records, problems=problems))
    return records


def write_atomic(path: Path, text: str) -> None:
    """Write text so readers see the old file or the new one, never half of one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


def iter_files(settings: Settings) -> Iterator[Path]:
    if not settings.input_dir.exists():
        raise UsageError(f"input folder not found: {settings.input_dir}")
    yield from iter_input_files(settings.input_dir)


def run_audit(settings: Settings, *, progress: Progress | None = None) -> tuple[Counts, list[dict]]:
    """Audit every article under settings.input_dir into settings.out_dir."""
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    with RunLock(settings.out_dir):
        auditor = build_auditor(settings)
        store = open_store(settings.out_dir / "audit.db")
        key = version_key(settings, auditor.market)
        run_id = store.start_run({"extractor": __version__, "code": code_version(), "rules": RULES_VERSION, "data": auditor.market.version,
                                  "llm": settings.llm.model if settings.llm else None})
        counts, seen = Counts(), set()
        for path in iter_files(settings):
            counts.files += 1
            seen.add(relative_path(path, settings.input_dir))
            audit_file(path, settings=settings, auditor=auditor, store=store, key=key, counts=counts, run_id=run_id)
            if progress:
                progress(relative_path(path, settings.input_dir))
        store.forget_missing_sources(seen)
        records = export_outputs(store, settings.out_dir, counts)
        counts.claims = len(records)
        store.finish_run(run_id, "completed_with_problems" if counts.problems else "completed", counts.as_dict())
    return counts, records


SUPPORTED = sorted(SUFFIXES)
