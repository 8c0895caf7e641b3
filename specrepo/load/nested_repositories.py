"""A folder a spec location takes for a spec file (`specs/vendor.yaml/`) that is a git
submodule or another repository nested in the work tree: told apart from any other
folder, without git, so that the message says what it is."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Final

from specrepo.base import inputs

_PATH_LINE: Final = re.compile(r'^\s*path\s*=\s*"?(.*?)"?\s*$', re.IGNORECASE | re.MULTILINE)
"""A `path = …` line of `.gitmodules` (gitmodules(5); git-config syntax, a value quoted or
not)."""


def is_nested_repository(folder: Path) -> bool:
    """Whether `folder` is a checked-out submodule or nested repository (it holds `.git`,
    a folder or a file), or a submodule not checked out: an empty folder the `.gitmodules`
    of the repository around it names (gitmodules(5), `submodule.<name>.path`)."""
    if inputs.reader.lexists(folder / ".git"):
        return True
    top = next((above for above in inputs.reader.absolute(folder).parents
                if inputs.reader.lexists(above / ".git")), None)
    if top is None:
        return False
    try:
        text = inputs.reader.read_text(top / ".gitmodules", encoding="utf-8",
                                       errors="surrogateescape")
    except OSError:
        return False
    named = inputs.reader.absolute(folder).relative_to(top).as_posix()
    return any(path.strip("/") == named for path in _PATH_LINE.findall(text))


def nested_repository_reason(folder: Path, root: Path) -> str:
    """Why the nested repository `folder` (`is_nested_repository`) is not read as a spec,
    and the `exclude:` entry (from `root`, the folder of specrepo.yaml) that says so."""
    named = Path(os.path.relpath(inputs.reader.absolute(folder),
                                 inputs.reader.absolute(root))).as_posix()
    return ("a git submodule (or another repository nested here), not a spec file: "
            "specrepo does not read another repository's files; add it to `exclude:` "
            f"(`exclude: [{named}]`), or narrow the location to take spec files only")
