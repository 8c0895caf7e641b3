"""The summaries the history rules judge in a hook's run (`validate --history
--changed-since`): of each spec file whose work-tree copy differs from the index's, the
staged version's (`HistoryCheck.staged`, `history.staged_specs`), so that its status move,
its id, its reviewers' dates and where its changes stand are those of the commit being
made, as `validate --history` will judge that commit once made. The plain checks (schema,
fields, the rules on one spec and across specs) read the work-tree file, as `validate`
does."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from specrepo.check.history_rules import HistoryCheck
from specrepo.check.rules import changed_after_approval
from specrepo.check.rules.rule import CheckedSpec
from specrepo.load.spec_files import load_spec_content, spec_file_identity
from specrepo.load.yaml_loader import LoadLimits, YamlError
from specrepo.model.config import Config
from specrepo.model.spec_record import record_from_content
from specrepo.model.spec_summary import SpecSummary, summarize

STAGED_NOTE = ("its staged version differs from the work tree's: the history rules "
               "(--history) judge the staged one, what the commit being made holds")
"""The note a hook's run gives on each such file (`staged_notes`)."""


def on_index(config: Config, history_check: HistoryCheck, summaries: Sequence[SpecSummary],
             changed_fields: Mapping[Path, Sequence[tuple[str, str]]],
             wanted: set[Path] | None) -> tuple[Sequence[SpecSummary], set[Path] | None]:
    """The summaries the history rules judge (`staged_summaries` where
    `history_check.staged` says the index holds other versions than the work tree), and
    the files they judge (`wanted`; None: all) with those the index holds and the work
    tree does not (deleted, not staged: the commit holds the staged version, whose move
    is judged)."""
    if not history_check.staged:
        return summaries, wanted
    staged = staged_by_file(config, history_check.history.work_tree, history_check.staged)
    judged = staged_summaries(config, summaries, staged, changed_fields)
    return judged, None if wanted is None else wanted | staged.keys()


def staged_by_file(config: Config, work_tree: Path,
                   staged: Mapping[str, bytes | None]) -> dict[Path, bytes | None]:
    """`staged` (paths from the repository's top `work_tree`) by the files' identities
    (`spec_file_identity`), as the checked files are named."""
    folders: dict[str, str] = {}
    return {spec_file_identity(work_tree / path, config.root, folders): raw
            for path, raw in staged.items()}


def staged_summaries(config: Config, summaries: Sequence[SpecSummary],
                     staged: Mapping[Path, bytes | None],
                     changed_fields: Mapping[Path, Sequence[tuple[str, str]]]
                     ) -> tuple[SpecSummary, ...]:
    """`summaries` (of the work-tree files) with each file of `staged` (by identity: the
    bytes the index holds, None over the size limit) summarized from its staged version
    instead (`changed_fields`: see `check.spec_set.examine_spec_set`): none when that
    version does not read as a spec with an id (the history reads no status of it either);
    a checked file whose work-tree copy did not load, summarized from a staged version
    that does."""
    found = {summary.file: summary for summary in summaries}
    return tuple(summary for file in [*found, *(file for file in staged if file not in found)]
                 for summary in _summary(config, file, found.get(file), staged, changed_fields))


def _summary(config: Config, file: Path, summary: SpecSummary | None,
             staged: Mapping[Path, bytes | None],
             changed_fields: Mapping[Path, Sequence[tuple[str, str]]]
             ) -> Iterator[SpecSummary]:
    """The summary the history rules judge of `file`: `summary` (the work tree's) unless
    the index stages another version of it, then that version's, if it reads."""
    if file not in staged:
        if summary is not None:
            yield summary
        return
    raw = staged[file]
    if raw is None:
        return
    try:
        content = load_spec_content(raw, config.fields.read_as_text,
                                    LoadLimits(max_bytes=config.max_file_size),
                                    front_matter=config.front_matter)
    except YamlError:
        return
    record = record_from_content(file, content, config.fields)
    if record is None:
        return
    checked = CheckedSpec(record, content.document, content.body, content.body_line)
    yield summarize(record, content.document, {
        label: changed_after_approval.changed_place(checked, field, label)
        for field, label in changed_fields.get(file, ())})
