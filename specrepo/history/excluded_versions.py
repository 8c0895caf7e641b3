"""The versions of files today's `exclude:` names that a walk over history reads: those
its own commit's configuration read as specs (`specs:` takes the file, its own `exclude:`
does not name it), and no other, so that a spec's status moves made while it was read
are judged though a later commit excluded it, while a template excluded from the start
(or a file after the commit that excluded it) is never read.

The stream lists every file the locations take, excluded or not (`gitio.log`); this
module decides, commit by commit, which of the excluded ones are versions of specs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from specrepo.gitio.log import CommitRecord
from specrepo.history.config_history import configured_locations
from specrepo.history.reading_plan import Configured, ReadingPlan
from specrepo.load.locations import SpecLocation, exclusion_matcher, location_matcher
from specrepo.model.version import Version


def without_exclusions(locations: Iterable[SpecLocation], exclude: tuple[str, ...]
                       ) -> list[SpecLocation]:
    """`locations` with the globs `exclude` (today's `exclude:`, from the repository's
    top) taken out of their own: what the stream lists as spec files, each then judged by
    `ExcludedVersions`."""
    return sorted({location.excluding(tuple(glob for glob in location.exclude
                                            if glob not in exclude))
                   for location in locations})


def todays_exclusions(locations: Iterable[SpecLocation]) -> tuple[str, ...]:
    """The `exclude:` globs (from the repository's top) of today's spec `locations`."""
    return tuple(sorted({glob for location in locations for glob in location.exclude}))


class ExcludedVersions:
    """Called with each commit the stream lists, in walk order (parents first): the commit
    with the versions of files the globs `exclude` (today's `exclude:`) name left out,
    but for those the configuration in force where the version is (the first parent's
    for the version a change replaced, the commit's own for the one it wrote; today's
    where a commit has no configuration file, or one that does not load) reads as spec
    files. A change that keeps neither version is dropped; one that keeps one side adds
    or deletes a spec, as a configuration change taking the file in or out does (see
    `departures`). `plan` knows each commit's configuration file."""

    def __init__(self, plan: ReadingPlan, exclude: tuple[str, ...]) -> None:
        self._plan = plan
        self._excluded = exclusion_matcher(exclude)
        self._active = bool(exclude)
        self._reads: dict[Configured, Callable[[str], bool]] = {None: lambda _: False}
        """A configuration file (see `Configured`) -> whether it reads a file as a spec."""
        self._real: set[str] = set()
        """The excluded files a spec was read in (see `of_specs`)."""

    def __call__(self, commit: CommitRecord) -> CommitRecord:
        if not self._active:
            return commit
        # Every commit's watched files are told the plan in order, those of the commits
        # that change no excluded file too: a stream's read hands several commits on
        # together, and a later one's configuration is that of the ones before it.
        self._plan.number_of(commit)
        if not any(self._excluded(change.path) for change in commit.changes):
            return commit
        before, after = (self._reader(config)
                         for config in self._plan.configurations_of(commit))
        changes = []
        for change in commit.changes:
            if self._excluded(change.path):
                change = replace(
                    change, old_blob=change.old_blob if before(change.path) else None,
                    new_blob=change.new_blob if after(change.path) else None)
                if change.old_blob is None and change.new_blob is None:
                    continue
            changes.append(change)
        return replace(commit, changes=tuple(changes))

    def of_specs(self, commit: CommitRecord, version: Callable[[str, str], Version]
                 ) -> CommitRecord:
        """`commit` (as `__call__` left it, its versions parsed: `version` gives the mined
        fields of a blob at a path) with the versions of excluded files left out until a
        spec is read there: a version with a readable id and status (the schema's), not a
        template's placeholders (`status: provisional|implementable|...`, an id the
        schema takes). From then on the file is followed wherever a configuration reads
        it; a version before it there is no spec's (the change adds the spec)."""
        if not self._active or not any(self._excluded(change.path)
                                       for change in commit.changes):
            return commit
        changes = []
        for change in commit.changes:
            if self._excluded(change.path):
                followed = change.path in self._real
                old = change.old_blob if change.old_blob is not None and (
                    followed or _a_spec(version(change.old_blob, change.path))) else None
                if not (followed or old is not None or change.new_blob is not None
                        and _a_spec(version(change.new_blob, change.path))):
                    continue
                self._real.add(change.path)
                change = replace(change, old_blob=old)
            changes.append(change)
        return replace(commit, changes=tuple(changes))

    def _reader(self, config: Configured) -> Callable[[str], bool]:
        """Whether the configuration file `config` reads a file (from the top) as a spec:
        its `specs:` take it and its own `exclude:` does not name it. One that does not
        load reads none of them (today's, which excludes them, reads its commit)."""
        if config not in self._reads:
            assert config is not None
            path, blob, folder = config
            raw = self._plan.config_content(path, blob)
            located = configured_locations(raw, folder, ())[0] if raw is not None else ()
            self._reads[config] = location_matcher(located) if located else \
                self._reads[None]
        return self._reads[config]


def _a_spec(version: Version) -> bool:
    """Whether a version is a spec's: its id and status are readable."""
    return version.spec_id is not None and version.status is not None \
        and version.readable("id") and version.readable("status")
