"""Files of the work tree whose index entry carries an assume-unchanged or skip-worktree
bit, whose edits `git status` and `git diff` do not show (`hidden_edits` tells which are
edited): as `git ls-files --stage -v` names them, and which of the files every spec is
judged against are listed with the spec files (`listed_inputs`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from specrepo.base import inputs
from specrepo.base.paths import real_path
from specrepo.gitio.commit_match import hides_changes
from specrepo.gitio.git_command import Git
from specrepo.model.config import CONFIG_FILE_NAME, Config


class FlaggedFile(NamedTuple):
    """A file in the work tree whose index entry is marked assume-unchanged or
    skip-worktree (`git ls-files -v`: a lowercase tag, or `S`)."""

    path: str
    """From the folder git ran in (the configuration's)."""
    mode: str
    """The index's mode (`100644`, `120000`, ...)."""
    blob: str
    """The object id of the index's version."""


def listed_inputs(config: Config, top: Path | None) -> frozenset[str]:
    """The files (from `config.root`) of those every spec's findings depend on
    (`findings_input_files`) that the configuration names without reading the schema,
    whose flags `refuse_specs_outside_sparse_checkout` reads with the spec files': the
    configuration file (or where it would be) and the schema's own file, each in the work
    tree of `top` (none outside one)."""
    named = (config.file or config.root / CONFIG_FILE_NAME, config.schema_path)
    return frozenset(path for path in (git_path(config, top, file) for file in named
                                       if file is not None) if path is not None)


def git_path(config: Config, top: Path | None, file: Path) -> str | None:
    """`file` as git names it from `config.root` (a link itself, not its target); None
    outside the work tree of `top` (or outside any: `top` None)."""
    if top is None:
        return None
    real = real_path(file.parent) / file.name
    if not real.is_relative_to(real_path(top)):
        return None
    return os.path.relpath(real, real_path(config.root)).replace(os.sep, "/")


def flagged_entry(meta: str, path: str) -> FlaggedFile | None:
    """The `FlaggedFile` of a `git ls-files --stage -v` record (`meta`: its tag, mode,
    object id and stage) of `path`; None for a conflicted path's stages."""
    if len(fields := meta.split(" ")) == 4 and fields[3] == "0":
        return FlaggedFile(path, fields[1], fields[2])
    return None


def flagged_among(git: Git, paths: Sequence[str]) -> tuple[FlaggedFile, ...]:
    """Those of the tracked files `paths` (from `git.folder`) that carry either bit: one
    `git ls-files`, none for no path."""
    if not paths:
        return ()
    return tuple(_flagged(git, [f":(literal){path}" for path in paths], lambda _: True))


def _flagged(git: Git, named: Sequence[str],
             keep: Callable[[str], bool]) -> list[FlaggedFile]:
    """The tracked files of the pathspecs `named` (from `git.folder`) that `keep` keeps and
    that carry either bit: one `git ls-files`."""
    listed = git.run("ls-files", "--stage", "-v", "-z", "--", *named)
    found = []
    for record in listed.decode("utf-8", "surrogateescape").split("\0"):
        meta, _, path = record.partition("\t")
        if hides_changes(meta[:1]) and path and keep(path) \
                and (entry := flagged_entry(meta, path)):
            found.append(entry)
    return found


def index_version(git_dir: Path | None) -> int:
    """The version of the index git reads (`GIT_INDEX_FILE`, else the git folder's `git_dir`);
    0 when there is none."""
    named = inputs.reader.environment().get("GIT_INDEX_FILE")
    index_file = Path(named) if named else git_dir / "index" if git_dir is not None else None
    if index_file is None:
        return 0
    try:
        with inputs.reader.open_binary(index_file) as index:
            header = index.read(8)
    except OSError:
        return 0
    return int.from_bytes(header[4:8], "big") if header[:4] == b"DIRC" else 0
