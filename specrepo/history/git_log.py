"""Read the history of the spec files in one streamed `git log`, and blobs in one batch.

The log is asked for explicitly, because git's defaults silently lose history:

- `--full-history`: without it, git drops commits of merged branches whose result one
  parent already has, so a spec that only ever lived on a merged branch would vanish;
- `--diff-merges=first-parent`: a merge shows what it brought to the line it was merged
  into, so following first parents from HEAD replays exactly the states HEAD went through;
- `--topo-order --reverse`: every commit comes after its parents; author dates can be in
  any order (rebases, clock skew), so they never order anything;
- `--no-renames`: a spec's identity is its id, not its path, so the miner pairs deletions
  and additions itself, and git need not search for renames;
- `-z` and raw diffs: paths with spaces, quotes or newlines arrive intact.
"""

from __future__ import annotations

import queue
import subprocess
import threading
from collections.abc import Container, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import IO, Final

import git

from specrepo.history.repository import HistoryError

_NULL_SHA: Final = "0" * 40
_RECORD: Final = b"\x1e"
_FIELD: Final = b"\x1f"
_TRAILER: Final = b"\x1d"
_APPROVAL_TRAILERS: Final = ("Reviewed-by", "Approved-by")
_FORMAT: Final = (
    "--format=%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%at%x1f%ct%x1f"
    + "%(trailers:"
    + ",".join(f"key={key}" for key in _APPROVAL_TRAILERS)
    + ",valueonly,separator=%x1d)"
)
_CHUNK: Final = 1 << 16


@dataclass(frozen=True)
class Change:
    """One spec file changed by a commit, against the commit's first parent."""

    path: str
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True)
class CommitRecord:
    """A commit that changed spec files, with what the miner needs of it."""

    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    authored: int
    committed: int
    approvers: tuple[str, ...]
    """Values of `Reviewed-by:` and `Approved-by:` trailers."""
    changes: tuple[Change, ...]


def pathspecs(locations: Iterable[str]) -> list[str]:
    """git pathspecs for the YAML files below folders or matching globs."""
    specs = []
    for location in locations:
        cleaned = location.strip("/")
        if set("*?[") & set(cleaned):
            specs.append(f":(glob){cleaned}")
        else:
            prefix = f"{cleaned}/" if cleaned not in ("", ".") else ""
            specs.extend(f":(glob){prefix}**/*{suffix}" for suffix in (".yaml", ".yml"))
    return specs


class HistoryStream:
    """The spec log and the blobs it mentions, read at the same time.

    A thread reads `git log` and asks one `git cat-file --batch` for every new blob as soon
    as a commit mentions it; the caller reads the blobs in that order while git is still
    walking the history, so git's work and the caller's parsing overlap on two cores. Pipes
    cannot deadlock: each process only ever waits for the next one downstream to read.
    """

    def __init__(self, repository: git.Repo, head: str, locations: Iterable[str],
                 since: str | None, known: Container[str]) -> None:
        revisions = f"{since}..{head}" if since else head
        self.commits: list[CommitRecord] = []
        self._known = known
        self._log = repository.git.log(
            "--topo-order", "--reverse", "--full-history", "--diff-merges=first-parent",
            "--raw", "--no-renames", "--no-abbrev", "-z", _FORMAT, revisions, "--",
            *pathspecs(locations), as_process=True,
        )
        self._cat = repository.git.cat_file("--batch", as_process=True,
                                            istream=subprocess.PIPE)
        self._requested: queue.SimpleQueue[tuple[str, str] | None] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._walker = threading.Thread(target=self._walk, daemon=True)
        self._walker.start()

    def _walk(self) -> None:
        stdin = self._cat.proc.stdin
        stdout = self._log.proc.stdout
        assert stdin is not None and stdout is not None
        seen: set[str] = set()
        try:
            for record in _records(stdout):
                commit = _parse_record(record)
                self.commits.append(commit)
                for change in commit.changes:
                    for blob in (change.old_blob, change.new_blob):
                        if blob is not None and blob not in seen and blob not in self._known:
                            seen.add(blob)
                            stdin.write(f"{blob}\n".encode())
                            self._requested.put((blob, change.path))
                stdin.flush()
            stderr = self._log.proc.stderr.read() if self._log.proc.stderr else b""
            if self._log.proc.wait() != 0:
                raise HistoryError(
                    f"git log failed: {stderr.decode('utf-8', 'replace').strip()}")
        except BaseException as error:  # handed to the reading thread, which raises it
            self._error = error
        finally:
            with suppress(OSError):
                stdin.close()
            self._requested.put(None)

    def blobs(self) -> Iterator[tuple[str, str, bytes]]:
        """(blob id, a path it had, content) for every new blob, as git delivers them."""
        stdout = self._cat.proc.stdout
        assert stdout is not None
        while (request := self._requested.get()) is not None:
            blob, path = request
            header = stdout.readline().split()
            if len(header) != 3:
                raise HistoryError(f"git cat-file could not read blob {blob}")
            content = stdout.read(int(header[2]))
            stdout.read(1)  # the newline after each object
            yield blob, path, content
        self._walker.join()
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        """Stop both git processes (they may still run if reading stopped early)."""
        for process in (self._log, self._cat):
            process.proc.kill()
            process.proc.wait()
        self._walker.join()


@contextmanager
def stream_history(repository: git.Repo, head: str, locations: Iterable[str],
                   since: str | None = None,
                   known: Container[str] = frozenset()) -> Iterator[HistoryStream]:
    """Commits that changed spec files (parents first; after `since` if given), and the
    blobs they mention that are not `known` yet."""
    stream = HistoryStream(repository, head, locations, since, known)
    try:
        yield stream
    finally:
        stream.close()


def first_parent_chain(repository: git.Repo, head: str, since: str | None = None) -> list[str]:
    """HEAD and its first parents, oldest first: the line HEAD's history followed (only the
    part after `since`, if given)."""
    listed = repository.git.rev_list("--first-parent", "--reverse",
                                     f"{since}..{head}" if since else head)
    return str(listed).split()


def first_parent(repository: git.Repo, commit: str) -> str | None:
    """A commit's first parent, if it has one."""
    parents = repository.commit(commit).parents
    return str(parents[0].hexsha) if parents else None


class TopologicalOrder:
    """git's topological order of the whole history, computed by git in the background
    while the caller works, and read when needed."""

    def __init__(self, repository: git.Repo, head: str) -> None:
        self._process = repository.git.rev_list("--topo-order", "--reverse", head,
                                                as_process=True)

    def positions(self) -> dict[str, int]:
        """Commit id -> its place in the order."""
        stdout = self._process.proc.stdout
        assert stdout is not None
        order = {sha: index for index, sha in enumerate(stdout.read().decode().split())}
        if self._process.proc.wait() != 0:
            raise HistoryError("git rev-list failed to order the history")
        return order


def read_blob(repository: git.Repo, sha: str) -> bytes:
    """One blob's content, through GitPython's persistent `git cat-file --batch` reader."""
    return bytes(repository.odb.stream(bytes.fromhex(sha)).read())


def commits_after(repository: git.Repo, since: str, head: str) -> frozenset[str]:
    """The commits reachable from `head` but not from `since` (what a pull request adds)."""
    try:
        listed = repository.git.rev_list(f"{since}..{head}")
    except git.GitCommandError:
        raise HistoryError(f"unknown revision '{since}' (a branch, tag or commit id)") from None
    return frozenset(str(listed).split())


def changed_paths(repository: git.Repo, since: str) -> list[str] | None:
    """Paths (from the top of the work tree) changed since `since`: what `HEAD` adds over
    its merge base with `since` (`git diff since...HEAD`), plus uncommitted changes, staged
    or not, and untracked files. None when `since` names no commit or shares no history."""
    try:
        repository.git.rev_parse("--verify", "--quiet", f"{since}^{{commit}}")
        outputs = (
            repository.git.diff("--name-only", "--no-renames", "-z", f"{since}...HEAD", "--"),
            repository.git.diff("--name-only", "--no-renames", "-z", "HEAD", "--"),
            repository.git.ls_files("--others", "--exclude-standard", "-z"),
        )
    except git.GitCommandError:
        return None
    return sorted({path for output in outputs for path in str(output).split("\0") if path})


def modified_since_merge_base(repository: git.Repo, since: str,
                              locations: Iterable[str]) -> tuple[str, list[str]] | None:
    """The merge base of `since` and HEAD, and the spec paths (below `locations`, from the
    top of the work tree) that the work tree has modified or deleted since it, committed or
    not. None when `since` names no commit or shares no history with HEAD."""
    try:
        base = str(repository.git.merge_base(since, "HEAD")).strip()
        output = repository.git.diff("--name-only", "--no-renames", "-z", "--diff-filter=DM",
                                     base, "--", *pathspecs(locations))
    except git.GitCommandError:
        return None
    return base, sorted(path for path in str(output).split("\0") if path)


def blob_size(repository: git.Repo, sha: str) -> int:
    """The size of a blob in bytes, without reading it."""
    return int(repository.odb.info(bytes.fromhex(sha)).size)


def is_ancestor(repository: git.Repo, older: str, newer: str) -> bool:
    """Whether `older` is an ancestor of (or equal to) `newer`."""
    try:
        repository.git.merge_base("--is-ancestor", older, newer)
    except git.GitCommandError:
        return False
    return True


def blob_at(repository: git.Repo, commit: str, path: str) -> str | None:
    """The blob id of `path` in `commit`, or None where the path does not exist."""
    try:
        return str(repository.commit(commit).tree[path].hexsha)
    except (KeyError, ValueError):
        return None


def _records(stream: IO[bytes]) -> Iterator[bytes]:
    pending = b""
    while True:
        block = stream.read(_CHUNK)
        if not block:
            break
        pending += block
        *complete, pending = pending.split(_RECORD)
        yield from (record for record in complete if record)
    if pending:
        yield pending


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _parse_record(record: bytes) -> CommitRecord:
    header, _, raw = record.partition(b"\0")
    sha, parents, author, email, authored, committed, trailers = header.split(_FIELD, 6)
    tokens = raw.lstrip(b"\n").split(b"\0")
    changes = []
    for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
        if not meta.startswith(b":"):
            continue
        old_mode, new_mode, old_sha, new_sha, _status = meta[1:].decode().split(" ", 4)
        if not _is_file(old_mode) and not _is_file(new_mode):
            continue  # a submodule or symbolic link that happens to be named *.yaml
        changes.append(Change(
            # surrogateescape keeps any byte sequence, so the path still names the file
            path=path.decode("utf-8", "surrogateescape"),
            old_blob=old_sha if old_sha != _NULL_SHA and _is_file(old_mode) else None,
            new_blob=new_sha if new_sha != _NULL_SHA and _is_file(new_mode) else None,
        ))
    return CommitRecord(
        sha=sha.decode(),
        parents=tuple(parents.decode().split()),
        author=_text(author),
        email=_text(email),
        authored=int(authored),
        committed=int(committed),
        approvers=tuple(_text(value).strip() for value in trailers.split(_TRAILER)
                        if value.strip()),
        changes=tuple(changes),
    )


def _is_file(mode: str) -> bool:
    return mode.startswith("100")
