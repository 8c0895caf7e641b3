"""unknown-reference: related work, references and `superseded_by` name existing specs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from specrepo.base.paths import display_path
from specrepo.check.rules.file_name import file_name_fits
from specrepo.check.rules.rule import Problem, RuleContext, SpecRule
from specrepo.load.document import JsonPath
from specrepo.model.findings import Severity
from specrepo.model.spec_summary import SpecSummary


def check(specs: Sequence[SpecSummary], context: RuleContext) -> Iterator[Problem]:
    """Each reference to an id no spec has, and each reference of a spec to itself (in any
    reference field the field map names: `superseded_by` and every `related` list)."""
    ids = {spec.id for spec in specs}
    for spec in specs:
        for reference in spec.references:
            if reference.spec_id not in ids:
                yield Problem(spec, reference.path,
                              _missing(reference.spec_id, context.unreadable),
                              at_value=True)
            elif reference.spec_id == spec.id:
                yield Problem(spec, reference.path, _itself(spec, reference.path),
                              at_value=True)


def _itself(spec: SpecSummary, path: JsonPath) -> str:
    if path == spec.fields.superseded_by:
        return "a spec cannot be superseded by itself"
    return f"a spec cannot reference itself ('{spec.id}' is this spec's own id)"


def _missing(spec_id: str, unreadable: Sequence[Path]) -> str:
    """No spec has the id; or the file named for it could not be read (see its finding),
    named from the working folder as findings are."""
    holder = next((path for path in unreadable if file_name_fits(path, spec_id)), None)
    if holder is None:
        return f"no spec has the id '{spec_id}'"
    return (f"{spec_id} exists in {display_path(holder)} but could not be read; see "
            "its own finding")


RULE = SpecRule(
    "unknown-reference", Severity.ERROR,
    "A related spec, reference or `superseded_by` names no existing spec.",
    "`related_work`, `references` and `superseded_by` (a format of your own: its "
    "`related` and `superseded_by` fields) name existing specs, and not the spec itself",
    check_set=check)
