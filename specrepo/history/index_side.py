"""The commit being made, as the index stages it, beside the work tree: its paths (one
read of git's index file) and its configuration where the index stages another than the
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
from specrepo.gitio.index_entries import index_entries
from specrepo.history.config_file_bytes import blob_id, config_bytes, config_file_path
from specrepo.history.mine import config_prefix
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
    """Each path the index holds (from the top) -> its object id (`index_entries`); None:
    not read (no commit yet, or an index only git can read)."""
    config_path: str | None = None
    """The configuration file's path from the top, where the index stages another file
    there than the work tree holds (`config_blob`); None: it stages the same, or none."""
    config_blob: str | None = None
    """The object id of the configuration the index stages there."""

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


def index_side(config: Config, mined: History) -> IndexSide:
    """The index of the work tree `mined` was read in (its git folder's, or
    `GIT_INDEX_FILE`), and the object id of the configuration it stages where that is
    not the work tree's file (`IndexSide.staged_config` reads it). Asks git only where
    the index file cannot be read here (one `git ls-files --stage` of the configuration
    file). Raises `HistoryError` when git fails."""
    if mined.head is None or mined.work_tree_git_dir is None:
        return IndexSide(None)
    object_format = "sha256" if len(mined.head) == 64 else "sha1"
    entries = index_entries(mined.work_tree_git_dir, object_format, mined.work_tree)
    if config.file is None:
        return IndexSide(entries)
    path = config_file_path(config, config_prefix(config, mined.work_tree))
    staged = entries.get(path) if entries is not None \
        else _staged_blob(Git(mined.work_tree), path)
    here = config_bytes(config)
    if staged is None or here is None or staged == blob_id(object_format, here):
        return IndexSide(entries)
    return IndexSide(entries, path, staged)


def _staged_blob(git: Git, path: str) -> str | None:
    """The object id the index stages at `path` (from the top; stage 0, else the lowest),
    None when it holds none there."""
    listed = git.run("ls-files", "--stage", "-z", "--full-name", "--", f":(top,literal){path}")
    first = listed.split(b"\0", 1)[0]
    return first.split(b" ")[1].decode() if first else None
