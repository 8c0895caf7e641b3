"""Warnings about historical versions that could not be read at all."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from specrepo.history.versions import LFS_MISSING, OVERSIZED

_SHOWN: Final = 5


def skipped_warnings(skipped: Mapping[str, tuple[str, str]], max_bytes: int) -> tuple[str, ...]:
    """One warning per kind of version that could not be read at all: too large to read,
    or a Git LFS pointer whose content is not here (per-field problems are only counted)."""
    notes = []
    for marker, text in (
            (OVERSIZED, f"over max_file_size ({max_bytes:,} bytes) and skipped unread"),
            (LFS_MISSING, "Git LFS pointers whose content is not in the local LFS store "
                          "(`git lfs fetch --all` brings every version)")):
        paths = sorted({path for path, why in skipped.values() if marker in why})
        if paths:
            count = sum(1 for _, why in skipped.values() if marker in why)
            shown = ", ".join(paths[:_SHOWN]) + (", ..." if len(paths) > _SHOWN else "")
            notes.append(f"{count} historical version(s) {text}: {shown}")
    return tuple(notes)
