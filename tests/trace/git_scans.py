"""One-shot forms of trace's started git scans, for tests that want an answer at once."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from specrepo.gitio.grep import GrepLine, TrackedFilesGrep
from specrepo.gitio.touches import LastTouches, Touch
from specrepo.load.locations import SpecLocation


def grep_tracked_files(folder: Path, pattern: str, include: Sequence[str],
                       exclude: Sequence[str] = (),
                       never: Sequence[SpecLocation] = ()) -> list[GrepLine]:
    """`TrackedFilesGrep`'s lines, the search stopped whatever happens."""
    search = TrackedFilesGrep(folder, pattern, include, exclude, never)
    try:
        return search.lines()
    finally:
        search.stop()


def last_touches(folder: Path, include: Sequence[str], exclude: Sequence[str] = (),
                 never: Sequence[SpecLocation] = ()) -> dict[str, tuple[Touch, ...]]:
    """`LastTouches`'s result, the walk stopped whatever happens."""
    walk = LastTouches(folder, include, exclude, never)
    try:
        return walk.result()
    finally:
        walk.stop()


def last_touch(folder: Path, include: Sequence[str], exclude: Sequence[str] = (),
               never: Sequence[SpecLocation] = ()) -> dict[str, Touch]:
    """Each file's one last touch (`last_touches`), where history has one per file."""
    found = last_touches(folder, include, exclude, never)
    assert all(len(touches) == 1 for touches in found.values()), found
    return {path: touch for path, (touch,) in found.items()}
