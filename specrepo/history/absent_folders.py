"""The configured spec folders a hook's commit leaves out of the work tree: a hook's run
(`validate --history --changed-since`) judges the commit being made, the index, so a
`specs:` folder the work tree lacks is no configuration error ("does not exist") where the
commit accounts for it: `git rm -r specs` (HEAD holds files there, the index none: the
commit removes every spec, each removal judged) or `rm -r specs` alone (the index still
holds them: the commit keeps them, their staged versions judged). A folder neither HEAD
nor the index holds (a first commit's, a typo) is the error it is for plain `validate`.
A plain `validate --history` (and `report`, `timeline`) judges the work tree against the
history: a folder the work tree lacks that some commit held (a commit made by `git rm -r
specs`, git keeping no empty folder) is an emptied spec set whose removals are judged; a
folder no commit ever held (a typo in `specs:`) stays the error. So does a glob, or a
folder git keeps for its other files, that lists no spec file, unless its spec files were
removed by some commit (`emptied_by_history`, asked only once the listing finds it empty)."""

from __future__ import annotations

from dataclasses import replace

from specrepo.base import inputs
from specrepo.gitio.git_command import Git
from specrepo.gitio.pending import folders_in_history, folders_of_commit, held_in_history
from specrepo.load.locations import SpecLocation
from specrepo.model.config import Config


def with_absent_folders(config: Config, *, hook: bool = True) -> Config:
    """`config` with the folder locations the work tree lacks whose absence is the commit
    being made's (a `hook`'s run: `Config.absent_folders`, `gitio.pending.folders_of_commit`)
    or, in a run judging the work tree, some commit's (`gitio.pending.folders_in_history`);
    `config` itself when none is missing (git is asked only then), or when no configuration
    file names the folders (the default `specs/` missing is a run in the wrong folder, maybe:
    `require_spec_repository` says so, whatever a commit once held)."""
    if config.file is None:  # the default folder, no configuration: the wrong folder, maybe
        return config  # (`require_spec_repository` says so)
    missing = [location.path for location in config.locations if location.kind == "folder"
               and not (inputs.reader.exists(place := config.root / location.path)
                        or inputs.reader.islink(place))]
    if not missing:
        return config
    held = (folders_of_commit if hook else folders_in_history)(Git(config.root), missing)
    return replace(config, absent_folders=tuple(sorted(held))) if held else config


def emptied_by_history(config: Config, locations: tuple[SpecLocation, ...]) -> bool:
    """Whether each of `locations`, which list no spec file in the work tree (a glob, or a
    folder git still keeps for its other files), held spec files some commit HEAD
    reaches added (`gitio.pending.held_in_history`): an emptied spec set whose removals
    `validate --history` judges, as it judges a folder git removed with its last file."""
    return config.file is not None and held_in_history(Git(config.root), locations)
