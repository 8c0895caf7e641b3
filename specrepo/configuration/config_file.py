"""Find, load and check `specrepo.yaml`, giving a frozen `Config` (see `model.config`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import cache, partial
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.errors import ConfigError
from specrepo.base.paths import display_path, real_path
from specrepo.base.reading import UnreadableFile, read_bounded
from specrepo.check.compiled_schema import CompiledSchema, compile_source, plainly_valid
from specrepo.configuration.accepted_transitions import accepted_transitions
from specrepo.configuration.config_location import (
    find_config,
    link_checked_out_as_text,
    refuse_git_file,
)
from specrepo.configuration.field_positions import written_field_positions
from specrepo.configuration.kept_config import (
    Kept,
    keep_document,
    kept_document,
    protected_paths_checked,
)
from specrepo.configuration.location_checks import (
    check_excludes_inside,
    check_locations_inside,
    check_schema_inside,
)
from specrepo.configuration.protected_paths import unknown_protected_paths
from specrepo.configuration.repository_url import RepositoryUrlError, check_repository_url
from specrepo.configuration.sections import SectionsConfigError, parse_required_sections
from specrepo.configuration.setting_positions import written_setting_positions
from specrepo.configuration.status_names import check_status_names
from specrepo.load.document import Document, Position, value_at
from specrepo.load.locations import excluded_globs, excluded_places
from specrepo.load.markdown_body import HeadingText, parse_heading
from specrepo.load.schema_source import CONFIG_SCHEMA, SPEC_SCHEMA, bundled_source
from specrepo.load.yaml_loader import DEFAULT_MAX_BYTES, YamlError, YamlRole, load_yaml
from specrepo.model.approval import (
    CUSTOM_FORMAT_PROTECTED,
    DEFAULT_PROTECTED,
    parse_protected_paths,
)
from specrepo.model.change_paths import FieldPath
from specrepo.model.config import (
    DEFAULT_RENDER_OUT,
    DEFAULT_SITE_OUT,
    DEFAULT_STALE_AFTER_DAYS,
    Config,
    RequiredSection,
    TraceConfig,
)
from specrepo.model.fields import (
    DEFAULT_FIELDS,
    LIST_FIELDS,
    FieldMap,
    FieldPathError,
    parse_field_path,
)
from specrepo.model.findings import Severity
from specrepo.model.workflow import DEFAULT_WORKFLOW, Workflow, entry_states

_SEVERITY_WORDS: Final = {"error": Severity.ERROR, "warning": Severity.WARNING, "off": None}


def load_config(explicit: Path | None, start: Path, kept_in: Path | None = None,
                keep: Callable[[Callable[[], None]], None] | None = None) -> Config:
    """Load the config named by `--config`, else the nearest one, else the defaults. With
    `kept_in` (a git folder), a file of the bytes an earlier run loaded there is not parsed
    again (`kept_config`); the configuration is the same. The document is kept there for
    the next run by the call `keep` is given (when the command succeeds: a run that ends
    in a usage error writes nothing), else at once. Raises ConfigError naming the file
    (and line and column) for one that cannot be read, loaded or accepted."""
    path = explicit if explicit is not None else find_config(real_path(start))
    if path is None:
        return Config(root=real_path(start))
    shown = display_path(path)  # as named: /dev/stdin, not the pipe it leads to
    resolved = real_path(path)
    refuse_git_file(path, shown)
    path = resolved if inputs.reader.exists(resolved) else path
    try:
        raw = read_bounded(path, DEFAULT_MAX_BYTES)
    except UnreadableFile as problem:
        raise ConfigError(f"{shown}: {problem.describe('configuration')}") from None
    kept = kept_document(kept_in, raw)
    document = _parsed(shown, path, raw) if kept is None else kept.document
    if document is None:
        return Config(root=path.parent, file=path)  # an empty file means "all defaults"
    config, schema_files = _checked_config(path, document, kept)
    if kept is None or schema_files:  # loaded and accepted whole; or another schema now
        write = partial(keep_document, kept_in, raw, document, config, schema_files)
        write() if keep is None else keep(write)
    return config


def _parsed(shown: str, path: Path, raw: bytes) -> Document | None:
    """The configuration file's document (bytes `raw`, named `shown`), checked against the
    configuration schema; None for an empty file. Raises ConfigError naming each problem's
    line and column."""
    try:
        document = load_yaml(raw, role=YamlRole.CONFIGURATION)
    except YamlError as error:
        if error.rule != "yaml-empty":
            hint = link_checked_out_as_text(raw) if error.rule == "yaml-structure" else None
            raise ConfigError("\n".join(
                f"{shown}{_where(problem.position)}: {problem.message}"
                for problem in error.every) + (f"; {hint}" if hint else "")) from None
        return None
    _check_against_schema(path, document)
    return document


def _checked_config(path: Path, document: Document, kept: Kept | None
                    ) -> tuple[Config, tuple[Path, ...]]:
    """The configuration of `document` (loaded, and accepted by the configuration schema),
    each setting checked against what it names, and the files of the schema of one's own
    its protected paths were checked against (none when they were not checked: see
    `protected_paths_checked`). Raises ConfigError at the setting's line."""
    assert isinstance(document.data, dict)
    config = _config_from_data(path, document)
    check_schema_inside(path, document, config)
    schema_files: tuple[Path, ...] = ()
    if isinstance(value_at(document.data, ("approval", "protected")), list):
        protected, sections, places = _protected(path, document, config.front_matter)
        if not protected_paths_checked(kept, config):
            schema_files = _check_protected_paths(path, document, protected, config)
        config = replace(config, protected=protected, protected_sections=sections,
                         protected_section_places=places)
    check_status_names(path, document, config.workflow, config.schema_path is None)
    check_locations_inside(path, document, config)
    check_excludes_inside(path, document, config)
    recorders = value_at(document.data, ("approval", "dates_recorded_by"))
    return replace(config, required_sections=_required_sections(path, document),
                   site_repository_url=_repository_url(path, document),
                   dates_recorded_by="reviewer" if recorders == "reviewer" else "anyone"
                   ), schema_files


def config_version(raw: bytes, path: Path) -> Config:
    """One version of the configuration file (its bytes `raw`, from git), as if it were at
    `path`: the settings that say how its specs read (field map, `front_matter:`,
    `schema:`, `statuses:`, spec locations...), checked against the configuration schema
    only: what it names on disk is as it is now, not as it was. Raises ConfigError, naming
    the file, for YAML that does not load or settings the schema refuses."""
    return _version(raw, path)[0]


def protecting_version(raw: bytes, path: Path) -> Config:
    """`config_version` with its `approval: protected:` (paths and headings, read as
    `load_config` reads them; the defaults where it names none): what an approval given
    under it covered. Its paths are not checked against today's schema. Raises
    ConfigError as `config_version` does, and for an entry that is neither."""
    config, document = _version(raw, path)
    if document is None or not isinstance(value_at(document.data, ("approval", "protected")),
                                          list):
        return config
    protected, sections, places = _protected(path, document, config.front_matter)
    return replace(config, protected=protected, protected_sections=sections,
                   protected_section_places=places)


def _version(raw: bytes, path: Path) -> tuple[Config, Document | None]:
    """`config_version`, and the document it read (None: an empty file, all defaults)."""
    try:
        document = load_yaml(raw, role=YamlRole.CONFIGURATION)
    except YamlError as error:
        if error.rule != "yaml-empty":
            raise ConfigError(f"{display_path(path)}{_where(error.position)}: "
                              f"{error.message}") from None
        return Config(root=path.parent, file=path), None
    _check_against_schema(path, document)
    return _config_from_data(path, document), document


def _where(position: Position | None) -> str:
    return f":{position.line}:{position.column}" if position else ""


@cache
def _config_schema() -> CompiledSchema:
    """The bundled config schema, compiled once per process."""
    return compile_source(bundled_source(CONFIG_SCHEMA))


def _check_against_schema(path: Path, document: Document) -> None:
    schema = _config_schema()
    if plainly_valid(schema, document.data):
        return  # no finding to word: jsonschema is not loaded
    from specrepo.check.schema_check import check_schema  # noqa: PLC0415 (an invalid file)

    findings = check_schema(schema, path, document)
    if findings:
        lines = [f"{display_path(path)}:{f.line}:{f.column}: {f.message}" for f in findings]
        raise ConfigError("invalid configuration:\n" + "\n".join(lines))


def _config_from_data(path: Path, document: Document) -> Config:
    assert isinstance(document.data, dict)
    data: Mapping[str, object] = document.data
    root = path.parent
    locations = data.get("specs", "specs")
    schema = data.get("schema")
    rules = data.get("rules") or {}
    assert isinstance(rules, dict)
    severities = {str(rule): _SEVERITY_WORDS[str(word)] for rule, word in rules.items()}
    render = data.get("render") or {}
    site = data.get("site") or {}
    assert isinstance(render, dict) and isinstance(site, dict)
    new = data.get("new") or {}
    assert isinstance(new, dict)
    template = new.get("template")
    file_name = new.get("file_name")
    return Config(
        root=root,
        file=path,
        spec_locations=tuple(locations) if isinstance(locations, list) else (str(locations),),
        exclude=excluded_globs(data.get("exclude")),
        exclude_places=excluded_places(data.get("exclude")),
        schema_path=root / schema if isinstance(schema, str) else None,
        max_file_size=int(data.get("max_file_size", DEFAULT_MAX_BYTES)),  # type: ignore[call-overload]
        id_prefix=str(data.get("id_prefix", "SPEC")),
        severities=severities,
        stale_after_days=_stale_after_days(data.get("stale_after_days")),
        workflow=replace(_workflow(data.get("statuses")),
                         accepted=accepted_transitions(document)),
        fields=_fields(path, document),
        field_positions=written_field_positions(document),
        setting_positions=written_setting_positions(document),
        render_out=str(render.get("out", DEFAULT_RENDER_OUT)),
        site_out=str(site.get("out", DEFAULT_SITE_OUT)),
        site_name=str(site["name"]) if "name" in site else None,
        front_matter=data.get("front_matter") is True,
        new_template=root / template if isinstance(template, str) else None,
        new_file_name=file_name if isinstance(file_name, str) else None,
        new_folder=folder if isinstance(folder := new.get("folder"), str) else None,
        protected=DEFAULT_PROTECTED if schema is None else CUSTOM_FORMAT_PROTECTED,
        trace=_trace(data.get("trace")),
    )


def _repository_url(path: Path, document: Document) -> str | None:
    """`site.repository_url`, checked (see `check_repository_url`), or None."""
    url = value_at(document.data, ("site", "repository_url"))
    if not isinstance(url, str):
        return None
    try:
        return check_repository_url(url)
    except RepositoryUrlError as error:
        position = document.position(("site", "repository_url"))
        raise ConfigError(f"invalid configuration:\n{display_path(path)}{_where(position)}: "
                          f"site.repository_url: {error}") from None


def _required_sections(path: Path, document: Document) -> tuple[RequiredSection, ...]:
    """The `sections:` setting, an entry that is no heading named at its line."""
    assert isinstance(document.data, dict)
    if "sections" in document.data and document.data.get("front_matter") is not True:
        raise ConfigError(
            f"invalid configuration:\n{display_path(path)}"
            f"{_where(document.key_position(('sections',)))}: sections: lists the headings "
            "of Markdown bodies, which specs have only with `front_matter: true`")
    try:
        return parse_required_sections(document.data.get("sections"))
    except SectionsConfigError as error:
        position = document.position(error.json_path)
        raise ConfigError(f"invalid configuration:\n{display_path(path)}{_where(position)}: "
                          f"{error}") from None


def _protected(path: Path, document: Document, front_matter: bool
               ) -> tuple[tuple[FieldPath, ...], tuple[HeadingText, ...],
                          tuple[tuple[int, int], ...]]:
    """`approval: protected:` as field paths, and as the body sections of Markdown specs
    its heading lines (`## Proposal`) name, with the line and column of each; an entry that is
    neither is a ConfigError at its line."""
    listed = value_at(document.data, ("approval", "protected"))
    paths: list[FieldPath] = []
    headings: list[HeadingText] = []
    places: list[tuple[int, int]] = []
    for index, text in enumerate(listed if isinstance(listed, list) else []):
        position = document.position(("approval", "protected", index))
        where = _where(position)
        heading = parse_heading(str(text)) if str(text).lstrip(" ").startswith("#") else None
        if heading is not None and not front_matter:
            raise ConfigError(f"{display_path(path)}{where}: approval.protected: {text!r} is "
                              "a heading, and only Markdown specs (`front_matter: true`) "
                              "have a body with sections")
        if heading is not None:
            headings.append(HeadingText(heading.level, heading.text))
            places.append((position.line, position.column))
            continue
        try:
            paths.extend(parse_protected_paths([str(text)]))
        except FieldPathError as error:
            raise ConfigError(f"{display_path(path)}{where}: approval.protected: {error}"
                              ) from None
    return tuple(paths), tuple(headings), tuple(places)


def _check_protected_paths(path: Path, document: Document, protected: tuple[FieldPath, ...],
                           config: Config) -> tuple[Path, ...]:
    """Each protected path the spec schema (the bundled one, or the format's own) cannot
    hold is a ConfigError at its line (entries that are headings are not paths: positions
    follow the paths' own entries). A schema of one's own that does not load is validate's
    to report; it judges no path here. Returns the files the schema was read from (none
    for the bundled one, or one that did not load)."""
    listed = value_at(document.data, ("approval", "protected"))
    entries = [index for index, text in enumerate(listed if isinstance(listed, list) else [])
               if not str(text).lstrip(" ").startswith("#")]
    from specrepo.load.schema_scope import load_schema_source  # noqa: PLC0415 (paths listed)

    try:
        source = bundled_source(SPEC_SCHEMA) if config.schema_path is None \
            else load_schema_source(config.schema_path, config.repository)
    except ConfigError:
        return ()
    unknown = unknown_protected_paths(source, protected) \
        if isinstance(source.schema, dict) else []
    problems = [f"{display_path(path)}"
                f"{_where(document.position(('approval', 'protected', entries[index])))}"
                f": approval.protected: {why}" for index, why in unknown]
    if problems:
        raise ConfigError("invalid configuration:\n" + "\n".join(problems))
    return source.files


def _trace(value: object) -> TraceConfig:
    """`trace:`: each glob setting one glob or a list (`trace: {}`: configured, no globs),
    and the top priority."""
    if not isinstance(value, dict):
        return TraceConfig()
    globs = {key: (found,) if isinstance(found, str) else tuple(map(str, found))
             for key, found in value.items() if key != "top_priority"}
    return TraceConfig(**globs, top_priority=str(value.get("top_priority", "P0")),
                       configured=True)


def _stale_after_days(value: object) -> dict[str, int]:
    if not isinstance(value, dict):
        return dict(DEFAULT_STALE_AFTER_DAYS)
    return {str(status): int(days) for status, days in value.items()}


def _workflow(value: object) -> Workflow:
    """The configured workflow (its states are checked by `check_status_names`). Where
    `statuses:` leaves out `in_review:` or `approved:`, the bundled workflow's states of
    that kind that are among its `states` are those (README "statuses:", trial38: leaving
    the key out turned every approval check off in silence); `[]` names none."""
    if not isinstance(value, dict):
        return DEFAULT_WORKFLOW
    states = tuple(str(state) for state in value["states"])
    bundled = {"in_review": DEFAULT_WORKFLOW.in_review, "approved": DEFAULT_WORKFLOW.approved}
    named = {key: [str(state) for state in value[key]] if key in value else
             [state for state in states if state in bundled.get(key, ())]
             for key in ("terminal", "in_review", "approved", "initial")}
    transitions = frozenset((str(before), str(after))
                            for before, targets in value["transitions"].items()
                            for after in targets)
    return Workflow(
        states=states,
        transitions=transitions,
        terminal=frozenset(named["terminal"]),
        in_review=frozenset(named["in_review"]),
        approved=frozenset(named["approved"]),
        initial=frozenset(named["initial"]) if "initial" in value
        else entry_states(states, transitions),
    )


def _fields(path: Path, document: Document) -> FieldMap:
    """The configured field map: the given fields over the defaults."""
    value: object = document.data.get("fields") if isinstance(document.data, dict) else None
    if not isinstance(value, dict):
        return DEFAULT_FIELDS
    chosen: dict[str, object] = {}
    name = ""
    try:
        for name, text in value.items():
            if name in LIST_FIELDS:
                chosen[name] = tuple(parse_field_path(str(item)) for item in text)
            elif text is None:
                if name == "id":
                    raise FieldPathError("fields.id cannot be null: every spec needs an id")
                chosen[name] = None
            else:
                chosen[name] = parse_field_path(str(text))
    except FieldPathError as error:
        where = document.position(("fields", name))
        raise ConfigError(f"{display_path(path)}:{where.line}:{where.column}: fields: "
                          f"{error}") from None
    return replace(DEFAULT_FIELDS, **chosen)  # type: ignore[arg-type]
