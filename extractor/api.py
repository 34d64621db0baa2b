"""The library API: audit a folder, or one text with its publication date, and get our models back.

The command line is a thin layer over these two functions (the sqlite-utils / llm pattern):

    from datetime import date
    from extractor import audit_folder, audit_text

    one = audit_text("The Russell 2000 closed at 2,718.77 on January 22, 2026.", published=date(2026, 1, 22))
    folder = audit_folder("corpus/articles", out="out")
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from .documents import MAX_ARTICLE_CHARS, MAX_ARTICLE_FIGURES, build_article, check_length, iter_input_files
from .models import Article, Claim, ConflictGroup, FileProblem, Finding
from .pipeline import ArticleAudit, Auditor, Counts, audit_capped, build_auditor, run_audit
from .settings import SHIPPED_ARTICLES, SHIPPED_DATA, LLMSettings, Settings
from .store import Store, open_store

__all__ = ["ArticleAudit", "FolderAudit", "audit_folder", "audit_text", "count_input_files", "make_settings"]


def make_settings(path: str | Path | None = None, *, out: str | Path = "out", prices: str | Path | None = None,
                  reference: str | Path | None = None, workers: int = 1, llm: LLMSettings | None = None,
                  cache_dir: str | Path | None = None) -> Settings:
    """The one Settings object of a run; None means the shipped corpus and data (and no cache)."""
    data = Path(prices) if prices else SHIPPED_DATA
    return Settings(input_dir=Path(path) if path else SHIPPED_ARTICLES, out_dir=Path(out),
                    prices_dir=data / "prices", rates_dir=data / "rates",
                    reference_dir=Path(reference) if reference else SHIPPED_DATA / "reference",
                    workers=workers, llm=llm, cache_dir=Path(cache_dir) if cache_dir else None)


@dataclass(frozen=True)
class FolderAudit:
    """A finished folder audit: this run's counts and problems; everything else is read from out/audit.db."""

    settings: Settings
    counts: Counts

    @property
    def out_dir(self) -> Path:
        return self.settings.out_dir

    @property
    def problems(self) -> list[FileProblem]:
        """The files this run could not audit (or audited only in part), with their reasons."""
        return self.counts.problems

    def articles(self) -> list[Article]:
        """Every audited article, sorted by path."""
        with self._store() as store:
            return sorted(store.load_articles(limit=-1), key=lambda a: a.path)

    def claims(self) -> list[Claim]:
        """Every claim, in claims.jsonl order (article, start, end, kind)."""
        with self._store() as store:
            return store.load_claims(store.article_ids())

    def findings(self) -> dict[str, Finding]:
        """The finding of each claim, by claim id."""
        with self._store() as store:
            return store.load_findings(store.article_ids())

    def conflict_groups(self) -> list[ConflictGroup]:
        """Groups inside articles, then across them (the order of conflicts.jsonl)."""
        with self._store() as store:
            return store.load_conflict_groups()

    @contextmanager
    def _store(self) -> Iterator[Store]:
        store = open_store(self.settings.out_dir / "audit.db")
        try:
            yield store
        finally:
            store.db.conn.close()


def audit_folder(path: str | Path | None = None, *, out: str | Path = "out", prices: str | Path | None = None,
                 reference: str | Path | None = None, workers: int = 1, llm: LLMSettings | None = None,
                 progress: Callable[[str], None] | None = None, cache_dir: str | Path | None = None) -> FolderAudit:
    """Audit every article under path into out/ (audit.db, claims.jsonl, report.html …).

    prices: a data folder with prices/ and rates/ (default: the shipped copy); progress is
    called with each file's relative path; cache_dir keeps the parsed data between runs. Raises ExtractorError subclasses (UsageError,
    DataError, StoreError) for a run that cannot be made; a bad file is a problem, not an error.
    """
    settings = make_settings(path, out=out, prices=prices, reference=reference, workers=workers, llm=llm, cache_dir=cache_dir)
    counts, _ = run_audit(settings, progress=progress)
    return FolderAudit(settings=settings, counts=counts)


def count_input_files(path: str | Path | None = None) -> int:
    """How many article files a folder audit will list (a progress bar's total)."""
    folder = Path(path) if path else SHIPPED_ARTICLES
    return sum(1 for _ in iter_input_files(folder)) if folder.exists() else 0


def audit_text(text: str, *, published: date | None = None, name: str = "text.txt",
               prices: str | Path | None = None, reference: str | Path | None = None) -> ArticleAudit:
    """Audit one text: its claims, rejected candidates, findings and internal conflict groups.

    published: the publication date (else found in the text, as for a file); name: the path
    the claims carry. Nothing is written. A text over the per-article figure limit is audited
    up to the limit: ArticleAudit.article.text is then the part that was audited, and
    ArticleAudit.notes says what else was cut short.
    """
    auditor = shared_auditor(make_settings(prices=prices, reference=reference))
    article = build_article(name, "txt", check_length(text, MAX_ARTICLE_CHARS), published=published)
    return audit_capped(auditor, article, MAX_ARTICLE_FIGURES)[0]


@lru_cache(maxsize=2)
def shared_auditor(settings: Settings) -> Auditor:
    """One auditor per data folder (building one loads spaCy and the price data: seconds)."""
    return build_auditor(settings)
