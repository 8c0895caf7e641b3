"""Heading lines in `approval: protected:` checked against the headings there are: a
heading that `sections:` does not list and no spec has or had (`## Decison Outcome`, or the
right words at the wrong level) would protect nothing, silently, so it is a configuration
error, as a field path the schema cannot hold is.

A heading `sections:` lists passes though no spec has it yet (the template's own section,
before anyone has written one); any other passes once some spec has it, and stays valid
once every spec has removed it (a committed version had it: removing approved text is a
`changed-after-approval` finding, never a configuration error).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path

from specrepo.base.caseless import told_apart
from specrepo.base.errors import ConfigError
from specrepo.base.suggest import suggested
from specrepo.base.wording import counted
from specrepo.load.markdown_body import HeadingText, parse_body
from specrepo.load.spec_files import load_spec_content, read_spec_file
from specrepo.load.staged_versions import StagedVersion, read_staged
from specrepo.load.yaml_loader import LoadLimits, YamlError
from specrepo.model.config import Config

CommittedHeadings = Callable[[Sequence[HeadingText]], Collection[HeadingText] | None]
"""Those of some headings that a committed version of a spec file had; None when there is
no history to look in (see `history.committed_headings`)."""


def refuse_unknown_protected_headings(config: Config,
                                      spec_files: Callable[[], Sequence[Path]],
                                      committed: CommittedHeadings,
                                      staged: Mapping[Path, StagedVersion] | None = None
                                      ) -> None:
    """Raise `ConfigError`, at the line of each entry, when a heading line of `approval:
    protected:` names no heading of `sections:`, no heading of any spec file
    (`spec_files()`, listed and read only while some heading is unseen; a file that
    cannot be read is validate's to report) and no heading of any committed version of a
    spec file (`committed`, asked only about the headings still unseen), with a
    did-you-mean among the headings of its level. Nothing is said when there is no spec
    file. A file among `staged` is read as the index stages it (a hook's run, which judges
    the commit being made: `check.staged_summaries.on_index`), not as the work tree has it."""
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
            raw = read_spec_file(file, config.root, config.max_file_size) \
                if staged is None or file not in staged \
                else read_staged(file, staged[file], config.max_file_size)
            body = load_spec_content(raw, (), limits, frozenset(), front_matter=True).body
        except (YamlError, OSError):
            continue
        for heading in parse_body(body or "").headings:
            seen.setdefault((heading.level, heading.key), heading.shown)
        unseen = {index: heading for index, heading in unseen.items()
                  if (heading.level, heading.key) not in seen}
        if not unseen:
            return
    in_history = committed(list(unseen.values()))
    unseen = {index: heading for index, heading in unseen.items()
              if in_history is None or heading not in in_history}
    if not unseen:
        return
    had = "no commit's spec file had" if in_history is not None \
        else "there is no git history to look in"
    known = [*((section.level, section.key, section.shown)
               for section in config.required_sections),
             *sorted((level, key, shown) for (level, key), shown in seen.items())]
    raise ConfigError("invalid configuration:\n" + "\n".join(
        f"{config.file_shown}:{':'.join(map(str, config.protected_section_places[index]))}: "
        "approval.protected: "
        f"{written!r} is a heading that `sections:` does not list, none of the "
        f"{counted(len(files), 'spec file')} has, and {had}, so it would protect nothing"
        f"{hint}" for index, heading in unseen.items()
        for written, hint in (_suggestion(heading, known),)))


def _suggestion(heading: HeadingText, known: Sequence[tuple[int, str, str]]
                ) -> tuple[str, str]:
    """The heading as the message shows it, and `; did you mean '## Scope'?` for the same
    words at another level, else the closest known heading of the same level (never a
    heading of another level with other words: a document's title is no level-2
    section), or ""; the two shown apart (`suggest.suggested`)."""
    other = next((shown for level, key, shown in known
                  if key == heading.key and level != heading.level), None)
    written, suggestion = told_apart(heading.shown, other) if other is not None else \
        suggested(heading.shown, [shown for level, _, shown in known
                                  if level == heading.level])
    return written, f"; did you mean {suggestion!r}?" if suggestion else ""
