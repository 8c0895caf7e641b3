"""`specrepo validate`: check spec files against the schema and the rules and, with the
history, every committed status change against the workflow."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from specrepo.base import inputs
from specrepo.base.errors import ConfigError, ExitCode
from specrepo.base.paths import display_path, real_path
from specrepo.check.acceptance_findings import unused_acceptance_findings
from specrepo.check.compiled_schema import SpecSchemaOnce
from specrepo.check.findings_cache import FindingsCache
from specrepo.check.history_rules import HistoryCheck, Unapproved, unplaced_skipped
from specrepo.check.rules import illegal_transition, severity_of
from specrepo.check.spec_set import NOTHING_EARLIER, check_spec_set
from specrepo.check.staged_summaries import staged_notes
from specrepo.commands.changed_selection import changed_since_selection
from specrepo.commands.hook_reading import (
    broken_link_findings,
    commit_field_findings,
    emptied_locations,
    hook_config,
    hook_schema,
    refuse_unknown_headings,
    unread_yaml_findings,
)
from specrepo.commands.validate_result import ValidateResult
from specrepo.gitio.amending import amends_head
from specrepo.gitio.git_command import Git
from specrepo.gitio.marker_sizes import conflict_marker_sizes
from specrepo.gitio.repository import visible_git_dir, work_tree_git_dir
from specrepo.gitio.revisions import modified_in_work_tree
from specrepo.gitio.sparse import refuse_specs_outside_sparse_checkout
from specrepo.history.options import MineOptions
from specrepo.load.empty_locations import empty_location_message
from specrepo.load.locations import SpecLocation
from specrepo.load.named_specs import NamedSpecs, named_spec_files
from specrepo.load.schema_source import editor_schema_drift
from specrepo.load.spec_files import SpecFileListing
from specrepo.model.config import Config
from specrepo.model.findings import Finding, ValidationResult
from specrepo.model.history import History
from specrepo.model.history_warning import said
from specrepo.output.named_outputs import refuse_named_outputs
from specrepo.output.owned_files import NamedOutput

if TYPE_CHECKING:
    from specrepo.history.commit_pairing import CommitPairing
    from specrepo.history.index_side import IndexSide
    from specrepo.history.staged_specs import StagedTexts
    from specrepo.model.merging import AmendedCommit, MergedBranch


class ValidateOptions(NamedTuple):
    """What `specrepo validate` was asked to check. (This and `ValidateResult` are
    NamedTuples: a frozen dataclass costs about 0.5 ms to define, on every validate.)"""

    paths: tuple[Path, ...] = ()
    """Files and folders named on the command line; none: every configured spec."""
    strict: bool = False
    """Warnings fail the run too."""
    check_history: bool = False
    since: str | None = None
    """With `check_history`: only the commits after this revision."""
    held: tuple[str, ...] = ()
    """With `check_history`: not the commits these reach (a remote's, `--pre-push`), with
    `since` or without (a history new to the remote that merged what it holds)."""
    changed_since: str | None = None
    """Only the specs changed since this revision (and those that referenced a spec that
    lost its id since then)."""
    allow_empty: bool = False
    commit_message: Path | None = None
    """With `check_history`: the index is the commit about to be made with the message in
    this file; its changes to approved content are checked (`history.pending_changes`)."""
    mine: MineOptions = MineOptions()  # frozen: one default serves every run
    outputs: tuple[NamedOutput, ...] = ()
    """The files `--sarif` and `--junit` name, checked before anything is validated."""
    summary: Path | None = None
    """The job summary file the run appends to (the github format), checked alike."""


def run(config: Config, options: ValidateOptions) -> ValidateResult:
    """Validate what `options` name; raises `SpecrepoError` when it cannot."""
    if options.check_history:  # the spec folders whose absence is judged, not refused
        config = hook_config(config, hook=options.changed_since is not None)
    checkout = refuse_specs_outside_sparse_checkout(config)
    message = [options.commit_message] if options.commit_message else []
    refuse_named_outputs(options.outputs, config, (*options.paths, *message), options.summary)
    allow_empty = options.allow_empty or bool(config.absent_folders)  # see refuse_emptied
    configured = _listing(config, options, allow_empty)
    if not (options.check_history and options.changed_since is not None):
        refuse_unknown_headings(config)  # a hook's run: once the commit's files are known
    named = _named(config, options, configured, allow_empty)
    selected = list(named.files) if named is not None else None
    warnings: list[str] = []
    if config.schema_path is None and (drift := editor_schema_drift(config.root)):
        warnings.append(drift)  # the editors' copy says other than the schema in force
    on_config: list[Finding] = []
    earlier = NOTHING_EARLIER
    schema, staged_schema = hook_schema(config, options.check_history, options.changed_since)
    notes: list[str] = [*(named.skipped if named is not None else ()), *staged_schema]
    index_notes: list[str] = []  # (`ValidateResult.index_notes`), in `notes` at the end
    history_check = None
    # A commit that replaces HEAD (`git commit --amend`, read from git's command line; where
    # that cannot be known, the side that asks) is judged from HEAD's parents, as is made.
    amends = (options.check_history or options.changed_since is not None) and amends_head()
    changed = _listing(config, options, allow_empty, changed=True)  # listed if asked
    if options.changed_since is not None:
        selected, earlier, warned, noted = changed_since_selection(
            config, options.changed_since, selected, schema, changed, amends, checkout=checkout,
            every=bool(staged_schema), hook=options.check_history)  # every: the staged schema
        warnings.extend(warned)
        notes.extend(noted)
    away: frozenset[Path] = frozenset()  # no spec of the commit being made (`--history`)
    if options.check_history:
        history_check = _history_check(
            config, options, schema, warnings, on_config, configured, amends,
            in_changed_range=options.changed_since is not None and selected is not None)
        selected, away = _without_staged_away(history_check, selected, index_notes)
        if options.changed_since is not None:  # the files of the commit being made
            refuse_unknown_headings(config, history_check, away)
    cache_in = None if staged_schema else history_check.history.work_tree_git_dir \
        if history_check is not None else work_tree_git_dir(config.root)  # (git's answer)

    def field_check(kept: FindingsCache | None) -> None:  # its answers kept in the cache
        on_config.extend(commit_field_findings(config, schema, kept, history_check, away))

    validation = check_spec_set(config, selected, history_check, allow_empty=allow_empty,
                                earlier=earlier, cache_in=cache_in, schema=schema,
                                configured=tuple(file for file in configured()
                                                 if file not in away) if away
                                else configured(),
                                marker_sizes=partial(conflict_marker_sizes, config.root),
                                with_cache=field_check)
    if not options.paths:  # the configured set: no YAML spec left unread in silence,
        on_config.extend(unread_yaml_findings(config, history_check, index_notes))
    notes.extend([*index_notes, *(configured.notes() if not options.paths else ())])  # hidden
    return refuse_emptied(ValidateResult(_with_findings(validation, on_config), options.strict,
                                         tuple(warnings), tuple(notes),
                                         (*staged_schema, *index_notes)), config, options,
                          (*configured.emptied, *changed.emptied))


def _listing(config: Config, options: ValidateOptions, allow_empty: bool, *,
             changed: bool = False) -> SpecFileListing:
    """One listing of the configured specs for the whole run (`changed`: the one
    `--changed-since` picks from, refusing an empty location as a plain run's, not kept);
    with the history, kept, and a location that lists none judged as emptied where a
    commit removed its specs."""
    history = options.check_history
    return SpecFileListing(config, missing_ok=bool(options.paths), allow_empty=bool(
        options.paths) or allow_empty or (options.changed_since is not None and not changed),
        git_dir=visible_git_dir(config.root) if history and not changed else None,
        emptied=partial(emptied_locations, config) if history else None)


def refuse_emptied(result: ValidateResult, config: Config, options: ValidateOptions,
                   listed_none: Sequence[SpecLocation] = ()) -> ValidateResult:
    """`result`, unless it passes on a spec folder every spec of which the history saw
    removed (`Config.absent_folders`: the commit being made's in a hook's run, some
    commit's in one judging the work tree), or on another location a commit emptied
    (`listed_none`, `SpecFileListing.emptied`), without --allow-empty: checking nothing
    must never pass in silence, so that is a `ConfigError` naming them and the option;
    the hook and CI agree. A run whose removals are findings fails as it is."""
    if not (config.absent_folders or listed_none) or options.allow_empty \
            or result.exit_code != ExitCode.CLEAN:
        return result
    emptied = [folder for folder in config.absent_folders  # not `rm -r` with the index's
               if not any(file.is_relative_to(config.root / folder)
                          for file in result.validation.files)]
    emptied.extend(location.path for location in listed_none)
    if not emptied:
        return result
    raise ConfigError("\n".join(
        empty_location_message(config, index, 0, others=bool(result.validation.files))
        for index, location in enumerate(config.locations) if location.path in emptied))


def _with_findings(validation: ValidationResult, on_config: list[Finding]
                   ) -> ValidationResult:
    """`validation` with the findings on specrepo.yaml itself (`on_config`, in every
    format), each finding once (a file that cannot be read, checked with `--changed-since`
    and HEAD's, `unexaminable_specs`, is named once)."""
    if not on_config and len(set(validation.findings)) == len(validation.findings):
        return validation
    return replace(validation, findings=tuple(sorted({*validation.findings, *on_config})))


def _named(config: Config, options: ValidateOptions, configured: SpecFileListing,
           allow_empty: bool) -> NamedSpecs | None:
    """The spec files `options.paths` name (`named_spec_files`); None when none is named.
    In a hook's run (`--history --changed-since`: the commit being made is the index), a
    path the work tree deleted and the index holds (`rm`, not staged) is not refused
    (`no such file`): the commit keeps the file, whose staged version is checked (`_staged`,
    with its note), as `validate --history` will judge the commit once made; nor one whose
    removal the index stages (`git rm`: a raw hook given `git diff --cached --name-only`),
    which the history rules judge as the removal it is."""
    if not options.paths:
        return None
    paths, kept = options.paths, frozenset[Path]()
    if options.check_history and options.changed_since is not None:
        gone = {path: real_path(whole.parent) / whole.name for path in paths
                if not (inputs.reader.exists(whole := inputs.reader.absolute(path))
                        or inputs.reader.islink(whole))}
        if gone:  # (rare: git's index is read only then)
            from specrepo.gitio.pending import held_by_index, removed_by_index  # noqa: PLC0415

            git, files = Git(config.root), list(gone.values())
            kept = held_by_index(git, files) | removed_by_index(git, files)
        paths = tuple(path for path in paths if gone.get(path) not in kept)
    return named_spec_files(paths, config, configured, config.spec_suffixes,
                            allow_empty=allow_empty or bool(kept)) if paths else NamedSpecs(())


def _without_staged_away(history_check: HistoryCheck, selected: list[Path] | None,
                         notes: list[str]) -> tuple[list[Path] | None, frozenset[Path]]:
    """`selected` without the spec files whose removal the index stages while the work
    tree keeps them, untracked (`History.staged_away`: `git rm --cached`, a move made
    through the index), and those files (identities): no spec of the commit being made,
    which `--history` judges (the hooks'), so not checked; a note names each, then each
    file whose staged version a hook's run checks (`staged_notes`)."""
    history = history_check.history
    away = _files_staged_away(history)
    notes.extend(f"{display_path(history.work_tree / path)}: " + (
        _INTENDED if path in history.intended else
        "its removal is staged (`git rm --cached`) and the file is left in the work tree, "
        "untracked" if path in history.head_files else "not added to the index (untracked)")
        + ": no spec of the commit being made, so not checked"
        for path in sorted(history.staged_away))
    notes.extend(staged_notes(history_check))
    return None if selected is None else [
        path for path in selected if real_path(path) not in away], away


_INTENDED = ("the index holds it added with intent to add only (`git add -N`), which `git "
             "commit` does not commit")
"""How a note names a file of `History.intended`."""


def _files_staged_away(history: History) -> frozenset[Path]:
    """The identities of the files of `History.staged_away` (their real paths, as the spec
    file listing names them)."""
    return frozenset(real_path(history.work_tree / path) for path in history.staged_away)


def _with_staged_away(config: Config, mined: History, listed: Callable[[], Sequence[Path]],
                      *, hook: bool) -> tuple[History, IndexSide]:
    """`mined` with the spec files whose removal the index stages, left in the work tree
    (`History.staged_away`: no files of the commit being made), asked where HEAD is a
    commit, and the index's side (`index_side`): in a plain run, which judges the work
    tree, its paths alone (for `staged_away` and `moved_specs`); in a `hook`'s run
    (`--changed-since`: it judges the commit being made), its configuration too, the work
    tree's spec files (`listed`) the index does not hold or holds added with intent to add
    only (`untracked`) taken away, and a refusal (`UsageError`) where a file git reads
    itself differs from the index (`commands.hook_git_files`). Raises `HistoryError`
    when git fails, `ConfigError` when the configuration staged does not load."""
    from specrepo.history.index_side import index_side  # noqa: PLC0415 (reads the index)
    from specrepo.history.staged_away import staged_away, untracked  # noqa: PLC0415

    side = index_side(config, mined, staged_config=hook)
    away = staged_away(config, mined.work_tree, mined.head_files, side.entries) \
        if mined.head is not None else frozenset()
    if not hook:
        return replace(mined, staged_away=away) if away else mined, side
    from specrepo.commands.hook_git_files import refuse_unstaged_git_files  # noqa: PLC0415

    refuse_unstaged_git_files(config, mined.work_tree)
    unheld = untracked(config, mined.work_tree, listed(), side.entries)
    away |= unheld.every
    return replace(mined, staged_away=away, intended=unheld.intended) if away else mined, side


def _history_check(config: Config, options: ValidateOptions, schema: SpecSchemaOnce,
                   warnings: list[str], on_config: list[Finding], listing: SpecFileListing,
                   amends: bool | None, *, in_changed_range: bool) -> HistoryCheck:
    """The mined history to check (`--history`, only the commits after `--since` if
    given; the spec files from the run's `listing`, kept between runs), its warnings
    added to `warnings` and its findings on specrepo.yaml to `on_config`; with
    `in_changed_range`, the commits after `--changed-since` too (`HistoryCheck.in_range`);
    without the files the index removes (`staged_away`)."""
    # The miner (and git's layers) load only when history is asked for: most of a plain
    # validate's wall-clock time is start-up, which its workers cannot share.
    from specrepo.history import mine, since_change  # noqa: PLC0415
    from specrepo.history.boundary_moves import (  # noqa: PLC0415
        unchecked_at_boundary,
        unchecked_note,
    )
    from specrepo.history.commit_pairing import CommitPairing  # noqa: PLC0415
    from specrepo.history.departures import objects_held  # noqa: PLC0415
    from specrepo.history.merge_removals import merge_removals  # noqa: PLC0415
    from specrepo.history.skipped import skipped_notes  # noqa: PLC0415
    from specrepo.history.taken_out import taken_out_in_work_tree  # noqa: PLC0415

    judged = severity_of(illegal_transition.RULE, config.severities) is not None
    mined = mine.mine_history(config, replace(options.mine, spec_files=listing, schema=schema,
                                              judged=judged, boundary_base=options.since))
    mined, side = _with_staged_away(config, mined, listing,
                                    hook=options.changed_since is not None)
    broken = broken_link_findings(config, mined, side, hook=options.changed_since is not None)
    history = mine.current_specs_only(config, mined, listing())
    commits = since_change.commits_since(config, options.since, history.head, options.held) \
        if options.since is not None or options.held else None
    modified = modified_in_work_tree(Git(config.root), {
        path: history.head_files[path] for path in sorted(history.head_problems)},
        history.work_tree)
    warnings.extend(said(history.warnings))
    warnings.extend(unchecked_note(unchecked_at_boundary(history, commits)))
    if commits is None:  # with --since, older accepted moves are not read
        with objects_held(mined):  # its readers, one after another, ask one `cat-file`
            on_config.extend(unused_acceptance_findings(config, mined))
    # skipped-version names the versions of specs; these had no readable version.
    warnings.extend(skipped_notes(unplaced_skipped(history), every=True))
    hook = options.changed_since is not None  # the moves', the taken-out's pairing
    pairing = CommitPairing(config, side if hook else None, mined.work_tree, side.entries,
                            mined.staged_away if hook else frozenset())
    try:
        made = _commit_being_made(config, options, mined, history, listing(), pairing,
                                  amends if history.head is not None else False)
        return HistoryCheck(
            history, commits, tuple(file for file in listing() if file not in left_out)
            if (left_out := _files_staged_away(mined)) else listing(), modified,
            merging=made.merging, lineage=mined, amended=made.amended, broken_links=broken,
            in_range=since_change.commits_since(config, options.changed_since, history.head)
            if in_changed_range and options.changed_since is not None else frozenset(),
            pending=made.pending, moved=made.moved, base=options.since,
            staged=_staged(config, options, mined, listing, side),
            taken_out=() if made.merging else taken_out_in_work_tree(
                config, mined, listing(), pairing, made.amended),
            merge_removed=merge_removals(config, mined, made.merging, pairing, made.amended))
    finally:
        pairing.close()


class _CommitMade(NamedTuple):
    """What the commit being made does, as `_commit_being_made` reads it."""

    moved: dict[str, str]
    pending: tuple[Unapproved, ...]
    amended: AmendedCommit | None
    merging: tuple[MergedBranch, ...]


def _commit_being_made(config: Config, options: ValidateOptions, mined: History,
                       history: History, listed: Sequence[Path], pairing: CommitPairing,
                       amends: bool | None) -> _CommitMade:
    """The moves of the commit being made (`moved_in_work_tree`, from the run's `pairing`
    of HEAD's specs with it), its changes to approved content that need an approval
    (`--commit-message`), the commit it replaces (`git commit --amend`) and the branches
    it concludes a merge of. `mined`: the history before `current_specs_only`,
    `history` after; `amends`: whether it replaces HEAD (`gitio.amending.amends_head`)."""
    from specrepo.history.merging import amended_commit, merged_branches  # noqa: PLC0415
    from specrepo.history.moved_specs import moved_in_work_tree, with_moved  # noqa: PLC0415

    moved = moved_in_work_tree(config, mined, listed, pairing)  # as the commit pairs them
    pending: tuple[Unapproved, ...] = ()
    if options.commit_message is not None:  # what it compares loads only then
        from specrepo.history.pending_changes import pending_changes  # noqa: PLC0415
        pending = pending_changes(config, with_moved(history, mined, moved),
                                  options.commit_message,
                                  amends=amends is not False, moved=moved)
    amended = amended_commit(config, history, amends)
    return _CommitMade(moved, pending, amended, merged_branches(config, history, amended))


def _staged(config: Config, options: ValidateOptions, mined: History,
            listing: SpecFileListing, side: IndexSide | None
            ) -> StagedTexts | None:
    """In a hook's run (`--history --changed-since`: the commit being made is the index),
    the spec files whose work-tree copy differs from the index's, with the staged bytes
    (`history.staged_specs`, in the repository `mined` was read from, its spec files
    `listing`'s), which the history rules judge; else None (the work tree's). Raises
    `HistoryError` when git cannot diff."""
    if options.changed_since is None:
        return None
    from specrepo.history.staged_specs import staged_texts  # noqa: PLC0415 (asks git)

    return staged_texts(config, mined, listing, side.entries if side is not None else None,
                        side.unwatched if side is not None else ())
