"""A corpus of bad and odd files beside the good seeds: each is processed or reported, never a crash."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import EXIT_PROBLEMS, EXIT_USAGE, main
from extractor.documents import build_article
from extractor.normalize import normalize_candidate
from extractor.pipeline import run_audit
from extractor.settings import Settings

from .conftest import ROOT

SAMPLES = Path(__file__).parent / "bad_inputs"
VANISHING = "zz_vanishing.txt"
GOOD_LINE = "The Russell 2000 closed at 2,718.77 on January 22, 2026.\n"

REPORTED = [
    # (file, reason it is not audited: in the run's problems, file_problems and summary.md)
    ("empty.txt", "empty file"),
    ("blank.md", "empty file"),
    ("binary.txt", "binary data (NUL bytes)"),
    ("nul_inside.txt", "binary data (NUL bytes)"),
    ("control_chars.txt", "binary data (control characters)"),
    ("huge.txt", "file too large: 26,214,400 bytes > limit 20,000,000"),
    ("invalid.json", "invalid JSON: Unterminated string"),
    ("not_a_record.json", 'not an article record: expected an object with a "text" or "html" string'),
    ("list.json", "not an article record"),
    ("x.txt", "is a directory, not a file"),
    ("loop.txt", "symlink loop"),
    ("dangling.txt", "dangling symlink: target nowhere.txt does not exist"),
    ("duplicate.txt", "duplicate of 001_9a2fc43c5dbd1516.txt: audited once"),
    ("empty_page.html", "HTML page has no extractable article text"),
    (VANISHING, "file disappeared before it could be read"),
]

PROCESSED = [
    # (file, a quote it must yield, that claim's value)
    ("cp1252_quotes.txt", "2,718.77", Decimal("2718.77")),
    ("broken.html", "2,718.77", Decimal("2718.77")),
    ("utf16.txt", "2,718.77", Decimal("2718.77")),
    ("odd_digits.txt", "４５ basis points", Decimal("45")),
]


def write_generated(src: Path) -> None:
    """The big, binary and odd files are made at test time, not committed."""
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.md").write_text(" \n\t\n")
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (src / "nul_inside.txt").write_bytes(GOOD_LINE.encode() + b"\x00" + GOOD_LINE.encode())
    (src / "control_chars.txt").write_bytes(bytes(range(1, 9)) * 50 + GOOD_LINE.encode())
    (src / "huge.txt").write_bytes(b"x" * (25 * 1024 * 1024))
    (src / "list.json").write_text("[1, 2, 3]")
    (src / "empty_page.html").write_text("<html><body><script>var price = 2718.77;</script></body></html>")
    (src / "utf16.txt").write_bytes(GOOD_LINE.encode("utf-16"))
    (src / "x.txt").mkdir()
    (src / "loop.txt").symlink_to("loop.txt")
    (src / "dangling.txt").symlink_to("nowhere.txt")
    shutil.copy(next(src.glob("001_*.txt")), src / "duplicate.txt")
    (src / VANISHING).write_text(GOOD_LINE)


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory, seed_dir) -> Path:
    src = tmp_path_factory.mktemp("bad") / "in"
    shutil.copytree(seed_dir, src)
    for sample in SAMPLES.iterdir():
        shutil.copy(sample, src / sample.name)
    write_generated(src)
    return src


@pytest.fixture(scope="module")
def bad_run(bad_corpus, tmp_path_factory):
    """One library run; the progress callback deletes a listed file before it is read."""
    out = tmp_path_factory.mktemp("bad_out")

    def delete_vanishing(path: str) -> None:
        (bad_corpus / VANISHING).unlink(missing_ok=True)

    counts, records = run_audit(Settings(input_dir=bad_corpus, out_dir=out), progress=delete_vanishing)
    return out, counts, records


@pytest.fixture(scope="module")
def clean_records(seed_dir, tmp_path_factory):
    return run_audit(Settings(input_dir=seed_dir, out_dir=tmp_path_factory.mktemp("clean")))[1]


def db_rows(out: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(out / "audit.db") as conn:
        return conn.execute(sql).fetchall()


@pytest.mark.parametrize(("name", "reason"), REPORTED)
def test_bad_file_is_reported_with_its_reason(bad_run, name, reason):
    out, counts, _ = bad_run
    assert reason in {p.path: p.reason for p in counts.problems}[name]
    assert reason in dict(db_rows(out, "SELECT path, reason FROM file_problems"))[name]
    assert f"- {name}: " in (out / "summary.md").read_text() and reason in (out / "summary.md").read_text()


def test_nothing_else_is_reported(bad_run):
    _, counts, _ = bad_run
    assert sorted(p.path for p in counts.problems) == sorted(name for name, _ in REPORTED)


@pytest.mark.parametrize(("name", "quote", "value"), PROCESSED)
def test_odd_file_is_processed_with_grounded_claims(bad_run, name, quote, value):
    out, _, records = bad_run
    text = db_rows(out, f"SELECT text FROM articles WHERE path = '{name}'")[0][0]
    mine = [r for r in records if r["article"] == name]
    assert any(quote in r["quote"] and Decimal(str(r["value"])) == value for r in mine), mine
    assert all(text[r["start"]:r["end"]] == r["quote"] for r in mine)


def test_zero_width_space_inside_a_number_never_yields_a_part_of_it(bad_run):
    _, _, records = bad_run
    values = {Decimal(str(r["value"])) for r in records if r["article"] == "odd_digits.txt"}
    assert values <= {Decimal("2718.77"), Decimal("45")}, values


def test_good_articles_beside_bad_ones_are_fully_processed(bad_run, clean_records, seed_dir):
    _, _, records = bad_run
    seeds = {p.name for p in seed_dir.iterdir()}
    assert [r for r in records if r["article"] in seeds] == clean_records


def test_cli_completes_with_problems_and_no_traceback(bad_corpus, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "extractor.cli", "audit", str(bad_corpus), "--out", str(tmp_path)],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    for name, reason in REPORTED:
        if name != VANISHING:  # already gone: deleted during the library run
            assert f"- {name}: {reason}" in result.stdout or (name in result.stdout and reason in result.stdout)


# ------------------------------------------------------------------ no input, bad output folder

def audit_cli(*args: str):
    return CliRunner().invoke(main, ["audit", *map(str, args)])


def no_traceback(result) -> bool:
    return result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("files", [(), ("report.pdf",)], ids=["empty folder", "only a .pdf"])
def test_a_folder_without_articles_is_refused_and_leaves_an_earlier_audit(tmp_path, files):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in files:
        (src / name).write_bytes(b"%PDF-1.4")
    fresh = audit_cli(src, "--out", tmp_path / "fresh")
    assert fresh.exit_code == EXIT_USAGE and no_traceback(fresh), fresh.output
    assert f"no article files in {src}" in fresh.output
    assert audit_cli("--out", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    again = audit_cli(src, "--out", out)
    assert again.exit_code == EXIT_USAGE and f"{out} was left as it was" in again.output
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_a_single_unsupported_file_is_refused(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    result = audit_cli(tmp_path / "report.pdf", "--out", tmp_path / "out")
    assert result.exit_code == EXIT_USAGE and no_traceback(result), result.output  # was KeyError: '.pdf'
    assert f"not an article file: {tmp_path / 'report.pdf'}" in result.output


def test_a_folder_of_only_bad_files_completes_with_problems(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = audit_cli(tmp_path / "in", "--out", tmp_path / "out")
    assert result.exit_code == EXIT_PROBLEMS and no_traceback(result), result.output
    assert "- empty.txt: empty file" in result.output


def immutable_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "immutable"
    folder.mkdir()
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
        pytest.skip("chattr +i is not available here (needs root)")
    return folder


def read_only_mount(tmp_path: Path) -> Path:
    folder = tmp_path / "ro"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)], capture_output=True).returncode:
        pytest.skip("cannot mount a read-only file system here (needs root)")
    return folder


def existing_file(tmp_path: Path) -> Path:
    (tmp_path / "a_file").write_text("not a folder")
    return tmp_path / "a_file"


BAD_OUT = [
    # (how to make the --out path, the reason the error gives)
    (lambda tmp: Path("/proc/extractor-out"), "no such folder, and it cannot be created here"),
    (existing_file, "a file is in the way (it is not a folder)"),
    (lambda tmp: existing_file(tmp) / "sub", "a file is in the way (it is not a folder)"),
    (immutable_folder, "operation not permitted"),
    (lambda tmp: read_only_mount(tmp) / "out", "read-only file system"),
    (read_only_mount, "read-only file system"),
]


@pytest.mark.parametrize(("make", "reason"), BAD_OUT,
                         ids=["under /proc", "an existing file", "under a file", "immutable folder", "read-only fs", "read-only fs root"])
def test_a_bad_output_folder_is_one_line_with_the_reason(tmp_path, make, reason):
    out = make(tmp_path)
    try:
        result = audit_cli("--out", out)
    finally:
        subprocess.run(["chattr", "-i", str(tmp_path / "immutable")], capture_output=True)
        subprocess.run(["umount", str(tmp_path / "ro")], capture_output=True)
    assert result.exit_code == EXIT_USAGE and no_traceback(result), result.output
    assert result.output == f"error: cannot write to output folder {out}: {reason}" + result.output.split(reason, 1)[1]
    assert len(result.output.strip().splitlines()) == 1


# ------------------------------------------------------------------ bad price data (--prices)

GOOD_BAR = "2026-01-20,2636.84,2670.32,2632.36,2645.36,"
BAD_PRICES = [
    # (the 2026-01-20 row of RUT.csv, the error; the shipped row is GOOD_BAR)
    ("2026-01-20,2636.84,2670.32,2632.36,NaN,", "line 9664: close is not a finite number: 'NaN'"),
    ("2026-01-20,2636.84,2670.32,2632.36,inf,", "line 9664: close is not a finite number: 'inf'"),
    ("2026-01-20,2636.84,Infinity,2632.36,2645.36,", "line 9664: high is not a finite number: 'Infinity'"),
    ("2026-01-20,2636.84,2670.32,2632.36,0,", "line 9664 (2026-01-20): close 0 must be positive"),
    ("2026-01-20,2636.84,2670.32,2632.36,-2645.36,", "line 9664 (2026-01-20): close -2645.36 must be positive"),
    ("2026-01-20,2636.84,2670.32,2632.36,,", "line 9664: the close is blank between two closes"),
    ("2026-01-20,2636.84,2670.32,2632.36,2800,", "line 9664 (2026-01-20): close 2800 is above the high 2670.32"),
    ("2026-01-20,2636.84,2600,2632.36,2645.36,", "line 9664 (2026-01-20): open 2636.84 is above the high 2600"),
    ("2026-01-20,2636.84,2670.32,2632.36,2645.36,-5", "line 9664 (2026-01-20): volume -5 must not be negative"),
    ("2026-01-22,2636.84,2670.32,2632.36,2645.36,", "line 9665: duplicate date 2026-01-21"),
    ("2026-01-02,2636.84,2670.32,2632.36,2645.36,", "line 9664: 2026-01-02 comes after 2026-01-16; rows must be sorted"),
]


@pytest.fixture(scope="module")
def shipped_rut() -> str:
    from extractor.settings import SHIPPED_DATA

    text = (SHIPPED_DATA / "prices" / "RUT.csv").read_text()
    assert text.splitlines()[9663] == GOOD_BAR
    return text


@pytest.mark.parametrize(("row", "error"), BAD_PRICES, ids=[e.split(": ", 1)[1][:30] for _, e in BAD_PRICES])
def test_bad_price_data_is_a_clear_error_not_a_verdict(tmp_path, shipped_rut, row, error):
    from extractor.settings import SHIPPED_DATA

    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    if row.startswith("2026-01-22"):  # a second 2026-01-21 row instead of 2026-01-20's
        row = shipped_rut.splitlines()[9664]
    (data / "prices" / "RUT.csv").write_text(shipped_rut.replace(GOOD_BAR, row))
    result = audit_cli("--prices", data, "--out", tmp_path / "out")
    assert result.exit_code == 1 and no_traceback(result), result.output
    assert result.output.startswith(f"error: {data / 'prices' / 'RUT.csv'} ") and error in result.output, result.output
    assert not (tmp_path / "out" / "claims.jsonl").exists()


@pytest.mark.parametrize(("value", "error"), [("NaN", "value is not a finite number: 'NaN'"), ("-inf", "value is not a finite number")])
def test_a_non_finite_rate_is_a_clear_error(tmp_path, value, error):
    from extractor.errors import DataError
    from extractor.prices import load_rate_series

    (tmp_path / "DFF.csv").write_text(f"date,value\n2026-01-02,3.64\n2026-01-05,{value}\n")
    with pytest.raises(DataError, match=f"DFF.csv line 3: {error}"):
        load_rate_series(tmp_path / "DFF.csv")


# ------------------------------------------------------------------ one file must not exhaust the machine

def test_an_article_over_the_figure_limit_is_audited_up_to_it_with_the_reason(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bps.txt").write_text("The Russell 2000 beat the S&P 500 by " + " ".join(f"{n} bps" for n in range(400)) + ".")
    counts, records = run_audit(Settings(input_dir=src, out_dir=tmp_path / "out", max_article_figures=60))
    (problem,) = counts.problems
    assert problem.path == "bps.txt" and problem.reason.startswith("too many figures: 402 > limit 60 per article; audited the first ")
    assert 0 < len(records) <= 60
    assert "- bps.txt: too many figures" in (tmp_path / "out" / "summary.md").read_text()
    text = db_rows(tmp_path / "out", "SELECT text FROM articles")[0][0]
    assert all(text[r["start"]:r["end"]] == r["quote"] for r in records)


def test_a_sentence_without_an_end_is_cut_so_claims_stay_small(rules):
    from extractor.nlp import MAX_SENTENCE_TOKENS

    text = "The Russell 2000 beat the S&P 500 by " + " ".join(f"{n} bps" for n in range(1000))
    doc = rules.nlp(text)
    assert max(len(s) for s in doc.sents) <= 2 * MAX_SENTENCE_TOKENS
    assert all(not s.text.startswith("bps") for s in doc.sents)  # never cut between a figure and its unit
    article = build_article("long.txt", "txt", text)
    sentences = {normalize_candidate(c, article).sentence for c in rules.extract(article)}
    assert max(len(s) for s in sentences) < 2_000  # it was the whole 9 KB text, once per claim


def test_many_claims_in_one_article_render_in_linear_time():
    from extractor.html_report import render_spans
    from extractor.models import Article, Claim

    text = " ".join(f"{n} bps" for n in range(20_000))
    article = Article(id="a", path="a.txt", format="txt", text=text)
    claims, at = [], 0
    for n in range(20_000):
        quote = f"{n} bps"
        claims.append(Claim(id=f"c{n}", article="a.txt", article_id="a", kind="spread", start=at, end=at + len(quote),
                            quote=quote, sentence=quote, extractor="test"))
        at += len(quote) + 1
    started = time.monotonic()
    html = render_spans(article, claims, {})
    assert time.monotonic() - started < 10  # the span-by-span scan took minutes
    assert html.count("<mark") == 20_000


def test_deeply_nested_parentheses_are_tokenized_in_linear_time(rules):
    text = "The Russell 2000 rose 2.5% on January 22, 2026. " + "(" * 10_000 + "2.5%" + ")" * 10_000
    started = time.monotonic()
    doc = rules.nlp(text)
    assert time.monotonic() - started < 5  # 70 s before: one affix at a time, each a regex over the rest
    assert doc[-1].text == text.split(" ")[-1]  # the run is one token
    article = build_article("p.txt", "txt", text)
    assert any(normalize_candidate(c, article).quote == "rose 2.5%" for c in rules.extract(article))


def test_cut_lists_say_showing_n_of_m():
    from extractor.html_report import render_html
    from extractor.models import Article
    from extractor.report import ClaimTally, render_summary

    tally = ClaimTally(total=80)
    tally.verdicts["contradicted"] = 80
    tally.contradicted = [{"article": "a.txt", "start": n, "quote": "x", "actual": 1} for n in range(50)]
    summary = render_summary(counts={}, claims=tally, problems=[])
    assert "## Contradicted by the data (showing 50 of 80; all are in audit.db)" in summary
    page = render_html(articles=[Article(id="a", path="a.txt", format="txt", text="x")], claims=[], findings={},
                       groups=[], series={}, total_articles=250)
    assert "showing 1 of 250 articles" in page


def test_an_internal_error_on_one_file_is_recorded_and_the_batch_goes_on(tmp_path, seed_dir, monkeypatch):
    # A bug of ours that raises on one article: that file becomes a problem with its reason, the others are audited.
    from click.testing import CliRunner

    from extractor import pipeline
    from extractor.cli import main

    src = tmp_path / "in"
    src.mkdir()
    for path in sorted(seed_dir.glob("*.txt"))[:2]:
        (src / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (src / "boom.txt").write_text("The Dow rose 1.2% on Tuesday, January 20, 2026, to 49,000.12.", encoding="utf-8")
    real = pipeline.Auditor.audit

    def audit(self, article):
        if article.path == "boom.txt":
            raise RuntimeError("a simulated bug")
        return real(self, article)

    monkeypatch.setattr(pipeline.Auditor, "audit", audit)
    result = CliRunner().invoke(main, ["audit", str(src), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 3, result.output
    assert "boom.txt" in result.output and "internal error" in result.output and "Traceback" not in result.output
    assert (tmp_path / "out" / "claims.jsonl").read_text(encoding="utf-8").count('"article": "0') > 10
