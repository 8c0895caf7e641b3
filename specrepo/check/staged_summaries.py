"""The versions a hook's run (`validate --history --changed-since`) checks: of each spec
file whose work-tree copy differs from the index's, the staged version
(`HistoryCheck.staged`, `history.staged_specs`), so that its schema, fields and rules, its
status move, its id, its reviewers' dates and where its changes stand are those of the
commit being made, as `validate --history` will judge that commit once made, at the staged
version's lines. `validate` alone and `validate --history` without `--changed-since` check
the work tree's files."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.paths import display_path
from specrepo.check.history_rules import HistoryCheck
from specrepo.load.spec_files import spec_file_identity
from specrepo.load.staged_versions import StagedVersion
from specrepo.load.unlisted_folders import CANNOT_READ, unexaminable
from specrepo.model.config import Config
from specrepo.model.findings import Finding

STAGED_NOTE = ("its staged version differs from the work tree's: the staged one is "
               "checked, what the commit being made holds")
"""The note a hook's run gives on each such file."""
DELETED_NOTE = ("deleted from the work tree, not from the index: its staged version is "
                "checked, what the commit being made keeps")
"""The note on such a file the work tree does not have (`rm`, not `git rm`): it has no
version there to differ (trial50)."""


def staged_notes(history_check: HistoryCheck) -> list[str]:
    """A hook's note (`STAGED_NOTE`) on each file whose staged version is checked in place
    of the work tree's that differs (`HistoryCheck.staged`), or that the work tree deleted
    (`DELETED_NOTE`); none on a file that cannot be examined (below a folder that cannot
    be searched): whether it differs is not known."""
    top = history_check.history.work_tree
    return [f"{display_path(top / path)}: "
            f"{STAGED_NOTE if inputs.reader.lexists(top / path) else DELETED_NOTE}"
            for path in history_check.staged or () if unexaminable(top / path, top) is None]


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


_NAMED: int = 5
"""The staged files a folder's finding names at most (`with_staged_named`)."""


def with_staged_named(findings: Iterable[Finding], checked: Collection[Path]) -> list[Finding]:
    """A hook's run's `findings`, each on a spec folder that cannot be read (`file-read`:
    "cannot read the folder ...; the spec files in it are not checked") naming the files
    below it it `checked` as the commit being made holds them (their staged versions, which
    git reads whatever the folder's mode, `on_index`; a changed file the folder's mode
    lets it read), so that the file the user staged is named, not the folder alone."""
    return [_naming(finding, sorted((file for file in checked if finding.path in file.parents),
                                    key=lambda file: file.parts))
            if finding.rule == "file-read" and finding.message.startswith(CANNOT_READ[0])
            else finding for finding in findings]


def _naming(finding: Finding, below: list[Path]) -> Finding:
    """A folder's `finding` naming the checked files `below` it (none: as it is)."""
    if not below:
        return finding
    shown = ", ".join(display_path(file) for file in below[:_NAMED]) + (
        f" and {len(below) - _NAMED} more" if len(below) > _NAMED else "")
    return replace(finding, message=(
        f"{finding.message}, but for {shown}: checked as the index stages "
        f"{'it' if len(below) == 1 else 'them'}, what the commit being made holds"))
