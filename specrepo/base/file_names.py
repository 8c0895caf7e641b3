"""Which ids may name a file: never one that could lead outside its folder."""

from __future__ import annotations

import re
from typing import Final

_SAFE_STEM: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
# Windows' reserved device names, whatever the case and extension (`nul.txt`, `COM1.md`):
# a committed page so named cannot be checked out there ("Naming Files, Paths, and
# Namespaces", Microsoft Learn).
_DEVICE: Final = re.compile(r"(?:CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(?:\..*)?", re.IGNORECASE)


def names_a_file(spec_id: str) -> bool:
    """Whether `spec_id` can be a file's name (before its suffix) in a folder: letters,
    digits, `.`, `_` and `-`, starting with a letter or digit, at most 200, and no
    Windows device name (`CON`, `NUL`, `COM1`, `aux.txt`...).

    Ids are checked although the bundled schema restricts them, because a repository may
    use its own schema: `../x`, `a/b` or a NUL must never reach the file system.
    """
    return _SAFE_STEM.fullmatch(spec_id) is not None and _DEVICE.fullmatch(spec_id) is None
