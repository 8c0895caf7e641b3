"""The settings of one spec repository, as `specrepo.yaml` gives them (see `configuration`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Final

from specrepo.load.locations import SpecLocation, configured_location
from specrepo.load.yaml_loader import DEFAULT_MAX_BYTES
from specrepo.model.approval import DEFAULT_PROTECTED
from specrepo.model.change_paths import FieldPath
from specrepo.model.fields import DEFAULT_FIELDS, FieldMap
from specrepo.model.findings import Severity
from specrepo.model.workflow import DEFAULT_WORKFLOW, Workflow

CONFIG_FILE_NAME: Final = "specrepo.yaml"
DEFAULT_RENDER_OUT: Final = "docs/specs"
DEFAULT_SITE_OUT: Final = "_site"
DEFAULT_STALE_AFTER_DAYS: Final = {"Draft": 90, "In Review": 14, "Approved": 60}


@dataclass(frozen=True)
class Config:
    """Settings for one spec repository; paths are absolute."""

    root: Path
    file: Path | None = None
    spec_locations: tuple[str, ...] = ("specs",)
    schema_path: Path | None = None
    max_file_size: int = DEFAULT_MAX_BYTES
    id_prefix: str = "SPEC"
    severities: Mapping[str, Severity | None] = field(default_factory=dict)
    """Rule id -> the severity `rules:` gives it (None: off); others keep their default."""
    stale_after_days: Mapping[str, int] = field(
        default_factory=lambda: dict(DEFAULT_STALE_AFTER_DAYS))
    """Days without a commit after which a spec in that status is stale."""
    fields: FieldMap = DEFAULT_FIELDS
    """Where the spec format keeps the fields specrepo reads."""
    workflow: Workflow = DEFAULT_WORKFLOW
    """The statuses and the moves between them."""
    render_out: str = DEFAULT_RENDER_OUT
    """Where `specrepo render` writes pages, relative to `root`."""
    site_out: str = DEFAULT_SITE_OUT
    """Where `specrepo site` writes the site, relative to `root`."""
    site_name: str | None = None
    """The site's name (None: the origin remote's repository name, else the folder's)."""
    protected: tuple[FieldPath, ...] = DEFAULT_PROTECTED
    """What an approval covers (`approval: protected:`; see `model.approval`)."""

    @cached_property
    def locations(self) -> tuple[SpecLocation, ...]:
        """`spec_locations` as folders and globs (decided once: see
        `load.locations.configured_location`)."""
        return tuple(configured_location(self.root, written)
                     for written in self.spec_locations)
