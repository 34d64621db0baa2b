"""The output folder: checked before a run writes to it; files replaced atomically with the user's umask."""

from __future__ import annotations

import os

import pytest

from extractor.errors import OutputError
from extractor.outdir import prepare_out_dir, write_atomic


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_output_files_follow_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "summary.md", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "summary.md").stat().st_mode & 0o777 == mode  # mkstemp alone gave 0600


def test_a_file_in_the_way_is_an_output_error(tmp_path):
    (tmp_path / "out").write_text("")
    with pytest.raises(OutputError, match=f"cannot write to output folder {tmp_path / 'out'}: a file is in the way"):
        prepare_out_dir(tmp_path / "out")
