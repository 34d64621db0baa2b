"""The shipped benchmark: a seed-derived corpus, a fresh audit, a re-run, and a tokenizer floor.

Every figure is a ratio against a floor measured in the same run (tokenizing + sentence
splitting the same texts with spaCy's blank English pipeline), because absolute timings on a
shared machine are noise. The floor runs on as many processes as the audit has workers, each
tokenizing its share of the files, so the headline ratio compares equal cores; the floor on one
process is kept as a second figure. Every side runs in a subprocess so startup costs are
symmetric, and each subprocess's peak RSS comes from os.wait4.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import ExtractorError

# Why not settings.PACKAGE_ROOT: the floor's subprocess imports this module, and must not pay for pydantic.
PACKAGE_ROOT = Path(__file__).resolve().parent.parent

# Why dates, years and times are kept: the variants then exercise the same date resolution, rules
# and checks as the seeds, with different values (levels, percentages, counts) to check.
NUMBER = re.compile(r"(?<![\w.,:/-])((?:\d[\d,]*?)?)(\d)(\.\d+)?(?![\d_:/a-wyzA-WYZ]|[.,:/-]\d)")
KEEP_BEFORE = re.compile(r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|s&p|nasdaq|russell|dow|msci|ftse|stoxx|nikkei)\s+$", re.I)
YEAR = re.compile(r"(?:19|20)\d\d")
MAX_TRIES = 100


class BenchError(ExtractorError):
    """A benchmark subprocess failed."""


@dataclass(frozen=True)
class Stat:
    """Median and spread (min–max) of repeated measurements."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: list[float]) -> Stat:
        return cls(median=statistics.median(values), low=min(values), high=max(values))


@dataclass(frozen=True)
class Timed:
    seconds: float
    peak_rss_mb: float


@dataclass(frozen=True)
class Repetition:
    baseline: Timed  # the floor on as many processes as the audit's workers
    one_process: Timed  # the floor on one process (the same run as baseline when workers is 1)
    fresh: Timed
    rerun: Timed


@dataclass(frozen=True)
class BenchReport:
    """One corpus size, K repetitions."""

    articles: int
    words: int
    workers: int
    repeats: int
    baseline_s: Stat
    one_process_s: Stat
    fresh_s: Stat
    rerun_s: Stat
    ratio: Stat  # fresh audit / equal-cores floor, per repetition
    one_process_ratio: Stat  # fresh audit / one-process floor, per repetition
    rerun_ratio: Stat  # re-run / fresh audit, per repetition
    articles_per_s: Stat
    words_per_s: Stat
    peak_rss_mb: Stat  # fresh audit, largest single process
    baseline_rss_mb: Stat


# ------------------------------------------------------------------ corpus


def perturb(text: str, rng: random.Random) -> str:
    """The text with its numbers' last digits redrawn (dates, years, index names kept; lengths unchanged)."""
    return NUMBER.sub(lambda m: perturb_number(m, text, rng), text)


def perturb_number(m: re.Match, text: str, rng: random.Random) -> str:
    head, last, fraction = m.group(1), m.group(2), m.group(3)
    if fraction:
        return head + last + "." + "".join(rng.choice("0123456789") for _ in fraction[1:])
    if not head or YEAR.fullmatch(head + last) or KEEP_BEFORE.search(text, max(0, m.start() - 14), m.start()):
        return m.group()
    return head + rng.choice("0123456789")


def generate_corpus(dest: Path, *, articles: int, seed: int, source: Path) -> int:
    """Write `articles` distinct variants of the files in source to dest; return their word count."""
    seeds = sorted(p for p in source.iterdir() if p.is_file())
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    dest.mkdir(parents=True, exist_ok=True)
    seen, words = set(), 0
    for n in range(articles):
        text = unique_variant(texts[n % len(texts)], seen, rng=random.Random(f"{seed}:{n}"))
        (dest / f"{n:06d}_{seeds[n % len(seeds)].name}").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def unique_variant(text: str, seen: set[str], *, rng: random.Random) -> str:
    """A perturbed text whose content differs from every earlier variant (duplicates are audited once)."""
    for _ in range(MAX_TRIES):
        variant = perturb(text, rng)
        digest = hashlib.sha256(variant.encode()).hexdigest()
        if digest not in seen:
            seen.add(digest)
            return variant
    raise BenchError(f"cannot make {len(seen) + 1} distinct variants: too few numbers to perturb")


# ------------------------------------------------------------------ the baseline (runs in a subprocess)


def tokenize_folder(folder: str, processes: int = 1) -> int:
    """Tokenize and sentence-split every file with spacy.blank('en') + sentencizer; return the sentences.

    With processes > 1 the pipeline is built once, then that many forked processes each take an
    equal share of the files: the same start-up the audit's worker pool has.
    """
    import spacy

    global _floor_nlp
    _floor_nlp = spacy.blank("en")
    _floor_nlp.add_pipe("sentencizer")
    paths = sorted(Path(folder).iterdir())
    if processes <= 1:
        return count_sentences(paths)
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return sum(pool.map(count_sentences, [paths[i::processes] for i in range(processes)], chunksize=1))


# Why a module global: forked floor processes inherit the pipeline the parent built.
_floor_nlp = None


def count_sentences(paths: list[Path]) -> int:
    texts = (p.read_text(encoding="utf-8") for p in paths)
    return sum(sum(1 for _ in doc.sents) for doc in _floor_nlp.pipe(texts, batch_size=64))


# ------------------------------------------------------------------ timing subprocesses


def run_timed(argv: list[str], *, env: dict[str, str]) -> Timed:
    """Run argv to completion in the package's root folder; its wall time and the peak RSS of its largest process."""
    started = time.perf_counter()
    # Why cwd: `python -c` puts the current folder first on sys.path, ahead of PYTHONPATH, so a
    # bench started inside another checkout would otherwise time that checkout's code.
    proc = subprocess.Popen(argv, env=env, cwd=PACKAGE_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode not in (0, 3):  # 3: completed with problems, still a full run
        raise BenchError(f"{argv[2][:40]}… exited {proc.returncode}: {stderr.decode(errors='replace')[-2000:]}")
    return Timed(seconds=seconds, peak_rss_mb=usage.ru_maxrss / 1024)


def baseline_argv(folder: Path, *, processes: int) -> list[str]:
    code = "import sys; from extractor.bench import tokenize_folder; tokenize_folder(sys.argv[1], int(sys.argv[2]))"
    return [sys.executable, "-c", code, str(folder), str(processes)]


def audit_argv(folder: Path, out: Path, *, workers: int) -> list[str]:
    return [sys.executable, "-c", "from extractor.cli import main; main()", "audit", str(folder), "--out", str(out), "--workers", str(workers)]


def subprocess_env() -> dict[str, str]:
    """This process's environment, with the package's own folder first on PYTHONPATH."""
    root = str(PACKAGE_ROOT)
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{path}" if path else root}


def run_repetition(corpus: Path, out: Path, *, workers: int) -> Repetition:
    """The floors, a fresh audit into an empty out folder, then a re-run on the unchanged folder."""
    env = subprocess_env()
    shutil.rmtree(out, ignore_errors=True)
    baseline = run_timed(baseline_argv(corpus, processes=workers), env=env)
    one_process = run_timed(baseline_argv(corpus, processes=1), env=env) if workers > 1 else baseline
    fresh = run_timed(audit_argv(corpus, out, workers=workers), env=env)
    rerun = run_timed(audit_argv(corpus, out, workers=workers), env=env)
    return Repetition(baseline=baseline, one_process=one_process, fresh=fresh, rerun=rerun)


# ------------------------------------------------------------------ the benchmark


def run_bench(work_dir: Path, *, articles: int, repeats: int, workers: int, seed: int, source: Path,
              on_repetition=None) -> BenchReport:
    """Generate the corpus, run K repetitions, and summarize them as ratios with median and spread."""
    work_dir = work_dir.resolve()  # the subprocesses run in the package's folder
    corpus = work_dir / f"corpus-{articles}-seed{seed}"
    shutil.rmtree(corpus, ignore_errors=True)
    words = generate_corpus(corpus, articles=articles, seed=seed, source=source)
    reps = []
    for _ in range(repeats):
        reps.append(run_repetition(corpus, work_dir / f"out-{articles}", workers=workers))
        if on_repetition:
            on_repetition(len(reps), reps[-1])
    return summarize(reps, articles=articles, words=words, workers=workers)


def summarize(reps: list[Repetition], *, articles: int, words: int, workers: int) -> BenchReport:
    fresh = [r.fresh.seconds for r in reps]
    return BenchReport(
        articles=articles, words=words, workers=workers, repeats=len(reps),
        baseline_s=Stat.of([r.baseline.seconds for r in reps]), one_process_s=Stat.of([r.one_process.seconds for r in reps]),
        fresh_s=Stat.of(fresh), rerun_s=Stat.of([r.rerun.seconds for r in reps]),
        ratio=Stat.of([r.fresh.seconds / r.baseline.seconds for r in reps]),
        one_process_ratio=Stat.of([r.fresh.seconds / r.one_process.seconds for r in reps]),
        rerun_ratio=Stat.of([r.rerun.seconds / r.fresh.seconds for r in reps]),
        articles_per_s=Stat.of([articles / s for s in fresh]), words_per_s=Stat.of([words / s for s in fresh]),
        peak_rss_mb=Stat.of([r.fresh.peak_rss_mb for r in reps]),
        baseline_rss_mb=Stat.of([r.baseline.peak_rss_mb for r in reps]),
    )
