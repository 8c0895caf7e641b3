"""A spec folder the listing met but could not read (no read permission), and a spec file
below one that cannot be searched, in the one set of words every command names them with."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.paths import display_path, real_path
from specrepo.load.locations import MARKDOWN_SUFFIXES, SPEC_SUFFIXES, spec_named
from specrepo.load.nested_repositories import is_nested_repository, nested_repository_reason

CANNOT_READ: Final = ("cannot read the folder", "cannot read the file")
"""How every reason a spec file or folder cannot be read for want of permission (or any
error of the file system) starts, whoever says it (`unlisted_folder`, `unexaminable`,
`spec_files.read_spec_file`): what a gate cannot pass over, unlike a file it refuses to
read (a link out, a folder named `*.yaml`, a submodule)."""


def unlisted_folder(path: Path, root: Path) -> str | None:
    """Why a folder the listing met but could not read holds no spec that is checked
    (`cannot read the folder: Permission denied; …`), or is a submodule (a spec location
    took it for a spec file); None for any other path."""
    if not inputs.reader.isdir(path):  # a file, or nothing there
        return None
    if is_nested_repository(path):
        return nested_repository_reason(path, root)
    try:
        with inputs.reader.scandir(path):
            return None
    except OSError as error:
        return (f"cannot read the folder: {error.strerror or error}; the spec files in it "
                "are not checked")


def unlisted_folder_notes(listed: Iterable[Path], root: Path) -> tuple[str, ...]:
    """A note for each of the `listed` spec files that is a folder that cannot be listed
    (`unlisted_folder`), for a command that reads none of them: validate's words."""
    suffixes = SPEC_SUFFIXES + MARKDOWN_SUFFIXES
    notes = []
    for path in listed:
        if path.name.lower().endswith(suffixes):
            continue  # a spec file (a folder named so is named when it is read)
        why = unlisted_folder(path, root)
        if why is not None and why.startswith(CANNOT_READ[0]):
            notes.append(f"{display_path(path)}: {why}")
    return tuple(notes)


def unreadable_changed(listed: Iterable[Path], changed: Iterable[Path], root: Path,
                       suffixes: tuple[str, ...]) -> list[Path]:
    """Of the `listed` spec files, the folders that cannot be read (`unlisted_folder`)
    holding a file git says `changed` (real paths: `validate --changed-since`, a hook's
    run), each followed by those changed files below it that are named as spec files
    (`suffixes`): a listing that cannot look into a folder must not pass its changes over
    in silence (trial44b changed-since-unreadable-folder-passes-silently); the folder is
    named unreadable, and each file is checked, as far as it can be read (its staged
    version in a hook's run, which git reads whatever the folder's mode)."""
    files = sorted(changed, key=lambda path: path.parts)
    found: list[Path] = []
    for path in listed:
        if path.name.lower().endswith(SPEC_SUFFIXES + MARKDOWN_SUFFIXES):
            continue  # a spec file (a folder named so is named when it is read)
        folder = real_path(path)
        below = [file for file in files if folder in file.parents]
        why = unlisted_folder(path, root) if below else None
        if why is None or not why.startswith(CANNOT_READ[0]):
            continue
        found.append(path)
        found.extend(path / file.relative_to(folder) for file in below
                     if spec_named(file.name, suffixes))
    return found


def is_gone(path: Path) -> bool:
    """Whether no file is at `path`: none there (or a folder, or something else); False
    when a folder above it cannot be searched (`unexaminable`: it may be there, unread),
    so that a finding on it never places it "not in the work tree"."""
    try:
        inputs.reader.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return not inputs.reader.isfile(path)


def unexaminable(path: Path, root: Path) -> str | None:
    """Why a spec file `path` (below `root`) can be told neither there nor gone: a folder
    above it cannot be searched (`chmod 000 specs/sub`), so asking for the file fails with
    other than "no such file" (`cannot read the file (cannot read the folder specs/sub:
    Permission denied)`). None when the file is there, or is not (a spec deleted or moved):
    a file that cannot be examined is unreadable, never a removed spec."""
    try:
        inputs.reader.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        return f"cannot read the file ({_unsearchable_folder(path, root) or error.strerror})"
    return None


def _unsearchable_folder(path: Path, root: Path) -> str | None:
    """`cannot read the folder specs/sub: Permission denied`: the first folder from `root`
    down to `path` within which a name cannot be looked up for want of permission; None
    when there is none."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    folder = root
    for part in parts:
        try:
            inputs.reader.lstat(folder / part)
        except PermissionError as error:  # (a name too long is the name's fault)
            return f"cannot read the folder {display_path(folder, root)}: {error.strerror}"
        except OSError:
            return None
        folder = folder / part
    return None


def unreadable_now(path: Path, root: Path) -> str | None:
    """Why the work tree's spec file `path` (below `root`) cannot be read now: a folder
    above it cannot be searched (`unexaminable`), or it is a file that cannot be opened
    (`cannot read the file: Permission denied`); None when it reads, or is not there. One
    look for one spec (a timeline's), never a listing's worth."""
    why = unexaminable(path, root)
    if why is not None or not inputs.reader.isfile(path):
        return why
    try:
        os.close(inputs.reader.open_descriptor(path, os.O_RDONLY))
    except OSError as error:
        return f"cannot read the file: {error.strerror or error}"
    return None


def unlisted_above(path: Path, root: Path) -> str | None:
    """`cannot read the folder specs/sub: Permission denied`: the first folder from `root`
    down to `path`'s own that cannot be listed (`chmod 111 specs/sub`: searched, not
    listed, so no listing met the spec file in it); None when each can be. One listing a
    folder for one path (a page whose spec no listing gave), never a listing's worth."""
    try:
        parts = path.parent.relative_to(root).parts
    except ValueError:
        return None
    folder = root
    for part in ("", *parts):
        folder = folder / part if part else folder
        try:
            with inputs.reader.scandir(folder):
                pass
        except OSError as error:
            return f"cannot read the folder {display_path(folder, root)}: {error.strerror}"
    return None
