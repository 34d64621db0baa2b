"""The output folder: checked before anything is written; files replaced atomically, with the user's umask."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .errors import OutputError

# Why words of our own: "[Errno 17] File exists" does not tell a user what to change.
REASONS = {
    errno.EEXIST: "a file is in the way (it is not a folder)",
    errno.ENOTDIR: "a file is in the way (it is not a folder)",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted (the folder may be immutable, or a system folder)",
    errno.ENOENT: "no such folder, and it cannot be created here",
    errno.ENOSPC: "no space left on the device",
}


def prepare_out_dir(out_dir: Path) -> None:
    """Create the output folder and prove it writable, or raise OutputError with the reason."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out_dir):
            pass
    except OSError as exc:
        raise output_error(out_dir, exc) from exc


def output_error(path: Path, exc: OSError) -> OutputError:
    """One line naming the folder and why it cannot be written."""
    reason = REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    return OutputError(f"cannot write to output folder {path}: {reason}")


def file_mode() -> int:
    """The mode a new file gets under the current umask (mkstemp alone gives 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_writer(path: Path) -> Iterator[IO[str]]:
    """A text file that readers see old or new, never half written (replaced only on success)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), file_mode())
            yield handle
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_atomic(path: Path, text: str) -> None:
    """Write text so readers see the old file or the new one, never half of one."""
    with atomic_writer(path) as handle:
        handle.write(text)
