"""Why a spec location yields no spec, in words: nothing there, every spec file excluded,
or only files of formats specrepo does not read; a folder location that names no folder;
and the glob that names the spec files in the folders a glob matches."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NoReturn

from specrepo.base import inputs
from specrepo.base.errors import ConfigError
from specrepo.base.wording import counted
from specrepo.base.work_tree import (
    git_folder_around,
    in_git_folder,
    taken_work_tree_hint,
)
from specrepo.load.excluded_paths import Exclusions
from specrepo.load.glob_patterns import bracket_unescaped, glob_expression
from specrepo.load.glob_walk import glob_matches
from specrepo.load.locations import SpecLocation, spec_named, walked_glob

if TYPE_CHECKING:
    from specrepo.load.spec_files import SpecFileSettings


class EmptyLocations(ConfigError):
    """Locations that yield no spec file, refused (`discover_spec_files` unless
    `allow_empty`): the message names each."""

    def __init__(self, message: str, empty: tuple[SpecLocation, ...],
                 nothing_listed: bool) -> None:
        super().__init__(message)
        self.empty = empty
        self.nothing_listed = nothing_listed
        """Whether each of them lists no spec file at all (none excluded): a folder or
        glob whose spec files were all removed may be one, and then its removals are
        judged (`SpecFileListing`'s `emptied`)."""


def refuse_empty(settings: SpecFileSettings, empty: list[tuple[int, int]], *,
                 others: bool) -> NoReturn:
    """Raise `EmptyLocations` for the `empty` locations (each location's index, and how
    many spec files it listed before `exclude:`); `others`: other locations hold specs."""
    raise EmptyLocations("\n".join(empty_location_message(settings, index, excluded,
                                                            others=others)
                                    for index, excluded in empty),
                         tuple(settings.locations[index] for index, _ in empty),
                         all(listed == 0 for _, listed in empty))


def empty_location_message(settings: SpecFileSettings, index: int, excluded: int, *,
                            others: bool) -> str:
    """Why the `index`th location yields no spec: nothing there, every spec file there
    excluded (at `exclude:`), or only files of another format; and whether other
    locations hold specs."""
    location = settings.locations[index]
    place = settings.placed(("exclude",)) if excluded else settings.placed(("specs", index))
    where = f"{place}: " if settings.file is not None else ""
    is_glob = location.kind == "glob"
    kinds = file_kinds(location.suffixes)
    named = f"the glob '{location.path}' matches" if is_glob \
        else f"the specs {location.kind} '{location.path}' holds"
    if location.path in settings.absent_folders:  # git keeps no emptied folder
        what = (f"the specs folder '{location.path}' does not exist: every spec file there "
                "was removed (git keeps no empty folder)")
    elif excluded:
        what = f"{named} {counted(excluded, 'spec file')} ({kinds}), all excluded by `exclude:`"
    else:
        what = f"{named} no spec file ({kinds})" + _other_formats(settings.root, location)
    outcome = "so it names no spec (the other locations do)" if others \
        else "so nothing would be checked"
    # One hint, the one that applies: a glob that matches folders of specs is read as
    # written, its brackets too (`keps/\[x` matches the folder `keps/[x`).
    hint = _folders_hint(settings.root, location) if is_glob and not excluded \
        and location.path not in settings.absent_folders else ""
    if not hint and is_glob and bracket_unescaped(location.path):
        hint = " (a literal [ in a folder name is written [[] in a glob)"
    return (f"{where}{what}, {outcome}; fix `specs:`{hint}, add a spec (`specrepo new`), "
            "or pass --allow-empty")


def refuse_missing(settings: SpecFileSettings, index: int) -> NoReturn:
    """Raise the `ConfigError` of the `index`th location naming no folder."""
    raise ConfigError(missing_folder_message(settings, index))


def missing_folder_message(settings: SpecFileSettings, index: int) -> str:
    """Why the `index`th location names no folder, at its place in the configuration."""
    folder, place = settings.locations[index].path, settings.placed(("specs", index))
    if settings.file is None and (git_folder := git_folder_around(settings.root)) is not None:
        return in_git_folder(settings.root, git_folder)
    if settings.file is None:
        return (f"no {folder}/ folder in {settings.root} and no specrepo.yaml there or above "
                f"in its work tree{taken_work_tree_hint()}; run `specrepo init` there to "
                "start a spec repository, or name a configuration file with --config")
    if inputs.reader.exists(settings.root / folder):
        return (f"{place}: the specs location '{folder}' is a file; "
                "`specs:` names folders of spec files, or globs (`specs/*.yaml`)")
    return f"{place}: the specs folder '{folder}' does not exist"


def _other_formats(root: Path, location: SpecLocation) -> str:
    """What a location holds instead of spec files, when it holds files: `; its 1 file is
    .rst, which is not a spec format (... with `front_matter: true`)`; else nothing."""
    if location.kind == "glob":  # read as the listing reads it, never as pathlib does
        files = [Path(text) for text in glob_matches(root, walked_glob(location.glob)).links
                 if inputs.reader.isfile(text)]
    elif location.kind == "folder" and inputs.reader.isdir(root / location.path):
        files = [Path(folder, name) for folder, _, names in inputs.reader.walk(root / location.path)
                 if not any(part.startswith(".") for part in Path(folder).parts)
                 for name in names]
    else:
        return ""
    files = [path for path in files if not spec_named(path.name, location.suffixes)]
    if not files:  # a file of its own format is no other format (newuser57: `[*.md`)
        return ""
    formats = sorted({path.suffix or path.name for path in files})
    shown = ", ".join(formats[:5]) + (", ..." if len(formats) > 5 else "")
    other = "*.yaml, *.yml files, without" if location.markdown \
        else "Markdown files (*.md, *.markdown) with YAML front matter, with"
    return (f"; its {counted(len(files), 'file')} {'is' if len(files) == 1 else 'are'} "
            f"{shown}, not a format specrepo reads (it reads {other} `front_matter: true`)")


def _folders_hint(root: Path, location: SpecLocation) -> str:
    """For a glob that matches folders holding spec files (`keps/sig-*`), the glob that
    names those (`keps/sig-*/**`, as the listing reads it: `walked_glob`), with how many
    it names once `exclude:` leaves its files out: ` (it matches folders: 'keps/sig-*/**'
    names the 2 spec files in them)`; else nothing (a folder of none)."""
    folders = len(_matched_folders(root, location))
    if not folders:
        return ""
    wider = _wider(location)
    files = [text for text in glob_matches(root, walked_glob(wider.glob)).links
             if spec_named(text, location.suffixes) and inputs.reader.isfile(text)]
    kept = Exclusions(root).kept(files, location.exclude)
    them = "folders" if folders > 1 else "a folder"
    return (f" (it matches {them}: '{wider.path}' names the "
            f"{counted(len(kept), 'spec file')} in {'them' if folders > 1 else 'it'})"
            ) if kept else ""


def folder_glob_hint(locations: Iterable[SpecLocation], relative: str) -> str:
    """For a spec file (`relative`: its path from the locations' folder) inside a folder a
    glob of `locations` matches (`keps/sig-*` matches `keps/sig-a`, above
    `keps/sig-a/x/kep.yaml`), the hint the listing gives for the glob itself
    (`_folders_hint`): `; 'keps/sig-*' matches a folder above it (keps/sig-a):
    'keps/sig-*/**' names the spec files in it`; else nothing. Matched as text, as the
    listing matches names (`glob_expression`): no folder is walked for a file named."""
    folders = [folder.as_posix() for folder in PurePosixPath(relative).parents][:-1]
    for location in locations:
        if location.kind != "glob":
            continue
        matches = re.compile(glob_expression(walked_glob(location.glob).strip("/"))).fullmatch
        for folder in reversed(folders):  # the nearest the top first
            if matches(folder):
                return (f"; '{location.path}' matches a folder above it ({folder}): "
                        f"'{_wider(location).path}' names the spec files in it")
    return ""


def _matched_folders(root: Path, location: SpecLocation) -> list[str]:
    """The folders the glob `location` matches, as the listing reads it (`walked_glob`)."""
    return [text for text in glob_matches(root, walked_glob(location.glob)).links
            if inputs.reader.isdir(text)]


def _wider(location: SpecLocation) -> SpecLocation:
    """The glob `location` with `/**` added: it names the files in the folders it matches."""
    return replace(location, path=location.path.rstrip("/") + "/**")


def file_kinds(suffixes: Iterable[str]) -> str:
    """`*.yaml, *.yml`: the spec files' names, for messages."""
    return ", ".join(f"*{suffix}" for suffix in suffixes)
