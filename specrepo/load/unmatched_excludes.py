"""`exclude:` globs that match no file or folder, named in a note: a glob written as
`.gitignore` writes one (`drafts`, `*wip*`: a name at any depth) leaves nothing out, as
specrepo matches it from the folder of specrepo.yaml (`specs/drafts`). A glob is judged by
the matcher that applies `exclude:` (`locations.exclusion_matcher`), never by another
reading of globs (`pathlib`'s reads `**`, `\\[` and a spec file ending's case otherwise):
first over the paths the listing of spec files saw (`excluded_paths.Exclusions`: no walk
of its own), and only for a glob that left none of those out, over the files and folders
below where it starts (it may name a folder the history still reads, a template's)."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.paths import relative_below
from specrepo.load.document import JsonPath
from specrepo.load.locations import SpecLocation, exclusion_matcher, is_glob, literal_folder


def unmatched_exclude_notes(root: Path, places: Iterable[tuple[str, JsonPath]],
                            placed: Callable[[JsonPath], str], shown: str,
                            used: Collection[str], listed: Iterable[Path]
                            ) -> tuple[str, ...]:
    """A note for each `exclude:` glob of `places` that matches no file or folder below
    `root` (the folder of the configuration file `shown`: see the module; `used`: those
    that left out a path the listing saw), at its place there (`placed`:
    `specrepo.yaml:3:5`); with what it matches at any depth among the `listed` spec files
    (and their folders), when that is something."""
    unused = [(glob, place) for glob, place in places
              if glob not in used and not _names_a_path(root, glob)]
    if not unused:
        return ()
    inside = relative_below(root)
    paths = [relative for relative in map(inside, listed) if relative is not None]
    notes = []
    for glob, place in unused:
        deeper = _at_any_depth(paths, glob) if "/" not in glob else None
        meant = "" if deeper is None else (
            f"; `exclude:` globs are paths from the folder of {shown}, not names matched at "
            f"any depth as in .gitignore: did you mean '{deeper}'?")
        notes.append(f"{placed(place)}: exclude: '{glob}' matches no file or "
                     f"folder in the folder of {shown}, so it leaves nothing out{meant}")
    return tuple(notes)


def _at_any_depth(paths: list[str], glob: str) -> str | None:
    """The first of the `paths` (`/`-separated) or of their folders that `glob` matches at
    any depth, as a `.gitignore` line would match it, by the matcher `exclude:` is
    applied with; None for none (hidden folders not looked into)."""
    matches = exclusion_matcher((f"**/{glob}",))
    found: set[str] = set()
    for path in paths:
        parts = path.split("/")
        if not any(part.startswith(".") for part in parts):
            found.update("/".join(parts[:length]) for length in range(1, len(parts) + 1)
                         if matches("/".join(parts[:length])))
    return min(found, default=None)


def _names_a_path(root: Path, glob: str) -> bool:
    """Whether `glob` names a file or folder below `root` as `exclude:` matches it: each
    path below the folder it starts in is matched until one does (`.git` folders not
    entered); for a glob without wildcards, the names in its folder alone."""
    matches = exclusion_matcher((glob,))
    literal = not is_glob(glob) and "\\" not in glob
    start = glob.rpartition("/")[0] if literal else literal_folder(SpecLocation("glob", glob))
    prefix = f"{start}/" if start else ""
    for folder, folders, names in inputs.reader.walk(root / start):
        folders[:] = [name for name in folders if name != ".git"]
        below = os.path.relpath(folder, root / start).replace(os.sep, "/")
        base = prefix if below == "." else f"{prefix}{below}/"
        if any(matches(base + name) for name in (*folders, *names)):
            return True
        if literal:
            break
    return False
