"""The environment every git process runs in: specrepo's settings (`CONFIG_OVERRIDES`,
passed through git's `GIT_CONFIG_COUNT`, git 2.31+, so that they reach the processes git
starts itself too), without the variables that would change what a query answers
(`NEUTRALISED`); and the rules and git executable caches of git's answers are keyed by.
"""

from __future__ import annotations

import os
from typing import Final

from specrepo.base import inputs

CONFIG_OVERRIDES: Final = (
    # What `git log` shows and how: the root commit's diff, no signatures, decorations,
    # colour, notes or prefixes, authors through .mailmap, UTF-8 whatever the commit says.
    ("log.showRoot", "true"),
    ("log.showSignature", "false"),
    ("log.decorate", "false"),
    ("log.follow", "false"),
    ("log.abbrevCommit", "false"),
    ("log.mailmap", "true"),
    ("color.ui", "false"),
    ("color.diff", "false"),
    ("diff.noprefix", "false"),
    ("diff.mnemonicPrefix", "false"),
    ("diff.relative", "false"),
    ("diff.renames", "false"),
    # Rename detection (`-M`, where specrepo follows a spec's file) gives up when the
    # files deleted times those added exceed this squared (diffcore-rename.c): a user's
    # lower limit would split a spec moved and renumbered into two. git's default (since
    # 2.33; 400 before), whatever git runs.
    ("diff.renameLimit", "1000"),
    ("diff.ignoreSubmodules", "none"),
    ("core.quotePath", "false"),
    ("i18n.logOutputEncoding", "UTF-8"),
    # Which lines of a message are trailers (`Approved-by:` approves a change): git's
    # default separator only, as a clean configuration reads them (git-interpret-trailers(1)).
    ("trailer.separators", ":"),
    # Attributes (filters, `conflict-marker-size`) from the work tree's and each commit's
    # own `.gitattributes`, never from a tree `attr.tree` names (git 2.42+): git ignores
    # one it cannot resolve, as this empty name (gitattributes(5); `GIT_ATTR_SOURCE`,
    # which would win, is removed: `NEUTRALISED`).
    ("attr.tree", ""),
)

MEMORY_LIMITS: Final = (
    # git maps a whole pack file (up to 1 GiB at a time) and keeps up to 96 MB of delta
    # bases: walking a 100,000-commit history, `git log` held 260 MB, most of it pages of
    # the pack it had read once. These bounds kept it at 139 MB, in the same processor
    # time (on that history and on one of 11,000 commits; see benchmarks/README.md); 32 MB
    # of the pack mapped at once rather than 64 took the walk's `git diff-tree --stdin`
    # from 147 MB to 98 MB there, in the same processor time again (mem43).
    ("core.packedGitWindowSize", "16m"),
    ("core.packedGitLimit", "32m"),
    ("core.deltaBaseCacheLimit", "16m"),
)


NEUTRALISED: Final = (
    # Pathspec magic: specrepo's pathspecs say how they match (`:(top,glob)specs/**/*.yaml`,
    # `:(top,literal)path`); with these, git reads them another way and matches nothing, or
    # other files (git(1), ENVIRONMENT), and the history would be empty without an error.
    "GIT_LITERAL_PATHSPECS", "GIT_GLOB_PATHSPECS", "GIT_NOGLOB_PATHSPECS",
    "GIT_ICASE_PATHSPECS",
    # Diff output: an external diff program or other context lines instead of git's.
    "GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS",
    # (Windows) git's standard streams sent elsewhere: its answers would not reach specrepo.
    "GIT_REDIRECT_STDIN", "GIT_REDIRECT_STDOUT", "GIT_REDIRECT_STDERR",
    # Attributes read from a tree it names (git 2.40+), instead of the work tree's and
    # each commit's own `.gitattributes`: another filter for every version of history.
    "GIT_ATTR_SOURCE",
)
"""Environment variables removed from every git process. The others are the user's and
are followed as git follows them: where the repository is (`GIT_DIR`, `GIT_WORK_TREE`,
`GIT_INDEX_FILE`, `GIT_OBJECT_DIRECTORY`...), which history it has (`GIT_NO_REPLACE_OBJECTS`,
`GIT_REPLACE_REF_BASE`, `GIT_GRAFT_FILE`, `GIT_SHALLOW_FILE`: the history cache is keyed by
them, see `repository.fingerprint`), how to fetch, tracing."""


def git_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for every git process: the caller's without `NEUTRALISED`, plus
    specrepo's overrides and memory limits (`with_settings`)."""
    environment = with_settings(
        {name: value for name, value
         in (inputs.reader.environment() if base is None else base).items()
         if name not in NEUTRALISED}, CONFIG_OVERRIDES, MEMORY_LIMITS)
    environment["GIT_TERMINAL_PROMPT"] = "0"  # a fetch in CI must fail, not wait for a password
    environment["LC_ALL"] = "C"  # messages we pass on and the few we recognise, in English
    return environment


def with_settings(environment: dict[str, str], settings: tuple[tuple[str, str], ...],
                  limits: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    """`environment` (changed, and returned) with git configuration `settings` (key,
    value) and `limits` after any `GIT_CONFIG_*` entries already there (later entries
    win). git reads `GIT_CONFIG_PARAMETERS` (what `git -c` passes on, as to a hook) after
    `GIT_CONFIG_COUNT`, so `settings` are appended there too when it is set."""
    try:
        count = int(environment.get("GIT_CONFIG_COUNT", "0"))
    except ValueError:
        count = 0
    for index, (key, value) in enumerate((*settings, *limits), start=count):
        environment[f"GIT_CONFIG_KEY_{index}"] = key
        environment[f"GIT_CONFIG_VALUE_{index}"] = value
    environment["GIT_CONFIG_COUNT"] = str(count + len(settings) + len(limits))
    if environment.get("GIT_CONFIG_PARAMETERS", "").strip():
        environment["GIT_CONFIG_PARAMETERS"] += "".join(
            f" {_quoted(key)}={_quoted(value)}" for key, value in settings)
    return environment


def _quoted(text: str) -> str:
    """`text` quoted for `GIT_CONFIG_PARAMETERS` as git quotes it (quote.c, `sq_quote`):
    in single quotes, a single quote written `'\\''`."""
    return "'" + text.replace("'", "'\\''") + "'"


def git_rules(environment: dict[str, str] | None = None) -> list[str]:
    """The rules every git process runs under (the overrides, the removed variables) and
    the git that runs (`git_executable`), for keys of caches of what git answered: a cache
    written under other rules, or by another git, is not read."""
    return [repr((CONFIG_OVERRIDES, NEUTRALISED)), git_executable(environment)]


def git_executable(environment: dict[str, str] | None = None) -> str:
    """Which git `PATH` (of `environment`, default this process's) starts: its path, size
    and modification time in ns (another version, or one reinstalled, is another git:
    its defaults may differ); "" when none is found. A few `stat` calls, no process."""
    found = inputs.reader.which("git", path=(
        inputs.reader.environment() if environment is None else environment)
        .get("PATH", os.defpath))
    if found is None:
        return ""
    try:
        status = inputs.reader.stat(found)
    except OSError:
        return found
    return f"{inputs.reader.realpath(found)} {status.st_size} {status.st_mtime_ns}"
