"""The table of contents: files → articles → candidates → claims → findings → store → outputs."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from . import __version__
from .calendar import load_calendar
from .checks import check_claim
from .documents import SUFFIXES, iter_input_files, parse_articles, read_bytes, relative_path
from .errors import ArticleError, UsageError
from .models import Article, Claim, FileProblem, Finding, Rejection
from .normalize import dedupe_claims, normalize_candidate
from .patterns import RULES_VERSION
from .prices import data_version, load_market
from .reference import Reference, load_reference
from .report import ClaimTally, claim_record, render_jsonl_line, render_summary
from .settings import Settings
from .store import RunLock, Store, open_store
from .workers import iter_ordered

if TYPE_CHECKING:
    from .prices import Market
    from .rules import RuleSet

log = logging.getLogger(__name__)
Progress = Callable[[str], None]
FanOut = Callable[..., Iterator]


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
    # Why imported here: a re-run with nothing new to audit never pays for importing spaCy.
    from .nlp import shared_nlp
    from .rules import RuleSet

    reference: Reference = load_reference(settings.reference_dir)
    market = load_market(settings.prices_dir.parent, calendar=load_calendar())
    return Auditor(rules=RuleSet(shared_nlp(), reference), market=market)


@dataclass(frozen=True)
class FileJob:
    """One new or changed file's bytes, to be audited (in this process or a worker)."""

    rel: str
    digest: str
    data: bytes


@dataclass(frozen=True)
class ArticleAudit:
    article: Article
    claims: list[Claim]
    rejections: list[Rejection]
    findings: list[Finding]


@dataclass(frozen=True)
class FileResult:
    """A file's audited articles, or the reason it could not be read."""

    job: FileJob
    audits: tuple[ArticleAudit, ...] = ()
    problem: FileProblem | None = None


def audit_job(auditor: Auditor, job: FileJob) -> FileResult:
    """Parse and audit one file's articles (pure: the parent process does every store write)."""
    try:
        articles = parse_articles(job.rel, job.data)
    except ArticleError as exc:
        return FileResult(job=job, problem=FileProblem(path=job.rel, reason=str(exc), error=type(exc).__name__))
    return FileResult(job=job, audits=tuple(ArticleAudit(a, *auditor.audit(a)) for a in articles))


def code_version() -> str:
    """A hash of the package source: results are recomputed when the code that made them changes."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def version_key(settings: Settings, data: str) -> str:
    llm = f"{settings.llm.model}" if settings.llm else "none"
    return f"{__version__}|code {code_version()}|rules {RULES_VERSION}|data {data[:12]}|llm {llm}"


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class RunContext:
    settings: Settings
    store: Store
    key: str
    run_id: str
    counts: Counts


def read_job(path: Path, run: RunContext) -> FileJob | None:
    """The file as a job, or None when it is unchanged since the last run or unreadable (recorded)."""
    rel = relative_path(path, run.settings.input_dir)
    try:
        data = read_bytes(path, max_bytes=run.settings.max_file_bytes)
    except ArticleError as exc:
        save_problem(run, FileProblem(path=rel, reason=str(exc), error=type(exc).__name__))
        return None
    digest = file_hash(data)
    if run.store.source_unchanged(rel, digest, run.key):
        run.counts.skipped += 1
        return None
    return FileJob(rel=rel, digest=digest, data=data)


def save_problem(run: RunContext, problem: FileProblem) -> None:
    run.counts.problems.append(problem)
    run.store.save_problem(problem, run.run_id)


def save_result(result: FileResult, run: RunContext) -> None:
    """Store one audited file (the single writer); a duplicate article is recorded, not stored twice."""
    if result.problem:
        save_problem(run, result.problem)
        return
    run.counts.processed += 1
    stored = []
    for audit in result.audits:
        first = run.store.article_with_hash(audit.article.id)
        if first and first != audit.article.path:
            run.counts.problems.append(FileProblem(path=result.job.rel, reason=f"duplicate of {first}: audited once", error="Duplicate"))
            continue
        run.store.save_article(audit.article, audit.claims, audit.rejections, audit.findings)
        run.counts.articles += 1
        stored.append(audit.article.id)
    run.store.save_source(result.job.rel, result.job.digest, run.key, stored, "ok")


class ExportedClaims:
    """The claims.jsonl just written, read back on demand: the run never holds every claim in memory."""

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, path: Path, count: int):
        self.path, self.count = path, count

    def __iter__(self) -> Iterator[dict]:
        with self.path.open(encoding="utf-8") as handle:
            yield from (json.loads(line) for line in handle)

    def __len__(self) -> int:
        return self.count

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, (ExportedClaims, list)) else NotImplemented


def export_outputs(store: Store, out_dir: Path, counts: Counts) -> ExportedClaims:
    """Write claims.jsonl and summary.md from the store (sorted, complete, atomic, streamed).

    claims.jsonl is rewritten only when the store changed since it was written: a re-run on an
    unchanged folder then costs a hash of the sources table, not a pass over every claim.
    """
    fingerprint, path = store.sources_fingerprint(), out_dir / "claims.jsonl"
    cached = store.get_meta("claims_tally")
    if path.exists() and cached and store.get_meta("claims_export") == fingerprint:
        tally = ClaimTally.from_json(cached)
    else:
        tally = write_claims(store, path)
        store.set_meta({"claims_export": fingerprint, "claims_tally": tally.to_json()})
    problems = store.rows("file_problems", order_by="path")
    counts_dict = counts.as_dict() | {"rejections": store.count("rejections")}
    write_atomic(out_dir / "summary.md", render_summary(counts=counts_dict, claims=tally, problems=problems))
    return ExportedClaims(path, tally.total)


def write_claims(store: Store, path: Path) -> ClaimTally:
    tally = ClaimTally()
    with atomic_writer(path) as handle:
        for row in store.iter_claim_rows():
            record = claim_record(row)
            tally.add(record)
            handle.write(render_jsonl_line(record))
    return tally


@contextmanager
def atomic_writer(path: Path) -> Iterator[IO[str]]:
    """A text file that readers see old or new, never half written (replaced only on success)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_atomic(path: Path, text: str) -> None:
    """Write text so readers see the old file or the new one, never half of one."""
    with atomic_writer(path) as handle:
        handle.write(text)


def iter_files(settings: Settings) -> Iterator[Path]:
    if not settings.input_dir.exists():
        raise UsageError(f"input folder not found: {settings.input_dir}")
    yield from iter_input_files(settings.input_dir)


def iter_jobs(run: RunContext, seen: set[str], progress: Progress | None) -> Iterator[FileJob]:
    """New or changed files, in sorted order, read lazily (memory stays flat as folders grow)."""
    for path in iter_files(run.settings):
        run.counts.files += 1
        rel = relative_path(path, run.settings.input_dir)
        seen.add(rel)
        job = read_job(path, run)
        if progress:
            progress(rel)
        if job:
            yield job


def run_audit(settings: Settings, *, progress: Progress | None = None, fan_out: FanOut = iter_ordered) -> tuple[Counts, ExportedClaims]:
    """Audit every article under settings.input_dir into settings.out_dir.

    fan_out runs audit_job over the jobs and yields results in job order: in this process,
    in worker processes (settings.workers), or on a cluster (extractor.scale).
    """
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    with RunLock(settings.out_dir):
        data = data_version(settings.prices_dir.parent)
        store = open_store(settings.out_dir / "audit.db")
        run_id = store.start_run({"extractor": __version__, "code": code_version(), "rules": RULES_VERSION, "data": data,
                                  "llm": settings.llm.model if settings.llm else None})
        run, seen = RunContext(settings, store, version_key(settings, data), run_id, Counts()), set()
        jobs = iter_jobs(run, seen, progress)
        for result in fan_out(audit_job, jobs, build=build_auditor, settings=settings):
            save_result(result, run)
        store.forget_missing_sources(seen)
        records = export_outputs(store, settings.out_dir, run.counts)
        run.counts.claims = len(records)
        store.finish_run(run_id, "completed_with_problems" if run.counts.problems else "completed", run.counts.as_dict())
    return run.counts, records


SUPPORTED = sorted(SUFFIXES)
