"""Check a set of spec files: load each, check the schema, run the rules, collect findings.

Specs are loaded and checked one at a time (`check.spec_file_check`), in worker processes too
when there are many (see `base.parallel`); of each, only its findings and its summary are
kept for the checks across specs, so memory does not grow with the size of the specs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Final, Generic

from specrepo.base.collection import cycle_collection_paused
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.parallel import map_in_order
from specrepo.base.settled import settled_before
from specrepo.check.compiled_schema import SpecSchemaOnce
from specrepo.check.finding_places import FindingPlaces
from specrepo.check.findings_cache import (
    FindingsCache,
    file_digest,
    file_status,
    findings_cache_opener,
    save_findings_cache,
)
from specrepo.check.history_rules import (
    HistoryCheck,
    Unapproved,
    Voided,
    history_findings,
    identity_of,
    squash_voided,
    unapproved,
)
from specrepo.check.lost_references import referencing_lost
from specrepo.check.rules.registry import check_across
from specrepo.check.rules.rule import RuleContext
from specrepo.check.rules.squash_approval import approval_place
from specrepo.check.spec_file_check import (
    ExaminedSpec,
    LoadedSpec,
    Prepared,
    SpecExaminer,
)
from specrepo.check.spec_ids import unreadable_spec_id
from specrepo.check.staged_summaries import on_index, with_staged_named
from specrepo.load.schema_source import SchemaSource
from specrepo.load.spec_files import discover_spec_files, read_spec_file
from specrepo.load.staged_versions import StagedVersion
from specrepo.load.yaml_loader import YamlError
from specrepo.model.config import Config
from specrepo.model.fields import require_field
from specrepo.model.findings import Finding, Severity, ValidationResult
from specrepo.model.references import KnownItems
from specrepo.model.spec_summary import SpecSummary

PARALLEL_MIN_FILES: Final = 400
"""From this many spec files on, they are checked in parallel (this process and a worker
process per other core): below it, starting the workers costs more than they save."""
NOTHING_EARLIER: Final = KnownItems.of({})
"""No spec changed: none's earlier ids and items to look for."""


MarkerSizes = Callable[[Sequence[Path]], Mapping[Path, int]]
"""The conflict marker size of those spec files whose size is not the default."""
WithCache = Callable[[FindingsCache | None], None]


@dataclass(frozen=True)
class Preparation(Generic[Prepared]):
    """More work on each selected spec that loaded, done while its document is loaded (in
    the process that loaded it): `prepare` makes something of it (picklable, as it may come
    from a worker process), and `keep` receives that here, in the order of the files."""

    prepare: Callable[[LoadedSpec], Prepared]
    keep: Callable[[Path, Prepared], None]
    beside: Callable[[], None] | None = None
    """Other work of this process's own, done while worker processes start on the specs
    (`base.parallel.map_in_order`), or before the specs are checked when none are."""


@dataclass(frozen=True)
class SpecSetCheck:
    """The findings on the selected files, and the summaries of every spec that loaded with
    an id (selected or not), in file order."""

    validation: ValidationResult
    summaries: tuple[SpecSummary, ...]


def check_spec_set(config: Config, selected: Sequence[Path] | None = None,
                   history_check: HistoryCheck | None = None, *, allow_empty: bool = True,
                   earlier: KnownItems = NOTHING_EARLIER, cache_in: Path | None = None,
                   schema: Callable[[], SchemaSource] | None = None,
                   configured: Sequence[Path] | None = None,
                   marker_sizes: MarkerSizes | None = None,
                   with_cache: WithCache | None = None) -> ValidationResult:
    """Validate the selected files (default: every configured spec).

    Cross-spec rules (unique ids, references) see every configured spec, so checking a few
    files gives the same verdict on them as checking the whole repository. `earlier` are
    the ids the changed specs had before a change, with their items' ids (`validate
    --changed-since`): the specs that reference one of these specs or items that no spec
    has any more are checked too. With a
    `history_check`, every status change ever committed is checked against the workflow,
    and every change to approved content for a new approval.
    Unless `allow_empty`, a configured location that yields no spec file is a
    `ConfigError` (when no files are selected). `cache_in`: the git folder that keeps the
    findings cache (`check.findings_cache`), if any; `schema`: the spec schema, if the
    caller has it (a `SpecSchemaOnce`); `configured`: the configured spec files, if the
    caller has listed them; `marker_sizes`, `with_cache`: see `examine_spec_set`.
    """
    if history_check is None:
        return examine_spec_set(config, selected, allow_empty=allow_empty,
                                earlier=earlier, cache_in=cache_in, schema=schema,
                                configured=configured, marker_sizes=marker_sizes,
                                with_cache=with_cache).validation
    require_field(config.fields, "status", "validate --history")
    unapproved_changes = unapproved(config, history_check)
    voided = squash_voided(config, history_check)
    changed_fields = _placed_changes(config, history_check, unapproved_changes, voided)
    checked = examine_spec_set(config, selected, allow_empty=allow_empty,
                               earlier=earlier, changed_fields=changed_fields,
                               configured=history_check.spec_files or configured,
                               cache_in=cache_in, schema=schema,
                               marker_sizes=marker_sizes, with_cache=with_cache,
                               staged=on_index(config, history_check))
    validation = checked.validation
    if history_check.staged is not None:  # a hook's run: the files checked below a folder
        validation = ValidationResult(validation.files, tuple(  # it cannot read, named
            with_staged_named(validation.findings, validation.files)))
    wanted = None if selected is None else set(validation.files)
    history_check = replace(history_check, failing=frozenset(
        finding.path for finding in validation.findings if finding.severity is Severity.ERROR))
    places = FindingPlaces(config, history_check.history, checked.summaries, wanted)
    judged = list(history_findings(config, history_check, unapproved_changes, places,
                                  voided))
    # The summary counts every file judged: "0 files checked: 1 error" is never true.
    beyond = places.judged(judged, history_check.merging).union(
        finding.path for finding in history_check.broken_links)  # the links, not followed
    judged.extend(history_check.broken_links)
    return ValidationResult(validation.files, tuple(sorted([*validation.findings, *judged])),
                            tuple(sorted(beyond.difference(validation.files))))


def _placed_changes(config: Config, history_check: HistoryCheck,
                    unapproved_changes: Sequence[Unapproved], voided: Sequence[Voided]
                    ) -> dict[Path, list[tuple[str, str]]]:
    """The places the history's findings stand at in each spec (by file identity: field
    paths and labels, `SpecSummary.changed_places`): each change after approval, and the
    reviewer's entry (or status) of each approval a squash would void."""
    changed_fields: defaultdict[Path, list[tuple[str, str]]] = defaultdict(list)
    folders: dict[str, str] = {}
    for mined, _, changes in unapproved_changes:
        changed_fields[identity_of(history_check.history, mined, config, folders)].extend(
            (change.field, change.field_label) for change in changes)
    for mined, approving, _ in voided:
        if (place := approval_place(approving, config.fields)) is not None:
            placed = changed_fields[identity_of(history_check.history, mined, config, folders)]
            placed.extend(() if place in placed else (place,))
    return changed_fields


def examine_spec_set(config: Config, selected: Sequence[Path] | None = None, *,
                     allow_empty: bool = True, earlier: KnownItems = NOTHING_EARLIER,
                     preparation: Preparation[Prepared] | None = None,
                     changed_fields: Mapping[Path, Sequence[tuple[str, str]]] | None = None,
                     configured: Sequence[Path] | None = None, cache_in: Path | None = None,
                     schema: Callable[[], SchemaSource] | None = None,
                     marker_sizes: MarkerSizes | None = None,
                     with_cache: WithCache | None = None,
                     staged: Mapping[Path, StagedVersion] | None = None) -> SpecSetCheck:
    """Check the selected files (default: every configured spec) as `check_spec_set` does,
    without the history; a `preparation` works on each selected spec that loaded.
    `changed_fields` (by file identity: field paths and labels as history names them) are
    the changes whose findings the history check places in a spec: its summary keeps where
    they stand (`SpecSummary.changed_places`). `configured`: the configured spec files, if
    the caller has listed them (`discover_spec_files(config)`). `cache_in`: the git folder
    that keeps the findings cache (`check.findings_cache`; not with a `preparation`);
    `schema`: the spec schema, if the caller has it (a `SpecSchemaOnce`); `marker_sizes`:
    the files' conflict marker sizes (`gitio.marker_sizes`; None: all the default);
    `with_cache`: work given the findings cache (or None) before it is saved; `staged`
    (a hook's run: `check.staged_summaries.on_index`): the files whose staged version is
    checked in place of the work tree's, checked whether selected or not (the commit
    changes them), those the work tree deleted too (the commit holds them)."""
    source = schema or SpecSchemaOnce(config)
    open_cache = findings_cache_opener(config, cache_in if preparation is None else None, source)
    if configured is None:
        configured = discover_spec_files(config, missing_ok=selected is not None,
                                         allow_empty=allow_empty or selected is not None)
    wanted = set(selected) if selected is not None else set(configured)
    wanted.update(staged or ())
    every = configured if selected is None and not staged else sorted(wanted.union(configured))
    settled = settled_before()  # before any file's status is taken
    sizes = marker_sizes(every) if marker_sizes is not None else {}
    cache = open_cache(sizes) if open_cache is not None else None
    examine = SpecExaminer(config, source, preparation.prepare if preparation else None,
                           frozenset(wanted), changed_fields or {}, sizes,
                           None if cache is None else settled, staged)
    findings: dict[Path, tuple[Finding, ...]] = {}
    summaries: list[SpecSummary] = []
    beside = preparation.beside if preparation is not None else None
    for examined in _examined_in_order(examine, every, cache, config, changed_fields or {},
                                       beside):
        findings[examined.path] = examined.findings
        if examined.summary is not None:
            summaries.append(examined.summary)
        if preparation is not None and examined.prepared is not None:
            preparation.keep(examined.path, examined.prepared)
    wanted.update(referencing_lost(summaries, earlier))
    found = [finding for path in wanted for finding in findings[path]]
    found.extend(_across(config, findings, summaries, found, wanted))
    if with_cache is not None:
        with_cache(cache)
    if cache is not None:
        save_findings_cache(cache)
    # `every` is sorted already (mostly): sorting the files in its order costs little
    return SpecSetCheck(ValidationResult(tuple(sorted(path for path in every if path in wanted)),
                                         tuple(sorted(found))),
                        tuple(summaries))


def _across(config: Config, findings: Mapping[Path, Sequence[Finding]],
            summaries: Sequence[SpecSummary], found: Sequence[Finding],
            wanted: set[Path]) -> Iterator[Finding]:
    """The findings of the rules across specs on the `wanted` files, but on a value the
    schema refused (in `found`): it gets no second finding from a rule."""
    refused = {(finding.path, finding.json_path) for finding in found
               if finding.rule == "schema"}
    summarized = {summary.file for summary in summaries}
    unreadable = [path for path in findings if path not in summarized]
    context = RuleContext(config.workflow, config.root, unreadable=unreadable,
                          new_file_name=config.new_name_pattern,
                          unreadable_ids={shown: path for path in reversed(unreadable)
                                          if (shown := unreadable_spec_id(path, config))})
    return (finding for finding in check_across(summaries, config.severities, context,
                                                wanted.__contains__)
            if (finding.path, finding.json_path) not in refused)


def _examined_in_order(examine: SpecExaminer[Prepared], every: Sequence[Path],
                       cache: FindingsCache | None, config: Config,
                       changed_fields: Mapping[Path, Sequence[tuple[str, str]]],
                       beside: Callable[[], None] | None = None
                       ) -> Iterator[ExaminedSpec[Prepared]]:
    """`examine` of every file, in order: from `cache` where it has a file's entry (the
    file is not loaded; it is read and its bytes hashed unless its status is the one the
    entry keeps), else examined (in worker processes too when there are many) and kept in
    `cache`. `beside`: see `Preparation` (never with a cache). Without a preparation, the
    caller keeps every result (findings, summaries, entries) to the end: the processes
    never wait for the results of a chunk that is late (`map_in_order`'s `keeps_all`)."""
    keeps_all = examine.prepare is None
    if cache is None or examine.settled is None:
        _ = examine.schema  # compiled before any worker is forked: they inherit it
        yield from map_in_order(examine, every, min_items=PARALLEL_MIN_FILES, beside=beside,
                                keeps_all=keeps_all)
        return
    cached: dict[Path, ExaminedSpec[Prepared]] = {}
    # Thousands of small objects with no cycle that live as long as the run (findings,
    # summaries): made with the collector paused, then set where only a full one walks.
    with cycle_collection_paused(promote=True):
        for path in filter(cache.holds, every) if cache.entries else ():
            # a cold cache reads no file twice; a file new to it is read once
            digest: str | None
            if (raw := examine.staged.get(path)) is not None:  # the commit's version
                status, digest = None, file_digest(raw) if isinstance(raw, bytes) else None
            else:
                status = file_status(path, examine.settled)  # before the file is read
                digest = cache.unchanged_digest(path, status) or _file_digest(path, config)
            checked = None if digest is None else cache.lookup(
                path, digest, changed_fields.get(path, ()), config, status)
            if checked is not None:
                cached[path] = ExaminedSpec(path, *checked, digest=digest)
    missed = [path for path in every if path not in cached]
    if missed:
        _ = examine.schema
    examined = map_in_order(examine, missed, min_items=PARALLEL_MIN_FILES, keeps_all=keeps_all)
    for path in every:
        result = cached.get(path) or next(examined)
        if result.entry is not None and path not in cached:
            cache.keep(path, result.entry)
        yield result


def _file_digest(path: Path, config: Config) -> str | None:
    """The digest of a spec file's bytes; None when it cannot be read (checking it says
    why)."""
    try:
        return file_digest(read_spec_file(path, config.root, config.max_file_size))
    except YamlError:
        return None
