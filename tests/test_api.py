"""The library API: audit_folder and audit_text return our models; the README example runs as written."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from extractor import audit_folder, audit_text
from extractor.errors import NoInputError
from extractor.models import Claim, ConflictGroup, Finding

from .conftest import ROOT


def readme_example() -> str:
    section = (ROOT / "README.md").read_text().split("## Python API", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def run_example(python: str, tmp_path: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    (tmp_path / "corpus").symlink_to(ROOT / "corpus")  # the example names corpus/articles, as in the repository
    (tmp_path / "example.py").write_text(readme_example())
    return subprocess.run([python, "example.py"], cwd=tmp_path, capture_output=True, text=True, timeout=600, env=env)


def test_the_readme_example_runs_as_written(tmp_path):
    result = run_example(sys.executable, tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.search(r"index_level +'at 2,718.77' +supported", result.stdout), result.stdout
    assert "5 articles;" in result.stdout and "claims contradicted;" in result.stdout
    assert (tmp_path / "api-out" / "claims.jsonl").exists()


@pytest.mark.slow
def test_the_readme_example_runs_in_a_fresh_virtual_environment(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    install = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "-e", str(ROOT)], capture_output=True, text=True, timeout=1200)
    assert install.returncode == 0, install.stderr[-2000:]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run = tmp_path / "run"
    run.mkdir()
    result = run_example(str(venv / "bin" / "python"), run, env=env)
    assert result.returncode == 0, result.stderr
    assert "5 articles;" in result.stdout


def test_audit_text_returns_claims_findings_and_groups_as_models():
    text = ("The Russell 2000 rose 2.5% to 2,718.77 on January 22, 2026. Small caps gained 9% from 2,000 to 2,100 "
            "this month.")
    result = audit_text(text, published=date(2026, 1, 22))
    assert result.article.published == date(2026, 1, 22) and result.article.published_basis == "metadata"
    assert result.claims and all(isinstance(c, Claim) and text[c.start:c.end] == c.quote for c in result.claims)
    assert [f.claim_id for f in result.findings] == [c.id for c in result.claims]
    assert all(isinstance(f, Finding) for f in result.findings)
    assert all(isinstance(g, ConflictGroup) for g in result.conflicts)


def test_audit_folder_reads_back_what_claims_jsonl_holds(tmp_path, seed_dir):
    result = audit_folder(seed_dir, out=tmp_path)
    lines = [json.loads(line) for line in (tmp_path / "claims.jsonl").read_text().splitlines()]
    claims, findings = result.claims(), result.findings()
    assert [(c.article, c.start, c.end, c.kind) for c in claims] == [(r["article"], r["start"], r["end"], r["kind"]) for r in lines]
    assert [findings[c.id].verdict for c in claims] == [r["verdict"] for r in lines]
    groups = [json.loads(line) for line in (tmp_path / "conflicts.jsonl").read_text().splitlines()]
    assert sorted(g.id for g in result.conflict_groups()) == sorted(g["id"] for g in groups)
    assert result.counts.articles == 5 and [a.path for a in result.articles()] == sorted(p.name for p in seed_dir.iterdir())


def test_audit_folder_raises_our_errors(tmp_path):
    (tmp_path / "in").mkdir()
    with pytest.raises(NoInputError, match="no article files"):
        audit_folder(tmp_path / "in", out=tmp_path / "out")
