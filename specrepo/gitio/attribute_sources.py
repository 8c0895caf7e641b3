"""Whether git's attributes could give a file a clean/smudge filter, told from the files
git reads them from, without starting git (`git check-attr` costs a process).

git reads a path's attributes (gitattributes(5); git 2.39) from: the system file
(`$(prefix)/etc/gitattributes`, unless `GIT_ATTR_NOSYSTEM`), the global file
(`core.attributesFile`, else `$XDG_CONFIG_HOME/git/attributes` or
`~/.config/git/attributes`), `.gitattributes` in the path's folder and each folder above it
up to the top (read from the index where the work tree lacks one), and
`$GIT_DIR/info/attributes`; newer gits also from a tree (`GIT_ATTR_SOURCE`, `attr.tree`).
A filter is set by an attribute line or a macro (`[attr]`, defined in one of these files)
that names `filter`: no such word in any source, no filter. Whatever cannot be told this
way (an index that lists a `.gitattributes` the work tree lacks, a system file git may keep
elsewhere) counts as a possible filter: `git check-attr` then answers.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Final

_WORD: Final = b"filter"


def filters_possible(paths: Iterable[str], work_tree: Path, git_dir: Path,
                     settings: Mapping[str, str], environment: Mapping[str, str]) -> bool:
    """Whether any source of git's attributes could give one of `paths` (from the top
    folder `work_tree`) a `filter` attribute. `git_dir` is the common git folder,
    `settings` git's (lower-case keys, as `RepositoryState.settings`), `environment` git's
    process environment."""
    if environment.get("GIT_ATTR_SOURCE") or "attr.tree" in settings:
        return True
    folders: set[str] = set()  # each spec file's folder and those above it ("": the top)
    for path in paths:
        folder = posixpath.dirname(path)
        while folder not in folders:
            folders.add(folder)
            folder = posixpath.dirname(folder)
    top = os.fspath(work_tree)
    present: list[str] = []
    missing: list[str] = []
    for folder in sorted(folders):
        file = f"{folder}/.gitattributes" if folder else ".gitattributes"
        (present if os.path.exists(f"{top}/{file}") else missing).append(file)
    if missing and _index_may_name(missing, environment, work_tree):
        return True
    system = _system_files(environment)
    if system is None:
        return True
    sources = [*system, _global_file(settings, environment), git_dir / "info" / "attributes",
               *(work_tree / file for file in present)]
    return any(_names_filter(file) for file in sources if file is not None)


def _names_filter(file: Path) -> bool:
    try:
        return _WORD in file.read_bytes().lower()
    except FileNotFoundError:
        return False
    except OSError:
        return True  # git may read what we cannot: let it answer


def _index_may_name(files: list[str], environment: Mapping[str, str],
                    work_tree: Path) -> bool:
    """Whether the index may list one of these `.gitattributes` files (git reads it from
    there when the work tree lacks it). Only a plain index (version 2 or 3, not sparse,
    not split) is searched; any other may."""
    index = _index_file(work_tree, environment)
    if index is None:
        return True
    try:
        data = index.read_bytes()
    except FileNotFoundError:
        return False  # no index yet: nothing staged
    except OSError:
        return True
    if data[:4] != b"DIRC" or data[4:8] not in (b"\0\0\0\x02", b"\0\0\0\x03") \
            or b"sdir" in data or any(index.parent.glob("sharedindex.*")):
        return True  # v4 (paths compressed), sparse (folders for their files) or split
    names = [file.encode("utf-8", "surrogateescape") for file in files]
    end = data.find(b".gitattributes\0")
    while end >= 0:  # each entry named `.gitattributes` (few), against the files asked
        end += len(b".gitattributes")
        if any(_entry_ends(data, name, end) for name in names):
            return True
        end = data.find(b".gitattributes\0", end)
    return False


def _entry_ends(index: bytes, name: bytes, end: int) -> bool:
    """Whether the plain index's entry path ending at `end` is `name`: an entry's path
    follows its flags, whose low 12 bits are the path's length (version 3 may put 2 bytes
    of extended flags between, the flags then marked `0x4000`)."""
    start = end - len(name)
    if start < 4 or index[start:end] != name:
        return False
    length = min(len(name), 0xFFF)
    flags = int.from_bytes(index[start - 2:start], "big")
    extended = int.from_bytes(index[start - 4:start - 2], "big")
    return flags & 0xFFF == length or extended & 0x4FFF == 0x4000 | length


def _index_file(work_tree: Path, environment: Mapping[str, str]) -> Path | None:
    """The index git reads, or None when it cannot be told without git."""
    if environment.get("GIT_INDEX_FILE"):
        return work_tree / environment["GIT_INDEX_FILE"]
    git_dir = environment.get("GIT_DIR")
    if git_dir:
        return work_tree / git_dir / "index"
    dot_git = work_tree / ".git"
    if dot_git.is_dir():
        return dot_git / "index"
    try:  # a linked worktree or a submodule: `gitdir: <its git folder>`
        text = dot_git.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith("gitdir: "):
        return None
    return work_tree / text[len("gitdir: "):].strip() / "index"


def _global_file(settings: Mapping[str, str], environment: Mapping[str, str]) -> Path | None:
    configured = settings.get("core.attributesfile")
    if configured:
        home = environment.get("HOME", "")
        return Path(home + configured[1:]) if configured.startswith("~/") and home \
            else Path(configured)
    if environment.get("XDG_CONFIG_HOME"):
        return Path(environment["XDG_CONFIG_HOME"]) / "git" / "attributes"
    if environment.get("HOME"):
        return Path(environment["HOME"]) / ".config" / "git" / "attributes"
    return None


def _system_files(environment: Mapping[str, str]) -> list[Path] | None:
    """Where the system's attributes file may be: `/etc` for a git installed below `/usr`,
    else the `etc` folder of its installation; None when git is not installed in a
    `bin` folder (the place cannot be told)."""
    if environment.get("GIT_ATTR_NOSYSTEM", "").lower() in ("1", "true", "yes", "on"):
        return []
    found = shutil.which("git", path=environment.get("PATH", os.defpath))
    if found is None:
        return None
    places = {Path(found).parent, Path(os.path.realpath(found)).parent}
    if any(place.name != "bin" for place in places):
        return None
    return [Path("/etc/gitattributes"),
            *(place.parent / "etc" / "gitattributes" for place in sorted(places))]
