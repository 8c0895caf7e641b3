"""Find the spec files a configuration names, and read them within bounds."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

from specrepo.config import Config
from specrepo.errors import ConfigError, UsageError
from specrepo.yaml_loader import YamlError, load_yaml

SPEC_SUFFIXES: Final = (".yaml", ".yml")
_GLOB_CHARACTERS: Final = frozenset("*?[")
# A top-level `id:` line; enough to offer ids for completion without parsing YAML.
_ID_LINE: Final = re.compile(rb"""^id:[ \t]*["']?([^"'\s#]+)""", re.MULTILINE)


def discover_spec_files(config: Config, *, missing_ok: bool = False) -> list[Path]:
    """Every spec file the configuration's locations name, sorted, without repeats.

    A folder that does not exist is a configuration error, unless `missing_ok` and no
    configuration file names it (checking files given by name outside a spec repository).
    """
    found: set[Path] = set()
    for location in config.spec_locations:
        if _GLOB_CHARACTERS & set(location):
            found.update(path for path in config.root.glob(location)
                         if path.suffix in SPEC_SUFFIXES and not path.is_dir())
        else:
            folder = config.root / location
            if not folder.is_dir():
                if missing_ok and config.file is None:
                    continue
                raise ConfigError(_missing_folder_message(config, location))
            found.update(_files_below(folder))
    return sorted(found)


def _missing_folder_message(config: Config, location: str) -> str:
    if config.file is None:
        return (f"no {location}/ folder in {config.root} and no specrepo.yaml here or above; "
                "run `specrepo init` to start a spec repository")
    return f"{config.file}: the specs folder '{location}' does not exist"


def expand_arguments(arguments: Iterable[Path]) -> list[Path]:
    """Spec files named on the command line: files as given, folders searched."""
    found: set[Path] = set()
    for argument in arguments:
        path = argument.absolute()
        if path.is_dir():
            found.update(_files_below(path))
        elif path.exists() or path.is_symlink():
            found.add(path)
        else:
            raise UsageError(f"{argument}: no such file or folder")
    return sorted(found)


def _files_below(folder: Path) -> Iterator[Path]:
    # os.walk does not follow symlinked folders, so a link cannot lead the walk in circles.
    for directory, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if name.endswith(SPEC_SUFFIXES):
                yield Path(directory, name)


def read_spec_file(path: Path, root: Path, max_bytes: int) -> bytes:
    """The bytes of a spec file, refusing links that leave `root` and files over the cap."""
    if path.is_symlink():
        target = path.resolve()
        if not target.exists():
            raise YamlError("broken symbolic link; nothing to read", None, "file-read")
        if not target.is_relative_to(root.resolve()):
            raise YamlError(
                f"symbolic link to {target}, outside the repository; not read",
                None,
                "file-read",
            )
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            # Opening a pipe would block forever; devices and folders hold no spec.
            raise YamlError("not a regular file (a folder, pipe or device)", None, "file-read")
        if status.st_size > max_bytes:
            raise YamlError(
                f"the file is {status.st_size:,} bytes, over the limit of {max_bytes:,} "
                "(raise `max_file_size` in specrepo.yaml if this is a real spec)",
                None,
                "yaml-limit",
            )
        with path.open("rb") as stream:
            return stream.read(max_bytes + 1)
    except OSError as error:
        raise YamlError(f"cannot read the file: {error.strerror}", None, "file-read") from None


def spec_id_from_argument(argument: str, config: Config) -> str:
    """A spec named on the command line by id, or by the path of its file."""
    path = Path(argument)
    if not path.is_file():
        return argument
    try:
        data = load_yaml(read_spec_file(path.absolute(), config.root, config.max_file_size)).data
    except YamlError as error:
        raise UsageError(f"{argument}: cannot read its id: {error.message}") from None
    spec_id = data.get("id") if isinstance(data, dict) else None
    if not isinstance(spec_id, str):
        raise UsageError(f"{argument}: the file has no id")
    return spec_id


def spec_ids(config: Config, *, missing_ok: bool = True) -> list[str]:
    """The ids of the configured specs, read cheaply (no YAML parsing): the top-level `id:`
    line of each file, or the file name when there is none; unreadable files are left out.
    `missing_ok` as for `discover_spec_files`."""
    found = set()
    for path in discover_spec_files(config, missing_ok=missing_ok):
        try:
            match = _ID_LINE.search(read_spec_file(path, config.root, config.max_file_size))
        except YamlError:
            continue
        found.add(match.group(1).decode("utf-8", "replace") if match else path.stem)
    return sorted(found)
