"""Which spec file has which id, read through the field map: for specs named by id on the
command line, shell completion, and the next free id."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import UsageError
from specrepo.load.document import JsonPath, read_as_text, value_at
from specrepo.load.locations import spec_named
from specrepo.load.named_specs import NamedSpecs, named_spec_files
from specrepo.load.spec_files import (
    SpecFileListing,
    discover_spec_files,
    load_spec_document,
    read_spec_file,
)
from specrepo.load.written_id import written_id
from specrepo.load.yaml_loader import LoadLimits, YamlError
from specrepo.model.config import Config
from specrepo.model.references import spec_id_hint
from specrepo.model.spec_record import spec_id


def spec_id_in(raw: bytes, config: Config) -> str | None:
    """The id of the spec in `raw`, read through the field map (only its top-level key is
    built); None when the spec has none. Raises `YamlError`."""
    fields = config.fields
    document = load_spec_document(raw, fields.read_as_text,
                                  LoadLimits(max_bytes=config.max_file_size),
                                  keep=frozenset({str(fields.id[0])}),
                                  front_matter=config.front_matter)
    return spec_id(document.data, fields)


def spec_files_of_arguments(arguments: Iterable[str], config: Config, *,
                            allow_empty: bool = True,
                            configured: Callable[[], Sequence[Path]] | None = None
                            ) -> NamedSpecs:
    """Spec files named on the command line by path (files, folders: see
    `named_spec_files`) or by spec id, each by its identity, with a note for each path
    that is no spec; `configured`: the configured spec files, if the caller lists them."""
    paths = [Path(argument) for argument in arguments]
    named = [path for path in paths if inputs.reader.exists(path) or inputs.reader.islink(path)]
    wanted = [str(path) for path in paths if path not in named]
    by_id = files_by_id(config) if wanted else {}
    for name in wanted:
        if name not in by_id:
            shown, hint = spec_id_hint(name, by_id)
            raise UsageError(f"{shown}: no such file or folder, and no spec has this id{hint}")
    listing = configured or SpecFileListing(config, missing_ok=True)
    found = named_spec_files(named, config, listing, config.spec_suffixes,
                             allow_empty=allow_empty or bool(wanted))
    return NamedSpecs(tuple(sorted({*found.files, *(file for name in wanted
                                                    for file in by_id[name])})),
                      found.skipped)


def spec_ids(config: Config, *, missing_ok: bool = True) -> list[str]:
    """The ids of the configured specs, read through the field map. A file that cannot be
    read counts by the id it shows (`unreadable_spec_id`), so that `new` never reuses its
    number. `missing_ok` as for `discover_spec_files`."""
    return sorted(files_by_id(config, missing_ok=missing_ok))


def unreadable_spec_id(path: Path, config: Config) -> str | None:
    """The id of a spec file the loader refused, as far as it shows (`shown_spec_id`);
    None when it shows none."""
    try:
        raw = read_spec_file(path, config.root, config.max_file_size)
    except YamlError:
        raw = b""
    return shown_spec_id(raw, path.name, config)


def shown_spec_id(raw: bytes, name: str, config: Config) -> str | None:
    """The id a spec whose bytes `raw` the loader refused shows, so that `new` never reuses
    its number (a file here, a version on another branch alike): its top-level id line
    (`load.written_id`, for an id field that is a top-level key), else the id its file
    name `name` starts with (`SPEC-0007-x.yaml`, the file-name rule); None when neither
    shows one."""
    found = written_spec_id(raw, config)
    return found if found is not None else file_name_id(name, config)


def file_name_id(name: str, config: Config) -> str | None:
    """The id the file name `name` starts with, by the file-name rule (`SPEC-0007-x.yaml`,
    `SPEC-0007.md`: the configured prefix and a number); None when it starts otherwise (a
    bare number, `0007-x.md` or `2024-01-notes.md`, is not read as one)."""
    named = re.match(rf"{re.escape(config.id_prefix)}-[0-9]+", Path(name).stem)
    return named.group() if named else None


def written_spec_id(raw: bytes, config: Config) -> str | None:
    """The id the top-level id line of a spec whose bytes `raw` the loader refused shows
    (`load.written_id`, for an id field that is a top-level key), where it can be read
    safely: its value holds no byte that is not UTF-8. None otherwise, or with no such
    line: such a file is named by its path (never by its file name's stem)."""
    return _written_field(raw, config.fields.id, config)


def written_status(raw: bytes, config: Config) -> str | None:
    """The status the top-level status line of a spec whose status cannot be read shows
    (`load.written_id`, for a status field that is a top-level key: `status: Aproved`),
    where it reads as text (`written_spec_id`'s rule); None otherwise."""
    return _written_field(raw, config.fields.status or ("status",), config)


def _written_field(raw: bytes, key: JsonPath, config: Config) -> str | None:
    """The value the top-level line of the field at `key` shows in `raw`
    (`load.written_id`), when `key` is one top-level key and the value holds no byte that
    is not UTF-8; None otherwise."""
    if len(key) != 1 or not isinstance(key[0], str):
        return None
    found = written_id(raw, key[0], config.front_matter)
    return found if found is not None and "\ufffd" not in found else None


@dataclass(frozen=True)
class ListedIds:
    """The ids of spec files, each file read once (`listed_spec_ids`)."""

    ids: tuple[str, ...]
    """Each file's id (see `spec_ids`), sorted."""
    written_as_numbers: bool
    """Whether the files write their ids as YAML integers (`vep-number: 282`, KubeVirt's
    VEPs; `read_as_text` aside): at least one does, and every one whose id loads does."""


def listed_spec_ids(files: Iterable[Path], config: Config) -> ListedIds:
    """The ids of the spec `files` (a listing's: `SpecFileListing`), each read once."""
    ids: list[str] = []
    numbers: set[bool] = set()
    for path in files:
        found, number = _read_id(path, config)
        if found is not None:
            ids.append(found)
        if number is not None:
            numbers.add(number)
    return ListedIds(tuple(sorted(ids)), numbers == {True})


def files_with_id(config: Config, wanted: str) -> list[Path]:
    """The configured spec files whose id is `wanted`: the id each reads, else, for a file
    the loader refused, the one its id line shows (`written_spec_id`, as the report names
    it); a file that cannot be read at all shows none."""
    return [path for path in discover_spec_files(config, missing_ok=True)
            if file_spec_id(path, config) == wanted]


def file_spec_id(path: Path, config: Config) -> str | None:
    """The id of the spec file `path`: the one it reads, else, when the loader refuses it,
    the one its id line shows (`written_spec_id`); None when neither, or when it cannot be
    read at all."""
    try:
        raw = read_spec_file(path, config.root, config.max_file_size)
    except YamlError:
        return None
    try:
        return spec_id_in(raw, config)
    except YamlError:
        return written_spec_id(raw, config)


def named_ids(files: Iterable[Path], config: Config) -> list[str]:
    """The ids the names of `files` start with (`file_name_id`), read from no file: so
    that `new` never hands out the id a spec file's name shows when the spec writes
    another (a `file-name` finding)."""
    return sorted({found for path in files if (found := file_name_id(path.name, config))})


def skipped_spec_ids(listing: SpecFileListing, config: Config) -> list[str]:
    """The ids of the spec files `listing` does not read but a rename or a move would make
    specs (`SpecFileListing.hidden_folders`: a misnamed file, `x.yaml `, and the spec files
    below a hidden folder, `specs/.wip/`), so that `new` never hands out their numbers."""
    found: list[str] = []
    for skipped in listing.hidden_folders():
        files = [skipped] if not inputs.reader.isdir(skipped) else [
            Path(folder, name) for folder, _, names in inputs.reader.walk(skipped)
            for name in names if spec_named(name, config.spec_suffixes)]
        found.extend(spec_id for spec_id in map(partial(_id_of, config=config), files)
                     if spec_id is not None)
    return sorted(found)


def files_by_id(config: Config, *, missing_ok: bool = True) -> dict[str, list[Path]]:
    """The configured spec files by their ids (`spec_ids`), each file read once."""
    by_id: dict[str, list[Path]] = {}
    for path in discover_spec_files(config, missing_ok=missing_ok):
        found = _id_of(path, config)
        if found is not None:
            by_id.setdefault(found, []).append(path)
    return by_id


def _id_of(path: Path, config: Config) -> str | None:
    """The id of the spec file `path`, or the one it shows when it does not load."""
    return _read_id(path, config)[0]


def _read_id(path: Path, config: Config) -> tuple[str | None, bool | None]:
    """The id of the spec file `path`, or the one it shows when it does not load
    (`unreadable_spec_id`), read once; and whether it writes its id as a YAML integer
    (`read_as_text` aside; None when it does not load)."""
    try:
        raw = read_spec_file(path, config.root, config.max_file_size)
    except YamlError:
        return shown_spec_id(b"", path.name, config), None
    fields = config.fields
    try:  # loaded as written, then read as the field map says (as `load_spec_content`)
        document = load_spec_document(raw, (), LoadLimits(max_bytes=config.max_file_size),
                                      keep=frozenset({str(fields.id[0])}),
                                      front_matter=config.front_matter)
    except YamlError:
        return shown_spec_id(raw, path.name, config), None
    number = type(value_at(document.data, fields.id)) is int
    read_as_text(document, fields.read_as_text)
    return spec_id(document.data, fields), number
