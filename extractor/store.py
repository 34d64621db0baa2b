"""The SQLite store (sqlite-utils stays in this module): schema, per-article atomic upserts."""

from __future__ import annotations

import fcntl
import hashlib
import itertools
import json
import sqlite3
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from .errors import StoreError
from .models import Article, Claim, ConflictGroup, FileProblem, Finding, Rejection, content_id
from .report import claim_record, render_jsonl_line


def import_sqlite_utils():
    """sqlite_utils, without the pandas it imports only to type pandas.Timestamp columns (never ours).

    Why: importing pandas cost about 0.3 s of every run, a re-run with nothing to do included.
    Where pandas is already loaded (an exchange calendar built this run), it is used as it is.
    """
    if "pandas" in sys.modules:
        import sqlite_utils
        return sqlite_utils
    sys.modules["pandas"] = None  # `import pandas` now raises ImportError
    try:
        import sqlite_utils
    finally:
        del sys.modules["pandas"]
    return sqlite_utils


sqlite_utils = import_sqlite_utils()
SCHEMA_VERSION = 1
CLAIM_COLUMNS = {name: int if name in ("start", "end", "time_start", "time_end") else str for name in Claim.model_fields}
ARTICLE_TABLES = ("claims", "rejections", "findings", "conflict_groups", "conflict_members", "llm_calls", "llm_proposals")  # rows keyed by article_id
# Why views: Datasette shows them as tables, each a question a reader asks first.
VIEWS = {
    "contradicted_with_reasons": (
        "SELECT c.article, c.start, c.quote, c.kind, c.subject, c.value, f.actual, f.difference, f.tolerance, "
        "f.arithmetic, f.[check], c.id AS claim_id, c.article_id FROM claims c JOIN findings f ON f.claim_id = c.id "
        "WHERE f.verdict = 'contradicted' ORDER BY c.article, c.start"),
    "unverifiable_with_reasons": (
        "SELECT c.article, c.start, c.quote, c.kind, c.subject, f.missing, c.id AS claim_id, c.article_id "
        "FROM claims c JOIN findings f ON f.claim_id = c.id WHERE f.verdict = 'unverifiable' ORDER BY c.article, c.start"),
    "conflicting_groups_with_members": (
        "SELECT g.scope, g.topic, g.reason, m.article, m.quote, m.value, g.id AS group_id, m.claim_id "
        "FROM conflict_groups g JOIN conflict_members m ON m.group_id = g.id WHERE g.status = 'conflicting' "
        "ORDER BY g.scope, g.topic, m.article, m.start"),
    "verdicts_by_article": (
        "SELECT c.article, COALESCE(f.verdict, 'unchecked') AS verdict, COUNT(*) AS claims FROM claims c "
        "LEFT JOIN findings f ON f.claim_id = c.id GROUP BY c.article, verdict ORDER BY c.article, verdict"),
}


def to_row(model) -> dict:
    """A pydantic model as a flat SQLite row (nested values as JSON text)."""
    row = model.model_dump(mode="json")
    return {k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in row.items()}


class Store:
    """One audit database. Writes for one article happen in one transaction."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.ensure_schema()
        self.columns: dict[str, set[str]] = {}  # known columns per table: asking SQLite per article is slow
        self.depth = 0  # nesting of `writing` blocks

    def ensure_schema(self) -> None:
        db = self.db
        db.execute("PRAGMA journal_mode=WAL") if db.conn.execute("PRAGMA database_list").fetchone()[2] else None
        # Why NORMAL: in WAL mode each commit stays atomic and survives a crash of the process;
        # only an OS crash can lose the last commits, which a re-run then redoes.
        db.execute("PRAGMA synchronous=NORMAL")
        db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
        db["sources"].create({"path": str, "file_hash": str, "version_key": str, "article_ids": str, "status": str}, pk="path", if_not_exists=True)
        db["articles"].create({"id": str, "path": str, "format": str, "published": str, "published_basis": str, "as_of": str,
                               "title": str, "url": str, "published_quote": str, "boilerplate": str, "text": str}, pk="id", if_not_exists=True)
        db["claims"].create({"id": str, "article_id": str, "article": str, "kind": str, "start": int, "end": int, "quote": str,
                             "export": str}, pk="id", if_not_exists=True, foreign_keys=[("article_id", "articles", "id")])
        # Why every column now: the export's queries name them, and a run that stored no claim must still export.
        known = set(db["claims"].columns_dict)
        for name, kind in CLAIM_COLUMNS.items():
            if name not in known:
                db["claims"].add_column(name, kind)
        db["rejections"].create({"id": str, "article_id": str, "article": str, "reason": str}, pk="id", if_not_exists=True,
                                foreign_keys=[("article_id", "articles", "id")])
        db["findings"].create({"claim_id": str, "article_id": str, "verdict": str, "check": str, "actual": str, "difference": str,
                               "tolerance": str, "arithmetic": str, "rows": str, "readings": str, "missing": str},
                              pk="claim_id", if_not_exists=True,
                              foreign_keys=[("claim_id", "claims", "id"), ("article_id", "articles", "id")])
        db["file_problems"].create({"path": str, "reason": str, "error": str, "run_id": str}, pk="path", if_not_exists=True)
        db["runs"].create({"id": str, "started": str, "finished": str, "status": str, "versions": str, "counts": str}, pk="id", if_not_exists=True)
        # Why article_id and seq: groups inside one article are stored with it (article_id, in
        # their order); cross-article groups (article_id NULL) are replaced by every export.
        db["conflict_groups"].create({"id": str, "status": str, "scope": str, "topic": str, "reason": str, "members": str,
                                      "article_id": str, "seq": int}, pk="id", if_not_exists=True,
                                     foreign_keys=[("article_id", "articles", "id")])
        # One row per member, so that Datasette links a group to its claims (members is also kept as JSON).
        db["conflict_members"].create({"group_id": str, "claim_id": str, "article": str, "start": int, "end": int,
                                       "quote": str, "value": str, "article_id": str}, pk=("group_id", "claim_id"),
                                      if_not_exists=True,
                                      foreign_keys=[("group_id", "conflict_groups", "id"), ("claim_id", "claims", "id")])
        db["llm_usage"].create({"article_id": str, "calls": int, "cache_hits": int, "failed_calls": int, "prompt_tokens": int,
                                "completion_tokens": int}, pk="article_id", if_not_exists=True)
        # Every LLM call (cached or not) and every proposal with its outcome, per article.
        db["llm_calls"].create({"article_id": str, "key": str, "model": str, "prompt_version": str, "start": int, "end": int,
                                "sentences": int, "cached": int, "prompt_tokens": int, "completion_tokens": int,
                                "finish_reason": str, "error": str, "routed_because": str}, pk=("article_id", "key"), if_not_exists=True)
        db["llm_proposals"].create({"article_id": str, "seq": int, "model": str, "prompt_version": str, "start": int, "end": int,
                                    "quote": str, "outcome": str, "kind": str, "value": str, "subject": str, "reason": str},
                                   pk=("article_id", "seq"), if_not_exists=True)
        db["llm_cache"].create({"key": str, "response": str, "prompt_tokens": int, "completion_tokens": int, "created": str}, pk="key", if_not_exists=True)
        for name, sql in VIEWS.items():
            db.create_view(name, sql, replace=True)
        for table, column in (("claims", "article_id"), ("rejections", "article_id"), ("findings", "article_id"),
                              ("conflict_groups", "article_id"), ("conflict_members", "article_id"), ("conflict_members", "claim_id")):
            db[table].create_index([column], if_not_exists=True)
        # Why: the export reads claims in this order, and subject by subject (no sort, no full scans).
        db["claims"].create_index(["article", "start", "end", "kind", "id"], if_not_exists=True)
        db["claims"].create_index(["subject", "article", "start", "end", "kind", "id"], if_not_exists=True)
        db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")

    # ------------------------------------------------------------ sources (incremental runs)

    def source_unchanged(self, path: str, file_hash: str, version_key: str) -> bool:
        row = next(self.db["sources"].rows_where("path = ?", [path]), None)
        # Why only "ok": a file with a problem (a duplicate) is looked at again, so it is reported every run.
        return bool(row and row["status"] == "ok" and row["file_hash"] == file_hash and row["version_key"] == version_key)

    def article_with_hash(self, article_id: str) -> str | None:
        """The path of an already stored article with this content id, if any."""
        row = next(self.db["articles"].rows_where("id = ?", [article_id], select="path"), None)
        return row["path"] if row else None

    def sources_fingerprint(self) -> str:
        """A hash of the sources table: every stored row derives from it, so equal means unchanged."""
        digest = hashlib.sha256()
        for row in self.db.conn.execute("SELECT path, file_hash, version_key, article_ids, status FROM sources ORDER BY path"):
            digest.update(json.dumps(row).encode())
        return digest.hexdigest()

    def get_meta(self, key: str) -> str | None:
        row = self.db.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, values: dict[str, str]) -> None:
        with self.writing():
            self.db.conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(values.items()))

    # ------------------------------------------------------------ writes

    def save_article(self, article: Article, claims: list[Claim], rejections: list[Rejection], findings: list[Finding],
                     conflicts: list[ConflictGroup] = ()) -> None:
        """Replace everything stored for this article, atomically (all rows built before any write)."""
        self.save_rows(article_rows(article, claims, rejections, findings, conflicts))

    def save_rows(self, rows: ArticleRows, *, is_new: bool = False) -> None:
        """Replace everything stored for one article with these rows, in one transaction.

        is_new: the articles table has no row with this id, so neither has any other table
        (an article's rows are only ever written and deleted together): nothing to delete.
        """
        for table, batch in rows.tables.items():
            self.add_columns(table, batch)
        with self.writing():
            for table in () if is_new else ARTICLE_TABLES:
                self.db.conn.execute(f"DELETE FROM [{table}] WHERE article_id = ?", [rows.article_id])
            for table, batch in rows.tables.items():
                self.insert_rows(table, batch)

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One transaction: committed when the outermost `writing` block ends, rolled back on error.

        Nested blocks join the outer one, so a caller can write a batch of articles at once: the
        database then holds all of them or none (never half an article).
        """
        self.depth += 1
        try:
            if self.depth > 1:
                yield
            else:
                with self.db.conn:
                    yield
        finally:
            self.depth -= 1

    def add_columns(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        known = self.columns.get(table) or self.columns.setdefault(table, set(self.db[table].columns_dict))
        missing = {k: type(v) if v is not None else str for k, v in rows[0].items() if k not in known}
        for name, kind in missing.items():
            self.db[table].add_column(name, kind if kind in (int, float, str) else str)
            known.add(name)

    def insert_rows(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        columns = list(rows[0])
        sql = f"INSERT OR REPLACE INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' for _ in columns)})"
        self.db.conn.executemany(sql, [[r.get(c) for c in columns] for r in rows])

    def save_source(self, path: str, file_hash: str, version_key: str, article_ids: list[str], status: str) -> None:
        with self.writing():
            self.db.execute("INSERT OR REPLACE INTO sources (path, file_hash, version_key, article_ids, status) VALUES (?, ?, ?, ?, ?)",
                            [path, file_hash, version_key, json.dumps(article_ids), status])
            if status == "ok":
                self.db.execute("DELETE FROM file_problems WHERE path = ? OR path LIKE ?", [path, path + "#%"])

    def save_problem(self, problem: FileProblem, run_id: str) -> None:
        rows = [{**to_row(problem), "run_id": run_id}]
        self.add_columns("file_problems", rows)
        with self.writing():
            self.insert_rows("file_problems", rows)

    def clear_cross_conflicts(self) -> None:
        """Forget the cross-article groups (the export finds them again)."""
        with self.writing():
            self.db.conn.execute("DELETE FROM conflict_groups WHERE article_id IS NULL")
            self.db.conn.execute("DELETE FROM conflict_members WHERE article_id IS NULL")

    def save_cross_conflicts(self, groups: list[ConflictGroup]) -> None:
        rows = [to_row(g) for g in groups]
        self.add_columns("conflict_groups", rows)
        with self.writing():
            self.insert_rows("conflict_groups", rows)
            self.insert_rows("conflict_members", member_rows(groups, None))

    def source_articles(self, path: str) -> list[str]:
        """The ids of the articles last stored from this file."""
        row = self.db.conn.execute("SELECT article_ids FROM sources WHERE path = ?", [path]).fetchone()
        return json.loads(row[0] or "[]") if row else []

    def forget_articles(self, article_ids: list[str]) -> None:
        """Delete these articles and every row derived from them (one transaction)."""
        with self.writing():
            self._delete_articles(article_ids)

    def _delete_articles(self, article_ids: list[str]) -> None:
        for article_id in article_ids:
            for table in ARTICLE_TABLES:
                self.db.execute(f"DELETE FROM [{table}] WHERE article_id = ?", [article_id])
            self.db.execute("DELETE FROM articles WHERE id = ?", [article_id])

    def forget_missing_sources(self, seen: set[str]) -> None:
        """Articles whose files are gone from the input folder leave the database too."""
        gone = [r for r in self.db["sources"].rows if r["path"] not in seen]
        with self.writing():
            for row in gone:
                self._delete_articles(json.loads(row["article_ids"] or "[]"))
                self.db.execute("DELETE FROM sources WHERE path = ?", [row["path"]])
            for row in self.db["file_problems"].rows:
                if row["path"] not in seen:
                    self.db.execute("DELETE FROM file_problems WHERE path = ?", [row["path"]])

    def start_run(self, versions: dict) -> str:
        """A new runs row; rows a killed run left 'running' become 'interrupted' (we hold the lock)."""
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.db.conn:
            self.db.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        run_id = uuid.uuid4().hex[:16]  # two runs can start in the same second of the same process
        self.db["runs"].insert({"id": run_id, "started": started, "finished": None, "status": "running",
                                "versions": json.dumps(versions), "counts": "{}"}, pk="id")
        return run_id

    def finish_run(self, run_id: str, status: str, counts: dict) -> None:
        finished = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self.db["runs"].update(run_id, {"finished": finished, "status": status, "counts": json.dumps(counts)})

    # ------------------------------------------------------------ reads

    def iter_claim_exports(self) -> Iterator[tuple[str, str, str]]:
        """(claims.jsonl line, kind, verdict) of every claim, in export order."""
        yield from self.db.conn.execute(
            "SELECT c.export, c.kind, COALESCE(f.verdict, c.verdict, 'unchecked') FROM claims c "
            "LEFT JOIN findings f ON f.claim_id = c.id ORDER BY c.article, c.start, c.[end], c.kind, c.id"
        )

    def load_claims(self, article_ids: set[str]) -> list[Claim]:
        """The stored claims of the given articles, as models."""
        where, params = in_clause("article_id", article_ids)
        rows = self.db.query(f"SELECT {self.claim_columns()} FROM claims WHERE {where} ORDER BY article, start, [end], kind, id", params)
        return [as_claim(r) for r in rows]

    def claim_columns(self) -> str:
        """The claims columns a Claim is made of (not the stored export line: it is large)."""
        return ", ".join(f"[{c}]" for c in self.db["claims"].columns_dict if c in Claim.model_fields)

    def article_ids(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT id FROM articles")}

    def load_conflict_groups(self) -> list[ConflictGroup]:
        """Every stored group: inside articles (by article id, in their order), then across them (by id)."""
        rows = self.db.query("SELECT * FROM conflict_groups ORDER BY article_id IS NULL, article_id, seq, id")
        return [as_group(row) for row in rows]

    def iter_article_conflicts(self) -> Iterator[list[ConflictGroup]]:
        """The stored groups inside each article, one article at a time (by article id)."""
        rows = self.db.query("SELECT * FROM conflict_groups WHERE article_id IS NOT NULL ORDER BY article_id, seq")
        for _, group in itertools.groupby(rows, key=lambda r: r["article_id"]):
            yield [as_group(r) for r in group]

    def iter_claims_by_subject(self, *, limit: int) -> Iterator[tuple[str, int, list[Claim]]]:
        """(subject, how many claims it has, the first `limit` of them by article) for each subject."""
        subjects = self.db.execute("SELECT subject, COUNT(*) FROM claims WHERE subject IS NOT NULL GROUP BY subject ORDER BY subject").fetchall()
        for subject, total in subjects:
            rows = self.db.query(f"SELECT {self.claim_columns()} FROM claims WHERE subject = ? ORDER BY article, start, [end], kind, id LIMIT ?",
                                 [subject, limit])
            yield subject, total, [as_claim(r) for r in rows]

    def subject_dates(self) -> list[tuple[str, str, int]]:
        """(subject, as_of, how many claims) for every dated claim about a subject."""
        return self.db.execute("SELECT subject, as_of, COUNT(*) FROM claims WHERE subject IS NOT NULL AND as_of IS NOT NULL "
                               "GROUP BY subject, as_of ORDER BY subject, as_of").fetchall()

    def streak_ends(self, subject: str) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT as_of FROM claims WHERE kind = 'streak_length' AND subject = ? AND as_of IS NOT NULL", [subject]).fetchall()]

    def load_findings(self, article_ids: set[str]) -> dict[str, Finding]:
        """The stored findings of the given articles, by claim id."""
        fields = set(Finding.model_fields)
        where, params = in_clause("article_id", article_ids)
        out = {}
        for row in self.db.query(f"SELECT * FROM findings WHERE {where}", params):
            data = {k: json.loads(v) if k in ("rows", "readings") and v else v for k, v in row.items() if k in fields and v is not None}
            out[row["claim_id"]] = Finding.model_validate(data)
        return out

    def load_articles(self, *, limit: int) -> list[Article]:
        """Stored articles, those with contradicted claims first, at most `limit` of them."""
        sql = ("SELECT a.* FROM articles a ORDER BY (SELECT COUNT(*) FROM findings f WHERE f.article_id = a.id "
               "AND f.verdict IN ('contradicted', 'ambiguous')) > 0 DESC, a.path LIMIT ?")
        fields = set(Article.model_fields)
        return [Article.model_validate({k: json.loads(v) if k == "boilerplate" else v for k, v in row.items() if k in fields and v is not None})
                for row in self.db.query(sql, [limit])]

    def llm_totals(self) -> dict:
        row = self.db.execute("SELECT COUNT(*), SUM(calls), SUM(cache_hits), SUM(prompt_tokens), SUM(completion_tokens) FROM llm_usage").fetchone()
        if not row[0]:
            return {}
        return {"llm_articles": row[0], "llm_calls": row[1] or 0, "llm_cache_hits": row[2] or 0,
                "llm_prompt_tokens": row[3] or 0, "llm_completion_tokens": row[4] or 0}

    def rows(self, table: str, order_by: str | None = None) -> list[dict]:
        return list(self.db[table].rows_where(order_by=order_by))

    def count(self, table: str) -> int:
        return self.db[table].count


class SQLiteLLMCache:
    """The LLM response cache in the audit database (or a shared file): a re-run makes no new calls."""

    def __init__(self, store: Store):
        self.db = store.db
        store.db["llm_cache"].create({"key": str, "response": str, "prompt_tokens": int, "completion_tokens": int, "created": str},
                                     pk="key", if_not_exists=True)
        self.lock = threading.Lock()  # the LLM client may call from its worker threads

    def get(self, key: str) -> str | None:
        with self.lock:
            row = self.db.conn.execute("SELECT response FROM llm_cache WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def put(self, key: str, response_json: str, prompt_tokens: int, completion_tokens: int) -> None:
        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.lock, self.db.conn:
            self.db.conn.execute(
                "INSERT OR REPLACE INTO llm_cache (key, response, prompt_tokens, completion_tokens, created) VALUES (?, ?, ?, ?, ?)",
                [key, response_json, prompt_tokens, completion_tokens, created],
            )


@dataclass(frozen=True)
class ArticleRows:
    """One article as store rows by table, built where it was audited (plain data: cheap to send)."""

    article_id: str
    path: str
    tables: dict[str, list[dict]]


def article_rows(article: Article, claims: list[Claim], rejections: list[Rejection], findings: list[Finding],
                 conflicts: list[ConflictGroup] = (), usage: dict | None = None) -> ArticleRows:
    """The rows that store one audited article (every row is built before any is written)."""
    by_claim = {c.id: c.article_id for c in claims}
    finding_rows = [{**to_row(f), "article_id": by_claim.get(f.claim_id)} for f in findings]
    tables = {
        "articles": [to_row(article)],
        "claims": with_exports([to_row(c) for c in claims], finding_rows),
        "rejections": [{**to_row(r), "id": rejection_id(r)} for r in rejections],
        "findings": finding_rows,
        "conflict_groups": [{**to_row(g), "article_id": article.id, "seq": n} for n, g in enumerate(conflicts)],
        "conflict_members": member_rows(conflicts, article.id),
        "llm_usage": [{"article_id": article.id, **usage}] if usage is not None else [],
    }
    return ArticleRows(article_id=article.id, path=article.path, tables=tables)


def member_rows(groups, article_id: str | None) -> list[dict]:
    """One row per conflict-group member; article_id is the article that owns the group (None: across articles)."""
    return [{"group_id": g.id, "claim_id": m.claim_id, "article": m.article, "start": m.start, "end": m.end, "quote": m.quote,
             "value": None if m.value is None else str(m.value), "article_id": article_id} for g in groups for m in g.members]


def with_exports(claim_rows: list[dict], finding_rows: list[dict]) -> list[dict]:
    """Claim rows with their claims.jsonl line ("export"), rendered where the claim was made.

    Why stored: the export then streams lines instead of rebuilding every record at the end of a
    run, in the one process that cannot run in parallel.
    """
    findings = {f["claim_id"]: f for f in finding_rows}
    for row in claim_rows:
        finding = findings.get(row["id"], {})
        row["export"] = render_jsonl_line(claim_record({**row, "f_verdict": finding.get("verdict"), "f_actual": finding.get("actual")}))
    return claim_rows


def in_clause(column: str, values: set[str]) -> tuple[str, list[str]]:
    """'column IN (SELECT value FROM json_each(?))' and its one parameter (any number of values)."""
    return f"[{column}] IN (SELECT value FROM json_each(?))", [json.dumps(sorted(values))]


def as_claim(row: dict) -> Claim:
    fields = Claim.model_fields
    return Claim.model_validate({k: claim_value(k, v, row) for k, v in row.items() if k in fields and v is not None})


def as_group(row: dict) -> ConflictGroup:
    fields = ConflictGroup.model_fields
    return ConflictGroup.model_validate({k: json.loads(v) if k == "members" else v for k, v in row.items() if k in fields})


def claim_value(key: str, value, row: dict):
    """SQLite keeps figures as text; a figure is a Decimal again unless the claim is a ticker."""
    if key == "value" and row.get("unit") != "ticker":
        return Decimal(value)
    if key == "time_readings" and isinstance(value, str):
        return json.loads(value)
    return value


def rejection_id(r: Rejection) -> str:
    return content_id(r.article_id, r.start, r.end, r.extractor, r.reason)


class RunLock:
    """An exclusive lock on the output folder: a second run refuses instead of corrupting."""

    def __init__(self, out_dir: Path):
        self.path = out_dir / ".audit.lock"
        self.handle = None

    def __enter__(self) -> RunLock:
        self.handle = open(self.path, "w")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            self.handle.close()
            raise StoreError(f"another audit is running on {self.path.parent} (lock {self.path}); wait for it to finish") from exc
        return self

    def __exit__(self, *exc) -> None:
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


def open_store(path: Path | None) -> Store:
    """The store at path (created if missing), or an in-memory store when path is None."""
    try:
        conn = sqlite3.connect(":memory:" if path is None else str(path), check_same_thread=False)
        db = sqlite_utils.Database(conn)
        return Store(db)
    except Exception as exc:  # sqlite3 raises several unrelated types for a bad file
        raise StoreError(f"cannot open database {path}: {exc}") from exc
