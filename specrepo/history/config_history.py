"""The spec locations a version of the configuration named, so that history follows specs
across a renamed spec folder (`specs:` changed in the commit that moved it)."""

from __future__ import annotations

from specrepo.load.locations import SpecLocation, climbs_out, historical_location
from specrepo.load.yaml_loader import LoadLimits, YamlError, load_yaml


def locations_named(raw: bytes, prefix: str) -> list[SpecLocation]:
    """The `specs:` locations (relative to the repository's top, under `prefix`) one version
    of the configuration names; none when it does not load (the default `specs` is always
    walked anyway). A location outside the configuration's folder is left out, as `specrepo.yaml`
    refuses one now."""
    try:
        data = load_yaml(raw, LoadLimits()).data
    except YamlError:
        return []
    named = data.get("specs", "specs") if isinstance(data, dict) else None
    markdown = isinstance(data, dict) and data.get("front_matter") is True
    values = named if isinstance(named, list) else [named]
    located = [historical_location(value, markdown) for value in values
               if isinstance(value, str) and value.strip()]
    return [location.below(prefix) for location in located if not climbs_out(location.path)]
