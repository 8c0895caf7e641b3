"""unknown-reference: related work, references, `superseded_by`, `depends_on` and `refines`
name existing specs, or existing items of them (`SPEC-0042/FR-3`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from specrepo.base.caseless import shown_among, told_apart
from specrepo.base.paths import display_path
from specrepo.check.rules.file_name import file_name_fits
from specrepo.check.rules.rule import Problem, RuleContext, SpecRule
from specrepo.model.findings import Severity
from specrepo.model.references import ItemReference, KnownItems, UnknownReference, not_a_reference
from specrepo.model.spec_record import ITEM_LINK_FIELDS, Reference
from specrepo.model.spec_summary import SpecSummary


def check(specs: Sequence[SpecSummary], context: RuleContext) -> Iterator[Problem]:
    """Each reference to a spec or an item that does not exist (with a did-you-mean), each
    item-link entry that is no item reference, and a spec or requirement that refers to
    itself where that makes no sense."""
    known = KnownItems.pooled((spec.id, spec.list_item_ids) for spec in specs)
    for spec in specs:
        for reference in spec.references:
            message = _problem(reference, spec, known, context)
            if message is not None:
                yield Problem(spec, reference.path, message, at_value=True)


def _problem(reference: Reference, spec: SpecSummary, known: KnownItems,
             context: RuleContext) -> str | None:
    own_id = spec.id
    if reference.item_id is None:
        if reference.kind in ITEM_LINK_FIELDS:
            return not_a_reference(reference.spec_id)
        if reference.spec_id not in known.items:
            return _missing(reference.spec_id, known, context)
        if reference.spec_id == own_id:
            return _itself(spec, reference)
        return None
    if reference.kind == "related" and reference.written in known.items:
        return None  # the id of a spec in a format whose ids hold a `/`
    if reference.spec_id not in known.items and _holder(reference.spec_id, context):
        return _missing(reference.spec_id, known, context)
    target = known.resolve(ItemReference(reference.spec_id, reference.item_id))
    if isinstance(target, UnknownReference):
        return target.message
    if reference.source_item is not None and target == ItemReference(own_id,
                                                                     reference.source_item):
        verb = "depend on" if reference.kind == "depends_on" else "refine"
        return f"{target} cannot {verb} itself"
    return None


def _itself(spec: SpecSummary, reference: Reference) -> str:
    if reference.path == spec.fields.superseded_by:
        return "a spec cannot be superseded by itself"
    return f"a spec cannot reference itself ('{spec.id}' is this spec's own id)"


def _holder(spec_id: str, context: RuleContext) -> Path | None:
    """The unreadable spec file that shows `spec_id` (its id line, or its name), if there
    is one: a spec that exists but could not be read is not unknown."""
    return context.unreadable_ids.get(spec_id) or next(
        (path for path in context.unreadable if file_name_fits(path, spec_id)), None)


def _missing(spec_id: str, known: KnownItems, context: RuleContext) -> str:
    """No spec has the id; or the file named for it could not be read (see its finding),
    named from the working folder as findings are."""
    holder = _holder(spec_id, context)
    if holder is not None:
        return (f"{spec_id} exists in {display_path(holder)} but could not be "
                "read; see its own finding")
    suggestion = known.suggest_spec_id(spec_id)
    if suggestion is None:
        return f"no spec has the id '{shown_among(spec_id, ())}'"
    written, meant = told_apart(spec_id, suggestion)  # `SPEC<U+2011>0010`: a look-alike
    return f"no spec has the id '{written}'; did you mean '{meant}'?"


RULE = SpecRule(
    "unknown-reference", Severity.ERROR,
    "A related spec, reference, `superseded_by`, `depends_on` or `refines` names no "
    "existing spec or item.",
    "`related_work`, `references` and `superseded_by` (a format of your own: its `related` "
    "and `superseded_by` fields) name existing specs, and not the spec itself; "
    "`SPEC-0042/FR-3` there, or in a requirement's `depends_on` and `refines`, "
    "names an existing item (not the requirement itself); an empty one "
    "(`superseded-by: \"\"`) names none", check_set=check)
