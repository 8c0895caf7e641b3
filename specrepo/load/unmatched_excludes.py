"""`exclude:` globs that leave out none of the paths the listing of spec files saw, named
in a note: a glob written as `.gitignore` writes one (`drafts`, `*wip*`: a name at any
depth) leaves nothing out, as specrepo matches it from the folder of specrepo.yaml
(`specs/drafts`). The listing tells which globs left a path out, by the matcher that
applies them (`excluded_paths.Exclusions`): no walk of the tree of its own, and no other
reading of a glob (`pathlib`'s, which reads `**`, `\\[` and a spec file ending's case
otherwise)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from specrepo.base.paths import relative_below
from specrepo.load.document import JsonPath
from specrepo.load.locations import exclusion_matcher


def unmatched_exclude_notes(root: Path, places: Iterable[tuple[str, JsonPath]],
                            placed: Callable[[JsonPath], str], shown: str,
                            used: Collection[str], listed: Iterable[Path]
                            ) -> tuple[str, ...]:
    """A note for each `exclude:` glob of `places` not among the `used` (those that left
    out a path the listing saw), below `root` (the folder of the configuration file
    `shown`), at its place there (`placed`: `specrepo.yaml:3:5`); with what it matches at
    any depth among the `listed` spec files (and their folders), when that is something."""
    unused = [(glob, place) for glob, place in places if glob not in used]
    if not unused:
        return ()
    inside = relative_below(root)
    paths = sorted(relative for relative in map(inside, listed) if relative is not None)
    notes = []
    for glob, place in unused:
        deeper = _at_any_depth(paths, glob) if "/" not in glob else None
        meant = "" if deeper is None else (
            f"; `exclude:` globs are paths from the folder of {shown}, not names matched at "
            f"any depth as in .gitignore: did you mean '{deeper}'?")
        notes.append(f"{placed(place)}: exclude: '{glob}' matches no spec file `specs:` "
                     f"holds, nor a folder of one, in the folder of {shown}, so it leaves "
                     f"nothing out{meant}")
    return tuple(notes)


def _at_any_depth(paths: list[str], glob: str) -> str | None:
    """The first of the `paths` (`/`-separated) or of their folders that `glob` matches at
    any depth, as a `.gitignore` line would match it, by the matcher `exclude:` is
    applied with; None for none (hidden folders not looked into)."""
    matches = exclusion_matcher((f"**/{glob}",))
    found: set[str] = set()
    for path in paths:
        parts = path.split("/")
        if not any(part.startswith(".") for part in parts):  # a folder is before its files
            found.update("/".join(parts[:length]) for length in range(1, len(parts) + 1)
                         if matches("/".join(parts[:length])))
    return min(found, default=None)
