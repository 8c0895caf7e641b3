"""Partial clones (`git clone --filter=...`): fetch the missing spec versions in one batch.

Reading a missing blob makes git fetch it on its own, one network round trip per blob
(thousands on a long history). So before the walk, specrepo asks git which versions of
spec files are missing, without fetching (`rev-list --missing=print`), and fetches them
all with one `git fetch` from the promisor remote, as git's own lazy fetch would.
"""

from __future__ import annotations

from collections.abc import Iterable

from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.repository import RepositoryState
from specrepo.load.locations import SpecLocation, pathspecs

PARTIAL_HELP = (
    "clone without --filter (for actions/checkout, drop `filter:`), or run again where the "
    "remote is reachable"
)


def fetch_missing_blobs(git: Git, state: RepositoryState, revisions: list[str],
                        locations: Iterable[SpecLocation]) -> int:
    """Fetch, in one batch, the blobs of spec files missing from a partial clone; returns
    how many were fetched. Raises `HistoryError` when they cannot be fetched, or when the
    clone lacks trees (a treeless clone cannot even list the history cheaply)."""
    remote = state.promisor_remote
    if remote is None:
        return 0
    clone_filter = state.partial_clone_filter or "unknown filter"
    if clone_filter.startswith("tree:"):
        raise HistoryError(
            f"this is a treeless partial clone (--filter={clone_filter}): reading the history "
            f"of the specs would fetch every tree one by one; {PARTIAL_HELP}")
    listed = git.run("rev-list", "--objects", "--missing=print", "--full-history",
                     *revisions, "--", *pathspecs(locations))
    missing = sorted({line[1:] for line in listed.decode().splitlines()
                      if line.startswith("?")})
    if not missing:
        return 0
    fetched = git.attempt("-c", "fetch.negotiationAlgorithm=noop", "fetch", remote,
                          "--no-tags", "--no-write-fetch-head", "--recurse-submodules=no",
                          f"--filter={clone_filter}", "--stdin",
                          stdin="".join(f"{blob}\n" for blob in missing).encode())
    if fetched.returncode != 0:
        reason = fetched.stderr.decode("utf-8", "replace").strip().splitlines()
        raise HistoryError(
            f"this is a partial clone (--filter={clone_filter}) and {len(missing):,} "
            f"historical version(s) of spec files are not here; fetching them from "
            f"'{remote}' failed ({reason[0] if reason else 'no message'}); {PARTIAL_HELP}")
    return len(missing)
