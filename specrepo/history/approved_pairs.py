"""The approved versions of specs beside their files today (the work tree's, HEAD's or
the index's), each read as the configuration of its own commit reads it, in the work
tree configuration's terms: what `diff --since-approval` and the hooks' approval checks
compare."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from specrepo.base import inputs
from specrepo.gitio.batch_names import missing_object
from specrepo.gitio.git_command import Git
from specrepo.gitio.log import WORK_TREE_BLOB
from specrepo.gitio.objects import ObjectReader
from specrepo.gitio.repository import open_repository
from specrepo.history.config_file_bytes import config_bytes, config_file_path
from specrepo.history.mine import config_prefix
from specrepo.history.readings import current_reading
from specrepo.history.side_reader import SideReader
from specrepo.history.side_readings import side_readings
from specrepo.history.spec_pairs import SpecPair
from specrepo.load.unlisted_folders import unexaminable
from specrepo.model.config import Config


def approved_pairs(config: Config, top: Path,
                   baselines: Sequence[tuple[str, str, str | None]],
                   head: str | None = None, staged: Mapping[str, str] | None = None,
                   is_spec: Callable[[str], bool] | None = None) -> tuple[SpecPair, ...]:
    """For each approved spec, given as (commit, path) of its version at its latest
    approval and its file at HEAD (None: no file continues it): that version (as the
    configuration of its commit reads it, in the work tree configuration's terms), and
    its file in the work tree (with `head`, that commit's; with `staged`, the blob the
    index stages at that path), None when there is none, or when `is_spec` (given a path
    from the top) says the work tree's configuration reads no spec there (excluded,
    outside `specs:`). Raises `HistoryError` when git cannot read an approved version (its
    object is missing: a damaged repository, whatever a warm cache says of it)."""
    git, state = open_repository(top)
    reader = SideReader(config, ObjectReader(git, config.max_file_size), state.work_tree,
                        state.git_dir)
    prefix = config_prefix(config, state.work_tree)
    config_path, written = config_file_path(config, prefix), config_bytes(config)
    target = current_reading(config, reader.prepare().source)
    pairs = []
    try:
        for commit, path, current in baselines:
            blob = reader.objects.blob_at(commit, path)
            if blob is None:
                _refuse_missing_object(git, commit, path)
                continue
            found = reader.objects.file_at(commit, config_path)
            reader.read_sides(side_readings(
                config, target, reader.objects, (commit, None),
                (found.content if found is not None else None, written), written, prefix,
                config_path, state.work_tree), [blob])
            old = reader.side(path, commit, blob)
            new = None
            if current is None:  # removed: another spec's file, maybe, at its path
                pass
            elif staged is not None:
                here = staged.get(current)
                new = None if here is None else reader.side(current, None, here)
            elif head is not None:
                here = reader.objects.blob_at(head, current)
                new = None if here is None else reader.side(current, head, here)
            elif (inputs.reader.isfile(state.work_tree / current)
                  or unexaminable(state.work_tree / current, state.work_tree) is not None) \
                    and (is_spec is None or is_spec(current)):  # one unexaminable: not read
                here = WORK_TREE_BLOB + current
                new = reader.side(current, None, here)
            pairs.append(SpecPair(old, new))
    finally:
        reader.close()
    return tuple(pairs)


def _refuse_missing_object(git: Git, commit: str, path: str) -> None:
    """Raise `HistoryError` when `commit`'s tree names a file at `path` whose object git
    does not hold (`git cat-file --batch` answers `missing` for either): a version that
    cannot be read is never one that did not change. `rev-parse` reads the trees only."""
    named = git.attempt("rev-parse", "--verify", "--quiet", f"{commit}:{path}")
    blob = named.stdout.decode().strip() if named.returncode == 0 else ""
    if blob:
        raise missing_object(blob, path, git.folder)
