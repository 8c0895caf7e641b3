"""The whole-result cache: a covered command run again with nothing it read changed
replays the first run's standard output, standard error and exit code, byte for byte,
before the command's modules load (`CachedRun.replayed`); a run it cannot replay reads
through a recording reader and stores what it read and wrote (`CachedRun.filled`).

The cache keeps one entry per slot (`SLOTS` files a command, `result-cache-report-N.json`
in the work tree's git folder's `specrepo/`, headed by `base.headed_cache`, the key naming
the code), a command line's key (`base.replay_key.run_key`) choosing the command's slot:
it never grows with runs. An entry holds each question the run asked of the file system
and git's state (`base.recording`, `base.git_state`) with its answer (but a kind of file
its status answers: `questions.unimplied`); a hit asks each
again and replays only when every answer is the same (and the clock is at least the bound
the command told, `Reader.clock_bound`); a file read whose status is the one recorded,
settled (`base.settled`, the findings cache's rule), is not read again for its digest
(`questions.answered_alike`). Not stored (any doubt is a miss): a run that exits other
than 0 or 1, forks worker processes, starts a process other than git or specrepo's own
deterministic workers (`base.replay_doubts`: the regress worker), reaches no verdict on a
pattern's match (`replay_doubts.undecided`: a slow match's next run may decide), keeps
work for a next run that asks less (`replay_doubts.outdone`: a listing kept), writes
anything outside the cache folder (seen by an audit hook: `open` for writing, renames,
removals; `$GITHUB_STEP_SUMMARY` appended to), runs a git command
`base.git_state.git_doubt` does not cover, reads a file changed within `settled.SETTLED_NS`
before it started, gets two answers to one question, or reads the
clock without telling what its output depends on.
"""

from __future__ import annotations

import io
import json
import os
import sys
import threading
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any, BinaryIO, Final, TextIO

from specrepo.base import inputs
from specrepo.base.code_digest import code_digest
from specrepo.base.errors import ExitCode, stdout_write_failed
from specrepo.base.git_state import asked_git_state, repository
from specrepo.base.headed_cache import read_headed_or_empty, write_headed
from specrepo.base.inputs import Reader
from specrepo.base.questions import answered_alike, unimplied
from specrepo.base.recording import RecordingReader
from specrepo.base.replay_doubts import OUTDONE, UNDECIDED, is_own_worker
from specrepo.base.replay_key import FORMAT, covered, run_key
from specrepo.base.settled import settled_before, unsettled

SLOTS: Final = 4
"""How many entries the cache keeps at most for each command (one file each)."""
_FORKS: list[int] = []
"""One item per process forked since this module loaded (`_forking`)."""
_WATCHED: list[str] = []
"""The cache folder while a run fills (its writes there are the caches'), else empty."""
_WROTE: list[str] = []
"""What a filling run wrote outside the cache folder, seen by `_audit`."""
_WRITES: Final = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_CHANGES: Final = frozenset({"os.rename", "os.remove", "os.rmdir", "os.mkdir", "os.truncate",
                             "os.link", "os.symlink", "os.chmod", "os.chown", "os.utime",
                             "shutil.copyfile", "shutil.copymode", "shutil.copystat",
                             "shutil.rmtree", "shutil.move", "shutil.unpack_archive"})
"""Audit events (sys.audit events table) that change the file system at their first
argument."""


_STARTED: list[str] = []
"""The programs a filling run started (`subprocess.Popen` audit events), but specrepo's own
deterministic workers (`replay_doubts.is_own_worker`)."""


def _audit(event: str, arguments: tuple[Any, ...]) -> None:
    """Note a write a filling run makes outside the cache folder (`open` for writing, a
    rename, a removal...): such a run is not stored, for a replay would not write; and
    each process it starts (only gits the door was told of, and specrepo's own workers,
    may answer a stored run)."""
    if _WATCHED and event == "subprocess.Popen":
        started = arguments[1]
        if isinstance(started, (str, bytes)):
            started = [started]
        command = [os.fsdecode(os.fspath(part)) for part in started]
        if not is_own_worker(command):
            _STARTED.append(next(iter(command), ""))
    if not _WATCHED or not arguments or not (
            event in _CHANGES or (event == "open" and isinstance(arguments[-1], int)
                                  and arguments[-1] & _WRITES)):
        return
    if isinstance(arguments[0], int):  # a descriptor opened before (and seen then)
        return
    path = os.fsdecode(os.fspath(arguments[0]))
    if path != os.devnull and not (path == _WATCHED[0]
                                   or path.startswith(_WATCHED[0] + os.sep)):
        _WROTE.append(path)


sys.addaudithook(_audit)


def _forking() -> None:
    """Before a fork (`os.register_at_fork`): count it; a filling run that forks is never
    stored, so it reads on unrecorded, as the process it forks does (a cold walk forks
    its version worker before the spec files are listed: about 4,500 of the 4,536
    questions of the benchmark history's cold `report` came after it)."""
    _FORKS.append(1)
    if _WATCHED and isinstance(inputs.reader, RecordingReader):
        inputs.reader = Reader()  # `inputs.reading_through` puts the one before back


os.register_at_fork(before=_forking)


class CachedRun:
    """A covered run: its key and the file its entry lives in."""

    def __init__(self, folder: Path, key: str, command: str) -> None:
        self.folder = folder
        self.key = key
        self.file = folder / f"result-cache-{command}-{int(key[:8], 16) % SLOTS}.json"

    def replayed(self, present: Callable[[str, str], bool] | None = None) -> int | None:
        """Write the stored output and return the exit code when every question of the
        entry is answered as it was, and git still holds every object the run checked
        (`present(folder, names)`: the `git_state.PRESENCE_CHECK` asked again; an entry
        with such checks is never replayed without it); None (nothing written)
        otherwise."""
        headed = read_headed_or_empty(self.file)
        payload = headed.payload_for(format=FORMAT, key=self.key)
        if payload is None:
            return None
        end = payload.tobytes().find(b"\n")  # the entry's line, then the output's bytes
        try:
            entry = json.loads(payload[:end].tobytes())
            floor = entry["clock"]
            if floor is not None and inputs.reader.time() < floor:
                return None
            if entry["objects"] and present is None:
                return None
            presence = _Presence(present, entry["objects"])
            try:
                alike = answered_alike(entry["questions"],
                                       min(settled_before(), headed.written))
            finally:
                held = presence.answer()
            if not (alike and held):
                return None
            output, code = entry["output"], entry["code"]
        except (ValueError, KeyError, TypeError, OSError):
            return None
        return _replay(output, payload[end + 1:], code)

    def filled(self, run: Callable[[], None]) -> None:
        """Run the command (`run`, which exits with `SystemExit`) reading through a
        recording reader, its output kept as it is written, and store the entry when
        nothing leaves a doubt. Raises what `run` raises."""
        recorder = RecordingReader(inputs.reader.time_ns(), (os.fspath(self.folder),))
        kept: list[list[Any]] = []
        streams = sys.stdout, sys.stderr
        forks = len(_FORKS)
        code: object = None
        teed = _teed(streams[0], 1, kept), _teed(streams[1], 2, kept)
        sys.stdout, sys.stderr = teed  # held in `teed` too: a wrapper let go closes its buffer
        _WATCHED[:], _WROTE[:], _STARTED[:] = [os.fspath(self.folder)], [], []
        UNDECIDED.clear()
        OUTDONE.clear()
        try:
            with inputs.reading_through(recorder):
                run()
        except SystemExit as done:
            code = 0 if done.code is None else done.code
            raise
        finally:
            _flushed(sys.stdout, sys.stderr, *teed)
            sys.stdout, sys.stderr = streams
            _WATCHED.clear()
            if code in (0, 1) and len(_FORKS) == forks \
                    and not (_WROTE or UNDECIDED or OUTDONE):
                with suppress(OSError, RuntimeError):  # only a shortcut: not kept
                    self._store(recorder, kept, code)

    def _store(self, recorder: RecordingReader, kept: list[list[Any]], code: object) -> None:
        with inputs.reading_through(recorder):
            doubts = asked_git_state(recorder.git_folders) if recorder.git_folders else []
        recorder.finish()
        clock = recorder.outside
        if clock.clock_reads and (not clock.clock_told or (
                clock.clock_floor is not None and min(clock.clock_reads) < clock.clock_floor)):
            doubts.append("the output depends on the clock")
        if len(_STARTED) != len(recorder.git_folders) or set(_STARTED) - {"git"}:
            return  # a process not started through `Git`
        if doubts or recorder.doubts or unsettled(recorder.questions, recorder.started_ns):
            return
        entry = json.dumps({
            "key": self.key, "code": code,
            "clock": clock.clock_floor if clock.clock_reads else None,
            "questions": [[list(question), found]
                          for question, found in unimplied(recorder.questions)],
            "objects": recorder.presence,
            "output": [[number, len(chunk)] for number, chunk in kept],
        }, separators=(",", ":")).encode("utf-8", "surrogateescape")
        write_headed(self.file, {"format": FORMAT, "key": self.key},
                     b"".join([entry, b"\n", *(chunk for _, chunk in kept)]))


class _Presence:
    """Whether git still holds the objects of an entry's presence checks (`objects`: each
    folder and its names, asked by `present`), asked in a thread of its own while the
    questions are asked: git's look-ups (12 ms for the 26,000 names of a 10,959-commit
    history, session 63) and specrepo's answers (8-12 ms) take the two cores at once.
    No thread is left when `answer` returns, so a run made after a miss may fork."""

    def __init__(self, present: Callable[[str, str], bool] | None,
                 objects: list[list[str]]) -> None:
        self._held: list[bool] = []
        self._raised: list[BaseException] = []
        self._thread: threading.Thread | None = None
        if objects and present is not None:
            self._thread = threading.Thread(target=self._ask, args=(present, objects),
                                            daemon=True)
            self._thread.start()

    def _ask(self, present: Callable[[str, str], bool], objects: list[list[str]]) -> None:
        try:
            self._held.append(all(present(folder, names) for folder, names in objects))
        except BaseException as error:  # raised again by `answer`, in the run's thread
            self._raised.append(error)

    def answer(self) -> bool:
        """Whether every object is held (True for none asked), once git has answered;
        raises what `present` raised."""
        if self._thread is None:
            return True
        self._thread.join()
        if self._raised:
            raise self._raised[0]
        return self._held == [True]


def cached_run(arguments: list[str]) -> CachedRun | None:
    """The cached run of the command line `arguments` (without the program), None when
    the cache does not cover it or there is no git folder to keep it in."""
    command = covered(arguments)
    if command is None:
        return None
    try:
        found = repository(inputs.reader.cwd())
    except OSError:
        return None
    if found is None:
        return None
    return CachedRun(found[1] / "specrepo", run_key(arguments, code_digest()), command)


def _replay(output: list[list[Any]], written: memoryview, code: int) -> int:
    """Write the stored chunks (`output`: stream and length, in order; `written`: their
    bytes one after the other) to their streams; the exit code, 141 when a reader went
    away (as the command line answers it)."""
    streams = {1: sys.stdout, 2: sys.stderr}
    start = 0
    try:
        for number, length in output:
            target = streams[number].buffer
            target.write(written[start:start + length])
            target.flush()
            start += length
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
        return 141
    except OSError as error:  # a full disk: exit 2 with one line, as a run that is no replay
        failed = stdout_write_failed(error.strerror or str(error)) if number == 1 else None
        with suppress(OSError):
            sys.stderr.write(f"specrepo: error: {failed}\n" if failed else "")
            sys.stderr.flush()
        return ExitCode.USAGE
    return code


class _Tee(io.RawIOBase):
    """A stream's bytes, written on at once and kept, numbered by stream, as written."""

    def __init__(self, target: BinaryIO, number: int, kept: list[list[Any]]) -> None:
        self._target, self._number, self._kept = target, number, kept

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        written = bytes(data)
        self._target.write(written)
        self._target.flush()
        self._kept.append([self._number, written])
        return len(written)

    def isatty(self) -> bool:
        return self._target.isatty()

    def fileno(self) -> int:
        return self._target.fileno()


def _teed(stream: TextIO, number: int, kept: list[list[Any]]) -> TextIO:
    """A text stream like `stream` (encoding, errors, line buffering) whose bytes go on to
    it and are kept."""
    stream.flush()
    buffered = io.BufferedWriter(_Tee(stream.buffer, number, kept))
    return io.TextIOWrapper(buffered, encoding=stream.encoding, errors=stream.errors,
                            line_buffering=bool(stream.line_buffering),
                            write_through=getattr(stream, "write_through", False))


def _flushed(*streams: TextIO | None) -> None:
    for stream in streams:
        if stream is not None:
            with suppress(OSError, ValueError):
                stream.flush()
