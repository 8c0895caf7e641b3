"""Write files whole or not at all: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from specrepo.errors import OutputError


def _new_file_mode() -> int:
    """The mode `open()` gives a new file: read-write for all, less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(path: Path, text: str, *, must_be_new: bool = False) -> None:
    """Write `text` to `path`; with `must_be_new`, refuse to replace an existing file."""
    folder = path.parent
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                                 dir=folder)
    except OSError as error:
        raise OutputError(f"{folder}: cannot write here: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            # mkstemp makes the file private (0600); the file it becomes should not be.
            os.chmod(temporary, _new_file_mode())
            stream.write(text)
        if must_be_new:
            # link() fails if the name exists, so a file created meanwhile is never replaced.
            os.link(temporary, path)
        else:
            os.replace(temporary, path)
    except FileExistsError:
        raise OutputError(f"{path}: already exists; not replaced") from None
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror}") from None
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)
