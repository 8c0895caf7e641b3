"""The report's specs are validate's specs: every configured spec file, matched to its
mined history, and a note for each one the history cannot speak for (and why)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from specrepo.base import inputs
from specrepo.base.paths import real_path, relative_below
from specrepo.check.compiled_schema import spec_schema_source
from specrepo.check.spec_ids import written_spec_id, written_status
from specrepo.check.work_tree_lineage import moved_here
from specrepo.history.submodules import submodule_of, submodule_reason
from specrepo.history.versions import VersionReader
from specrepo.load.schema_source import SchemaSource
from specrepo.load.spec_files import read_spec_file
from specrepo.load.unlisted_folders import CANNOT_READ, unexaminable, unreadable_now
from specrepo.load.yaml_loader import LoadLimits, YamlError
from specrepo.model.config import Config
from specrepo.model.history import History, SpecHistory
from specrepo.model.report import SpecNote
from specrepo.model.version import (
    MINED_FIELDS,
    Version,
    refused_words,
    said_at,
    unloaded_version,
)
from specrepo.report.kept_readings import KeptReadings

NOT_COMMITTED = "not committed yet, so it has no history"


class SpecFile(NamedTuple):
    """One spec of the report: its history, or (for a file with none) what it says now."""

    history: SpecHistory | None
    version: Version
    path: str
    shown_id: str | None = None
    """For a file with no history that does not load, the id its id line shows
    (`written_spec_id`): what the report names it by, else by its path."""
    shown_status: str | None = None
    """For a file with no history whose status cannot be read, the status its status line
    shows (`written_status`: `Aproved`); the report shows it flagged."""


class SpecSet(NamedTuple):
    """validate's set of specs, each with its history where it has one."""

    specs: tuple[SpecFile, ...]
    notes: tuple[SpecNote, ...]
    """The files the history cannot speak for (see `Integrity.spec_notes`)."""
    unreadable: tuple[SpecNote, ...] = ()
    """The committed files whose version at HEAD cannot be read (see
    `Integrity.unreadable_specs`)."""
    unread: tuple[tuple[str, str], ...] = ()
    """The listed files, and folders, that cannot be read now (a folder that cannot be
    listed: `cannot read the folder: ...`), and the files of HEAD's specs inside such a
    folder (`unexaminable`), each with why, as validate names them."""


def unreadable_at_head(spec: SpecHistory, status_field: str = "status") -> SpecNote | None:
    """What to say of a spec whose version at HEAD cannot be read, wholly or in part
    (its fields keep their last readable values), or that has no status (`status_field`,
    the path `fields: status:` names, where the schema does not require it); None when
    HEAD's version is whole and has a status."""
    if spec.current is None:
        return None
    path = spec.current_path or spec.paths[-1]
    if not spec.current.unreadable:
        return None if spec.current.status \
            else SpecNote(spec.spec_id, path, no_status_reason(status_field))
    return SpecNote(spec.spec_id, path, f"HEAD's version {refused_words(spec.current)}: "
                    f"{said_at(spec.current.problems, path)} ({kept_values(spec.current)})")


def kept_values(version: Version) -> str:
    """What the report shows of a spec whose version at HEAD cannot be read (`version`,
    its unreadable fields filled from the versions before it): their last readable values,
    or, when no version had a readable status, no status to show."""
    return "its last readable values are reported" if version.status \
        else "no version of it had a readable status"


def no_status_reason(status_field: str) -> str:
    """Why a spec whose version has no status is in no section of the report but
    integrity's."""
    return (f"it has no `{status_field}` (its status, as `fields: status:` in specrepo.yaml "
            "says), so the report counts it in no section but integrity")


def match_spec_files(config: Config, history: History, files: Sequence[Path],
                     schema: Callable[[], SchemaSource] | None = None,
                     kept: KeptReadings | None = None,
                     moved: Mapping[str, str] | None = None) -> SpecSet:
    """Match the configured spec files (`files`, as `discover_spec_files` lists them: each
    by its identity) to the specs HEAD holds at their paths (symbolic links followed); the
    files with no history, or that are not regular files now, are read as they are (with
    `schema`'s spec schema, else the configured one; the versions `kept` holds for their
    bytes are not read again, and those read are kept there). Specs at HEAD whose file is gone
    from the work tree are kept, with a note. A spec whose version at HEAD cannot be read
    is kept with its last readable values, and named in `unreadable`; a committed file
    that never had a readable version is named there too. `moved`: HEAD's spec files the
    work tree moved -> the file that continues each (`history.moved_specs`, the walk's
    pairing: two files that swap ids are each the other's spec, never matched by path)."""
    top = real_path(history.work_tree)
    status_field = ".".join(map(str, config.fields.status or ("status",)))
    relative_to_top = relative_below(top)
    at_head = {spec.current_path: spec for spec in history.at_head()}
    paired = {*(moved or {}), *(moved or {}).values()}  # not matched by path
    reader = _LazyReader(config, schema, kept)
    specs: dict[str, SpecFile] = {}
    notes: list[SpecNote] = []
    unreadable: list[SpecNote] = []
    unmatched: list[_Unmatched] = []
    for file in files:
        link = (mode := _own_mode(file)) is not None and stat.S_ISLNK(mode)
        relative = _relative(file, link, relative_to_top)
        spec = at_head.pop(relative, None) if relative is not None \
            and relative not in paired else None  # moved away, or another moved here
        if spec is not None:  # HEAD's version reported, whatever the file is now
            refused = None if (inputs.reader.isfile(file) if link or mode is None else
                               stat.S_ISREG(mode)) else reader.read_now(file, str(relative)).unread
            matched = _matched(spec, file, top, status_field, (unreadable, notes, reader.unread),
                               refused)
            specs[matched.path] = matched
            continue
        if relative is not None and relative in specs:
            continue  # a second link to a spec already matched
        shown = relative or str(file)
        version, unread, shown_id, status = reader.read_now(file, shown)
        here = moved_here(history, relative, version.spec_id, moved) if relative else None
        if here is not None and at_head.pop(here.current_path, None) is here:
            assert here.current is not None
            specs[shown] = SpecFile(here, here.current, shown)
            notes.append(SpecNote(here.spec_id, shown, f"moved from {here.current_path} in "
                                  "the work tree (not committed yet): HEAD's version of it "
                                  "is reported"))
            continue
        unmatched.append(_Unmatched(file, relative, shown, version, unread, link, shown_id,
                                    status))
    _say_unmatched(history, unmatched, specs, (unreadable, notes))
    unlisted = tuple(f"{folder}/" for folder, why in reader.unread
                     if why.startswith(CANNOT_READ[0]))  # folders listed, not listable
    for left, note in _left_at_head(at_head, moved or {}, unlisted, top, reader.unread):
        specs[f"\0{left.path}"] = left
        notes.append(note)
    ordered = sorted(specs.values(), key=lambda item: (item.version.spec_id or "", item.path))
    return SpecSet(tuple(ordered), _by_path(notes), _by_path(unreadable),
                   tuple(sorted(reader.unread)))


class _Unmatched(NamedTuple):
    """A listed file no spec of HEAD's was matched to, read as it is now."""

    file: Path
    relative: str | None  # from the top (a link's own where it leads nowhere); None: outside
    shown: str
    version: Version
    unread: str | None  # why it could not be read at all; None: it could
    link: bool
    shown_id: str | None  # the id line's, when it does not load (`SpecFile.shown_id`)
    shown_status: str | None  # the status line's, when unreadable (`SpecFile.shown_status`)

    @property
    def name(self) -> str:
        """What the report names it by: its id, else the one its id line shows, else its
        path (one name for one spec, as validate and timeline name it; trial50)."""
        return self.version.spec_id or self.shown_id or self.shown


def _say_unmatched(history: History, unmatched: list[_Unmatched], specs: dict[str, SpecFile],
                   said: tuple[list[SpecNote], list[SpecNote]]) -> None:
    """Add each of `unmatched` to the spec set: a file HEAD holds that has no history,
    and a link HEAD holds as it is that leads to no file HEAD holds (`broken_at_head`:
    a checkout of HEAD cannot read it either), to the first list of `said` (the specs
    unreadable at HEAD), any other to the second (no history; `unreadable` when it does
    not load); and each that could be read to `specs`, where its unread fields fail
    gates."""
    unreadable, notes = said
    broken = _broken_at_head(history, unmatched)
    for item in unmatched:
        spec_id = item.name
        if item.relative in broken:
            unreadable.append(SpecNote(spec_id, item.shown, "HEAD's version cannot be read: "
                                       f"a symbolic link to {broken[item.relative]}, which "
                                       f"HEAD does not hold ({item.unread}); no version of "
                                       "it was read, so it has no history"))
            specs[item.shown] = SpecFile(None, item.version, item.shown, item.shown_id)
            continue
        if item.relative is not None and item.relative in history.head_files:
            unreadable.append(_unreadable_note(history, spec_id, item.shown))
        else:
            notes.append(SpecNote(spec_id, item.shown, _why_no_history(
                item.file, item.relative, history.work_tree, item.unread),
                unreadable=not item.version.loads, at_head=False))
        # every file read is a row, what cannot be read of it flagged (rptdrop: one that
        # does not load, or whose status is no state, was left out in silence); one that
        # cannot be read at all may be a link to a spec reported by its own path
        if item.unread is None:
            specs[item.shown] = SpecFile(None, item.version, item.shown, item.shown_id,
                                         item.shown_status)


def _broken_at_head(history: History, unmatched: list[_Unmatched]) -> dict[str, str]:
    """The links among `unmatched` that lead nowhere and HEAD holds broken as they are
    (`history.head_links.broken_at_head`) -> each one's target; git asked only then."""
    links = {item.relative: item.file for item in unmatched if item.link and item.unread
             is not None and item.relative is not None and not inputs.reader.exists(item.file)}
    if not links:
        return {}
    from specrepo.history.head_links import broken_at_head  # noqa: PLC0415 (asks git)

    return broken_at_head(history.work_tree, history.head, {
        path: os.fsencode(inputs.reader.readlink(file)) for path, file in links.items()})


def _left_at_head(at_head: Mapping[str | None, SpecHistory], moved: Mapping[str, str],
                  unlisted: tuple[str, ...], top: Path, unread: list[tuple[str, str]]
                  ) -> Iterator[tuple[SpecFile, SpecNote]]:
    """The specs of HEAD's no file of the work tree was matched to (`at_head`, left), each
    with its note, that the work tree does not show (`_not_in_work_tree`), or whose file
    another spec moved into holds it no more (`moved`: HEAD's path -> the work tree's);
    one whose file is there, not among validate's files, is none."""
    taken = set(moved.values()) - set(moved)
    for path, spec in at_head.items():
        assert spec.current is not None and path is not None
        inside = next((folder for folder in unlisted if path.startswith(folder)), None)
        if path in taken or inside is not None or not inputs.reader.lexists(top / path):
            yield SpecFile(spec, spec.current, path), _not_in_work_tree(
                spec.spec_id, path, top, unread, inside, taken=path in taken)


def _not_in_work_tree(spec_id: str, path: str, top: Path, unread: list[tuple[str, str]],
                      unlisted: str | None, *, taken: bool = False) -> SpecNote:
    """The note on a spec of HEAD's whose file the work tree does not show: gone (deleted
    or moved), or, where it cannot be examined (`unexaminable`: a folder above it that
    cannot be searched), unreadable, never gone (added to `unread` then); a file inside
    a folder the listing could not list (`unlisted`, ending with `/`) is not checked; a
    file `taken` by another spec moved into it (`git rm b && git mv a b`) holds it no
    more: removed, as history will say once committed."""
    if taken:
        return SpecNote(spec_id, path, "in HEAD, its file another spec's in the work tree "
                        "(moved there, not committed yet): removed", in_work_tree=False)
    if unlisted is not None and inputs.reader.lexists(top / path):  # searchable, not listable
        return SpecNote(spec_id, path, f"not checked: {unlisted.rstrip('/')} cannot be "
                        "listed: HEAD's version is reported", unreadable=True)
    why = unexaminable(top / path, top)
    if why is None:
        return SpecNote(spec_id, path, "in HEAD but not in the work tree (deleted or moved, "
                        "not committed yet)", in_work_tree=False)
    unread.append((path, why))
    return SpecNote(spec_id, path, f"{why}: HEAD's version is reported", unreadable=True)


def _matched(spec: SpecHistory, file: Path, top: Path, status_field: str,
             said: tuple[list[SpecNote], list[SpecNote], list[tuple[str, str]]],
             refused: str | None) -> SpecFile:
    """HEAD's `spec`, whose work tree file is `file`: reported as HEAD has it, with a
    note in `said`'s first list when its version at HEAD cannot be read
    (`unreadable_at_head`); when the file is no regular file now (`refused`: why it was
    not read, a link that leads nowhere, a folder; in `said`'s third list already), or
    cannot be opened now (`_cannot_open`), a note in the second and the file in the third
    (`SpecSet.unread`)."""
    assert spec.current is not None and spec.current_path is not None
    unreadable, notes, unread = said
    unreadable.extend(note for note in [unreadable_at_head(spec, status_field)] if note)
    why = refused
    if why is None and (why := _cannot_open(file, top)) is not None:  # HEAD's version
        unread.append((spec.current_path, why))
    if why is not None:
        notes.append(SpecNote(spec.spec_id, spec.current_path,
                              f"{why}: HEAD's version is reported", unreadable=True))
    return SpecFile(spec, spec.current, spec.current_path)


def _cannot_open(file: Path, top: Path) -> str | None:
    """Why the work tree's spec file `file`, matched to HEAD's spec and so not read,
    cannot be read now (`cannot read the file: Permission denied`: `chmod 000` on it);
    None when it can. One `access` per file (a recorded question: a whole-result cache's
    replay sees a chmod); the file is opened only when that says no, for the reason."""
    if inputs.reader.access(file, os.R_OK):
        return None
    return unreadable_now(file, top) or "cannot read the file: Permission denied"


def _own_mode(file: Path) -> int | None:
    """The file's own mode (`lstat`: a link's, not its target's); None when it cannot be
    had (gone, say). One system call tells whether it is a link and, when it is not,
    whether it is a regular file."""
    try:
        return inputs.reader.lstat(file).st_mode
    except (OSError, ValueError):
        return None


def _by_path(notes: list[SpecNote]) -> tuple[SpecNote, ...]:
    return tuple(sorted(notes, key=lambda note: note.path))


def _relative(file: Path, link: bool, relative_to_top: Callable[[Path], str | None]
              ) -> str | None:
    """A listed file's path from the top: listed files are resolved already, but for
    links that lead outside (their targets'), and links that lead nowhere and linked
    folders, not read (`linked_folders_unread`), which are named by the link, as the
    commit holds them (trial47: a broken link was named by the file it leads to, and
    HEAD's unreadable spec there went unsaid)."""
    target = real_path(file) if link else file
    relative = relative_to_top(target)
    return relative_to_top(file) if link and relative is not None and (
        inputs.reader.isdir(target) or not inputs.reader.exists(target)) else relative


class _Reading(NamedTuple):
    """A file read as it is now (`_LazyReader.read_now`)."""

    version: Version
    unread: str | None
    """Why it could not be read at all; None: it could (its YAML may still be bad)."""
    shown_id: str | None = None
    """When it does not load, the id its id line shows (`written_spec_id`)."""
    shown_status: str | None = None
    """When its status cannot be read, the one its status line shows (`written_status`)."""


class _LazyReader:
    """Reads files as they are now, with a version reader made on the first read the
    kept versions (`kept`) do not hold: only then is the spec schema read."""

    def __init__(self, config: Config, schema: Callable[[], SchemaSource] | None,
                 kept: KeptReadings | None) -> None:
        self._config, self._schema, self._kept = config, schema, kept
        self._reader: VersionReader | None = None
        self.unread: list[tuple[str, str]] = []
        """Each file that could not be read at all, as shown, and why."""

    def read_now(self, file: Path, shown: str) -> _Reading:
        """The file's version as it is now, and why it could not be read at all (None
        when it could: its YAML may still be bad; else kept in `unread`, by `shown`). The
        schema is read before the first file, as it was without a cache, unless the
        cache's key says it reads."""
        config, kept = self._config, self._kept
        if self._reader is None and (kept is None or not kept.usable()):
            self._reader = self._new_reader()
        try:
            raw = read_spec_file(file, config.root, config.max_file_size)
        except YamlError as error:
            self.unread.append((shown, error.message))
            return _Reading(unloaded_version(error), error.message)
        version = None if kept is None else kept.version(file, raw)
        if version is None:
            self._reader = self._reader or self._new_reader()
            version = self._reader.read(raw, file.name)
            if kept is not None:
                kept.keep_version(file, raw, version)
        loaded = any(map(version.readable, MINED_FIELDS))
        return _Reading(version, None, None if loaded else written_spec_id(raw, config),
                        None if version.readable("status") else written_status(raw, config))

    def _new_reader(self) -> VersionReader:
        config = self._config
        source = self._schema() if self._schema else spec_schema_source(config)
        return VersionReader(LoadLimits(max_bytes=config.max_file_size), source,
                             config.fields, front_matter=config.front_matter,
                             states=config.workflow.states)


def _unreadable_note(history: History, spec_id: str, path: str) -> SpecNote:
    """The note on a file HEAD holds that has no history: no version of it was a spec."""
    if path in history.head_problems:
        return SpecNote(spec_id, path, "HEAD's version cannot be read: "
                        f"{said_at(history.head_problems[path], path)}; no version of it "
                        "had a valid id, so it has no history")
    return SpecNote(spec_id, path, f"HEAD's version of {path} has no valid id, nor had any "
                    "version before it")


def _why_no_history(file: Path, relative: str | None, top: Path, unread: str | None) -> str:
    if relative is None:
        return "a symbolic link that leads outside the repository"
    if unread is not None:
        return f"cannot be read: {unread}"
    submodule = submodule_of(relative, top)
    if submodule is not None:
        return submodule_reason(submodule)
    if inputs.reader.islink(file):
        return "a symbolic link to a file with no history"
    return NOT_COMMITTED
