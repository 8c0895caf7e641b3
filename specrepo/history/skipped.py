"""Warnings about historical versions that could not be read: too large or missing (one
line per kind), and each skipped version by file and commit, with why; and which of
HEAD's spec files cannot be read."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.repeated_warnings import SHOWN, capped
from specrepo.base.wording import counted, plural
from specrepo.load.locations import SpecLocation, location_matcher
from specrepo.model.history import SkippedVersion
from specrepo.model.version import FieldProblem

OVERSIZED: Final = "over max_file_size"
"""In why a version was skipped unread: it is larger than `max_file_size`."""
LFS_MISSING: Final = "not in the local Git LFS store"
"""In why a version was skipped unread: a Git LFS pointer whose content is not here."""
_NOT_FETCHED: Final = ("whose content is not in the local LFS store (`git lfs fetch --all` "
                       "brings every version)")
Skipped = tuple[str, tuple[FieldProblem, ...], str, str]
"""A skipped version as the walk keeps it (`Assembly.skipped`): a path it had, why and
where, the commit that wrote it there, the key of the spec whose file it was or ""."""


@dataclass(frozen=True)
class UnreadVersions:
    """The warning that historical versions of one kind could not be read at all (a
    `model.history_warning.HistoryWarning`): how many, and their files (the first
    `SHOWN`)."""

    what: tuple[str, str]
    """What they are, after their count, for one version and for several: `over
    max_file_size (N bytes) and skipped unread` (the same for both), `stored as a Git LFS
    pointer whose content ...`, `stored as Git LFS pointers whose content ...`."""
    versions: tuple[tuple[str, str], ...]
    """Each version's path and the key of the spec whose file it was ("": no spec's, which
    may have been any spec's: every reader says it)."""

    @property
    def text(self) -> str:
        """`1 historical version WHAT: a.yaml`, `3 historical versions WHAT: a.yaml,
        b.yaml, ...`."""
        paths = sorted({path for path, _ in self.versions})
        shown = ", ".join(paths[:SHOWN]) + (", ..." if len(paths) > SHOWN else "")
        count = len(self.versions)
        return (f"{counted(count, 'historical version')} "
                f"{plural(count, *self.what)}: {shown}")

    def about(self, keys: Collection[str]) -> UnreadVersions | None:
        """The versions of the specs `keys` and of no spec; None when there are none."""
        kept = tuple(version for version in self.versions if not version[1] or version[1] in keys)
        return None if not kept else self if len(kept) == len(self.versions) \
            else UnreadVersions(self.what, kept)


def skipped_warnings(skipped: Mapping[str, Skipped],
                     max_bytes: int) -> tuple[UnreadVersions, ...]:
    """One warning per kind of version that could not be read at all: too large to read,
    or a Git LFS pointer whose content is not here (`skipped`: `Assembly.skipped`);
    `skipped_notes` names the versions."""
    notes = []
    for marker, what in (
            (OVERSIZED, (f"over max_file_size ({max_bytes:,} bytes) and skipped unread",) * 2),
            (LFS_MISSING, (f"stored as a Git LFS pointer {_NOT_FETCHED}",
                           f"stored as Git LFS pointers {_NOT_FETCHED}"))):
        found = tuple(sorted((path, owner) for path, problems, _, owner in skipped.values()
                             if any(marker in problem.why for problem in problems)))
        if found:
            notes.append(UnreadVersions(what, found))
    return tuple(notes)


def skipped_notes(skipped: Sequence[SkippedVersion], *, every: bool = False
                  ) -> tuple[str, ...]:
    """A warning for each version in `skipped` (`SkippedVersion.said`), or with `every`
    False for each of the first few (`capped`, as every repeated warning) and one saying
    how many more there are and where each is named (`validate --history`, README: "Each
    skipped version is named"): the history check skipped their unreadable fields (each
    kept its last readable value): a status move across them is judged from the versions
    read around them, and a status only they held is not seen."""
    return capped(((None, f"{version.said} (skipped by the history check)")
                   for version in skipped), _more_skipped, every=every)


def _more_skipped(_: None, more: int) -> str:
    return (f"{counted(more, 'more historical version')} of spec files could not be read "
            f"and {plural(more, 'was', 'were')} skipped (`specrepo validate --history` "
            "names each)")


def held_at_head(head_files: Mapping[str, str], skipped: Mapping[str, Skipped],
                 locations: Iterable[SpecLocation]
                 ) -> tuple[dict[str, str], dict[str, tuple[FieldProblem, ...]]]:
    """HEAD's spec files (path from the top -> blob) of those the walk left on HEAD's line
    (`head_files`: `Assembly.head_files`), and why each of them that cannot be read cannot
    (`skipped`: `Assembly.skipped`; in path order): only the files today's
    `locations` read. The walk follows others too, a spec's file that a later `exclude:`
    or a narrowed `specs:` left out (its versions then are judged): it never sees them
    leave, nor their deletion once left, and they are no spec file of HEAD's (hist37: a
    stray "HEAD's version cannot be read" in `timeline`)."""
    today = location_matcher(locations)
    held = {path: blob for path, blob in head_files.items() if today(path)}
    # Only the few that cannot be read are sorted: sorting thousands of paths costs more
    # than matching them.
    return held, {path: skipped[held[path]][1] for path in sorted(
        path for path, blob in held.items() if blob in skipped)}
