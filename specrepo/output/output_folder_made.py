"""Creating the output folder of `render` and `site`: all the folders it needs, or none."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.paths import display_path
from specrepo.base.writable_folders import write_refused

NOTHING_WRITTEN: Final = "nothing written"
"""What `render` and `site` wrote when their output folder cannot be made: it is made
before the first page, and the folders made on the way are taken back."""


def make_output_folder(top: Path) -> None:
    """Create the output folder `top` and the folders leading to it that are missing. When
    one cannot be made, remove those this made and raise OutputError naming the output
    folder, the one that could not be made where that is another, and why (trial50:
    `site --out` under a read-only folder named `_site/assets`, a folder inside it)."""
    missing = []
    folder = top
    while not inputs.reader.isdir(folder) and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    made: list[Path] = []
    for folder in reversed(missing):
        try:
            folder.mkdir(exist_ok=True)  # another run may make it meanwhile
        except OSError as error:
            for left in reversed(made):
                with contextlib.suppress(OSError):  # another run's pages in it: kept
                    left.rmdir()
            which = "" if folder == top else f": {display_path(folder)} cannot be created"
            raise write_refused(top, f"create the output folder{which}",
                                error.strerror or str(error), NOTHING_WRITTEN) from None
        made.append(folder)


def refuse_long_names(top: Path, existing: Path, named: str) -> None:
    """Refuse an output folder `top` (named `named`) that cannot be created, whatever the
    run: one of the folders below the folder `existing` leading to it has a name longer
    than the file system allows there. Raises OutputError."""
    if top == existing:
        return
    try:
        longest = os.pathconf(existing, "PC_NAME_MAX")
    except (OSError, ValueError):
        return  # not known: creating it says
    if any(len(os.fsencode(part)) > longest for part in top.relative_to(existing).parts):
        raise write_refused(named, "create the output folder", os.strerror(errno.ENAMETOOLONG),
                            NOTHING_WRITTEN)
