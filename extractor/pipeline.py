"""The table of contents: files → articles → candidates → claims → findings → store → outputs."""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache, partial
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .calendar import load_calendar
from .checks import check_claim
from .conflicts import check_tickers, find_cross_conflicts, find_internal_conflicts
from .datacache import DataCache
from .documents import MAX_ARTICLE_FIGURES, SUFFIXES, cap_figures, iter_input_files, parse_file, read_bytes, relative_path
from .errors import ArticleError, NoInputError, UsageError
from .models import Article, Claim, ConflictGroup, FileProblem, Finding, Rejection
from .normalize import dedupe_claims, normalize_candidate
from .outdir import atomic_writer, prepare_out_dir, write_atomic
from .timing import pin_times, pin_within_months, publication_month, redated
from .patterns import RULES_VERSION
from .prices import data_version, load_market
from .reference import Reference, load_reference
from .report import ClaimTally, conflict_record, render_jsonl, render_summary
from .settings import SHIPPED_DATA, Settings
from .store import ArticleRows, RunLock, SQLiteLLMCache, Store, article_rows, open_store
from .workers import batched, iter_ordered

if TYPE_CHECKING:
    from .llm_assist import LLMAssist
    from .llm_extract import Usage
    from .prices import Market
    from .rules import RuleSet

log = logging.getLogger(__name__)
Progress = Callable[[str], None]
FanOut = Callable[..., Iterator]
# Why: one HTML page cannot hold an archive; beyond this many articles the database is the report.
REPORT_ARTICLE_LIMIT = 100
# Why: cross-article grouping holds one subject's claims at a time; this bounds that memory.
CROSS_CLAIMS_PER_SUBJECT = 5000
# Why: the checks of one article's claims against each other compare pairs (quadratic); real
# articles have a few dozen claims, a hostile one tens of thousands.
CONFLICT_CLAIMS_PER_ARTICLE = 500
# Why: a commit per file cost about a millisecond; an interrupted run redoes at most this many files.
WRITE_BATCH = 50


@dataclass
class Counts:
    files: int = 0
    processed: int = 0
    skipped: int = 0
    articles: int = 0
    claims: int = 0
    contradicted: int = 0
    rejections: int = 0
    problems: list[FileProblem] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "problems"} | {"problems": len(self.problems)}


@dataclass(frozen=True)
class ArticleAudit:
    """One article's claims, rejected candidates, findings, internal conflict groups, and LLM usage."""

    article: Article
    claims: list[Claim]
    rejections: list[Rejection]
    findings: list[Finding]
    usage: Usage | None = None  # None when the LLM was not asked
    conflicts: list[ConflictGroup] = field(default_factory=list)  # inside this article only
    notes: tuple[str, ...] = ()  # work that was cut short, and why
    llm_rows: dict[str, list[dict]] = field(default_factory=dict)  # llm_calls and llm_proposals

    def rows(self) -> ArticleRows:
        """The store rows of this audit."""
        usage = self.usage.model_dump() if self.usage is not None else None
        rows = article_rows(self.article, self.claims, self.rejections, self.findings, self.conflicts, usage)
        rows.tables.update(self.llm_rows)
        return rows


@dataclass(frozen=True)
class Auditor:
    """Everything needed to audit one article; built once per process."""

    rules: RuleSet
    market: Market
    reference: Reference
    assist: LLMAssist | None = None

    def audit(self, article: Article) -> ArticleAudit:
        """One article → its claims, rejected candidates and findings (no I/O but the optional LLM)."""
        only = self.assist is not None and self.assist.scope == "only"
        article, claims, rejections = (article, [], []) if only else self.read_rules(article)
        usage, llm_rows = None, {}
        if self.assist is not None:
            done = self.assist.read(article, claims, self.rules.sentences(article), rejections)
            claims, usage, rejections = done.claims, done.usage, rejections + done.rejections
            llm_rows = {"llm_calls": done.calls, "llm_proposals": done.proposals}
        tickers = {f.claim_id: f for f in check_tickers(claims, self.reference)}
        findings = [tickers.get(c.id) or check_claim(c, self.market) for c in claims]
        # Why here: inside-one-article groups need no other article, so they are computed in parallel.
        ordered, limit = sorted(claims, key=claim_order), CONFLICT_CLAIMS_PER_ARTICLE
        conflicts = find_internal_conflicts(ordered[:limit], calendar=self.market.calendar)
        notes = (f"conflicts inside the article looked for among its first {limit:,} of {len(ordered):,} claims",) if len(ordered) > limit else ()
        return ArticleAudit(article, claims, rejections, findings, usage, conflicts, notes, llm_rows)

    def read_rules(self, article: Article) -> tuple[Article, list[Claim], list[Rejection]]:
        """The rules' claims and rejected candidates for one article; a page with no date of its own
        comes back re-dated by the closes it states to the cent (timing.redated)."""
        candidates = self.rules.extract(article)
        if (dated := redated(article, candidates, self.market)) is not None:
            article, candidates = dated, self.rules.extract(dated)
        calendar = self.market.calendar
        if (month := publication_month(article)) is not None:
            pinned = pin_within_months(candidates, article, calendar, self.market, month, self.rules.extract)
        else:
            pinned = pin_times(candidates, article, calendar, self.market)
        claims, rejections = [], []
        for candidate in pinned:
            result = normalize_candidate(candidate, article)
            (claims if isinstance(result, Claim) else rejections).append(result)
        return article, dedupe_claims(claims), rejections


def claim_order(claim: Claim) -> tuple:
    """Claims in text order (the order the store returns them in)."""
    return (claim.start, claim.end, claim.kind, claim.id)


def build_auditor(settings: Settings, *, store: Store | None = None) -> Auditor:
    """Load reference lists, price data, the spaCy rules (and the LLM client) once."""
    # Why imported here: a re-run with nothing new to audit never pays for importing spaCy.
    from .nlp import shared_nlp
    from .rules import RuleSet

    reference: Reference = load_reference(settings.reference_dir)
    market = shared_market(settings.prices_dir.parent, data_cache(settings))
    return Auditor(rules=RuleSet(shared_nlp(), reference), market=market, reference=reference,
                   assist=build_assist(settings, store, market))


@lru_cache(maxsize=2)
def shared_market(folder: Path, cache: DataCache | None = None) -> Market:
    """The market of a data folder over the shipped data, loaded once per process (the audit and the export share it)."""
    return load_market(folder, calendar=load_calendar(cache=cache), base=SHIPPED_DATA, cache=cache)


def data_cache(settings: Settings) -> DataCache | None:
    """Where parsed data files are kept between runs (None: parsed afresh every run)."""
    return DataCache(settings.cache_dir) if settings.cache_dir is not None else None


def build_assist(settings: Settings, store: Store | None, market: Market | None = None) -> LLMAssist | None:
    """The LLM tier, its calls cached in the audit database (None when no endpoint is set)."""
    if settings.llm is None:
        return None
    from .llm import LLMClient, LLMConfig
    from .llm_assist import LLMAssist

    from .llm_extract import PROMPTS

    config = LLMConfig(base_url=settings.llm.base_url, model=settings.llm.model, api_key=settings.llm.api_key,
                       timeout_s=settings.llm.timeout_s, max_concurrency=settings.llm.max_concurrency)
    cache_store = open_store(settings.llm.cache_path) if settings.llm.cache_path else store
    return LLMAssist(LLMClient(config, cache=SQLiteLLMCache(cache_store) if cache_store else None), scope=settings.llm.scope,
                     prompt=PROMPTS[settings.llm.prompt_version], batch_size=settings.llm.batch_size,
                     pin_times=(lambda cands, article: pin_times(cands, article, market.calendar, market)) if market else None)


@dataclass(frozen=True)
class FileJob:
    """One new or changed file's bytes, to be audited (in this process or a worker)."""

    rel: str
    digest: str
    data: bytes
    max_chars: int
    max_figures: int = MAX_ARTICLE_FIGURES


@dataclass(frozen=True)
class FileResult:
    """A file's audited articles as store rows, or the reason it could not be read."""

    job: FileJob
    articles: tuple[ArticleRows, ...] = ()  # rows, not models: built in the worker, cheap to send and to write
    problem: FileProblem | None = None
    record_problems: tuple[FileProblem, ...] = ()  # bad lines of a .jsonl file, articles audited only in part


def audit_job(auditor: Auditor, job: FileJob) -> FileResult:
    """Parse and audit one file's articles (pure: the parent process does every store write)."""
    try:
        articles, problems = parse_file(job.rel, job.data, max_chars=job.max_chars)
    except ArticleError as exc:
        return FileResult(job=job, problem=FileProblem(path=job.rel, reason=str(exc), error=type(exc).__name__))
    try:
        audits = [audit_capped(auditor, article, job.max_figures) for article in articles]
    except Exception as exc:  # a bug of ours on one file must not end a batch of a million: recorded, logged, skipped
        log.debug("internal error while auditing %s", job.rel, exc_info=True)  # the traceback, for --verbose logs only
        return FileResult(job=job, problem=FileProblem(
            path=job.rel, reason=f"internal error while auditing this file ({type(exc).__name__}: {exc}); "
                                 "it was left out — please report it with the file", error="InternalError"))
    problems += [problem for _, problem in audits if problem]
    return FileResult(job=job, articles=tuple(audit.rows() for audit, _ in audits), record_problems=tuple(problems))


def audit_capped(auditor: Auditor, article: Article, max_figures: int) -> tuple[ArticleAudit, FileProblem | None]:
    """The audit of an article cut at its figure limit; one problem names every limit it reached."""
    article, problem = cap_figures(article, max_figures)
    audit = auditor.audit(article)
    reasons = ([problem.reason] if problem else []) + list(audit.notes)
    if not reasons:
        return audit, None
    return audit, FileProblem(path=article.path, reason="; ".join(reasons), error=problem.error if problem else "Limit")


def code_version(root: Path | None = None) -> str:
    """A hash of the package source: results are recomputed when the code that made them changes."""
    digest = hashlib.sha256()
    root = root or Path(__file__).parent
    for path in sorted(root.rglob("*.py")):  # subpackages too: extractor/kinds, extractor/verify
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def run_versions(settings: Settings, data: str) -> dict:
    """What produced this run's results: code, rules, data and model versions."""
    return {"extractor": __version__, "code": code_version(), "rules": RULES_VERSION, "data": data,
            "llm": f"{settings.llm.model}@{settings.llm.prompt_version}/{settings.llm.scope}/{settings.llm.batch_size}" if settings.llm else None}


def version_key(versions: dict) -> str:
    """A stored result is reused only while every version that made it is unchanged."""
    return (f"{versions['extractor']}|code {versions['code']}|rules {versions['rules']}|data {versions['data'][:12]}"
            f"|llm {versions['llm'] or 'none'}")


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
    return FileJob(rel=rel, digest=digest, data=data, max_chars=run.settings.max_article_chars,
                   max_figures=run.settings.max_article_figures)


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
    for rows in result.articles:
        first = run.store.article_with_hash(rows.article_id)
        if first and first != rows.path:
            save_problem(run, FileProblem(path=result.job.rel, reason=f"duplicate of {first}: audited once", error="Duplicate"))
            continue
        run.store.save_rows(rows, is_new=first is None)
        run.counts.articles += 1
        stored.append(rows.article_id)
    status = "ok" if len(stored) == len(result.articles) else "duplicate"
    # Why: an edited file's old text is another article (ids are content hashes); it must go.
    run.store.forget_articles([a for a in run.store.source_articles(result.job.rel) if a not in stored])
    run.store.save_source(result.job.rel, result.job.digest, run.key, stored, status)
    for problem in result.record_problems:  # after save_source, which clears the file's old problems
        save_problem(run, problem)


class ExportedClaims:
    """The claims.jsonl just written, read back on demand: the run never holds every claim in memory."""

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, path: Path, count: int, contradicted: int = 0):
        self.path, self.count, self.contradicted = path, count, contradicted

    def __iter__(self) -> Iterator[dict]:
        with self.path.open(encoding="utf-8") as handle:
            yield from (json.loads(line) for line in handle)

    def __len__(self) -> int:
        return self.count

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, (ExportedClaims, list)) else NotImplemented


EXPORTS = ("claims.jsonl", "conflicts.jsonl", "report.html")


def export_outputs(store: Store, out_dir: Path, counts: Counts, *, settings: Settings) -> ExportedClaims:
    """Write claims.jsonl, conflicts.jsonl, report.html and summary.md from the store (atomic).

    They are rewritten only when the store changed since they were written: a re-run on an
    unchanged folder then costs a hash of the sources table, not a pass over every claim.
    """
    fingerprint, path = store.sources_fingerprint(), out_dir / "claims.jsonl"
    cached = store.get_meta("claims_tally")
    fresh = all((out_dir / name).exists() for name in EXPORTS) and store.get_meta("claims_export") == fingerprint
    if fresh and cached:
        tally = ClaimTally.from_json(cached)
    else:
        tally = write_claims(store, path)
        export_conflicts_and_report(store, out_dir, settings)
        store.set_meta({"claims_export": fingerprint, "claims_tally": tally.to_json()})
    problems = store.rows("file_problems", order_by="path")
    # Why the store's counts: a re-run audits only what changed, but its summary is the whole audit's.
    counts_dict = counts.as_dict() | {"articles": store.count("articles"), "rejections": store.count("rejections")} | store.llm_totals()
    groups = store.rows("conflict_groups", order_by="id")
    write_atomic(out_dir / "summary.md", render_summary(counts=counts_dict, claims=tally, problems=problems, groups=groups))
    return ExportedClaims(path, tally.total, tally.verdicts["contradicted"])


def export_conflicts_and_report(store: Store, out_dir: Path, settings: Settings) -> None:
    """Write the conflict groups (inside articles, then across them); render the HTML report.

    Groups inside one article were found by the auditor and stored with it; cross-article
    groups are found here, subject by subject with each subject's claims capped, so memory
    stays flat however large the folder. The page shows at most REPORT_ARTICLE_LIMIT
    articles, flagged ones first (the database holds everything).
    """
    from .html_report import render_html

    market = shared_market(settings.prices_dir.parent, data_cache(settings))
    shown = {a.id: a for a in store.load_articles(limit=REPORT_ARTICLE_LIMIT)}
    shown_paths = {a.path for a in shown.values()}
    report_groups: list[ConflictGroup] = []
    store.clear_cross_conflicts()
    with atomic_writer(out_dir / "conflicts.jsonl") as handle:
        for groups in store.iter_article_conflicts():  # stored with their articles
            handle.write(render_jsonl(conflict_record(g) for g in groups))
            report_groups += [g for g in groups if any(m.article in shown_paths for m in g.members)]
        for groups in iter_cross_conflicts(store, market):
            store.save_cross_conflicts(groups)
            handle.write(render_jsonl(conflict_record(g) for g in groups))
            report_groups += groups
    html = render_html(articles=list(shown.values()), claims=store.load_claims(set(shown)),
                       findings=store.load_findings(set(shown)), groups=report_groups, series=chart_series(store, market),
                       total_articles=store.count("articles"), subject_charts=subject_charts(store, market))
    write_atomic(out_dir / "report.html", html)


def iter_cross_conflicts(store: Store, market: Market) -> Iterator[list[ConflictGroup]]:
    """Cross-article groups, subject by subject."""
    calendar = market.calendar
    for subject, total, claims in store.iter_claims_by_subject(limit=CROSS_CLAIMS_PER_SUBJECT):
        if total > CROSS_CLAIMS_PER_SUBJECT:
            log.warning("cross-article grouping for %s used the first %d of %d claims", subject, CROSS_CLAIMS_PER_SUBJECT, total)
        yield find_cross_conflicts(claims, calendar=calendar)


def chart_series(store: Store, market: Market) -> dict:
    """The daily relative return around the streak most claims are about (empty if none)."""
    from datetime import date

    from .html_report import streak_chart_series

    ends = store.streak_ends("Russell 2000")
    if not ends:
        return {}
    return streak_chart_series(market, end=date.fromisoformat(max(set(ends), key=lambda e: (ends.count(e), e))))  # ties: the latest


# Why a cap: a folder can talk about hundreds of tickers; the page charts the most talked about.
SUBJECT_CHARTS = 6


def subject_charts(store: Store, market: Market) -> list[dict]:
    """A chart per subject with price data, most claims first, around the session most of its claims are about."""
    from datetime import date

    from .html_report import subject_chart_series
    from .prices import find_symbol

    by_symbol: dict[str, tuple[str, Counter]] = {}
    for subject, as_of, n in store.subject_dates():
        symbol = find_symbol(subject)
        if symbol and market.series(symbol):
            by_symbol.setdefault(symbol, (subject, Counter()))[1][as_of] += n
    ranked = sorted(by_symbol.items(), key=lambda kv: (-sum(kv[1][1].values()), kv[0]))[:SUBJECT_CHARTS]
    return [subject_chart_series(market, subject=subject, symbol=symbol, end=date.fromisoformat(dates.most_common(1)[0][0]))
            for symbol, (subject, dates) in ranked]


def write_claims(store: Store, path: Path) -> ClaimTally:
    tally = ClaimTally()
    with atomic_writer(path) as handle:
        for line, kind, verdict in store.iter_claim_exports():
            tally.add(line, kind, verdict)
            handle.write(line)
    return tally


def iter_files(settings: Settings) -> Iterator[Path]:
    if not settings.input_dir.exists():
        raise UsageError(f"input folder not found: {settings.input_dir}")
    yield from iter_input_files(settings.input_dir)


def require_input_files(settings: Settings) -> None:
    """Refuse a folder with no article file before the output folder is touched (an earlier audit stays)."""
    if next(iter_files(settings), None) is not None:
        return
    if settings.input_dir.is_file():
        raise NoInputError(f"not an article file: {settings.input_dir}: looked for {', '.join(SUFFIXES)}. "
                           f"Nothing was audited; {settings.out_dir} was left as it was")
    files = (p.name for p in settings.input_dir.rglob("*") if p.is_file()) if settings.input_dir.is_dir() else ()
    others = sorted(itertools.islice(files, 3))
    found = f"; it holds other files ({', '.join(others)})" if others else "; it is empty"
    raise NoInputError(f"no article files in {settings.input_dir}: looked for {', '.join(SUFFIXES)}{found}. "
                       f"Nothing was audited; {settings.out_dir} was left as it was")


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
    require_input_files(settings)
    prepare_out_dir(settings.out_dir)
    with RunLock(settings.out_dir):
        data = data_version(settings.prices_dir.parent)
        store = open_store(settings.out_dir / "audit.db")
        versions = run_versions(settings, data)
        run_id = store.start_run(versions)
        run, seen = RunContext(settings, store, version_key(versions), run_id, Counts()), set()
        jobs = iter_jobs(run, seen, progress)
        build = build_auditor
        if settings.llm is not None:
            # Why: LLM calls are cached through the parent's database connection; they stay in-process.
            build, settings = partial(build_auditor, store=store), settings.model_copy(update={"workers": 1})
        for results in batched(fan_out(audit_job, jobs, build=build, settings=settings), WRITE_BATCH):
            with store.writing():  # one commit per batch: the store holds all of its files or none
                for result in results:
                    save_result(result, run)
        store.forget_missing_sources(seen)
        records = export_outputs(store, settings.out_dir, run.counts, settings=settings)
        run.counts.claims, run.counts.contradicted = len(records), records.contradicted
        store.finish_run(run_id, "completed_with_problems" if run.counts.problems else "completed", run.counts.as_dict())
    return run.counts, records


