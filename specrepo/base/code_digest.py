"""A digest of specrepo's own source, for caches whose content the code decides."""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path


@cache
def code_digest() -> str:
    """The SHA-256 (hex) of the name, size and modification time (ns) of every module of
    the installed specrepo package: a cache keyed by it is stale after any change to the
    code, released or not. Size and time are what Python itself trusts to tell whether a
    module changed since its bytecode was written (PEP 552's default), so whatever code
    runs, its digest differs; reading no file keeps it cheap (200 `stat`s)."""
    digest = hashlib.sha256()
    package = Path(os.path.realpath(__file__)).parent.parent
    for folder, folders, files in os.walk(package):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                status = os.stat(os.path.join(folder, name))
                relative = os.path.relpath(os.path.join(folder, name), package)
                digest.update(f"{relative}\0{status.st_size}\0{status.st_mtime_ns}\0".encode(
                    "utf-8", "surrogateescape"))
    return digest.hexdigest()
