"""Find the spec files a configuration names, and read them within bounds."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

from specrepo.config import Config
from specrepo.errors import UsageError
from specrepo.yaml_loader import YamlError

SPEC_SUFFIXES: Final = (".yaml", ".yml")
_GLOB_CHARACTERS: Final = frozenset("*?[")


def discover_spec_files(config: Config) -> list[Path]:
    """Every spec file the configuration's locations name, sorted, without repeats."""
    found: set[Path] = set()
    for location in config.spec_locations:
        if _GLOB_CHARACTERS & set(location):
            found.update(path for path in config.root.glob(location)
                         if path.suffix in SPEC_SUFFIXES and not path.is_dir())
        else:
            found.update(_files_below(config.root / location))
    return sorted(found)


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
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > max_bytes:
                raise YamlError(
                    f"the file is {size:,} bytes, over the limit of {max_bytes:,} "
                    "(raise `max_file_size` in specrepo.yaml if this is a real spec)",
                    None,
                    "yaml-limit",
                )
            return stream.read(max_bytes + 1)
    except IsADirectoryError:
        raise YamlError("a folder, not a file", None, "file-read") from None
    except OSError as error:
        raise YamlError(f"cannot read the file: {error.strerror}", None, "file-read") from None
