"""Partial clones (`git clone --filter=...`): fetch the missing spec versions in one batch.

Reading a missing blob makes git fetch it on its own, one network round trip per blob
(thousands on a long history). So before the walk, specrepo asks git which versions of
spec files are missing, without fetching, and fetches them all with one `git fetch` from
the promisor remote, as git's own lazy fetch would.

Which versions: `git log --raw` names every version of the spec files (its pathspecs
match as the walk's do), and `git rev-list --objects --missing=print` names the missing
blobs below the folders that hold them; the fetch takes those in both. rev-list alone
cannot: its object walk finds no file below a nested folder through a `:(glob)` pathspec
(`keps/**/kep.yaml`, `specs/**/*.yaml`), and it names a missing blob without its path.
A reader of a few commits' files (a diff's two sides, `new`'s look at the branches HEAD
has not merged, `--changed-since`'s merge base) asks rev-list for the files it reads in
those commits' trees alone (`fetch_missing_files`), then fetches the same way.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Collection, Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Final

from specrepo.gitio.attribute_sources import configuration_bytes
from specrepo.gitio.batch_names import batch_safe
from specrepo.gitio.git_command import Git, HistoryError, error_output, stop
from specrepo.gitio.log import token_changes
from specrepo.gitio.object_presence import lacks_any
from specrepo.gitio.repository import RepositoryState, git_settings, promisor_remote
from specrepo.load.glob_patterns import glob_expression
from specrepo.load.locations import (
    SpecLocation,
    literal_folder,
    location_matcher,
    pathspecs,
)

PARTIAL_HELP = (
    "clone without --filter (for actions/checkout, drop `filter:`), or run again where the "
    "remote is reachable"
)

TREELESS_HELP = (
    "clone without --filter, or with --filter=blob:none (for actions/checkout, drop "
    "`filter:` or set `filter: blob:none`): a treeless clone is refused wherever it runs"
)
"""The advice of the treeless refusal: no remote can help it (README, "Partial clones")."""

_PARTIAL_WORDS: Final = (b"promisor", b"partialclone", b"include", b"worktreeconfig")
"""What a repository's configuration that may make it a partial clone mentions, in any
case (`may_be_partial`)."""


def stopped_answering(git: Git, process: subprocess.Popen[bytes]) -> HistoryError:
    """Why a `git cat-file --batch` ended before it answered: in a partial clone, a version
    it had to fetch from the promisor remote on its own (one no batch fetch brought: the
    remote went away, or a path no batch can name), said as a partial clone's failed
    fetch."""
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)  # it closed its output: it is ending
    ended = process.returncode is not None
    stop(process)
    message = error_output(process) if ended else b""
    reason = "; ".join(message.decode("utf-8", "replace").strip().splitlines()[:2]) \
        or "no message"
    settings = git_settings(git)
    remote = promisor_remote(settings)
    if remote is None:
        return HistoryError(f"git cat-file stopped answering ({reason})")
    clone_filter = settings.get(f"remote.{remote}.partialclonefilter", "unknown filter")
    return HistoryError(
        f"this is a partial clone (--filter={clone_filter}) and a historical version of a "
        f"spec file is not here; fetching it from '{remote}' failed "
        f"({reason}); {PARTIAL_HELP}")


def fetch_missing_blobs(git: Git, state: RepositoryState, revisions: list[str],
                        locations: Iterable[SpecLocation], also: Sequence[str] = (),
                        among: str | None = None, relied: str = "") -> int:
    """Fetch, in one batch, the blobs of spec files missing from a partial clone, with those
    of the other files the walk reads (`also`: git pathspecs from the top, of a literal
    file or `:(glob)` below a spec folder: the configuration file's paths, the schema's,
    `.gitattributes` files'; with no `locations`, those alone); returns how many were
    fetched. Both sets of ids are blob ids, one a line (as the history cache keeps them).
    `among`: only those of these (a warm run's, the versions its cache rests on:
    `history.relied_objects`; the excluded files' versions an older configuration read:
    `excluded_fetch`), rather than every version `git log` names; `relied`: these too,
    which lie before `revisions`' range (those a walk that continues a cache reads: the
    versions the cache rests on, its diffs' approved ones), reached from the root.
    (A reader of a few commits' files, not of a history: `fetch_missing_files`.)

    Two parameters, not one: `among` replaces `git log`'s versions and keeps `revisions`'
    range, `relied` adds to them and widens the range to the root. As one "these too,
    from the root" (`relied`'s), a warm run's batch would take every version `git log`
    names from the root (more than its cache rests on), and the excluded files' batch
    every version of those files in the range (more than an older configuration read),
    unless given no `locations`, when `git rev-list` would list every path's objects
    from the root (a history's worth on a large repository) to find the few asked; as one
    "only these" (`among`'s), a continued walk's batch would lose the new commits'
    versions, which only `git log` names.
    Raises `HistoryError` when they cannot be fetched, or when the clone lacks trees (a
    treeless clone cannot even list the history cheaply)."""
    remote = state.promisor_remote
    if remote is None:
        return 0
    clone_filter = _usable_filter(state.settings, remote)
    missing = _missing_spec_blobs(git, revisions, list(locations), also, among, relied)
    return _fetched(git, remote, clone_filter, missing)


def fetch_missing_files(git: Git, git_dir: Path, commits: Sequence[str], paths: Iterable[str],
                        among: Collection[str] | None = None,
                        settings: dict[str, str] | None = None) -> int:
    """Fetch, in one batch, the versions of the files `paths` (from the top) that the
    commits `commits` hold and this partial clone lacks (only those of the blob ids `among`,
    when given): what a reader of a few commits' files reads (a diff's sides, the
    commits of the branches HEAD has not merged, a merge base's), which git would fetch
    one by one as `cat-file --batch` asks for each (README, "Partial clones"). Returns
    how many were fetched. One `git rev-list --objects --no-walk --missing=print` (which
    never fetches) names the missing ones in those commits' trees alone (the trees are
    asked, not the commits, which the paths would leave out where they did not change
    them), then one `git fetch` brings them (`fetch_missing_blobs`'). No git runs where
    the repository's configuration (`git_dir`: the common git folder) cannot make it a
    partial clone (`may_be_partial`), nor for a partial clone's settings when `settings`
    (git's, `RepositoryState.settings`) are given. A path `batch_safe` refuses is left to
    git's own fetch. Raises `HistoryError` as `fetch_missing_blobs` does."""
    if settings is None:
        if not may_be_partial(git_dir):
            return 0
        settings = git_settings(git)
    remote = promisor_remote(settings)
    named = sorted({path for path in paths if batch_safe(path)})
    if remote is None or not named or not commits:
        return 0
    clone_filter = _usable_filter(settings, remote)
    listed = git.run("rev-list", "--objects", "--no-walk", "--missing=print", "--stdin",
                     stdin="".join([*(f"{commit}^{{tree}}\n" for commit in commits), "--\n",
                                    *(f":(top,literal){path}\n" for path in named)]
                                   ).encode("utf-8", "surrogateescape"))
    missing = _missing_listed(listed)
    return _fetched(git, remote, clone_filter,
                    sorted(missing if among is None else missing & set(among)))


def may_be_partial(git_dir: Path) -> bool:
    """Whether the repository of the common git folder `git_dir` may be a partial clone,
    told from its configuration file without starting git: `git clone --filter` (and a
    `git fetch --filter` that makes one) writes `remote.<name>.promisor` and
    `extensions.partialClone` there (git-clone(1), gitrepository-layout(5)); only a file
    that mentions either, or may bring them from elsewhere (an include, per-worktree
    configuration), or cannot be read may be. A promisor remote set elsewhere leaves no
    object missing."""
    local = configuration_bytes(git_dir / "config")
    return local is None or any(word in local.lower() for word in _PARTIAL_WORDS)


def _usable_filter(settings: dict[str, str], remote: str) -> str:
    """The filter of the partial clone whose promisor remote is `remote`; raises
    `HistoryError` for a treeless clone (a treeless clone cannot even list the history
    cheaply)."""
    clone_filter = settings.get(f"remote.{remote}.partialclonefilter", "unknown filter")
    if clone_filter.startswith("tree:"):
        raise HistoryError(
            f"this is a treeless partial clone (--filter={clone_filter}): reading the history "
            f"of the specs would fetch every tree one by one; {TREELESS_HELP}")
    return clone_filter


def _fetched(git: Git, remote: str, clone_filter: str, missing: Sequence[str]) -> int:
    """Fetch the blobs `missing` from `remote` in one `git fetch`, as git's own lazy fetch
    would; returns how many. Raises `HistoryError` when they cannot be fetched."""
    if not missing:
        return 0
    fetched = git.attempt("-c", "fetch.negotiationAlgorithm=noop", "fetch", remote,
                          "--no-tags", "--no-write-fetch-head", "--recurse-submodules=no",
                          f"--filter={clone_filter}", "--stdin",
                          stdin="".join(f"{blob}\n" for blob in missing).encode())
    if fetched.returncode != 0:
        reason = fetched.stderr.decode("utf-8", "replace").strip().splitlines()
        raise HistoryError(
            f"this is a partial clone (--filter={clone_filter}) and historical versions "
            f"of the spec, configuration, schema or attributes files the history reads are "
            f"not here; fetching them from "
            f"'{remote}' failed ({reason[0] if reason else 'no message'}); {PARTIAL_HELP}")
    return len(missing)


def _missing_spec_blobs(git: Git, revisions: list[str], locations: list[SpecLocation],
                        also: Sequence[str], among: str | None,
                        relied: str) -> list[str]:
    """The versions of spec files and of the files `also` names (in the history of
    `revisions`; those of `among` when given), and those of `relied` (when git lacks one of
    them: `object_presence.lacks_any`, which spares the walk from the root), this clone
    lacks."""
    versions = set(among.split("\n")) if among is not None else \
        _versions(git, revisions, locations, also) if locations or also else set()
    if relied and lacks_any(git, relied):
        versions |= set(relied.split("\n"))  # lying before the range, rev-list must reach them
        revisions = [revision for revision in revisions if not revision.startswith("^")]
    if not versions:
        return []
    folders = sorted({literal_folder(location) for location in locations})  # `also`'s
    # globs lie below them; a literal pathspec finds its file, unlike a `:(glob)` one
    listed = git.run("rev-list", "--objects", "--missing=print", "--full-history",
                     *revisions, "--",
                     *(f":(top,literal){folder}" if folder else ":/" for folder in folders),
                     *(spec for spec in also if spec.startswith(":(top,literal)")))
    return sorted(_missing_listed(listed) & versions)


def _missing_listed(listed: bytes) -> set[str]:
    """The ids `git rev-list --objects --missing=print` printed as missing (`?ID` lines);
    read as bytes: its other lines name a path, in any bytes."""
    return {line[1:].decode() for line in listed.split(b"\n") if line.startswith(b"?")}


def _versions(git: Git, revisions: list[str], locations: list[SpecLocation],
              also: Sequence[str]) -> set[str]:
    """The blob ids of every version, in the history of `revisions`, of the spec files of
    `locations` (as `location_matcher` takes them: git is given only the shared
    exclusions, and none beside `also`, as git applies an exclusion to every pathspec of
    the command) and of the files the pathspecs `also` name (`named_by`), and of the
    `.gitattributes` files either names: one `git log --raw`."""
    is_spec = location_matcher(locations)
    is_also = named_by(also)
    logged = git.run("log", "--raw", "--no-renames", "--no-abbrev", "--full-history",
                     "--diff-merges=first-parent", "--format=", "-z", *revisions, "--",
                     *pathspecs(locations, exclusions=not also), *also)
    raw = token_changes(logged.split(b"\0"), lambda path: is_spec(path) or is_also(path))
    return {*(blob for change in raw.changes for blob in (change.old_blob, change.new_blob)
              if blob is not None), *(blob for _, blob in raw.attributes if blob is not None)}


def named_by(specs: Sequence[str]) -> Callable[[str], bool]:
    """Whether a path (from the top) is one the git pathspecs `specs` name, each
    `:(top,literal)` a path (the file, or the files below the folder) or `:(top,glob)` a
    glob matching the whole path (git's wildmatch, `glob_expression`: the files of the
    callers' globs, `**/.gitattributes`); raises `ValueError` for another kind of
    pathspec."""
    expressions = []
    for spec in specs:
        magic, _, path = spec.partition(")")
        if magic == ":(top,literal":
            expressions.append(f"{re.escape(path)}(?:/.*)?")
        elif magic == ":(top,glob":
            expressions.append(f"(?:{glob_expression(path)})")
        else:
            raise ValueError(f"not a literal or glob pathspec from the top: {spec!r}")
    matched = re.compile("|".join(expressions), re.DOTALL).fullmatch  # none: "" only
    return lambda path: matched(path) is not None
