"""The resource bounds of reading one YAML file: its size, nesting depth and alias expansion."""

from __future__ import annotations

from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.load.yaml_role import YamlRole
from specrepo.load.yaml_text import YamlError

DEFAULT_MAX_BYTES: Final = 1024 * 1024
MAX_DEPTH: Final = 100
MAX_ALIAS_NODES: Final = 10_000


@dataclass(frozen=True)
class LoadLimits:
    """Resource bounds for one file."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = MAX_DEPTH
    max_alias_nodes: int = MAX_ALIAS_NODES


DEFAULT_LIMITS: Final = LoadLimits()


def oversized(size: int, max_bytes: int, role: YamlRole = YamlRole.SPEC) -> YamlError:
    """The error for a file of `size` bytes, over the limit of `max_bytes`, that is `role`."""
    return YamlError(f"the file is {size:,} bytes, over the limit of {max_bytes:,}"
                     f"{role.size_advice()}", None, "yaml-limit")
