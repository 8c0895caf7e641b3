"""Look objects up (a file in a given commit, a blob by id) through one long-lived
`git cat-file --batch`, one at a time or many in one go, for the look-ups the streamed walk
cannot answer and the few files a diff reads; a file kept through a clean/smudge filter is
read through it (`filters`)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import IO, Final, NamedTuple

from specrepo.gitio.filters import FilterAttributes
from specrepo.gitio.git_command import (
    Git,
    HistoryError,
    StoppedAnswering,
    read_errors_of,
    stop,
)
from specrepo.gitio.log import Blob, read_answer, read_object
from specrepo.gitio.partial_clone import stopped_answering
from specrepo.gitio.renames import RenameDetector

_BATCH_BYTES: Final = 8192
"""Requests written at once at most (within any system's pipe buffer, so that git never
waits for us to read its answers while we wait for it to read the requests)."""


class Located(NamedTuple):
    """The blob at `path` in `commit`, as git answered (None where the path holds no
    file)."""

    commit: str
    path: str
    blob: str | None


class ObjectReader:
    """Answers `blob_at(commit, path)` and `read(blob)`; started on first use. Contents
    come as `git checkout` writes them: through the path's clean/smudge filter if it has
    one (`filters`), so that git-crypt's encrypted blobs are read as the specs they are."""

    def __init__(self, git: Git, max_bytes: int, rename_pathspecs: Iterable[str] = ()) -> None:
        self._git = git
        self._max_bytes = max_bytes
        self._process: subprocess.Popen[bytes] | None = None
        self._blobs_at: dict[tuple[str, str], str | None] = {}
        self._fetched: dict[str, Blob | None] = {}
        self.filters = FilterAttributes(git)
        self.renames = RenameDetector(git, rename_pathspecs)
        """git's rename detection, for commits within `rename_pathspecs`."""

    def locate(self, top: Path) -> None:
        """Ask for attributes in `top`, the repository's top folder (paths are relative to
        it), when git was started below it before the top was known."""
        self.filters.close()
        self.filters = FilterAttributes(Git(top))

    def start(self) -> None:
        """Start git now (it starts on first use otherwise), so that it gets ready while
        another git process runs."""
        if self._process is None:
            self._process = self._git.start("cat-file", "--batch", stdin=True)

    def _request(self, name: str) -> IO[bytes]:
        self.start()
        assert self._process is not None
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None
        stdin.write(name.encode("utf-8", "surrogateescape") + b"\n")
        stdin.flush()
        return stdout

    def prefetch(self, wanted: Iterable[tuple[str, str]]) -> None:
        """Ask for many objects at once, each a blob id or `commit:path` with the path it is
        read as, so that git answers them in one go rather than in a round trip each;
        `read` and `file_at` then take each from what came (once)."""
        names = [(name, path) for name, path in dict(wanted).items()
                 if "\n" not in name and name not in self._fetched]
        self.filters.drivers(path for _, path in names)  # asked in one go too
        for batch in _batches(names):
            stdout = self._request("\n".join(name for name, _ in batch))
            for name, path in batch:
                answer = self._answer(stdout, self._max_bytes)
                self._fetched[name] = None if answer is None or answer[1] != "blob" else \
                    Blob(answer[0], path, answer[2], answer[3])

    def blob_at(self, commit: str, path: str) -> str | None:
        """The blob id of `path` in `commit`, or None where the path holds no file."""
        key = (commit, path)
        if key not in self._blobs_at:
            self._blobs_at[key] = self._lookup(commit, path)
        return self._blobs_at[key]

    def remember(self, located: Located) -> None:
        """Keep a blob id read elsewhere (`BlobPipe.located`) for `blob_at`."""
        self._blobs_at[located.commit, located.path] = located.blob

    def _lookup(self, commit: str, path: str) -> str | None:
        if "\n" in path:  # the batch protocol is line-based; ask git on its own
            found = self._git.attempt("rev-parse", "--verify", "--quiet", f"{commit}:{path}")
            return (found.stdout.decode().strip() or None) if found.returncode == 0 else None
        # The id is all that is wanted: any content is read in chunks and dropped.
        answer = self._answer(self._request(f"{commit}:{path}"), 0)
        return answer[0] if answer is not None and answer[1] == "blob" else None

    def file_at(self, commit: str, path: str) -> Blob | None:
        """`path`'s content in `commit` (None over the size limit), in one request; None
        where the path holds no file."""
        name = f"{commit}:{path}"
        if name in self._fetched:
            found = self._fetched.pop(name)
            return None if found is None else self._through_filter(found)
        if "\n" in path:
            blob = self.blob_at(commit, path)
            return self.read(blob, path) if blob is not None else None
        answer = self._answer(self._request(f"{commit}:{path}"), self._max_bytes)
        if answer is None or answer[1] != "blob":
            return None
        return self._through_filter(Blob(answer[0], path, answer[2], answer[3]))

    def read(self, blob: str, path: str) -> Blob:
        """A blob's content (None over the size limit, read and dropped)."""
        found = self._fetched.pop(blob, None)
        if found is None:
            try:
                found = read_object(self._request(blob), blob, path, self._max_bytes)
            except StoppedAnswering:
                raise self._stopped() from None
        return self._through_filter(found)

    def _answer(self, stdout: IO[bytes],
                max_bytes: int) -> tuple[str, str, int, bytes | None] | None:
        try:
            return read_answer(stdout, max_bytes)
        except StoppedAnswering:
            raise self._stopped() from None

    def _stopped(self) -> HistoryError:
        """Why git stopped answering (see `stopped_answering`); it is started again on
        the next request."""
        assert self._process is not None
        process, self._process = self._process, None
        return stopped_answering(self._git, process)

    def filtered(self, delivered: Iterable[tuple[str, str]]) -> list[Blob]:
        """Of blobs read raw elsewhere (the streamed walk), given as (blob, path), those
        whose path has a clean/smudge filter, read through it."""
        pairs = list(delivered)
        drivers = self.filters.drivers(path for _, path in pairs)
        return [self._smudged(blob, path, drivers[path]) for blob, path in pairs
                if path in drivers]

    def _through_filter(self, found: Blob) -> Blob:
        """`found` through its path's filter, if it has one (a blob over the size limit
        stays unread)."""
        driver = self.filters.driver(found.path) if found.content is not None else None
        return found if driver is None else self._smudged(found.sha, found.path, driver)

    def _smudged(self, blob: str, path: str, driver: str) -> Blob:
        content = self.filters.smudged(blob, path, driver)
        size = len(content)
        return Blob(blob, path, size, content if size <= self._max_bytes else None)

    def close(self) -> None:
        """Stop the git processes, if they were started."""
        self.filters.close()
        self.renames.close()
        if self._process is not None:
            stop(self._process)
            self._process = None


class BlobPipe:
    """One `git cat-file --batch` whose requests one thread writes, ahead of the answers,
    and whose answers another thread or a forked process reads, in the same order: git
    never waits for a round trip. (It cannot deadlock as long as the reader keeps reading.)
    """

    def __init__(self, git: Git) -> None:
        self._process = git.start("cat-file", "--batch", stdin=True, read_errors=False)

    def read_errors(self) -> None:
        """Read git's messages as they come (`Git.start`): once any fork is done."""
        read_errors_of(self._process)

    def request(self, names: Iterable[str]) -> None:
        """Ask for these objects (blob ids, or `commit:path`) after those asked for
        before."""
        stdin = self._process.stdin
        assert stdin is not None
        requests = "".join(f"{name}\n" for name in names).encode("utf-8", "surrogateescape")
        if requests:
            stdin.write(requests)
            stdin.flush()

    def answer(self, blob: str, path: str, max_bytes: int) -> Blob:
        """The next answer: the blob asked for next (read as `path`; its content None over
        `max_bytes`); raises `HistoryError` if it is missing."""
        stdout = self._process.stdout
        assert stdout is not None
        return read_object(stdout, blob, path, max_bytes)

    def located(self, commit: str, path: str) -> Located:
        """The next answer: the blob at `path` in `commit`, asked for next as
        `commit:path` (its content read and dropped)."""
        stdout = self._process.stdout
        assert stdout is not None
        answer = read_answer(stdout, 0)
        return Located(commit, path, answer[0] if answer is not None and answer[1] == "blob"
                       else None)

    def end_requests(self) -> None:
        """No more requests: git ends once it has answered them."""
        stdin = self._process.stdin
        if stdin is not None:
            with suppress(OSError):
                stdin.close()

    def keep_answers_only(self) -> None:
        """In a forked process that reads the answers: let go of the requests' end, so
        that git sees them end when the process that writes them closes it."""
        self.end_requests()

    def keep_requests_only(self) -> None:
        """In the process that writes the requests while a forked one reads the answers."""
        stdout = self._process.stdout
        if stdout is not None:
            stdout.close()

    def close(self) -> None:
        """Stop git, if it still runs."""
        stop(self._process)


def _batches(names: list[tuple[str, str]]) -> Iterable[list[tuple[str, str]]]:
    """`names` in batches of at most `_BATCH_BYTES` of requests (at least one each)."""
    batch: list[tuple[str, str]] = []
    size = 0
    for name, path in names:
        length = len(name.encode("utf-8", "surrogateescape")) + 1
        if batch and size + length > _BATCH_BYTES:
            yield batch
            batch, size = [], 0
        batch.append((name, path))
        size += length
    if batch:
        yield batch
