"""Where git finds the attributes files that no commit holds (gitattributes(5), FILES;
git 2.39): the system file (`$(prefix)/etc/gitattributes`, unless `GIT_ATTR_NOSYSTEM`), the
global file (`core.attributesFile`, else `$XDG_CONFIG_HOME/git/attributes` or
`~/.config/git/attributes`) and `$GIT_DIR/info/attributes`, told without starting git;
and whether `core.attributesFile` can be set at all, told from git's configuration files
(git-config(1), FILES) without starting git either.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from specrepo.base import inputs

ATTRIBUTES_FILE: Final = ".gitattributes"
"""The name of git's versioned attributes files (gitattributes(5))."""
_MAY_SET_ATTRIBUTES_FILE: Final = (b"attributesfile", b"include")
"""What configuration text that may set `core.attributesFile` mentions, in any case: the
key, or an `[include]`/`[includeIf]` that may bring it from another file."""
_TRUE: Final = ("1", "true", "yes", "on")
"""Values git reads as true in a boolean environment variable (some of them)."""


def unversioned_attribute_files(git_dir: Path, settings: Mapping[str, str],
                                environment: Mapping[str, str],
                                top: Path) -> list[Path] | None:
    """The files git may read attributes from besides the versioned `.gitattributes`
    (some may not exist), or None when the system file's place cannot be told (git not
    installed in a `bin` folder). `git_dir` is the common git folder, `settings` git's
    (lower-case keys, as `RepositoryState.settings`), `environment` git's process
    environment, `top` the work tree's top folder (`attributes_file_named`)."""
    system = _system_files(environment)
    if system is None:
        return None
    user = _global_file(settings, environment, top)
    return [git_dir / "info" / "attributes", *([] if user is None else [user]), *system]


def user_attributes_file(settings: Mapping[str, str], environment: Mapping[str, str],
                         top: Path) -> Path | None:
    """The file `core.attributesFile` names (`attributes_file_named`), when it is set in
    `settings` (lower-case keys); None when it is not (git's default then)."""
    configured = settings.get("core.attributesfile")
    return attributes_file_named(configured, environment, top) if configured else None


def attributes_file_named(configured: str, environment: Mapping[str, str],
                          top: Path) -> Path:
    """The file `core.attributesFile` names (`configured`) as git finds it: `~/` from
    `HOME`, `~user/` from that user's home, `%(prefix)/` from git's installation (the
    folder above the `bin` folder git really is in: its links followed, as both a
    runtime prefix and the prefix git was built with place it; written as is when git
    is in no `bin` folder), a relative path (`./%(prefix)/x` too) from the work tree's
    top `top`, else as written. git reads the setting as a pathname (git-config(1),
    "pathname"; config.c `git_config_pathname`, `interpolate_path`: `~`, `~user` and
    `%(prefix)/` only at the start) and opens the file from its working folder, which
    its setup has moved to the top before any command reads attributes (setup.c): from
    wherever git is started, and in a linked worktree from that worktree's top (git
    2.39, 2.47). `environment` is git's process environment (`HOME`, `PATH`)."""
    if configured.startswith("~/") and environment.get("HOME"):
        return Path(environment["HOME"] + configured[1:])
    installed = _real_installation(environment) if configured.startswith("%(prefix)/") \
        else None
    named = installed / configured.removeprefix("%(prefix)/") if installed is not None \
        else inputs.reader.expanduser(Path(configured)) if configured.startswith("~") \
        else Path(configured)
    return named if named.is_absolute() else top / named


def configuration_may_set_attributes_file(environment: Mapping[str, str]) -> bool:
    """Whether git's configuration outside the repository may set `core.attributesFile`
    (then only git can say where it is); False when none of it mentions the key or an
    include: the command line's entries (`GIT_CONFIG_PARAMETERS`, `GIT_CONFIG_KEY_<n>`),
    the system's and the user's files. Conservative: a file that cannot be read may.
    `environment` is git's process environment."""
    entries = [value for name, value in environment.items()
               if name == "GIT_CONFIG_PARAMETERS" or name.startswith("GIT_CONFIG_KEY_")]
    if any(_mentions(entry.encode("utf-8", "surrogateescape")) for entry in entries):
        return True
    files = _configuration_files(environment)
    return files is None or any(_may_set_in(file) for file in files)


def repository_may_set_attributes_file(git_dir: Path) -> bool:
    """Whether the repository's own configuration (`git_dir`: the common git folder) may
    set `core.attributesFile`, as `configuration_may_set_attributes_file` tells; one with
    per-worktree configuration may."""
    local = configuration_bytes(git_dir / "config")
    return local is None or b"worktreeconfig" in local.lower() or _mentions(local)


def _may_set_in(file: Path) -> bool:
    text = configuration_bytes(file)
    return text is None or _mentions(text)


def _mentions(text: bytes) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _MAY_SET_ATTRIBUTES_FILE)


def configuration_bytes(file: Path) -> bytes | None:
    """A configuration file's bytes (empty when it does not exist); None when it cannot
    be read (git may read what this process cannot)."""
    try:
        return inputs.reader.read_bytes(file)
    except (FileNotFoundError, NotADirectoryError):
        return b""
    except OSError:
        return None


def _configuration_files(environment: Mapping[str, str]) -> list[Path] | None:
    """The system's and the user's configuration files git reads (some may not exist), or
    None when the system's place cannot be told."""
    files = []
    if environment.get("GIT_CONFIG_NOSYSTEM", "").lower() not in _TRUE:
        if "GIT_CONFIG_SYSTEM" in environment:
            files += [Path(named) for named in [environment["GIT_CONFIG_SYSTEM"]] if named]
        else:
            places = _installed_at(environment)
            if places is None:
                return None
            files += [Path("/etc/gitconfig"), *(place / "etc" / "gitconfig" for place in places)]
    if "GIT_CONFIG_GLOBAL" in environment:
        files += [Path(named) for named in [environment["GIT_CONFIG_GLOBAL"]] if named]
    else:
        home = environment.get("HOME")
        xdg = environment.get("XDG_CONFIG_HOME") or (f"{home}/.config" if home else None)
        files += [*([Path(xdg) / "git" / "config"] if xdg else []),
                  *([Path(home) / ".gitconfig"] if home else [])]
    return files


def _global_file(settings: Mapping[str, str], environment: Mapping[str, str],
                 top: Path) -> Path | None:
    named = user_attributes_file(settings, environment, top)
    if named is not None:
        return named
    if environment.get("XDG_CONFIG_HOME"):
        return Path(environment["XDG_CONFIG_HOME"]) / "git" / "attributes"
    if environment.get("HOME"):
        return Path(environment["HOME"]) / ".config" / "git" / "attributes"
    return None


def _system_files(environment: Mapping[str, str]) -> list[Path] | None:
    """Where the system's attributes file may be: `/etc` for a git installed below `/usr`,
    else the `etc` folder of its installation; None when git is not installed in a
    `bin` folder (the place cannot be told)."""
    if environment.get("GIT_ATTR_NOSYSTEM", "").lower() in _TRUE:
        return []
    places = _installed_at(environment)
    if places is None:
        return None
    return [Path("/etc/gitattributes"), *(place / "etc" / "gitattributes" for place in places)]


def _real_installation(environment: Mapping[str, str]) -> Path | None:
    """The folder git is installed in, as its `%(prefix)` says: the one above the `bin`
    folder the git on `PATH` really is in (links followed); None when that is no `bin`
    folder."""
    found = inputs.reader.which("git", path=environment.get("PATH", os.defpath))
    real = Path(inputs.reader.realpath(found)).parent if found is not None else None
    return real.parent if real is not None and real.name == "bin" else None


def _installed_at(environment: Mapping[str, str]) -> list[Path] | None:
    """The folders git is installed in (the one above its `bin` folder, through links
    too), whose `etc` holds the system's files; None when git is not installed in a `bin`
    folder (the place cannot be told)."""
    found = inputs.reader.which("git", path=environment.get("PATH", os.defpath))
    if found is None:
        return None
    places = {Path(found).parent, Path(inputs.reader.realpath(found)).parent}
    if any(place.name != "bin" for place in places):
        return None
    return [place.parent for place in sorted(places)]
