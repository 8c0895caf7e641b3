"""The work tree's uncommitted change, as `specrepo diff` (HEAD against the work tree) sees
it: the specs it changed, paired with HEAD's versions as diff pairs them (`changed_specs`),
and the other files it changed (`git diff HEAD`). What a trace judges links by: an
uncommitted edit is newer than every commit."""

from __future__ import annotations

from collections.abc import Sequence

from specrepo.base.deferred_dataclass import dataclass
from specrepo.gitio.flagged_files import FlaggedFile
from specrepo.gitio.git_command import Git
from specrepo.gitio.revisions import uncommitted_files
from specrepo.history.item_versions import item_in
from specrepo.history.side_reader import SpecSide
from specrepo.history.spec_pairs import changed_specs
from specrepo.load.document import JsonPath, JsonValue
from specrepo.model.config import Config


@dataclass(frozen=True)
class UncommittedChange:
    """What the work tree (with the index) changed since HEAD."""

    specs: dict[str, tuple[SpecSide | None, SpecSide]]
    """Each spec file the work tree changed (from the top of the work tree) -> HEAD's
    version of it (None: HEAD has none) and the work tree's, as `specrepo diff` pairs them
    (moves followed)."""
    files: frozenset[str]
    """Every file whose work tree or index version differs from HEAD's."""

    def item_change(self, path: str, list_path: JsonPath, item_id: str
                    ) -> tuple[JsonValue, JsonValue] | None:
        """(HEAD's item, the work tree's) of the item `item_id` in the list `list_path` of
        the spec file `path`, when the work tree changed it; else None."""
        if path not in self.specs:
            return None
        head, work_tree = self.specs[path]
        before, now = (None if side is None or side.content is None
                       else item_in(side.content.data, list_path, item_id)
                       for side in (head, work_tree))
        return None if before == now else (before, now)


def uncommitted_change(config: Config, flagged: Sequence[FlaggedFile] = ()
                       ) -> UncommittedChange:
    """The work tree's uncommitted change of `config`'s repository (it has a commit); the
    files of a submodule or a nested repository are no change of it (trace never scans
    them: `check_trace_globs` says so); a spec of `flagged` (`Checkout.flagged`) edited
    behind its assume-unchanged or skip-worktree bit is changed too, though git says it
    is not. Raises `HistoryError` when git cannot tell it."""
    found = changed_specs(config, None, as_history=False, nested_left_out=True,
                          flagged=flagged)
    specs = {pair.new.path: (pair.old, pair.new) for pair in found.pairs
             if pair.new is not None}
    return UncommittedChange(specs, uncommitted_files(Git(config.root)))
