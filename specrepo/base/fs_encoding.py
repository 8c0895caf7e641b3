"""Names this environment's file-system encoding cannot express as git names them: under an
ASCII locale without Python's UTF-8 mode (a minimal CI image: `LC_ALL=C
PYTHONCOERCECLOCALE=0 PYTHONUTF8=0`), `os.listdir` gives a spec file `résumé.yaml` as
`r\\udcc3\\udca9sum\\udcc3\\udca9.yaml` where git's UTF-8 path reads `résumé.yaml`: the two
sides of a history run would name one file two ways (trial50b: a committed, untouched spec
reported as moved in the work tree). The environment's limit, not the repository's: refused,
with how to lift it."""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterable
from pathlib import Path

from specrepo.base.errors import UsageError


def is_utf8_file_system() -> bool:
    """Whether Python reads and writes file names as UTF-8 (git's paths' encoding)."""
    return codecs.lookup(sys.getfilesystemencoding()).name == "utf-8"


def unencodable_name(name: str) -> str:
    """What to say of a name (a file, a folder, an argument to git) that this environment's
    file-system encoding cannot express as git does."""
    return (f"'{name}' cannot be written in this environment's file-system encoding "
            f"({sys.getfilesystemencoding()}); run with a UTF-8 locale (LANG=C.UTF-8) or "
            "PYTHONUTF8=1")


def refuse_names_git_reads_otherwise(paths: Iterable[Path], top: Path) -> None:
    """Raise `UsageError` (`unencodable_name`) for the first of `paths` (files of the work
    tree whose top folder is `top`, that a history run compares with git's) whose path from
    `top` is not ASCII, where the file-system encoding is not UTF-8: git names it
    otherwise. (The folders above `top` are not git's to name.)"""
    if is_utf8_file_system():
        return
    for path in paths:
        if not (path.relative_to(top) if path.is_relative_to(top) else path).as_posix(
                ).isascii():
            raise UsageError(unencodable_name(str(path)))
