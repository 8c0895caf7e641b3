"""`specrepo timeline`: one spec's history, named by id or by its file."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import field, replace
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.caseless import shown_among, told_apart
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import ExitCode, UsageError
from specrepo.base.paths import real_path
from specrepo.base.suggest import shown_choices
from specrepo.base.wording import counted
from specrepo.check.spec_ids import file_spec_id, files_with_id, spec_id_in
from specrepo.gitio.repository import visible_git_dir
from specrepo.history.absent_folders import with_absent_folders
from specrepo.history.graph_times import with_clock_warning, with_graph_times
from specrepo.history.mine import current_specs_only, mine_history
from specrepo.history.options import MineOptions
from specrepo.history.submodules import specs_in_submodules, submodule_reason
from specrepo.load.locations import MARKDOWN_SUFFIXES, SPEC_SUFFIXES, exclusion_matcher
from specrepo.load.spec_files import (
    SpecFileListing,
    discover_spec_files,
    load_spec_content,
    read_spec_file,
)
from specrepo.load.unlisted_folders import unreadable_now
from specrepo.load.yaml_loader import LoadLimits, YamlError
from specrepo.model.approval import DateRecorders
from specrepo.model.config import Config
from specrepo.model.events import CREATED
from specrepo.model.history import History, SpecHistory
from specrepo.model.history_warning import about_specs, said
from specrepo.model.references import likely_misspelling, spec_id_hint
from specrepo.model.set_lives import lives_in_set
from specrepo.model.spec_record import record_from_document
from specrepo.model.version import said_at
from specrepo.output.timeline import TimelineFormat, spec_warnings


@dataclass(frozen=True)
class TimelineOptions:
    """The spec to show (an id, or a file's path from `folder`) and in which format."""

    spec: str
    output_format: TimelineFormat = "table"
    item: str | None = None
    """Only the events of this item: a requirement's id (`FR-3`), a question's, a
    reviewer's name."""
    # asked of the run's reader when the options are made, not of the reader at import
    folder: Path = field(default_factory=lambda: inputs.reader.cwd())  # noqa: PLW0108
    mine: MineOptions = field(default_factory=MineOptions)


@dataclass(frozen=True)
class TimelineResult:
    """The mined history and the specs the argument names (several may share an id)."""

    history: History
    specs: tuple[SpecHistory, ...]
    exit_code: ExitCode = ExitCode.CLEAN
    notes: tuple[str, ...] = ()
    """The listing's notes (`SpecFileListing.notes`)."""
    recorders: DateRecorders = "anyone"
    """Whose commit may record an `approved:` date (`approval: dates_recorded_by:`): what
    the timeline says of one another recorded."""

    dated: tuple[tuple[str, ...], ...] = ()
    """For each of `specs`, the warnings about its commits' dates (`with_graph_times`)."""
    unreadable: tuple[str, ...] = ()
    """Each of `specs` whose work tree file cannot be read now (`unreadable_now`: a folder
    above it that cannot be searched, say), with why: its history is shown, never an end."""

    @property
    def warnings(self) -> tuple[str, ...]:
        """What concerns the run and each of `specs` (`spec_warnings`), each once: a
        timeline's warnings are said on stderr, as every command's are."""
        each = self.dated or tuple(() for _ in self.specs)
        return tuple(dict.fromkeys((*self.unreadable, *(
            warning for spec, dated in zip(self.specs, each, strict=True)
            for warning in spec_warnings(self.history, spec, dated)))))


def run(config: Config, options: TimelineOptions) -> TimelineResult:
    """Mine the history and find the spec; raises `UsageError` when none is found (the
    repository has no commits yet, say), or when several share the id and JSON (one
    document) was asked for."""
    config = with_absent_folders(config, hook=False)  # a folder its commits emptied
    kept = SpecFileListing(config, git_dir=visible_git_dir(config.root))  # between runs
    listing = options.mine.spec_files or kept
    history = mine_history(config, replace(options.mine, spec_files=listing))
    if history.head is None:
        raise UsageError(f"the repository has no commits yet, so {options.spec} has no "
                         "history; commit the specs (`git add` and `git commit`), then run "
                         "`specrepo timeline` again")
    try:
        found = find_specs(history, options.spec, options.folder,
                           lambda path: file_spec_id(history.work_tree / path, config))
    except UsageError as error:
        raise _in_a_submodule(config, history, options) \
            or _not_a_spec_file(config, options) \
            or _no_history(config, history, options.spec) or error from None
    if len(found) > 1 and options.output_format == "json":
        raise UsageError(f"{len(found)} specs have the id '{options.spec}' ("
                         + ", ".join(item.current_path or item.paths[-1] for item in found)
                         + "); name one by its file")
    ended = {spec.key: spec for spec in current_specs_only(  # moved out of the set
        config, replace(history, specs=tuple(found)), listing()).specs}
    found = list(lives_in_set(history, [ended.get(spec.key, spec) for spec in found]))
    if options.item is not None:
        found = [item_events(spec, options.item, _items_now(config, history, spec))
                 for spec in found]
    history, timed = _timed(with_clock_warning(history, int(inputs.reader.time())), found)
    return TimelineResult(history, tuple(spec for spec, _ in timed),
                          dated=tuple(dated for _, dated in timed),
                          notes=kept.notes(unlisted=True) if listing is kept else (),
                          unreadable=_unreadable(history, found),
                          recorders=config.dates_recorded_by)


def _unreadable(history: History, found: Sequence[SpecHistory]) -> tuple[str, ...]:
    """A warning for each of the `found` specs whose work tree file cannot be read now (a
    folder above it that cannot be searched is no spec removed: trial43b)."""
    return tuple(f"{spec.current_path}: {why}; its history to HEAD is shown"
                 for spec in found if spec.current_path is not None
                 and (why := unreadable_now(history.work_tree / spec.current_path,
                                            history.work_tree)) is not None)


def _timed(history: History, found: Sequence[SpecHistory]
           ) -> tuple[History, list[tuple[SpecHistory, tuple[str, ...]]]]:
    """The history with the warnings of the whole run and of the `found` specs only, as
    they word them (`HistoryWarning.about`: a shallow clone, a configuration that could
    not be read, the kinds of versions that could not be read of their files and of no
    spec's; not another spec's, nor a spec file's in a submodule), and each of the `found`
    specs in the commit graph's order of times (`with_graph_times`) with the warnings
    about its dates."""
    history = replace(history, warnings=about_specs(history.warnings,
                                                    {spec.key for spec in found}))
    timed = []
    for spec in found:  # each alone: its warnings are its own
        alone = with_graph_times(replace(history, specs=(spec,), warnings=()))
        timed.append((alone.specs[0], said(alone.warnings)))
    return history, timed


def item_events(spec: SpecHistory, item: str,
                present: frozenset[str] = frozenset()) -> SpecHistory:
    """The spec with only the events of one item (its status periods kept). An item of
    `present` (the spec's items now) that no event names has been there, unchanged, since
    the spec was created: its life is the creation. Raises `UsageError` for an item
    neither names, with a likely misspelling (never an item of another number)."""
    events = tuple(event for event in spec.events if event.item == item)
    if not events and item in present:
        events = tuple(event for event in spec.events if event.kind == CREATED)
    if not events:
        known = sorted(present | {event.item for event in spec.events if event.item is not None})
        suggestion = likely_misspelling(item, known)
        shown, meant = told_apart(item, suggestion) if suggestion else \
            (shown_among(item, known), None)
        hint = f"; did you mean '{meant}'?" if meant else \
            (f"; its items: {', '.join(shown_choices(known, (item,)))}" if known else "")
        raise UsageError(f"no event of {spec.spec_id} names the item '{shown}'{hint}")
    return replace(spec, events=events, inherited=min(spec.inherited, len(events)))


def _items_now(config: Config, history: History, spec: SpecHistory) -> frozenset[str]:
    """The item ids of the spec's file in the work tree; none when it cannot be read."""
    if spec.current_path is None:
        return frozenset()
    path = history.work_tree / spec.current_path
    try:
        content = load_spec_content(read_spec_file(path, config.root, config.max_file_size),
                                    config.fields.read_as_text,
                                    LoadLimits(max_bytes=config.max_file_size),
                                    front_matter=config.front_matter)
    except (YamlError, OSError):
        return frozenset()
    record = record_from_document(path, content.document, config.fields, id_required=False)
    return frozenset(item.id for item in record.list_items)


def _in_a_submodule(config: Config, history: History,
                    options: TimelineOptions) -> UsageError | None:
    """Why the spec the argument names has no history here, when it is a spec file (named
    by its path or its id) inside a submodule."""
    named = real_path(options.folder / options.spec)
    top = real_path(history.work_tree)
    for path, submodule in sorted(specs_in_submodules(discover_spec_files(config), top).items()):
        file = top / path
        try:
            spec_id = spec_id_in(read_spec_file(file, config.root, config.max_file_size),
                                 config)
        except YamlError:
            spec_id = None
        if named == file or spec_id == options.spec:
            return UsageError(f"{path}: {submodule_reason(submodule)}; run `specrepo "
                              f"timeline` in {submodule} for its history")
    return None


def _not_a_spec_file(config: Config, options: TimelineOptions) -> UsageError | None:
    """Why the file the argument names has no history, when it is no spec file of the
    configuration: `exclude:` leaves it out, or no `specs:` location holds it."""
    path = options.folder / options.spec
    if not inputs.reader.isfile(path):
        return None
    named = real_path(path)
    if any(real_path(file) == named for file in discover_spec_files(config, missing_ok=True)):
        return None
    settings = config.file.name if config.file is not None else "the default configuration"
    relative = named.relative_to(config.root).as_posix() \
        if named.is_relative_to(config.root) else None
    if relative is not None and exclusion_matcher(config.exclude)(relative):
        return UsageError(f"{options.spec}: not a spec file: `exclude:` in {settings} "
                          "leaves it out, so it has no history")
    return UsageError(f"{options.spec}: not a spec file: no `specs:` location of {settings} "
                      "holds it, so it has no history")


def _no_history(config: Config, history: History, argument: str) -> UsageError | None:
    """Why the spec whose id is `argument` has no history, when a spec file of the work
    tree has that id, or shows it on its id line (`files_with_id`, as the report names a
    file that does not load): HEAD's version of it cannot be read, and none before could,
    or it is not committed yet."""
    top = real_path(history.work_tree)
    for file in files_with_id(config, argument):
        real = real_path(file)
        relative = real.relative_to(top).as_posix() if real.is_relative_to(top) else None
        if relative is None or history.at_path(relative) is not None:
            continue
        if relative in history.head_problems:
            return UsageError(f"{argument} ({relative}): "
                              f"{_never_read(history, relative, relative)}")
        if relative not in history.head_files:
            return UsageError(f"{argument} ({relative}): not committed yet, so it has no "
                              "history; commit it, then run `specrepo timeline` again")
    return None


def _never_read(history: History, relative: str, shown: str) -> str:
    """Why HEAD's spec file `relative` (named `shown`) has no history: no version read."""
    return (f"HEAD's version of this file cannot be read "
            f"({said_at(history.head_problems[relative], shown)}), and no version of it "
            "before could, so it has no history")


def _had_path(history: History, path: Path) -> list[SpecHistory]:
    """The specs whose file was once at `path` (a file the work tree no longer has: renamed
    or deleted since, as `timeline ID` lists it; trial50b), by its path from the top."""
    top = real_path(history.work_tree)
    place = real_path(path.parent) / path.name
    if not place.is_relative_to(top):
        return []
    relative = place.relative_to(top).as_posix()
    return [spec for spec in history.specs if relative in spec.paths]


def find_specs(history: History, argument: str, folder: Path,
               shows: Callable[[str], str | None] = lambda path: None) -> list[SpecHistory]:
    """The specs a command-line argument names: a spec file (by its path, from `folder`),
    an id (see `History.named`), or a path a spec's file once had; raises `UsageError`
    when none, naming the files whose version at HEAD cannot be read and whose id cannot
    be told (`shows`: the id the file at a path shows, None when it shows none), any of
    which the spec may be."""
    path = folder / argument
    if inputs.reader.isfile(path):
        real = real_path(path)
        top = real_path(history.work_tree)
        relative = real.relative_to(top).as_posix() if real.is_relative_to(top) else None
        spec = history.at_path(relative) if relative is not None else None
        if spec is None and relative in history.head_problems:
            raise UsageError(f"{argument}: {_never_read(history, relative, argument)}")
        if spec is None:
            raise UsageError(f"{argument}: this file has no history at HEAD (not "
                             "committed yet, or not a spec file of this repository)")
        return [spec]
    found = history.named(argument) or _had_path(history, path)
    if not found and inputs.reader.isdir(path):
        example = min((spec.spec_id for spec in history.specs), default="SPEC-0001")
        raise UsageError(f"{argument}: a folder; timeline takes one spec, by its file or its "
                         f"id (`specrepo timeline {example}`); `specrepo report` lists them")
    if not found:
        unread = [path for path in sorted(history.head_problems) if shows(path) is None]
        first = said_at(history.head_problems[unread[0]], unread[0]) if unread else ""
        shown, hint = spec_id_hint(argument, {spec.spec_id for spec in history.specs})
        none = (f"{argument}: no spec file at this path, now or in the history of this "
                "repository" if _looks_like_path(argument) else
                f"no spec with the id '{shown}' in the history of this repository{hint}")
        raise UsageError(none + (f"; HEAD's version of {counted(len(unread), 'spec file')} "
                                 f"cannot be read ({first})" if unread else ""))
    return found


def _looks_like_path(argument: str) -> bool:
    """Whether a command-line argument that names no spec was meant as a file's path: it
    has a folder in it or ends as a spec file's name does (never an id's shape)."""
    return "/" in argument or os.sep in argument \
        or argument.lower().endswith(SPEC_SUFFIXES + MARKDOWN_SUFFIXES)
