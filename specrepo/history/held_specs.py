"""Which specs `diff --since-approval` compares with their approved versions: those HEAD
holds where HEAD's own configuration (or the work tree's) reads a spec, each against its
file in the work tree while the work tree's configuration reads it as a spec, else
`removed`: so a spec taken out of the set in the work tree (deleted, moved where no
location reads it, `exclude:` added, `specs:` narrowed) is removed since its approval, as
`specrepo diff` says it is removed, and one both configurations leave out is no spec, as
one deleted at HEAD."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.gitio.git_command import Git
from specrepo.gitio.objects import ObjectReader
from specrepo.history.config_file_bytes import config_bytes, config_file_path
from specrepo.history.config_history import configured_locations
from specrepo.history.configured_sides import carrying, file_in_force
from specrepo.history.mine import config_prefix, current_specs_only, spec_locations_below
from specrepo.history.moved_specs import may_have_moved
from specrepo.history.spec_pairs import SpecPair, changed_specs
from specrepo.load.locations import location_matcher
from specrepo.model.config import Config
from specrepo.model.history import History, SpecHistory


@dataclass(frozen=True)
class HeldSpecs:
    """The specs HEAD holds (`specs`), whether the work tree's configuration reads a path
    (from the top) as a spec (`is_spec`), where the work tree moved a spec's file
    (`moved`: HEAD's path -> the work tree's, as `specrepo diff` pairs them; None: no file
    continues it, `removed`, whatever file is at its path: `git rm b && git mv a b`), and
    what cannot be compared, in words."""

    specs: tuple[SpecHistory, ...]
    is_spec: Callable[[str], bool]
    moved: Mapping[str, str | None]
    warnings: tuple[str, ...] = ()


def held_specs(config: Config, history: History, files: Sequence[Path]) -> HeldSpecs:
    """The specs of `history` (mined with the work tree's configuration `config`; `files`
    its spec files) that HEAD holds at a path HEAD's configuration or the work tree's
    reads (when HEAD has no configuration file where the work tree has one, it may have
    it elsewhere: every spec HEAD holds). When HEAD's configuration file is the work
    tree's, those are the history's current specs (`current_specs_only`). Only when the
    configuration differs, a spec's file is no spec of the work tree, or the work tree
    may have moved one (`moved_specs.may_have_moved`: two files that swap ids too), is
    HEAD compared with the work tree (`changed_specs`, as `specrepo diff` does): a spec
    moved there is followed, and one HEAD holds in an approved state that the work tree's `exclude:`
    leaves out and the history did not read as a spec (so its approval is not known) is
    named in a warning, as `diff` names it `removed`. Raises `HistoryError` when git
    cannot read HEAD."""
    is_spec = location_matcher(spec_locations_below(config, history.work_tree, lambda: files))
    assert history.head is not None
    path = config_file_path(config, config_prefix(config, history.work_tree))
    git = Git(history.work_tree)
    objects = ObjectReader(git, config.max_file_size)
    try:  # HEAD between a deletion and the work tree's return: the deleted one's
        path, found = file_in_force(objects, path, history.head, carrying(git, config))
    finally:
        objects.close()
    head_raw, here = (found.content if found is not None else None), config_bytes(config)
    if (found is not None and head_raw is None) or head_raw == here:
        held = tuple(current_specs_only(config, history, files).at_head())
    else:
        located = configured_locations(head_raw, posixpath.dirname(path), ())[0]
        head_reads = location_matcher(located) if located and (
            found is not None or here is None) else lambda _: True
        held = tuple(spec for spec in history.at_head() if spec.current_path is not None
                     and (head_reads(spec.current_path) or is_spec(spec.current_path)))
    if head_raw == here and all(is_spec(spec.current_path or "") and inputs.reader.isfile(
            history.work_tree / (spec.current_path or "")) for spec in held) \
            and not may_have_moved(config, history, frozenset(files), lambda: None):
        return HeldSpecs(held, is_spec, {})
    pairs = changed_specs(config, None, as_history=False).pairs
    moved = {pair.old.path: pair.new.path if pair.new is not None else None
             for pair in pairs if pair.old is not None}
    return HeldSpecs(held, is_spec, moved, () if head_raw == here else _left_out(
        config, pairs, {spec.current_path for spec in held}))


def _left_out(config: Config, pairs: Sequence[SpecPair], held: set[str | None]
              ) -> tuple[str, ...]:
    """A warning for each spec HEAD holds in an approved state that the work tree's
    configuration takes out of the set and the history does not know (`held`: the paths
    it knows), of `pairs` (HEAD against the work tree, as `specrepo diff` names it
    `removed`)."""
    removed = [pair.old for pair in pairs
               if pair.old is not None and pair.new is None and pair.old.path not in held
               and pair.old.version.status in config.workflow.approved]
    return tuple(
        f"{side.path}: {side.version.spec_id or side.path} ({side.version.status} at HEAD) "
        "is no spec of the work tree's configuration, whose `exclude:` leaves it out: "
        "removed from the specs; not compared with its approved version, which the "
        "history did not read as a spec" for side in removed)
