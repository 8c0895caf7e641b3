"""Each side of a commit that changed the spec locations, as its own configuration reads
it (`departures`, `set_membership`): its configuration, its spec records, and which spec
of the parent's side goes on in which file of the commit's, by the history's identity
rules (`lineage`): the same id (rule 3), then git's rename detection confirmed by
`compare.likeness.same_spec` (rule 4: a file moved *and* renumbered in one commit is still
the same spec)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias
from weakref import WeakKeyDictionary

from specrepo.base.errors import ConfigError
from specrepo.model.config import Config

if TYPE_CHECKING:
    from specrepo.gitio.batch_names import Blob
    from specrepo.gitio.git_command import Git
    from specrepo.gitio.objects import ObjectReader
    from specrepo.history.config_line import ConfigLine
    from specrepo.load.locations import SpecLocation
    from specrepo.load.spec_files import SpecContent
    from specrepo.model.fields import FieldMap
    from specrepo.model.spec_record import SpecRecord
    from specrepo.model.version import VersionContent

Side = tuple[dict[str, str], Config]
"""A commit's spec files (path from the top -> blob) and its configuration."""
ReadConfig: TypeAlias = "tuple[tuple[SpecLocation, ...], Config] | None"
"""What `config_at` gives."""


def continued(git: Git, objects: ObjectReader, commits: tuple[str, str],
              trees: tuple[Mapping[str, str], Mapping[str, str]],
              moved: tuple[Mapping[str, SpecRecord], Mapping[str, SpecRecord]],
              sides: tuple[Side, Side], today: Config) -> tuple[set[str], set[str]]:
    """Which specs of the parent's side that the commit's side no longer has (`moved`
    first: path -> record) go on in a file the commit's side has and its parent's did not
    (`moved` second), as the walk's lineage pairs them (`lineage` rules 3 and 4): the
    paths of each so paired. `commits`: the parent and the commit; `trees`: their tracked
    files (path -> blob); `sides`: their spec files and configurations. By id first
    (a `git mv`, a folder renamed with its configuration); what is left, a file the
    commit deleted and one it added, by git's rename detection between the two commits
    (`gitio.renames.detect_renames`), a pair being one spec only when it kept its title
    and more than half of its own content (`same_spec`), each side read with its own
    configuration under `today`'s size cap. Raises `HistoryError` when git fails."""
    gone, came = moved
    held = {record.id for record in came.values()}
    lost = {record.id for record in gone.values()}
    left = [path for path, record in sorted(gone.items())
            if record.id not in held and path not in trees[1]]
    added = [path for path, record in sorted(came.items())
             if record.id not in lost and path not in trees[0]]
    paired_gone = {path for path, record in gone.items() if record.id in held}
    paired_came = {path for path, record in came.items() if record.id in lost}
    if left and added:
        from specrepo.compare.likeness import same_spec  # noqa: PLC0415 (rarely asked)
        from specrepo.gitio.renames import detect_renames  # noqa: PLC0415

        for old, new in detect_renames(git, commits[0], commits[1], left, added):
            if old in gone and new in came and new not in paired_came and same_spec(
                    gone[old].title or None, came[new].title or None,
                    content_at(objects, sides[0], old, today),
                    content_at(objects, sides[1], new, today)):
                paired_gone.add(old)
                paired_came.add(new)
    return paired_gone, paired_came


def spec_files(git: Git, tree: Mapping[str, str], locations: tuple[SpecLocation, ...]
               ) -> dict[str, str]:
    """The files of `tree` (path from the top -> blob) that `locations` read as specs
    (`location_matcher`): each path matched once a run for each set of locations (the
    sides of a configuration change, a merge and its branch's commit list the same
    thousands of paths)."""
    from specrepo.load.locations import location_matcher  # noqa: PLC0415

    matcher = location_matcher(locations)
    known = _MATCHED.setdefault(git, {}).setdefault(locations, {})
    found = {}
    for path, blob in tree.items():
        matched = known.get(path)
        if matched is None:
            matched = known[path] = matcher(path)
        if matched:
            found[path] = blob
    return found


_MATCHED: WeakKeyDictionary[Git, dict[tuple[SpecLocation, ...], dict[str, bool]]] = \
    WeakKeyDictionary()
"""What `spec_files` matched, by the run's `Git`, by the set of locations and path."""


def unread_at(git: Git, today: Config, config_path: str, asked: list[tuple[str, str]]
              ) -> dict[tuple[str, str], bool]:
    """For each commit and file of `asked`, whether the configuration in force in the
    commit (at `config_path`, else the one its line deleted last: `config_at`) reads no
    spec there (False when it has none, as the walk reads such a commit with today's):
    one object reader for all, asked for every commit's file at once."""
    from specrepo.gitio.historical_filters import attributes_files_above  # noqa: PLC0415
    from specrepo.gitio.objects import ObjectReader  # noqa: PLC0415 (rarely asked)
    from specrepo.load.locations import location_matcher  # noqa: PLC0415

    objects = ObjectReader(git, today.max_file_size)
    readers: dict[tuple[SpecLocation, ...], Callable[[str], bool]] = {}
    found = {}
    carried = carrying(git, today)  # one line: its paths asked of git once
    try:  # the files (and the attributes that filter them) asked of git at once
        objects.prefetch((f"{commit}:{file}", file) for commit, _ in asked
                         for file in (config_path, *attributes_files_above(config_path)))
        for commit, path in asked:
            at = config_at(objects, config_path, commit, carried)
            if at is not None and at[0] not in readers:
                readers[at[0]] = location_matcher(at[0])
            found[commit, path] = at is not None and not readers[at[0]](path)
    finally:
        objects.close()
    return found


def carrying(git: Git, today: Config, head: str | None = None) -> ConfigLine | None:
    """The line of `today`'s configuration file through `git`'s HEAD (`ConfigLine`; `head`:
    HEAD's commit id, when the caller knows it, else asked of git if the line's paths
    are) when a configuration deleted in the history is carried through the commits
    without one (`config_deletions.line_goes_on`); None otherwise."""
    from specrepo.gitio.config_deletions import line_goes_on  # noqa: PLC0415
    from specrepo.history.config_line import ConfigLine  # noqa: PLC0415

    return ConfigLine(git, head) if line_goes_on(today.file) else None


def file_in_force(objects: ObjectReader, config_path: str, commit: str,
                  carried: ConfigLine | None) -> tuple[str, Blob | None]:
    """The configuration file in force in `commit` (its path from the top, and its
    version; None: none): the one at `config_path`, else, with `carried` (see
    `config_at`), the one its line deleted last, wherever the line had it
    (`ConfigLine.held`)."""
    found = objects.file_at(commit, config_path)
    if found is None and carried is not None:
        held = carried.held(commit, config_path)
        if held is not None:
            return held[0], objects.read(held[1], held[0])
    return config_path, found


def config_at(objects: ObjectReader, config_path: str, commit: str,
              carried: ConfigLine | None = None
              ) -> tuple[tuple[SpecLocation, ...], Config] | None:
    """The spec locations (with only that version's own `exclude:`) and configuration of
    `commit`, whose configuration file is `config_path` today (from the repository's top);
    None: it has no file there, or one that does not load (a move or an adoption, which
    the walk follows, or nothing to compare). With `carried` (the configuration's line,
    given when it goes on through deletions: `carrying`), a commit without the file has
    the one its line deleted last in force, wherever the line had it (`ConfigLine.held`),
    as the walk reads it."""
    config_path, found = file_in_force(objects, config_path, commit, carried)
    if found is None or found.content is None:
        return None
    read = _READ.setdefault(objects.git, {})
    if (config_path, found.content) not in read:
        read[config_path, found.content] = _read_config(found.content, config_path)
    return read[config_path, found.content]


_READ: WeakKeyDictionary[Git, dict[tuple[str, bytes], ReadConfig]] = WeakKeyDictionary()
"""What `config_at` read of each version of a configuration file (path, content), by the
run's `Git`: a history has few versions of it, asked at dozens of commits (the benchmark
history's cold report: 79 asks, 4 versions)."""


def _read_config(content: bytes, config_path: str) -> ReadConfig:
    """See `config_at`: one version (`content`) of the configuration at `config_path`."""
    from specrepo.configuration.config_file import config_version  # noqa: PLC0415
    from specrepo.history.config_history import configured_locations  # noqa: PLC0415

    located, problem = configured_locations(content, posixpath.dirname(config_path), ())
    try:
        config = config_version(content, Path(config_path))
    except ConfigError:
        return None
    return None if problem is not None else (tuple(sorted(located)), config)


def record_at(objects: ObjectReader, side: Side, path: str, today: Config
              ) -> SpecRecord | None:
    """The spec record of `path`'s version on `side`, read with that side's field map
    under `today`'s size cap (None: it does not read as a spec); each content read once
    a run as each file with each field map (a merge, its branch's commit and its merged
    parent's side hold the same versions)."""
    from specrepo.model.spec_record import record_from_content  # noqa: PLC0415

    content = objects.read(side[0][path], path).content
    if content is None:
        return None
    config = side[1]
    key = (content, path, config.fields, config.front_matter, today.max_file_size)
    known = _RECORDS.setdefault(objects.git, {})
    if key not in known:
        loaded = _parsed(content, config, today)
        known[key] = None if loaded is None \
            else record_from_content(Path(path), loaded, config.fields)
    return known[key]


_RECORDS: WeakKeyDictionary[Git, dict[tuple[bytes, str, FieldMap, bool, int],
                                      SpecRecord | None]] = WeakKeyDictionary()
"""What `record_at` read, by the run's `Git`, by its content, path and reading."""


def content_at(objects: ObjectReader, side: Side, path: str, today: Config
               ) -> VersionContent | None:
    """The content of `path`'s version on `side` as the walk compares it (`likeness`):
    its data and a Markdown body's sections; None: it does not load."""
    from specrepo.load.markdown_body import body_sections  # noqa: PLC0415
    from specrepo.model.version import VersionContent  # noqa: PLC0415

    loaded = _loaded(objects, side, path, today)
    if loaded is None:
        return None
    body = loaded.parsed_body
    return VersionContent(loaded.document.data, None if body is None else body_sections(body))


def _loaded(objects: ObjectReader, side: Side, path: str, today: Config
            ) -> SpecContent | None:
    """`path`'s version on `side`, loaded with that side's field map under `today`'s
    size cap (None: it does not load)."""
    content = objects.read(side[0][path], path).content
    return None if content is None else _parsed(content, side[1], today)


def _parsed(content: bytes, config: Config, today: Config) -> SpecContent | None:
    """`content` loaded with `config`'s field map under `today`'s size cap (None: it
    does not load)."""
    from specrepo.load.spec_files import load_spec_content  # noqa: PLC0415
    from specrepo.load.yaml_loader import LoadLimits, YamlError  # noqa: PLC0415

    try:
        return load_spec_content(content, config.fields.read_as_text,
                                 LoadLimits(max_bytes=today.max_file_size),
                                 front_matter=config.front_matter)
    except YamlError:
        return None
