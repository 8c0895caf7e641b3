"""The spec files that paths named on the command line stand for: a folder, the configured
specs below it; a file, itself when the configuration makes it a spec, else a note saying
why it is not checked (a pre-commit hook hands over every staged file under `keps/`,
README.md included)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import UsageError
from specrepo.base.paths import display_path, real_path
from specrepo.base.suggest import read_as
from specrepo.load.empty_locations import file_kinds, folder_glob_hint
from specrepo.load.glob_walk import spec_entries_below
from specrepo.load.locations import (
    SPEC_SUFFIXES,
    exclusion_matcher,
    hidden_folder_below,
    spec_named,
)
from specrepo.load.spec_files import SpecFileSettings, spec_file_identity
from specrepo.load.unlisted_folders import CANNOT_READ, unlisted_folder


@dataclass(frozen=True)
class NamedSpecs:
    """The spec files the paths name (each by its identity, sorted), and a note for each
    path named that is no spec (`README.md: not a spec …; not checked`)."""

    files: tuple[Path, ...]
    skipped: tuple[str, ...] = ()


def named_spec_files(arguments: Sequence[Path], settings: SpecFileSettings,
                     configured: Callable[[], Sequence[Path]], suffixes: tuple[str, ...], *,
                     allow_empty: bool) -> NamedSpecs:
    """The spec files `arguments` name. With a configuration file, a folder stands for the
    configured spec files below it (`configured()`: `discover_spec_files`, exclusions
    applied) and a file counts only when it is one of them; without one, a folder stands
    for the files below it whose names end with `suffixes`, and a file counts when its name
    does. A file that does not count is skipped, with a note.

    Raises `UsageError` for a path that does not exist and, unless `allow_empty`, for a
    folder that holds no spec and when no path named is a spec: checking nothing must not
    pass in silence."""
    if settings.file is None:
        named = [path for path in arguments
                 if inputs.reader.isdir(path) or spec_named(path.name, suffixes)
                 or not (inputs.reader.exists(path) or inputs.reader.islink(path))]
        files = expand_arguments(named, settings.root, allow_empty=allow_empty,
                                 suffixes=suffixes)
        skipped = [f"{path}: not a spec file (specs are {file_kinds(suffixes)} files)"
                   for path in arguments if path not in named]
    else:
        files, skipped = _configured_among(arguments, settings, configured, suffixes,
                                           allow_empty)
    if skipped and not files and not allow_empty:
        raise UsageError(f"no path given is a spec, so nothing would be checked ("
                         f"{'; '.join(skipped)}); pass --allow-empty to accept that")
    return NamedSpecs(tuple(files), tuple(f"{why}; not checked" for why in skipped))


def _configured_among(arguments: Sequence[Path], settings: SpecFileSettings,
                      configured: Callable[[], Sequence[Path]], suffixes: tuple[str, ...],
                      allow_empty: bool) -> tuple[list[Path], list[str]]:
    """The configured spec files `arguments` name, and why each file named that is no spec
    is none."""
    assert settings.file is not None
    listed = configured()
    known = set(listed)
    found: set[Path] = set()
    skipped: list[str] = []
    for argument in arguments:
        path = inputs.reader.absolute(argument)
        if not (inputs.reader.exists(path) or inputs.reader.islink(path)):
            raise _no_such_file(argument)
        if inputs.reader.isdir(path) and not spec_named(path.name, suffixes):
            folder = real_path(path)
            below = [file for file in listed if file.is_relative_to(folder)]
            if not below and not allow_empty:
                raise UsageError(f"{argument}: the folder holds none of the specs "
                                 f"{settings.file.name} names ({_where(settings)}), so "
                                 "nothing would be checked; pass --allow-empty to accept "
                                 "that")
            found.update(below)
            continue
        identity = spec_file_identity(path, settings.root)
        if identity in known:
            found.add(identity)
        elif (above := _unread_folder_above(identity, known, settings.root)) is not None \
                and spec_named(identity.name, suffixes):
            found.update((above, identity))  # the listing could not look in: both named
        else:
            skipped.append(f"{argument}: {_why_not_a_spec(identity, settings, suffixes, path)}")
    return sorted(found), skipped


def _unread_folder_above(file: Path, known: set[Path], root: Path) -> Path | None:
    """The listed entry above `file` that is a spec folder the listing could not read
    (`unlisted_folder`: mode 111, searchable, not listable): a file named below it is one
    of its specs, which the listing could not see (trial44b changed-since-unreadable-
    folder-passes-silently: "not a spec per specrepo.yaml"); None when there is none."""
    for folder in file.parents:
        if folder in known:
            why = unlisted_folder(folder, root)
            return folder if why is not None and why.startswith(CANNOT_READ[0]) else None
    return None


def _why_not_a_spec(file: Path, settings: SpecFileSettings, suffixes: tuple[str, ...],
                    named: Path) -> str:
    """Why the configuration makes `file` no spec: its format, `exclude:` (of a link,
    `named`, whose identity `file` is: of the link or of the file it leads to, named
    too), or its place."""
    assert settings.file is not None
    name = settings.file.name
    if not spec_named(file.name, suffixes):
        return f"not a spec file ({name}'s specs are {file_kinds(suffixes)} files)"
    root = real_path(settings.root)
    relative = file.relative_to(root).as_posix() if file.is_relative_to(root) else None
    excluded = exclusion_matcher(tuple(glob for location in settings.locations
                                       for glob in location.exclude))
    link = real_path(named.parent) / named.name
    if link != file and link.is_relative_to(root) and excluded(
            link.relative_to(root).as_posix()):
        return f"excluded by `exclude:` in {name}"  # the link's own path
    if relative is not None and excluded(relative):
        return f"a link to {display_path(file)}, which `exclude:` in {name} leaves out" \
            if link != file else f"excluded by `exclude:` in {name}"
    for location in settings.locations if relative is not None else ():
        hidden = hidden_folder_below(relative or "", location.path) \
            if location.kind == "folder" else None
        if hidden is not None:
            return (f"in the hidden folder {hidden}, which `specs: {location.path}` in {name} "
                    f"does not enter (hidden folders are skipped); name {hidden} in `specs:` "
                    "to check it")
    return (f"not a spec per {name} (outside {_where(settings)}"
            f"{folder_glob_hint(settings.locations, relative) if relative else ''})")


def _where(settings: SpecFileSettings) -> str:
    """`specs: a, b` (and `exclude: c`): where the configuration says the specs are."""
    exclude = sorted({glob for location in settings.locations for glob in location.exclude})
    places = f"specs: {', '.join(location.path for location in settings.locations)}"
    return places + (f"; exclude: {', '.join(exclude)}" if exclude else "")


def expand_arguments(arguments: Iterable[Path], root: Path, *, allow_empty: bool = True,
                     suffixes: tuple[str, ...] = SPEC_SUFFIXES) -> list[Path]:
    """Spec files named on the command line, each by its identity (`spec_file_identity`):
    files as given, folders searched for the files whose names end with one of `suffixes`
    (a folder so named counts as a file, so reading it reports it).

    Unless `allow_empty`, a folder that holds no spec file is a usage error."""
    found: set[Path] = set()
    for argument in arguments:
        path = inputs.reader.absolute(argument)
        if inputs.reader.isdir(path) and not spec_named(path.name, suffixes):
            below = set(_files_below(path, suffixes))
            if not below and not allow_empty:
                raise UsageError(f"{argument}: the folder holds no spec file "
                                 f"({file_kinds(suffixes)}), so nothing would be checked; "
                                 "pass --allow-empty to accept that")
            folders: dict[str, str] = {}
            found.update(spec_file_identity(file, root, folders) for file in below)
        elif inputs.reader.exists(path) or inputs.reader.islink(path):
            found.add(spec_file_identity(path, root))
        else:
            raise _no_such_file(argument)
    return sorted(found)


def _files_below(folder: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """The spec files below `folder`, and the folders named like one (listed, not
    entered); see `spec_entries_below`."""
    for directory, name, _ in spec_entries_below(os.fspath(folder), suffixes):
        yield Path(directory, name)


def _no_such_file(argument: Path) -> UsageError:
    """That no file or folder is at `argument`: a look-alike or invisible character in it
    shown (`specs/SPEC<U+2011>0001.yaml`), and the path it reads as suggested when one is
    there (`suggest.read_as`)."""
    shown, meant = read_as(os.fspath(argument), lambda path: inputs.reader.exists(
        inputs.reader.absolute(Path(path))))
    return UsageError(f"{shown}: no such file or folder"
                      + (f"; did you mean {meant}?" if meant is not None else ""))
