"""`exclude:` applied to the paths a listing of spec files sees, remembering which globs
left one out: the note on a glob that leaves nothing out (`unmatched_excludes`) asks the
matcher that applies it, over the same paths, never a walk of its own."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from specrepo.base.paths import real_path
from specrepo.load.locations import exclusion_matcher

_Named = TypeVar("_Named", str, Path)


class Exclusions:
    """`exclude:` globs applied to paths below `root` (`kept`), each glob that left one
    out added to `used` (a new set, or the one given)."""

    def __init__(self, root: Path, used: set[str] | None = None) -> None:
        self._root = root
        self._top = str(root).rstrip(os.sep) + os.sep
        self._real: Exclusions | None = None
        self.used: set[str] = set() if used is None else used

    def kept_followed(self, files: list[Path], exclude: tuple[str, ...]) -> list[Path]:
        """`files` (spec files by their identity: links followed, folders real, as
        `spec_files.spec_file_identity` names them) but those `exclude:` leaves out by
        that path: a link `kept` let through leads to the file git keeps, which history
        reads and excludes by its own path, so the work tree must too (newuser57:
        `exclude: other/0009.md` left `rfcs/text/0009-link.md -> ../../other/0009.md`
        checked by validate, unread by history, its illegal move passing the report)."""
        if not exclude:
            return files
        if self._real is None:
            self._real = Exclusions(real_path(self._root), self.used)
        return self._real.kept(files, exclude)

    def kept(self, paths: Iterable[_Named], exclude: tuple[str, ...]) -> list[_Named]:
        """`paths` (below the root, as a location names them) but those `exclude:` leaves
        out (`locations.exclusion_matcher`)."""
        if not exclude:
            return list(paths)
        excluded, top, kept = exclusion_matcher(exclude), self._top, []
        for path in paths:
            relative = os.fspath(path).removeprefix(top).replace(os.sep, "/")
            if not excluded(relative):
                kept.append(path)
            elif not self.used.issuperset(exclude):  # which did: asked of the few left out
                self.used.update(glob for glob in exclude if _matcher(glob)(relative))
        return kept


@functools.cache
def _matcher(glob: str) -> Callable[[str], bool]:
    return exclusion_matcher((glob,))
