"""Every temporary file and folder specrepo makes, so that an environment with no writable
temporary folder is a message naming it (exit 2), never an internal error."""

from __future__ import annotations

import shutil
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.errors import SpecrepoError

_LIVE: set[Path] = set()
"""The temporary folders of this process not removed yet."""


class NoTemporaryFolder(SpecrepoError):
    """No temporary folder can be made: TMPDIR, /tmp, /var/tmp and the rest are unwritable
    (a read-only image, a non-root CI user)."""


def temporary_folder(prefix: str, needed_for: str) -> Path:
    """A new private folder under the temporary folder (TMPDIR, else /tmp, …), which the
    caller removes (`remove_temporary_folder`). Raises NoTemporaryFolder, saying what it
    was `needed_for`."""
    import tempfile  # noqa: PLC0415 (with random: only for the few runs that need one)

    try:
        made = Path(tempfile.mkdtemp(prefix=prefix))
    except OSError as error:
        set_to = inputs.reader.environment().get("TMPDIR")
        where = f"TMPDIR={set_to} is not usable" if set_to else "TMPDIR is unset"
        raise NoTemporaryFolder(
            f"no writable temporary folder ({where}: {error.strerror or error}), needed "
            f"{needed_for}; set TMPDIR to a folder you can write") from None
    _LIVE.add(made)
    return made


def remove_temporary_folder(folder: Path) -> None:
    """Remove `folder`, made by `temporary_folder`, and all it holds."""
    shutil.rmtree(folder, ignore_errors=True)
    _LIVE.discard(folder)


def temporary_folders_live() -> bool:
    """Whether a folder `temporary_folder` made is still to be removed."""
    return bool(_LIVE)


def temporary_file(folder: Path, prefix: str, suffix: str) -> tuple[int, str]:
    """A new private file in `folder` (not the temporary folder): its open descriptor and
    name. Raises OSError, which the caller words for `folder`."""
    import tempfile  # noqa: PLC0415 (see `temporary_folder`)

    return tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
