"""Interrupted and concurrent runs: kill -9 mid-run, resume, and compare with a clean run."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT

COPIES = 50  # × 5 seeds = 250 articles
COMPARED_TABLES = ("articles", "claims", "findings", "rejections", "sources")


def perturbed(text: str, n: int) -> str:
    """A seed with its cents changed and a line that makes it a distinct article."""
    text = re.sub(r"(\d)\.(\d\d)\b", lambda m: f"{m[1]}.{(int(m[2]) + n) % 100:02d}", text)
    return text + f"\nStory reference {n}.\n"


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory, seed_dir) -> Path:
    src = tmp_path_factory.mktemp("big")
    for seed in sorted(seed_dir.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for n in range(COPIES):
            (src / f"{n:03d}_{seed.name}").write_text(perturbed(text, n), encoding="utf-8")
    return src


def start_audit(src: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "extractor", "audit", str(src), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finish(proc: subprocess.Popen) -> tuple[int, str]:
    stdout, stderr = proc.communicate(timeout=600)
    return proc.returncode, stdout + stderr


def count_sources(out: Path) -> int:
    try:
        with sqlite3.connect(f"file:{out / 'audit.db'}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM sources").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def wait_until(predicate, *, timeout_s: float = 300) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting for the audit"
        time.sleep(0.05)


def table_dump(out: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(out / "audit.db") as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in COMPARED_TABLES}


def lock_is_held(out: Path) -> bool:
    lock = out / ".audit.lock"
    if not lock.exists():
        return False
    with open(lock) as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


@pytest.mark.slow
def test_kill_9_then_resume_equals_a_clean_run(big_corpus, tmp_path):
    clean, resumed = tmp_path / "clean", tmp_path / "resumed"
    assert finish(start_audit(big_corpus, clean))[0] == 0
    total = 5 * COPIES

    proc = start_audit(big_corpus, resumed)
    wait_until(lambda: count_sources(resumed) >= 20)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert 20 <= count_sources(resumed) < total, "the kill came too late to test anything"
    assert (resumed / ".audit.lock").exists()  # stale lock file left behind

    code, output = finish(start_audit(big_corpus, resumed))
    assert code == 0, output
    assert table_dump(resumed) == table_dump(clean)
    assert (resumed / "claims.jsonl").read_bytes() == (clean / "claims.jsonl").read_bytes()
    with sqlite3.connect(resumed / "audit.db") as conn:
        statuses = sorted(s for (s,) in conn.execute("SELECT status FROM runs"))
    assert statuses == ["completed", "interrupted"]


@pytest.mark.slow
def test_second_run_on_the_same_folder_is_refused(big_corpus, tmp_path):
    first = start_audit(big_corpus, tmp_path)
    wait_until(lambda: lock_is_held(tmp_path))
    code, output = finish(start_audit(big_corpus, tmp_path))
    first.send_signal(signal.SIGKILL)
    first.communicate()
    assert code == 1
    assert f"error: another audit is running on {tmp_path}" in output and "Traceback" not in output
