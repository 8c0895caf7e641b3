"""A digest of specrepo's own source, for caches whose content the code decides."""

from __future__ import annotations

import hashlib
import os
from functools import cache
from typing import Any

from specrepo.base import inputs


@cache
def code_digest() -> str:
    """The SHA-256 (hex) of the name, size and modification time (ns) of every module of
    the installed specrepo package: a cache keyed by it is stale after any change to the
    code, released or not. Size and time are what Python itself trusts to tell whether a
    module changed since its bytecode was written (PEP 552's default), so whatever code
    runs, its digest differs; reading no file keeps it cheap (200 `stat`s)."""
    digest = hashlib.sha256()
    _add_folder(digest, os.path.dirname(os.path.dirname(inputs.reader.realpath(__file__))), "")
    return digest.hexdigest()


def _add_folder(digest: Any, folder: str, relative: str) -> None:
    """Add the modules of `folder` (`relative` to the package, with its final `/`) and of
    its folders but `__pycache__`, in the order of their names."""
    with inputs.reader.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        if entry.name.endswith(".py") and inputs.reader.entry_is_file(entry):
            status = inputs.reader.entry_stat(entry)
            digest.update(f"{relative}{entry.name}\0{status.st_size}\0{status.st_mtime_ns}\0"
                          .encode("utf-8", "surrogateescape"))
        elif entry.name != "__pycache__" and inputs.reader.entry_is_dir(entry):
            _add_folder(digest, entry.path, f"{relative}{entry.name}/")
