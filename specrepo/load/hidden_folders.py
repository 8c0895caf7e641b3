"""Hidden folders below a folder location (`specs/.wip/`), which the listing does not
enter, as the history does not (`locations.location_matcher`): one that holds a spec file
no location lists is named, for a note, never skipped in silence; and so is a file whose
name is a spec file's but for spaces, dots or line breaks after its ending
(`locations.misnamed`: `x.yaml `), which neither the listing nor the history reads, and
a file a glob location matches whose name lacks a spec file's ending (`A15-binary-logging`
for `specs: "A*"`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.one_line import one_line
from specrepo.base.paths import display_path, real_path
from specrepo.load.locations import MISNAMED_ENDINGS, SpecLocation, spec_named


def hidden_folders_unread(skipped: Iterable[tuple[str, SpecLocation]],
                          listed: Collection[Path], identity: Callable[[Path], Path],
                          kept: Callable[[list[str], SpecLocation], list[str]]
                          ) -> list[Path]:
    """Each of the hidden folders `skipped` (its path as the walk met it, with the folder
    location that skipped it) below which, at any depth (its own hidden folders too; never
    a `.git` folder, nor through a linked folder), lies a spec file that the location's
    `exclude:` keeps (`kept(paths, location)`) and `listed` (the listing's files, each by
    its `identity`) lacks, and each file skipped (a misnamed one, `x.yaml `, or one a
    glob matched whose name lacks a spec file's ending) that `exclude:` keeps: each by its
    real path, sorted."""
    unread: set[Path] = set()
    for folder, location in skipped:
        if not inputs.reader.isdir(folder):  # a file no spec's: named unless excluded
            unread.update(real_path(Path(path)) for path in kept([folder], location))
            continue
        below: list[str] = []
        for directory, folders, names in inputs.reader.walk(folder):
            folders[:] = [name for name in folders if name != ".git"]
            below.extend(os.path.join(directory, name) for name in names
                         if spec_named(name, location.suffixes))
        if any(identity(Path(path)) not in listed for path in kept(below, location)):
            unread.add(real_path(Path(folder)))
    return sorted(unread)


def hidden_folder_notes(folders: Iterable[Path], root: Path, base: Path | None = None,
                        endings: Iterable[str] = ()) -> tuple[str, ...]:
    """A note for each of the hidden `folders` (`hidden_folders_unread`'s), named from
    `base` (default: the working folder), and from `root` (the folder of specrepo.yaml)
    as `specs:` would name it: its spec files are not checked, and how to check them or
    say so; one for each misnamed file among them (`x.yaml `); and one for all the files
    among them a glob matched whose names lack a spec file's ending (`endings`: `.md`).
    A note, not a finding: a team may keep drafts there on purpose."""
    top = real_path(root)
    notes: list[str] = []
    unended: list[Path] = []
    for folder in folders:
        if folder.name != folder.name.rstrip(MISNAMED_ENDINGS):
            notes.append(_misnamed_note(folder, base))
        elif not inputs.reader.isdir(folder):
            unended.append(folder)
        else:
            notes.append(
                f"{display_path(folder, base)}: holds spec files that are not checked: a "
                "folder of `specs:` does not enter its hidden folders (a name starting with a "
                f"dot), as the history does not; name {display_path(folder, top)} in `specs:` "
                "to check them, or `exclude:` it to say they are no specs")
    if unended:
        notes.append(_unended_note(unended, base, ", ".join(dict.fromkeys(endings))))
    return tuple(notes)


_NAMED_AT_MOST: Final = 10
"""How many of the files a glob matched without a spec file's ending one note names."""


def _unended_note(files: list[Path], base: Path | None, endings: str) -> str:
    """The note on the files a `specs:` glob matched whose names lack a spec file's
    ending (`endings`, shown): the first `_NAMED_AT_MOST` named, how many more."""
    named = ", ".join(f"'{one_line(display_path(file, base))}'"
                      for file in files[:_NAMED_AT_MOST])
    more = len(files) - _NAMED_AT_MOST
    if more > 0:
        named += f" and {more} more"
    if len(files) == 1:
        return (f"{named}: not checked: a `specs:` glob matches it, but its name lacks a spec "
                f"file's ending ({endings}); if it is a spec, add the ending to its name, "
                "else `exclude:` it (or end the glob with the ending) to say it is none")
    return (f"{len(files)} files a `specs:` glob matches are not checked: their names lack "
            f"a spec file's ending ({endings}): {named}; add the ending to the name of each "
            "that is a spec, and `exclude:` the others (or end the glob with the ending) to "
            "say they are none")


def _misnamed_note(file: Path, base: Path | None) -> str:
    """The note on a file whose name ends with spaces, dots or line breaks after a spec
    file's ending, written so they show (`x.yaml\\n`, `x.yaml ` quoted)."""
    stripped = file.name.rstrip(MISNAMED_ENDINGS)
    ending = one_line(file.name[len(stripped):])
    return (f"'{one_line(display_path(file, base))}': not checked: its name ends with "
            f"'{ending}' after '{Path(stripped).suffix}', so it is no spec file to specrepo "
            "nor to the history (and names another file on Windows, which drops trailing "
            f"spaces and dots); rename it to '{one_line(stripped)}', or `exclude:` it")
