"""The versions of files today's `exclude:` names that a walk over history reads: those
its own commit's configuration read as specs (`specs:` takes the file, its own `exclude:`
does not name it), and no other, so that a spec's status moves made while it was read
are judged though a later commit excluded it, while a template excluded from the start
(or a file after the commit that excluded it) is never read.

The stream lists every file the locations take, excluded or not (`gitio.log`); this
module decides, commit by commit, which of the excluded ones are versions of specs."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import replace

from specrepo.gitio.log import CommitRecord, FileChange
from specrepo.history.config_history import configured_locations
from specrepo.history.reading_plan import ReadingPlan
from specrepo.history.workflow_steps import Configured
from specrepo.load.locations import SpecLocation, exclusion_matcher, location_matcher
from specrepo.model.version import Version


class ExcludedVersions:
    """Called with each commit the stream lists, in walk order (parents first): the commit
    with the versions of files today's `exclude:` names left out,
    but for those the configuration in force where the version is (the first parent's
    for the version a change replaced, the commit's own for the one it wrote, the one
    its line deleted between a deletion and the file's return: `ReadingPlan`; today's
    where a commit has no configuration file, or one that does not load) reads as spec
    files. A change that keeps neither version is dropped; one that keeps one side adds
    or deletes a spec, as a configuration change taking the file in or out does (see
    `departures`). `plan` knows each commit's configuration file; today's `exclude:`
    globs are those of today's spec `locations` (from the repository's top); `followed`,
    the files a spec was read in (`of_specs`), is the walk's (`Assembly.followed`, cached
    with it): a walk continued over new commits follows what the walk before it decided
    to, as one over the whole history does."""

    def __init__(self, plan: ReadingPlan, locations: Iterable[SpecLocation],
                 followed: set[str]) -> None:
        self._plan = plan
        self._exclude = exclude_globs(locations)
        self._excluded = _remembered(exclusion_matcher(sorted(self._exclude)))
        self._active = bool(self._exclude)
        self._reads: dict[Configured, Callable[[str], bool]] = {None: lambda _: False}
        """A configuration file (see `Configured`) -> whether it reads a file as a spec."""
        self._real = followed
        """The excluded files a spec was read in (see `of_specs`), added to as read."""

    def listed(self, locations: Iterable[SpecLocation]) -> list[SpecLocation]:
        """`listed_locations`: what the stream lists as spec files, each then judged here."""
        return listed_locations(locations, self._exclude)

    def __call__(self, commit: CommitRecord) -> CommitRecord:
        if not self._active:
            return commit
        # Every commit's watched files are told the plan in order, those of the commits
        # that change no excluded file too: a stream's read hands several commits on
        # together, and a later one's configuration is that of the ones before it.
        if commit.watched:
            self._plan.number_of(commit)
        if not any(self._excluded(change.path) for change in commit.changes):
            return commit
        before, after = (self._reader(config)
                         for config in self._plan.configurations_of(commit))
        return _kept(commit, self._excluded, lambda change: replace(
            change, old_blob=change.old_blob if before(change.path) else None,
            new_blob=change.new_blob if after(change.path) else None))

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

        def followed(change: FileChange) -> FileChange:
            def a_spec(blob: str | None) -> bool:
                return blob is not None and _a_spec(version(blob, change.path))

            if change.path in self._real or a_spec(change.old_blob):
                self._real.add(change.path)
                return change
            if not a_spec(change.new_blob):
                return replace(change, old_blob=None, new_blob=None)
            self._real.add(change.path)
            return replace(change, old_blob=None)

        return _kept(commit, self._excluded, followed)

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


def exclude_globs(locations: Iterable[SpecLocation]) -> frozenset[str]:
    """The `exclude:` globs of `locations` (today's: the configuration's own)."""
    return frozenset(glob for location in locations for glob in location.exclude)


def listed_locations(locations: Iterable[SpecLocation], exclude: Collection[str]
                     ) -> list[SpecLocation]:
    """`locations` (those a walk follows) without today's `exclude:` globs (`exclude`,
    `exclude_globs`) among their own: the files a walk lists, as an older configuration
    may read as a spec a file today's excludes (`excluded_fetch`)."""
    return sorted({location.excluding(tuple(
        glob for glob in location.exclude if glob not in exclude)) for location in locations})


def _a_spec(version: Version) -> bool:
    """Whether a version is a spec's: its id and status are readable."""
    return version.spec_id is not None and version.status is not None \
        and version.readable("id") and version.readable("status")


def _kept(commit: CommitRecord, excluded: Callable[[str], bool],
          kept: Callable[[FileChange], FileChange]) -> CommitRecord:
    """`commit` with each change of a file `excluded` names as `kept` leaves it (with
    neither version: dropped)."""
    changes = (kept(change) if excluded(change.path) else change for change in commit.changes)
    return replace(commit, changes=tuple(change for change in changes
                                         if change.old_blob or change.new_blob))


def _remembered(excluded: Callable[[str], bool]) -> Callable[[str], bool]:
    """`excluded`, each path's answer kept: a walk asks about the same few thousand paths
    tens of thousands of times (every change, in the stream's thread and the walk's)."""
    answers: dict[str, bool] = {}

    def remembered(path: str) -> bool:
        answer = answers.get(path)
        if answer is None:
            answer = answers[path] = excluded(path)
        return answer

    return remembered
