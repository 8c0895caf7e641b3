"""What a commit that turns `front_matter:` on or off does to the spec set, for the walk
over history: README "Which spec a file is": a file is a spec only where its commit's
configuration reads its kind of file, so a switch is a change of the spec set as a widened
or narrowed `specs:` is (one rule for every configuration key that changes which files are
specs). The files of the kind the switch begins to read, committed before it and left
unchanged by it, enter the set there (an added version); those of the kind it stops
reading leave it (a deleted version), as `ReadingPlan.as_specs` decides for the files the
commit changed.

And each version is read as its kind of file is (trial42b): a Markdown file as Markdown
with front matter, a YAML file as YAML, whichever commit the stream first met its blob in
(a `.md` file committed while `front_matter:` was off is read as the Markdown it is once
the switch reads it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from specrepo.gitio.diff_sides import tracked_files
from specrepo.gitio.git_command import Git
from specrepo.gitio.log import CommitRecord, FileChange
from specrepo.history.readings import Reading
from specrepo.load.locations import SpecLocation, location_matcher, spec_named, spec_suffixes
from specrepo.load.reading_keys import markdown_named

Lister = Callable[[str], Mapping[str, str]]
"""The files of a commit (by full id) that the walk follows, from the repository's top,
each with its blob id."""


def followed_files(git: Git, locations: list[SpecLocation]) -> Lister:
    """The `Lister` of the spec files of `locations` (the walk's), one `git ls-tree` for
    each commit asked (only those that switch `front_matter:`)."""
    matcher = location_matcher(locations)

    def listed(commit: str) -> Mapping[str, str]:
        return {path: blob for path, blob in tracked_files(git, commit).items()
                if matcher(path)}
    return listed


def fitting_reading(readings: list[Reading], number: int, path: str) -> int:
    """The number (in `readings`, appended to when new) of reading `number` with
    `front_matter` set as the file at `path` reads: Markdown for a `.md` file, YAML for
    any other (`number` itself where it reads so already)."""
    reading = readings[number]
    markdown = markdown_named(path)
    if reading.front_matter == markdown:
        return number
    fitted = replace(reading, front_matter=markdown)
    if fitted not in readings:
        readings.append(fitted)
    return readings.index(fitted)


def switched(commit: CommitRecord, formats: tuple[bool | None, bool],
             listed: Lister | None) -> tuple[FileChange, ...]:
    """The changes of `commit` (whose first parent's configuration reads Markdown specs
    or not, `formats[0]`, None: a root commit, and its own `formats[1]`) with a change
    added for each followed file (`listed`) it left as it was whose kind of file the
    switch begins to read (an added version) or stops reading (a deleted version);
    sorted by path as the stream's are. Unchanged where the
    formats are the same or nothing lists the files. Raises `HistoryError` when git
    cannot list them."""
    if formats[0] is None or formats[0] == formats[1] or listed is None:
        return commit.changes
    changed = {change.path for change in commit.changes}
    added = [FileChange(path, None, blob) if markdown_named(path) == formats[1]
             else FileChange(path, blob, None)
             for path, blob in listed(commit.sha).items() if path not in changed]
    return tuple(sorted((*commit.changes, *added), key=lambda change: change.path))


def of_kinds(commit: CommitRecord, formats: tuple[bool | None, bool],
             listed: Lister | None) -> CommitRecord:
    """`commit` with only the versions that are specs under the configuration of their
    own commit (`formats`: front matter on in its parent's, None without a parent, and in
    its own; `switched` with `listed`): a version of a file not named as that side's kind
    is none (the change adds or deletes one)."""
    if formats[0] == formats[1] and all(_fits(change.path, formats[1])
                                        for change in commit.changes):
        return commit  # (most commits: spares a copy of each change)
    changes = tuple(replace(
        change, old_blob=change.old_blob if _fits(change.path, formats[0]) else None,
        new_blob=change.new_blob if _fits(change.path, formats[1]) else None)
        for change in switched(commit, formats, listed))
    if changes == commit.changes:
        return commit
    return replace(commit, changes=tuple(change for change in changes
                                         if change.old_blob or change.new_blob))


def _fits(path: str, markdown: bool | None) -> bool:
    """Whether a file at `path` can be a spec where specs are Markdown (`markdown`), or
    YAML: it is not named as the other kind's are (None: no commit, any)."""
    return markdown is None or not spec_named(path, spec_suffixes(not markdown))
