"""`specrepo diff`: what changed in the specs between two revisions (or a revision and the
work tree), item by item; or, with `--since-approval`, in each approved spec since its
latest approval. Nothing printed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field, replace
from functools import partial
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import ExitCode, UsageError
from specrepo.base.paths import real_path
from specrepo.check.spec_ids import spec_ids
from specrepo.commands.diff_approval_limits import known_approvals
from specrepo.commands.diff_departures import departed_approved
from specrepo.compare.comparison import compare
from specrepo.compare.content_events import ContentSettings, compare_options
from specrepo.compare.protected import is_protected
from specrepo.compare.sections import protected_body_paths, versions_body_changes
from specrepo.configuration.protected_headings import refuse_unknown_protected_headings
from specrepo.gitio.diff_sides import revision_range
from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.repository import RepositoryState, open_repository, visible_git_dir
from specrepo.gitio.revisions import resolve_commit, shallow_note, unknown_revision
from specrepo.gitio.sparse import flagged_specs, refuse_specs_outside_sparse_checkout
from specrepo.history.approval_protection import approval_settings
from specrepo.history.approved_changes import with_approved_then
from specrepo.history.approved_pairs import approved_pairs
from specrepo.history.committed_headings import committed_headings
from specrepo.history.held_specs import HeldSpecs, held_specs
from specrepo.history.mine import mine_history
from specrepo.history.options import MineOptions
from specrepo.history.side_reader import SpecSide
from specrepo.history.spec_pairs import SpecPair, changed_specs
from specrepo.load.lfs_pointer import refuse_lfs_pointer_files
from specrepo.load.markdown_body import Section
from specrepo.load.spec_files import (
    SpecFileListing,
    discover_spec_files,
    require_spec_repository,
)
from specrepo.model.boundary_approval import said_besides
from specrepo.model.config import Config
from specrepo.model.diff import Change, Diff, SpecDiff, SpecVersion
from specrepo.model.history import History, SpecHistory
from specrepo.model.references import spec_id_hint
from specrepo.model.version import FieldProblem


@dataclass(frozen=True)
class DiffOptions:
    """What `specrepo diff` was asked: `arguments` are `[REV | A..B | A...B | A B] [SPEC...]`
    as given (a first argument that names a commit, and no file, is the revision; a second
    one too makes them `A..B`, as in `git diff A B`)."""

    arguments: tuple[str, ...] = ()
    since_approval: bool = False
    """Compare each spec in an approved state with its version at its latest approval."""
    exit_code: bool = False
    """Exit 1 when a spec differs (as `git diff --exit-code`), or a changed spec file could
    not be compared (it does not load): a gate must not pass what it cannot read."""
    # asked of the run's reader when the options are made, not of the reader at import
    folder: Path = field(default_factory=lambda: inputs.reader.cwd())  # noqa: PLW0108
    mine: MineOptions = field(default_factory=MineOptions)
    specs_after: int | None = None
    """How many of `arguments` followed a `--` (None: there was none). As in `git diff`,
    those are always specs; before it, a revision, a range or two revisions."""


@dataclass(frozen=True)
class DiffResult:
    """What differs (see `model.diff.Diff`), and whether a difference fails the run."""

    diff: Diff
    fail_on_changes: bool = False
    notes: tuple[str, ...] = ()
    """The listing's notes (`SpecFileListing.notes`) where a side is the work tree (`diff`,
    `diff REV`, `--since-approval`): its specs are the listing's, hidden folders left out."""

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the history could not say, and what could not be compared, in words
        (`Diff.said_warnings`: stderr says what the JSON and Markdown carry)."""
        return self.diff.said_warnings

    @property
    def exit_code(self) -> ExitCode:
        """1 with `--exit-code` when a spec differs or a changed file could not be compared
        (each is a warning), else 0."""
        # not the history's: they fail no run themselves, as `--allow-shallow` and
        # `--allow-submodules` ask (a spec whose approval is not known at all is one of
        # the diff's warnings)
        differs = self.diff.changed or bool(self.diff.warnings)
        return ExitCode.FINDINGS if self.fail_on_changes and differs else ExitCode.CLEAN


def run(config: Config, options: DiffOptions) -> DiffResult:
    """Compare the specs; raises `UsageError` for arguments that name neither a revision
    nor a spec, `HistoryError` when git cannot give the sides (a spec file deleted behind
    its assume-unchanged or skip-worktree bit, `flagged_specs`; with `--since-approval`:
    spec files outside a sparse checkout or in a submodule not checked out, or in one
    `options.mine` refuses), `ConfigError` for a Git LFS pointer in the spec files."""
    if options.since_approval:  # before "the specs folder does not exist": why it does not
        refuse_specs_outside_sparse_checkout(config)
    require_spec_repository(config)
    expression, wanted = _split(config, options)
    if options.since_approval:
        if expression is not None:
            raise UsageError("--since-approval compares each approved spec with its own "
                             "approved version; give no revision with it")
        return _since_approval(config, options, wanted)
    old, new, _ = revision_range(expression)
    flagged = flagged_specs(config) if new is None else ()  # git's diff reads the index's
    found = changed_specs(config, expression, as_history=False, flagged=flagged)
    chosen, unmatched = _chosen(found.pairs, wanted, found.sides.top, options.folder)
    specs, warnings = _spec_diffs(chosen, config)
    _check_named(config, unmatched, options.specs_after is not None, found.pairs)
    notes = tuple(_not_compared(path, found.sides.new, why) for path, why in found.not_specs)
    # hidden folders the work tree's side leaves out, said as the listing says (not for named)
    listed = () if new is not None or wanted else SpecFileListing(
        config, missing_ok=True, git_dir=visible_git_dir(config.root)).notes(unlisted=True)
    return DiffResult(Diff(old, new, specs, None, (*found.warnings, *notes, *warnings)),
                      options.exit_code, listed)


def _since_approval(config: Config, options: DiffOptions,
                    wanted: tuple[str, ...]) -> DiffResult:
    """`run` with `--since-approval`: each approved spec (those `wanted` names, all when
    none is) against its version at its latest approval."""
    refuse_unknown_protected_headings(
        config, lambda: discover_spec_files(config, missing_ok=True),
        partial(committed_headings, config))
    files = SpecFileListing(config)
    refuse_lfs_pointer_files(files())
    base = options.mine.boundary_base
    if base is not None and resolve_commit(Git(config.root), base) is None:
        raise UsageError(unknown_revision(Git(config.root), base))
    history = mine_history(config, replace(options.mine, spec_files=files))
    if history.head is None:
        raise HistoryError("the repository has no commits yet, so no spec has an "
                           "approved version to compare with")
    git, state = open_repository(config.root)
    held = _held_approved(config, history, held_specs(config, history, files()),
                          git, state, [_names(name, history.work_tree, options.folder)
                                       for name in wanted])
    departed = departed_approved(history, config.workflow, {spec.key for spec in held.specs})
    known = known_approvals((*held.specs, *departed.specs), config.workflow, history)
    pairs = approved_pairs(config, history.work_tree, [
        (approval.latest.commit, approval.latest.path, None if (path := spec.current_path)
         is None else held.moved.get(path, path)) for spec, approval in known.approvals],
                           is_spec=held.is_spec)
    chosen, unmatched = _chosen(pairs, wanted, history.work_tree, options.folder)
    specs, warnings = _spec_diffs(chosen, config)
    about = partial(_about_named, specs=(*held.specs, *departed.specs), wanted=wanted,
                    history=history, folder=options.folder)
    warnings = (*held.warnings, *departed.unknown, *about(known.unknown),
                *about(known.unread), *warnings)
    _check_named(config, unmatched, options.specs_after is not None, pairs)
    headings = [section for pair in chosen for side in (pair.old, pair.new)
                if side is not None and side.content is not None
                for section in side.content.body or ()]
    sections = protected_body_paths(headings, config.protected_sections)
    then = approval_settings(config, git, state,
                             {approval.latest.commit for _, approval in known.approvals})
    starts, before_unread = known.starts(), known.before_unread()
    specs = tuple(replace(
        _protected_then(spec, then, headings),
        from_shallow_start=spec.old is not None and (spec.old.commit, spec.old.path) in starts,
        before_unread_approval=spec.old is not None
        and (spec.old.commit, spec.old.path) in before_unread) for spec in specs)
    return DiffResult(Diff(None, None, specs, (*config.protected, *sections), warnings,
                           (*said_besides(history.warnings, known.from_start),
                            *about(known.from_start))),
                      options.exit_code, () if wanted else files.notes(unlisted=True))


def _held_approved(config: Config, history: History, held: HeldSpecs, git: Git,
                   state: RepositoryState, named: Sequence[set[str]]) -> HeldSpecs:
    """`held` with each spec's `approved_then` (the states the configuration counted
    approved when it entered its status, as committed: trial38), asked of git only for
    the specs the diff may show (hook38, small39: it was asked for every spec): those
    HEAD holds, and of them the ones a SPEC argument names (`named`: each argument's
    names, `_names`) by a path the spec had, its id, or the work tree's path of its file;
    all of them when an argument names none that way (a spec renumbered in the work tree
    only, matched later by its new id)."""
    def names_of(spec: SpecHistory) -> set[str]:
        moved = held.moved.get(spec.current_path or "")
        return {*spec.paths, spec.spec_id, *((moved,) if moved else ())}

    shown = {spec.key for spec in held.specs}
    if named and all(any(names & names_of(spec) for spec in held.specs) for names in named):
        shown = {spec.key for spec in held.specs
                 if any(names & names_of(spec) for names in named)}
    approved = with_approved_then(config, history, git, state, lambda spec: spec.key in shown)
    by_key = {spec.key: spec for spec in approved.specs}
    return replace(held, specs=tuple(by_key[spec.key] for spec in held.specs))


def _about_named(by_spec: Mapping[str, str], specs: Sequence[SpecHistory],
                   wanted: Sequence[str], history: History, folder: Path) -> tuple[str, ...]:
    """The warnings of `by_spec` (spec key -> a warning about its approval) for the specs
    the SPEC arguments `wanted` name (all of them when none is named), in `specs`' order."""
    named = [_names(name, history.work_tree, folder) for name in wanted]
    return tuple(by_spec[spec.key] for spec in specs if spec.key in by_spec and (
        not named or any(names & {*spec.paths, spec.spec_id} for names in named)))


def _protected_then(spec: SpecDiff, then: Mapping[str, ContentSettings],
                    headings: Sequence[Section]) -> SpecDiff:
    """`spec` with what the configuration at its approval (the commit of its old side)
    protected beyond today's (`approval_protection`), the headings' sections among
    `headings` too, as `changed-after-approval` judges its changes."""
    settings = then.get(spec.old.commit or "") if spec.old is not None else None
    if settings is None:
        return spec
    return replace(spec, protected=(*settings.protected, *protected_body_paths(
        headings, settings.protected_sections)))


def refuse_empty(arguments: Sequence[str]) -> None:
    """Refuse (UsageError) an empty argument: `git diff ""` refuses it too, and an unset
    variable must not pass as "no revision". Asked before anything is read or written."""
    if "" in arguments:
        raise UsageError("an empty argument (an unset variable?): expected a revision, a "
                         "range (A..B, A...B) or a spec")


def _split(config: Config, options: DiffOptions) -> tuple[str | None, tuple[str, ...]]:
    """The revision expression (if the first argument is one) and the specs named."""
    arguments = options.arguments
    refuse_empty(arguments)
    if options.specs_after is not None:
        return _split_at_separator(config, arguments, options.specs_after)
    if not arguments:
        return None, ()
    first = arguments[0]
    if ".." in first:
        return first, arguments[1:]
    if inputs.reader.exists(options.folder / first) or first.startswith("-"):
        return None, arguments
    if resolve_commit(Git(config.root), first) is None:
        return None, arguments
    _refuse_ambiguous(config, first)
    second = arguments[1] if len(arguments) > 1 else None
    if second is None or ".." in second or second.startswith("-") \
            or inputs.reader.exists(options.folder / second) or resolve_commit(Git(config.root),
                                                                     second) is None:
        return first, arguments[1:]
    _refuse_ambiguous(config, second)
    return f"{first}..{second}", arguments[2:]  # `git diff A B` is `git diff A..B`


def _refuse_ambiguous(config: Config, revision: str) -> None:
    """Raise `UsageError` when a revision given without `--` is also a spec's id."""
    if _looks_like_id(revision, config) and revision in spec_ids(config):
        raise UsageError(
            f"'{revision}' names both a revision and a spec; write '{revision}^{{commit}}' "
            f"for the revision, or '-- {revision}' for the spec")


def _split_at_separator(config: Config, arguments: tuple[str, ...],
                        specs_after: int) -> tuple[str | None, tuple[str, ...]]:
    """`[REV | A..B | A...B | A B] -- SPEC...`: what precedes `--` must be revisions that git
    knows: one, a range, or two (`A B`, as `git diff` reads them: `A..B`)."""
    before, after = arguments[:len(arguments) - specs_after], arguments[len(arguments)
                                                                        - specs_after:]
    if len(before) > 2 or (len(before) == 2 and any(".." in name for name in before)):
        raise UsageError("expected a revision, a range (A..B, A...B) or two revisions "
                         f"(A B) before '--', got {len(before)}: " + " ".join(before))
    if not before:
        return None, after
    git = Git(config.root)
    for revision in before:
        if ".." not in revision and resolve_commit(git, revision) is None:
            raise UsageError(unknown_revision(git, revision))
    return "..".join(before), after


def _looks_like_id(argument: str, config: Config) -> bool:
    """Whether `argument` has the form of the ids `specrepo new` makes (`SPEC-0042`); only
    then are the specs' ids read to tell a revision from a spec."""
    prefix = config.id_prefix.casefold() + "-"
    return argument.casefold().startswith(prefix) and argument[len(prefix):].isdigit()


def _chosen(pairs: Sequence[SpecPair], wanted: tuple[str, ...], top: Path,
            folder: Path) -> tuple[list[SpecPair], list[str]]:
    """The pairs the named specs select (all when none is named), and the names that
    selected none."""
    if not wanted:
        return list(pairs), []
    keys = {name: _names(name, top, folder) for name in wanted}
    chosen = [pair for pair in pairs if any(_sides_named(pair) & names
                                            for names in keys.values())]
    unmatched = [name for name, names in keys.items()
                 if not any(_sides_named(pair) & names for pair in pairs)]
    return chosen, unmatched


def _names(argument: str, top: Path, folder: Path) -> set[str]:
    """What a SPEC argument may match: the id as given, and the file's path from the top
    (a removed spec's file is named by the path it had)."""
    names = {argument}
    path = Path(inputs.reader.abspath(folder / argument))
    for candidate, base in ((path, top), (real_path(path), real_path(top))):
        if candidate.is_relative_to(base):
            names.add(candidate.relative_to(base).as_posix())
    return names


def _sides_named(pair: SpecPair) -> set[str]:
    return {name for side in (pair.old, pair.new) if side is not None
            for name in (side.path, side.version.spec_id) if name}


def _check_named(config: Config, unmatched: Iterable[str], after_separator: bool,
                 pairs: Sequence[SpecPair]) -> None:
    """A SPEC argument that matched no changed spec (of `pairs`) must name a spec that
    exists (else it is a typo, not an unchanged spec); after `--` it can be nothing but a
    spec. The did-you-mean is among the specs there now and those of either side compared
    (a spec the range removes)."""
    missing = [name for name in unmatched if not inputs.reader.exists(Path(name))]
    known = set(spec_ids(config)) if missing else set()
    unknown = [name for name in missing if name not in known]
    if not unknown:
        return
    compared = {side.version.spec_id for pair in pairs for side in (pair.old, pair.new)
                if side is not None and side.version.spec_id}
    shown, hint = spec_id_hint(unknown[0], known | compared)
    if after_separator:
        raise UsageError(f"'{shown}' is not a spec (an id or a file; arguments after "
                         f"'--' always name specs){hint}")
    raise UsageError(f"'{shown}' is neither a revision nor a spec (an id or a file)"
                     f"{hint}{shallow_note(Git(config.root))}")


def _not_compared(path: str, commit: str | None, problem: FieldProblem) -> str:
    """Why a version of the file `path` of `commit` (None: the work tree) could not be
    compared, at its place as validate names it (`specs/a.yaml:9:1 (commit 1a2b3c4d5e):
    not compared: YAML syntax error: ...`)."""
    return f"{problem.where(path, commit)}: not compared: {problem.why}"


def _spec_diffs(pairs: Iterable[SpecPair],
                config: Config) -> tuple[tuple[SpecDiff, ...], tuple[str, ...]]:
    """Each pair compared, in the documented order, and what could not be compared."""
    options = compare_options(config)
    diffs: list[tuple[tuple[int, str], SpecDiff]] = []
    warnings: list[str] = []
    for pair in pairs:
        old, new = pair.old, pair.new
        changes: tuple[Change, ...] = ()
        unreadable = []
        if old is not None and new is not None:
            unreadable = [side for side in (old, new) if side.content is None]
            if unreadable:
                warnings.extend(_not_compared(side.path, side.commit, side.unloaded
                                              or FieldProblem("it does not load"))
                                for side in unreadable)
            else:
                assert old.content is not None and new.content is not None
                changes = compare(old.content.data, new.content.data, options)
                changes += versions_body_changes(old.content.body, new.content.body)
        order = (0, new.path) if new is not None else (1, old.path if old else "")
        spec = SpecDiff(_version(old, new), _version(new, old), changes,
                        compared=not unreadable)
        diffs.append((order, _without_named_moves(spec, config)))
    return tuple(diff for _, diff in sorted(diffs, key=lambda item: item[0])), tuple(warnings)


def _without_named_moves(spec: SpecDiff, config: Config) -> SpecDiff:
    """`spec` without the change of the field that holds its id when it was renumbered,
    nor of its title field when the title changed: the spec's own lines say those (`SPEC-1
    -> SPEC-2`), and the field may be named for something else (an enhancement's front
    matter `title` is its id). A field that approval protects keeps its change, so
    `--since-approval` still shows it with the protected changes."""
    if spec.old is None or spec.new is None:
        return spec
    moved: set[tuple[str, ...]] = set()
    if spec.old.id != spec.new.id:
        moved.add(tuple(map(str, config.fields.id)))
    if spec.old.title != spec.new.title and config.fields.title is not None:
        moved.add(tuple(map(str, config.fields.title)))
    if not moved:
        return spec
    kept = tuple(change for change in spec.changes
                 if not (change.kind == "changed" and change.path in moved)
                 or is_protected(change, config.protected))
    return replace(spec, changes=kept)


def _version(side: SpecSide | None, other: SpecSide | None) -> SpecVersion | None:
    """`side` as the diff names it: by its id, else the other side's (it does not load)."""
    if side is None:
        return None
    spec_id = side.version.spec_id or (other and other.version.spec_id) or side.path
    return SpecVersion(spec_id, side.path, side.commit, side.version.title)
