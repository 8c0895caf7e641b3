"""The questions a run asks of the file system (and the clock's date), and what they are
answered now (`answer`), as JSON, for the whole-result cache: `base.recording` records
each answer as this module gives it, and a hit asks each question again here.

Like `base/inputs.py`, whose other half it is, this module calls the standard library's
readers directly (tests/base/test_inputs_door.py lists it). What each kind answers:
- `stat`, `lstat`: the status that matters (`os.stat`'s mode, size, modification and
  change times in ns, inode, device), or the error's number;
- `kind`, `lkind`: the kind of file `os.stat` (`os.lstat`) finds (`stat.S_IFMT` of its
  mode), or the error's number: what every `os.path` test of a path (`exists`,
  `isfile`, `islink`...) answers from;
- `read`: the SHA-256 of the file's bytes (a file opened, read whole or by descriptor),
  or the error's number; its `stat` is recorded beside it (settled, or the run is not
  stored), and a hit whose status of the file is the same takes no digest
  (`answered_alike`);
- `list`: a folder's names, in the order the system gives them; `caseless`: those of a
  folder's names that are one of a few in any case (`Reader.names_caseless`), sorted;
  `walk`: every level `os.walk` gives below a folder, not pruned; `glob`: the paths
  `Path.glob` gives;
- `access`, `realpath`, `abspath`, `absolute`, `expanduser`, `which`, `cwd`, `user`,
  `today`: the function's own answer.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Final

from specrepo.base.inputs import StrPath, caseless_names
from specrepo.base.settled import answers_for_bytes

Answer = Any
"""An answer: JSON (lists, numbers, text, booleans, null)."""


def status_answer(status: os.stat_result) -> list[int]:
    return [status.st_mode, status.st_size, status.st_mtime_ns, status.st_ctime_ns,
            status.st_ino, status.st_dev]


def error_answer(error: OSError) -> list[Any]:
    return ["error", error.errno]


def digest_answer(path: StrPath) -> list[Any] | str:
    """The SHA-256 of a regular file's bytes; the error's number, or `["special"]` for a
    file that is no regular file (never read: a pipe would block)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        return error_answer(error)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return ["special"]
        digest = hashlib.sha256()
        while chunk := os.read(descriptor, 1 << 20):
            digest.update(chunk)
        return digest.hexdigest()
    except OSError as error:
        return error_answer(error)
    finally:
        os.close(descriptor)


def walk_answer(top: str, followlinks: bool) -> list[Any]:
    errors: list[Any] = []
    levels: list[Any] = [[folder, sorted(folders), sorted(names)] for folder, folders, names
                         in os.walk(top, onerror=lambda error: errors.append(
                             [error.filename, error.errno]), followlinks=followlinks)]
    return [levels, errors]


def glob_answer(root: str, pattern: str) -> list[Any]:
    try:
        return [str(path) for path in Path(root).glob(pattern)]
    except OSError as error:
        return error_answer(error)


def _asked(function: Callable[..., Any], *arguments: Any) -> Answer:
    try:
        found = function(*arguments)
    except OSError as error:
        return error_answer(error)
    return status_answer(found) if isinstance(found, os.stat_result) else found


def _kind(function: Callable[[Any], os.stat_result], path: Any) -> Answer:
    try:
        return stat.S_IFMT(function(path).st_mode)
    except OSError as error:
        return error_answer(error)


_ANSWERS: Final[dict[str, Callable[..., Answer]]] = {
    "stat": lambda path: _asked(os.stat, path),
    "lstat": lambda path: _asked(os.lstat, path),
    "kind": lambda path: _kind(os.stat, path),
    "lkind": lambda path: _kind(os.lstat, path),
    "read": digest_answer,
    "list": lambda path: _asked(os.listdir, path),
    "caseless": lambda path, names: _asked(caseless_names, path, frozenset(names)),
    "walk": walk_answer,
    "glob": glob_answer,
    "access": os.access,
    "realpath": os.path.realpath,
    "readlink": lambda path: _asked(os.readlink, path),
    "abspath": os.path.abspath,
    "absolute": lambda path: str(Path(path).absolute()),
    "expanduser": lambda path: _asked(lambda: str(Path(path).expanduser())),
    "which": shutil.which,
    "cwd": lambda: _asked(os.getcwd),
    "user": lambda: [os.geteuid(), os.getegid(), os.getgroups()],
    "today": lambda: date.today().isoformat(),
}


def answer(question: Sequence[Any]) -> Answer:
    """What the file system (or the clock's date) answers `question` now, as JSON, as
    `RecordingReader` recorded it. Raises `KeyError` for a kind it does not know."""
    return _ANSWERS[question[0]](*question[1:])


_STATUS_OF: Final = {"kind": "stat", "lkind": "lstat"}
"""The status question (`stat`, `lstat`) whose answer holds a kind question's (`kind`,
`lkind`): the same call, its mode's kind of file or the same error."""


def kind_answer(status: Answer) -> Answer:
    """The `kind` (`lkind`) answer that goes with the `stat` (`lstat`) answer `status`: its
    mode's kind of file (`stat.S_IFMT`), or the same error."""
    return stat.S_IFMT(status[0]) if isinstance(status[0], int) else status


def unimplied(questions: Mapping[tuple[Any, ...], Answer]) -> list[tuple[tuple[Any, ...], Answer]]:
    """`questions` (each question and its answer, in their order) without those another
    of them answers: a test of a path's kind (`kind`, `lkind`) whose status (`stat`,
    `lstat`) was asked too, the two answers agreeing: a hit that finds the same status
    finds the same kind. A run's walk asks both of a spec file, 1,370 of a warm
    `validate --history`'s 4,270 questions on a 655-spec repository (session 63): a hit
    asks them once. Answers that disagree (the file changed between the two) are both
    kept, so a hit asks both."""
    return [(question, found) for question, found in questions.items()
            if not (len(question) == 2 and question[0] in _STATUS_OF
                    and isinstance(status := questions.get(
                        (_STATUS_OF[question[0]], question[1])), list)
                    and kind_answer(status) == found)]


def answered_alike(questions: Sequence[Sequence[Any]], trusted_before: int) -> bool:
    """Whether each of `questions` (each a question and the answer recorded) is answered
    now as it was (`answer`). A file read (`read`: its digest) whose status (`stat`) was
    recorded too is not read again where that status is answered alike and answers for
    its bytes (`settled.answers_for_bytes`: its times before `trusted_before`, the
    earlier of `settled.settled_before` and when the entry was written), as the findings
    cache trusts a file's status: the same status is the same bytes."""
    recorded = {question[1]: found for question, found in questions
                if question[0] == "stat" and len(question) == 2}
    now: dict[str, Answer] = {}

    def status(path: str) -> Answer:
        if path not in now:
            now[path] = answer(("stat", path))
        return now[path]

    for question, found in questions:
        if question[0] == "stat" and len(question) == 2:
            alike = status(question[1]) == found
        elif question[0] == "read" and _trusted(recorded.get(question[1]), status,
                                                question[1], trusted_before):
            continue  # the same status: the same bytes, not read again
        else:
            alike = answer(question) == found
        if not alike:
            return False
    return True


def _trusted(kept: Answer, status: Callable[[str], Answer], path: str,
             trusted_before: int) -> bool:
    """Whether the status `kept` of the file at `path` (recorded; None: none) is its
    status now and answers for its bytes (`answered_alike`)."""
    return isinstance(kept, list) and len(kept) == 6 \
        and all(isinstance(number, int) for number in kept) \
        and answers_for_bytes(kept[0], kept[2], kept[3], trusted_before) \
        and status(path) == kept
