"""The configuration file's place and bytes: its path from the repository's top, the
work tree's copy, and the object id git gives such bytes (a module of its own, light to
load: a warm `validate --history` asks it what the index stages, `index_side`)."""

from __future__ import annotations

import hashlib

from specrepo.base import inputs
from specrepo.model.config import CONFIG_FILE_NAME, Config


def config_file_name(config: Config) -> str:
    """The configuration file's name in its folder (`config.root`): the one loaded, else
    the one a configuration would have."""
    return config.file.name if config.file is not None else CONFIG_FILE_NAME


def config_file_path(config: Config, prefix: str) -> str:
    """The configuration file's path from the repository's top (`prefix`: its folder)."""
    return f"{prefix}/{config_file_name(config)}" if prefix else config_file_name(config)


def config_bytes(config: Config) -> bytes | None:
    """The work tree's configuration file as it is (None: there is none)."""
    if config.file is None:
        return None
    try:
        return inputs.reader.read_bytes(config.file)
    except OSError:
        return None  # it was read a moment ago: loading reported any lasting problem


def blob_id(object_format: str, content: bytes) -> str:
    """The id git gives a blob of `content` in a repository of `object_format`."""
    return hashlib.new(object_format, b"blob %d\0" % len(content) + content).hexdigest()
