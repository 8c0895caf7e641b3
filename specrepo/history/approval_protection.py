"""What an approval covered when it was given: `approval: protected:` of the configuration
in force in the approving commit, as well as today's. README: what reviewers approved
changes after approval only with a new approval; so narrowing `protected` after an
approval (in the commit that changes the approved content, or before it) unprotects
nothing that approval covered, while narrowing it before an approval is honoured, and
widening it protects as today (today's configuration judges every change)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from specrepo.base.errors import ConfigError
from specrepo.gitio.batch_names import batch_safe
from specrepo.gitio.config_deletions import line_goes_on
from specrepo.gitio.git_command import Git
from specrepo.gitio.objects import ObjectReader
from specrepo.gitio.repository import RepositoryState
from specrepo.history.config_file_bytes import blob_id, config_bytes, config_file_path
from specrepo.history.config_line import ConfigLine
from specrepo.history.configured_sides import carrying, file_in_force
from specrepo.history.mine import config_prefix
from specrepo.history.side_locations import config_blobs_at
from specrepo.model.change_paths import FieldPath
from specrepo.model.config import Config
from specrepo.model.history import RenamedSince
from specrepo.model.state_renames import renamed_states
from specrepo.model.workflow import Workflow

if TYPE_CHECKING:
    from specrepo.compare.content_events import ContentSettings
    from specrepo.gitio.log import CommitRecord


def approval_settings(config: Config, git: Git, state: RepositoryState,
                      commits: Collection[str]) -> dict[str, ContentSettings]:
    """Approving commit -> today's content settings (`content_settings`) protecting also
    what the configuration file in that commit protected and today's does not, for each
    of `commits` whose configuration protected more (paths or headings). The file is
    looked for where each commit had it: at today's path, else at the paths it had
    earlier along HEAD's first-parent line (`gitio.config_log.line_paths`: moved with its
    specs, `git mv specrepo.yaml specs design/`), newest first (trial36). A commit with
    the file at none of them adds nothing (no configuration was in force there:
    specrepo not adopted yet; today's judges, as history reads such a commit with
    today's), nor does one whose file does not load (its specs read as today's anyway).
    One `git cat-file --batch-check` says which commits hold today's file; only the
    others' are read, and only when some commit lacks it is the line's log asked for.
    Raises `HistoryError` when git fails."""
    others, here = _other_versions(config, git, state, commits)
    if not others:
        return {}
    objects = ObjectReader(git, config.max_file_size)
    try:
        return _versions_at(config, objects, others, here, carrying(git, config))[0]
    finally:
        objects.close()


def approved_states_at(config: Config, git: Git, state: RepositoryState,
                       commits: Collection[str], since: RenamedSince | None = None
                       ) -> dict[str, frozenset[str]]:
    """Commit -> the states the configuration file in that commit counted as approved
    (`statuses: approved:`) and today's does not, each by today's name of it
    (`approved_today`: a state renamed since is the state a spec's move into it reads as),
    for each of `commits` whose file (found as `approval_settings` finds it) loads and
    counted more: what a move into one of them in that commit approved stays an approval,
    as what an approval covered stays covered (README, `approval: protected:`); `since`:
    the renames mining followed (`History.renamed_since`). Raises `HistoryError` when git
    fails."""
    others, _ = _other_versions(config, git, state, commits)
    if not others:
        return {}
    from specrepo.configuration.config_file import config_version  # noqa: PLC0415 (rarely)

    found: dict[str, frozenset[str]] = {}
    objects = ObjectReader(git, config.max_file_size)
    carried = carrying(git, config)  # one line: its paths asked of git once
    try:
        for commit, path in others:
            _, blob = file_in_force(objects, path, commit, carried)
            if blob is None or blob.content is None:
                continue
            try:
                then = approved_today(config, config_version(
                    blob.content, config.file or config.root / "specrepo.yaml").workflow, since)
            except ConfigError:
                continue
            if more := then - config.workflow.approved:
                found[commit] = more
    finally:
        objects.close()
    return found


def approved_today(config: Config, then: Workflow, since: RenamedSince | None = None
                   ) -> frozenset[str]:
    """The states workflow `then` (a version of the configuration's) counted as approved
    (`statuses: approved:`), each by the name today's configuration `config` gives it: a
    state renamed since (as mining followed the renames along the configuration's versions
    after `then`, `since`, `History.renamed_since`: a spec's status written under `then`
    reads so in history; a workflow mining did not read: `renamed_states` of the two
    workflows' states) is judged by the name it had where a spec entered it (trial39: `OK`
    renamed `Accepted` with `approved: []`; trial40: and a state added after)."""
    found = since.get(then.states) if since is not None else None
    renames = dict(renamed_states(then.states, config.workflow.states)
                   if found is None else found)
    return frozenset(renames.get(state, state) for state in then.approved)


def _other_versions(config: Config, git: Git, state: RepositoryState,
                    commits: Collection[str]) -> tuple[list[tuple[str, str]], bytes | None]:
    """(commit, path) for each of `commits` whose configuration file (at today's path, or
    at one it had earlier: `_earlier_places`) differs from the work tree's, and the work
    tree's file's bytes (None: none)."""
    if not commits:
        return [], None
    path = config_file_path(config, config_prefix(config, state.work_tree))
    here = config_bytes(config)
    listed = list(commits)
    asked = [*listed, *([state.head] if state.head is not None else [])]
    blobs, own = config_blobs_at(git, state.object_format, path, asked, here) \
        if batch_safe(path) else ([""] * len(asked), "-")
    others = [(commit, path) for commit, blob in zip(listed, blobs, strict=False)
              if blob is not None and blob != own]
    lacking = [commit for commit, blob in zip(listed, blobs, strict=False) if blob is None]
    if lacking and state.head is not None:
        line = ConfigLine(git, state.head)
        placed = _earlier_places(git, state, line.paths(path)[1:], lacking)
        others.extend(placed)
        if line_goes_on(config.file) and line.ever_deleted(state.head, path):
            # between a deletion and the return: the deleted one (`file_in_force`)
            others.extend((commit, path) for commit in lacking
                          if commit not in {placed_at for placed_at, _ in placed})
    return others, here


def _earlier_places(git: Git, state: RepositoryState, earlier_paths: list[str],
                    lacking: list[str]) -> list[tuple[str, str]]:
    """(commit, path) for each of `lacking` (commits without the configuration file at
    today's path) that has it at one of `earlier_paths`, those it had earlier along HEAD's
    first-parent line (`ConfigLine.paths`: from where the work tree took it when HEAD has
    no file at today's path either, trial38), the newest such path (one `git cat-file
    --batch-check` per path)."""
    found: list[tuple[str, str]] = []
    for earlier in earlier_paths:
        if not lacking or not batch_safe(earlier):
            continue
        blobs, _ = config_blobs_at(git, state.object_format, earlier, lacking, None)
        found.extend((commit, earlier) for commit, blob in zip(lacking, blobs, strict=True)
                     if blob is not None)
        lacking = [commit for commit, blob in zip(lacking, blobs, strict=True) if blob is None]
    return found


ConfigFacts = tuple[bool, frozenset[str] | None]
"""What the versions of the configuration file a walk read tell a warm run (`config_facts`):
whether one may have protected more than today's (`History.wider_protection`), and the
states some version counted as approved (`History.approved_once`; None: unknown)."""


def config_facts(config: Config, state: RepositoryState, objects: ObjectReader,
                 walked_paths: Sequence[str], commits: Iterable[CommitRecord],
                 before: ConfigFacts | None, since: RenamedSince | None = None
                 ) -> ConfigFacts:
    """The facts (`ConfigFacts`) of a walk over `commits` (every commit that changed the
    configuration file at one of `walked_paths`, the paths from the top the walk watched:
    the file's, then those it was moved from; none: it watched none), joined with
    `before`, those of the commits before the walk (a walk continuing a cache; None for a
    whole history). Whether a version of the file a commit of the walk
    wrote at one of them, read as `approval_settings` reads it, protected more than
    today's; and the states (`statuses: approved:`) each version that loads counted as
    approved, by today's names, read as `approved_states_at` reads them (the history
    cache's key holds today's states: a walk continued names them alike). Every version
    of the file in a commit of the walk is one a commit of it wrote (git lists the commits
    that change a file against their first parent, and a root's files as added), or one
    the commits before the walk held. Unknown (True, None) when the walk watched another path than
    the one `approval_settings` reads (no configuration file today, or one reached
    through a symbolic link), or when no commit of a whole history wrote the file at its
    path today (the work tree renamed, moved or re-added it, not committed: HEAD's file is
    elsewhere, `staged_config.head_config_paths`, trial38): it cannot tell. `objects`
    reads the versions (as `ObjectReader.file_at`, through their commit's filter); raises
    `HistoryError` when git fails."""
    path = config_file_path(config, config_prefix(config, state.work_tree))
    if not walked_paths or walked_paths[0] != path:
        return True, None
    wider, approved = before or (False, frozenset())
    here = config_bytes(config)
    own = None if here is None else blob_id(state.object_format, here)
    written: dict[str, tuple[str, str]] = {}
    for commit in commits:
        for at, blob in commit.config_blobs:
            if at in walked_paths:
                written.setdefault(blob, (commit.sha, at))
    if before is None and here is not None \
            and path not in {at for _, at in written.values()}:  # moved, not committed
        return True, None
    if approved is not None and own in written:
        approved |= config.workflow.approved  # today's bytes: today's settings
    places = [place for blob, place in written.items() if blob != own]
    if not places or (wider and approved is None):
        return wider, approved
    settings, states = _versions_at(config, objects, places, here, since=since)
    return wider or bool(settings), None if approved is None else approved | states


def _versions_at(config: Config, objects: ObjectReader, places: list[tuple[str, str]],
                 here: bytes | None, carried: ConfigLine | None = None,
                 since: RenamedSince | None = None
                 ) -> tuple[dict[str, ContentSettings], frozenset[str]]:
    """Commit -> today's settings with what the configuration file at the path `places`
    pairs with the commit protected more (`_wider`), for those whose file protected
    more (`here`: today's file, the same content protects nothing more); and the states
    the versions of the file at `places` that load counted as approved (`statuses:
    approved:`, by today's names: `approved_today`), each distinct version read once.
    With `carried`, a commit without the file has the one its line deleted last
    (`configured_sides.file_in_force`); `since`: see `approved_today`."""
    read: dict[bytes | None, tuple[ContentSettings | None, frozenset[str]]] = {
        None: (None, frozenset())}
    if here is not None:
        read[here] = (None, config.workflow.approved)
    found: dict[str, ContentSettings] = {}
    approved: set[str] = set()
    for commit, path in places:
        _, blob = file_in_force(objects, path, commit, carried)
        raw = None if blob is None else blob.content
        if raw not in read:
            read[raw] = _wider(config, raw, since)
        approved |= read[raw][1]
        if (then := read[raw][0]) is not None:
            found[commit] = then
    return found, frozenset(approved)


def _wider(config: Config, raw: bytes | None, since: RenamedSince | None = None
           ) -> tuple[ContentSettings | None, frozenset[str]]:
    """Today's settings with what the configuration file with content `raw` (None: none,
    which protected nothing) protected and `config` does not (None when it protected
    nothing more), and the states it counted as approved (none when it does not load:
    `approved_states_at` passes it over too)."""
    from specrepo.compare.content_events import content_settings  # noqa: PLC0415 (rarely)
    from specrepo.configuration.config_file import (  # noqa: PLC0415 (rarely)
        config_version,
        protecting_version,
    )

    if raw is None:
        return None, frozenset()  # no file there after all: nothing was in force
    where = config.file or config.root / "specrepo.yaml"
    try:
        then = protecting_version(raw, where)
    except ConfigError:
        try:  # its `approval: protected:` alone may be what does not load
            return None, approved_today(config, config_version(raw, where).workflow, since)
        except ConfigError:
            return None, frozenset()
    paths = tuple(path for path in then.protected if not _covered(path, config.protected))
    protected_now = {(heading.level, heading.key) for heading in config.protected_sections}
    headings = tuple(heading for heading in then.protected_sections  # as headings compare
                     if (heading.level, heading.key) not in protected_now)
    approved = approved_today(config, then.workflow, since)
    if not paths and not headings:
        return None, approved
    settings = content_settings(config)
    return replace(settings, protected=(*settings.protected, *paths),
                   protected_sections=(*settings.protected_sections, *headings)), approved


def _covered(path: FieldPath, protected: tuple[FieldPath, ...]) -> bool:
    """Whether one of `protected` is `path` or above it."""
    return any(path[:len(other)] == other for other in protected)
