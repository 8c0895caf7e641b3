"""The paths a glob matches below a folder, found as Python 3.11's `pathlib.Path.glob`
finds them, but from one `os.scandir` listing per folder: each folder's real path and
whether each match is a symbolic link come from the directory entries, so naming the
files by their identity costs no system call per file.

What matches is `Path.glob`'s (Python 3.11): a pattern's parts are matched one at a time,
`*`, `?`, `[...]` and a `\\` escape within a name as git's wildmatch reads them, as the
history's matcher does (names starting with a dot included), `**` as any number of
folders, never through a symbolically linked folder; a part other than the last matches
only folders (links to folders included), the last part anything that exists (a link
whose target is missing does not); runs of `*` as wildmatch reads them (`**` inside a
name is one `*`: `glob_patterns.wildmatch_stars`). Patterns `Path.glob` refuses
(absolute, empty) are handed to it, so they fail as it does.

A folder location's files are found the same way (`spec_entries_below`): as `os.walk`
finds them, links told apart by their directory entries.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.load.glob_patterns import glob_expression, wildmatch_stars
from specrepo.load.locations import MISNAMED_ENDINGS, SpecLocation, misnamed, spec_named

_CASE_FOLDED = os.path.normcase("A") == "a"  # Windows: names match whatever their case


@dataclass
class GlobMatches:
    """What `glob_matches` found: each match's path (as `Path.glob` names it: the folder
    joined with the matched names) with whether it is a symbolic link, and the real path
    (`os.path.realpath`) of every folder a match lies in."""

    links: dict[str, bool] = field(default_factory=dict)
    real_folders: dict[str, str] = field(default_factory=dict)
    unread_folders: list[str] = field(default_factory=list)
    """The folders that may hold matches the walk did not read: the linked folders leading
    out of the root's real path that a `**` passed over (not entered, as `Path.glob`
    enters no linked folder there), and the folders it could not list (permissions)."""
    linked_inside: list[str] = field(default_factory=list)
    """The linked folders leading inside the root's real path that a `**` passed over (not
    entered): the spec files behind one may be named by no other path (`linked_folders_unread`)."""
    near: list[str] = field(default_factory=list)
    """The files in a folder the walk listed that the pattern's last part matches but for
    spaces, dots or line breaks after it (`x.yaml ` for `*.yaml`: `locations.misnamed`)."""

    def unread_files(self, suffixes: tuple[str, ...], unended_below: str | None) -> list[str]:
        """The paths of the files among the matches (and the `near` ones) that are no spec
        files (`spec_named`): the misnamed ones (`locations.misnamed`) and, with
        `unended_below` (the folder the pattern starts from), the regular files whose names
        lack a spec file's ending (`A15-binary-logging` for `A*`), none hidden nor in a
        hidden folder below it (`.gitkeep`, `.git/HEAD`). A glob location names each in a
        note, never leaving out in silence a file its user's pattern names."""
        return [text for text in (*self.near, *self.links)
                if not spec_named(text, suffixes) and _unread_file(text, suffixes, unended_below)]

    def below_spec_named_match(self, root: Path, suffixes: tuple[str, ...]
                               ) -> Callable[[str], bool]:
        """Whether the matches in a folder (its path as the matches name it, ending with a
        separator) lie in a folder named like a spec file (below `root`) that is a match
        too: listed, so reading it reports it, never entered. One the pattern did not
        match hides nothing: `proposals/*/README.md` takes the `README.md` of
        `proposals/2676-x.md/` (kubeflow), as the history does."""
        top = str(root).rstrip(os.sep) + os.sep

        @functools.cache
        def inside(folder: str) -> bool:
            relative = folder[len(top):] if folder.startswith(top) else folder
            lowered = relative.lower()  # a name ending with a suffix holds it, in any case
            if not any(suffix in lowered for suffix in suffixes):
                return False  # the usual case, known without splitting
            prefix, parts = folder[:len(folder) - len(relative)], relative.split(os.sep)[:-1]
            return any(spec_named(part, suffixes)
                       and prefix + os.sep.join(parts[:index + 1]) in self.links
                       for index, part in enumerate(parts))

        return inside


def glob_matches(root: Path, pattern: str,
                 real_folder: Callable[[str], str] | None = None) -> GlobMatches:
    """The paths below `root` that `root.glob(pattern)` yields (Python 3.11), see the
    module's docstring; `real_folder` gives a folder's real path when the walk cannot
    derive it from its parent's (the root's, a folder reached through a link or `..`;
    default `os.path.realpath`, through the run's reader).

    Runs of `*` are read as git's wildmatch reads them (`wildmatch_stars`). Raises what
    `Path.glob` raises for a pattern it refuses (ValueError: an empty one)."""
    pattern = wildmatch_stars(pattern)
    parts = Path(pattern).parts
    real_folder = real_folder or inputs.reader.realpath
    found = GlobMatches()
    if not pattern or Path(pattern).is_absolute():
        for path in inputs.reader.glob(root, pattern):  # raises as pathlib does
            text = str(path)
            found.links[text] = inputs.reader.islink(path)
            folder = os.path.dirname(text)
            found.real_folders[folder] = real_folder(folder)
        return found
    if pattern.endswith("/"):
        parts = (*parts, "")  # `specs/*/`: folders only
    start = os.fspath(root)
    if inputs.reader.isdir(start):
        top = _Folder(start, real_folder(start))
        _Walk(found, real_folder, top.real).select(parts, top)
    return found


@dataclass
class _Folder:
    """A folder the walk is in: its path as the glob names it, its real path, and its
    directory entries once listed (None: not listed yet)."""

    path: str
    real: str
    entries: dict[str, os.DirEntry[str]] | None = None

    def listed(self, unread: list[str]) -> dict[str, os.DirEntry[str]]:
        """The folder's entries by name: none when it cannot be listed (`Path.glob` passes
        over a folder it may not read), and then its path is added to `unread` (once; not
        when it is gone)."""
        if self.entries is None:
            try:
                with inputs.reader.scandir(self.path) as listing:
                    self.entries = {entry.name: entry for entry in listing}
            except OSError as error:
                self.entries = {}
                if not isinstance(error, (FileNotFoundError, NotADirectoryError)):
                    unread.append(self.path)
        return self.entries

    def child(self, name: str, entry: os.DirEntry[str] | None,
              real_folder: Callable[[str], str]) -> _Folder:
        """The sub-folder `name` (`entry`: its directory entry, if listed)."""
        if entry is not None and not _is_link(entry):
            return _Folder(entry.path, os.path.join(self.real, name))
        path = os.path.join(self.path, name) if entry is None else entry.path
        return _Folder(path, real_folder(path))


class _Walk:
    """One glob's walk: the matches land in `found`."""

    def __init__(self, found: GlobMatches, real_folder: Callable[[str], str],
                 top: str) -> None:
        self.found, self.real_folder, self.top = found, real_folder, top

    def select(self, parts: tuple[str, ...], folder: _Folder) -> None:
        """The matches of `parts` below `folder` (a folder that exists)."""
        if not parts or parts[0] == "":
            self._match(folder.path, None, os.path.dirname(folder.path))
            return
        part, rest = parts[0], parts[1:]
        if part == "**":
            if len(rest) == 1 and rest[0] and not _has_wildcard(rest[0]):
                for below in self._folders_below(folder):  # `**/kep.yaml`: one look-up each
                    self._precise(rest[0], (), below)
                return
            for below in self._folders_below(folder):
                self.select(rest, below)
        elif _has_wildcard(part):
            matches = _name_matcher(part)
            for name, entry in folder.listed(self.found.unread_folders).items():
                if matches(name):
                    self._step(rest, folder, name, entry)
                elif not rest and name[-1:] in MISNAMED_ENDINGS \
                        and matches(name.rstrip(MISNAMED_ENDINGS)):
                    self.found.near.append(entry.path)
        else:
            self._precise(part, rest, folder)

    def _precise(self, name: str, rest: tuple[str, ...], folder: _Folder) -> None:
        """A part without wildcards: looked up in the folder's listing if it has one, else
        (or when the listing lacks it: another case of the name, `..`) asked of the
        file system, as `Path.glob` asks."""
        entry = None if folder.entries is None else folder.entries.get(name)
        if not rest and folder.entries is not None:  # `kep.yaml ` for `**/kep.yaml`
            self.found.near.extend(
                near.path for other, near in folder.entries.items()
                if other[-1:] in MISNAMED_ENDINGS and other.rstrip(MISNAMED_ENDINGS) == name)
        if entry is not None:
            if rest:
                self._step(rest, folder, name, entry)
            elif not (link := _is_link(entry)) or inputs.reader.exists(entry.path):
                self._match(entry.path, link, folder.real, folder.path)
            return
        path = os.path.join(folder.path, name)
        if inputs.reader.isdir(path) if rest else inputs.reader.exists(path):
            if rest:
                self.select(rest, _Folder(path, self.real_folder(path)))
            else:
                self._match(path, inputs.reader.islink(path), folder.real)

    def _step(self, rest: tuple[str, ...], folder: _Folder, name: str,
              entry: os.DirEntry[str]) -> None:
        """A listed entry that matched its part: the match itself, or the folder the
        rest of the pattern is matched in (a folder, or a link to one)."""
        if not rest:  # a wildcard's match is kept as listed, a broken link too
            self._match(entry.path, _is_link(entry), folder.real, folder.path)
        elif _is_folder(entry):
            self.select(rest, folder.child(name, entry, self.real_folder))

    def _folders_below(self, top: _Folder) -> Iterator[_Folder]:
        """`top` and every folder below it, not entering linked folders (`**`)."""
        pending = [top]
        while pending:
            folder = pending.pop()
            entries = folder.listed(self.found.unread_folders)  # before the rest looks into it
            yield folder
            real = folder.real
            for name, entry in entries.items():
                try:
                    # so not a link: its real path
                    if inputs.reader.entry_is_dir(entry, follow_symlinks=False):
                        pending.append(_Folder(entry.path, os.path.join(real, name)))
                    elif inputs.reader.entry_is_symlink(entry) \
                            and inputs.reader.entry_is_dir(entry):
                        inside = _below(inputs.reader.realpath(entry.path), self.top)
                        (self.found.linked_inside if inside
                         else self.found.unread_folders).append(entry.path)
                except OSError:
                    continue

    def _match(self, path: str, link: bool | None, real: str | None,
               folder: str | None = None) -> None:
        """Keep a match; `link` None: ask; `real`: its folder's real path, if known."""
        folder = os.path.dirname(path) if folder is None else folder
        self.found.links[path] = inputs.reader.islink(path) if link is None else link
        if folder not in self.found.real_folders:
            self.found.real_folders[folder] = self.real_folder(folder) if real is None else real


@functools.cache
def _has_wildcard(part: str) -> bool:
    """Whether a pattern's part holds a wildcard (`*`, `?`, `[`) or an escape (`\\`),
    asked once per part."""
    return any(character in part for character in "*?[\\")


@functools.cache
def _name_matcher(part: str) -> Callable[[str], re.Match[str] | None]:
    """Whether a name matches a pattern's part as git's wildmatch reads it (`\\[a]` the
    name `[a]`, `[^a]` any but `a`: `glob_patterns.glob_expression`, as the history's
    matcher; agree56), translated once per part: a `**` walk matches it in every folder."""
    return re.compile(glob_expression(part), re.IGNORECASE if _CASE_FOLDED else 0).fullmatch


def _unread_file(path: str, suffixes: tuple[str, ...], unended_below: str | None) -> bool:
    """Whether a match that is no spec file is one `GlobMatches.unread_files` names: a
    misnamed one that is no folder (`specs/*` matches folders too), or (`unended_below`)
    a regular file, neither it nor a folder on the way to it from there hidden."""
    if misnamed(os.path.basename(path), suffixes):
        return not inputs.reader.isdir(path)
    return unended_below is not None and inputs.reader.isfile(path) \
        and f"{os.sep}." not in os.sep + os.path.relpath(path, unended_below)


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return inputs.reader.entry_is_symlink(entry)
    except OSError:
        return False


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether the entry is a folder or a link to one (`Path.glob` enters both)."""
    try:
        return inputs.reader.entry_is_dir(entry)
    except OSError:
        return False


def spec_entries_below(top: str, suffixes: tuple[str, ...], *, links_out_of: str | None = None,
                       linked_inside: list[str] | None = None, hidden: list[str] | None = None
                       ) -> Iterator[tuple[str, str, bool]]:
    """(folder, name, whether it is a symbolic link) of each spec file below `top` (its
    name ending with one of `suffixes` in any case: `spec_named`) and each folder named
    like one (listed, not entered), in no set order. Walks as `os.walk`
    does, from the same `os.scandir` entries, which also tell links apart without an
    `lstat` each: hidden folders are skipped, a folder that cannot be read is left out,
    and linked folders are not entered, so a link cannot lead the walk in circles. With
    `links_out_of` (a real path), a linked folder leading out of it is listed too (as a
    link), so reading it says it is not read, as a spec file's link leading out; and so
    is a folder that cannot be listed (permissions), which reading says too; a linked
    folder leading inside it is added to `linked_inside` (its path), not entered either;
    each hidden folder skipped (not a link) is added to `hidden` (its path), and so is each
    file whose name is a spec file's but for what follows its ending (`misnamed`)."""
    pending = [top]
    while pending:
        directory = pending.pop()
        try:
            with inputs.reader.scandir(directory) as scanned:
                entries = list(scanned)
        except OSError as error:
            if links_out_of is not None \
                    and not isinstance(error, (FileNotFoundError, NotADirectoryError)):
                yield (*os.path.split(directory), False)  # reading it says why it is not
            continue
        for entry in entries:
            name = entry.name
            try:
                is_folder = inputs.reader.entry_is_dir(entry)
            except OSError:
                is_folder = False
            if is_folder and name.startswith("."):
                if hidden is not None and not inputs.reader.entry_is_symlink(entry):
                    hidden.append(entry.path)
                continue
            if spec_named(name, suffixes):
                yield directory, name, inputs.reader.entry_is_symlink(entry)
            elif not is_folder and hidden is not None and misnamed(name, suffixes):
                hidden.append(entry.path)  # a note names it (`hidden_folder_notes`)
            elif is_folder and not inputs.reader.entry_is_symlink(entry):
                pending.append(os.path.join(directory, name))
            elif is_folder and links_out_of is not None:
                if not _below(inputs.reader.realpath(entry.path), links_out_of):
                    yield directory, name, True
                elif linked_inside is not None:
                    linked_inside.append(entry.path)


def _below(path: str, folder: str) -> bool:
    """Whether the real path `path` is the real path `folder` or inside it."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def may_hold_spec_links(root: Path, locations: Iterable[SpecLocation]) -> bool:
    """Whether a spec file of the `locations` (relative to `root`) may be a symbolic link:
    a file location that is one, a spec file that is one below a folder location (one walk
    of `spec_entries_below`, no `lstat` a file), or a glob location (not looked into: it
    may). A cheap test before the full listing that follows links (`discover_spec_files`);
    a linked folder is told apart by its real path, without a listing."""
    for location in locations:
        place = root / location.path
        if location.kind == "glob" or (location.kind == "file" and inputs.reader.islink(place)):
            return True
        if location.kind == "folder" and any(
                link for _, _, link in spec_entries_below(os.fspath(place), location.suffixes)):
            return True
    return False


def looked_for_spec_links(root: Path, locations: Iterable[SpecLocation]) -> bool | None:
    """`may_hold_spec_links`, looked at ahead of need: None when the work tree cannot be
    read (asked again where the answer is needed, to raise the error there)."""
    try:
        return may_hold_spec_links(root, locations)
    except OSError:
        return None
