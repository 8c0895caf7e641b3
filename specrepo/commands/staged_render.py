"""What `render --check --staged` reads of the commit being made, the index, in place of the
work tree (a pre-commit hook's run: a page rendered and not staged, or a spec staged and
its page not, is what the commit lacks, whatever the work tree holds): the spec files the
index stages in the spec locations, with their bytes, and the files it stages in render's
output folder. The configuration and the schema are read from the work tree, which must
hold what the index stages of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import ConfigError, UsageError
from specrepo.base.paths import display_path, real_path
from specrepo.base.work_tree import repository_top
from specrepo.check.compiled_schema import SpecSchemaOnce
from specrepo.check.findings_key import findings_input_files
from specrepo.gitio.commit_match import differing_from_index, status_blind_files
from specrepo.gitio.git_command import Git
from specrepo.gitio.index_files import (
    FILE_MODES,
    LINK_MODE,
    IndexEntry,
    index_entries,
    link_target,
)
from specrepo.gitio.objects import ObjectReader
from specrepo.history.absent_folders import with_absent_folders
from specrepo.history.mine import config_prefix
from specrepo.load.empty_locations import refuse_missing
from specrepo.load.locations import SpecLocation, location_matcher, pathspecs
from specrepo.load.spec_files import require_spec_repository
from specrepo.load.staged_versions import (
    UNMERGED,
    StagedProblem,
    StagedVersion,
    broken_link_reason,
)
from specrepo.model.config import Config
from specrepo.output.page_folders import StagedPages

_PAGE_LIMIT = 1 << 30
"""The most bytes of one file read from the index (a page has no size limit of its own;
a spec file's is `max_file_size`, applied to what is read)."""


@dataclass(frozen=True)
class StagedRender:
    """The commit being made as render reads it: its spec files (by identity, absolute),
    the version of each the index stages, and the pages it stages."""

    spec_files: tuple[Path, ...]
    specs: Mapping[Path, StagedVersion]
    pages: StagedPages


def staged_render(config: Config, folder: Path) -> StagedRender:
    """What the index stages of `config`'s spec files and of the output folder `folder`
    (resolved, in the work tree): a regular file's bytes as `git checkout` would write
    them (through its filters), a link's target's where the index stages it (a link to a
    file it does not stage is broken in the commit), an unmerged path as such; files
    added with intent to add only (`git add -N`) are not the commit's. Raises
    `ConfigError` where a spec folder is missing (`_refuse_missing_folders`),
    `UsageError` outside a git work tree, `ConfigError` when the work tree's configuration
    or schema is not what the index stages (`refuse_unstaged_inputs`), `HistoryError`
    when git fails."""
    _refuse_missing_folders(config)
    top = repository_top(config.root)
    if top is None:
        raise UsageError(f"--staged judges the commit being made, as the index stages it: "
                         f"{config.root} is in no git work tree")
    git = Git(top)
    refuse_unstaged_inputs(config, git, top)
    prefix = config_prefix(config, top)
    locations = [location.below(prefix) for location in config.locations]
    locations += _linked_folders(git, top, locations)
    out = real_path(folder).relative_to(top).as_posix()
    out_prefix = "" if out == "." else f"{out}/"
    is_spec = location_matcher(locations)
    entries = {path: entry for path, entry in index_entries(git, [*pathspecs(locations), (
        f":(top,literal){out}" if out_prefix else ":(top,glob)*")]).items()
        if is_spec(path) or _is_page(path, out_prefix)}
    read = _read_files(git, entries)
    targets = [f":(top,literal){target}" for path, target in _link_targets(entries, read)
               if is_spec(path) and target not in entries]
    read.update(_read_files(git, index_entries(git, targets)))
    specs: dict[Path, StagedVersion] = {}
    for path, entry in entries.items():
        if is_spec(path) and entry.mode in (*FILE_MODES, LINK_MODE):
            identity, version = _spec_version(path, entry, read, config.max_file_size)
            specs[top / identity] = version
    pages = {path.removeprefix(out_prefix): _page_version(entry, read.get(path))
             for path, entry in entries.items() if _is_page(path, out_prefix)}
    return StagedRender(tuple(sorted(specs)), specs, StagedPages(folder, pages))


def _refuse_missing_folders(config: Config) -> None:
    """Raise `ConfigError` as the work tree's listing does (exit 2, never a missing page):
    nothing says where specs are (no configuration, no default spec folder: a run in the
    wrong folder, `require_spec_repository`), or a configured folder is neither in the work
    tree nor in the commit being made or HEAD (a typo in `specs:`; one the commit empties,
    `git rm -r specs`, is judged: `with_absent_folders`)."""
    require_spec_repository(config)
    settled = with_absent_folders(config)
    for index, location in enumerate(settled.locations):
        place = settled.root / location.path
        if location.kind == "folder" and location.path not in settled.absent_folders \
                and not (inputs.reader.exists(place) or inputs.reader.islink(place)):
            refuse_missing(settled, index)


def refuse_unstaged_inputs(config: Config, git: Git, top: Path) -> None:
    """Raise `ConfigError` when the configuration file or a file of the schema (its own
    and each one its references reach) differs in the work tree, where the run reads it,
    from the index, the commit being made: compared by content (`differing_files`), so an
    edit `git status` does not show (a file marked assume-unchanged or skip-worktree) is
    one too, and a file the index does not hold (untracked, or added with intent to add)
    is one the commit lacks."""
    named = [real_path(path) for path in
             findings_input_files(config, SpecSchemaOnce(config)())]
    read = sorted({path.relative_to(top).as_posix() for path in named
                   if path.is_relative_to(top)})
    entries, differing = differing_from_index(git, top, read)
    if not differing:
        return
    blind = status_blind_files(git, differing)
    shown = ", ".join(
        display_path(top / path) + (" (not in the index)" if path not in entries else
                                    " (marked assume-unchanged or skip-worktree)"
                                    if path in blind else "")
        for path in differing)
    raise ConfigError(
        f"the work tree differs from the index (the commit being made) in {shown}: "
        "--staged judges the specs and pages as the index stages them, and reads the "
        "configuration and the schema from the work tree; stage them (`git add`), or stash "
        "what is not staged (`git stash --keep-index --include-untracked`), and run again")


def _linked_folders(git: Git, top: Path, locations: Sequence[SpecLocation]
                    ) -> list[SpecLocation]:
    """The folders (from the top folder `top`) that folder locations the index holds as
    symbolic links lead to, inside the repository, as folder locations: a spec folder
    that is a link is read through it, as the work tree's is (`history.mine`). Only a
    folder the work tree holds as a link is asked of the index (then one `git ls-files`,
    one `cat-file`)."""
    linked = [location for location in locations if location.kind == "folder"
              and location.path and inputs.reader.islink(top / location.path)]
    if not linked:
        return []
    entries = index_entries(git, [f":(top,literal){location.path}" for location in linked])
    read = _read_files(git, {path: entry for path, entry in entries.items()
                             if entry.mode == LINK_MODE})
    return [SpecLocation("folder", target, location.markdown) for location in linked
            if isinstance(held := read.get(location.path), bytes)
            and (target := link_target(location.path, held)) is not None]


def _is_page(path: str, out_prefix: str) -> bool:
    """Whether `path` (from the top) is a file of the output folder itself (`out_prefix`:
    its path from the top and a `/`, or "" for the top), where render writes its pages."""
    return path.startswith(out_prefix) and "/" not in path[len(out_prefix):]


def _read_files(git: Git, entries: Mapping[str, IndexEntry]) -> dict[str, bytes | int]:
    """Each regular file's and link's bytes among `entries` (a link's: its target's path),
    read in one `git cat-file --batch`; a file's through the filters its path's attributes
    give, as `git checkout` writes it; its size where it is over `_PAGE_LIMIT`."""
    readable = {path: entry for path, entry in entries.items()
                if not entry.unmerged and entry.mode in (*FILE_MODES, LINK_MODE)}
    objects = ObjectReader(git, _PAGE_LIMIT)
    try:
        objects.prefetch((entry.blob, path) for path, entry in readable.items())
        objects.end_requests()
        found: dict[str, bytes | int] = {}
        for path, entry in readable.items():
            blob = objects.read(entry.blob, path, through_filter=entry.mode != LINK_MODE)
            found[path] = blob.content if blob.content is not None else blob.size
        return found
    finally:
        objects.close()


def _spec_version(path: str, entry: IndexEntry, read: Mapping[str, bytes | int],
                  max_bytes: int) -> tuple[str, StagedVersion]:
    """A spec file's path (from the top: a link's target where the index stages that
    file, as a checkout's spec file is the file its link leads to) and the version the
    index stages of it."""
    if entry.unmerged:
        return path, UNMERGED
    if entry.mode == LINK_MODE:
        held = read.get(path)
        target = link_target(path, held) if isinstance(held, bytes) else None
        followed = read.get(target) if target is not None else None
        if target is not None and followed is not None:
            return target, _sized(followed, max_bytes)
        return path, StagedProblem(reason=broken_link_reason(target))
    return path, _sized(read[path], max_bytes)


def _link_targets(entries: Mapping[str, IndexEntry], read: Mapping[str, bytes | int]
                  ) -> list[tuple[str, str]]:
    """Each link among `entries` with the path (from the top) it leads to, where that is
    inside the repository."""
    return [(path, target) for path, entry in entries.items() if entry.mode == LINK_MODE
            and isinstance(held := read.get(path), bytes)
            and (target := link_target(path, held)) is not None]


def _sized(held: bytes | int, max_bytes: int) -> StagedVersion:
    """A file's bytes, or its size when they are over `max_bytes`."""
    if isinstance(held, int) or len(held) > max_bytes:
        return StagedProblem(held if isinstance(held, int) else len(held))
    return held


def _page_version(entry: IndexEntry, held: bytes | int | None) -> bytes | str:
    """What the index stages at a page's path: its bytes, or why it is no page render
    could have written."""
    if entry.unmerged:
        return "the index holds it unmerged (a conflict not marked resolved)"
    if entry.mode == LINK_MODE:
        return "the index holds a symbolic link there, which specrepo never writes through"
    if not isinstance(held, bytes):
        return "the index holds no file there (a submodule), or one too large to be a page"
    return held
