"""What the two reviewer rules share: a spec in some states must name a reviewer who is not
one of its authors (an author's approval of her own spec is no review)."""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import TYPE_CHECKING

from specrepo.check.rules.rule import CheckedSpec, Problem, status_problem
from specrepo.load.document import JsonPath, value_at
from specrepo.model.own_review import independent_reviewers

if TYPE_CHECKING:
    from specrepo.check.compiled_schema import CompiledSchema


def without_reviewer(spec: CheckedSpec, states: Set[str],
                     schema: CompiledSchema | None) -> Iterator[Problem]:
    """A spec in one of `states` that names no reviewer, or only its own authors, in a
    format that has a place for them (a format without one has nothing these rules could
    check); the advice names only places `schema` (the spec's, if known) lets it hold."""
    record = spec.record
    places = [where for where in (record.fields.reviewers, record.fields.approvers)
              if where is not None]
    if record.status not in states or not places:
        return
    field = _where_to_name(spec, places, schema)
    if not record.reviewers:
        yield status_problem(spec, f"the spec is {record.status} but names no reviewer; "
                             f"name one in {field}")
    elif not independent_reviewers((reviewer.name for reviewer in record.reviewers),
                                   record.authors):
        names = ", ".join(dict.fromkeys(reviewer.name for reviewer in record.reviewers))
        yield status_problem(spec, f"the spec is {record.status} but its only reviewers are "
                             f"its authors ({names}): an author's approval of her own spec "
                             f"is no review; add a reviewer who is not an author to {field}")


def _where_to_name(spec: CheckedSpec, places: list[JsonPath],
                   schema: CompiledSchema | None) -> str:
    """Where the advice sends the reader, of the format's places for reviewers (`places`,
    `fields.reviewers` then `fields.approvers`): those the spec holds, else those `schema`
    lets a spec hold (`schema_keys.key_answer`: a format of its own may forbid the one it
    does not use), else all, with why the schema refuses them and the two ways out (the
    format and its schema disagree: no spec in these states could pass)."""
    held = [where for where in places if value_at(spec.document.data, where) is not None]
    if held or schema is None:
        return _keys(held or places)
    from specrepo.check.schema_keys import key_answer  # noqa: PLC0415 (jsonschema's turn)

    answers = [key_answer(schema.scope, tuple(map(str, where)), through_lists=False)
               for where in places]
    allowed = [where for where, answer in zip(places, answers, strict=True) if answer.holds]
    if allowed:
        return _keys(allowed)
    return (f"{_keys(places)}, which the spec schema lets no spec hold ({answers[0].why}): let it "
            "hold one, or point `fields:` at a key it allows")


def _keys(places: list[JsonPath]) -> str:
    """`places` as the advice names them: "`reviewers:` or `approvers:`"."""
    return " or ".join(f"`{'.'.join(map(str, where))}:`" for where in places)
