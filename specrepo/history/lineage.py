"""Which spec each changed file belongs to: a spec's identity is its lineage, not its id.

Pure functions over data the git layer read; git is reached only through `Lookups`.

The rules, applied to each commit's changes against its first parent:

1. A file changed in place stays the spec it was, whatever its id now says (a new id is
   renumbering: an `id-changed` event), unless its new id is one another file held in
   the first parent and lost in this commit (deleted, or renumbered): then that spec
   moved here (two files that swap names, `git rm a && git mv b a`), and the spec that
   was here was deleted, or moved by the same rule (rule 3 pairs them). The spec a
   changed or deleted file was is the one the first parent holds there (`owner_of`:
   HEAD's line knows its files; on a branch, the version the change starts from names its
   spec), not the spec the walk saw there last: a branch forked before a spec's file
   moved on main still changes that spec.
2. A file added where a spec's file was, holding that spec's id (or no readable id), is
   that spec again: a merge bringing a branch's file, or a file restored. A commit that is
   no merge adding it where the walk still holds the spec's file (a branch forked before
   the file was added, an unrelated history, adds its own) changes that spec from the
   version the walk holds: what the merge of that line will bring.
3. A file added with the id of a file deleted in the same commit is that spec, moved
   (a `git mv`, or a whole folder renamed).
4. Deletions and additions left unpaired are offered to git's rename detection: a file
   moved and renumbered in one commit is still the same spec. A pair git finds is one
   spec only if it kept its title and more than half of its own content (data and body
   text, not the comments and headings a template gives every spec:
   `compare.likeness.same_spec`): two specs made from one template stay two.
5. A file added with the id of a spec whose file is still there (in the commit's first
   parent) is a copy: a new spec that starts with the history of the one it was copied
   from. Two files that hold one id at the same time are two specs.
6. A file added with the id of a deleted spec brings that spec back (a `created` event
   continues its timeline); what changed since the version it was deleted in is a change
   of it (the step starts from that version's blob).
7. Any other file added with a valid id begins a new spec. A version whose id is missing
   or fails the schema (a template placeholder) never begins or joins a spec by its id.
8. A merge compares with each parent's file of a spec, wherever that parent has it: a
   file a merge adds (against its first parent) that rules 1-4 leave unpaired, and that
   holds the id of a spec another parent has at a path the merge does not keep (and the
   first parent does not have), is that spec moved (a branch's spec filed elsewhere by
   the merge: `git mv` while resolving, git's directory-rename detection, a subtree
   import); git's rename detection against that parent pairs what is left (moved and
   renumbered). Checked before rules 5-7.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from specrepo.base.deferred_dataclass import dataclass

if TYPE_CHECKING:  # a warm run restores lineages from the cache and never walks commits
    from specrepo.gitio.log import CommitRecord, FileChange
from specrepo.check.taken_ids import taking_ids
from specrepo.compare.likeness import same_spec
from specrepo.history.lineage_lookups import Lookups, file_in
from specrepo.history.lineage_state import Lineage
from specrepo.model.version import Version


@dataclass(frozen=True)
class Step:
    """One spec's file going from one version to another in one commit."""

    key: str | None
    """The spec it continues; None when a spec begins here."""
    path: str
    old: Version | None
    """The version before, filled with last readable values; None: there was none."""
    new: Version | None
    """The version after, as read; None: deleted."""
    new_blob: str | None
    moved_from: str | None = None
    copied_from: str | None = None
    """For a copy: the key of the spec it was copied from."""
    old_blob: str | None = None
    """The blob of the version before (`old`), where there was one."""
    old_path: str | None = None
    """Where `old_blob` was: this path, the path moved from, or the copied spec's path."""
    parent: int = 0
    """The index of the commit's parent whose file `old` is (a merge's other parent, for
    rule 8)."""


@dataclass(frozen=True)
class _Deletion:
    path: str
    key: str
    blob: str


def identify(commit: CommitRecord, lineages: dict[str, Lineage], at_path: dict[str, str],
             by_id: dict[str, set[str]], lookups: Lookups,
             owner_of: Callable[[FileChange], str | None]) -> list[Step]:
    """The commit's changes as steps of specs (rules in the module docstring);
    `owner_of` (a change -> the spec the commit's first parent holds at its path, None
    when unknown) takes precedence over `at_path` (the spec last seen at a path)."""
    found: list[Step] = []
    deletions: list[_Deletion] = []
    additions: list[tuple[str, str, Version, str | None]] = []
    taking = taking_ids(
        (change.path, lookups.version(change.old_blob, change.path).spec_id,
         lookups.version(change.new_blob, change.path).spec_id if change.new_blob else None,
         change.new_blob is None)
        for change in commit.changes if change.old_blob is not None)
    for change in commit.changes:
        new = lookups.version(change.new_blob, change.path) if change.new_blob else None
        owner = owner_of(change)
        key = _spec_at(commit, change.path, new, lineages, at_path, owner)
        if change.old_blob is None:
            assert change.new_blob is not None and new is not None
            additions.append((change.path, change.new_blob, new, key))
        elif change.new_blob is None or (key is not None and change.path in taking):
            # The spec leaving is the first parent's here (`owner`); a merge may bring
            # another's file from a branch that swapped files (`key`), moved here.
            left = owner or key
            if left is not None:
                deletions.append(_Deletion(change.path, left, change.old_blob))
            if change.new_blob is not None and new is not None:  # another's id: moved here
                additions.append((change.path, change.new_blob, new,
                                  None if key == left else key))
        elif key is not None:
            old = lookups.effective(change.path, change.old_blob)
            found.append(Step(key, change.path, old, new, change.new_blob,
                              old_blob=change.old_blob, old_path=change.path))
        elif new is not None and new.spec_id is not None:
            found.append(Step(None, change.path, None, new, change.new_blob))
    # A commit of one parent, or a root (not a shallow clone's boundary commit, whose
    # moves `history.boundary_moves` names as such), may replace a spec's file.
    replaces = len(commit.parents) == 1 or not (commit.parents or lookups.shallow)
    unpaired = _returns(additions, deletions, lineages, lookups, found, replaces=replaces)
    unpaired = _moves_by_id(unpaired, deletions, lineages, lookups, found)
    if unpaired and deletions and commit.parents:
        unpaired = _moves_by_content(commit, unpaired, deletions, lookups, found)
    for index in range(1, len(commit.parents) if unpaired else 0):
        unpaired = _moves_from_parent(commit, index, unpaired, deletions, lineages, by_id,
                                      lookups, found)
    for path, blob, new in unpaired:
        if new.spec_id is None:
            continue  # not a spec (yet): no valid id
        source = _copy_source(commit, path, blob, new, lineages, by_id, lookups)
        if source is None:
            deleted = _deleted_spec(new.spec_id, lineages, by_id)
            found.append(Step(None, path, None, new, blob) if deleted is None
                         else _restored(deleted, path, new, blob))
        else:
            copied, copied_path, copied_blob = source
            found.append(Step(None, path, lookups.effective(copied_path, copied_blob), new,
                              blob, copied_from=copied, old_blob=copied_blob,
                              old_path=copied_path))
    return _one_file_each(found, deletions, lookups)


def _returns(additions: list[tuple[str, str, Version, str | None]], deletions: list[_Deletion],
             lineages: dict[str, Lineage], lookups: Lookups, found: list[Step], *,
             replaces: bool) -> list[tuple[str, str, Version]]:
    """Additions where a spec's file was, holding its id (rule 2): a merge bringing a
    branch's file (a move, if the spec's file on this line is deleted in the same commit),
    a file restored, or (where the commit `replaces`: see `_replaced`) a line's own file of
    a spec the walk holds. Returns the additions left."""
    unpaired = []
    for path, blob, new, key in additions:
        lineage = lineages.get(key) if key is not None else None
        if lineage is None or not (lineage.path == path or not lineage.exists) \
                or new.spec_id not in (None, lineage.spec_id):
            unpaired.append((path, blob, new))
            continue
        deleted = next((deletion for deletion in deletions if deletion.key == lineage.key),
                       None)
        if deleted is None and lineage.exists and lineage.blob is not None and replaces:
            found.append(_replaced(lineage, path, new, blob, lookups))
        elif deleted is None:
            found.append(_restored(lineage, path, new, blob))
        else:
            deletions.remove(deleted)
            found.append(_moved(lineage.key, deleted, path, new, blob, lookups))
    return unpaired


def _one_file_each(found: list[Step], deletions: list[_Deletion],
                   lookups: Lookups) -> list[Step]:
    """The steps, with one file per spec: a second file claiming a spec in the same
    commit is a copy of it, and a spec that goes on in a file is not deleted."""
    claimed: set[str] = set()
    kept = []
    for step in found:
        if step.key is None or step.new is None:
            kept.append(step)
        elif step.key not in claimed:
            claimed.add(step.key)
            kept.append(step)
        elif step.new.spec_id is not None:
            kept.append(replace(step, key=None, moved_from=None, copied_from=step.key))
    kept.extend(Step(deleted.key, deleted.path,
                     lookups.effective(deleted.path, deleted.blob), None, None,
                     old_blob=deleted.blob, old_path=deleted.path)
                for deleted in deletions if deleted.key not in claimed)
    return kept


def _spec_at(commit: CommitRecord, path: str, new: Version | None,
             lineages: dict[str, Lineage], at_path: dict[str, str],
             owner: str | None) -> str | None:
    """The spec a changed path belongs to: the one the first parent holds there
    (`owner`), unless a merge brings another spec's file from its branch, else the one
    last seen."""
    seen = at_path.get(path)
    if owner is None or seen is None or owner == seen:
        return owner or seen
    branch = lineages[seen]
    if len(commit.parents) > 1 and new is not None and branch.exists and branch.path == path \
            and new.spec_id == branch.spec_id:
        return seen
    return owner


def _moves_by_id(additions: list[tuple[str, str, Version]], deletions: list[_Deletion],
                 lineages: dict[str, Lineage], lookups: Lookups,
                 found: list[Step]) -> list[tuple[str, str, Version]]:
    """Pair additions with deletions of the same id (rule 3); returns the additions left.
    `deletions` keeps the deletions left."""
    return _pair(additions, deletions, lookups, found,
                 lambda deletion, path, new: new.spec_id is not None
                 and lineages[deletion.key].spec_id == new.spec_id)


def _moves_by_content(commit: CommitRecord, additions: list[tuple[str, str, Version]],
                      deletions: list[_Deletion], lookups: Lookups,
                      found: list[Step]) -> list[tuple[str, str, Version]]:
    """Pair what is left by git's rename detection (rule 4)."""
    pairs = dict(lookups.renames(commit.parents[0], commit.sha,
                                 [deletion.path for deletion in deletions],
                                 [path for path, _, _ in additions]))
    blobs = {path: blob for path, blob, _ in additions}
    return _pair(additions, deletions, lookups, found,
                 lambda deletion, path, new: pairs.get(deletion.path) == path
                 and _alike(deletion, path, blobs[path], new, lookups))


def _alike(deletion: _Deletion, path: str, blob: str, new: Version,
           lookups: Lookups) -> bool:
    """Whether a pair git's rename detection found is one spec (rule 4)."""
    return same_spec(lookups.effective(deletion.path, deletion.blob).title, new.title,
                     lookups.content(deletion.blob, deletion.path), lookups.content(blob, path))


def _pair(additions: list[tuple[str, str, Version]], deletions: list[_Deletion],
          lookups: Lookups, found: list[Step],
          matches: Callable[[_Deletion, str, Version], bool]
          ) -> list[tuple[str, str, Version]]:
    """Make a move of each addition and the first deletion it `matches`."""
    unpaired = []
    for path, blob, new in additions:
        deleted = next((deletion for deletion in deletions if matches(deletion, path, new)),
                       None)
        if deleted is None:
            unpaired.append((path, blob, new))
            continue
        deletions.remove(deleted)
        found.append(_moved(deleted.key, deleted, path, new, blob, lookups))
    return unpaired


def _moves_from_parent(commit: CommitRecord, index: int,
                       additions: list[tuple[str, str, Version]], deletions: list[_Deletion],
                       lineages: dict[str, Lineage], by_id: dict[str, set[str]],
                       lookups: Lookups, found: list[Step]) -> list[tuple[str, str, Version]]:
    """Pair a merge's additions left with the specs its parent `index` has at paths the
    merge does not keep (rule 8): by id, then by git's rename detection against that
    parent. Returns the additions left."""
    parent = commit.parents[index]
    taken = {step.key for step in found} | {deletion.key for deletion in deletions}
    left: dict[str, _Deletion | None] = {}

    def left_behind(key: str) -> _Deletion | None:
        """The spec's file in `parent`, as a deletion, where the merge left it."""
        if key not in left:
            left[key] = None if key in taken else \
                _left_in(commit, parent, lineages[key], lookups)
        return left[key]

    def moved(deleted: _Deletion, path: str, new: Version, blob: str) -> None:
        taken.add(deleted.key)
        left[deleted.key] = None
        found.append(replace(_moved(deleted.key, deleted, path, new, blob, lookups),
                             parent=index))

    # Only a path that parent does not have can be its file moved.
    elsewhere = [addition for addition in additions
                 if lookups.blob_at(parent, addition[0]) is None]
    paired: set[str] = set()
    for path, blob, new in elsewhere:
        deleted = next(filter(None, map(left_behind, sorted(by_id.get(new.spec_id, ())))),
                       None) if new.spec_id is not None else None
        if deleted is not None:
            moved(deleted, path, new, blob)
            paired.add(path)
    unpaired = [path for path, _, _ in elsewhere if path not in paired]
    candidates = {deletion.path: deletion for deletion in map(left_behind, sorted(lineages))
                  if deletion is not None} if unpaired else {}
    pairs = lookups.renames(parent, commit.sha, sorted(candidates), unpaired) \
        if candidates else []
    renamed = {new_path: candidates[old_path] for old_path, new_path in pairs
               if old_path in candidates and new_path in unpaired}
    for path, blob, new in elsewhere:
        if path in renamed and _alike(renamed[path], path, blob, new, lookups):
            moved(renamed[path], path, new, blob)
            paired.add(path)
    return [addition for addition in additions if addition[0] not in paired]


def _left_in(commit: CommitRecord, parent: str, lineage: Lineage,
             lookups: Lookups) -> _Deletion | None:
    """The spec's own file in `parent` (a version a walked step of it wrote there), as a
    deletion, when the merge `commit` does not keep that file and its first parent does
    not have the spec; else None."""
    located = file_in(parent, lineage, lookups)
    if located is None or lookups.owner(*located) != lineage.key \
            or lookups.blob_at(commit.sha, located[0]) is not None:
        return None
    first = file_in(commit.parents[0], lineage, lookups)
    if first is not None and lookups.owner(*first) in (lineage.key, None):
        return None
    return _Deletion(located[0], lineage.key, located[1])


def _moved(key: str, deleted: _Deletion, path: str, new: Version, blob: str,
           lookups: Lookups) -> Step:
    """The step of a spec whose file `deleted` went on as the file `path`."""
    return Step(key, path, lookups.effective(deleted.path, deleted.blob), new, blob,
                moved_from=deleted.path, old_blob=deleted.blob, old_path=deleted.path)


def _restored(lineage: Lineage, path: str, new: Version, blob: str) -> Step:
    """The step of a spec whose file `path` brings it back (rules 2 and 6): no version
    before it (a `created` event), its content compared with the version it was deleted
    in, where the walk knows it (`Lineage.blob`)."""
    if lineage.exists or lineage.blob is None:
        return Step(lineage.key, path, None, new, blob)
    return Step(lineage.key, path, None, new, blob, old_blob=lineage.blob,
                old_path=lineage.path)


def _replaced(lineage: Lineage, path: str, new: Version, blob: str,
              lookups: Lookups) -> Step:
    """The step of a file a commit (not a merge) adds where the walk still holds the spec's
    file (rule 2): a line that never had that file (a branch forked before it was added,
    an unrelated history) adds its own. Merged, it replaces the version the walk holds, so
    it is compared with that version: its status move and content changes are judged at
    the commit that added it, as any change (a file added there in Approved passed every
    gate once merged, its status and text taken as approved)."""
    assert lineage.blob is not None
    return Step(lineage.key, path, lookups.effective(lineage.path, lineage.blob), new, blob,
                old_blob=lineage.blob, old_path=lineage.path)


def _deleted_spec(spec_id: str, lineages: dict[str, Lineage],
                  by_id: dict[str, set[str]]) -> Lineage | None:
    """The deleted spec with this id that a new file brings back (rule 6): the one changed
    last, if several."""
    deleted = [lineages[key] for key in by_id.get(spec_id, ()) if not lineages[key].exists]
    return max(deleted, key=lambda lineage: (lineage.touched_time(), lineage.key), default=None)


def _copy_source(commit: CommitRecord, path: str, blob: str, new: Version,
                 lineages: dict[str, Lineage], by_id: dict[str, set[str]],
                 lookups: Lookups) -> tuple[str, str, str] | None:
    """The spec the new file `path` was copied from, its file and blob: one whose file,
    in the commit's first parent, holds the same id and is the same spec by the move
    rule's measure (rule 5, `same_spec`: its title kept and more than half of its
    content; a second proposal added under a shared placeholder id, KubeVela's
    `kvep-number: XXXX`, is a new spec, trial52b placeholder-id-copy), the spec there
    (a spec the spec set lost while its file stayed, a `front_matter:` switch that
    stopped reading YAML files, is no copy's source: a file of its id returns it,
    trial42b frontmatter-on-then-rename-two-lives)."""
    if not commit.parents:
        return None
    assert new.spec_id is not None
    for key in sorted(by_id.get(new.spec_id, ()), key=lambda key: (lineages[key].path, key)):
        source = lineages[key]
        if not source.exists:
            continue
        found = file_in(commit.parents[0], source, lookups)
        if found is not None and lookups.version(found[1], found[0]).spec_id == new.spec_id \
                and same_spec(lookups.effective(*found).title, new.title,
                              lookups.content(found[1], found[0]), lookups.content(blob, path)):
            return key, *found
    return None
