"""A digest of specrepo's own source, for caches whose content the code decides."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path


@cache
def code_digest() -> str:
    """The SHA-256 (hex) of every module of the installed specrepo package, names and bytes:
    a cache keyed by it is stale after any change to the code, released or not."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
