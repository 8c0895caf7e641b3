"""Read the history of the spec files in one streamed `git log`, and blobs through one reader.

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

from collections.abc import Iterable, Iterator
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


def read_spec_log(repository: git.Repo, head: str, locations: Iterable[str],
                  since: str | None = None) -> Iterator[CommitRecord]:
    """Commits that changed spec files, parents first; only those after `since` if given."""
    revisions = f"{since}..{head}" if since else head
    process = repository.git.log(
        "--topo-order", "--reverse", "--full-history", "--diff-merges=first-parent",
        "--raw", "--no-renames", "--no-abbrev", "-z", _FORMAT, revisions, "--",
        *pathspecs(locations), as_process=True,
    )
    try:
        stdout = process.proc.stdout
        assert stdout is not None
        yield from (_parse_record(record) for record in _records(stdout))
        stderr = process.proc.stderr.read() if process.proc.stderr else b""
        if process.proc.wait() != 0:
            raise HistoryError(f"git log failed: {stderr.decode('utf-8', 'replace').strip()}")
    finally:
        process.proc.kill()
        process.proc.wait()


def first_parent_chain(repository: git.Repo, head: str) -> list[str]:
    """HEAD and its first parents, oldest first: the line HEAD's history followed."""
    listed = repository.git.rev_list("--first-parent", "--reverse", head)
    return str(listed).split()


def commits_after(repository: git.Repo, since: str, head: str) -> frozenset[str]:
    """The commits reachable from `head` but not from `since` (what a pull request adds)."""
    try:
        listed = repository.git.rev_list(f"{since}..{head}")
    except git.GitCommandError:
        raise HistoryError(f"unknown revision '{since}' (a branch, tag or commit id)") from None
    return frozenset(str(listed).split())


def is_ancestor(repository: git.Repo, older: str, newer: str) -> bool:
    """Whether `older` is an ancestor of (or equal to) `newer`."""
    try:
        repository.git.merge_base("--is-ancestor", older, newer)
    except git.GitCommandError:
        return False
    return True


def read_blob(repository: git.Repo, sha: str) -> bytes:
    """A blob's content through GitPython's persistent `git cat-file --batch` reader."""
    return bytes(repository.odb.stream(bytes.fromhex(sha)).read())


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
