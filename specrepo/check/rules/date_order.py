"""date-order: `updated` is not earlier than `created`; a date the rule cannot read is
said, never passed over in silence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from specrepo.base.one_line import one_line
from specrepo.base.written_dates import READ_FORMS, read_date, read_time
from specrepo.check.rules.rule import CheckedSpec, Problem, RuleContext, SpecRule
from specrepo.model.findings import Severity

_SHOWN_LENGTH = 40
_MOMENTS = ("two times that both give their UTC offset, or neither does, compare as "
            "moments (`2026-01-05T23:30Z` is after `2026-01-06T01:00+03:00`), else the days "
            "written")


def check(spec: CheckedSpec, _: RuleContext) -> Iterator[Problem]:
    """With both dates given: each one the rule cannot read (`read_date`), at its value;
    else the update before the creation (`_earlier`)."""
    record, fields = spec.record, spec.record.fields
    created, updated = record.created, record.updated
    if not created or not updated or fields.created is None or fields.updated is None:
        return
    created_day, updated_day = read_date(created), read_date(updated)
    for name, text, day, path, other in (
            ("created", created, created_day, fields.created, "updated"),
            ("updated", updated, updated_day, fields.updated, "created")):
        if day is None:
            yield Problem(spec, path, _unreadable(name, text, other), at_value=True)
    if created_day is not None and updated_day is not None \
            and _earlier(updated, created, updated_day, created_day):
        yield Problem(spec, fields.updated or fields.id,
                      f"updated ({updated}) is earlier than created ({created})")


def _earlier(updated: str, created: str, updated_day: date, created_day: date) -> bool:
    """Whether `updated` is earlier than `created`: as moments when both write a time of
    day, both with a UTC offset (compared in UTC terms: `2026-01-05T23:30Z` is after
    `2026-01-06T01:00+03:00`) or neither (`read_time`); else as the days written (a day
    alone, or a time whose zone the other does not say, is that day wherever it is)."""
    updated_time, created_time = read_time(updated), read_time(created)
    if updated_time is not None and created_time is not None \
            and (updated_time.tzinfo is None) == (created_time.tzinfo is None):
        return updated_time < created_time
    return updated_day < created_day


def _unreadable(name: str, text: str, other: str) -> str:
    """Why the rule cannot compare `name`'s value `text` with `other`'s, and what to do."""
    shown = text if len(text) <= _SHOWN_LENGTH else text[:_SHOWN_LENGTH - 3] + "..."
    return (f"date-order cannot compare {name} '{one_line(shown)}' with {other}: it reads "
            f"a date written as {READ_FORMS}, never one whose day and month could be read "
            "either way (01/02/2003); write it so, or turn the rule off (`rules: "
            "{date-order: \"off\"}`)")


RULE = SpecRule("date-order", Severity.ERROR, "`updated` is earlier than `created`.",
                "`updated` is not earlier than `created`, each a date written as "
                f"{READ_FORMS}; {_MOMENTS}; a date written otherwise (`01/02/2003`, whose "
                "day and month could be read either way) is a finding, never passed over",
                check=check)
