"""Linked folders inside the repository that a spec listing does not enter: git keeps a
link, not the files behind it, so history never sees a spec there; one that no other
path of `specs:` names is not checked, and that is said (the link is listed, and reading
it reports it), never left in silence."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.paths import display_path, real_path
from specrepo.load.glob_walk import spec_entries_below
from specrepo.load.locations import SpecLocation, location_matcher


def linked_folders_unread(links: Iterable[tuple[str, SpecLocation]],
                          listed: Collection[Path],
                          taken: Callable[[list[Path], SpecLocation], list[Path]]
                          ) -> list[Path]:
    """Each of `links` (a linked folder's path as a walk met it, with its location)
    behind which lies a spec file that `listed` (the listing's files, each by its
    identity) lacks: the link itself, its folders resolved, sorted. `taken` gives, of the
    paths of spec files through a link, those the location takes (its glob matches them,
    `exclude:` keeps them), each by its identity: a file the glob does not name or
    `exclude:` leaves out is no spec lost there. The folder a link leads to is walked as
    a folder location is (`spec_entries_below`): hidden folders skipped, no linked
    folder entered."""
    unread = set()
    for link, location in links:
        real = inputs.reader.realpath(link)
        behind = [Path(link + folder[len(real):], name) for folder, name, _
                  in spec_entries_below(real, location.suffixes)]
        if any(path not in listed for path in taken(behind, location)):
            folder, name = os.path.split(link)
            unread.add(Path(inputs.reader.realpath(folder), name))
    return sorted(unread)


def matched_by(root: Path, paths: list[Path], location: SpecLocation) -> list[Path]:
    """Those of `paths` (below `root`, as a walk names them: through a link, not entered)
    that a glob location's glob matches, `exclude:` not applied; all of them for a folder
    location, which takes every spec file below it."""
    if location.kind != "glob":
        return paths
    matches = location_matcher((location.excluding(()),))
    return [path for path in paths if matches(os.path.relpath(path, root).replace(os.sep, "/"))]


def link_refusal(link: Path, root: Path) -> str | None:
    """Why the symbolic link `link`, met as a spec file, is not read: it leads nowhere (or
    in a loop), outside the repository `root`, or to a folder inside it (a linked folder
    `linked_folders_unread` listed: named from the top, the location to add); None when
    it leads to a file inside."""
    target = real_path(link)
    if not inputs.reader.exists(target):
        return f"{_link_problem(target)}; nothing to read"
    top = real_path(root)
    if not target.is_relative_to(top):
        return f"symbolic link to {target}, outside the repository; not read"
    if inputs.reader.isdir(target):
        folder = display_path(target, top) if target != top else "."
        return (f"symbolic link to the folder {folder}, which specrepo does not enter here "
                "(git keeps the link, not the files behind it): the spec files in it are "
                f"not checked; name {folder} in `specs:`, or `exclude:` the link")
    return None


def _link_problem(target: Path) -> str:
    """Why a symbolic link whose target does not exist leads nowhere."""
    try:
        inputs.reader.stat(target)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop"
    return "broken symbolic link"
