"""Read the history of the spec files in one streamed `git log`, and blobs in one batch.

The log is asked for explicitly, because git's defaults silently lose history:

- `--full-history`: without it, git drops commits of merged branches whose result one
  parent already has, so a spec that only ever lived on a merged branch would vanish;
- `--diff-merges=first-parent`: a merge shows what it brought to the line it was merged
  into, so following first parents from HEAD replays exactly the states HEAD went through;
- git's own order (no `--topo-order`, no `--reverse`): either would make git walk the
  whole history before it writes the first commit, and the blobs are read and parsed
  while git walks; the commits are ordered afterwards by the commit graph alone
  (`history.order`), never by dates, which can be in any order (rebases, clock skew);
- `--no-renames`: the miner pairs deletions and additions itself (by id), and asks git's
  rename detection only for the few it cannot pair;
- `-z` and raw diffs: paths with spaces, quotes or newlines arrive intact;
- `%aN`/`%aE`: authors through the repository's .mailmap, as `git log` shows them.

User configuration that would change this output is overridden (see `git_command`).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Container, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import IO, Final

from specrepo.gitio.git_command import Git, HistoryError, StoppedAnswering, finish, stop
from specrepo.gitio.partial_clone import stopped_answering
from specrepo.load.locations import SpecLocation, hidden_below, pathspecs

_RECORD: Final = b"\x1e"
_FIELD: Final = b"\x1f"
_TRAILER: Final = b"\x1d"
_APPROVAL_TRAILERS: Final = ("Reviewed-by", "Approved-by")
_FORMAT: Final = (
    "--format=%x1e%H%x1f%P%x1f%aN%x1f%aE%x1f%at%x1f%ct%x1f"
    + "%(trailers:"
    + ",".join(f"key={key}" for key in _APPROVAL_TRAILERS)
    + ",valueonly,separator=%x1d)"
)
_CHUNK: Final = 1 << 16
LOG_OPTIONS: Final = ("--full-history",
                      "--diff-merges=first-parent", "--raw", "--no-renames", "--no-abbrev",
                      "--no-notes", "--no-color", "--no-ext-diff", "-z")


WORK_TREE_BLOB: Final = "work-tree:"
"""With a path after it, the new blob of a file of the work tree (git has no blob of it)."""


@dataclass(frozen=True)
class FileChange:
    """One spec file changed by a commit, against the commit's first parent (or between
    the two sides of a diff)."""

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
    changes: tuple[FileChange, ...]
    """Sorted by path, so that no setting of git's changes their order."""
    config_blobs: tuple[str, ...] = ()
    """Versions of the configuration file the commit wrote."""


@dataclass(frozen=True)
class Blob:
    """A blob's content as the stream delivers it; `content` is None when the blob is
    larger than the limit (it was read and dropped, never held whole)."""

    sha: str
    path: str
    size: int
    content: bytes | None


class HistoryStream:
    """The spec log and the blobs it mentions, read at the same time.

    A thread reads `git log` and asks one `git cat-file --batch` for every new blob as soon
    as a commit mentions it; the caller reads the blobs in that order while git is still
    walking the history, so git's work and the caller's parsing overlap on two cores. Pipes
    cannot deadlock: each process only ever waits for the next one downstream to read.
    """

    def __init__(self, git: Git, revisions: str, locations: Iterable[SpecLocation],
                 known: Container[str], max_bytes: int, config_path: str | None) -> None:
        locations = list(locations)
        self.commits: list[CommitRecord] = []
        self._known = known
        self._max_bytes = max_bytes
        self._folders = [location.path for location in locations if location.kind == "folder"]
        self._config_path = config_path
        # The configuration rides along: its versions name the spec folders of the past.
        self._log_arguments = ("log", *LOG_OPTIONS, _FORMAT, revisions, "--",
                               *pathspecs(locations),
                               *([f":(top,literal){config_path}"] if config_path else []))
        self._git = git
        self._log = git.start(*self._log_arguments)
        self._cat = git.start("cat-file", "--batch", stdin=True)
        self._requested: queue.SimpleQueue[tuple[str, str] | None] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._walker = threading.Thread(target=self._walk, daemon=True)
        self._walker.start()

    def _walk(self) -> None:
        stdin = self._cat.stdin
        stdout = self._log.stdout
        assert stdin is not None and stdout is not None
        seen: set[str] = set()
        try:
            for record in _records(stdout):
                commit = _parse_record(record, self._folders, self._config_path)
                self.commits.append(commit)
                for change in commit.changes:
                    for blob in (change.old_blob, change.new_blob):
                        if blob is not None and blob not in seen and blob not in self._known:
                            seen.add(blob)
                            stdin.write(f"{blob}\n".encode())
                            self._requested.put((blob, change.path))
                stdin.flush()
            finish(self._log, self._log_arguments)
        except BaseException as error:  # handed to the reading thread, which raises it
            self._error = error
        finally:
            with suppress(OSError):
                stdin.close()
            self._requested.put(None)

    def blobs(self) -> Iterator[Blob]:
        """Every new blob, as git delivers them."""
        stdout = self._cat.stdout
        assert stdout is not None
        while (request := self._requested.get()) is not None:
            blob, path = request
            try:
                found = read_object(stdout, blob, path, self._max_bytes)
            except StoppedAnswering:
                raise stopped_answering(self._git, self._cat) from None
            yield found
        self._walker.join()
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        """Stop both git processes (they may still run if reading stopped early)."""
        for process in (self._log, self._cat):
            stop(process)
        self._walker.join()


def read_object(stdout: IO[bytes], name: str, path: str, max_bytes: int) -> Blob:
    """One answer of `git cat-file --batch` for a blob that must exist."""
    answer = read_answer(stdout, max_bytes)
    if answer is None:
        raise HistoryError(
            f"git cannot read {path} (object {name}): it is missing; the repository is "
            "damaged or incomplete (see `git fsck`)")
    sha, _kind, size, content = answer
    return Blob(sha, path, size, content)


def read_answer(stdout: IO[bytes],
                max_bytes: int) -> tuple[str, str, int, bytes | None] | None:
    """One answer of `git cat-file --batch`: (id, type, size, content), or None for a
    missing object. Content over `max_bytes` is read in chunks and dropped (None), so a
    huge historical blob never sits in memory."""
    header = stdout.readline().split()
    if len(header) != 3:
        if not header:
            raise StoppedAnswering("git cat-file stopped answering")
        return None  # "<name> missing" (or "ambiguous")
    size = int(header[2])
    if size > max_bytes:
        remaining = size + 1  # and the newline after each object
        while remaining:
            dropped = len(stdout.read(min(remaining, _CHUNK)))
            if not dropped:
                break
            remaining -= dropped
        return header[0].decode(), header[1].decode(), size, None
    content = stdout.read(size)
    stdout.read(1)  # the newline after each object
    return header[0].decode(), header[1].decode(), size, content


@contextmanager
def stream_history(git: Git, head: str, locations: Iterable[SpecLocation],
                   since: str | None = None,
                   known: Container[str] = frozenset(), max_bytes: int = 1 << 20,
                   config_path: str | None = None) -> Iterator[HistoryStream]:
    """Commits that changed spec files or the configuration at `config_path` (parents
    first; after `since` if given), and the spec blobs they mention that are not `known`
    yet."""
    stream = HistoryStream(git, f"{since}..{head}" if since else head, locations, known,
                           max_bytes, config_path)
    try:
        yield stream
    finally:
        stream.close()


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


def _parse_record(record: bytes, folders: Iterable[str] = (),
                  config_path: str | None = None) -> CommitRecord:
    header, _, raw = record.partition(b"\0")
    sha, parents, author, email, authored, committed, trailers = header.split(_FIELD, 6)
    changes, config_blobs = raw_changes(raw, folders, config_path)
    return CommitRecord(
        sha=sha.decode(),
        parents=tuple(parents.decode().split()),
        author=_text(author),
        email=_text(email),
        authored=int(authored),
        committed=int(committed),
        approvers=tuple(_text(value).strip() for value in trailers.split(_TRAILER)
                        if value.strip()),
        changes=changes,
        config_blobs=config_blobs,
    )


def raw_changes(raw: bytes, folders: Iterable[str] = (), config_path: str | None = None, *,
                work_tree: bool = False) -> tuple[tuple[FileChange, ...], tuple[str, ...]]:
    """The files of a `--raw -z` diff (`git log`'s or `git diff`'s), sorted by path, those
    in hidden folders below `folders` left out; and the blobs of `config_path` it wrote.
    With `work_tree` (a diff against the work tree), a file's new blob is
    `WORK_TREE_BLOB` and its path: git hashes no work tree file it need not."""
    tokens = raw.lstrip(b"\n").split(b"\0")
    changes = []
    config_blobs = []
    for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
        if not meta.startswith(b":"):
            continue
        old_mode, new_mode, old_sha, new_sha, _status = meta[1:].decode().split(" ", 4)
        if not _is_file(old_mode) and not _is_file(new_mode):
            continue  # a submodule or symbolic link that happens to be named *.yaml
        # surrogateescape keeps any byte sequence, so the path still names the file
        name = path.decode("utf-8", "surrogateescape")
        if name == config_path:
            if new_sha.strip("0") and _is_file(new_mode):
                config_blobs.append(new_sha)
            continue
        if hidden_below(name, folders):
            continue
        new_blob = new_sha if new_sha.strip("0") and _is_file(new_mode) else None
        if work_tree and _is_file(new_mode):
            new_blob = WORK_TREE_BLOB + name
        changes.append(FileChange(
            path=name,
            old_blob=old_sha if old_sha.strip("0") and _is_file(old_mode) else None,
            new_blob=new_blob,
        ))
    return tuple(sorted(changes, key=lambda change: change.path)), tuple(config_blobs)


def _is_file(mode: str) -> bool:
    return mode.startswith("100")
