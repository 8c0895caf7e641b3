"""Which command lines the whole-result cache covers (`covered`), and what its key holds
besides the questions a run asked (`run_key`): everything of the process that can change
a covered command's output without a file read through `base.inputs`.

Covered: `report` (any format and filters, `--now DATE`), `timeline`, and
`validate --history`, with the group's `--config` and `--debug`; each option spelled as
`--help` lists it. Not covered (the command runs as always): any other command or option,
`--now today` (its ages count to the second), a run that writes files (`--output`,
`--summary`, `--sarif`, `--junit`), `--since`, `--changed-since`, `--commit-message` (a
hook's), shell completion, a stderr on a terminal (progress is drawn there), no stdout or
stderr, `SPECREPO_NO_RESULT_CACHE` set, and a git pointed elsewhere by the environment
(`GIT_DIR`, `GIT_INDEX_FILE`...: `_GIT_ELSEWHERE`).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from typing import Final

from specrepo.base import inputs

FORMAT: Final = 2
"""The whole-result cache's format."""
OFF: Final = "SPECREPO_NO_RESULT_CACHE"
"""Set (to anything), the whole-result cache is neither read nor written."""

_FLAGS: Final = {
    "report": frozenset({"--allow-shallow", "--allow-submodules", "--allow-empty"}),
    "timeline": frozenset({"--allow-shallow"}),
    "validate": frozenset({"--history", "--strict", "--verbose", "-v", "--allow-shallow",
                           "--allow-submodules", "--allow-empty", "--quiet", "-q"}),
}
_VALUED: Final = {
    "report": frozenset({"--format", "--status", "--author", "--reviewer", "--now",
                         "--fail-on"}),
    "timeline": frozenset({"--format", "--item"}),
    "validate": frozenset({"--format"}),
}
_GIT_ELSEWHERE: Final = frozenset({
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_GRAFT_FILE", "GIT_SHALLOW_FILE", "GIT_CONFIG",
    "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_EXEC_PATH", "GIT_REPLACE_REF_BASE",
    "GIT_NAMESPACE", "GIT_QUARANTINE_PATH",
})
"""`GIT_*` variables (git(1), ENVIRONMENT) that point git at files `base.git_state` does
not ask about (another git folder, index, object store, graft or shallow file, a
configuration that may include other files, other git programs): any of them set (a
hook's `GIT_INDEX_FILE`, `git -c`) keeps the run out of the cache. Every variable's value
is in the key, so the others (`GIT_NO_REPLACE_OBJECTS`, `GIT_CONFIG_GLOBAL`...) may only
change answers between runs of different keys."""
_UNREAD: Final = frozenset({"_", "OLDPWD", "SHLVL"})
"""Shell variables that neither specrepo, Python, Click nor git read: left out of the key
(a shell changes them between two runs)."""


def covered(arguments: Sequence[str]) -> str | None:
    """The command of the command line `arguments` (without the program) when the cache
    covers it, in this process's environment and streams (see the module); else None."""
    environment = inputs.reader.environment()
    if OFF in environment or any(
            name in _GIT_ELSEWHERE or name.startswith("_SPECREPO") for name in environment):
        return None
    if sys.stdout is None or sys.stderr is None or sys.stderr.isatty():
        return None
    rest = list(arguments)
    while rest and (rest[0] in ("--config", "--debug") or rest[0].startswith("--config=")):
        del rest[:2 if rest[0] == "--config" else 1]
    return rest[0] if rest and rest[0] in _FLAGS and _options_covered(rest[0], rest[1:]) \
        else None


def _options_covered(command: str, arguments: list[str]) -> bool:
    positional = 0
    index = 0
    while index < len(arguments):
        word = arguments[index]
        name, equals, value = word.partition("=")
        if word in _FLAGS[command]:
            index += 1
        elif name in _VALUED[command]:
            value = value if equals else (arguments[index + 1]
                                          if index + 1 < len(arguments) else "")
            if name == "--now" and value == "today":
                return False
            index += 1 if equals else 2
        elif word.startswith("-"):
            return False
        else:
            positional += 1
            index += 1
    if command == "validate":
        return "--history" in arguments
    return positional <= 1


def run_key(arguments: Sequence[str], code: str) -> str:
    """The key (hex SHA-256) of a run of `arguments` by the code of digest `code`: the
    format, the code, the command line, the working folder, the environment (but
    `_UNREAD`), the streams (terminal or not, encodings), the interpreter and the folders
    its modules come from (a package installed changes its folder)."""
    environment = inputs.reader.environment()
    streams = [[stream.isatty(), stream.encoding, stream.errors]
               for stream in (sys.stdout, sys.stderr)]
    places: list[list[object]] = []
    for place in sys.path:
        try:
            status = inputs.reader.stat(place or ".")
        except OSError:
            places.append([place])
        else:
            places.append([place, status.st_mtime_ns, status.st_ctime_ns, status.st_ino])
    whole = json.dumps([
        FORMAT, code, list(arguments), inputs.reader.getcwd(),
        sorted((name, value) for name, value in environment.items() if name not in _UNREAD),
        streams, sys.stdin is not None and sys.stdin.isatty(), sys.executable, sys.version,
        list(sys.flags), places,
    ], separators=(",", ":"))
    return hashlib.sha256(whole.encode("utf-8", "surrogateescape")).hexdigest()
