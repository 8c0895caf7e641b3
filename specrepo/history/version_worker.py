"""Read and parse the versions the streamed commits name in a worker process, beside the
walk over commits.

The stream's thread hands each commit, with the new blobs it names and the files the
walk will look up (`Taken`), to `submit`, which asks `git cat-file --batch` for them at
once; a worker process (forked where `can_fork_workers`) reads git's answers, parses each
blob (`VersionReader.read_with_content`: the version, and its content pickled as
`VersionStore` keeps it) and sends back, in the order submitted, each blob's version, each
look-up's blob id (`Located`), and then the commit. The walk takes them from
`results`. On two cores, git and the parsing run beside the walk instead of in turn with
it. Where no worker can be forked, the same work is done here, when `results` asks for it;
either way the results are the same.

The worker leaves Ctrl-C to this process, and ends when this process closes its end of
the pipes or ends.
"""

from __future__ import annotations

import os
import pickle
import queue
import select
import signal
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection, Pipe
from typing import Final

from specrepo.base.parallel import RaisedInWorker, WorkerError, can_fork_workers, usable_cores
from specrepo.base.pipes import widen_pipe
from specrepo.base.signals import as_worker
from specrepo.gitio.batch_names import Blob
from specrepo.gitio.blob_pipe import BlobPipe
from specrepo.gitio.git_command import Git
from specrepo.gitio.log import CommitRecord, Taken
from specrepo.gitio.objects import Located
from specrepo.history.readers import Readers
from specrepo.history.reading_plan import ReadingPlan
from specrepo.history.readings import Reading
from specrepo.history.versions import VersionReader
from specrepo.load.reading_keys import reading_key
from specrepo.model.version import Version, VersionContent

Parsed = tuple[str, Version, bytes | None]
"""A blob's reading (`reading_key`: its id, and the kind of file it was read as), its
version, and its content packed (`packed_content`; None when it does not load)."""
_Request = tuple[int, list[tuple[str, str, int]], list[tuple[str, str]]]
"""A commit's number, its new blobs (id, path, the number of their reading) and its
look-ups (commit, path)."""
_Message = tuple[list[tuple[int, Reading]], list[_Request]]
"""Readings not sent before (number, reading), and requests."""
_BATCH: Final = 64
"""Results sent back at most in one message (fewer when no request waits)."""


def packed_content(content: VersionContent) -> bytes:
    """`content` as `Parsed` carries it: the pickle of its fields' tuple (data, body),
    a fifth faster to load than the dataclass's own."""
    return pickle.dumps((content.data, content.body), pickle.HIGHEST_PROTOCOL)


def unpacked_content(packed: bytes) -> VersionContent:
    """The content `packed_content` packed."""
    return VersionContent(*pickle.loads(packed))


def parse_blob(reader: VersionReader, blob: Blob) -> Parsed:
    """A blob's version and pickled content (none over the size limit), read as the file
    at its path."""
    key = reading_key(blob.sha, blob.path)
    if blob.content is None:
        return key, reader.oversized(blob.size), None
    version, content = reader.read_with_content(blob.content, blob.path)
    return key, version, None if content is None else packed_content(content)


class VersionWorker:
    """Parses the blobs of the commits submitted, in a worker process where one can be
    forked (call before starting any thread) and `fork` asks for one, else here."""

    def __init__(self, git: Git, reader: VersionReader, max_bytes: int, *,
                 fork: bool = True) -> None:
        self.reader, self._max_bytes = reader, max_bytes
        self.readers = Readers(reader)
        """The readers of the plan's readings, here (the worker has its own)."""
        self.plan: ReadingPlan | None = None
        """Which reading each commit's blobs get (None: all today's)."""
        self._blobs = BlobPipe(git)
        self._commits: dict[int, CommitRecord] = {}
        self._count = 0
        self._pid = 0
        self._requests: Connection | None = None
        self._results: Connection | None = None
        self._here: queue.SimpleQueue[_Request | None] = queue.SimpleQueue()
        self._sent: set[int] = {0}
        self.lfs_missing: set[str] = set()
        """Git LFS objects that pointers named and that are not here, as the worker found
        them (`reader.lfs_missing` has those found here)."""
        if fork and usable_cores() > 1 and can_fork_workers():
            self._fork()
        self._blobs.read_errors()  # a thread: after the fork

    def _fork(self) -> None:
        requests_out, requests_in = Pipe(duplex=False)
        results_out, results_in = Pipe(duplex=False)
        # Room for results while the walk is busy elsewhere (a rename's git, a long merge):
        # the worker goes on parsing instead of waiting for it to read; and for requests
        # while the worker parses: the stream's thread goes on reading git, which goes on.
        widen_pipe(results_in.fileno())
        widen_pipe(requests_in.fileno())
        pid = os.fork()
        if pid == 0:  # the worker
            code = 1
            try:
                requests_in.close()
                results_out.close()
                self._blobs.keep_answers_only()
                as_worker()
                _serve(self._blobs, self.readers, self._max_bytes, requests_out, results_in)
                code = 0
            finally:
                os._exit(code)  # never back into the parent's code
        requests_out.close()
        results_in.close()
        self._blobs.keep_requests_only()
        self._pid, self._requests, self._results = pid, requests_in, results_out

    def submit(self, commits: list[Taken]) -> None:
        """Hand over the next commits, each with the new blobs it names and its look-ups."""
        requests: list[_Request] = []
        readings: list[tuple[int, Reading]] = []
        for commit, blobs, lookups in commits:
            self._commits[self._count] = commit
            numbered = self._numbered(commit, blobs)
            for _, _, number in numbered:
                if number not in self._sent:
                    assert self.plan is not None
                    self._sent.add(number)
                    readings.append((number, self.plan.readings[number]))
            requests.append((self._count, numbered, lookups))
            self._count += 1
        # Whoever reads git's answers learns of them first: a commit of thousands of new
        # blobs fills both of cat-file's pipes, and the answers must be read meanwhile.
        if self._requests is None:
            for number, reading in readings:
                self.readers.define(number, reading)
            for request in requests:
                self._here.put(request)
        else:
            try:
                self._requests.send((readings, requests))
            except OSError:
                raise WorkerError("the process parsing versions ended before it finished "
                                  "(killed, or out of memory?); run again") from None
        self._blobs.request(name for _, blobs, lookups in requests
                            for name in [*(blob for blob, _, _ in blobs),
                                         *(f"{commit}:{path}" for commit, path in lookups)])

    def _numbered(self, commit: CommitRecord, blobs: list[tuple[str, str]]
                  ) -> list[tuple[str, str, int]]:
        """`blobs` with the number of the reading each gets: a blob the commit wrote, the
        commit's; one it replaced or deleted (never seen before: the walk goes on from a
        cache), its first parent's; each as it reads its kind of file (`ReadingPlan.fitting`:
        a `.md` file met where `front_matter:` was off read as Markdown all the same)."""
        number = self.plan.number_of(commit) if self.plan is not None else 0
        if self.plan is None or self.plan.trivial:
            return [(blob, path, 0) for blob, path in blobs]
        replaced = {change.old_blob for change in commit.changes}
        before = self.plan.number_at(commit.parents[0]) \
            if commit.parents and replaced.intersection(blob for blob, _ in blobs) else number
        return [(blob, path, self.plan.fitting(before if blob in replaced else number, path))
                for blob, path in blobs]

    def end(self) -> None:
        """No more commits."""
        self._blobs.end_requests()
        if self._requests is None:
            self._here.put(None)
        else:
            self._requests.close()

    def results(self) -> Iterator[Parsed | Located | CommitRecord]:
        """Each submitted commit's parsed blobs, its look-ups, then the commit, in the
        order submitted."""
        for entry in self._parsed():
            yield self._commits.pop(entry) if isinstance(entry, int) else entry

    def _parsed(self) -> Iterator[Parsed | Located | int]:
        if self._results is None:
            while (request := self._here.get()) is not None:
                yield from _parse_request(self._blobs, self.readers, self._max_bytes, request)
            return
        while True:
            try:
                message = self._results.recv()
            except EOFError:
                raise WorkerError("the process parsing versions ended before it finished "
                                  "(killed, or out of memory?); run again") from None
            if isinstance(message, RaisedInWorker):
                message.raise_here()
            if isinstance(message, set):  # the last message
                self.lfs_missing.update(message)
                return
            yield from message

    def stop(self) -> None:
        """Stop the worker and its git at once, when the walk stops reading results early
        (an error, Ctrl-C): the stream's thread may be waiting to hand them commits, and
        waits no more. `close` still follows."""
        if self._pid:
            with suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        self._blobs.close()

    @contextmanager
    def stopped_on_error(self) -> Iterator[None]:
        """Within: `stop` on any error (before the stream is stopped)."""
        try:
            yield
        except BaseException:
            self.stop()
            raise

    def close(self) -> None:
        """Stop the worker, if one was started."""
        for connection in (self._requests, self._results):
            if connection is not None:
                connection.close()
        self._blobs.close()  # a worker still reading git's answers sees them end
        if self._pid:
            os.waitpid(self._pid, 0)
            self._pid = 0


def _parse_request(blobs: BlobPipe, readers: Readers, max_bytes: int,
                   request: _Request) -> Iterator[Parsed | Located | int]:
    index, wanted, lookups = request
    for sha, path, number in wanted:
        yield parse_blob(readers[number], blobs.answer(sha, path, max_bytes))
    for commit, path in lookups:
        yield blobs.located(commit, path)
    yield index


def _serve(blobs: BlobPipe, readers: Readers, max_bytes: int, requests: Connection,
           results: Connection) -> None:
    """The worker's loop: requests in, results out in batches, until the requests end."""
    batch: list[Parsed | Located | int] = []
    try:
        while True:
            try:
                message: _Message = requests.recv()
            except EOFError:
                break
            readings, received = message
            for number, reading in readings:
                readers.define(number, reading)
            for request in received:
                batch.extend(_parse_request(blobs, readers, max_bytes, request))
            if len(batch) >= _BATCH or not select.select([requests], [], [], 0)[0]:
                results.send(batch)
                batch = []
        results.send(batch)
        results.send(readers.lfs_missing)
    except Exception as error:  # raised here as it would be without a worker
        results.send(RaisedInWorker.caught(error))
