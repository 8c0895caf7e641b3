"""`specs:` locations, `exclude:` globs and the `schema:` of `specrepo.yaml` checked to be
inside the repository."""

from __future__ import annotations

from itertools import takewhile
from pathlib import Path

from specrepo.base.errors import ConfigError
from specrepo.base.paths import display_path, outside_why
from specrepo.base.work_tree import git_folder_around
from specrepo.load.document import Document
from specrepo.load.locations import is_glob
from specrepo.model.config import Config


def check_locations_inside(path: Path, document: Document, config: Config) -> None:
    """Every `specs:` location must be inside the configuration's folder (inside the
    repository): specrepo reads and writes (`new`) spec files only there. Raises
    ConfigError naming each location outside at its line in `path`, and the file given
    (`--config team/cfg.yaml`: `Config.file_shown`) whose folder they are relative to;
    one inside the repository but outside that folder (`specs: ../specs` in
    `team/cfg.yaml`) is said to be so, not outside the repository (cfgmv37)."""
    problems = []
    listed = isinstance(document.data, dict) and isinstance(document.data.get("specs"), list)
    pairs = zip(config.spec_locations, config.locations, strict=True)
    for index, (written, location) in enumerate(pairs):
        why = _outside_why(config, location.path, location.kind == "glob")
        if why is not None:
            position = document.position(("specs", index) if listed else ("specs",))
            problems.append(f"{display_path(path)}:{position.line}:{position.column}: specs "
                            f"names '{written}', {why}")
    if problems:
        raise ConfigError("invalid configuration:\n" + "\n".join(problems))


def check_excludes_inside(path: Path, document: Document, config: Config) -> None:
    """Every `exclude:` glob must be inside the configuration's folder too, as `specs:`
    locations must: one elsewhere (`../drafts`) could leave out no spec file. Raises
    ConfigError naming each at its line in `path`."""
    problems = []
    for glob, place in config.exclude_places:
        why = _outside_why(config, glob, True, "`exclude:` globs")
        if why is not None:
            position = document.position(place)
            problems.append(f"{display_path(path)}:{position.line}:{position.column}: exclude "
                            f"names '{glob}', {why}")
    if problems:
        raise ConfigError("invalid configuration:\n" + "\n".join(problems))


def check_schema_inside(path: Path, document: Document, config: Config) -> None:
    """The `schema:` file must be inside the repository (the top of the git work tree
    holding `path`, `Config.repository`): one elsewhere makes the verdict depend on the
    machine; one inside a git folder (`schema: .git/HEAD`: `git_folder_around`) is a file
    of git's own, which no commit holds (newuser72). Raises ConfigError naming it at its
    line in `path`."""
    if config.schema_path is None:
        return
    why = outside_why(config.repository, config.schema_path)
    if why is not None:
        why += f"; the schema must be in the repository ({config.repository})"
    elif (git_folder := git_folder_around(config.schema_path.parent)) is not None:
        why = (f"a file inside the git folder {git_folder}, git's own, which no commit "
               "holds; the schema must be a file of the work tree")
    if why is not None:
        position = document.position(("schema",))
        raise ConfigError(f"invalid configuration:\n{display_path(path)}:{position.line}:"
                          f"{position.column}: schema names '{display_path(config.schema_path)}'"
                          f", {why}, so that every checkout checks specs alike")


def _outside_why(config: Config, location: str, glob: bool,
                 named: str = "spec locations") -> str | None:
    """Why `location` (a path or, with `glob`, a glob) is outside `config`'s folder (None
    when it is inside), and what it must be inside: where it leads, and whether a symbolic
    link takes it there; outside the repository, or only outside the configuration's
    folder (`specs: ../specs`). `named`: what the setting's values are, in the message."""
    parts = location.split("/")
    literal = list(takewhile(lambda part: not is_glob(part), parts)) if glob else parts
    must = f"{named} must be inside the repository (the folder of " \
        f"{config.file_shown}, {config.root})"
    if ".." in parts[len(literal):]:
        return f"a glob that climbs out of its folder with '..'; {must}"
    led = Path(config.root, "/".join(literal))
    if outside_why(config.root, led) is None:
        return None
    if outside_why(config.repository, led) is not None:
        return f"{outside_why(config.root, led)}; {must}"
    return f"{outside_why(config.root, led, f'the folder of {config.file_shown}')}, though " \
        f"inside the repository; {named} must be inside the folder of the " \
        f"configuration file ({config.root}): move {config.file_shown} up to a folder " \
        "that holds them"
