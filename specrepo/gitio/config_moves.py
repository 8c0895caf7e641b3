"""Where a commit that added the configuration file took it from: the configuration moved
with its specs (`git mv specrepo.yaml design/`), or brought in by a subtree import
(`git read-tree --prefix=design/`), whose earlier versions name the spec locations of the
commits before, relative to the folder it was in then."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from typing import Final

from specrepo.gitio.git_command import Git

_GLOB_SPECIAL: Final = re.compile(r"([*?\[\]\\])")


def configuration_sources(git: Git, commit: str | None, parents: Sequence[str],
                          path: str) -> list[tuple[str, str, str]]:
    """(parent, path, blob) of each file named as `path` is (its last part) that `commit`
    (None: the work tree) took the file at `path` from (paths from the repository's top):
    in each parent that lacks `path`, the files of that name the commit deletes, or whose
    content the file at `path` has (a copy brought in beside one the commit keeps; the
    work tree's deletions only). The deletions come first. Raises `HistoryError` when git
    cannot diff."""
    name = _GLOB_SPECIAL.sub(r"\\\1", posixpath.basename(path))
    found: list[tuple[str, str, str]] = []
    for parent in parents:
        raw = git.run("diff-tree" if commit is not None else "diff", *(
            ("-r",) if commit is not None else ()), "--raw", "-z", "--no-renames",
            "--no-abbrev", "--no-ext-diff", parent, *((commit,) if commit else ()), "--",
            f":(top,glob)**/{name}")
        entries = _entries(raw)
        added = entries.get(path)
        if added is None or added[0] is not None or added[1] is None:
            continue  # this parent has the file at `path` already (or the commit lacks it)
        found.extend((parent, other, old) for other, (old, new) in sorted(
            entries.items(), key=lambda entry: (entry[1][1] is not None, entry[0]))
            if other != path and old is not None and (new is None or old == added[1]))
    return found


def _entries(raw: bytes) -> dict[str, tuple[str | None, str | None]]:
    """path -> (old blob, new blob; None: no file there) of a `--raw -z` diff's files."""
    tokens = raw.split(b"\0")
    entries = {}
    for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
        if not meta.startswith(b":"):
            continue
        old_mode, new_mode, old_sha, new_sha, _ = meta[1:].decode().split(" ", 4)
        entries[path.decode("utf-8", "surrogateescape")] = (
            old_sha if old_mode.startswith("100") else None,
            new_sha if new_mode.startswith("100") else None)
    return entries
