"""The newest commit of HEAD's first-parent line whose changes a caller counts: what a site
kept in the repository is built from, its own files' commits left out."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from itertools import islice
from typing import Final

from specrepo.gitio.git_command import Git
from specrepo.gitio.graph import META_FORMAT, CommitMeta, fields_metas

_META_FIELDS: Final = 7
"""The fields `META_FORMAT` gives of each commit."""
_RAW_ENTRY: Final = re.compile(r"\n?:[0-7]{6} [0-7]{6} [0-9a-f]+ [0-9a-f]+ [A-Z][0-9]*\Z")
"""The first field of a changed file in `git log --raw -z` (the second is its path): the
first after a commit's fields follows a line break."""


def newest_change_besides(git: Git, built: Callable[[Sequence[str]], bool]
                          ) -> CommitMeta | None:
    """The newest commit of HEAD's first-parent line, compared with its first parent (a
    merge too), that changed a file `built` does not count as built: `built(paths)` says
    whether all the paths a commit changed (from the top of the work tree) are files built
    into the repository (a site committed there), which nothing is built from. A commit
    that changed nothing is passed, as git's path limiting passes it. None when every
    commit changed only built files. One `git log`, read as it comes and stopped at the
    commit found; raises `HistoryError` when git cannot list the line."""
    fields = git.fields("log", "--first-parent", "--diff-merges=first-parent", "--no-renames",
                        "--raw", "--no-abbrev", "-z", META_FORMAT, "HEAD", "--")
    with closing(fields):  # git stopped at once, not when the generator is collected
        for meta, paths in _changes(fields):
            if paths and not built(paths):
                return meta
    return None


def _changes(fields: Iterator[str]) -> Iterator[tuple[CommitMeta, list[str]]]:
    """Each commit of a `git log --raw -z` in `META_FORMAT`, from its NUL-separated
    `fields`, with the paths it changed. Unambiguous whatever the paths hold: a path is only
    ever read as the field after a changed file's first (`_RAW_ENTRY`), and a commit's
    fields start with its id, never such a field."""
    pending: str | None = None
    while True:
        head = [pending] if pending is not None else []
        head.extend(islice(fields, _META_FIELDS - len(head)))
        if len(head) < _META_FIELDS or not head[0]:
            return
        meta, = fields_metas(head)
        paths: list[str] = []
        pending = next(fields, None)  # the empty field that ends the commit's own
        while pending is not None and (not pending or _RAW_ENTRY.match(pending)):
            if pending:
                paths.append(next(fields, ""))
            pending = next(fields, None)
        yield meta, paths
        if pending is None:
            return
