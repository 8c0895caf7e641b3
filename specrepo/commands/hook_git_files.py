"""A hook's run (`validate --history --changed-since`: the commit being made is the index)
refuses a work tree whose files git reads itself differ from the index's: `.mailmap`,
`mailmap.file`, `.gitmodules` and the `.gitattributes` files that apply to the spec
locations, the configuration and the schema (`gitio.consulted_files`). git reads them
from the work tree, where CI's checkout of the commit once made holds the index's, and
git has no way to read them from the index: an unstaged `.mailmap` edit would change
whose approval counts, an untracked `.gitattributes` how a staged spec is read."""

from __future__ import annotations

import posixpath
from pathlib import Path

from specrepo.base.errors import UsageError
from specrepo.base.paths import real_path, relative_below
from specrepo.commands.differences_named import named_differences
from specrepo.gitio.commit_match import differing_from_index
from specrepo.gitio.consulted_files import git_consulted_files, read_from_index
from specrepo.gitio.git_command import Git
from specrepo.gitio.repository import git_settings
from specrepo.history.mine import spec_locations_below
from specrepo.load.locations import literal_folder
from specrepo.model.config import Config


def refuse_unstaged_git_files(config: Config, top: Path) -> None:
    """Raise `UsageError` when one of the files git reads (`git_consulted_files`: its own,
    and the attributes files of the spec locations' folders, of the configuration's and
    the schema file's, of the folders above them, and those git lists below the spec
    locations' folders) differs in the work tree (from its top folder `top`) from the
    index, compared by content (`differing_from_index`: a file marked assume-unchanged or
    skip-worktree too, an untracked or ignored one, one deleted from the work tree alone,
    but an attributes file, whose index version git reads then: `read_from_index`).
    Three git processes (`git config`, two `git ls-files`). Raises `HistoryError` when git
    fails."""
    git, relative = Git(top), relative_below(top)
    places = [literal_folder(location) for location in spec_locations_below(config, top, tuple)]
    named = [found for file in (config.file, config.schema_path) if file is not None
             and (found := relative(real_path(file)))]
    consulted = git_consulted_files(git, top, git_settings(git),
                                    [*places, *map(posixpath.dirname, named)], places)
    entries, differing = differing_from_index(git, top, sorted(consulted))
    differing = sorted(set(differing) - read_from_index(top, differing))
    if not differing:
        return
    named_files = named_differences(git, top, entries, differing)
    ignored = "; `git add --force` for a file git ignores" if named_files.ignored else ""
    raise UsageError(
        f"the work tree differs from the index (the commit being made) in "
        f"{named_files.shown}: git reads each from the work tree, and CI will read each "
        "as the commit holds it: `git add` them"
        f"{ignored}{named_files.unmark}, or stash what is not staged (`git stash "
        "--keep-index --include-untracked`), and commit again")
