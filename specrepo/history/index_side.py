"""The commit being made, as the index stages it, beside the work tree: its paths (one
`git ls-files --stage`) and its configuration where the index stages another than the
work tree holds (`git add specrepo.yaml` then edited again, or edited and not added), so
that the hooks judge what HEAD's spec set loses with the configuration the commit will
have, as `validate --history` judges the commit once made (small41's rule: the hooks
judge the index, not the work tree)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from specrepo.base.errors import ConfigError
from specrepo.gitio.git_command import Git
from specrepo.gitio.index_files import LINK_MODE, index_entries
from specrepo.history.config_file_bytes import blob_id, config_bytes, config_file_path
from specrepo.history.mine import config_prefix
from specrepo.load.locations import pathspecs
from specrepo.model.config import Config
from specrepo.model.history import History


class StagedConfig(NamedTuple):
    """The configuration the index stages at the work tree's configuration file's path,
    where it differs from the work tree's file."""

    config: Config
    """Read as `validate` would read it there (`config_version`: its spec locations,
    `exclude:`, workflow...)."""
    raw: bytes
    blob: str
    """Its object id."""


class IndexSide(NamedTuple):
    """What the hooks read of the index beside the work tree."""

    entries: Mapping[str, str] | None
    """Each path the index holds in the spec locations and at the configuration's path
    (from the top) -> its object id (stage 0, else the lowest), but those git records as
    intent-to-add (`git add -N`: `gitio.intent_to_add`), which it does not commit; None:
    not read (no commit yet)."""
    config_path: str | None = None
    """The configuration file's path from the top, where the index stages another file
    there than the work tree holds (`config_blob`); None: it stages the same, or none."""
    config_blob: str | None = None
    """The object id of the configuration the index stages there."""
    unwatched: frozenset[str] = frozenset()
    """Those of `entries` git does not compare with the work tree, marked assume-unchanged
    or skip-worktree (`git update-index`; `git ls-files -v`): `git diff-files` never names
    them, though `git commit` commits the index's version whatever the work tree's is."""
    links: frozenset[str] = frozenset()
    """Those of `entries` that are symbolic links (mode 120000): the commit holds the link,
    and the file it leads to only where it holds that too."""

    def stages_config_of(self, commit: str, top: Path) -> bool:
        """Whether the configuration the index stages, another than the work tree's
        (`config_blob`), is `commit`'s (its file at `config_path`; HEAD's: an edit of the
        work tree's not staged): then the commit being made keeps that configuration,
        which takes no spec out. One `git rev-parse` (in `top`), asked only then. Raises
        `HistoryError` when git cannot run."""
        if self.config_blob is None:
            return False
        found = Git(top).attempt("rev-parse", "--verify", "--quiet",
                                 f"{commit}:{self.config_path}")
        return found.returncode == 0 and found.stdout.decode().strip() == self.config_blob

    def staged_config(self, config: Config, top: Path) -> StagedConfig | None:
        """The configuration the index stages (`config_blob`), read as `validate` reads
        `config`'s file; None where the index stages the work tree's. One `git cat-file`
        (in `top`), asked only then. Raises `HistoryError` when git fails, `ConfigError`
        naming the file "as staged" where it does not load."""
        if self.config_blob is None or config.file is None:
            return None
        # Loaded only where the index stages another configuration: no YAML parsed else.
        from specrepo.configuration.config_file import config_version  # noqa: PLC0415

        raw = Git(top).run("cat-file", "blob", self.config_blob)
        try:
            read = config_version(raw, config.file)
        except ConfigError as error:
            raise ConfigError(f"{error} (the configuration as the index stages it, which "
                              "the commit being made holds)") from None
        return StagedConfig(read, raw, self.config_blob)


def index_side(config: Config, mined: History, *, staged_config: bool = True) -> IndexSide:
    """The index of the work tree `mined` was read in (its git folder's, or
    `GIT_INDEX_FILE`, which git reads), its entries in the spec locations and at the
    configuration's path from one `git ls-files --stage` (in place of the `git
    diff-index` `staged_away` would start), and the object id of the configuration it
    stages where that is not the work tree's file (`IndexSide.staged_config` reads it).
    Without `staged_config` (a plain `validate --history`, which judges the work tree's
    configuration), the entries in the spec locations alone, `staged_away`'s. Raises
    `HistoryError` when git fails, `ConfigError` (with `staged_config`) when the index
    holds no configuration file where the work tree has one."""
    if mined.head is None or mined.work_tree_git_dir is None:
        return IndexSide(None)
    if not staged_config:
        return _listed_entries(config, None)
    object_format = "sha256" if len(mined.head) == 64 else "sha1"
    path = config_file_path(config, config_prefix(config, mined.work_tree)) \
        if config.file is not None else None
    side = _listed_entries(config, path)
    if path is not None and side.entries is not None and path not in side.entries:
        raise ConfigError(
            f"{config.file_shown}: the index does not hold it (never added, its removal "
            "staged, or added with intent to add only), so the commit being made has no "
            "configuration, and CI will read it without one: `git add` it first")
    staged = side.entries.get(path) if path is not None and side.entries else None
    here = config_bytes(config)
    if staged is None or here is None or staged == blob_id(object_format, here):
        return side
    return side._replace(config_path=path, config_blob=staged)


def _listed_entries(config: Config, config_path: str | None) -> IndexSide:
    """The index's entries (path from the top -> object id, stage 0 else the lowest) in
    `config`'s spec locations and at `config_path` (from the top), as `git ls-files
    --stage` lists them, but its intent-to-add ones (`git add -N`), which `git commit`
    leaves out of the commit (`gitio.index_files`); those it marks assume-unchanged or
    skip-worktree (`IndexSide.unwatched`), and its links (`IndexSide.links`)."""
    named = [f":(top,literal){config_path}"] if config_path is not None else []
    found = index_entries(Git(config.root),
                          [*pathspecs(config.locations, from_top=False), *named])
    return IndexSide({path: entry.blob for path, entry in found.items()},
                     unwatched=frozenset(path for path, entry in found.items()
                                         if entry.unwatched),
                     links=frozenset(path for path, entry in found.items()
                                     if entry.mode == LINK_MODE))
