"""`validate --history --pre-push`: the commits a push sends, as pre-commit's pre-push stage
names them, less those the remote's branches hold (a merged main's), judged as CI judges
them once pushed."""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from typing import Final, NamedTuple

from specrepo.base.errors import UsageError
from specrepo.commands.pushed_reads import refuse_uncommitted
from specrepo.gitio.pushed import NewCommitsStart, new_commits_start, remote_held
from specrepo.gitio.repository import open_repository
from specrepo.gitio.revisions import resolve_commit, unknown_revision
from specrepo.model.config import Config

FROM_REF: Final = "PRE_COMMIT_FROM_REF"
"""The remote's commit before the push (pre-commit's pre-push stage; `run --from-ref`)."""
TO_REF: Final = "PRE_COMMIT_TO_REF"
"""The local commit pushed, which need not be HEAD (`git push origin feature`)."""
LOCAL_BRANCH: Final = "PRE_COMMIT_LOCAL_BRANCH"
"""What is pushed, as `git push` names it; alone (no FROM_REF, TO_REF) when pre-commit
pushes a history that starts with a root commit: then every commit is new."""
REMOTE_NAME: Final = "PRE_COMMIT_REMOTE_NAME"

_NEW_BRANCH: Final = re.compile("0+")
"""git's remote commit for a branch the remote lacks (a raw hook's; pre-commit's stage
names the parent of the first new commit instead, as `new_commits_start` does)."""

_NO_RANGE: Final = (
    f"--pre-push judges the commits a push sends, which pre-commit's pre-push stage names "
    f"in {FROM_REF} and {TO_REF} (`pre-commit run --hook-stage pre-push --from-ref REF "
    f"--to-ref REF` too); {{}}: outside that stage, name them as it does, "
    f"`{FROM_REF}=REMOTE_COMMIT {TO_REF}=HEAD specrepo validate --history --pre-push` "
    "(REMOTE_COMMIT: the remote's branch, `origin/main`, or 40 zeros for a branch new to "
    "it), which leaves out what the remote's branches hold, as a push does (`--since REF` "
    "judges a merged main's commits too)")


class PushedRange(NamedTuple):
    """The commits a push sends, as `validate --history` reads a range."""

    since: str | None
    """The revision after which they come (`--since`'s); None: from the first commit on."""
    held: tuple[str, ...]
    """The commits the remote's tracking branches point at: those they reach are the
    remote's already (a merge of main brings them), and the push sends none of them;
    none when every commit of the history is new to the remote."""


def pushed_range(config: Config, environment: Mapping[str, str]) -> PushedRange:
    """The commits the push sends: after `since` (the remote's commit, or the parent of
    the first commit new to it), and not the remote's already (`PushedRange.held`: an
    illegal move on main, which a branch merged, is not the branch's to undo). The push
    must send the commit checked out
    (HEAD), and the work tree must hold it where validate reads (the spec files, the
    configuration, the schema): validate reads the work tree, CI the pushed commit.
    Raises `UsageError` (exit 2) when the environment names no range or a commit other
    than the one judged, `HistoryError` when git fails."""
    from_ref, to_ref = environment.get(FROM_REF) or None, environment.get(TO_REF) or None
    if from_ref is None and to_ref is None and environment.get(REMOTE_NAME):
        from_ref, to_ref = "0" * 40, environment.get(LOCAL_BRANCH) or None
    if from_ref is None or to_ref is None:
        missing = " and ".join(name for name, value in ((FROM_REF, from_ref), (TO_REF, to_ref))
                               if value is None)
        raise UsageError(_NO_RANGE.format(f"{missing} {'is' if ' ' not in missing else 'are'}"
                                          " not set"))
    git, state = open_repository(config.root)
    pushed = resolve_commit(git, to_ref)
    if pushed is None:
        raise UsageError(f"{TO_REF}: {unknown_revision(git, to_ref)}")
    remote = environment.get(REMOTE_NAME) or None
    if pushed != state.head:
        raise UsageError(
            f"the push sends {to_ref} ({TO_REF}), not the commit checked out (HEAD): "
            "validate reads the work tree, which holds HEAD; check out what you push and "
            f"push again, or judge it there with `{_as_pushed(from_ref, remote)}`")
    # As pre-commit reads a branch the remote lacks, or a remote commit not fetched here.
    start = new_commits_start(git, pushed, remote) \
        if _NEW_BRANCH.fullmatch(from_ref) or resolve_commit(git, from_ref) is None \
        else NewCommitsStart(from_ref)
    refuse_uncommitted(config, git, state)
    held = remote_held(git, remote) if start.since or start.reaches_remote else ()
    return PushedRange(start.since, held)


def _as_pushed(from_ref: str, remote: str | None) -> str:
    """The command that judges the commit checked out as the push of it would be judged:
    after the remote's commit and not what the remote's branches hold (a merged main's
    commits), which `--since` alone would judge too."""
    names = [(FROM_REF, from_ref), (TO_REF, "HEAD"), *([(REMOTE_NAME, remote)] if remote
                                                       else [])]
    return " ".join(f"{name}={shlex.quote(value)}" for name, value in names) \
        + " specrepo validate --history --pre-push"


def refuse_commit_check_at_push(since: str | None, environment: Mapping[str, str]) -> None:
    """Raise `UsageError` when a hook's run (`--history --changed-since`, which judges the
    commit being made) is asked where pre-commit names a pushed range (its pre-push stage,
    `run --from-ref --to-ref`) and judges no commit of it (`--since` other than the range's
    start): the commits pushed hold no commit being made, and it would pass them unjudged."""
    from_ref, to_ref = environment.get(FROM_REF), environment.get(TO_REF)
    if from_ref and to_ref and since != from_ref:
        raise UsageError(
            f"pre-commit names the commits a push sends ({FROM_REF}, {TO_REF}), and "
            "--history --changed-since judges the commit being made, none of them: at the "
            "pre-push stage, use the specrepo-validate-push hook (`specrepo validate "
            "--history --pre-push`), which judges them as CI's `validate --history --since` "
            "does (`pre-commit run --hook-stage pre-push --from-ref A --to-ref B` runs it)")
