"""What `init` and `new` created: one path a line, relative to the working folder."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO


def write_created(stream: TextIO, created: Sequence[Path], base: Path,
                  followed: Path | None = None) -> None:
    """`created <path>` for each file `init` created, or that there was nothing to do;
    first, the configuration above `base` that `init` followed, if it did."""
    if followed is not None:
        stream.write(f"following {os.path.relpath(followed, base)}: this folder is inside "
                     "that spec repository already\n")
    for path in created:
        stream.write(f"created {os.path.relpath(path, base)}\n")
    if not created:
        stream.write("nothing to do: the configuration and specs already exist\n")


def write_new_spec(stream: TextIO, path: Path, base: Path) -> None:
    """The path of the spec `new` wrote."""
    stream.write(f"{os.path.relpath(path, base)}\n")
