"""Where the configuration file is: the nearest `specrepo.yaml`, a near-miss of its name
(`specrepo.yml`, `specrepo.YAML`, `.specrepo.yaml`) refused, never read in its place."""

from __future__ import annotations

import errno
import re
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.errors import ConfigError
from specrepo.base.paths import display_path, real_path
from specrepo.base.work_tree import git_folder_around, is_top, named_work_tree, repository_top
from specrepo.model.config import CONFIG_FILE_NAME

NEAR_MISSES: Final = frozenset(f"{dot}specrepo.{suffix}" for dot in ("", ".")
                                for suffix in ("yaml", "yml"))
"""The names, case folded, a configuration file is mistaken for: another case of
`specrepo.yaml` (`specrepo.YAML`), the `.yml` spelling, a hidden file. History reads
`specrepo.yaml` from every commit, so no other name may ever be read in its place."""


def find_config(start: Path) -> Path | None:
    """The nearest `specrepo.yaml` in `start` or a folder above it, up to the top of the git
    repository `start` is in (see `repository_top`): one above it belongs to another
    project, such as the checkout a repository is nested in. Raises ConfigError for a
    near-miss of its name (`near_misses`) in a folder looked in, alone or beside
    `specrepo.yaml`: read by nothing, its settings (gates among them) would be off in
    silence. A near-miss that is `specrepo.yaml` itself (a link to it) is no second file.
    Raises ConfigError, too, for a `specrepo.yaml` that is not a file (`_refuse_unreadable`)
    or a symbolic link to one outside the repository (`_refuse_leaving`)."""
    top = named_work_tree()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE_NAME
        listed = _listed(folder)
        missed = _files(folder, [name for name in listed if name != CONFIG_FILE_NAME])
        found = inputs.reader.isfile(candidate)
        if found:  # a link `specrepo.yml -> specrepo.yaml` is that file, read under its name
            missed = [path for path in missed if not _same_file(path, candidate)]
        if missed:  # `specrepo.yaml` found where the folder lists only `specrepo.YAML` is it
            _refuse(missed, candidate if found and CONFIG_FILE_NAME in listed else None)
        if found:
            _refuse_leaving(candidate)
            return candidate
        if CONFIG_FILE_NAME in listed:
            _refuse_unreadable(candidate)
        if is_top(folder, top):
            return None
    return None


def near_misses(folder: Path) -> list[Path]:
    """The files of `folder` whose names are near misses of `specrepo.yaml` (see
    `NEAR_MISSES`)."""
    return _files(folder, [name for name in _listed(folder) if name != CONFIG_FILE_NAME])


def _listed(folder: Path) -> list[str]:
    """The names of `folder` that are `specrepo.yaml` in any spelling of `NEAR_MISSES`,
    as the folder lists them, not by asking for each: a file system that ignores case
    finds `specrepo.YAML` when asked for `specrepo.yaml`, one that does not, not. Only
    those names are asked (`names_caseless`): a whole-result cache's replay is not undone
    by another file coming or going beside them."""
    try:
        return inputs.reader.names_caseless(folder, NEAR_MISSES)
    except OSError:  # unreadable: nothing to tell, as `is_file` found nothing there
        return []


def _same_file(path: Path, config: Path) -> bool:
    """Whether `path` is the file `config` itself (a symbolic or hard link: one device and
    inode): its settings are `config`'s, which are read, and nothing is ignored."""
    try:
        one, other = inputs.reader.stat(path), inputs.reader.stat(config)
    except OSError:  # gone or unreadable since it was listed: not shown to be the same
        return False
    return (one.st_dev, one.st_ino) == (other.st_dev, other.st_ino)


def _files(folder: Path, names: list[str]) -> list[Path]:
    return [folder / name for name in names if inputs.reader.isfile(folder / name)]


def _refuse_unreadable(config: Path) -> None:
    """Raise ConfigError for `config`, a `specrepo.yaml` that is not a file: a folder, a
    link to nothing (its target in a submodule not checked out), to a folder or to a
    device. Passed over, the next one up or the defaults would be read in its place, in
    silence (newuser69)."""
    if inputs.reader.islink(config) and _loops(config):
        kind = f"a symbolic link that leads back to itself, a loop ({config.name} -> " \
            f"{inputs.reader.readlink(config)})"
        fix = "make it the file, or a link to the file"
    elif inputs.reader.islink(config):
        target = inputs.reader.readlink(config)
        kind = (f"a symbolic link to a folder ({target})" if inputs.reader.isdir(config)
                else f"a symbolic link to {target}, which is not a regular file"
                if inputs.reader.exists(config)
                else f"a symbolic link to nothing ({target})")
        fix = ("check out the file it leads to (in a submodule: `git submodule update "
               "--init`), or make it the file")
    else:
        kind = "a folder" if inputs.reader.isdir(config) else "not a regular file"
        fix = "make it the file, or rename it"
    raise ConfigError(f"{display_path(config)}: the configuration file is {kind}, so it "
                      "cannot be read, and another configuration or the defaults would be "
                      f"read in its place; {fix}")


def _loops(link: Path) -> bool:
    """Whether the symbolic link `link` leads back to itself (`specrepo.yaml ->
    specrepo.yaml`, or through others): the system stops following it, `ELOOP`."""
    try:
        inputs.reader.stat(link)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def refuse_git_file(config: Path, shown: str) -> None:
    """Raise ConfigError for `config` (named `shown`), a configuration file that is, or
    leads by a symbolic link to, a file inside a git folder (`specrepo.yaml ->
    .git/config`; `git_folder_around`): git's own file, no commit holds it, and read as
    YAML it gives nonsense or a syntax error (newuser72 t3)."""
    folder = git_folder_around(real_path(config).parent)
    if folder is None:
        return
    led = f"a symbolic link to {real_path(config)}, " if inputs.reader.islink(config) else ""
    raise ConfigError(f"{shown}: the configuration file is {led}inside the git folder "
                      f"{folder}: a file of git's own, which no commit holds; name a "
                      f"{CONFIG_FILE_NAME} of the work tree")


_LINK_AS_TEXT: Final = re.compile(r"[^\s:#{}\[\]]+\.ya?ml")
"""What a configuration file holds that is a symbolic link git checked out as a file: the
path it leads to alone, with no line break (`conf/real.yaml`)."""


def link_checked_out_as_text(raw: bytes) -> str | None:
    """The hint for a configuration file whose bytes `raw` are a path alone
    (`_LINK_AS_TEXT`): a symbolic link git wrote as a file holding its target, where git's
    `core.symlinks` is false (Windows, or a clone made so: newuser72 t24); None
    otherwise."""
    text = raw.decode("utf-8", "replace")
    if _LINK_AS_TEXT.fullmatch(text) is None:
        return None
    return (f"it holds only the path {text}: a symbolic link git checked out as a file of "
            "its target's path, as it does where `core.symlinks` is false; set `git config "
            f"core.symlinks true` and check it out again (`git checkout -- "
            f"{CONFIG_FILE_NAME}`), or make it the file")


def _refuse_leaving(config: Path) -> None:
    """Raise ConfigError for `config`, a `specrepo.yaml` found on the way up that is a
    symbolic link to a file outside its repository (outside its own folder where there is
    none): the configuration's folder is the one it leads to, so the specs read and
    checked, and those `new` writes, would be that folder's, and no commit holds the file,
    so its history could not be read (newuser71). `--config FILE` names a file outside on
    purpose."""
    if not inputs.reader.islink(config):
        return
    target, top = real_path(config), repository_top(config.parent) or real_path(config.parent)
    if not target.is_relative_to(top):
        raise ConfigError(
            f"{display_path(config)}: the configuration file is a symbolic link to {target}, "
            f"outside the repository ({top}): the specs it names would be read and written "
            "there, and no commit holds it; copy the file into the repository, or name it "
            "with `--config` to use that folder's specs")


def _refuse(missed: list[Path], config: Path | None) -> None:
    """Raise ConfigError naming each near-miss `missed`: rename it, or, beside `config`
    (the folder's `specrepo.yaml`), move its settings into that file: with two files the
    team cannot tell which one is read."""
    shown = ", ".join(display_path(path) for path in missed)
    ignored = f"specrepo reads its configuration only from a file named {CONFIG_FILE_NAME}"
    if config is not None:
        raise ConfigError(f"{shown} beside {display_path(config)}: {ignored}, so the "
                          f"settings of {shown} are ignored; move them into "
                          f"{CONFIG_FILE_NAME} and delete {shown}")
    if len(missed) == 1:
        raise ConfigError(f"{shown}: {ignored}, so this one would be ignored; rename it to "
                          f"{CONFIG_FILE_NAME}")
    raise ConfigError(f"{shown}: {ignored}, so these would be ignored; rename the one to "
                      f"read to {CONFIG_FILE_NAME} and delete the others")
