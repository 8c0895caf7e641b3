"""Which ids may name a file: never one that could lead outside its folder."""

from __future__ import annotations

import re
from typing import Final

_SAFE_STEM: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


def names_a_file(spec_id: str) -> bool:
    """Whether `spec_id` can be a file's name (before its suffix) in a folder: letters,
    digits, `.`, `_` and `-`, starting with a letter or digit, at most 200.

    Ids are checked although the bundled schema restricts them, because a repository may
    use its own schema: `../x`, `a/b` or a NUL must never reach the file system.
    """
    return _SAFE_STEM.fullmatch(spec_id) is not None
