"""The versions a hook's run (`validate --history --changed-since`) checks: of each spec
file whose work-tree copy differs from the index's, the staged version
(`HistoryCheck.staged`, `history.staged_specs`), so that its schema, fields and rules, its
status move, its id, its reviewers' dates and where its changes stand are those of the
commit being made, as `validate --history` will judge that commit once made, at the staged
version's lines. `validate` alone and `validate --history` without `--changed-since` check
the work tree's files."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from specrepo.base.paths import display_path
from specrepo.check.history_rules import HistoryCheck
from specrepo.load.spec_files import spec_file_identity
from specrepo.load.staged_versions import StagedVersion
from specrepo.load.unlisted_folders import unexaminable
from specrepo.model.config import Config

STAGED_NOTE = ("its staged version differs from the work tree's: the staged one is "
               "checked, what the commit being made holds")
"""The note a hook's run gives on each such file."""


def staged_notes(history_check: HistoryCheck) -> list[str]:
    """A hook's note (`STAGED_NOTE`) on each file whose staged version is checked in place
    of the work tree's that differs (`HistoryCheck.staged`); none on a file that cannot be
    examined (below a folder that cannot be searched): whether it differs is not known."""
    top = history_check.history.work_tree
    return [f"{display_path(top / path)}: {STAGED_NOTE}" for path in history_check.staged or ()
            if unexaminable(top / path, top) is None]


def on_index(config: Config, history_check: HistoryCheck
             ) -> dict[Path, StagedVersion] | None:
    """The files (by identity, as the checked files are named) whose staged version a
    hook's run checks in place of the work tree's, with the bytes the index stages, or
    why it holds none to read (`history_check.staged`: over the size limit, unmerged:
    `load.staged_versions.read_staged` makes each a finding on the file), those the work
    tree deleted too (the commit holds them); None in a run that checks the work tree.
    This is what every check of a hook's run reads of a spec file that differs (the
    checks of one spec and across specs, `unused-field`)."""
    if not history_check.staged:
        return None
    return {file: raw for file, raw in staged_by_file(
        config, history_check.history.work_tree, history_check.staged).items()
        if raw is not None}


def staged_by_file(config: Config, work_tree: Path, staged: Mapping[str, StagedVersion | None]
                   ) -> dict[Path, StagedVersion | None]:
    """`staged` (paths from the repository's top `work_tree`) by the files' identities
    (`spec_file_identity`), as the checked files are named."""
    folders: dict[str, str] = {}
    return {spec_file_identity(work_tree / path, config.root, folders): raw
            for path, raw in staged.items()}
