"""`specrepo validate`: check spec files against the schema and the rules and, with the
history, every committed status change against the workflow."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from specrepo.base.errors import ExitCode
from specrepo.check.compiled_schema import SpecSchemaOnce
from specrepo.check.history_rules import (
    HistoryCheck,
    unplaced_skipped,
    unused_acceptance_warnings,
)
from specrepo.check.spec_set import check_spec_set
from specrepo.configuration.field_use import unused_field_warnings
from specrepo.configuration.protected_headings import refuse_unknown_protected_headings
from specrepo.gitio.git_command import Git
from specrepo.gitio.repository import work_tree_git_dir
from specrepo.gitio.revisions import modified_in_work_tree, since_problem
from specrepo.gitio.sparse import refuse_specs_outside_sparse_checkout
from specrepo.history.options import MineOptions
from specrepo.load.named_specs import named_spec_files
from specrepo.load.spec_files import SpecFileListing, discover_spec_files
from specrepo.model.config import Config
from specrepo.model.findings import ValidationResult


@dataclass(frozen=True)
class ValidateOptions:
    """What `specrepo validate` was asked to check."""

    paths: tuple[Path, ...] = ()
    """Files and folders named on the command line; none: every configured spec."""
    strict: bool = False
    """Warnings fail the run too."""
    check_history: bool = False
    since: str | None = None
    """With `check_history`: only the commits after this revision."""
    changed_since: str | None = None
    """Only the specs changed since this revision (and those that referenced a spec that
    lost its id since then)."""
    allow_empty: bool = False
    mine: MineOptions = field(default_factory=MineOptions)


@dataclass(frozen=True)
class ValidateResult:
    """The findings, and warnings about the run to show beside them."""

    validation: ValidationResult
    strict: bool = False
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """The paths named that are no specs, and why (they are not checked)."""

    @property
    def exit_code(self) -> ExitCode:
        """1 when there are errors (or warnings, when strict), else 0."""
        return self.validation.exit_code(self.strict)


def run(config: Config, options: ValidateOptions) -> ValidateResult:
    """Validate what `options` name; raises `SpecrepoError` when it cannot."""
    refuse_specs_outside_sparse_checkout(config)
    allow_empty = options.allow_empty or options.check_history  # the history is checked
    configured = SpecFileListing(config, missing_ok=bool(options.paths))
    refuse_unknown_protected_headings(config, lambda: discover_spec_files(config,
                                                                          missing_ok=True))
    named = named_spec_files(options.paths, config, configured, config.spec_suffixes,
                             allow_empty=allow_empty) if options.paths else None
    selected = list(named.files) if named is not None else None
    warnings: list[str] = []
    earlier_ids: frozenset[str] = frozenset()
    history_check = None
    schema = SpecSchemaOnce(config)  # one schema for the whole run
    if options.changed_since is not None or options.check_history:
        # The miner (and git's layers) load only when history is asked for: most of a
        # plain validate's wall-clock time is start-up, which its workers cannot share.
        from specrepo.history import mine  # noqa: PLC0415
        from specrepo.history.skipped import skipped_notes  # noqa: PLC0415

        if options.changed_since is not None:
            if selected is None:
                every = discover_spec_files(config, allow_empty=allow_empty)
                selected = mine.specs_changed_since(config, options.changed_since, every)
                if selected is None:
                    warnings.append(f"{since_problem(Git(config.root), options.changed_since)}"
                                    "; validating every spec")
            earlier_ids = mine.spec_ids_before(config, options.changed_since)
        if options.check_history:
            listing = SpecFileListing(config)  # and one listing
            mined = mine.mine_history(config, replace(options.mine, spec_files=listing,
                                                      schema=schema))
            history = mine.current_specs_only(config, mined, listing())
            commits = mine.commits_since(config, options.since, history.head) \
                if options.since is not None else None
            modified = modified_in_work_tree(
                Git(config.root), {path: history.head_files[path]
                                   for path in sorted(history.head_problems)},
                history.work_tree)
            history_check = HistoryCheck(history, commits, listing(), modified)
            warnings.extend(history.warnings)
            if commits is None:  # with --since, older accepted moves are not read
                warnings.extend(unused_acceptance_warnings(config, mined))
            # skipped-version names the versions of specs; these had no readable version.
            warnings.extend(skipped_notes(unplaced_skipped(history)))
    cache_in = history_check.history.work_tree_git_dir if history_check is not None \
        else work_tree_git_dir(config.root)  # the history's is git's answer once more
    validation = check_spec_set(config, selected, history_check, allow_empty=allow_empty,
                                earlier_ids=earlier_ids, cache_in=cache_in, schema=schema,
                                configured=configured() if named is not None else None)
    warnings.extend(unused_field_warnings(
        config, lambda: discover_spec_files(config, missing_ok=True)))
    return ValidateResult(validation, options.strict, tuple(warnings),
                          named.skipped if named is not None else ())
