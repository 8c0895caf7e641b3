"""Which clean/smudge filter a spec file went through in a given commit, and its content
through that filter: from the attributes in force in that commit, as `git checkout` of the
commit would apply them (gitattributes(5)), not from today's.

The attributes of a commit are its tree's `.gitattributes` files, plus those git does not
version (`$GIT_DIR/info/attributes`, `core.attributesFile`, the system's file). git 2.39
has no `check-attr --source`, so each state of the versioned files (those in the folders
above spec files and within spec folders) is written to a temporary folder that git is
told is the work tree, with an index that does not exist: `git check-attr` and
`git cat-file --filters` then read exactly that commit's files, with git's own matching
(patterns, macros, `-filter`, deeper files winning). The state of each commit follows from
its first parent's and the `.gitattributes` files the commit changed (the stream of history
lists them); a commit outside the walk (where a walk that continues a cached one starts) is
asked of git. Nothing of this runs while no attributes source mentions `filter`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.temporary import remove_temporary_folder, temporary_folder
from specrepo.gitio.attribute_sources import ATTRIBUTES_FILE, unversioned_attribute_files
from specrepo.gitio.filters import FilterAttributes
from specrepo.gitio.git_command import Git, Started
from specrepo.gitio.git_overrides import with_settings
from specrepo.load.locations import SpecLocation, escape_glob

AttributesState = frozenset[tuple[str, str]]
"""The versioned attributes files of a commit: (path from the top, blob id)."""
_NONE: Final[AttributesState] = frozenset()
_OPEN: Final = 4
"""`git check-attr` processes kept running at most (one per attributes state)."""
EMPTY_TREES: Final = {"sha1": "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
                       "sha256": "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74"
                                 "decc5321"}
"""The empty tree's id in each object format."""


def attributes_pathspecs(locations: Iterable[SpecLocation]) -> list[str]:
    """git pathspecs (from the top) of the `.gitattributes` files that can give spec files
    of `locations` attributes: one in each folder above them, and any within spec folders."""
    found: set[str] = set()
    for location in locations:
        parts = location.path.strip("/").split("/")
        if location.kind == "file":
            fixed, below = parts[:-1], False
        elif location.kind == "glob":
            plain = next((index for index, part in enumerate(parts)
                          if any(mark in part for mark in "*?[")), len(parts))
            fixed, below = parts[:plain], True
        else:
            fixed, below = [part for part in parts if part not in ("", ".")], True
        for depth in range(len(fixed) + 1):
            found.add(f":(top,literal){'/'.join([*fixed[:depth], ATTRIBUTES_FILE])}")
        if below:
            prefix = "".join(f"{escape_glob(part)}/" for part in fixed)
            found.add(f":(top,glob){prefix}**/{ATTRIBUTES_FILE}")
    return sorted(found)


def attributes_files_above(path: str) -> list[str]:
    """The `.gitattributes` files that can give `path` (from the top) attributes: one in
    each folder above it, the top's first."""
    parts = path.split("/")[:-1]
    return ["/".join([*parts[:depth], ATTRIBUTES_FILE]) for depth in range(len(parts) + 1)]


def unversioned_attributes(git_dir: Path, settings: Mapping[str, str],
                           environment: Mapping[str, str], top: Path) -> bytes | None:
    """The text of the attributes files git reads besides the versioned ones
    (`unversioned_attribute_files`, `top` the work tree's top folder), or None when where
    they are cannot be told."""
    files = unversioned_attribute_files(git_dir, settings, environment, top)
    if files is None:
        return None
    texts = []
    for file in files:
        try:
            texts.append(inputs.reader.read_bytes(file))
        except FileNotFoundError:
            continue
        except OSError:
            return None  # git may read what we cannot: it may set a filter
    return b"\n".join(texts)


def mentions_filter(text: bytes | None) -> bool:
    """Whether attributes text can set a `filter` (directly, or through a macro it
    defines); unread (None) counts as can."""
    return text is None or b"filter" in text


class HistoricalFilters:
    """The filter drivers of paths in commits, and blobs read through them.

    `parents`: commit -> parents, for the commits of the walk (a commit not in it is asked
    of git); `pathspecs`: those of `attributes_pathspecs`; `read_raw`: a blob's stored
    content (None when too large to read); `unversioned`: the text of
    `unversioned_attributes`. `complete`: the walk starts at the root commits, so every
    attributes file the walk's commits hold is `note`d before it matters; else `since`,
    the commit it starts after (a cached walk's HEAD), whose attributes files git is asked
    for at once, beside the stream of history, as the walk's first commit needs them.
    `user_file`: the file `core.attributesFile` names, found from the work tree's top
    (`attributes_file_named`), when it is set: the git that reads a commit's attributes in
    a temporary work tree is told it, or it would look for a relative one there."""

    def __init__(self, git: Git, git_dir: Path, object_format: str,
                 parents: Mapping[str, Sequence[str]], pathspecs: Sequence[str],
                 read_raw: Callable[[str], bytes | None], unversioned: bytes | None,
                 complete: bool, since: str | None = None,
                 user_file: Path | None = None) -> None:
        self._git, self._git_dir, self._object_format = git, git_dir, object_format
        self._user_file = user_file
        self._parents, self._pathspecs, self._read_raw = parents, pathspecs, read_raw
        self._unversioned = mentions_filter(unversioned)
        self._mentioned = self._unversioned or not complete
        """Whether any attributes source seen so far can set a filter."""
        self._changes: dict[str, tuple[tuple[str, str | None], ...]] = {}
        self._states: dict[str, AttributesState] = {}
        self._folder_states: dict[tuple[str, str], AttributesState] = {}
        self._mentions: dict[str, bool] = {}
        self._checkers: dict[AttributesState, FilterAttributes] = {}
        self._folder: Path | None = None
        self._made = 0
        self._asked: dict[str, Started] = {}
        """Commit -> the git listing its attributes files, started ahead (`since`)."""
        if since is not None and not complete:
            self._asked[since] = Started(git, *self._listing(since))

    def note(self, commit: str, changes: Sequence[tuple[str, str | None]]) -> None:
        """The `.gitattributes` files `commit` changed against its first parent: (path,
        new blob id, None when deleted)."""
        if changes:
            self._changes[commit] = tuple(changes)
            self._mentioned = self._mentioned or any(
                self._mentions_filter(blob) for _, blob in changes if blob is not None)

    @property
    def active(self) -> bool:
        """Whether some attributes source seen so far can set a filter (else none
        applies anywhere the walk has been)."""
        return self._mentioned

    def drivers(self, commit: str, paths: Iterable[str]) -> dict[str, str]:
        """The filtered ones among `paths` in `commit`, each with its filter's name."""
        if not self._mentioned:
            return {}
        return self._drivers_in(self._state(commit), paths)

    def smudged(self, commit: str, blob: str, path: str, driver: str) -> bytes:
        """A blob's content as `driver` writes it out for `path` with `commit`'s
        attributes; raises `HistoryError` as `FilterAttributes.smudged` does."""
        return self._checker(self._state(commit)).smudged(blob, path, driver)

    def path_driver(self, commit: str, path: str,
                    blob_at: Callable[[str, str], str | None]) -> str | None:
        """The filter of one `path` in `commit` (a commit outside any walk), from the
        `.gitattributes` files of the folders above it there, as `blob_at` finds them."""
        return self._drivers_in(self._path_state(commit, path, blob_at), [path]).get(path)

    def path_smudged(self, commit: str, blob: str, path: str, driver: str,
                     blob_at: Callable[[str, str], str | None]) -> bytes:
        """`smudged`, for a path whose filter `path_driver` gave."""
        return self._checker(self._path_state(commit, path, blob_at)).smudged(blob, path,
                                                                              driver)

    def _drivers_in(self, state: AttributesState, paths: Iterable[str]) -> dict[str, str]:
        if not self._unversioned and not any(self._mentions_filter(blob)
                                             for _, blob in state):
            return {}
        return self._checker(state).drivers(paths)

    def _path_state(self, commit: str, path: str,
                    blob_at: Callable[[str, str], str | None]) -> AttributesState:
        """The attributes files that can give `path` attributes in `commit`: those of the
        folders above it (each folder asked once per commit)."""
        folder = path.rpartition("/")[0]
        if (commit, folder) not in self._folder_states:
            self._folder_states[(commit, folder)] = frozenset(
                (file, blob) for file in attributes_files_above(path)
                if (blob := blob_at(commit, file)) is not None)
        return self._folder_states[(commit, folder)]

    def _mentions_filter(self, blob: str) -> bool:
        if blob not in self._mentions:
            self._mentions[blob] = mentions_filter(self._read_raw(blob))
        return self._mentions[blob]

    def _state(self, commit: str) -> AttributesState:
        """The versioned attributes files of `commit` (iterative: histories are deep)."""
        pending = []
        while commit not in self._states:
            parents = self._parents.get(commit)
            if parents is None:  # outside the walk
                self._states[commit] = self._state_from_git(commit)
                break
            pending.append(commit)
            if not parents:
                break
            commit = parents[0]
        state = self._states.get(commit, _NONE)
        for walked in reversed(pending):
            changes = self._changes.get(walked)
            if changes:
                kept = dict(state)
                for path, blob in changes:
                    if blob is None:
                        kept.pop(path, None)
                    else:
                        kept[path] = blob
                state = frozenset(kept.items())
            self._states[walked] = state
        return state

    def _listing(self, commit: str) -> tuple[str, ...]:
        """The git arguments that list the attributes files of `commit`."""
        empty = EMPTY_TREES.get(self._object_format, EMPTY_TREES["sha1"])
        return ("diff-tree", "-r", "-z", "--raw", "--no-renames", "--no-abbrev", empty,
                commit, "--", *self._pathspecs)

    def _state_from_git(self, commit: str) -> AttributesState:
        started = self._asked.pop(commit, None)
        if started is None:
            output = self._git.run(*self._listing(commit))
        else:
            answer = started.answer()
            if answer.returncode != 0:
                raise started.failure(answer.stderr)
            output = answer.stdout
        tokens = output.split(b"\0")
        state = set()
        for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
            fields = meta.lstrip(b":").split()
            if len(fields) >= 4 and fields[1].startswith(b"100"):
                state.add((path.decode("utf-8", "surrogateescape"), fields[3].decode()))
        self._mentioned = self._mentioned or any(self._mentions_filter(blob)
                                                 for _, blob in state)
        return frozenset(state)

    def _checker(self, state: AttributesState) -> FilterAttributes:
        """Filters as git applies them with `state` as the versioned attributes."""
        if state in self._checkers:
            return self._checkers[state]
        if self._folder is None:
            self._folder = temporary_folder(
                "specrepo-attributes-", "to apply the .gitattributes of past commits")
        self._made += 1
        tree = self._folder / str(self._made)
        tree.mkdir()
        for path, blob in sorted(state):
            file = tree / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(self._read_raw(blob) or b"")
        git = Git(tree)
        git.environment = {**self._git.environment, "GIT_DIR": str(self._git_dir),
                           "GIT_WORK_TREE": str(tree),
                           "GIT_INDEX_FILE": str(self._folder / f"{self._made}.no-index")}
        if self._user_file is not None:
            with_settings(git.environment, (("core.attributesFile", str(self._user_file)),))
        if len(self._checkers) >= _OPEN:  # the oldest goes
            self._checkers.pop(next(iter(self._checkers))).close()
        self._checkers[state] = FilterAttributes(git)
        return self._checkers[state]

    def close(self) -> None:
        """Stop git and remove the temporary folders."""
        for started in self._asked.values():
            started.stop()
        self._asked = {}
        for checker in self._checkers.values():
            checker.close()
        self._checkers = {}
        if self._folder is not None:
            remove_temporary_folder(self._folder)
            self._folder = None
