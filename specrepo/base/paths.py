"""Show paths the way users typed them (relative to the working folder), and paths relative
to a repository's top folder as git names them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from specrepo.base import inputs


def display_path(path: Path, base: Path | None = None) -> str:
    """`path` relative to `base` (default: the working folder), `/` separators: below it as
    is, beside it through `..` as git shows paths in a subfolder (`../specs/x.yaml`) when
    the two share a folder other than the filesystem's root; otherwise `path` as given."""
    base = base if base is not None else inputs.reader.cwd()
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        pass
    if path.is_absolute() and base.is_absolute() and path.anchor == base.anchor \
            and os.path.commonpath([path, base]) != path.anchor:
        return Path(os.path.relpath(path, base)).as_posix()
    return path.as_posix()


def real_path(path: Path) -> Path:
    """`path` made absolute with every symbolic link followed, as `Path.resolve()` does,
    except that a link loop does not raise (Python 3.10-3.12 raise `RuntimeError` there;
    the loop stays in the path, and reading it fails with an `OSError` the caller reports)."""
    return Path(inputs.reader.realpath(path))


def real_folder(folder: str, folders: dict[str, str]) -> str:
    """`os.path.realpath(folder)` for an absolute `folder`, from its parent's (kept in
    `folders`): one `lstat` per folder instead of one per part of its path."""
    real = folders.get(folder)
    if real is None:
        parent, name = os.path.split(folder)
        if name in ("", ".", "..") or parent == folder:
            real = inputs.reader.realpath(folder)
        else:
            joined = os.path.join(real_folder(parent, folders), name)
            real = inputs.reader.realpath(joined) if inputs.reader.islink(joined) else joined
        folders[folder] = real
    return real


def real_paths(paths: Iterable[Path]) -> list[str]:
    """`os.path.realpath` of each of `paths`, as text, each folder's taken once
    (`real_folder`: many spec files share their folders); a path that is not absolute and
    normal (`..` is followed after the links before it) is taken whole. Text, not `Path`:
    a caller asking of hundreds of spec files mostly compares their text (2 ms of making
    `Path`s for 700 files)."""
    folders: dict[str, str] = {}
    found = []
    split, islink, realpath = os.path.split, inputs.reader.islink, inputs.reader.realpath
    for path in paths:
        text = os.fspath(path)
        folder, name = split(text)
        if not text.startswith(os.sep) or os.path.normpath(text) != text:
            found.append(realpath(text))
            continue
        real = folders.get(folder)
        if real is None:
            real = real_folder(folder, folders)
        joined = real + name if real.endswith(os.sep) else f"{real}{os.sep}{name}"
        found.append(realpath(joined) if islink(joined) else joined)
    return found


def outside_why(folder: Path, path: Path, named: str = "the repository") -> str | None:
    """Why `path` is outside the repository `folder` (both absolute; `named`: what messages
    call `folder`), in words that follow its name: `which is outside the repository
    (/tmp/x)`, or `which leads through a symbolic link to /tmp/x, outside the repository`;
    None when its real path (links followed) is inside `folder`'s."""
    resolved = real_path(path)
    top = real_path(folder)
    if resolved.is_relative_to(top):
        return None
    if not Path(os.path.normpath(path)).is_relative_to(os.path.normpath(folder)):
        return f"which is outside {named} ({resolved})"
    normal = Path(os.path.normpath(path))
    link = first_link_out(Path(os.path.normpath(folder)), normal, top)
    through = f"the symbolic link {display_path(link)}" if link is not None and link != normal \
        else "a symbolic link"
    return f"which leads through {through} to {resolved}, outside {named}"


def first_link_out(folder: Path, path: Path, top: Path) -> Path | None:
    """The first symbolic link on the way from `folder` down to `path` (below it, both
    normal) whose target is outside `top` (`folder`'s real path), if any."""
    current = folder
    for part in path.relative_to(folder).parts:
        current = current / part
        if inputs.reader.islink(current) and not real_path(current).is_relative_to(top):
            return current
    return None


def relative_below(top: Path) -> Callable[[Path | str], str | None]:
    """A function giving, for an absolute path, its POSIX path relative to the folder `top`
    (resolved here) when it lies below it, else None: `relative_to(top).as_posix()` as
    git names files, by comparing text (a spec folder's listing asks this of each file)."""
    prefix = str(real_path(top)).rstrip(os.sep) + os.sep

    def relative(path: Path | str) -> str | None:
        text = str(path)
        return text[len(prefix):].replace(os.sep, "/") if text.startswith(prefix) else None

    return relative
