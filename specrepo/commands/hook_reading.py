"""What `validate` reads of the commit being made in a hook's run (`validate --history
--changed-since`: the index, not the work tree), beside the spec files it checks: the
spec folders the commit accounts for though the work tree lacks them, the spec files
`unused-field` asks which field they have and those `approval: protected:` asks which
headings they have (README: What a hook's run reads)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from specrepo.base.paths import real_path
from specrepo.check.findings_cache import FindingsCache
from specrepo.check.history_rules import HistoryCheck
from specrepo.check.staged_summaries import on_index
from specrepo.configuration.field_use import unused_field_findings
from specrepo.configuration.protected_headings import refuse_unknown_protected_headings
from specrepo.history.committed_headings import committed_headings
from specrepo.load.schema_source import SchemaSource
from specrepo.load.spec_files import discover_spec_files
from specrepo.model.config import Config
from specrepo.model.findings import Finding


def hook_config(config: Config, hook: bool) -> Config:
    """In a `hook`'s run, `config` with the `specs:` folders the work tree lacks whose
    absence is the commit's (`git rm -r specs`, or `rm -r specs` with the index keeping
    the files: `history.absent_folders`); else `config`."""
    if not hook:
        return config
    from specrepo.history.absent_folders import with_absent_folders  # noqa: PLC0415 (git)

    return with_absent_folders(config)


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
