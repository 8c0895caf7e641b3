"""One `git cat-file --batch` read as a pipe (`BlobPipe`): the history walk's worker asks
for every blob ahead of its answers, while another process reads them."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress

from specrepo.gitio.batch_names import Blob, read_answer, read_object
from specrepo.gitio.git_command import Git, read_errors_of, stop, widen_output
from specrepo.gitio.objects import Located


class BlobPipe:
    """One `git cat-file --batch` whose requests one thread writes, ahead of the answers,
    and whose answers another thread or a forked process reads, in the same order: git
    never waits for a round trip. (It cannot deadlock as long as the reader keeps reading.)
    """

    def __init__(self, git: Git) -> None:
        self._process = git.start("cat-file", "--batch", stdin=True, read_errors=False)
        self._folder = git.folder
        widen_output(self._process)  # answers wait there while the reader parses

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
        return read_object(stdout, blob, path, max_bytes, self._folder)

    def located(self, commit: str, path: str) -> Located:
        """The next answer: the blob at `path` in `commit`, asked for next as
        `commit:path` (its content read and dropped)."""
        stdout = self._process.stdout
        assert stdout is not None
        answer = read_answer(stdout, 0, (self._folder, f"{commit}:{path}"))
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
