"""Heading lines in `approval: protected:` checked against the headings there are: a
heading that `sections:` does not list and no spec has (`## Decison Outcome`, or the
right words at the wrong level) would protect nothing, silently, so it is a
configuration error, as a field path the schema cannot hold is.

A heading `sections:` lists passes though no spec has it yet (the template's own
section, before anyone has written one); any other passes once some spec has it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from specrepo.base.errors import ConfigError
from specrepo.base.suggest import did_you_mean
from specrepo.base.wording import counted
from specrepo.load.markdown_body import HeadingText, parse_body
from specrepo.load.spec_files import load_spec_content, read_spec_file
from specrepo.load.yaml_loader import LoadLimits, YamlError
from specrepo.model.config import Config


def refuse_unknown_protected_headings(config: Config,
                                      spec_files: Callable[[], Sequence[Path]]) -> None:
    """Raise `ConfigError`, at the line of each entry, when a heading line of `approval:
    protected:` names no heading of `sections:` and no heading of any spec file
    (`spec_files()`, listed and read only while some heading is unseen; a file that
    cannot be read is validate's to report), with a did-you-mean from both. Nothing is
    said when there is no spec file."""
    listed = {(section.level, section.key) for section in config.required_sections}
    unseen = {index: heading for index, heading in enumerate(config.protected_sections)
              if (heading.level, heading.key) not in listed}
    files = spec_files() if unseen else ()
    if not files:
        return
    seen: dict[tuple[int, str], str] = {}
    limits = LoadLimits(max_bytes=config.max_file_size)
    for file in files:
        try:
            raw = read_spec_file(file, config.root, config.max_file_size)
            body = load_spec_content(raw, (), limits, frozenset(), front_matter=True).body
        except (YamlError, OSError):
            continue
        for heading in parse_body(body or "").headings:
            seen.setdefault((heading.level, heading.key), heading.shown)
        unseen = {index: heading for index, heading in unseen.items()
                  if (heading.level, heading.key) not in seen}
        if not unseen:
            return
    known = [*(section.shown for section in config.required_sections),
             *sorted(set(seen.values()))]
    raise ConfigError("invalid configuration:\n" + "\n".join(
        f"{config.file_shown}:{':'.join(map(str, config.protected_section_places[index]))}: "
        "approval.protected: "
        f"{heading.shown!r} is a heading that `sections:` does not list and none of the "
        f"{counted(len(files), 'spec file')} has, so it would protect nothing"
        + _suggestion(heading, known) for index, heading in unseen.items()))


def _suggestion(heading: HeadingText, known: Sequence[str]) -> str:
    suggestion = did_you_mean(heading.shown, known)
    return f"; did you mean {suggestion!r}?" if suggestion else ""
