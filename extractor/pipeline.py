"""The table of contents: files → articles → candidates → claims → findings → store → outputs."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from . import __version__
from .calendar import load_calendar
from .checks import check_claim
from .conflicts import check_tickers, find_cross_conflicts, find_internal_conflicts
from .html_report import render_html, streak_chart_series
from .documents import SUFFIXES, iter_input_files, parse_articles, read_bytes, relative_path
from .errors import ArticleError, UsageError
from .llm import LLMClient, LLMConfig
from .llm_assist import LLMAssist
from .llm_extract import Usage
from .models import Article, Claim, ConflictGroup, FileProblem, Finding, Rejection
from .nlp import shared_nlp
from .normalize import dedupe_claims, normalize_candidate
from .patterns import RULES_VERSION
from .prices import Market, data_version, load_market
from .reference import Reference, load_reference
from .report import claim_record, conflict_record, render_jsonl, render_summary
from .rules import RuleSet
from .settings import Settings
from .store import RunLock, SQLiteLLMCache, Store, open_store

log = logging.getLogger(__name__)
Progress = Callable[[str], None]
# Why: one HTML page cannot hold an archive; beyond this, the database is the report.
REPORT_ARTICLE_LIMIT = 500


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


class AuditResult(NamedTuple):
    claims: list[Claim]
    rejections: list[Rejection]
    findings: list[Finding]
    usage: Usage | None = None


@dataclass(frozen=True)
class Auditor:
    """Everything needed to audit one article; built once per process."""

    rules: RuleSet
    market: Market
    reference: Reference
    assist: LLMAssist | None = None

    def audit(self, article: Article) -> AuditResult:
        """One article → its claims, rejected candidates and findings (no I/O but the optional LLM)."""
        claims, rejections = [], []
        for candidate in self.rules.extract(article):
            result = normalize_candidate(candidate, article)
            (claims if isinstance(result, Claim) else rejections).append(result)
        claims, usage = dedupe_claims(claims), None
        if self.assist is not None:
            claims, extra, usage = self.assist.extend(article, claims, self.rules.sentences(article))
            rejections += extra
        tickers = {f.claim_id: f for f in check_tickers(claims, self.reference)}
        findings = [tickers.get(c.id) or check_claim(c, self.market) for c in claims]
        return AuditResult(claims, rejections, findings, usage)


def build_auditor(settings: Settings, *, store: Store | None = None) -> Auditor:
    """Load reference lists, price data, the spaCy rules (and the LLM client) once."""
    reference: Reference = load_reference(settings.reference_dir)
    market = load_market(settings.prices_dir.parent, calendar=load_calendar())
    return Auditor(rules=RuleSet(shared_nlp(), reference), market=market, reference=reference,
                   assist=build_assist(settings, store))


def build_assist(settings: Settings, store: Store | None) -> LLMAssist | None:
    if settings.llm is None:
        return None
    config = LLMConfig(base_url=settings.llm.base_url, model=settings.llm.model, api_key=settings.llm.api_key,
                       timeout_s=settings.llm.timeout_s, max_concurrency=settings.llm.max_concurrency)
    return LLMAssist(LLMClient(config, cache=SQLiteLLMCache(store) if store else None), scope=settings.llm.scope)


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
        result = auditor.audit(article)
        store.save_article(article, result.claims, result.rejections, result.findings)
        if result.usage is not None:
            store.save_usage(article.id, result.usage.model_dump())
        counts.articles += 1
        stored.append(article.id)
    store.save_source(rel, digest, key, stored, "ok" if len(stored) == len(articles) else "duplicate")


def find_groups(claims: list[Claim], market: Market) -> list[ConflictGroup]:
    """Conflict groups inside each article and across the whole folder."""
    calendar = market.calendar
    return find_internal_conflicts(claims, calendar=calendar) + find_cross_conflicts(claims, calendar=calendar)


def chart_series(claims: list[Claim], market: Market) -> dict:
    """The daily relative return around the streak most claims are about (empty if none)."""
    ends = [c.as_of for c in claims if c.kind == "streak_length" and c.as_of and c.subject == "Russell 2000"]
    if not ends:
        return {}
    return streak_chart_series(market, end=max(set(ends), key=ends.count))


def export_outputs(store: Store, out_dir: Path, counts: Counts, market: Market) -> list[dict]:
    """Write claims.jsonl, conflicts.jsonl, report.html and summary.md from the store (atomic)."""
    claims = store.load_claims()
    groups = find_groups(claims, market)
    store.save_conflicts(groups)
    records = [claim_record(row) for row in store.iter_claim_rows()]
    problems = store.rows("file_problems", order_by="path")
    write_atomic(out_dir / "claims.jsonl", render_jsonl(records))
    write_atomic(out_dir / "conflicts.jsonl", render_jsonl(conflict_record(g) for g in groups))
    articles = store.load_articles(limit=REPORT_ARTICLE_LIMIT)
    html = render_html(articles=articles, claims=[c for c in claims if c.article_id in {a.id for a in articles}],
                       findings=store.load_findings(), groups=groups, series=chart_series(claims, market))
    write_atomic(out_dir / "report.html", html)
    counts_dict = counts.as_dict() | {"rejections": store.count("rejections")} | store.llm_totals()
    group_rows = [g.model_dump(mode="json") for g in groups]
    write_atomic(out_dir / "summary.md", render_summary(counts=counts_dict, claims=records, problems=problems, groups=group_rows))
    return records


def write_atomic(path: Path, text: str) -> None:
    """Write text so readers see the old file or the new one, never half of one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def iter_files(settings: Settings) -> Iterator[Path]:
    if not settings.input_dir.exists():
        raise UsageError(f"input folder not found: {settings.input_dir}")
    yield from iter_input_files(settings.input_dir)


def run_audit(settings: Settings, *, progress: Progress | None = None) -> tuple[Counts, list[dict]]:
    """Audit every article under settings.input_dir into settings.out_dir."""
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    with RunLock(settings.out_dir):
        store = open_store(settings.out_dir / "audit.db")
        auditor = build_auditor(settings, store=store)
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
        records = export_outputs(store, settings.out_dir, counts, auditor.market)
        counts.claims = len(records)
        store.finish_run(run_id, "completed_with_problems" if counts.problems else "completed", counts.as_dict())
    return counts, records


SUPPORTED = sorted(SUFFIXES)
