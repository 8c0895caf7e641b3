"""When a file's status answers for its bytes, as git's index trusts it (git's
Documentation/technical/racy-git.txt): the one rule of the caches that skip reading a file
whose status is the one they kept, the findings cache (`check.findings_cache`) and the
whole-result cache (`base.recording`, `base.questions`).

A status answers for the bytes read with it when the file is a regular one, its system
keeps change times (`CHANGE_TIMES`) and it was neither modified nor changed since a bound:
`SETTLED_NS` before the run that kept it started, and before the cache keeping it was
written (its modification time, on the files' clock: git's index trusts no entry as new
as itself). Any write to a file changes its change time, which no program can set back;
a file put in its place has another inode; so the same status is the same bytes."""

from __future__ import annotations

import stat
import sys
from collections.abc import Mapping
from typing import Any, Final

from specrepo.base import inputs

SETTLED_NS: Final = 3_000_000_000
"""A file's status answers for its bytes only when its modification and change times are
this long (3 s) before the run started. A file written twice within one tick of its file
system's clock (two seconds on FAT, a few milliseconds on Linux), the second time after
it was read, keeps its status, size too if the bytes are as many: a file changed that
recently is read. The margin also covers a file system whose clock runs a little behind
this machine's (a network share)."""
CHANGE_TIMES: Final = sys.platform != "win32"
"""Whether files have a change time: Windows keeps none (its `st_ctime` is when the file
was made, which an edit that sets the modification time back leaves as it was), so there
every file is read."""


def settled_before(started_ns: int | None = None) -> int:
    """The time (ns since the epoch) before which a file's times must be for its status to
    answer for its bytes (`SETTLED_NS` before `started_ns`, the run's start; None: now,
    taken when a run starts, before any file is read)."""
    return (inputs.reader.time_ns() if started_ns is None else started_ns) - SETTLED_NS


def settled_by(modified_ns: int, changed_ns: int, before_ns: int) -> bool:
    """Whether a file modified and changed at these times (ns) was neither since
    `before_ns` (`settled_before`, or when a cache was written)."""
    return modified_ns < before_ns and changed_ns < before_ns


def answers_for_bytes(mode: int, modified_ns: int, changed_ns: int, before_ns: int) -> bool:
    """Whether a file's status (its mode, modification and change times) answers for its
    bytes: a regular file, where files keep change times (`CHANGE_TIMES`), settled
    (`settled_by`) before `before_ns` (the earlier of `settled_before` and the time the
    cache keeping the status was written)."""
    return CHANGE_TIMES and stat.S_ISREG(mode) and settled_by(modified_ns, changed_ns, before_ns)


def unsettled(questions: Mapping[tuple[Any, ...], Any], started_ns: int) -> list[str]:
    """The regular files whose status a recording reader asked (its `questions`, or which
    were read) that changed within `SETTLED_NS` before the run started (`settled_by`): a
    run that read a file newer than that is not stored (`base.result_cache`)."""
    before = settled_before(started_ns)
    return [question[1] for question, found in questions.items()
            if question[0] in ("stat", "lstat") and isinstance(found, list)
            and found[0] != "error" and stat.S_ISREG(found[0])
            and not settled_by(found[2], found[3], before)]
