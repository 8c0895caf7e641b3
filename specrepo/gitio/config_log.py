"""The commits of HEAD's first-parent line that changed the configuration file, followed
where a commit moved or renamed it (`git mv specrepo.yaml design/`, with its specs; `git mv
spec-config.yaml cfg.yaml`): where the spec
set can change with no spec file changing (`specs:` narrowed, `exclude:` widened), and
where the workflow and the protected fields in force changed. The one place that says
where the configuration file was at an earlier commit of the line (trial36), renamed to
any name too (trial36c)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from subprocess import CompletedProcess
from typing import Protocol

from specrepo.base.deferred_dataclass import dataclass
from specrepo.gitio.config_deletions import deleted_before
from specrepo.gitio.config_moves import configuration_sources
from specrepo.gitio.git_command import Git, Started
from specrepo.gitio.graph import META_FORMAT, CommitMeta, listed_metas
from specrepo.gitio.tree_files import holds_entry, holds_file


@dataclass(frozen=True)
class LineChange:
    """A commit of the first-parent line that changed the configuration file, with its
    first parent; `path`: the file's path in the commit, `parent_path`: in the parent
    (another where the commit moved it there). Paths from the repository's top. `meta`:
    who made the commit and when, as the line's `git log` listed it (so that no `git
    show` asks again); not compared (None where a caller made the change itself)."""

    commit: str
    parent: str
    path: str
    parent_path: str
    meta: CommitMeta | None = field(default=None, compare=False, repr=False)


def first_parent_changes(git: Git, head: str, path: str, since: str | None = None, *,
                         forked: bool = False) -> list[LineChange] | None:
    """Each commit of `head`'s first-parent line whose configuration file (at `path` in
    `head`, from the repository's top) differs from its first parent's, oldest first (a
    root commit, which has none, is left out), followed through the commits that moved it
    (`followed`); with `since`, only those after it, and None when `since` is not on that
    line, or is `head` or a descendant of it (a run on a child or a merge: the caller asks
    for the whole line; one on `head` itself needs no call), as when a commit after
    `since` moved the file to `path` or added it there (where it took it from, a path
    `since`'s line of `path` never had, only the whole line says: a rename or a re-added
    file staged at `since` and committed since). `forked`: the caller knows `since` is a
    commit of that line before `head` (a branch's fork, from the commit graph: git is not
    asked). The whole line's are followed once per run (`Git.line_changes`). Raises
    `HistoryError` when git fails."""
    if since is None:
        if (kept := git.line_changes.get((head, path))) is None:
            kept = git.line_changes[head, path] = tuple(followed(
                git, git.text(*_log(head, path)), path, since, head))
        return list(kept)
    if not forked:
        listed = git.attempt("rev-list", "--first-parent", "--parents", f"{since}..{head}")
        if listed.returncode != 0:  # gone (rewritten, pruned), or no commit
            return None
        line = listed.stdout.decode().strip()
        oldest = line.rsplit("\n", 1)[-1].split(" ")  # none: `head` is `since`'s ancestor
        if len(oldest) < 2 or oldest[1] != since:
            return None
    found = followed(git, _range_log(git, head, path, since), path, since, head)
    if found and (
            any({change.path, change.parent_path} != {path} for change in found)
            or not _holds(git, found[0].parent, found[0].parent_path)):
        return None  # moved or added after `since`: where from, only the whole line says
    return found


def start_range_logs(git: Git, ranges: Sequence[tuple[str, str, str]]
                     ) -> list[tuple[str, str, str]]:
    """The logs `first_parent_changes(git, tip, path, fork)` reads of each of `ranges`
    (tip, the file's path there from the top, fork), started now, all at once, so that
    they run beside each other and beside whatever the caller does first (perf62: a
    cold `report` of the benchmark's 11,000 commits read three merged branches' logs one
    after another, 2-7 ms each); the first such call takes its answer
    (`Git.started_ranges`). Returns those it started: `stop_range_logs` ends those not
    taken. Raises `HistoryError` when git cannot start."""
    started = []
    try:
        for tip, path, fork in dict.fromkeys(ranges):
            if (tip, path, fork) not in git.started_ranges:
                git.started_ranges[tip, path, fork] = Started(git, *_log(f"{fork}..{tip}", path))
                started.append((tip, path, fork))
    except BaseException:
        stop_range_logs(git, started)
        raise
    return started


def stop_range_logs(git: Git, started: Sequence[tuple[str, str, str]]) -> None:
    """End the logs of `started` (`start_range_logs`' keys) no call took: no git is left
    running."""
    for key in started:
        if (waiting := git.started_ranges.pop(key, None)) is not None:
            waiting.stop()


def _range_log(git: Git, head: str, path: str, since: str) -> str:
    """What `_log` lists of the commits of `head`'s first-parent line after `since` that
    changed `path`, as `Git.text` gives it: taken from a log started ahead
    (`start_range_logs`) when there is one. Raises `HistoryError` when git fails."""
    started = git.started_ranges.pop((head, path, since), None)
    if started is None:
        return git.text(*_log(f"{since}..{head}", path))
    answer = started.answer()
    if answer.returncode != 0:
        raise started.failure(answer.stderr)
    return answer.stdout.decode("utf-8", "surrogateescape").rstrip("\n")


def followed(git: Git, listed: str, path: str, since: str | None = None,
             head: str | None = None) -> list[LineChange]:
    """The commits of a first-parent line that changed the file at `path` (`listed`: what
    `_log` lists of them) as `LineChange`s, oldest first, continued before the oldest
    when it added the file there taking it from another path of its parent
    (`configuration_sources`: the file git's rename detection pairs it with, of any name
    in any folder, else a copy, else the configuration it deleted as it added this one),
    else from the configuration an earlier commit deleted (`deleted_before`): the line's
    commits that changed it there, and so on (after `since` only, when given: there, a
    file added after `since` ends the line). A `head` whose whole line never had the file
    (the work tree adds it) goes on from that deleted one the same way. A file added
    where no configuration was ever deleted (specrepo adopted) ends the line; a stretch
    where the file was at another path (renamed away and back) with that path's changes
    (`_gaps_filled`). Raises `HistoryError` when git fails."""
    found: list[LineChange] = []
    if not listed.strip() and head is not None and since is None:
        earlier = deleted_before(git, head, path, None)
        if earlier is not None:
            path, listed = earlier, git.text(*_log(head, earlier))
    while pairs := _pairs(listed):
        found[:0] = [LineChange(meta.sha, meta.parents[0], path, path, meta) for meta in pairs]
        commit, parent = pairs[0].sha, pairs[0].parents[0]
        # a file the parent holds there was changed, not added: taken from nowhere
        sources = [] if holds_file(git, parent, path) \
            else configuration_sources(git, commit, [parent], path)
        if sources:
            earlier = sources[0][1]
        elif since is not None or _rooted(listed) or _holds(git, parent, path):
            break  # the line's first change of the file, or one after `since`
        elif (earlier := deleted_before(git, parent, path, commit)) is None:
            break
        found[0] = LineChange(commit, parent, path, earlier, pairs[0])
        path = earlier
        listed = git.text(*_log(f"{since}..{parent}" if since else parent, path))
    return _gaps_filled(git, found)


def _gaps_filled(git: Git, changes: list[LineChange]) -> list[LineChange]:
    """`changes` (oldest first) with each stretch between a commit that took the file
    away from its path and a later one that brought it back there from another path (a
    rename away and back, `git mv specrepo.yaml b.yaml`, then back: `path`'s log has a
    gap, lines42) filled with that path's changes, the commit that took it away moving it
    there. Which commits added the file the run's log of it tells (`logged_additions`),
    else one `git cat-file --batch-check` of their parents; only such a commit asks where
    it came from."""
    from specrepo.gitio.config_deletions import blob_sizes  # noqa: PLC0415 (cycle)
    from specrepo.gitio.watched_log import logged_additions  # noqa: PLC0415

    kept = [(change.commit, change.path) for change in changes[1:]
            if change.path == change.parent_path]
    added = logged_additions(git, kept)
    untold = set(kept) - set(added)
    if unknown := [(change.parent, change.commit, change.path) for change in changes[1:]
                   if (change.commit, change.path) in untold]:
        held = blob_sizes(git, [f"{parent}:{path}" for parent, _, path in unknown])
        added.update(((commit, path), f"{parent}:{path}" not in held)
                     for parent, commit, path in unknown)
    if not any(added.values()):
        return changes
    filled = changes[:1]
    for change in changes[1:]:
        before = filled[-1]
        if change.path == change.parent_path == before.path == before.parent_path \
                and added.get((change.commit, change.path), False):
            sources = configuration_sources(git, change.commit, [change.parent], change.path)
            earlier = sources[0][1] if sources else change.path
            between = followed(git, git.text(*_log(f"{before.parent}..{change.parent}",
                                                   earlier)), earlier, before.parent) \
                if earlier != change.path else []
            if between and between[0].commit == before.commit \
                    and between[0].parent_path == before.path:
                filled[-1:] = between  # the move away, and the changes at `earlier`
                filled.append(LineChange(change.commit, change.parent, change.path, earlier,
                                         change.meta))
                continue
        filled.append(change)
    return filled


def _rooted(listed: str) -> bool:
    """Whether `_log` listed a root commit (the file's first version came with it)."""
    return any(not meta.parents for meta in listed_metas(listed))


def _holds(git: Git, revision: str, path: str) -> bool:
    """Whether `revision` has a file (or any object) at `path` (from the top): a file
    looked for through the `Git`'s shared `cat-file` first (`holds_file`), then in its
    trees (`holds_entry`: no fetch in a partial clone)."""
    return holds_file(git, revision, path) or holds_entry(git, revision, path)


def adding_commit(git: Git, head: str, path: str,
                  changes: Sequence[LineChange] | None = None) -> tuple[str, str] | None:
    """The commit of `head`'s first-parent line that added the configuration file (at
    `path` in `head`, from the top), followed through its moves (`changes`: its
    `first_parent_changes`, asked of git when None), with the file's path there: the
    oldest change when its parent had no file where the change took it from, else the
    line's root commit (the file came with it; a shallow clone's boundary); None when the
    line has no root commit. Raises `HistoryError` when git fails."""
    if changes is None:
        changes = first_parent_changes(git, head, path) or []
    if changes and not holds_entry(git, changes[0].parent, changes[0].parent_path):
        return changes[0].commit, changes[0].path
    roots = git.text("rev-list", "--first-parent", "--max-parents=0",
                     changes[0].parent if changes else head).split()
    return (roots[0], changes[0].parent_path if changes else path) if roots else None


class _Moved(Protocol):
    @property
    def parent_path(self) -> str: ...  # pragma: no cover


def line_paths(path: str, changes: Sequence[_Moved]) -> list[str]:
    """The paths the configuration file had along a line (`path`: today's first, then
    each earlier one, newest first) from its `changes` (oldest first, each naming the
    file's path in its commit's parent: `LineChange`, or any that keeps the moves)."""
    return list(dict.fromkeys([path, *(change.parent_path for change in reversed(changes))]))


class StartedChanges:
    """`first_parent_changes(git, head, path)` of the whole line, asked of git now, so
    that git answers while the caller walks the history; `finish` waits for the answer
    (`changes` reads it), `stop` ends git when it is not wanted."""

    def __init__(self, git: Git, head: str, path: str) -> None:
        self._git, self._path, self._head = git, path, head
        self._started = Started(git, *_log(head, path))
        self._answer: CompletedProcess[bytes] | None = None
        self._changes: tuple[LineChange, ...] | None = None

    def finish(self) -> None:
        """Wait for git's answer: no process is left running."""
        if self._answer is None:
            self._answer = self._started.answer()

    def changes(self) -> list[LineChange]:
        """See `first_parent_changes` (followed once, for every asker); raises
        `HistoryError` when git failed."""
        self.finish()
        assert self._answer is not None
        if self._answer.returncode != 0:
            raise self._started.failure(self._answer.stderr)
        if self._changes is None:
            self._changes = self._git.line_changes.setdefault(
                (self._head, self._path), tuple(followed(self._git, self._answer.stdout.decode(
                    "utf-8", "surrogateescape"), self._path, head=self._head)))
        return list(self._changes)

    def stop(self) -> None:
        """End git if it still runs."""
        self._started.stop()


def _log(revisions: str, path: str) -> tuple[str, ...]:
    """The `git log` that lists the first-parent commits of `revisions` changing `path`,
    each with its parents, author and times (`gitio.graph.META_FORMAT`)."""
    return ("log", "--first-parent", META_FORMAT, revisions, "--", f":(literal){path}")


def _pairs(listed: str) -> list[CommitMeta]:
    """Each commit `_log` listed (newest first), oldest first; a root commit, which has no
    first parent, left out."""
    return [meta for meta in reversed(listed_metas(listed)) if meta.parents]
