"""`git cat-file --batch`: which names it can be asked for on its line-based input, and
reading its answers."""

from __future__ import annotations

from collections.abc import Collection
from io import BytesIO
from pathlib import Path
from typing import IO, Final

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.gitio.git_command import Git, HistoryError, StoppedAnswering
from specrepo.gitio.object_damage import MISSING, asked_kind, asked_state, unreadable_words

CHUNK: Final = 1 << 16
"""Bytes read at a time from git's output (a blob over the limit is read and dropped)."""
_NO_OBJECT: Final = (b" missing\n", b" ambiguous\n")  # cat-file's answer: no one object


@dataclass(frozen=True)
class Blob:
    """A blob's content as the stream delivers it; `content` is None when the blob is
    larger than the limit (it was read and dropped, never held whole)."""

    sha: str
    path: str
    size: int
    content: bytes | None


class DamagedObject(HistoryError):
    """An object `name` git holds but cannot read, in `state` (`object_damage.object_state`:
    git's words where it has them), read as the file `path` when known, else named by its
    `kind` (worded by `object_damage.unreadable_words`): git stopped answering `git
    cat-file --batch` at it (a pack entry whose header fails its check: git cannot even
    tell its size, and dies rather than answering `missing`), or an object file rewritten
    in place failed its full read (`object_reread.read_in_full`)."""

    def __init__(self, name: str, state: str, path: str | None = None,
                 kind: str = "object") -> None:
        super().__init__(unreadable_words(name, path, state, kind))
        self.name, self.state, self.path, self.kind = name, state, path, kind

    def __reduce__(self) -> tuple[type[DamagedObject], tuple[str, str, str | None, str]]:
        """Pickled by its fields (a version worker's error crosses to the parent)."""
        return DamagedObject, (self.name, self.state, self.path, self.kind)


def batch_safe(name: str) -> bool:
    """Whether `git cat-file --batch` can be asked for `name` (a blob id, or
    `commit:path`) on one line: git reads up to a line feed and drops a carriage return
    before it, so a name with a line feed, or ending with a carriage return, must be asked
    for on its own (`git rev-parse`)."""
    return "\n" not in name and not name.endswith("\r")


def objects_read(git: Git, names: Collection[str]) -> dict[str, tuple[str, bytes]]:
    """Name -> (type, content) of each of `names` (object ids, or `rev:path`: each
    `batch_safe`) git holds, read in one `git cat-file --batch` (none when `names` is
    empty); one git does not hold is left out. Raises `HistoryError` when git cannot run
    or stops answering, `DamagedObject` at one it cannot read (`read_answer`)."""
    if not names:
        return {}
    asked = sorted(names)
    answers = BytesIO(git.run("cat-file", "--batch", stdin="".join(
        f"{name}\n" for name in asked).encode("utf-8", "surrogateescape")))
    found: dict[str, tuple[str, bytes]] = {}
    for name in asked:
        answer = read_answer(answers, 1 << 30, (git.folder, name))
        if answer is not None and answer[3] is not None:
            found[name] = (answer[1], answer[3])
    return found


def read_object(stdout: IO[bytes], name: str, path: str, max_bytes: int,
                folder: Path) -> Blob:
    """One answer of `git cat-file --batch` (run in `folder`) for a blob that must
    exist. Raises `HistoryError` when it is missing, or damaged as git's own words say
    (`missing_object`, `DamagedObject`), and `StoppedAnswering` when git stopped for
    another reason."""
    try:
        answer = read_answer(stdout, max_bytes, (folder, name))
    except DamagedObject as damaged:
        raise DamagedObject(name, damaged.state, path) from None
    return blob_answered(answer, name, path, folder)


def blob_answered(answer: tuple[str, str, int, bytes | None] | None, name: str,
                  path: str, folder: Path) -> Blob:
    """The blob `read_answer` read for `name` (read as `path`) from a git run in `folder`;
    raises `HistoryError` when git answered that it is missing (`missing_object`)."""
    if answer is None:
        raise missing_object(name, path, folder)
    sha, _kind, size, content = answer
    return Blob(sha, path, size, content)


def missing_object(name: str, path: str, folder: Path) -> HistoryError:
    """The error for the object `name` (read as `path`) `git cat-file --batch` run in
    `folder` answered `missing` for: missing, or damaged (a loose file emptied, a pack's
    data that fails its check) as git's own words say when asked for its content
    (`object_damage.asked_state`)."""
    return HistoryError(unreadable_words(name, path, asked_state(Git(folder), name)))


def read_answer(stdout: IO[bytes], max_bytes: int, asked: tuple[Path, str],
                read_ids: set[str] | None = None) -> tuple[str, str, int, bytes | None] | None:
    """One answer of `git cat-file --batch`: (id, type, size, content), or None for a
    missing object. Content over `max_bytes` is read in chunks and dropped (None), so a
    huge historical blob never sits in memory. `asked`: the folder git runs in and the
    name asked. Raises `StoppedAnswering`, or `DamagedObject` when git stopped at an
    object it cannot read.

    The one place where what git answered is noted: told to the run's reader
    (`Reader.read_object`: what a whole-result cache's hit must find again) and, a blob's
    id, added to `read_ids` when given (`ObjectReader.read_ids`: what a history cache's
    answer rests on)."""
    line = stdout.readline()
    header = line.split()
    sha = header[0].decode() if len(header) == 3 and not line.endswith(_NO_OBJECT) else None
    inputs.reader.read_object(*asked, sha if header else "")
    if sha is None:
        if not header:
            raise _stopped(*asked)
        return None  # "<name> missing" (or "ambiguous"): the name as asked, spaces and all
    kind, size = header[1].decode(), int(header[2])
    if read_ids is not None and kind == "blob":
        read_ids.add(sha)
    if size > max_bytes:
        remaining = size + 1  # and the newline after each object
        while remaining and (dropped := len(stdout.read(min(remaining, CHUNK)))):
            remaining -= dropped
        if remaining > 1:  # git ended within it (a pack entry it could size, not inflate)
            raise _stopped(*asked)
        return sha, kind, size, None
    content = stdout.read(size)
    if len(content) < size:  # git ended within it (see above)
        raise _stopped(*asked)
    stdout.read(1)  # the newline after each object
    return sha, kind, size, content


def _stopped(folder: Path, name: str) -> HistoryError:
    """Why `git cat-file --batch` run in `folder` ended as it was to answer `name`:
    `DamagedObject` when git's words about it say it is damaged (one git run, on this
    error only: `object_damage.asked_state`; a `commit:path` name worded by the file and
    its blob's id, one `git rev-parse` more, an id by its kind, `asked_kind`), else
    `StoppedAnswering`."""
    git = Git(folder)
    state = asked_state(git, name)
    if state == MISSING:
        return StoppedAnswering("git cat-file stopped answering")
    _, named, path = name.partition(":")
    if named and path:  # `commit:path`: worded by the file and its id, as a read by id is
        found = git.attempt("rev-parse", "--verify", "--quiet", name)
        if found.returncode == 0:
            return DamagedObject(found.stdout.decode().strip(), state, path)
    return DamagedObject(name, state, kind=asked_kind(git, name))
