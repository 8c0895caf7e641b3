"""Warnings about historical versions that could not be read: too large or missing (one
line per kind), and each skipped version by file and commit, with why."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from specrepo.model.history import SkippedVersion
from specrepo.model.version import FieldProblem

OVERSIZED: Final = "over max_file_size"
"""In why a version was skipped unread: it is larger than `max_file_size`."""
LFS_MISSING: Final = "not in the local Git LFS store"
"""In why a version was skipped unread: a Git LFS pointer whose content is not here."""
_SHOWN: Final = 5


def skipped_warnings(skipped: Mapping[str, tuple[str, tuple[FieldProblem, ...], str, str]],
                     max_bytes: int) -> tuple[str, ...]:
    """One warning per kind of version that could not be read at all: too large to read,
    or a Git LFS pointer whose content is not here (`skipped`: `Assembly.skipped`);
    `skipped_notes` names the versions."""
    notes = []
    for marker, text in (
            (OVERSIZED, f"over max_file_size ({max_bytes:,} bytes) and skipped unread"),
            (LFS_MISSING, "Git LFS pointers whose content is not in the local LFS store "
                          "(`git lfs fetch --all` brings every version)")):
        found = [path for path, problems, *_ in skipped.values()
                 if any(marker in problem.why for problem in problems)]
        if found:
            paths = sorted(set(found))
            count = len(found)
            shown = ", ".join(paths[:_SHOWN]) + (", ..." if len(paths) > _SHOWN else "")
            notes.append(f"{count} historical version(s) {text}: {shown}")
    return tuple(notes)


def skipped_notes(skipped: Sequence[SkippedVersion]) -> tuple[str, ...]:
    """A warning for each of the first versions in `skipped` (`SkippedVersion.said`), and
    one saying how many more there are: the history check skipped their unreadable fields
    (each kept its last readable value), so a status move through them is not seen."""
    notes = [f"the history check skipped a version it could not read: {version.said}"
             for version in skipped[:_SHOWN]]
    if len(skipped) > _SHOWN:
        notes.append(f"{len(skipped) - _SHOWN} more historical version(s) of spec files "
                     "could not be read and were skipped")
    return tuple(notes)
