"""Git LFS pointer files: what a file tracked by Git LFS holds where its content was not
fetched (Git LFS specification, docs/spec.md: a pointer starts with its `version` line)."""

from __future__ import annotations

from typing import Final

LFS_POINTER: Final = b"version https://git-lfs.github.com/spec/v1\n"
"""The first line of every Git LFS pointer (spec v1; older `hawser` pointers are not made
by any Git LFS release)."""


def is_lfs_pointer(raw: bytes) -> bool:
    """Whether `raw` is a Git LFS pointer rather than the content it stands for."""
    return raw.startswith(LFS_POINTER)
