"""A cache of parsed data files: what loading the price data and the calendar made, as JSON.

Loading the shipped data (four price and five rate series, ~60,000 rows validated one by
one) and building the exchange calendar cost about 1.3 s before every audit, and again in
every process of a cluster. The cache keeps what they produced, keyed by the content of what
they read and by the code that read it, so an entry is reused only when loading again would
give the same result. A missing, stale or unreadable entry is rebuilt; a cache folder that
cannot be written only costs the time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
FORMAT = "1"  # bump when an entry's layout changes


@dataclass(frozen=True)
class DataCache:
    """A folder of JSON entries, each named by a hash of everything its value depends on."""

    folder: Path

    def load(self, name: str, key: list[str], *, build: Callable[[], T], encode: Callable[[T], object],
             decode: Callable[[object], T]) -> T:
        """decode(entry) when the entry for (name, key) exists, else build() (stored for the next run)."""
        path = self.folder / f"{name}-{digest([FORMAT, name, *key])}.json"
        try:
            return decode(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            pass
        except (OSError, ValueError, TypeError, KeyError, IndexError, ArithmeticError) as exc:
            log.info("rebuilding the unreadable cache entry %s (%s)", path, exc)
        value = build()
        self.save(path, encode(value))
        return value

    def save(self, path: Path, data: object) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{path.name}.")
        except OSError as exc:
            log.info("cannot write the cache entry %s (%s); data is loaded afresh each run", path, exc)
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, separators=(",", ":"))
            os.replace(tmp, path)  # readers see a whole entry or none
        except OSError as exc:
            os.unlink(tmp)
            log.info("cannot write the cache entry %s (%s); data is loaded afresh each run", path, exc)


def digest(parts: list[str]) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def file_digest(path: Path) -> str:
    """A content hash of one file (its bytes)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
