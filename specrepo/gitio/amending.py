"""Whether the commit being made amends HEAD (`git commit --amend`), for a `commit-msg`
hook: git tells the hook nothing of it (the environment, the files of the git folder and
the hook's arguments are the same as a plain commit's, git 2.39), so the one witness is the
command line of the `git commit` the hook runs under."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from specrepo.base import inputs

_GLOBAL_VALUES: Final = frozenset({"-c", "-C", "--git-dir", "--work-tree", "--namespace",
                                   "--super-prefix", "--config-env", "--exec-path"})
"""git's options before the command that take the next argument as their value."""
_SHORT_VALUES: Final = frozenset("mFCct")
"""`git commit`'s one-letter options whose value may be the next argument."""
_LONG_VALUES: Final = ("--message", "--file", "--reuse-message", "--reedit-message",
                       "--author", "--date", "--template", "--cleanup", "--fixup",
                       "--squash", "--trailer", "--pathspec-from-file")
"""`git commit`'s long options whose value may be the next argument (git takes any
unambiguous abbreviation of a long option)."""
_MAX_ANCESTORS: Final = 64


def amends_head() -> bool | None:
    """Whether the commit being made replaces HEAD: True when the nearest `git` process
    among this process's ancestors is a `git commit` with `--amend` (or one of its
    abbreviations; an alias git expands runs git again with the command it stands for);
    False when it is another `git commit`, `git merge` and the like (a commit on top of
    HEAD), or when no ancestor is git (run by hand or in CI); None when it cannot be
    known: the ancestors cannot be read (no `/proc` and no `ps`, as on Windows), or git
    commits for `git rebase`, whose steps may amend. False too when git runs no hook
    (git gives its hooks `GIT_INDEX_FILE`): `git rebase --exec` runs commands, not hooks."""
    if "GIT_INDEX_FILE" not in inputs.reader.environment():
        return False
    pid = os.getppid()
    for _ in range(_MAX_ANCESTORS):
        if pid <= 1:
            return False
        process = _process(pid)
        if process is None:
            return None
        parent, arguments = process
        if arguments and Path(arguments[0]).name.removesuffix(".exe") == "git":
            return commit_amends(arguments[1:])
        pid = parent
    return None


def _process(pid: int) -> tuple[int, list[str]] | None:
    """The parent of process `pid` and its command line; None when neither `/proc` nor
    `ps` tells (`ps` splits the command line at white space: an argument holding
    `--amend` among words reads as the option, the side that asks for an approval)."""
    proc = Path("/proc") / str(pid)
    try:
        status = inputs.reader.read_text(proc / "status", encoding="utf-8", errors="replace")
        command = inputs.reader.read_bytes(proc / "cmdline")
    except OSError:
        pass
    else:
        parent = next((line.split()[1] for line in status.splitlines()
                       if line.startswith("PPid:")), "0")
        return int(parent), [part.decode("utf-8", "surrogateescape")
                             for part in command.split(b"\0") if part]
    try:
        answer = subprocess.run(["ps", "-o", "ppid=", "-o", "args=", "-p", str(pid)],
                                capture_output=True, check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    words = answer.stdout.decode("utf-8", "surrogateescape").split()
    if answer.returncode != 0 or not words or not words[0].isdigit():
        return None
    return int(words[0]), words[1:]


def commit_amends(arguments: Sequence[str]) -> bool | None:
    """Whether git's arguments (after `git`) are a `git commit --amend` (None: a `git
    rebase`, which may amend in its steps)."""
    index = 0
    while index < len(arguments) and arguments[index].startswith("-"):
        index += 2 if arguments[index] in _GLOBAL_VALUES else 1
    command = arguments[index] if index < len(arguments) else ""
    if command == "rebase":
        return None
    if command != "commit":
        return False
    amend, options = False, iter(arguments[index + 1:])
    for argument in options:
        if argument == "--":
            break
        if argument.startswith("--"):
            name = argument.partition("=")[0]
            if len(name) > 3 and "--amend".startswith(name):
                amend = True
            elif len(name) > 6 and "--no-amend".startswith(name):
                amend = False
            elif "=" not in argument and any(option.startswith(name)
                                             for option in _LONG_VALUES):
                next(options, None)  # its value
        elif argument.startswith("-") and len(argument) > 1:
            letters = argument[1:]
            taking = next((at for at, letter in enumerate(letters)
                           if letter in _SHORT_VALUES), None)
            if taking == len(letters) - 1:
                next(options, None)  # its value
    return amend
