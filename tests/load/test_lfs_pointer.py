"""`load.lfs_pointer`: one refusal of Git LFS pointers, for the loaders (a file read whole)
and for `diff --since-approval` (each file's first bytes), in the same words."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.base.errors import ConfigError
from specrepo.load.lfs_pointer import LFS_POINTER, refuse_lfs_pointer, refuse_lfs_pointer_files

POINTER = LFS_POINTER + b"oid sha256:" + b"ab" * 32 + b"\nsize 321\n"


def test_the_files_refusal_is_the_loaders_refusal(tmp_path: Path) -> None:
    spec, pointer = tmp_path / "spec.yaml", tmp_path / "pointer.yaml"
    spec.write_text("id: SPEC-0001\n")
    pointer.write_bytes(POINTER)
    with pytest.raises(ConfigError) as whole:
        refuse_lfs_pointer(pointer, pointer.read_bytes())
    with pytest.raises(ConfigError) as first_bytes:
        refuse_lfs_pointer_files([spec, tmp_path / "not there.yaml", pointer])
    assert str(first_bytes.value) == str(whole.value)
    assert "pointer.yaml: a Git LFS pointer, not the spec" in str(whole.value)
    refuse_lfs_pointer_files([spec, tmp_path / "not there.yaml"])  # nothing to refuse
