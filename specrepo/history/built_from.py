"""What a site kept in the repository is built from: the newest commit that changed
anything but sites' own files, so that committing the site changes nothing it shows
(`site --check` passes on the commit that adds it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from specrepo.gitio.git_command import Git
from specrepo.gitio.newest_change import newest_change_besides
from specrepo.model.history import History


def built_from_sources(history: History, built: Callable[[Sequence[str]], bool]) -> History:
    """`history` as of the newest commit of HEAD's first-parent line that changed a file
    other than the files built into the repository (`built(paths)`: whether all of a
    commit's changed paths, from the top of the work tree, are sites' files): its `head`,
    `head_time` (as HEAD's line takes it: `LineTimes.taken_as`, else its committer time)
    and `head_offset` (its author's) that commit's, every age then measured to it. The
    commits after it changed only built files, so they add no event. The same history
    when that commit is HEAD, or none is. One `git log`, stopped at that commit. Raises
    `HistoryError` when git cannot read the line."""
    if history.head is None:
        return history
    source = newest_change_besides(Git(history.work_tree), built)
    if source is None or source.sha == history.head:
        return history
    taken = None if history.line_times is None else history.line_times.taken_as(source.sha)
    time, offset = taken if taken is not None else (source.committed, source.author_offset)
    return replace(history, head=source.sha, head_time=time, head_offset=offset)
