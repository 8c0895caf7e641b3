"""Whether git's message about an object it could not read says the object is missing or
damaged (`object_state`, `asked_state`): git answers `missing` in `cat-file --batch` for
both, or stops answering, and only its message tells them apart; and the one wording of
such an object (`unreadable_words`), whichever read met it, warm or cold."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from specrepo.gitio.git_command import Git

MISSING: Final = "it is missing"
"""What `object_state` says of an object git's message says nothing of but not finding."""
_OBJECT_DAMAGED: Final = (b" is empty", b" is corrupt", b"inflate: ", b"CRC mismatch",
                          b"hash mismatch", b"unable to unpack ", b"unpack-initial failed",
                          b"unable to stream ", b"header for ")
"""What git says when an object it holds cannot be read: a loose file emptied or cut
short, a pack whose data fails its checks (read from git's messages, `git cat-file blob`
of each damage; a loose blob cut short says only "unable to stream ID to stdout", or,
cut within its zlib header, "header for ID too long")."""
_STORED: Final = re.compile(rb"(?:packed|loose) object ([0-9a-f]{40,64}) "
                            rb"\(stored in ([^\n]+?)\) is corrupt")
"""git's last words on an object whose data fails its check, naming it and the file that
holds it, the pack or loose file (git 2.39 and 2.47, `git rev-list`, `log`, `diff-tree`,
`cat-file -p`: each read of a damaged commit, tree or blob that does not stream it)."""
_NAMED: Final = re.compile(rb"(?:Could not read|unable to read(?: tree)?|[Cc]annot read"
                           rb"(?: commit)? object) \(?([0-9a-f]{40,64})\b")
"""git's words naming an object it could not read, missing or damaged (git 2.47, which
names no pack file: `rev-list` at a damaged packed commit, "Could not read ID", `log` at
a tree, "unable to read tree (ID)", `log` and `diff-tree --stdin` at a commit, "cannot
read commit object ID", `cat-file -p`, "Cannot read object ID")."""
_KINDS: Final = ("commit", "tree", "blob", "tag")
_OBJECT_LOST: Final = (b"Could not read ", b"unable to read ", b"bad object ",
                       b"bad tree object ", b"missing blob ", b"missing tree ",
                       b"is corrupt")
"""What git says when an object it needs is missing or damaged."""


def damage(stderr: bytes) -> str | None:
    """The first line of git's message `stderr` saying an object git holds cannot be
    read (`_OBJECT_DAMAGED`), stripped; None when no line says so."""
    for line in stderr.decode("utf-8", "replace").splitlines():
        if any(words.decode() in line for words in _OBJECT_DAMAGED):
            return line.strip()
    return None


def says_lost(stderr: bytes) -> bool:
    """Whether git's message `stderr` says an object it needs is missing or damaged
    (`_OBJECT_LOST`)."""
    return any(words in stderr for words in _OBJECT_LOST)


def object_state(stderr: bytes) -> str:
    """What git's message `stderr` about an object it could not read says of it: "it is
    damaged (git: LINE), held in FILE", LINE its first words of the damage (`damage`),
    FILE the pack or loose file git names as holding it (`_STORED`; left out when git
    names none, a streamed blob's), when git holds the object but cannot read it;
    `MISSING` otherwise."""
    line = damage(stderr)
    if line is None:
        return MISSING
    stored = _STORED.search(stderr)
    held = "" if stored is None else f", held in {stored[2].decode('utf-8', 'replace')}"
    return f"it is damaged (git: {line}){held}"


def asked_state(git: Git, name: str) -> str:
    """What git says of the object `name` (any type) it did not answer for, asked for its
    content (`git cat-file -p`: one git run, on an error only): `object_state` of its
    message; `MISSING` when git reads it now."""
    asked = git.attempt("cat-file", "-p", name)
    return object_state(asked.stderr) if asked.returncode != 0 else MISSING


def asked_kind(git: Git, name: str) -> str:
    """What kind of object `name` is, "commit", "tree", "blob" or "tag", as git reads it
    from the object's header (`git cat-file -t`: one git run, on an error only; a damaged
    object's header mostly still reads); "object" when git cannot tell."""
    asked = git.attempt("cat-file", "-t", name)
    kind = asked.stdout.decode("utf-8", "replace").strip()
    return kind if asked.returncode == 0 and kind in _KINDS else "object"


def lost_words(git: Git, stderr: bytes) -> str | None:
    """`unreadable_words` of the object a failed git's message `stderr` names as one it could
    not read: held but unreadable (`_STORED`, or `_NAMED` with words of damage), its state
    and kind asked of `git` (`asked_state`, `asked_kind`: two git runs, on an error only);
    named with no word of damage (`_NAMED` alone: "Could not read ID", "unable to read tree
    ID"), missing, and asked nothing (a partial clone would fetch it). None when git names
    none so, or reads the one it called damaged now."""
    stored = _STORED.search(stderr)
    named = stored or _NAMED.search(stderr)
    if named is None:
        return None
    name = named[1].decode()
    if stored is None and damage(stderr) is None:
        return unreadable_words(name, None, MISSING, said_kind(stderr, name))
    if (state := asked_state(git, name)) == MISSING:
        return None
    return unreadable_words(name, None, state, asked_kind(git, name))


def given_lost_words(git: Git, stderr: bytes) -> str | None:
    """`unreadable_words` of the object a failed git's message `stderr` says it lacks where
    git names it by the name it was given, not by its id (`_GIVEN`): "bad object
    HEAD@{2}", the commit a reflog entry names; "bad tree object HEAD" or "bad tree object
    ID" of a commit, that commit's tree (read from the commit's header: its kind known,
    `tree`), or git's words call it one (`said_kind`). None when git names none so, the
    name names nothing, or git reads the object now. Three git runs at most, on an error only."""
    given = _GIVEN.search(stderr)
    if given is None:
        return None
    found = git.attempt("rev-parse", "--verify", "--quiet", "--end-of-options",
                        given[2].decode("utf-8", "surrogateescape"))
    name, kind = found.stdout.decode().strip(), "object"
    if found.returncode != 0 or not name:
        return None
    if given[1]:  # the tree of the commit named
        header = _TREE_LINE.match(git.attempt("cat-file", "commit", name).stdout)
        if header is None:
            return None
        name, kind = header[1].decode(), "tree"
    read = git.attempt("cat-file", "-p", name)
    if read.returncode == 0:
        return None
    state = object_state(read.stderr)
    if kind == "object":
        kind = said_kind(given[0], name) if state == MISSING else asked_kind(git, name)
    return unreadable_words(name, None, state, kind)


_GIVEN: Final = re.compile(rb"(?:^|\n)(?:fatal|error): bad (tree )?object ([^\s]+)\s*(?:\n|$)")
"""git's words on an object it lacks, named as given to it (`git diff HEAD@{2}`: "fatal: bad
object HEAD@{2}"; `git diff HEAD` or `diff-index ID` whose commit's tree is lost: "error:
bad tree object HEAD")."""
_TREE_LINE: Final = re.compile(rb"tree ([0-9a-f]{40,64})\n")
"""The first line of a commit's content: its tree."""


_SAID_TREE: Final = re.compile(rb"(?:unable to read tree \(?|bad tree object |missing tree )"
                                rb"([0-9a-f]{40,64})\b")
"""git's words calling the object it could not read a tree (`git diff` and `diff-tree` at a
lost folder's or commit's tree: "fatal: unable to read tree ID"; `rev-list --objects`:
"fatal: bad tree object ID"; `fsck`, `pack-objects`: "missing tree ID")."""


def said_kind(stderr: bytes, name: str) -> str:
    """The kind git's message `stderr` gives the object `name` it could not read: "tree" when
    its words call it one (`_SAID_TREE`), else "object" (git's "Could not read ID" and
    "unable to read ID" say no kind, and a missing object has no header to ask): a lost
    tree named alike by every command whose git says so, as `git diff`'s commit header
    read names it (`given_lost_words`; newuser72 t21)."""
    said = (found[1].decode() for found in _SAID_TREE.finditer(stderr))
    return "tree" if name in said else "object"


def walked_kind(git: Git, head: str, name: str) -> str:
    """`said_kind` of the object `name`, missing, from what git says walking every commit and
    tree from `head` (`git rev-list --objects --quiet`: one git run, on an error only): a
    warm run names a lost tree its cache rests on as a cold run's walk, which meets it,
    does, by what git says of it (newuser72 t21)."""
    return said_kind(git.attempt("rev-list", "--objects", "--quiet", head).stderr, name)


def unreadable_words(name: str, path: str | None, state: str, kind: str = "object") -> str:
    """The one wording of an object `name` git cannot read, in `state` (`object_state`:
    "it is missing", or damaged in git's words and the file that holds it), read as the
    file `path`, or, None, named by its `kind` (`asked_kind`; for one missing, what git's
    words call it, `said_kind`: "tree" or "object"): a cold run's read or
    failed git (`git_command.failure`) and a warm run's check of what its cache rests on
    (`history.relied_objects`) word the same object alike, with what to do
    (`damaged_repository`)."""
    read = f"{kind} {name}" if path is None else f"{path} (object {name})"
    return f"git cannot read {read}: {state}; {damaged_repository()}"


def damaged_repository() -> str:
    """What every error for an object git cannot find or read ends with: what to do."""
    return ("the repository is damaged or incomplete: fetch what is missing (`git fetch`) "
            "or clone it anew (`git fsck` names every missing object)")


def read_as(git: Git, head: str, blob: str) -> str | None:
    """The path of a file `blob` (an id) was a version of, in the latest commit before
    `head` (it too) that changed that file to or from it (`git log -1 --find-object`:
    the walk from `head` stops at that commit, and lists only the files changed to or
    from `blob`; each merge against each parent; no renames, no blob read: a blob git
    lacks or cannot read is still named; one git run, on an error only); None when no
    commit changed a file to it (a commit's, a tree's id), or git stopped before naming
    it (a tree it cannot read)."""
    listed = git.attempt("log", "-1", f"--find-object={blob}", "--raw", "--no-abbrev",
                         "--no-renames", "-m", "-z", "--format=", head).stdout
    at = listed.find(f" {blob} ".encode())
    start = listed.find(b"\0", at) + 1
    end = listed.find(b"\0", start)
    if at < 0 or end < 0:
        return None
    return listed[start:end].decode("utf-8", "surrogateescape")
