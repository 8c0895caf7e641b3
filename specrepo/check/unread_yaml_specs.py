"""YAML files left in the locations of Markdown specs that look like specs (`unread-yaml-spec`):
with `front_matter: true` only Markdown files are specs, so a `.yaml` spec left in a spec
folder (a repository half converted from YAML to Markdown) would drop out of every check,
report and page without a word.

A file looks like a spec when it is a YAML mapping holding a value at any of the fields
the configuration reads for a spec's id, title and status (`fields:`; one mapped to null
is not asked for: a spec missing a field is still one), and it is named after its id (its
name holds the id, or the id's number: `SPEC-0002-x.yaml`, `0002-x.yaml`) or no Markdown
file stands beside it (without an id: its name starts as a spec file's, `SPEC-0002-x.yaml`,
`0002-x.yaml`), or its name starts with an id whatever id it writes (`SPEC-0004-x.yaml`
writing SPEC-0002: `file_name_id`). A file the YAML loader refuses is judged by its top-level lines
(`written_id`), so that a mistake hides no spec; one that opens and closes a front-matter
block (a Markdown spec under a YAML name: a stream of two documents to the loader) and
writes any of those fields is named wherever it stands. A metadata file kept beside a
Markdown document (Kubernetes KEPs' `kep.yaml` next to `README.md`) is neither, and so is
never named. Files `exclude:` leaves out, the configuration file and
the schema are never looked at. A hook's run (`validate --history --changed-since`) looks at
the files of the commit being made, as the index stages them (README: What a hook's run
reads).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Final, NamedTuple

from specrepo.base import inputs
from specrepo.base.paths import display_path
from specrepo.check.rules import severity_of, unread_yaml_spec
from specrepo.check.spec_ids import file_name_id, files_by_id
from specrepo.load.document import Document, JsonPath, JsonValue, Position, value_at
from specrepo.load.locations import (
    MARKDOWN_SUFFIXES,
    SPEC_SUFFIXES,
    SpecLocation,
    is_glob,
    spec_named,
)
from specrepo.load.spec_files import discover_spec_files, read_spec_file
from specrepo.load.staged_versions import StagedVersion, read_staged
from specrepo.load.written_id import written_id
from specrepo.load.yaml_limits import LoadLimits
from specrepo.load.yaml_loader import YamlError, load_yaml
from specrepo.model.config import Config
from specrepo.model.findings import Finding

_NUMBER: Final = re.compile(r"[0-9]+$")
_SPEC_NAME: Final = re.compile(r"[0-9]+[-_.]")
"""How the name of a spec file without its id starts (`0002-x.yaml`; or with the id prefix)."""


class _YamlLocations(NamedTuple):
    """The configuration's Markdown locations, searched for YAML files instead."""

    root: Path
    file: Path | None
    schema_path: Path | None
    locations: tuple[SpecLocation, ...]
    specs_place: str
    """Where the configuration writes `specs:` (these are some of its locations)."""
    absent_folders: tuple[str, ...] = ()
    exclude_places: tuple[tuple[str, JsonPath], ...] = ()  # (noted by the configured listing)

    def placed(self, setting: JsonPath) -> str:
        """`specs_place`, for every setting (see `SpecFileSettings.placed`)."""
        return self.specs_place


class CommitReading(NamedTuple):
    """How a hook's run (`validate --history --changed-since`) reads the YAML files of the
    commit being made, the index, in place of the work tree's (`commands.hook_reading`)."""

    staged: Callable[[Sequence[SpecLocation]], Mapping[Path, StagedVersion]]
    """The files of these locations whose work-tree copy differs from the index's (by
    identity, those the work tree deleted too), with the version the index stages."""
    untracked: Callable[[Sequence[Path]], Collection[Path]]
    """Those of these work-tree files the index does not hold (never added, or their
    removal staged): no files of the commit."""


UNTRACKED_NOTE: Final = ("looks like a spec, but the index does not hold it (untracked): "
                         "no file of the commit being made, so not checked")
"""A hook's run's note on each spec lookalike of the work tree that the index lacks."""


def unread_yaml_spec_findings(config: Config) -> tuple[Finding, ...]:
    """An `unread-yaml-spec` finding on each YAML file of the Markdown spec locations that
    looks like a spec (see the module), at its id (else on the file); none without
    `front_matter: true`, or when `rules:` turns the rule off. A file that cannot be read
    is no spec lookalike (nothing is said of it); one that cannot be parsed is judged by
    its lines."""
    return commit_unread_yaml_specs(config, None)[0]


def commit_unread_yaml_specs(config: Config, commit: CommitReading | None
                             ) -> tuple[tuple[Finding, ...], tuple[str, ...]]:
    """`unread_yaml_spec_findings`, and notes. With `commit` (a hook's run), on the files
    of the commit being made, each as the index stages it (`read_staged`; a file the work
    tree deleted and the index holds is the commit's), and a note (`UNTRACKED_NOTE`) in
    place of the finding on each lookalike the index does not hold; without, the work
    tree's files (no notes). A finding is at the file's id (`$.id`) where it writes one,
    else at its first line with no path; one whose id (`_ids`) a spec file the
    configuration reads has too says so (the work tree's spec files: `files_by_id`)."""
    severity = severity_of(unread_yaml_spec.RULE, config.severities)
    if severity is None:
        return (), ()
    found, staged = _found(config, commit)
    away = commit.untracked([file for file in found if file not in staged]) \
        if commit is not None and found else ()
    by_id = files_by_id(config) if found else {}
    return tuple(Finding.at(
        file, shown.position, severity, unread_yaml_spec.RULE.id,
        _message(shown, file_name_id(file.name, config)) + _shared(file, shown, config, by_id),
        shown.at) for file, shown in found.items() if file not in away), tuple(
        f"{display_path(file)}: {UNTRACKED_NOTE}" for file in found if file in away)


def unread_yaml_spec_ids(config: Config) -> frozenset[str]:
    """Every id the work tree's YAML files that `unread-yaml-spec` would name show
    (`_ids`; whatever `rules:` sets it to), so that `specrepo new` never hands one out:
    the leftover, converted, would be a `duplicate-spec-id` (newid)."""
    return frozenset(spec_id for file, shown in _found(config, None)[0].items()
                     for spec_id in _ids(file, shown, config))


def _found(config: Config, commit: CommitReading | None
           ) -> tuple[dict[Path, _Shown], Mapping[Path, StagedVersion]]:
    """The spec lookalikes of the Markdown spec locations (none without them), each with
    what it shows, and the versions the index stages (`commit`'s; none without)."""
    markdown = tuple(place for location in config.locations if location.markdown
                     for place in _yaml_places(location))
    if not markdown:
        return {}, {}
    settings = _YamlLocations(config.root, config.file, config.schema_path, markdown,
                              config.placed(("specs",)), config.absent_folders)
    listed = discover_spec_files(settings, missing_ok=True)
    staged = commit.staged(markdown) if commit is not None else {}
    return dict(_lookalikes(config, _with_deleted(config, listed, staged), staged)), staged


def _ids(file: Path, shown: _Shown, config: Config) -> tuple[str, ...]:
    """The ids a lookalike shows: the one it writes (loaded, else its top-level id line),
    and the one its file name starts with (`file_name_id`: a file that does not load
    and writes none, `RFC-0004-x.yaml`, is named by it)."""
    return tuple(dict.fromkeys(spec_id for spec_id in (shown.spec_id,
                                                       file_name_id(file.name, config))
                               if spec_id is not None))


def _shared(file: Path, shown: _Shown, config: Config, by_id: Mapping[str, list[Path]]
            ) -> str:
    """The finding's clause on an id of the lookalike (`_ids`) that a spec file read has
    too (`by_id`), or nothing: converted, it would be a `duplicate-spec-id` with it, and
    as it is, `validate` says nothing else of the two."""
    for spec_id in _ids(file, shown, config):
        if spec_id in by_id:
            which = "its id" if spec_id == shown.spec_id else "the id its file name gives"
            others = ", ".join(display_path(other) for other in by_id[spec_id])
            return (f"; {which}, {spec_id}, is also the id of {others}: give one of them "
                    "another id (converted as it is, it would be a `duplicate-spec-id`)")
    return ""


def _yaml_places(location: SpecLocation) -> tuple[SpecLocation, ...]:
    """Where to look for YAML files a Markdown spec `location` leaves unread: a folder
    or file as it is; a glob naming Markdown files (`docs/rfcs/*.md`, `keps/**/README.md`)
    by its folders, every YAML file in them (`docs/rfcs/*.yaml`; `keps`, the folder a
    glob's `**` reaches all of): a glob of Markdown names matches no YAML one (newuser74
    M4)."""
    folder, _, name = location.path.rpartition("/")
    if location.kind != "glob" or not spec_named(name, MARKDOWN_SUFFIXES):
        return (replace(location, markdown=False),)
    top = folder.removesuffix("/**")
    if top != folder and top and not is_glob(top):
        return (SpecLocation("folder", top, False, location.exclude),)
    return tuple(replace(location, path=f"{folder}/*{suffix}" if folder else f"*{suffix}",
                         markdown=False) for suffix in SPEC_SUFFIXES)


def _message(shown: _Shown, named: str | None) -> str:
    """The finding's words on a file that shows `shown`, whose file name gives the id
    `named` (None: none), which names it when it writes no id."""
    only = ("with `front_matter: true` only Markdown files (*.md, *.markdown) are specs "
            "here, so it is not checked, reported or rendered: ")
    if shown.front_matter:
        return (f"reads as a Markdown spec with YAML front matter ({shown.shown}) under a "
                f"YAML name, and {only}rename it to .md, move it out of the spec location, or "
                "add it to `exclude:`")
    what = shown.shown if shown.spec_id is not None or named is None \
        else f"{named} by its file name, {shown.shown}"
    return (f"looks like a spec ({what}{shown.reason}), but {only}convert it to "
            "Markdown with YAML front matter, move it out of the spec location, or add it "
            "to `exclude:`")


def _with_deleted(config: Config, listed: list[Path], staged: Mapping[Path, StagedVersion]
                  ) -> list[Path]:
    """The `listed` files and those `staged` the work tree deleted (the commit keeps
    them), but the configuration file and the schema, as discovery leaves them out."""
    others = {*listed, config.file, config.schema_path}
    gone = [file for file in staged if file not in others and not inputs.reader.lexists(file)]
    return sorted([*listed, *gone], key=lambda path: path.parts) if gone else listed


class _Shown(NamedTuple):
    """What a YAML file shows of a spec: its id (None: it writes none), where, and why it
    is no spec here beyond its name (`reason`: a clause, or empty)."""

    spec_id: str | None
    fields: tuple[str, ...]
    """The names of the fields (`fields:`' id, title and status) it holds a value at."""
    position: Position | None
    """Where its id is written; None when it writes none (the finding is on the file)."""
    at: JsonPath
    """The id's path (`fields:`), or none when it writes no id."""
    reason: str = ""
    front_matter: bool = False
    """Whether it is Markdown with YAML front matter under a YAML name."""

    @property
    def shown(self) -> str:
        """How the finding names it: its id, else the fields it has."""
        return self.spec_id if self.spec_id is not None else \
            "with " + ", ".join(f"`{name}`" for name in self.fields)


def _lookalikes(config: Config, files: Sequence[Path], staged: Mapping[Path, StagedVersion]
                ) -> Iterator[tuple[Path, _Shown]]:
    """Each of `files` that looks like a spec, read as `staged` where it is there, with
    what it shows of one."""
    fields = [path for path in (config.fields.id, config.fields.title, config.fields.status)
              if path is not None]
    limits = LoadLimits(max_bytes=config.max_file_size)
    keep = frozenset(str(path[0]) for path in fields)
    alone: dict[Path, bool] = {}
    for file in files:
        try:
            raw = read_staged(file, staged[file], config.max_file_size) if file in staged \
                else read_spec_file(file, config.root, config.max_file_size)
        except (YamlError, OSError):
            continue
        if file.parent not in alone:
            alone[file.parent] = _alone(file)
        if not alone[file.parent] and _no_name_for_it(file, raw, fields[0], config.id_prefix):
            continue
        try:
            found = _parsed(load_yaml(raw, limits, keep=keep), fields)
        except YamlError as error:  # a line-by-line reading: a parse failure hides no spec
            found = _written(raw, fields, error)
        if found is not None and (found.front_matter or alone[file.parent] or (
                _named_after(file, found.spec_id) if found.spec_id is not None
                else _SPEC_NAME.match(file.name) is not None
                or file.name.startswith(f"{config.id_prefix}-"))
                or file_name_id(file.name, config) is not None):  # named as a spec file
            yield file, found


def _no_name_for_it(file: Path, raw: bytes, first: JsonPath, prefix: str) -> bool:
    """Whether `file`, beside a Markdown file, can show no spec whatever it holds, told
    without loading it: no front matter opens it, its name holds no digit and does not
    start as a spec file's, and its first field (the id's) is written on a top-level line
    (`written_id`) with a digit, so that no id it gives can be a part of its name
    (`_named_after`; a number keeps a digit, a float is no id). A metadata file beside
    each Markdown spec (a KEP's `kep.yaml` with its `kep-number`) is so passed by, not
    loaded."""
    if _has_digit(file.name) or file.name.startswith(f"{prefix}-") or len(first) != 1 \
            or not isinstance(first[0], str) or raw.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
        return False
    value = written_id(raw, first[0], False)
    return value is not None and _has_digit(value)


def _has_digit(text: str) -> bool:
    """Whether `text` holds an ASCII digit (what `_NUMBER` and `_SPEC_NAME` look for)."""
    return any("0" <= character <= "9" for character in text)


def _parsed(document: Document, fields: list[JsonPath]) -> _Shown | None:
    """What a YAML mapping shows: None when it holds a value at none of `fields` (the
    id's first), or is no mapping."""
    if not isinstance(document.data, dict):
        return None
    values: list[JsonValue] = [value_at(document.data, path) for path in fields]
    held = tuple(_name(path) for path, value in zip(fields, values, strict=True)
                 if value not in (None, ""))
    if not held:
        return None
    spec_id = values[0]
    written = spec_id not in (None, "")  # a list or a mapping too: it is at its key
    return _Shown(str(spec_id) if isinstance(spec_id, (str, int))
                  and not isinstance(spec_id, bool) and spec_id != "" else None,
                  held, document.key_position(fields[0]) if written else None,
                  fields[0] if written else ())


def _written(raw: bytes, fields: list[JsonPath], error: YamlError) -> _Shown | None:
    """What a file the loader refused shows by its top-level lines (`written_id`): a
    Markdown file with YAML front matter under a YAML name (a stream of two documents
    to the loader), or a YAML file with a mistake; None when it writes none of `fields`
    (those that are top-level keys)."""
    lines = raw.decode("utf-8", errors="replace").removeprefix("\ufeff").splitlines()
    markdown = bool(lines) and lines[0].rstrip() == "---" \
        and any(line.rstrip() == "---" for line in lines[1:])
    values = [written_id(raw, path[0], markdown) if len(path) == 1 and isinstance(path[0], str)
              else None for path in fields]
    held = [path for path, value in zip(fields, values, strict=True) if value is not None]
    if not held:
        return None
    position = None
    if values[0] is not None:  # the id's top-level line
        key = str(fields[0][0])
        position = next((Position(number, 1) for number, text in enumerate(lines, 1)
                         if text.startswith(key) and text[len(key):].lstrip().startswith(":")),
                        None)
    reason = "" if markdown else f"; it does not load as YAML: {error.message}"
    return _Shown(values[0], tuple(_name(path) for path in held), position,
                  fields[0] if position is not None else (), reason, markdown)


def _name(path: JsonPath) -> str:
    """A field's path as the finding names it."""
    return ".".join(str(key) for key in path)


def _named_after(file: Path, spec_id: str) -> bool:
    """Whether the file's name holds the id, or the id's number (as written)."""
    name = file.name.casefold()
    number = _NUMBER.search(spec_id)
    return spec_id.casefold() in name or (number is not None and number.group() in name)


def _alone(file: Path) -> bool:
    """Whether no Markdown file stands beside the file in its folder."""
    try:
        names = inputs.reader.listdir(file.parent)
    except OSError:
        return False
    return not any(spec_named(name, MARKDOWN_SUFFIXES) for name in names)
