"""How `specrepo new` keeps an id to one spec: it picks the id and writes the spec under a
lock every work tree of the repository shares, and counts the ids of the spec files of the
work tree (one listing) and of the repository's other work trees (`git worktree list`),
committed or not."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import SpecrepoError
from specrepo.base.paths import real_path
from specrepo.check.spec_ids import listed_spec_ids, named_ids, skipped_spec_ids, spec_ids
from specrepo.check.unread_yaml_specs import unread_yaml_spec_ids
from specrepo.gitio.worktrees import WorkTrees, work_trees
from specrepo.load.spec_files import SpecFileListing
from specrepo.model.config import Config

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class IdsInUse:
    """The ids `new` must not hand out, read under its lock, and whether the configured
    spec files write theirs as YAML integers (`ListedIds.written_as_numbers`)."""

    ids: frozenset[str] = frozenset()
    written_as_numbers: bool = False


@contextmanager
def reserving_ids(config: Config, folder: Path, warn: Callable[[str], None] = lambda _: None,
                  *, note: Callable[[str], None] = lambda _: None,
                  listed: bool = True) -> Iterator[IdsInUse]:
    """`reserving`, giving the ids in use: with `listed`, the other work trees' and those
    of the configured spec files, from one listing (`SpecFileListing`) made under the
    lock, each file read once: the files it lists and those it skips and its notes name
    (`skipped_spec_ids`), and the ids their file names start with (`named_ids`: a spec
    whose id differs from its name's still shows that one), and the YAML files left among
    Markdown specs (`unread_yaml_spec_ids`: `unread-yaml-spec`'s); its notes go to `note`
    (as validate says them), what `reserving` warns of to `warn`."""
    later: list[str] = []
    with reserving(config, folder, later.append) as elsewhere:
        in_use = IdsInUse()
        if listed:
            listing = SpecFileListing(config)
            for said in listing.notes():
                note(said)
            files = listed_spec_ids(listing(), config)
            in_use = IdsInUse(frozenset((*files.ids, *skipped_spec_ids(listing, config),
                                         *named_ids(listing(), config),
                                         *unread_yaml_spec_ids(config), *elsewhere)),
                              files.written_as_numbers)
        for warning in later:
            warn(warning)
        yield in_use


@contextmanager
def reserving(config: Config, folder: Path,
              warn: Callable[[str], None] = lambda _: None) -> Iterator[frozenset[str]]:
    """Hold the lock under which `new` picks an id and writes its spec, and give the ids
    the spec files of the repository's other work trees hold (read under the lock, so a
    `new` run there at the same time is seen, or waits). The lock is on the common git
    folder (`git rev-parse --git-common-dir`), which every work tree of the repository
    shares; outside a repository, on `folder`. It is an flock on the folder itself:
    nothing is written for it. A work tree whose files cannot be read is `warn`ed of."""
    trees = work_trees(config.root)
    with _locked(trees.common_git_dir if trees is not None else folder):
        yield _ids_of_other_work_trees(config, trees, warn) if trees else frozenset()


def _ids_of_other_work_trees(config: Config, trees: WorkTrees,
                             warn: Callable[[str], None]) -> frozenset[str]:
    """The ids of the spec files of each work tree of `trees.others`, read as this
    configuration reads its own at the same place there (`check.spec_ids`: a file that
    does not load counts by the id it shows; a YAML file left among Markdown specs by
    the ids it shows, `unread_yaml_spec_ids`)."""
    below = real_path(config.root)
    top = real_path(trees.top)
    if not below.is_relative_to(top):
        return frozenset()
    found: set[str] = set()
    for other in trees.others:
        try:
            there = replace(config, root=other / below.relative_to(top), file=None)
            found.update((*spec_ids(there, missing_ok=True), *unread_yaml_spec_ids(there)))
        except (SpecrepoError, OSError) as error:
            warn(f"the spec files of the work tree {other} could not be read ({error}): "
                 "an id one of them holds may be given again")
    return frozenset(found)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on a folder (flock; nothing is written for it)."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    descriptor = inputs.reader.open_descriptor(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)
