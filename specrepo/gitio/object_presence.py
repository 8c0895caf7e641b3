"""Whether git still holds the objects a cached answer rests on: one `git cat-file
--batch-check` of their names (`base.git_state.PRESENCE_CHECK`).

git never changes an object, but a repository can lose one (deleted from its folder, a
broken repack, a partial copy): a cache must not answer for what git can no longer show.
A whole-result cache's hit asks the same names again (`all_present`), before the rest
of specrepo loads: this module imports no more than starting git needs.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from typing import TYPE_CHECKING

from specrepo.base.errors import SpecrepoError
from specrepo.base.git_state import PRESENCE_CHECK
from specrepo.gitio.git_overrides import git_environment
from specrepo.gitio.object_stamp import vouched_or_asked

if TYPE_CHECKING:
    from specrepo.gitio.git_command import Git


def missing_objects(git: Git, names: Sequence[str]) -> list[str]:
    """Those of `names` git cannot find, in their order; one git run, none for no names.
    Each name is one git reads on a line (an id, `commit^{tree}`: `batch_names.batch_safe`);
    an item may hold several, one a line (a cache's thousands, never split when all are
    there). None asked when the object store's stamp vouches for them
    (`object_stamp.vouched_or_asked`). Raises `HistoryError` when git cannot run, and
    `batch_names.DamagedObject` for one in an object file rewritten or freshened in place
    that git cannot read in full (`object_reread`)."""
    text = "".join(f"{name}\n" for name in names if name)
    missing: list[str] = []

    def asked() -> bool:
        missing[:] = _missing(text, git.run(*PRESENCE_CHECK, stdin=_encoded(text)))
        return not missing

    if text:
        vouched_or_asked(os.fspath(git.folder), text, asked)
    return missing


def lacks_any(git: Git, ids: str) -> bool:
    """Whether git lacks one of the objects `ids` (object ids, one a line), never fetching
    one: one `git rev-list --objects --no-walk --missing=print --stdin`, which never
    fetches from a promisor remote (`--missing` turns git's lazy fetch off,
    git-rev-list(1)); git 2.47 names a missing one (`?ID`), git 2.39 stops at
    it (`bad object ID`). True too when git fails for another reason (a damaged object):
    a doubt, which the caller's full look answers. 9 ms for 3,000 versions, where a
    walk of the history (`partial_clone`) takes 350 on a KEP repository."""
    listed = git.attempt("rev-list", "--objects", "--no-walk", "--missing=print", "--stdin",
                         stdin=_encoded(f"{ids}\n"))
    return listed.returncode != 0 or listed.stdout.startswith(b"?") \
        or b"\n?" in listed.stdout


def all_present(folder: str, names: str) -> bool:
    """Whether git run in `folder` (as `gitio.git_command.Git` runs it) finds every object
    of `names` (one a line, as `missing_objects` asked them); False when git cannot run
    or fails: a doubt, and the run itself then says what went wrong. None asked when the
    object store's stamp vouches for them (`object_stamp.vouched_or_asked`); False for
    one git holds but cannot read in full (`batch_names.DamagedObject`, the one
    `SpecrepoError` the stamp's check raises: its module is not imported here)."""
    try:
        return vouched_or_asked(folder, names, lambda: _asked(folder, names))
    except SpecrepoError:
        return False


def _asked(folder: str, names: str) -> bool:
    """Whether git in `folder` holds each of `names`, never fetching one a partial clone
    lacks from its promisor remote (`GIT_NO_LAZY_FETCH`, git 2.39.4 and later: in a
    fresh `--filter=blob:none` clone, a hit's check of the versions the stored run read
    fetched each on its own): one it lacks answers `missing` (git 2.47) or stops git
    (git 2.39: "could not fetch ID from promisor remote"), a miss either way, and the
    run then fetches what it reads in one batch (`partial_clone`)."""
    try:
        done = subprocess.run(["git", *PRESENCE_CHECK], cwd=folder,
                              env={**git_environment(), "GIT_NO_LAZY_FETCH": "1"},
                              input=_encoded(names), capture_output=True, check=False)
    except OSError:
        return False
    return done.returncode == 0 and not _missing(names, done.stdout)


def _missing(text: str, answers: bytes) -> list[str]:
    """The names (of `text`, one a line) whose line of `cat-file --batch-check` says git
    has no such object (or cannot tell which: ambiguous); every name when the answers are
    cut short."""
    if answers.count(b"\n") < text.count("\n"):
        return text.split("\n")[:-1]
    if b" missing\n" not in answers and b" ambiguous\n" not in answers:
        return []
    return [name for name, line in zip(text.split("\n")[:-1], answers.split(b"\n"),
                                       strict=False)
            if line.endswith((b" missing", b" ambiguous"))]


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")
