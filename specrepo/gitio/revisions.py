"""Questions about revisions: what a branch adds, what changed since a revision, when."""

from __future__ import annotations

import re
from collections.abc import Generator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Final

from specrepo.base.caseless import shown_among
from specrepo.base.suggest import read_as
from specrepo.gitio.commit_match import file_object_id
from specrepo.gitio.git_command import Git, HistoryError, failure, finish, stop
from specrepo.gitio.graph import CommitMeta, commit_meta
from specrepo.gitio.graph_range import range_parents
from specrepo.gitio.object_damage import MISSING, asked_kind, object_state, unreadable_words
from specrepo.gitio.worktree_diff import work_tree_paths, work_tree_raw
from specrepo.load.locations import SpecLocation, location_matcher, pathspecs
from specrepo.model.boundary_change import SHALLOW_FETCH


def resolve_commit(git: Git, revision: str) -> str | None:
    """The commit a branch, tag or commit id names; None when it names none. Raises
    `HistoryError` for git's other failures: a repository it refuses, or a commit the name
    reaches but git cannot read (`HEAD~2` whose commit is missing: `_lost_on_the_way`)."""
    found = git.attempt("rev-parse", "--verify", "--quiet", "--end-of-options",
                        f"{revision}^{{commit}}")
    if found.returncode == 0:
        # git reads `HEAD@{2}^{commit}` as HEAD when the reflog entry's commit is lost
        # (git 2.39 and 2.47): a gate `--changed-since HEAD@{2}` would compare HEAD with
        # itself. A reflog entry's commit is read once more (three git runs).
        if "@{" in revision and (words := _lost_on_the_way(git, revision)) is not None:
            raise HistoryError(words)
        return found.stdout.decode().strip()
    if found.stderr.strip():  # "missing object referenced by 'REF'": `v1aa^{}`, `:/c2`
        referenced = _REFERENCED.search(found.stderr)
        lost = _lost_on_the_way(git, referenced[1].decode("utf-8", "surrogateescape")
                                if referenced else revision)
        raise HistoryError(lost) if lost is not None else \
            failure(("rev-parse",), found.stderr, git.folder)
    # --quiet: git says nothing when the name names nothing (exit 1, or 128 for a reflog
    # entry it lacks: HEAD@{99}), nor when the object it names is lost
    if (words := _lost_on_the_way(git, revision)) is not None:
        raise HistoryError(words)
    return None


def _lost_on_the_way(git: Git, revision: str) -> str | None:
    """`object_damage.unreadable_words` of the object `revision` names, or of one its tags
    lead to, that git cannot read; None when there is none (the name names nothing, an
    object that is not a commit, or is an object id git does not hold). Three git runs,
    two more per tag: on a failure only."""
    unpeeled = _PEELED.sub("", revision)  # `tag^{commit}` fails as `tag^{commit}^{commit}`
    found = git.attempt("rev-parse", "--verify", "--quiet", "--end-of-options", unpeeled)
    name = found.stdout.decode().strip() if found.returncode == 0 else ""
    if name == unpeeled.lower():
        return None  # an id given as such, which git need not hold (a push's remote commit)
    for _ in range(_TAG_CHAIN_LIMIT):
        if not name:
            return None
        kind = asked_kind(git, name)
        if kind not in ("object", "commit", "tag"):
            return None  # a tree or a blob ("object": git cannot read its header)
        read = git.attempt("cat-file", "-p", name)
        if read.returncode != 0:
            state = object_state(read.stderr)
            return unreadable_words(name, None, state, kind if state != MISSING else "object")
        tagged = _TAGGED.match(read.stdout) if kind == "tag" else None
        name = tagged[1].decode() if tagged else ""
    return None


_REFERENCED: Final = re.compile(rb"missing object referenced by '([^'\n]+)'")
"""git's words on a ref (a tag of a tag, or one a `:/text` search walks) whose object is
lost: it names the ref, not the object."""
_PEELED: Final = re.compile(r"(?:\^0|~0|\^\{[a-z]*\})+$")
"""A revision's peeling suffixes (`^{commit}`, `^{}`, `^0`), which name no other object."""
_TAG_CHAIN_LIMIT: Final = 16
"""How many tags of tags `_lost_on_the_way` follows (git itself follows any number)."""
_TAGGED: Final = re.compile(rb"object ([0-9a-f]{40,64})\n")
"""The first line of an annotated tag's content: the object it tags."""


def shallow_note(git: Git) -> str:
    """For a message about a revision git cannot find, or finds no merge base for: that
    the repository is a shallow clone, whose history may not reach it, and the fix; ""
    when it is not shallow."""
    found = git.attempt("rev-parse", "--is-shallow-repository")
    if found.returncode != 0 or found.stdout.strip() != b"true":
        return ""
    return ("; the repository is a shallow clone, whose history may not reach that far: "
            + SHALLOW_FETCH)


def unknown_revision(git: Git, revision: str) -> str:
    """Why `revision` names no commit, in words (a range, `A..B`, is named as one: these
    options take its start). What shows nothing or looks like other text is shown
    (`HEAD<U+200B>`), and the revision it reads as suggested when there is one
    (`look_alike.skeleton`: `HEAD` typed with a zero-width space)."""
    if ".." in revision:
        start = revision.partition("..")[0] or "HEAD"
        return (f"'{shown_among(revision, ())}' is a range, not a revision: give its start "
                f"('{shown_among(start, ())}'), a branch, tag or commit id")
    shown, meant = read_as(revision, partial(_names_commit, git))
    hint = f"; did you mean '{meant}'?" if meant is not None else ""
    return f"unknown revision '{shown}' (a branch, tag or commit id{hint}){shallow_note(git)}"


def _names_commit(git: Git, revision: str) -> bool:
    """Whether `revision` names a commit git can read (a suggestion's test: git's other
    failures are no answer)."""
    try:
        return resolve_commit(git, revision) is not None
    except HistoryError:
        return False


def since_problem(git: Git, since: str, head: str = "HEAD") -> str:
    """Why nothing can be said to have changed since `since`: git knows no such revision,
    or it shares no history with `head` (no merge base)."""
    if resolve_commit(git, since) is None:
        return unknown_revision(git, since)
    return f"'{since}' shares no history with {head} (no merge base){shallow_note(git)}"


def _unknown(git: Git, revision: str) -> HistoryError:
    return HistoryError(unknown_revision(git, revision))


def commits_after(git: Git, since: str | None, head: str,
                  held: Sequence[str] = ()) -> frozenset[str]:
    """The commits reachable from `head` but not from `since` (what a pull request adds;
    None: from the first commit on), nor from a commit of `held` (those a remote already
    holds: a push sends none of them), as the graph has them, whatever their dates
    (`graph_range`)."""
    start = None if since is None else resolve_commit(git, since)
    if since is not None and start is None:
        raise _unknown(git, since)
    return frozenset(range_parents(git, [head], [*([start] if start else []), *held]))


def revision_commit(git: Git, revision: str) -> CommitMeta:
    """The commit a branch, tag or commit id names: its id, author, times and parents."""
    commit = resolve_commit(git, revision)
    if commit is None:
        raise _unknown(git, revision)
    return commit_meta(git, commit)


def changed_paths(git: Git, since: str, head: str, *, index: bool = False) -> list[str] | None:
    """Paths (from the top of the work tree) changed since `since`: what `head` adds over
    its merge base with `since` (`git diff since...head`), plus uncommitted changes, staged
    or not, and untracked files; with `index` (a hook's run, whose commit is the index),
    those the index stages too where the work tree's copy is HEAD's again (`git diff
    --cached HEAD`: a renumbering staged, then undone in the work tree, is a change of
    the commit being made). A path that ends with `/` stands for every file below it:
    a submodule whose commit or work tree changed (`.gitmodules`' `ignore` aside), or a
    repository nested in the work tree that this one does not track. A submodule that
    replaced a file, or a file that replaced one, is both (the path and `path/`). None
    when `since` names no commit or shares no history."""
    start = resolve_commit(git, since)
    if start is None:
        return None
    if git.attempt("merge-base", start, head).returncode != 0:
        return None
    submodules = "--ignore-submodules=none"
    diffs = (
        work_tree_raw(git, revisions, submodules) if revisions == ["HEAD"] else
        git.run("diff", "--raw", "-z", "--no-abbrev", "--no-renames", submodules,
                *revisions, "--")
        for revisions in ([f"{start}...{head}"], ["HEAD"], *([["--cached", "HEAD"]] if index
                                                              else [])))
    untracked = git.run("ls-files", "--others", "--exclude-standard", "-z")
    paths = {path.decode("utf-8", "surrogateescape") for path in untracked.split(b"\0") if path}
    for output in diffs:
        tokens = output.split(b"\0")
        for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
            if meta.startswith(b":"):
                changed = path.decode("utf-8", "surrogateescape")
                modes = meta[1:].split(b" ")[:2]
                if GITLINK in modes:  # either side a submodule: every file below it
                    paths.add(f"{changed}/")
                if modes != [GITLINK, GITLINK]:  # a file that is, or was, at the path
                    paths.add(changed)
    return sorted(paths)


GITLINK: Final = b"160000"
"""git's mode of a submodule's entry (a gitlink: the commit it is at)."""
def modified_in_work_tree(git: Git, head_blobs: Mapping[str, str], top: Path) -> frozenset[str]:
    """Those of the paths of `head_blobs` (from the top folder `top` of the work tree, each
    with the object id of HEAD's blob of it) whose file in the work tree (or the index)
    differs from HEAD's, as `git diff HEAD` sees it (through clean filters).

    A file whose bytes are HEAD's blob (its object id, as `git hash-object --no-filters`
    computes it, is the blob's) is HEAD's version: git is asked only about the others, so a
    clean work tree starts no git process. (A clean filter that changes its own output,
    which git's change detection does not expect either, could make git see such a file
    as changed.)"""
    asked = [path for path, blob in head_blobs.items() if file_object_id(top / path, blob) != blob]
    if not asked:
        return frozenset()
    return frozenset(work_tree_paths(git, ["HEAD"], top=top,
                                     pathspecs=[f":(top,literal){path}" for path in asked]))


def modified_since_merge_base(git: Git, since: str, head: str,
                              locations: list[SpecLocation], *, index: bool = False,
                              also: Sequence[str] = ()) -> tuple[str, list[str]] | None:
    """The merge base of `since` and `head`, and the spec paths (below `locations`, from the
    top of the work tree) that the work tree has modified or deleted since it, committed or
    not; with `index` (a hook's run), those the index has too (`git diff --cached`: a
    renumbering or a removal staged, whatever the work tree's copy is), and the paths
    `also` (edited where git does not look: `hidden_edits`). None when `since` names no
    commit or shares no history with `head`."""
    start = resolve_commit(git, since)
    if start is None:
        return None
    found = git.attempt("merge-base", start, head)
    if found.returncode != 0:
        return None
    base = found.stdout.decode().strip()
    specs = pathspecs(locations)
    names = [*work_tree_paths(git, [base], "--diff-filter=DM", pathspecs=specs), *also]
    if index:
        output = git.run("diff", "--name-only", "--no-renames", "-z", "--diff-filter=DM",
                         "--cached", base, "--", *specs)
        names += (name.decode("utf-8", "surrogateescape") for name in output.split(b"\0") if name)
    is_spec = location_matcher(locations)  # git is given only the shared exclusions
    return base, sorted({path for path in names if is_spec(path)})


def lines_ever_committed(git: Git, pattern: str,
                         locations: list[SpecLocation]) -> Generator[str]:
    """The lines that commits reachable from HEAD added or removed in spec files of
    `locations` (from the top of the work tree), in the commits whose changes add or remove
    a line matching `pattern` (a POSIX extended regular expression: git's pickaxe, `git log
    -G`), newest first, each without its line break; the caller keeps those it wants.
    Every version of a file that git holds had its lines added by some commit, so these
    are all the lines any committed version had (that `pattern` selects commits by). One
    git, stopped when the caller stops reading. Nothing when there is no commit yet; git's
    failures raise `HistoryError`."""
    if git.attempt("rev-parse", "--verify", "--quiet", "HEAD^{commit}").returncode != 0:
        return
    arguments = ("log", f"-G{pattern}", "--no-textconv", "--no-color", "--no-ext-diff",
                 "--unified=0", "--format=", "--patch", "HEAD", "--", *pathspecs(locations))
    process = git.start(*arguments)
    assert process.stdout is not None
    try:
        for line in process.stdout:
            # A changed line starts with its sign; the file headers (`--- a/x`, `+++ b/x`)
            # do too, and the caller's lines are told from them by what they hold.
            if line[:1] in (b"+", b"-"):
                yield line[1:].rstrip(b"\r\n").decode("utf-8", "surrogateescape")
        finish(process, arguments, git.folder)
    finally:
        stop(process)


def uncommitted_files(git: Git) -> frozenset[str]:
    """The files (from the top of the work tree) whose work tree or index version differs
    from HEAD's, as `git diff HEAD` (`specrepo diff`'s default sides) sees them: edited,
    added to the index, deleted. Submodules are not entered."""
    return frozenset(work_tree_paths(git, ["HEAD"], "--ignore-submodules=all"))
