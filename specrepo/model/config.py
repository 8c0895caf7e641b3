"""The settings of one spec repository, as `specrepo.yaml` gives them (see `configuration`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from functools import cached_property
from pathlib import Path
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.name_patterns import NamePattern
from specrepo.base.paths import display_path, real_path
from specrepo.base.work_tree import repository_top
from specrepo.load.document import JsonPath, Position
from specrepo.load.locations import SpecLocation, configured_location, spec_suffixes
from specrepo.load.markdown_body import HeadingText
from specrepo.load.yaml_loader import DEFAULT_MAX_BYTES
from specrepo.model.approval import DEFAULT_PROTECTED, DateRecorders
from specrepo.model.change_paths import FieldPath
from specrepo.model.fields import DEFAULT_FIELDS, FieldMap
from specrepo.model.findings import Severity
from specrepo.model.workflow import DEFAULT_WORKFLOW, Workflow

CONFIG_FILE_NAME: Final = "specrepo.yaml"
DEFAULT_RENDER_OUT: Final = "docs/specs"
DEFAULT_SITE_OUT: Final = "_site"
DEFAULT_STALE_AFTER_DAYS: Final = {"Draft": 90, "In Review": 14, "Approved": 60}


@dataclass(frozen=True)
class RequiredSection(HeadingText):
    """A heading the template of Markdown specs requires (`sections:`), and whether it may
    be left out."""

    optional: bool = False


@dataclass(frozen=True)
class TraceConfig:
    """Which tracked files `specrepo trace` scans for references to requirements (git's
    glob pathspecs, relative to the configuration's folder); none by default."""

    implementation: tuple[str, ...] = ()
    """Files whose references say they implement a requirement."""
    tests: tuple[str, ...] = ()
    """Files whose references say they verify one (they win over `implementation`)."""
    top_priority: str = "P0"
    """The priority `--fail-on uncovered-p0` gates on (`trace.top_priority`), matched in
    any letter case: `P0` in the bundled format; `Must` or `critical` in others."""
    configured: bool = False
    """Whether specrepo.yaml has `trace:` (even with no globs: a trace of item links and
    JUnit results alone); then `specrepo site` draws the trace matrix."""


@dataclass(frozen=True)
class Config:
    """Settings for one spec repository; paths are absolute."""

    root: Path
    file: Path | None = None
    spec_locations: tuple[str, ...] = ("specs",)
    exclude: tuple[str, ...] = ()
    """Globs of files (and folders of files) that are no specs, though a location holds
    them (`exclude:`), normalized as locations are."""
    exclude_places: tuple[tuple[str, JsonPath], ...] = ()
    """Each `exclude:` glob (normalized) where it is written (`("exclude", 1)`), for the
    messages on one of them."""
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
    field_positions: Mapping[JsonPath, Position] = field(default_factory=dict)
    """Where in specrepo.yaml each path `fields:` names is written (by its place there:
    `("fields", "approvers")`, `("fields", "related", 0)`), where findings about that
    entry stand."""
    setting_positions: Mapping[JsonPath, Position] = field(default_factory=dict)
    """Where in specrepo.yaml each setting's value is written, for the settings and their
    entries (`("specs",)`, `("specs", 0)`, `("render", "out")`): where an error about a
    value found wrong only once it is used (a folder that does not exist) stands."""
    workflow: Workflow = DEFAULT_WORKFLOW
    """The statuses and the moves between them."""
    render_out: str = DEFAULT_RENDER_OUT
    """Where `specrepo render` writes pages, relative to `root`."""
    front_matter: bool = False
    """Whether specs are Markdown files whose data is their YAML front matter."""
    required_sections: tuple[RequiredSection, ...] = ()
    """The headings a Markdown spec's body must have, in order (`sections:`)."""
    new_template: Path | None = None
    """The file `specrepo new` fills in (`new.template`); None: the bundled format's."""
    new_file_name: str | None = None
    """The name of a spec `specrepo new` writes, with placeholders (`new.file_name`)."""
    new_folder: str | None = None
    """The folder `specrepo new` writes in (`new.folder`); None: the first spec folder."""
    site_out: str = DEFAULT_SITE_OUT
    """Where `specrepo site` writes the site, relative to `root`."""
    site_name: str | None = None
    """The site's name (None: the origin remote's repository name, else the folder's)."""
    site_repository_url: str | None = None
    """Where the site's links to repository files lead (`site.repository_url`, checked,
    perhaps with `{commit}`); None: relative links, as from a checkout."""
    protected: tuple[FieldPath, ...] = DEFAULT_PROTECTED
    """What an approval covers (`approval: protected:`; see `model.approval`)."""
    protected_sections: tuple[HeadingText, ...] = ()
    """The sections of Markdown bodies an approval covers, with those under them (the
    heading lines in `approval: protected:`)."""
    protected_section_places: tuple[tuple[int, int], ...] = ()
    """The line and column of specrepo.yaml of each of `protected_sections`, in order."""
    dates_recorded_by: DateRecorders = "anyone"
    """Whose commit may record a reviewer's `approved:` date (`approval:
    dates_recorded_by:`, `model.approval.DateRecorders`)."""
    trace: TraceConfig = TraceConfig()
    """What `specrepo trace` scans."""
    absent_folders: tuple[str, ...] = ()
    """The folder locations (their `SpecLocation.path`, sorted) the work tree lacks whose absence
    is the commit being made's (a hook's run: `gitio.pending.folders_of_commit`): each
    lists no spec file, as an emptied folder does, instead of being a configuration error;
    the index's files below are judged from the index. Never read from specrepo.yaml."""

    @cached_property
    def locations(self) -> tuple[SpecLocation, ...]:
        """`spec_locations` as folders and globs (decided once: see
        `load.locations.configured_location`)."""
        return tuple(configured_location(self.root, written, self.front_matter, self.exclude)
                     for written in self.spec_locations)

    @cached_property
    def repository(self) -> Path:
        """The top folder of the git work tree that holds the configuration (links
        followed; `base.work_tree.repository_top`), else `root`: the files a configuration
        reads (the schema, and each file its references reach) must be inside it, so that
        every checkout of the repository reads the same. `root` is below it when
        specrepo.yaml sits in a subfolder of a monorepo."""
        return repository_top(self.root) or real_path(self.root)

    @property
    def new_name_pattern(self) -> NamePattern | None:
        """`new.file_name` with the id prefix its `{{number}}` goes without; None when
        unset (the template's own name, which the `file-name` rule's names take)."""
        return None if self.new_file_name is None else NamePattern(self.new_file_name,
                                                                   self.id_prefix)

    @property
    def file_shown(self) -> str:
        """The configuration file as messages name it (`display_path`), or `specrepo.yaml`
        when there is none (the defaults: where one would go)."""
        return display_path(self.file) if self.file is not None else CONFIG_FILE_NAME

    @property
    def root_named(self) -> str:
        """What messages call `root`, the folder specrepo reads and writes in: `the
        repository` when it is the repository's top folder, else `the folder of
        team/cfg.yaml` (`file_shown`: specrepo.yaml in a subfolder of a monorepo)."""
        top = real_path(self.root) == self.repository
        return "the repository" if top else f"the folder of {self.file_shown}"

    def placed(self, setting: JsonPath) -> str:
        """Where `setting` is written, as messages name it: `specrepo.yaml:2:8` (its
        deepest written ancestor's place: `("specs",)` for `("specs", 0)` of `specs: x`);
        the file alone where none is written (a default)."""
        return self._placed_or(setting, self.file_shown)

    def source_of(self, setting: JsonPath) -> str:
        """Where today's `setting` comes from, as messages name it: its place (`placed`)
        when the configuration file writes it or a setting holding it, else specrepo's
        default (no file, or one that leaves it out)."""
        return self._placed_or(setting, "specrepo's default")

    def _placed_or(self, setting: JsonPath, unwritten: str) -> str:
        """`placed`'s place of `setting`'s deepest written ancestor, else `unwritten`."""
        for end in range(len(setting), 0, -1):
            position = self.setting_positions.get(setting[:end])
            if position is not None:
                return f"{self.file_shown}:{position.line}:{position.column}"
        return unwritten

    def written_at(self, setting: JsonPath) -> str | None:
        """`specrepo.yaml:3:8: render.out` when the configuration file writes `setting`
        (what a message about the value it gives starts with), else None (a default)."""
        if setting not in self.setting_positions:
            return None
        return f"{self.placed(setting)}: {'.'.join(map(str, setting))}"

    @property
    def spec_suffixes(self) -> tuple[str, ...]:
        """How the names of spec files end: `.yaml` and `.yml`, or for Markdown specs
        `.md` and `.markdown`."""
        return spec_suffixes(self.front_matter)
