"""The shipped benchmark: corpus generation, the floors, and the report's fields (no timed assertions)."""

from __future__ import annotations

import random
from pathlib import Path

from click.testing import CliRunner

from extractor.bench import generate_corpus, perturb, run_bench, tokenize_folder
from extractor.cli import MAX_WORKERS, main, usable_cores
from extractor.settings import SHIPPED_ARTICLES


def test_perturbation_keeps_dates_years_and_index_names():
    text = "On January 22, 2026 the S&P 500 rose 1.93% to 6,913.35, its 15-session streak since 1996."
    variant = perturb(text, random.Random(1))
    assert len(variant) == len(text)
    for kept in ("January 22, 2026", "S&P 500", "since 1996"):
        assert kept in variant
    assert variant != text


def test_corpus_is_deterministic_and_distinct(tmp_path):
    words = generate_corpus(tmp_path / "a", articles=12, seed=7, source=SHIPPED_ARTICLES)
    generate_corpus(tmp_path / "b", articles=12, seed=7, source=SHIPPED_ARTICLES)
    texts = [p.read_text() for p in sorted((tmp_path / "a").iterdir())]
    assert texts == [p.read_text() for p in sorted((tmp_path / "b").iterdir())]
    assert len(set(texts)) == 12 and words == sum(len(t.split()) for t in texts)


def test_report_fields_and_ratios(tmp_path):
    report = run_bench(tmp_path, articles=20, repeats=1, workers=2, seed=0, source=SHIPPED_ARTICLES)
    assert (report.articles, report.repeats, report.workers) == (20, 1, 2)
    assert report.ratio.median == report.fresh_s.median / report.baseline_s.median
    assert report.one_process_ratio.median == report.fresh_s.median / report.one_process_s.median
    assert report.rerun_ratio.median == report.rerun_s.median / report.fresh_s.median
    assert report.articles_per_s.median == 20 / report.fresh_s.median
    assert report.peak_rss_mb.median > 0 and report.baseline_rss_mb.median > 0
    assert report.ratio.low <= report.ratio.median <= report.ratio.high


def test_one_worker_times_one_floor(tmp_path):
    report = run_bench(tmp_path, articles=5, repeats=1, workers=1, seed=0, source=SHIPPED_ARTICLES)
    assert report.baseline_s == report.one_process_s and report.ratio == report.one_process_ratio


def test_the_floor_on_several_processes_reads_every_file_once(tmp_path):
    generate_corpus(tmp_path, articles=13, seed=3, source=SHIPPED_ARTICLES)
    assert tokenize_folder(str(tmp_path), 3) == tokenize_folder(str(tmp_path), 1) > 13


def test_bench_command_prints_the_table(tmp_path):
    result = CliRunner().invoke(main, ["bench", "--articles", "20", "--repeat", "1", "--work-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()  # the table; progress goes to stderr
    cores = min(usable_cores(), MAX_WORKERS)
    assert f"{cores} workers" in lines[0]  # the default bench measures the default audit
    assert lines[2].startswith("| audit / equal-cores floor |") and lines[3].startswith("| audit / one-process floor |")
    for row in ("re-run / fresh audit", "articles/s", "words/s", "peak RSS MB"):
        assert f"| {row}" in result.output


def test_bench_times_this_package_from_any_folder(tmp_path, monkeypatch):
    decoy = tmp_path / "extractor"  # another checkout in the current folder must not be imported
    decoy.mkdir()
    (decoy / "__init__.py").write_text("raise ImportError('the decoy checkout was imported')\n")
    monkeypatch.chdir(tmp_path)
    report = run_bench(Path("work"), articles=5, repeats=1, workers=1, seed=0, source=SHIPPED_ARTICLES)
    assert report.articles == 5 and (tmp_path / "work" / "out-5" / "claims.jsonl").exists()
