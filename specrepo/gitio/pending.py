"""What git knows of the commit about to be made (a `commit-msg` hook's): the blobs the
index stages, who authors it and when, and the approval trailers of its message; and
which emptied spec locations its commits account for."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from specrepo.base.caseless import is_blank
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.timestamps import utc_offset
from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.intent_to_add import ITA_INVISIBLE
from specrepo.gitio.mailmap import map_contacts
from specrepo.gitio.repository import RepositoryState
from specrepo.load.locations import SpecLocation, pathspecs
from specrepo.model.events import APPROVAL_TRAILERS, COAUTHOR_TRAILER

_IDENT: Final = re.compile(r"(?P<name>.*?) ?<(?P<email>[^<>]*)> (?P<when>-?[0-9]+) "
                           r"(?P<zone>[+-][0-9]{4})")


@dataclass(frozen=True)
class PendingCommit:
    """The commit about to be made: its author (through .mailmap), when it is authored
    (seconds since the epoch, and the author's offset from UTC in minutes east) and the
    values of its message's `Approved-by:` and `Reviewed-by:` trailers, and its
    `Co-authored-by:` people (through .mailmap)."""

    author: str
    email: str
    authored: int
    offset: int
    approvers: tuple[str, ...]
    coauthors: tuple[str, ...] = ()


def staged_changes(git: Git, pathspecs: Sequence[str]) -> dict[str, str | None]:
    """The files of `pathspecs` that the index changes against HEAD (paths from the
    repository's top), each with the blob it stages (None: removed, or no longer a file):
    `git diff --cached`, without rename detection."""
    return _raw_blobs(git.run(
        "diff", "--cached", ITA_INVISIBLE, "--raw", "-z", "--no-renames", "--no-abbrev",
        "--no-ext-diff", "--no-textconv", "HEAD", "--", *pathspecs), new_side=True)


UNMERGED_BLOB: Final = "unmerged"
"""What `unstaged_changes` gives for an unmerged path (stages 1, 2 and 3 in the index: a
conflict not marked resolved), in place of a blob id."""


def unstaged_changes(git: Git, pathspecs: Sequence[str]) -> dict[str, str | None]:
    """The files of `pathspecs` whose work-tree copy differs from the index's (paths from
    the repository's top; a file whose stat only differs too: its content is the same),
    each with the blob the index holds for it (None: no file there; `UNMERGED_BLOB`: an
    unmerged path, never one of its stages, which `git diff-files` lists after it):
    `git diff-files`, which reads the index git reads (`GIT_INDEX_FILE` for a hook)."""
    return _raw_blobs(git.run("diff-files", "--raw", "-z", "--no-abbrev", "--", *pathspecs),
                      new_side=False)


def _raw_blobs(output: bytes, *, new_side: bool) -> dict[str, str | None]:
    """Each path of git's `--raw -z` diff `output` with the blob of its new side (else its
    old side), None when that side holds no regular file (`git diff` "Raw output format":
    `:old-mode new-mode old-blob new-blob status NUL path NUL`)."""
    tokens = output.split(b"\0")
    changes: dict[str, str | None] = {}
    for meta, name in zip(tokens[::2], tokens[1::2], strict=False):
        old_mode, new_mode, old_blob, new_blob, status = meta.decode().lstrip(":").split(" ")
        mode, blob = (new_mode, new_blob) if new_side else (old_mode, old_blob)
        path = name.decode("utf-8", "surrogateescape")
        if status == "U" or changes.get(path) == UNMERGED_BLOB:
            changes[path] = None if new_side else UNMERGED_BLOB
            continue
        changes[path] = blob if blob.strip("0") and mode.startswith("100") else None
    return changes


def pending_commit(git: Git, state: RepositoryState, message: Path) -> PendingCommit:
    """The commit about to be made with the message in file `message` (as `git commit`
    writes it for the `commit-msg` hook): its author as git will record it (`git var
    GIT_AUTHOR_IDENT`: the configured identity, `GIT_AUTHOR_DATE`...), mapped by .mailmap,
    and its approval and co-author trailers (`git interpret-trailers --parse`; co-authors
    mapped by .mailmap too). Raises `HistoryError`
    when git cannot say who the author is or read the message."""
    ident = git.text("var", "GIT_AUTHOR_IDENT")
    match = _IDENT.fullmatch(ident)
    if match is None:
        raise HistoryError(f"git gives no author for the commit being made ({ident!r})")
    contact = f"{match['name']} <{match['email']}>"
    mapped = map_contacts(git, state, [contact]).get(contact, contact)
    name, _, email = mapped.rpartition(" <")
    trailers = [(key.strip().casefold(), value.strip()) for key, colon, value in (
        line.partition(":") for line in git.text(
            "interpret-trailers", "--parse", "--", str(message)).splitlines())
        if colon and not is_blank(value)]
    wanted = {key.casefold() for key in APPROVAL_TRAILERS}
    coauthors = [value for key, value in trailers if key == COAUTHOR_TRAILER.casefold()]
    people = map_contacts(git, state, coauthors) if coauthors else {}
    return PendingCommit(name, email.rstrip(">"), int(match["when"]),
                         utc_offset(match["zone"]),
                         tuple(value for key, value in trailers if key in wanted),
                         tuple(people.get(value, value) for value in coauthors))


def held_by_index(git: Git, paths: Sequence[Path]) -> frozenset[Path]:
    """Those of `paths` (absolute, their folders real) that the index of `git`'s work tree
    holds as files (`git ls-files`, which reads the index git reads: `GIT_INDEX_FILE` in a
    hook), as given. Raises `HistoryError` when git cannot list the index."""
    named = _from_top(git, paths)
    if not named:
        return frozenset()
    listed = git.run("ls-files", "-z", "--full-name", "--",
                     *(f":(top,literal){name}" for name in named.values()))
    return _listed(named, listed)


def removed_by_index(git: Git, paths: Sequence[Path]) -> frozenset[Path]:
    """Those of `paths` (absolute, their folders real) that HEAD holds as files and the
    index no longer holds (its removal staged: `git rm`), as given: `git diff-index
    --cached --diff-filter=D HEAD`. None before the first commit. Raises `HistoryError`
    when git cannot read the index."""
    named = _from_top(git, paths)
    if not named or git.attempt("rev-parse", "--verify", "--quiet",
                                "HEAD^{commit}").returncode != 0:
        return frozenset()
    listed = git.run("diff-index", "--cached", ITA_INVISIBLE, "--name-only", "--no-renames", "-z",
                     "--diff-filter=D", "HEAD", "--",
                     *(f":(top,literal){name}" for name in named.values()))
    return _listed(named, listed)


def _from_top(git: Git, paths: Sequence[Path]) -> dict[Path, str]:
    """Those of `paths` inside `git`'s work tree, each with its path from the top."""
    if not paths:
        return {}
    top = Path(git.text("rev-parse", "--show-toplevel"))
    return {path: path.relative_to(top).as_posix() for path in paths
            if path.is_relative_to(top)}


def _listed(named: dict[Path, str], listed: bytes) -> frozenset[Path]:
    """Those of `named` whose path from the top git `listed` (`-z`)."""
    found = {name.decode("utf-8", "surrogateescape") for name in listed.split(b"\0") if name}
    return frozenset(path for path, name in named.items() if name in found)


def folders_of_commit(git: Git, folders: Sequence[str]) -> frozenset[str]:
    """Those of `folders` (paths from `git`'s folder, `/`-separated) below which the index
    holds a file (the commit being made keeps it), or HEAD does (the commit removes it:
    `git rm -r`): `git ls-files --with-tree=HEAD`, which reads the index git reads
    (`GIT_INDEX_FILE` in a hook); before the first commit, the index's alone. None where
    git cannot list the index (not a repository: whoever asks git next says why)."""
    if not folders:
        return frozenset()
    head = git.attempt("rev-parse", "--verify", "--quiet", "HEAD^{commit}").returncode == 0
    listed = git.attempt("ls-files", "-z", *(["--with-tree=HEAD"] if head else []), "--",
                         *(f":(literal){folder}" for folder in folders))
    if listed.returncode != 0:
        return frozenset()
    names = [name.decode("utf-8", "surrogateescape")
             for name in listed.stdout.split(b"\0") if name]
    return frozenset(folder for folder in folders
                     if any(name.startswith(f"{folder}/") for name in names))


def held_in_history(git: Git, locations: Sequence[SpecLocation]) -> bool:
    """Whether, for each of `locations` (relative to `git`'s folder), some commit HEAD
    reaches held a spec file it takes (`_touched_in_history`): a folder or glob every spec
    file of which a commit removed. False before the first commit, or where git cannot
    answer."""
    touched = _touched_in_history(git, [pathspecs([location], from_top=False)
                                        for location in locations])
    return touched is not None and all(touched)


def folders_in_history(git: Git, folders: Sequence[str]) -> frozenset[str]:
    """Those of `folders` (paths from `git`'s folder, `/`-separated) below which some commit
    HEAD reaches held a file (`_touched_in_history`): a spec folder every spec of which a
    commit removed, which git keeps no empty folder of. None before the first commit; not
    one git cannot answer for."""
    touched = _touched_in_history(git, [[f":(literal){folder}"] for folder in folders])
    return frozenset(folder for folder, held in zip(folders, touched or (), strict=False)
                     if held)


def _touched_in_history(git: Git, groups: Sequence[Sequence[str]]) -> list[bool] | None:
    """For each group of pathspecs, whether a commit HEAD reaches added or removed a file
    they take (`git rev-list -1 HEAD -- PATHSPECS`; a group git cannot answer for: no);
    None with no group, or before the first commit."""
    if not groups or git.attempt("rev-parse", "--verify", "--quiet",
                                 "HEAD^{commit}").returncode != 0:
        return None
    answers = [git.attempt("rev-list", "-1", "HEAD", "--", *group) for group in groups]
    return [answer.returncode == 0 and bool(answer.stdout.strip()) for answer in answers]
