"""A cache of mined history, kept inside the repository's git folder as plain JSON.

What is cached can be recomputed from git at any time, so a cache that is missing,
unreadable, corrupt, or written by another specrepo version, schema or configuration is
ignored and rebuilt. It is JSON, never pickle: loading a cache must not run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from specrepo import __version__
from specrepo.history.assemble import Assembly, assembly_from_json, assembly_to_json
from specrepo.history.versions import Version

CACHE_FORMAT: Final = 3
CACHE_FILE: Final = Path("specrepo") / "history-cache.json"


@dataclass
class MiningCache:
    """The walk over history up to `head`, the versions it still needs, merge look-ups."""

    key: str
    head: str | None = None
    assembly: Assembly | None = None
    versions: dict[str, Version] = field(default_factory=dict)
    blobs_at: dict[str, str | None] = field(default_factory=dict)
    """`commit:path` -> blob id, for the parents of merges."""


def cache_key(parts: list[str]) -> str:
    """A key that changes whenever anything that shapes the mined data changes."""
    digest = hashlib.sha256()
    for part in [str(CACHE_FORMAT), __version__, *parts]:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()


def load_cache(git_dir: Path, key: str) -> MiningCache:
    """The cache for `key`, or an empty one if there is none that can be trusted."""
    try:
        data = json.loads((git_dir / CACHE_FILE).read_bytes())
        if data["format"] != CACHE_FORMAT or data["key"] != key:
            return MiningCache(key)
        return MiningCache(
            key=key,
            head=str(data["head"]),
            assembly=assembly_from_json(data["assembly"]),
            versions={str(blob): Version.from_json(item)
                      for blob, item in data["versions"].items()},
            blobs_at={str(where): blob for where, blob in data["blobs_at"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return MiningCache(key)


def save_cache(git_dir: Path, cache: MiningCache) -> None:
    """Write the cache atomically; failing to write it only costs speed next time."""
    assert cache.assembly is not None
    in_use = cache.assembly.blobs_in_use()
    data = {
        "format": CACHE_FORMAT,
        "key": cache.key,
        "head": cache.head,
        "assembly": assembly_to_json(cache.assembly),
        "versions": {blob: version.to_json() for blob, version in cache.versions.items()
                     if blob in in_use},
        "blobs_at": cache.blobs_at,
    }
    path = git_dir / CACHE_FILE
    try:
        path.parent.mkdir(exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cache.")
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(json.dumps(data, separators=(",", ":")))  # dumps: the C encoder
        os.replace(temporary, path)
    except OSError:
        return
