"""`exclude:` globs that match no file or folder, named in a note: a glob written as
`.gitignore` writes one (`drafts`, `*wip*`: a name at any depth) leaves nothing out, as
specrepo matches it from the folder of specrepo.yaml (`specs/drafts`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from specrepo.base import inputs
from specrepo.load.document import JsonPath


def unmatched_exclude_notes(root: Path, places: Iterable[tuple[str, JsonPath]],
                            placed: Callable[[JsonPath], str], shown: str) -> tuple[str, ...]:
    """A note for each `exclude:` glob of `places` that matches nothing below `root` (the
    folder of the configuration file `shown`), at its place there (`placed`:
    `specrepo.yaml:3:5`); with what it matches at any depth, when that is something."""
    notes = []
    for glob, place in places:
        if _matches(root, glob):
            continue
        deeper = _at_any_depth(root, glob) if "/" not in glob else None
        meant = "" if deeper is None else (
            f"; `exclude:` globs are paths from the folder of {shown}, not names matched at "
            f"any depth as in .gitignore: did you mean '{deeper}'?")
        notes.append(f"{placed(place)}: exclude: '{glob}' matches no file or "
                     f"folder in the folder of {shown}, so it leaves nothing out{meant}")
    return tuple(notes)


def _matches(root: Path, glob: str) -> bool:
    """Whether `glob` (from `root`) names a file or folder; True for one no glob can read."""
    try:
        return next(iter(inputs.reader.glob(root, glob)), None) is not None
    except (ValueError, NotImplementedError, OSError):
        return True


def _at_any_depth(root: Path, glob: str) -> str | None:
    """The first path below `root` (`/`-separated) that `glob` matches at any depth, as a
    `.gitignore` line would match it; None for none (hidden folders not entered)."""
    try:
        found = sorted(path.relative_to(root).as_posix()
                       for path in inputs.reader.glob(root, f"**/{glob}"))
    except (ValueError, NotImplementedError, OSError):
        return None
    return next((path for path in found if not any(part.startswith(".")
                                                   for part in path.split("/"))), None)
