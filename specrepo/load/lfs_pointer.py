"""Git LFS pointer files: what a file tracked by Git LFS holds where its content was not
fetched (Git LFS specification, docs/spec.md: a pointer starts with its `version` line)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.errors import ConfigError
from specrepo.base.paths import display_path

LFS_POINTER: Final = b"version https://git-lfs.github.com/spec/v1\n"
"""The first line of every Git LFS pointer (spec v1; older `hawser` pointers are not made
by any Git LFS release)."""


def is_lfs_pointer(raw: bytes) -> bool:
    """Whether `raw` is a Git LFS pointer rather than the content it stands for."""
    return raw.startswith(LFS_POINTER)


def refuse_lfs_pointer(path: Path, raw: bytes) -> None:
    """Raise `ConfigError` (exit 2) when the work tree's file at `path` holds a pointer:
    the content was never fetched (a checkout without Git LFS), so nothing of the spec can
    be checked, and checking the pointer as YAML would be a false finding."""
    if is_lfs_pointer(raw):
        raise ConfigError(
            f"{display_path(path)}: a Git LFS pointer, not the spec: its content is not "
            "checked out (run `git lfs pull`; in GitHub Actions, `lfs: true` in "
            "actions/checkout), so nothing of it can be checked")


def refuse_lfs_pointer_files(files: Iterable[Path]) -> None:
    """`refuse_lfs_pointer` for each of the work tree's `files` in turn, from the first
    bytes of each (a pointer's first line), for a command that reads none of them whole
    before it asks git their history (`diff --since-approval`); one that cannot be opened
    is left to the reading that names it (`spec_files.read_spec_file`)."""
    for path in files:
        try:
            with inputs.reader.open_binary(path) as stream:
                start = stream.read(len(LFS_POINTER))
        except OSError:
            continue
        refuse_lfs_pointer(path, start)
