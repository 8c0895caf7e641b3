"""What `validate` reads of the commit being made in a hook's run (`validate --history
--changed-since`: the index, not the work tree), beside the spec files it checks: the
spec folders the commit accounts for though the work tree lacks them, the spec files
`unused-field` asks which field they have, those `approval: protected:` asks which
headings they have, the YAML files searched for specs left unread among Markdown ones and
the spec schema's files, and the links it stages to files it does not hold (README: What
a hook's run reads)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from specrepo.base.paths import display_path, real_path, relative_below
from specrepo.check.compiled_schema import SpecSchemaOnce
from specrepo.check.findings_cache import FindingsCache
from specrepo.check.history_rules import HistoryCheck
from specrepo.check.staged_summaries import on_index, staged_by_file
from specrepo.check.unread_yaml_specs import CommitReading, commit_unread_yaml_specs
from specrepo.configuration.field_use import unused_field_findings
from specrepo.configuration.protected_headings import refuse_unknown_protected_headings
from specrepo.history.committed_headings import committed_headings
from specrepo.load.locations import SpecLocation
from specrepo.load.schema_source import SchemaSource
from specrepo.load.spec_files import discover_spec_files
from specrepo.load.staged_versions import StagedVersion, broken_link_reason
from specrepo.model.config import Config
from specrepo.model.findings import Finding, Severity
from specrepo.model.history import History

if TYPE_CHECKING:
    from specrepo.history.index_side import IndexSide


def hook_config(config: Config, hook: bool) -> Config:
    """`config` with the `specs:` folders the work tree lacks whose absence the commit
    accounts for (`history.absent_folders`): in a `hook`'s run, the commit being made's
    (`git rm -r specs`, or `rm -r specs` with the index keeping the files); in another
    run reading the history (`validate --history`), some commit's (a commit of `git rm -r
    specs`)."""
    from specrepo.history.absent_folders import with_absent_folders  # noqa: PLC0415 (git)

    return with_absent_folders(config, hook=hook)


def emptied_locations(config: Config, locations: tuple[SpecLocation, ...]) -> bool:
    """Whether the history emptied each of `locations`, which list no spec file: some
    commit held spec files there (`history.absent_folders.emptied_by_history`), whose
    removals `validate --history` judges. Asked only once a listing finds them empty."""
    from specrepo.history.absent_folders import emptied_by_history  # noqa: PLC0415 (git)

    return emptied_by_history(config, locations)


def hook_schema(config: Config, history: bool, changed_since: str | None
                ) -> tuple[SpecSchemaOnce, tuple[str, ...]]:
    """The spec schema a run judges with, one for the whole run: the work tree's, but in
    a hook's run (`history` and `changed_since`: `--history --changed-since`) where the
    index stages another version of the schema file or of a file its `$ref`s reach than
    the work tree holds, the schema as the index stages its files
    (`history.staged_schema`: what the commit being made holds, which CI will read once
    it is made), with a note naming those files; every spec is then checked against it
    (the findings cache, keyed on the work tree's files, is not used). Raises
    `HistoryError` when git fails, `ConfigError` where the work tree's schema does not
    load and the index stages no other schema file."""
    schema = SpecSchemaOnce(config)
    if not history or changed_since is None or config.schema_path is None:
        return schema, ()
    from specrepo.history.staged_schema import index_schema_reader  # noqa: PLC0415 (git)

    read = index_schema_reader(config, schema)
    if read is None:
        return schema, ()
    shown = ", ".join(display_path(read.top / path) for path in sorted(read.staged))
    return SpecSchemaOnce(config, read), (
        f"{shown}: the index stages another version than the work tree holds: the spec "
        "schema is read as staged, what the commit being made holds, and every spec is "
        "checked against it",)


def commit_field_findings(config: Config, schema: Callable[[], SchemaSource],
                          kept: FindingsCache | None, history_check: HistoryCheck | None,
                          away: frozenset[Path]) -> tuple[Finding, ...]:
    """`unused-field`'s findings on the spec files of the commit being made: the listed
    ones but those `away` (no files of the commit: `History.staged_away`), each read as
    the index stages it where a hook's run checks its staged version (`on_index`, those the
    work tree deleted too); the schema's answers kept in the findings cache `kept`."""
    return unused_field_findings(
        config, lambda: [file for file in discover_spec_files(config, missing_ok=True)
                         if not away or real_path(file) not in away], schema, kept,
        on_index(config, history_check) if history_check is not None else None)


def refuse_unknown_headings(config: Config, history_check: HistoryCheck | None = None,
                            away: frozenset[Path] = frozenset()) -> None:
    """`refuse_unknown_protected_headings` asked of the spec files the run judges: the
    work tree's (no `history_check`, or one of a run that judges the work tree), else
    those of the commit being made (a hook's run, once its staged versions are known:
    the listed files but those `away`, no files of the commit, `History.staged_away`, each
    read as the index stages it where its staged version is checked, `on_index`, those
    the work tree deleted too). Raises `ConfigError` as that does."""
    staged = on_index(config, history_check) if history_check is not None else None

    def listed() -> list[Path]:
        files = [file for file in discover_spec_files(config, missing_ok=True)
                 if not away or real_path(file) not in away]
        gone = set(staged or ()).difference(files)  # deleted from the work tree alone
        return [*files, *sorted(gone, key=lambda path: path.parts)] if gone else files

    refuse_unknown_protected_headings(config, listed, partial(committed_headings, config),
                                      staged)


def unread_yaml_findings(config: Config, history_check: HistoryCheck | None,
                         notes: list[str]) -> tuple[Finding, ...]:
    """`unread-yaml-spec`'s findings on the YAML files of the run's Markdown spec
    locations: the work tree's, but in a hook's run (`history_check` whose staged
    versions are known) the commit being made's, as the index stages them, a note added
    to `notes` on each spec lookalike the index does not hold (`commit_unread_yaml_specs`).
    Raises `HistoryError` when git fails."""
    if history_check is None or history_check.staged is None:
        return commit_unread_yaml_specs(config, None)[0]
    history = history_check.history
    top = history.work_tree

    def staged(locations: Sequence[SpecLocation]) -> dict[Path, StagedVersion]:
        from specrepo.history.staged_specs import staged_texts_in  # noqa: PLC0415 (git)

        return {file: raw for file, raw in staged_by_file(
            config, top, staged_texts_in(config, history, locations)).items()
            if raw is not None}

    def untracked(files: Sequence[Path]) -> frozenset[Path]:
        from specrepo.history.staged_away import untracked  # noqa: PLC0415 (asks git)

        relative, away = relative_below(top), untracked(config, top, files, None).every
        return frozenset(file for file in files if relative(real_path(file)) in away)

    found, noted = commit_unread_yaml_specs(config, CommitReading(staged, untracked))
    notes.extend(noted)
    return found


def broken_link_findings(config: Config, mined: History, side: IndexSide, *, hook: bool
                         ) -> tuple[Finding, ...]:
    """In a `hook`'s run, a `file-read` error on each link the index stages in the spec
    locations to a file the commit being made does not hold (`staged_away.broken_links`)."""
    if not (hook and side.links and side.entries):
        return ()
    from specrepo.history.staged_away import broken_links  # noqa: PLC0415 (reads the index)

    return tuple(Finding(mined.work_tree / link, 1, 1, Severity.ERROR, "file-read",
                         broken_link_reason(target))
                 for link, target in broken_links(config, {
                     path: side.entries[path] for path in side.links}, mined.staged_away).items())
