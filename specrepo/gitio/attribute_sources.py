"""Where git finds the attributes files that no commit holds (gitattributes(5), FILES;
git 2.39): the system file (`$(prefix)/etc/gitattributes`, unless `GIT_ATTR_NOSYSTEM`), the
global file (`core.attributesFile`, else `$XDG_CONFIG_HOME/git/attributes` or
`~/.config/git/attributes`) and `$GIT_DIR/info/attributes`, told without starting git.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path


def unversioned_attribute_files(git_dir: Path, settings: Mapping[str, str],
                                environment: Mapping[str, str]) -> list[Path] | None:
    """The files git may read attributes from besides the versioned `.gitattributes`
    (some may not exist), or None when the system file's place cannot be told (git not
    installed in a `bin` folder). `git_dir` is the common git folder, `settings` git's
    (lower-case keys, as `RepositoryState.settings`), `environment` git's process
    environment."""
    system = _system_files(environment)
    if system is None:
        return None
    user = _global_file(settings, environment)
    return [git_dir / "info" / "attributes", *([] if user is None else [user]), *system]


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
