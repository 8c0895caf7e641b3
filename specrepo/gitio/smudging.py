"""Blobs read through their clean/smudge filter, every version a filter writes out read by
one `git cat-file --batch --filters` of that filter (`Smudging`), where a
`git cat-file --filters --path` a version started a git each (11 on a history of 3 specs).

git's answer cannot be split by its header: the header gives the stored size, not the
size of the filtered content it then writes (git 2.39 and 2.47). So each version asked
("ID PATH", git-cat-file(1)) is followed by a name no object has, `_END`, whose answer,
"NAME missing", ends it: the content is what comes before that answer's line feed and
line. `_END` holds 160 random bits, drawn once a run: no content holds it but by a chance
of one in 2^160.
"""

from __future__ import annotations

import secrets
import subprocess
from io import BufferedReader
from typing import Final, cast

from specrepo.gitio.batch_names import CHUNK, batch_safe
from specrepo.gitio.git_command import Git, stop

_END: Final = f"specrepo-end-{secrets.token_hex(20)}"
"""A name no object has, asked after each version (see the module)."""
_ENDED: Final = f"\n{_END} missing\n".encode()
"""What follows a version's filtered content in git's answer."""


class Smudging:
    """The `git cat-file --batch --filters` of each filter driver asked for, run with
    `git` (its attributes: the work tree's, or a past commit's, `historical_filters`),
    started on first use, the driver required (`filter.NAME.required`: a driver that
    fails stops git, never hands over what git stores)."""

    def __init__(self, git: Git) -> None:
        self._git = git
        self._processes: dict[str, subprocess.Popen[bytes]] = {}

    def read(self, blob: str, path: str, driver: str) -> bytes | None:
        """`blob`'s content as `driver` writes it out for `path`; None when git did not
        give it (the driver failed, git stopped or answered another thing, or `path`
        cannot be asked on one line: `batch_names.batch_safe`): the caller then asks for
        it alone, for git's reason. The driver's git is stopped after a None."""
        if not batch_safe(path):
            return None
        process = self._processes.get(driver)
        if process is None:
            process = self._processes[driver] = self._git.start(
                "-c", f"filter.{driver}.required=true", "cat-file", "--batch", "--filters",
                stdin=True)
        assert process.stdin is not None
        try:
            process.stdin.write(f"{blob} {path}\n{_END}\n".encode("utf-8", "surrogateescape"))
            process.stdin.flush()
            content = _answer(cast(BufferedReader, process.stdout))
        except OSError:  # git ended: the driver failed
            content = None
        if content is None:
            del self._processes[driver]
            stop(process)
        return content

    def release(self) -> list[subprocess.Popen[bytes]]:
        """The git processes started, for the caller to stop (`git_command.stop`)."""
        processes = list(self._processes.values())
        self._processes = {}
        return processes


def _answer(stdout: BufferedReader) -> bytes | None:
    """The filtered content of the one blob asked before `_END`, from `stdout` (see the
    module); None when git did not answer it as a blob, or ended before `_END`."""
    header = stdout.readline().split()
    if len(header) != 3 or header[1] != b"blob":
        return None
    answer = bytearray()
    while (at := answer.find(_ENDED, max(0, len(answer) - CHUNK - len(_ENDED)))) < 0:
        chunk = stdout.read1(CHUNK)
        if not chunk:
            return None
        answer += chunk
    return bytes(answer[:at]) if at + len(_ENDED) == len(answer) else None
