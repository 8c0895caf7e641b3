"""Read the history of the spec files, commit by commit in the walk's order.

The commits are listed by `git rev-list` (`graph`), put in the order the walk needs
(`history.order`: oldest first), and asked of one long-lived `git diff-tree --stdin` in that
order, so that the walk can take each commit as soon as git has diffed it and its blobs are
read, while git goes on with the next. `git log` could not: it writes the newest commit
first, so the walk would wait for its last. The diff is asked for explicitly:

- `--diff-merges=first-parent`: a merge shows what it brought to the line it was merged
  into, so following first parents from HEAD replays exactly the states HEAD went through.
  A commit whose diff (on the spec paths) is empty is not written, so the commits listed
  are exactly those of `git log --full-history` with a change, merges included (a merge
  `git log` lists for its other parents, with no change against its first, changes
  nothing in the walk); `--root`: the first commit's files, as `git log` shows them;
- `--no-renames`: the miner pairs deletions and additions itself (by id), and asks git's
  rename detection only for the few it cannot pair;
- `-z` and raw diffs, the header's fields NUL-ended too: any path, author name or trailer
  arrives intact, whatever bytes it holds (NUL aside, which none can hold);
- `%aN`/`%aE`: authors through the repository's .mailmap, as `git log` shows them;
- `-t`: each folder git descends into is written too (both its trees, which git read), so
  that a warm run can ask git whether it still holds each (`HistoryStream.trees`).

User configuration that would change this output is overridden (see `git_command`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Final, NamedTuple

from specrepo.base.caseless import is_blank
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.timestamps import git_time, utc_offset
from specrepo.gitio.attribute_sources import ATTRIBUTES_FILE
from specrepo.gitio.batch_names import batch_safe
from specrepo.gitio.git_command import Git, finish, stop
from specrepo.gitio.log_records import HEADER_FORMAT, HEADER_TOKENS, header_records
from specrepo.load.locations import SpecLocation, location_matcher, pathspecs
from specrepo.load.reading_keys import reading_key

_TRAILER: Final = b"\x1d"
_LINK: Final = "120000"
"""git's mode of a symbolic link."""
_TREE: Final = "040000"
"""git's mode of a folder (a tree)."""
DIFF_OPTIONS: Final = ("-r", "-t", "--root", "--diff-merges=first-parent", "--raw", "--no-renames",
                       "--no-abbrev", "--no-color", "--no-ext-diff", "-z")


WORK_TREE_BLOB: Final = "work-tree:"
"""With a path after it, the new blob of a file of the work tree (git has no blob of it)."""


@dataclass(frozen=True)
class FileChange:
    """One spec file changed by a commit, against the commit's first parent (or between
    the two sides of a diff)."""

    path: str
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True)
class CommitRecord:
    """A commit that changed spec files, with what the miner needs of it."""

    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    authored: int
    committed: int
    approvers: tuple[str, ...]
    """Values of `Reviewed-by:` and `Approved-by:` trailers."""
    changes: tuple[FileChange, ...]
    """Sorted by path, so that no setting of git's changes their order."""
    config_blobs: tuple[tuple[str, str], ...] = ()
    """(path, blob) of the versions of the configuration file the commit wrote (at any of
    the paths it had, `config_paths`)."""
    links: tuple[tuple[str, str], ...] = ()
    """(path, blob) of the symbolic links among spec files the commit wrote; a link's
    blob holds the path it leads to."""
    attributes: tuple[tuple[str, str | None], ...] = ()
    """(path, new blob; None when deleted) of the `.gitattributes` files the commit
    changed, of those the stream was asked for (`gitio.historical_filters`)."""
    author_offset: int = 0
    """The author's offset from UTC, in minutes east, as git recorded it with the author
    date (`%ai`: `-0500` is -300)."""
    watched: tuple[tuple[str, str | None], ...] = ()
    """(path, new blob; None when deleted) of the watched files the commit changed (the
    configuration file and the spec schema: how its versions read)."""
    config_added: tuple[str, ...] = ()
    """The paths of the configuration file the commit added (its first parent has no file
    there): where it came from is asked of git (`gitio.config_moves`)."""
    coauthors: tuple[str, ...] = ()
    """Values of `Co-authored-by:` trailers (`Name <email>`): authors of the commit too."""


class RawChanges(NamedTuple):
    """What one `--raw` diff wrote (see `raw_changes`)."""

    changes: tuple[FileChange, ...]
    config_blobs: tuple[tuple[str, str], ...]
    links: tuple[tuple[str, str], ...]
    attributes: tuple[tuple[str, str | None], ...] = ()
    watched: tuple[tuple[str, str | None], ...] = ()
    config_added: tuple[str, ...] = ()


Admit = Callable[[CommitRecord], CommitRecord]  # a commit -> it, no spec's changes left out


class Taken(NamedTuple):
    """A commit the stream lists, with the blobs it names first and what the walk will ask
    about it."""

    commit: CommitRecord
    blobs: list[tuple[str, str]]
    """(blob id, path) of the blobs no earlier commit named as that kind of file (see
    `reading_keys`: a blob named as YAML and then as Markdown is read as both)."""
    lookups: list[tuple[str, str]]
    """(commit, path) of the files whose blob the walk asks for: at a merge's other
    parents, the files the merge wrote a blob no earlier commit named (does the merge take
    a branch's version as it was?)."""


class HistoryStream:
    """The commits that changed spec files, in the order given, each with the blobs it
    names that are not known yet (each blob once as each kind of file, `reading_key`, with
    the first commit that names it so).

    One thread feeds the commits to `git diff-tree --stdin`; another reads its records and
    hands them to `take` (a list of `Taken`, those of each read together) as
    soon as git has written them, while git goes on with the next, then calls `end`.
    Pipes cannot deadlock: git only ever waits for the reading thread, which only waits
    for `take`.
    """

    def __init__(self, git: Git, commits: Sequence[str], locations: Iterable[SpecLocation],
                 known: Container[str], config_paths: Sequence[str],
                 take: Callable[[list[Taken]], None],
                 end: Callable[[], None], attributes: Sequence[str] = (),
                 watched: Sequence[str] = (), admit: Admit | None = None) -> None:
        locations = list(locations)
        self._known, self._admit = known, admit
        # git is given no exclusion (see `pathspecs`): the files it names that a location
        # excludes are dropped here.
        self._is_spec = location_matcher(locations)
        self._config_paths = frozenset(config_paths)
        self._watched = frozenset(watched)
        self._take, self._end = take, end
        self.trees: set[str] = set()
        """The ids of the trees below the root trees that git read for the diffs (each
        side of each folder it descended into, `-t`), once `wait` returned."""
        # The configuration rides along: its versions name the spec folders of the past;
        # so do the attributes files `attributes` names: they say which filter a spec
        # file went through in each commit.
        self._diff_arguments = ("diff-tree", "--stdin", *DIFF_OPTIONS, HEADER_FORMAT, "--",
                                *pathspecs(locations, exclusions=False),
                                *(f":(top,literal){path}" for path in sorted(
                                    {*self._config_paths, *self._watched})),
                                *attributes)
        self._diff, self._folder = git.start(*self._diff_arguments, stdin=True), git.folder
        self._error: BaseException | None = None
        self._threads = [threading.Thread(target=self._feed, args=(commits,), daemon=True),
                         threading.Thread(target=self._read, args=(commits,), daemon=True)]
        for thread in self._threads:
            thread.start()

    def _feed(self, commits: Sequence[str]) -> None:
        stdin = self._diff.stdin
        assert stdin is not None
        with suppress(OSError):  # git stopped early: its reader says why
            stdin.writelines(f"{commit}\n".encode() for commit in commits)  # not all at once
            stdin.flush()
        with suppress(OSError):
            stdin.close()

    def _read(self, commits: Sequence[str]) -> None:
        stdout = self._diff.stdout
        assert stdout is not None
        seen: set[str] = set()
        try:
            for records in header_records(stdout):
                taken = []
                for record in records:
                    commit = _parse_record(record, self._is_spec, self._config_paths,
                                           self._watched, self.trees)
                    if commit is None:
                        continue  # it changed only files that no location takes
                    if self._admit is not None and not _lists_any(
                            commit := self._admit(commit)):
                        continue  # its changes were of files no configuration read
                    blobs = []
                    for change in commit.changes:
                        for blob in (change.old_blob, change.new_blob):
                            if blob is not None and (key := reading_key(blob, change.path)) \
                                    not in seen and key not in self._known:
                                seen.add(key)
                                blobs.append((blob, change.path))
                    taken.append(Taken(commit, blobs, _merge_lookups(commit, blobs)))
                if taken:
                    self._take(taken)
            # (git 2.47 writes nothing of a commit it cannot read, and exits 0)
            finish(self._diff, self._diff_arguments, self._folder, commits, "commit")
        except BaseException as error:  # raised by `wait`, in the caller's thread
            self._error = error
        finally:
            self._end()

    def wait(self) -> None:
        """Wait for git to finish (and the threads that feed and read it); raise
        `HistoryError` if it failed."""
        for thread in self._threads:
            thread.join()
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        """Stop git (it may still run if reading stopped early)."""
        stop(self._diff)
        for thread in self._threads:
            thread.join()


def _merge_lookups(commit: CommitRecord, blobs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(other parent, path) of each file a merge wrote with a blob it names first (one no
    earlier commit wrote: no branch's version taken as it was), or added while it deleted
    another (a spec moved on a branch, which the walk compares with its file in each
    parent), for the walk to find answered (paths that git's line-based requests cannot
    carry left to the walk)."""
    if len(commit.parents) < 2:
        return []
    named = {blob for blob, _ in blobs}
    moves = any(change.new_blob is None for change in commit.changes)
    return [(parent, change.path) for change in commit.changes
            if (change.new_blob in named or (moves and change.old_blob is None
                and change.new_blob is not None)) and batch_safe(change.path)
            for parent in commit.parents[1:]]


@contextmanager
def stream_history(git: Git, commits: Sequence[str], locations: Iterable[SpecLocation],
                   take: Callable[[list[Taken]], None],
                   end: Callable[[], None], known: Container[str] = frozenset(),
                   config_paths: Sequence[str] = (), attributes: Sequence[str] = (),
                   watched: Sequence[str] = (), admit: Admit | None = None
                   ) -> Iterator[HistoryStream]:
    """Hand `take` those of `commits` that changed spec files, the configuration at
    any of `config_paths`, the attributes files of the pathspecs `attributes` or the `watched`
    files (from the top), in the order given, with the spec blobs they name that are not
    `known` yet (by `reading_key`; as `admit` leaves each commit, in order: see `Admit`);
    then call `end`."""
    stream = HistoryStream(git, commits, locations, known, config_paths, take, end,
                           attributes, watched, admit)
    try:
        yield stream
    finally:
        stream.close()


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _trailer_values(trailers: bytes) -> tuple[str, ...]:
    """The values of one header token's trailers (`HEADER_FORMAT`), blank ones left out."""
    return tuple(text.strip() for value in trailers.split(_TRAILER)
                 if not is_blank(text := _text(value)))


def _parse_record(record: list[bytes], is_spec: Callable[[str], bool],
                  config_paths: Container[str] = (),
                  watched: Container[str] = (), trees: set[str] | None = None
                  ) -> CommitRecord | None:
    """The commit of one record (`header_records`); None when it changed no file the stream
    lists (`_lists_any`; its header never decoded: over half a KEP repository's records).
    Its folders' tree ids go into `trees` (`token_changes`)."""
    raw = token_changes(record[HEADER_TOKENS:], is_spec, config_paths, watched=watched,
                        trees=trees)
    if not _lists_any(raw):
        return None
    changes, config_blobs, links, attributes, watched_changes, config_added = raw
    sha, parents, author, email, authored, committed, shown, trailers, coauthors = \
        record[:HEADER_TOKENS]
    return CommitRecord(
        sha=sha.decode(),
        parents=tuple(parents.decode().split()),
        author=_text(author),
        email=_text(email),
        authored=git_time(authored),
        committed=git_time(committed),
        author_offset=utc_offset(shown.decode()),
        approvers=_trailer_values(trailers),
        coauthors=_trailer_values(coauthors),
        changes=changes,
        config_blobs=config_blobs,
        links=links,
        attributes=attributes,
        watched=watched_changes,
        config_added=config_added,
    )


def _lists_any(changed: RawChanges | CommitRecord) -> bool:
    """Whether a diff (or its commit) changed a spec, configuration, link, attributes or
    watched file: one the stream lists."""
    return bool(changed.changes or changed.config_blobs or changed.links
                or changed.attributes or changed.watched)


def raw_changes(raw: bytes, is_spec: Callable[[str], bool], config_paths: Container[str] = (),
                *, work_tree: bool = False, watched: Container[str] = ()) -> RawChanges:
    """The spec files (those `is_spec` takes: `location_matcher`'s, so that a file a
    location excludes, or one in a hidden folder, is left out wherever git's pathspecs
    named it) of a `--raw -z` diff (`git log`'s or `git diff`'s), sorted by path; the
    (path, blob) of the files of `config_paths` it wrote; the (path, blob) of each
    symbolic link among spec files it wrote (the blob holds where it leads); the (path,
    new blob or None) of each `.gitattributes` file it changed (never a spec);
    the (path, new blob or None) of each file of `watched` it changed (never a spec
    either); and the files of `config_paths` it added.
    With `work_tree` (a diff against the work tree), a file's new blob is
    `WORK_TREE_BLOB` and its path: git hashes no work tree file it need not."""
    return token_changes(raw.split(b"\0"), is_spec, config_paths, work_tree=work_tree,
                         watched=watched)


def token_changes(tokens: Sequence[bytes], is_spec: Callable[[str], bool],
                  config_paths: Container[str] = (), *, work_tree: bool = False,
                  watched: Container[str] = (), trees: set[str] | None = None) -> RawChanges:
    """`raw_changes` of a raw diff's NUL-ended tokens, (metadata, path) pairs; the ids of
    both trees of each folder it lists (`-t`; none for a side where the folder is added or
    deleted) go into `trees` where given."""
    changes = []
    config_blobs = []
    config_added = []
    links = []
    attributes: list[tuple[str, str | None]] = []
    watched_changes: list[tuple[str, str | None]] = []
    for meta, path in _entries(tokens):
        old_mode, new_mode, old_sha, new_sha, _status = meta[1:].decode().split(" ", 4)
        if trees is not None and _TREE in (old_mode, new_mode):
            trees.update(sha for mode, sha in ((old_mode, old_sha), (new_mode, new_sha))
                         if mode == _TREE and sha.strip("0"))
        # surrogateescape keeps any byte sequence, so the path still names the file
        name = path.decode("utf-8", "surrogateescape")
        if new_mode == _LINK and new_sha.strip("0") and is_spec(name):
            links.append((name, new_sha))
        if not _is_file(old_mode) and not _is_file(new_mode):
            continue  # a submodule or symbolic link that happens to be named *.yaml
        if name.rpartition("/")[2] == ATTRIBUTES_FILE:
            attributes.append((name, new_sha if _is_file(new_mode) else None))
            continue
        if name in watched:
            watched_changes.append((name, new_sha if _is_file(new_mode) else None))
        if name in config_paths:
            if new_sha.strip("0") and _is_file(new_mode):
                config_blobs.append((name, new_sha))
                if not _is_file(old_mode):
                    config_added.append(name)
            continue
        if name in watched:
            continue
        if not is_spec(name):
            continue
        new_blob = new_sha if new_sha.strip("0") and _is_file(new_mode) else None
        if work_tree and _is_file(new_mode):
            new_blob = WORK_TREE_BLOB + name
        changes.append(FileChange(
            path=name,
            old_blob=old_sha if old_sha.strip("0") and _is_file(old_mode) else None,
            new_blob=new_blob,
        ))
    return RawChanges(tuple(sorted(changes, key=lambda change: change.path)),
                      tuple(config_blobs), tuple(links), tuple(attributes),
                      tuple(watched_changes), tuple(config_added))


def _entries(tokens: Sequence[bytes]) -> Iterator[tuple[bytes, bytes]]:
    """(metadata, path) of each entry of a raw diff's NUL-ended tokens, read in order, so
    that a path is never taken for metadata, whatever bytes it holds; an empty token (or
    the line break git writes after a format) between entries is passed over."""
    index = 0
    while index + 1 < len(tokens):
        meta = tokens[index].lstrip(b"\n")
        if meta.startswith(b":"):
            yield meta, tokens[index + 1]
            index += 2
        else:
            index += 1


def _is_file(mode: str) -> bool:
    return mode.startswith("100")
