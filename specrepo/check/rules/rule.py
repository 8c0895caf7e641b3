"""What a rule is: its id, default severity, summary and help, and its check."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from specrepo.base.deferred_dataclass import dataclass
from specrepo.load.document import Document, JsonPath, Position, Positions
from specrepo.model.findings import RuleId, Severity, SpecRuleId
from specrepo.model.spec_record import SpecRecord
from specrepo.model.spec_summary import SpecSummary
from specrepo.model.workflow import DEFAULT_WORKFLOW, Workflow

if TYPE_CHECKING:
    from specrepo.base.name_patterns import NamePattern
    from specrepo.check.compiled_schema import CompiledSchema


@dataclass(frozen=True)
class CheckedSpec:
    """A spec that loaded: its record and its document (for positions), and for a Markdown
    spec its body, whose first line is line `body_line` of the file (None for YAML)."""

    record: SpecRecord
    document: Document
    body: str | None = None
    body_line: int = 1

    @property
    def file(self) -> Path:
        """The spec's file."""
        return self.record.file

    @property
    def positions(self) -> Positions:
        """Where the nodes of the spec stand."""
        return self.document


@dataclass(frozen=True)
class RuleContext:
    """What rules may consult beyond a spec: the workflow, the repository's folder (for
    paths in messages), and the spec files that could not be loaded."""

    workflow: Workflow = DEFAULT_WORKFLOW
    root: Path = field(default_factory=Path)
    unreadable: Sequence[Path] = ()
    unreadable_ids: Mapping[str, Path] = field(default_factory=dict)
    """The ids the unreadable files show (`check.spec_ids.unreadable_spec_id`), each to its
    file."""
    schema: CompiledSchema | None = None
    """The spec's schema, for advice that names a key to add (`check.rules.reviewers`); None
    where rules see many specs at once."""
    new_file_name: NamePattern | None = None
    """`new.file_name`, when configured: the names `file-name` takes too."""


class Problem(NamedTuple):
    """What a rule found in one spec: where (a JSON path; the finding stands on its key, or
    with `at_value` on its value) and what."""

    spec: CheckedSpec | SpecSummary
    path: JsonPath
    message: str
    at_value: bool = False

    @property
    def position(self) -> Position:
        """Where the finding stands in the spec's file: on the value at `path` with
        `at_value`, else on its key (on the value where there is no key)."""
        positions = self.spec.positions
        return positions.position(self.path) if self.at_value \
            else positions.key_position(self.path)


def status_problem(spec: CheckedSpec | SpecSummary, message: str) -> Problem:
    """A problem about the spec's status value (a move the workflow forbids, a status no
    state names, one that needs a reviewer), on that value, as the schema's findings on it
    stand (`status: Draft` at 3:9, not the key's 3:1: trial38b, small39); in a format
    with no status field, on its id's key."""
    fields = spec.record.fields if isinstance(spec, CheckedSpec) else spec.fields
    return Problem(spec, fields.status or fields.id, message,
                   at_value=fields.status is not None)


SpecCheck = Callable[[CheckedSpec, RuleContext], Iterator[Problem]]
"""Checks one spec alone."""
SetCheck = Callable[[Sequence[SpecSummary], RuleContext], Iterator[Problem]]
"""Checks every spec against the others (ids must be unique across the repository), on
their summaries: it reports only at the positions a summary keeps."""


@dataclass(frozen=True)
class Rule:
    """A kind of finding: its id, default severity, one-line summary and help text (for
    the README and SARIF), and whether the configuration may set its severity."""

    id: RuleId
    severity: Severity
    summary: str
    help: str
    configurable: bool = False


@dataclass(frozen=True)
class SpecRule(Rule):
    """A rule a schema cannot express, run on every loaded spec; `check` sees one spec, while
    its document is loaded, `check_set` the summaries of all of them (one of the two)."""

    id: SpecRuleId
    configurable: bool = True
    check: SpecCheck | None = None
    check_set: SetCheck | None = None
