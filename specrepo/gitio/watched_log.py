"""The commits that changed a few files (the configuration file, the spec schema), asked
of git before a walk reads the history, and the versions of one file along a commit's
first parents: how the configuration's workflow changed, ahead of the versions of specs it
reads (`history.rename_line`). One log of the files serves every asker of a run: the walk's
look-ahead and the merges of the departures (`file_commits`) read the history of the
configuration once (`Git.file_logs`; cold41: two logs of it made a cold `report` of the
benchmark's 11,000 commits 80 ms of processor time dearer)."""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence

from specrepo.gitio.git_command import Git, Started
from specrepo.gitio.graph_range import range_parents
from specrepo.gitio.intent_to_add import ITA_INVISIBLE
from specrepo.gitio.log import CommitRecord

Logged = tuple[str, tuple[str, ...], tuple[tuple[str, str | None, str | None], ...]]
"""A commit (`_logged`), its parents and, for each file it changed against its first
parent, (path, old blob, new blob): None where the file is not there, or is no file."""


def watched_changes(git: Git, head: str, since: str | None, paths: Sequence[str],
                    graph: tuple[Mapping[str, tuple[str, ...]], Sequence[str]] | None = None
                    ) -> list[CommitRecord]:
    """The commits HEAD `head` reaches (not those `since` reaches) that changed one of
    `paths` (from the repository's top) against their first parent, and each merge whose
    parents' lines bring it different changes of them (`_followed`: the merges whose
    join renames a state), parents first, each with its parents and the new blobs (None:
    deleted, or no longer a file) of those paths, in `CommitRecord.watched`: as the walk's
    stream sees them (`--diff-merges=first-parent`; `--full-history`: every branch, not
    git's simplified history; a merge that left the files as both its parents had them
    too, whose branch renamed a state and back, followed: lines42); none when no commit
    changed them. `graph`: the range's commits with their parents, and those commits
    parents first, as the walk has them (asked of git when None). Its other fields are
    left empty. Raises `HistoryError` when git fails."""
    logged = _logged(git, head, since, paths, graph[0] if graph is not None else None)
    if not logged:
        return []  # no commit brings a change: the walk reads none (`ReadingPlan.trivial`)
    if graph is None:
        parents = range_parents(git, [head], [since] if since else [])
        graph = parents, _parents_first(parents, head)
    changed = {sha: files for sha, _, files in logged}
    return [CommitRecord(sha, graph[0][sha], "", "", 0, 0, (), (),
                         watched=tuple((path, new) for path, _, new in changed.get(sha, ())))
            for sha in _followed(graph, changed)]


def _followed(graph: tuple[Mapping[str, tuple[str, ...]], Sequence[str]],
              changed: Mapping[str, Sequence[tuple[str, str | None, str | None]]]) -> list[str]:
    """The commits of `graph` (a range's, each with its parents; and those commits, parents
    first) that a walk's look-ahead follows, parents first: each that `changed` the files
    (path, old blob, new blob), and each merge whose parents' lines differ in what they
    bring it: the files as each parent has them, or the commits before each, since the
    lines parted, that changed them or are merges so followed (whose renames
    `rename_line.joined` joins). A merge of a line that changed none of the files since it
    forked from a first parent's that changed none either joins nothing (most merges:
    4,429 of the benchmark's 11,000 commits, whose `git log --sparse` of every commit made
    the look-ahead's log a megabyte). A parent outside the range stands for what it holds."""
    held: dict[str, tuple[frozenset[str], tuple[tuple[str, str | None], ...]]] = {}
    found: list[str] = []
    for sha in graph[1]:
        parents = graph[0][sha]
        files = changed.get(sha)
        if not files and len(parents) == 1 and parents[0] in held:
            held[sha] = held[parents[0]]  # most commits: what their parent holds
            continue
        sides = [held.get(parent, (frozenset((parent,)), (("", parent),)))
                 for parent in parents] or [(frozenset(), ())]
        followed = bool(files) or any(side is not sides[0] and (
            not side[0] <= sides[0][0] or side[1] != sides[0][1]) for side in sides[1:])
        brought = sides[0][0].union(*(side[0] for side in sides[1:])) if followed \
            else sides[0][0]  # the other sides' are the first's, or some of them
        state = sides[0][1]
        if files:
            kept = dict(state)
            kept.update((path, new) for path, _, new in files)
            state = tuple(sorted(kept.items(), key=lambda item: item[0]))
        held[sha] = (brought | {sha} if followed else brought), state
        if followed:
            found.append(sha)
    return found


def _parents_first(graph: Mapping[str, tuple[str, ...]], head: str) -> list[str]:
    """The commits of `graph` that `head` reaches within it, each after its parents."""
    order: list[str] = []
    done: set[str] = set()
    stack: list[tuple[str, bool]] = [(head, False)] if head in graph else []
    while stack:
        sha, expanded = stack.pop()
        if expanded:
            order.append(sha)
            continue
        if sha in done:
            continue
        done.add(sha)
        stack.append((sha, True))
        stack.extend((parent, False) for parent in reversed(graph[sha])
                     if parent in graph and parent not in done)
    return order


def file_versions_between(git: Git, new: str, old: str, path: str
                          ) -> list[tuple[str, str | None, str | None]]:
    """(commit, blob before, blob after) of each change of file `path` (from the top) that
    the commits `new` reaches and `old` does not made against their first parent, parents
    first (None: not there, or no file), as `watched_changes` lists them. Raises
    `HistoryError` when git fails."""
    return [(sha, before, after) for sha, _, changed in _logged(git, new, old, [path])
            for _, before, after in changed]


def file_commits(git: Git, head: str, since: str | None, paths: Sequence[str]
                 ) -> list[tuple[str, tuple[str, ...]]]:
    """Each commit with one parent or none that `head` reaches (not those `since`
    reaches) and that changed one of the files `paths` (from the top) against its parent,
    with its parents (`--full-history --no-merges`: every branch's commits), parents
    first: from a log of the run that listed them among other files (`_logged`), else
    one of `paths`. Raises `HistoryError` when git fails."""
    kept = next((listed for (at, after, listed_paths), listed in git.file_logs.items()
                 if (at, after) == (head, since) and set(paths) <= set(listed_paths)), None)
    return [(sha, parents) for sha, parents, changed in
            (kept if kept is not None else _logged(git, head, since, paths))
            if len(parents) < 2 and any(name in paths for name, _, _ in changed)]


def logged_additions(git: Git, asked: Sequence[tuple[str, str]]
                     ) -> dict[tuple[str, str], bool]:
    """For each (commit, path from the top) of `asked` that a log of the run lists
    (`Git.file_logs`: the commit changed the file, one of the log's), whether the commit
    added the file there (its first parent had none); the others left out."""
    wanted, found = set(asked), dict[tuple[str, str], bool]()
    for listed in git.file_logs.values():
        for sha, _, changed in listed:
            found.update(((sha, path), before is None) for path, before, _ in changed
                         if (sha, path) in wanted)
    return found


def _logged(git: Git, head: str, since: str | None, paths: Sequence[str],
            inside: Container[str] | None = None) -> list[Logged]:
    """The commits that changed one of `paths` against their first parent, with both blobs
    of each change (`Logged`), parents first: asked of git once per run (`Git.file_logs`;
    a merge git lists that changed none against its first parent left out, and the commits
    `since` reaches that git's walk by dates lists: those not `inside` the range, asked
    of git when None, `graph_range`)."""
    if not paths:
        return []
    key = (head, since, tuple(paths))
    if (kept := git.file_logs.get(key)) is not None:
        return kept
    started = git.started_logs.pop(key, None)
    listed = _parsed(git.fields(*_log(head, since, paths)) if started is None
                     else _answered(started), git.ids)
    if since and listed and inside is None:
        inside = range_parents(git, [head], [since])
    git.file_logs[key] = found = [logged for logged in listed if logged[2] and (
        not since or inside is None or logged[0] in inside)]
    return found


def _log(head: str, since: str | None, paths: Sequence[str]) -> tuple[str, ...]:
    """`_logged`'s `git log`."""
    return (*_LOG, head, *([f"^{since}"] if since else []), "--",
            *(f":(top,literal){path}" for path in paths))


_LOG = ("log", "-z", "--full-history", "--topo-order", "-r", "--root",
        "--diff-merges=first-parent", "--raw", "--no-renames", "--no-abbrev", "--no-color",
        "--no-ext-diff", "--format=%H%x00%P")


def logged_below(git: Git, revisions: Sequence[str], pathspecs: Sequence[str]) -> list[Logged]:
    """The commits of the history of `revisions` (`^` before a commit: not its own) that
    changed a file the git `pathspecs` name against their first parent, with both blobs
    of each change, parents first, as `_logged` lists them; not kept for the run."""
    return _parsed(git.fields(*_LOG, *revisions, "--", *pathspecs), git.ids)


def start_log(git: Git, head: str, paths: Sequence[str]) -> Started | None:
    """`_logged`'s log of the whole history of commit `head` (no `since`), started now so
    that git answers beside whatever the caller does first (a cold walk: while `git
    rev-list` lists the graph and the spec files are listed); the first `_logged` of the
    same head and `paths` takes its answer (`Git.started_logs`). None when no path is
    asked. Stop it with `stop_log` if it may not be taken."""
    if not paths:
        return None
    started = git.started_logs[(head, None, tuple(paths))] = Started(git, *_log(head, None, paths))
    return started


def stop_log(git: Git, started: Started) -> None:
    """End a log `start_log` started, if it still runs; no `_logged` takes it after."""
    for key, waiting in list(git.started_logs.items()):
        if waiting is started:
            del git.started_logs[key]
    started.stop()


def _answered(started: Started) -> list[str]:
    """A started log's NUL-separated fields, as `Git.fields` gives them; `HistoryError`
    with git's reason when it failed."""
    answer = started.answer()
    if answer.returncode != 0:
        raise started.failure(answer.stderr)
    return answer.stdout.decode("utf-8", "surrogateescape").split("\0")


def _parsed(tokens: Iterable[str], ids: dict[str, str]) -> list[Logged]:
    """The commits `_logged`'s `git log -z` listed (its NUL-separated `tokens`, as they
    come), with their changes: those that changed a file or are merges. Kept for the
    whole run, so kept small: each commit id one string (`ids`, `Git.ids`: the commit
    graph's too), no changes the one empty tuple (at 100,000 commits, 40,000 merges)."""
    found: list[Logged] = []
    sha: str | None = None
    parents: tuple[str, ...] = ()
    changed: list[tuple[str, str | None, str | None]] = []
    fields = iter(tokens)
    for field in fields:
        token = field.lstrip("\n")
        if token.startswith(":") and sha is not None and (path := next(fields, None)) is not None:
            old_mode, new_mode, old_blob, new_blob, _ = token[1:].split(" ")
            changed.append((path, _blob(old_mode, old_blob), _blob(new_mode, new_blob)))
        elif token:
            if sha is not None and (changed or len(parents) > 1):
                found.append((sha, parents, tuple(changed)))
            sha, changed = ids.setdefault(token, token), []
            parents = tuple(ids.setdefault(parent, parent) for parent in next(fields, "").split())
    if sha is not None and (changed or len(parents) > 1):
        found.append((sha, parents, tuple(changed)))
    found.reverse()  # parents first: git's `--reverse` held every commit listed, here only these
    return found


def _blob(mode: str, blob: str) -> str | None:
    """A raw diff's blob of a side: None where the side has no file (a zero id, or a mode
    that is not a regular file's)."""
    return blob if blob.strip("0") and mode.startswith("100") else None


def first_parent_versions(git: Git, commit: str, path: str) -> list[tuple[str, str | None]]:
    """The blobs file `path` (from the repository's top) had along the first parents of
    `commit`, oldest first: (the commit, its blob) for each commit that changed it against
    its first parent (None: removed, or no longer a file), as a walk's first-parent diffs
    see them. git's failures raise `HistoryError`."""
    output = git.run("log", "--first-parent", "--reverse", "--root",
                     "--diff-merges=first-parent", "--raw", "--no-renames", "--no-abbrev",
                     "--no-color", "--no-ext-diff", "--format=%H", commit, "--",
                     f":(top,literal){path}")
    versions: list[tuple[str, str | None]] = []
    sha = ""
    for line in output.decode("utf-8", "surrogateescape").splitlines():
        if line.startswith(":"):
            _, new_mode, _, new_blob, _ = line[1:].split("\t", 1)[0].split(" ")
            versions.append((sha, _blob(new_mode, new_blob)))
        elif line.strip():
            sha = line.strip()
    return versions


def first_parent_changes(git: Git, commit: str) -> list[tuple[str, str | None, str | None]]:
    """(path from the top, old blob, new blob) of each file `commit` changed against its
    first parent (a merge's too; None: not there on that side, or no file; every file
    added for a root commit), renames not detected. Raises `HistoryError` when git fails."""
    return _raw_changes(git.run("diff-tree", "-r", "-z", "--raw", "--no-renames", "--no-abbrev",
                                "--root", "-m", "--first-parent", "--no-commit-id",
                                "--no-ext-diff", commit))


def staged_changes(git: Git, head: str) -> list[tuple[str, str | None, str | None]]:
    """(path from the top, blob at `head`, blob in the index) of each file the index
    changes against commit `head` (the commit being made against its first parent, as
    `first_parent_changes` lists a commit's; None: not there on that side), renames not
    detected. Raises `HistoryError` when git fails."""
    return _raw_changes(git.run("diff-index", "--cached", ITA_INVISIBLE, "-r", "-z", "--raw",
                                "--no-renames",
                                "--no-abbrev", "--no-ext-diff", head, "--"))


def _raw_changes(output: bytes) -> list[tuple[str, str | None, str | None]]:
    """The changes of git's `--raw -z` output: (path, old blob, new blob)."""
    tokens = output.decode("utf-8", "surrogateescape").split("\0")
    return [(path, _blob(old_mode, old_blob), _blob(new_mode, new_blob))
            for meta, path in zip(tokens[::2], tokens[1::2], strict=False)
            if meta.startswith(":")
            for old_mode, new_mode, old_blob, new_blob, _ in [meta[1:].split(" ")]]
