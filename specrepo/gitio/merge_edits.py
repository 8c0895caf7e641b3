"""What merges changed in files themselves: text no parent has (an evil merge, a conflict
resolved by writing something new), as git's dense combined diff (`--cc`) shows it. A clean
merge of parallel edits, or a side taken whole, changed nothing itself: `git log --raw`
lists no merge's changes, and a file that differs from every parent may still be only the
parents' edits put together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.gitio.git_command import Git


@dataclass(frozen=True)
class MergeEdit:
    """A file a merge edited itself, and its blob ids (full, hexadecimal)."""

    path: str
    """From the top of the work tree, `/`-separated (as `git log --raw` names it)."""
    before: str
    """Its blob in the merge's first parent (zeros: it has none)."""
    after: str
    """Its blob in the merge (zeros: the merge deleted it)."""
    lacking: bool = False
    """Whether some parent has no file at that path (the diff counts every line new)."""


def own_edits(git: Git, merges: Sequence[str], pathspecs: Sequence[str]
              ) -> dict[str, tuple[MergeEdit, ...]]:
    """For each of `merges` (full commit ids) that edited files of `pathspecs` (git's, as
    `git log` takes them) itself, those files: each a hunk of `git diff-tree --cc -U0`
    keeps (no context, which would join the parents' nearby edits into one hunk). One
    `git diff-tree --stdin` of them all without rename detection, then of those that lack
    such a file in a parent, with exact renames (`-M100%`, cheap), then with renames (`-M`)
    of those that still do, for those files alone (`_renamed_edits`): a file one side
    renamed and the other edited merges cleanly, and only renames tell. Raises
    `HistoryError` when git fails."""
    found: dict[str, tuple[MergeEdit, ...]] = {}
    asked = list(merges)
    for renames in ("--no-renames", "-M100%"):
        if not asked:
            break
        answered = _edits(git, asked, pathspecs, renames)
        found.update((merge, answered.get(merge, ())) for merge in asked)
        asked = [merge for merge in asked if any(edit.lacking for edit in found[merge])]
    if asked:
        found.update(_renamed_edits(git, {merge: found[merge] for merge in asked}, pathspecs))
    return {merge: edits for merge, edits in found.items() if edits}


def _renamed_edits(git: Git, lacking: dict[str, tuple[MergeEdit, ...]],
                   pathspecs: Sequence[str]) -> dict[str, tuple[MergeEdit, ...]]:
    """`lacking` (merges -> their edits, some lacking a parent's file) with those files'
    edits asked again with rename detection (`-M`). Detection costs the files added times
    those deleted against a parent, and a merge of a branch that forked long ago adds
    hundreds: so the diff is limited to the files that lack a parent's (the only ones a
    rename can pair, as destinations) and those each merge's parents have that it has
    not (the sources: `git diff-tree -m --diff-filter=D`), all asked at once."""
    deleted = git.run("diff-tree", "--stdin", "-m", "-r", "--no-renames", "--diff-filter=D",
                      "--name-only", "-z", "--", *pathspecs,
                      stdin="".join(f"{merge}\n" for merge in lacking).encode("ascii"))
    wanted = {edit.path for edits in lacking.values() for edit in edits if edit.lacking}
    # The commit id before each parent's list stays among them: a path of that name, if
    # any, is one more candidate, which changes nothing.
    wanted.update(path.decode("utf-8", "surrogateescape") for path in deleted.split(b"\0")
                  if path)
    answered = _edits(git, list(lacking), [f":(literal){path}" for path in sorted(wanted)],
                      "-M")
    return {merge: (*(edit for edit in edits if not edit.lacking),
                    *(edit for edit in answered.get(merge, ()) if edit.path in wanted))
            for merge, edits in lacking.items()}


def _edits(git: Git, merges: Sequence[str], pathspecs: Sequence[str],
           renames: str) -> dict[str, tuple[MergeEdit, ...]]:
    """The files `git diff-tree --cc` shows for each of `merges`: a `diff --cc` header
    (never a line of a hunk, which starts with one mark per parent) and its `index` line."""
    output = git.run("diff-tree", "--stdin", "--cc", "-U0", "--full-index", renames,
                     "--format=%x01%H", "--", *pathspecs,
                     stdin="".join(f"{merge}\n" for merge in merges).encode("ascii"))
    found: dict[str, list[MergeEdit]] = {}
    merge, path = None, None
    for line in output.split(b"\n"):
        if line.startswith(b"\x01"):
            merge, path = line[1:].decode("ascii"), None
        elif line.startswith(b"diff --cc ") and merge is not None:
            path = unquoted(line[len(b"diff --cc "):])
        elif line.startswith(b"index ") and merge is not None and path is not None:
            blobs, _, after = line[len(b"index "):].decode("ascii").partition("..")
            parents = blobs.split(",")
            found.setdefault(merge, []).append(MergeEdit(
                path, parents[0], after, any(not parent.strip("0") for parent in parents)))
            path = None
    return {merge: tuple(edits) for merge, edits in found.items()}


_ESCAPES: Final = {ord("a"): 7, ord("b"): 8, ord("t"): 9, ord("n"): 10, ord("v"): 11,
                   ord("f"): 12, ord("r"): 13}
"""git's C-style escapes of control characters (`quote.c`); any other escaped character
stands for itself (`\\"`, `\\\\`)."""


def unquoted(written: bytes) -> str:
    """A path as git's diff headers write it: as it is, or, holding a control character,
    a double quote or a backslash, in double quotes with C-style escapes (`\\t`, `\\"`,
    `\\303\\251`: octal bytes); decoded as UTF-8, a byte that is not kept (PEP 383, as
    `git log --raw -z` paths are)."""
    if not (written.startswith(b'"') and written.endswith(b'"') and len(written) > 1):
        return written.decode("utf-8", "surrogateescape")
    body, out, index = written[1:-1], bytearray(), 0
    while index < len(body):
        byte = body[index]
        if byte != ord("\\") or index + 1 == len(body):
            out.append(byte)
            index += 1
        elif body[index + 1:index + 2].isdigit():
            out.append(int(body[index + 1:index + 4], 8) & 0xFF)
            index += 4
        else:
            out.append(_ESCAPES.get(body[index + 1], body[index + 1]))
            index += 2
    return bytes(out).decode("utf-8", "surrogateescape")
