"""Show paths the way users typed them: relative to a base folder (the working folder)."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path, base: Path | None = None) -> str:
    """`path` relative to `base` (default: the working folder), `/` separators: below it as
    is, beside it through `..` as git shows paths in a subfolder (`../specs/x.yaml`) when
    the two share a folder other than the filesystem's root; otherwise `path` as given."""
    base = base if base is not None else Path.cwd()
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        pass
    if path.is_absolute() and base.is_absolute() and path.anchor == base.anchor \
            and os.path.commonpath([path, base]) != path.anchor:
        return Path(os.path.relpath(path, base)).as_posix()
    return path.as_posix()
