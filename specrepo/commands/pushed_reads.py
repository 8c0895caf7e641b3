"""`validate --history --pre-push`'s refusal of a work tree other than the commit pushed: every
file the run reads from the work tree, which CI reads from the commit, compared with the
commit by content (`gitio.commit_match`), whatever git's status makes of it."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.errors import UsageError
from specrepo.base.paths import real_path, relative_below
from specrepo.check.compiled_schema import SpecSchemaOnce
from specrepo.check.findings_key import findings_input_files
from specrepo.commands.differences_named import named_differences
from specrepo.configuration.config_location import NEAR_MISSES, near_misses
from specrepo.gitio.attribute_sources import ATTRIBUTES_FILE
from specrepo.gitio.commit_match import (
    committed_files,
    differing_files,
    staged_changes,
)
from specrepo.gitio.consulted_files import git_consulted_files, read_from_index
from specrepo.gitio.git_command import Git
from specrepo.gitio.repository import RepositoryState
from specrepo.load.locations import SpecLocation, literal_folder, location_matcher
from specrepo.model.config import Config


def refuse_uncommitted(config: Config, git: Git, state: RepositoryState) -> None:
    """Raise `UsageError` when a file the run reads differs in the work tree, or in the
    index, from HEAD (the commit pushed; none: nothing to compare): every file of every
    spec location (a file `exclude:` names too: the history reads those its commits read
    as specs), the configuration (and the near misses of its name that finding it
    refuses), the schema and every file its references reach, the `.gitattributes` files
    git consults for them (those of their folders and the folders above, and every one
    git tracks or lists), `.mailmap` (and `mailmap.file` in the work tree) and
    `.gitmodules`. Compared by content (`gitio.commit_match.differing_files`): an ignored
    file, and one marked assume-unchanged or skip-worktree, are compared as any other.
    Raises `HistoryError` when git fails."""
    if state.head is None:
        return
    top = state.work_tree
    locations, walked = _read_locations(config, top)
    singles = _single_files(config, git, state, locations)
    is_spec = location_matcher(locations)
    places = [literal_folder(location) for location in locations]
    # A file location, a linked spec folder (git keeps the link), read as a file.
    singles.update(place for place in places if place and not _is_folder(top / place))

    def is_read(path: str) -> bool:
        return path in singles or is_spec(path) or posixpath.basename(path) == ATTRIBUTES_FILE

    committed = {path: entry for path, entry in committed_files(
        git, state.head, [*places, *singles]).items() if is_read(path)}
    present = [path for path in singles if inputs.reader.lexists(top / path)]
    work = [*present, *(path for path in walked if is_read(path))]
    differing = set(differing_files(git, top, state.head, committed, work))
    differing -= read_from_index(top, differing)  # the index's, compared as staged below
    staged = {path for path in staged_changes(git, state.head) if is_read(path)} - differing
    if differing or staged:
        raise UsageError(_refusal(git, top, committed, sorted(differing), sorted(staged)))


def _read_locations(config: Config, top: Path) -> tuple[list[SpecLocation], list[str]]:
    """The spec locations (from the top folder `top`, their exclusions dropped), with the
    places linked spec files lead to (as `spec_locations_below` adds them), and every file
    below them (`_walk`). The links are found in the walk, not by discovering the spec
    files (a second listing of every spec folder: 15 ms at 2,000 specs)."""
    from specrepo.history.mine import spec_locations_below  # noqa: PLC0415 (as validate's)

    def located(links: Iterable[Path]) -> tuple[list[SpecLocation], list[str]]:
        found = [location.excluding(()) for location in spec_locations_below(
            config, top, lambda: [real_path(link) for link in links])]
        return found, _walk(top, [literal_folder(location) for location in found])

    locations, walked = located(())
    is_spec = location_matcher(locations)
    links = [top / path for path in walked
             if is_spec(path) and inputs.reader.islink(top / path)]
    return located(links) if links else (locations, walked)


def _single_files(config: Config, git: Git, state: RepositoryState,
                  locations: Iterable[SpecLocation]) -> set[str]:
    """The files read one by one (from the top of the work tree): the configuration and
    the near misses of its name that finding it refuses (in its folder and those above:
    `configuration.config_location`; those of another case only as the work tree has
    them), the schema's files, and the files git reads (`gitio.consulted_files`): its own,
    the attributes files of their folders, of the spec locations' and of the folders above
    them, and those git lists anywhere (tracked, or untracked and not ignored)."""
    relative = relative_below(state.work_tree)
    named = list(findings_input_files(config, SpecSchemaOnce(config)()))
    for looked_in in (config.root, *config.root.parents):
        named += [*(looked_in / name for name in NEAR_MISSES), *near_misses(looked_in)]
        if real_path(looked_in) == real_path(state.work_tree):
            break
    files = {found for found in map(relative, map(real_path, named)) if found}
    folders = [*map(posixpath.dirname, files), *map(literal_folder, locations)]
    return files | git_consulted_files(git, state.work_tree, state.settings, folders, [""])


def _walk(top: Path, places: Iterable[str]) -> list[str]:
    """Every file (or link) below the folders `places` (from the top folder `top`; a file
    or a link among them is read as a single file), from the top, the links to folders
    not entered, nor a submodule or a nested repository (the commit holds no file of
    theirs, and validate reads none: `load.nested_repositories`)."""
    found: set[str] = set()
    walked: list[str] = []
    for place in sorted(set(places)):
        if any(place == done or place.startswith(f"{done}/") or not done for done in walked):
            continue
        walked.append(place)
        if place and not _is_folder(top / place):
            continue  # a file, or a link (its target is a location of its own): a single
        for folder, folders, names in inputs.reader.walk(top / place if place else top):
            if folder != str(top) and (".git" in folders or ".git" in names):
                folders.clear()  # a submodule or a nested repository: none of its files
                continue
            folders[:] = [name for name in folders if name != ".git"]
            base = Path(folder).relative_to(top).as_posix()
            prefix = "" if base == "." else f"{base}/"
            found.update(prefix + name for name in names)
            found.update(prefix + name for name in folders
                         if inputs.reader.islink(Path(folder) / name))
    return sorted(found)


def _is_folder(path: Path) -> bool:
    """Whether `path` is a folder, not a link to one."""
    return inputs.reader.isdir(path) and not inputs.reader.islink(path)


def _refusal(git: Git, top: Path, committed: Iterable[str], differing: list[str],
             staged: list[str]) -> str:
    """The refusal's words: each file named, with why git's status may not show it."""
    named = named_differences(git, top, committed, differing, staged)
    advice = ("; a file git ignores is committed with `git add --force`, stashed with `git "
              "stash --all`") if named.ignored else ""
    return (f"the work tree differs from the commit pushed (HEAD) in {named.shown}: "
            "--pre-push judges the pushed commits as CI will, and validate reads the work "
            "tree; commit these changes, or stash them (`git stash --include-untracked`"
            f"{advice}{named.unmark}), and push again")
