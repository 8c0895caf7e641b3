"""The spec locations a version of the configuration named, so that history follows specs
across a renamed spec folder (`specs:` changed in the commit that moved it), and each side
of a diff is read with its own configuration's locations."""

from __future__ import annotations

from specrepo.base.paths import real_path
from specrepo.gitio.repository import RepositoryState
from specrepo.load.locations import (
    SpecLocation,
    climbs_out,
    excluded_globs,
    historical_location,
)
from specrepo.load.yaml_loader import LoadLimits, YamlError, YamlRole, load_yaml
from specrepo.model.config import CONFIG_FILE_NAME, Config

DEFAULT_SPECS = "specs"
"""Where specs are when the configuration does not say (or there is none)."""


def locations_named(raw: bytes, prefix: str, exclude: tuple[str, ...]) -> list[SpecLocation]:
    """The `specs:` locations (relative to the repository's top, under `prefix`) one version
    of the configuration names, leaving out what its `exclude:` and the current one's
    `exclude` name (see `configured_locations`); none when it does not load (the default
    `specs` is always walked anyway). A location outside the configuration's folder is
    left out, as `specrepo.yaml` refuses one now."""
    return list(configured_locations(raw, prefix, exclude)[0])


def configured_locations(raw: bytes | None, prefix: str, exclude: tuple[str, ...]
                         ) -> tuple[tuple[SpecLocation, ...], str | None]:
    """The spec locations one version of the configuration names (`raw`; None: there is no
    configuration file, so the default `specs`), relative to the repository's top, under
    `prefix`, with `front_matter:` deciding whether they hold Markdown specs and `exclude:`
    what they leave out; and what is wrong with it, if anything: YAML that does not load
    (then no locations), a document that is no mapping, or `specs:` entries that are
    neither a folder, a glob nor a file (those left out). Locations outside the
    configuration's folder are left out, as `specrepo.yaml` refuses them.

    Each location also leaves out what `exclude` (the current configuration's `exclude:`
    globs, relative to its folder) names: the current configuration decides which files
    are no specs, whatever an earlier version excluded, so that an excluded template
    never enters the history through an older version's locations."""
    data: object = {}
    if raw is not None:
        try:
            data = load_yaml(raw, LoadLimits(), role=YamlRole.CONFIGURATION).data
        except YamlError as error:
            if error.rule != "yaml-empty":  # an empty file means "all defaults"
                where = f"line {error.position.line}: " if error.position else ""
                return (), f"{where}{error.message}"
    if not isinstance(data, dict):
        return (), "it is not a mapping of settings"
    named = data.get("specs", DEFAULT_SPECS)
    values = named if isinstance(named, list) else [named]
    written = [value for value in values if isinstance(value, str) and value.strip()]
    markdown = data.get("front_matter") is True
    excluded = tuple(sorted({*excluded_globs(data.get("exclude")), *exclude}))
    located = [historical_location(value, markdown, excluded) for value in written]
    problem = None if written and len(written) == len(values) else \
        "specs: not a folder, glob or file, or a list of them"
    return (tuple(location.below(prefix) for location in located
                  if not climbs_out(location.path)), problem)


def config_path_in(config: Config, state: RepositoryState) -> str | None:
    """The configuration file, from the top of the repository `state` describes (None:
    there is none)."""
    if config.file is None:
        return None
    try:
        return real_path(config.file).relative_to(real_path(state.work_tree)).as_posix()
    except ValueError:  # a link to a file outside the repository: no commit holds it
        return None


def config_line_path(config: Config, state: RepositoryState, config_path: str | None
                     ) -> str | None:
    """Where the history looks for the configuration's earlier versions (from the top of
    the repository `state` describes): `config_path` (the file's, `config_path_in`), or,
    when there is no configuration file, where it would be (`specrepo.yaml` in the
    configuration's folder: one deleted, or renamed away, held the workflow in force
    before); None for a folder outside the repository."""
    if config_path is not None or config.file is not None:
        return config_path
    try:
        prefix = real_path(config.root).relative_to(real_path(state.work_tree)).as_posix()
    except ValueError:
        return None
    return CONFIG_FILE_NAME if prefix in ("", ".") else f"{prefix}/{CONFIG_FILE_NAME}"
