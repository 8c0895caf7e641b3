"""`validate --history --pre-push`: the commits a push sends, as pre-commit's pre-push stage
names them, judged as CI's `validate --history --since <the remote's commit>` judges them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final, NamedTuple

from specrepo.base.errors import UsageError
from specrepo.commands.pushed_reads import refuse_uncommitted
from specrepo.gitio.pushed import new_commits_start, remote_held
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
    f"--to-ref REF` too); {{}}: outside that stage, name the commits with `--since REF`")


class PushedRange(NamedTuple):
    """The commits a push sends, as `validate --history` reads a range."""

    since: str | None
    """The revision after which they come (`--since`'s); None: every commit of the
    history is new to the remote."""
    held: tuple[str, ...]
    """The commits the remote's tracking branches point at: those they reach are the
    remote's already (a merge of main brings them), and the push sends none of them."""


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
    # As pre-commit reads a branch the remote lacks, or a remote commit not fetched here.
    since = new_commits_start(git, pushed, environment.get(REMOTE_NAME) or None).since \
        if _NEW_BRANCH.fullmatch(from_ref) or resolve_commit(git, from_ref) is None \
        else from_ref
    if pushed != state.head:
        judge = "specrepo validate --history" + (f" --since {since}" if since else "")
        raise UsageError(
            f"the push sends {to_ref} ({TO_REF}), not the commit checked out (HEAD): "
            "validate reads the work tree, which holds HEAD; check out what you push and "
            f"push again, or judge it there with `{judge}`")
    refuse_uncommitted(config, git, state)
    return PushedRange(since, remote_held(git, environment.get(REMOTE_NAME) or None))


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
