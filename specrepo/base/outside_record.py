"""What a recording run (`base.recording`) learnt besides the file system: the git it ran,
what `git cat-file` answered it, and the clock (`OutsideRecord`), so that a whole-result
cache (`base.result_cache`) can ask git again on a hit, and refuse to store a run whose
git or clock it cannot."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from specrepo.base.git_state import PRESENCE_CHECK, git_doubt, presence_name


class OutsideRecord:
    """The git commands and clock readings of a recording run, and why they keep it out of
    the cache: each reason appended to `doubts` (the recording reader's list, shared)."""

    def __init__(self, doubts: list[str]) -> None:
        self.doubts = doubts
        self.git_folders: list[str] = []
        """The folder of each git process the run started (the cache compares their
        number with the processes it saw start)."""
        self.presence: list[list[str]] = []
        """Each `PRESENCE_CHECK` the run asked, then (`finish`) one a folder for the objects
        `cat-file --batch` answered (`read_object`): [folder, the object names, one a
        line]."""
        self._objects_read: dict[str, dict[str, None]] = {}  # folder -> `presence_name`s
        self.clock_reads: list[float] = []
        """What each `time()` the run read answered (Unix seconds)."""
        self.clock_floor: int | None = None
        """The latest bound a command told (`clock_bound`: Unix seconds), None if none."""
        self.clock_told = False
        """Whether a command told how its output depends on the clock (`clock_bound`)."""

    def ran_git(self, folder: Path, arguments: Sequence[str], stdin: bytes | None,
                *, started: bool) -> None:
        """Note a git run in `folder` with `arguments` (`stdin`: its whole input, when
        known); `started` False: a presence check the object store's stamp answered, no
        process (`Reader.ran_git`). A presence check is kept for a hit to ask again; any
        other command the cache does not cover (`git_state.git_doubt`) is a doubt."""
        self.git_folders += [os.fspath(folder)] if started else []
        if tuple(arguments) == PRESENCE_CHECK and stdin is not None:
            self.presence.append([os.fspath(folder), stdin.decode("utf-8", "surrogateescape")])
            return
        why = git_doubt(arguments)
        if why is not None:
            self.doubts.append(why)

    def read_object(self, folder: Path, name: str, answered: str | None) -> None:
        """Note that `git cat-file --batch` in `folder` answered `name` with the id
        `answered` (None: no such object; "": it stopped answering; `Reader.read_object`):
        kept as the name a hit's presence check asks (`git_state.presence_name`), a doubt
        where none vouches for it."""
        kept = presence_name(name, answered)
        if kept is None:
            self.doubts.append(f"git cat-file --batch {name!r} is not covered")
        else:
            self._objects_read.setdefault(os.fspath(folder), {})[kept] = None

    def clock_bound(self, bound: int | None) -> None:
        """Note that the output depends on the clock only through whether it is at least
        `bound` (Unix seconds; None: not at all; `Reader.clock_bound`)."""
        self.clock_told = True
        if bound is not None:
            self.clock_floor = max(bound, self.clock_floor or bound)

    def finish(self) -> None:
        """Add to `presence` one check a folder for the objects read (`read_object`)."""
        self.presence += [[folder, "".join(f"{name}\n" for name in names)]
                          for folder, names in self._objects_read.items()]
        self._objects_read.clear()
