"""Warn of a `specs:` or `exclude:` glob with `**` inside a name (`rfcs/**.md`): git's
wildmatch reads it as one `*` (gitignore(5): "other consecutive asterisks are considered
regular asterisks"), so it takes no file in a folder below, where the writer most likely
meant every folder below (check57: `specs: rfcs/**.md` checked `rfcs/0001-a.md` and left
`rfcs/text/0002-b.md` out, exit 0)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from specrepo.load.document import JsonPath
from specrepo.load.glob_patterns import wildmatch_stars
from specrepo.model.config import Config

_ESCAPED: Final = re.compile(r"\\.")


def starred_names(config: Config) -> tuple[str, ...]:
    """A warning (`FILE:LINE:COL: ...`, at the glob's entry) for each `specs:` and
    `exclude:` glob the configuration file writes with `**` inside a name, naming the
    glob it reads as (`rfcs/*.md`) and the one for every folder below (`rfcs/**/*.md`)."""
    return tuple(
        f"{config.placed(setting)}: {setting[0]}: '{glob}' has `**` inside a name, which "
        f"git reads as one `*`: it matches as '{wildmatch_stars(glob)}', no file in a "
        f"folder below; write that to say so, or '{_every_folder_below(glob)}' for every "
        "folder below"
        for setting, glob in _written_globs(config) if _starred(glob))


def _written_globs(config: Config) -> Iterator[tuple[JsonPath, str]]:
    """Each `specs:` entry (`("specs", 0)`) and `exclude:` glob with where it is written."""
    if config.file is None:
        return
    yield from ((("specs", index), glob) for index, glob in enumerate(config.spec_locations))
    yield from ((place, glob) for glob, place in config.exclude_places)


def _starred(glob: str) -> bool:
    """Whether a name of `glob` (escapes aside) holds `**` besides other characters."""
    return any("**" in part and part.strip("*")
               for part in _ESCAPED.sub("_", glob).split("/"))


def _every_folder_below(glob: str) -> str:
    """`glob` with each name holding `**` written as `**/` and the name (`rfcs/**.md` ->
    `rfcs/**/*.md`, `0**.md` -> `**/0*.md`)."""
    unescaped = _ESCAPED.sub("_", glob).split("/")
    return "/".join(f"**/{wildmatch_stars(part)}" if _starred(plain) else part
                    for part, plain in zip(glob.split("/"), unescaped, strict=False))
