"""The command line: default audit, exit codes, workers, eval, schemas."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from extractor.cli import EXIT_CONTRADICTED, EXIT_PROBLEMS, EXIT_USAGE, MAX_WORKERS, main, usable_cores
from extractor.schemas import render_schemas

from .conftest import GOLD, ROOT
from .test_workers import copy_seeds


def test_default_audit_uses_the_shipped_corpus(tmp_path):
    result = CliRunner().invoke(main, ["audit", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "articles: 5" in result.output
    lines = (tmp_path / "claims.jsonl").read_text().splitlines()
    assert len(lines) > 100 and all(json.loads(line)["quote"] for line in lines)


def test_fail_on_contradicted_gates_a_pipeline(tmp_path):
    result = CliRunner().invoke(main, ["audit", "--out", str(tmp_path), "--fail-on-contradicted"])
    assert result.exit_code == EXIT_CONTRADICTED
    assert "claim(s) contradicted by the data (--fail-on-contradicted)" in result.output  # exit 4 says why


def test_problems_give_their_own_exit_code(tmp_path, seed_dir):
    src = tmp_path / "in"
    shutil.copytree(seed_dir, src)
    (src / "bad.json").write_text("{")
    result = CliRunner().invoke(main, ["audit", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_PROBLEMS
    assert "bad.json: invalid JSON" in result.output
    assert "Traceback" not in result.output


def test_usage_errors(tmp_path):
    result = CliRunner().invoke(main, ["audit", str(tmp_path / "missing"), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_USAGE and "input folder not found" in result.output


def test_eval_reports_per_kind_scores(tmp_path):
    CliRunner().invoke(main, ["audit", "--out", str(tmp_path)])
    result = CliRunner().invoke(main, ["eval", str(GOLD), "--claims", str(tmp_path / "claims.jsonl")])
    assert result.exit_code == 0
    assert "| streak_length |" in result.output and "| core kinds |" in result.output


def test_schemas_are_current():
    for name, text in render_schemas().items():
        assert (ROOT / "schemas" / name).read_text() == text, f"schemas/{name} is stale: run `extractor schemas`"


def test_workers_default_to_the_usable_cores():
    ctx = main.commands["audit"].make_context("audit", [])
    assert ctx.params["workers"] == min(usable_cores(), MAX_WORKERS)


@pytest.mark.parametrize("flag, expected", [("auto", min(usable_cores(), MAX_WORKERS)), ("1", 1), ("3", 3), (" AUTO ", min(usable_cores(), MAX_WORKERS))])
def test_workers_accept_a_number_or_auto(flag, expected):
    assert main.commands["audit"].make_context("audit", ["--workers", flag]).params["workers"] == expected


@pytest.mark.parametrize("flag", ["0", "two", "65", "-1"])
def test_workers_reject_other_values(tmp_path, flag):
    result = CliRunner().invoke(main, ["audit", "--out", str(tmp_path), "--workers", flag])
    assert result.exit_code == EXIT_USAGE and "--workers" in result.output


def test_default_workers_and_one_worker_write_the_same_bytes(tmp_path, seed_dir):
    src = copy_seeds(seed_dir, tmp_path / "in", copies=3)  # 15 files: enough to start the pool
    for name, flags in (("default", []), ("one", ["--workers", "1"])):
        result = CliRunner().invoke(main, ["audit", str(src), "--out", str(tmp_path / name), *flags])
        assert result.exit_code == 0, result.output
    for name in ("claims.jsonl", "conflicts.jsonl", "summary.md", "report.html"):
        assert (tmp_path / "default" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name


def test_a_re_run_summary_reports_the_whole_audit(tmp_path):
    CliRunner().invoke(main, ["audit", "--out", str(tmp_path)])
    again = CliRunner().invoke(main, ["audit", "--out", str(tmp_path)])
    assert again.exit_code == 0
    assert "unchanged: 5" in again.output and "- articles: 5;" in again.output  # was "articles: 0"


def test_the_progress_bar_shows_the_total_the_rate_and_the_time_left():
    import io

    from extractor.cli import progress_bar

    stream = io.StringIO()
    show, close = progress_bar(3, stream)
    for name in ("a.txt", "b.txt", "c.txt"):
        show(name)
    close()
    last = stream.getvalue().split("\r")[-1]
    assert "3/3" in last and "file/s" in last and "<00:00" in last, last
