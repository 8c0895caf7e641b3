"""Report filters that match no spec: said so, with the closest name or status there is."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from specrepo.base.errors import UsageError
from specrepo.base.suggest import shown_choices, suggested
from specrepo.model.history import History
from specrepo.model.spec_record import person_key, person_name
from specrepo.report.build import ReportScope


def filter_notes(history: History, options: ReportScope, matched: bool) -> tuple[str, ...]:
    """What to tell about the filters of `options` that select no spec HEAD holds, one note
    each; `matched` says whether the filters together selected any spec.

    A status that neither the workflow nor any spec has can never match: that raises
    UsageError, with did-you-mean. A known status, an author or a reviewer that no spec has
    now gets a note (with did-you-mean for names); so do filters that each match but select
    nothing together. Names are compared as the report compares them: without `<email>`,
    ignoring letter case; a spec whose version at HEAD cannot be read counts with its last
    readable values, as the report shows it.
    """
    current = [spec.current for spec in history.at_head() if spec.current is not None]
    statuses = {version.status for version in current if version.status}
    refuse_unknown_statuses(options.statuses, options.workflow.states, statuses)
    notes = [f"--status '{status}': no spec is {status} now"
             for status in sorted(options.statuses - statuses)]
    notes.extend(unmatched_people(history, options))
    filtered = options.statuses or options.authors or options.reviewers
    if filtered and not notes and not matched:
        notes.append("no spec matches all the filters together")
    return tuple(notes)


def refuse_unknown_statuses(wanted: Iterable[str], states: Sequence[str],
                            spec_statuses: Iterable[str]) -> None:
    """Raise UsageError for the first of the `--status` values `wanted` that is neither one
    of the workflow's `states` nor a status a spec has (`spec_statuses`): it would select
    nothing, and a gate on it would never fail. The value is quoted as typed (a leading
    space shows), with a did-you-mean, or else the statuses there are. `report` and `trace`
    word it alike."""
    known = [*states, *sorted({status for status in spec_statuses if status} - set(states))]
    for status in sorted(set(wanted) - set(known)):
        shown, hint = _suggestion(status, known)
        listed = ", ".join(shown_choices(known, (status,)))
        raise UsageError(f"--status '{shown}' is not a status of this repository's "
                         f"workflow{hint or '; the statuses are ' + listed}")


def unmatched_people(history: History, options: ReportScope) -> list[str]:
    """A note for each `--author` and `--reviewer` of `options` that no spec HEAD holds
    names (see `filter_notes`): a misspelt name, when a gate filters by it."""
    current = [spec.current for spec in history.at_head() if spec.current is not None]
    return [*_unmatched_people("--author", options.authors,
                               (author for version in current for author in version.authors)),
            *_unmatched_people("--reviewer", options.reviewers,
                               (name for version in current for name, _ in version.reviewers))]


def _unmatched_people(option: str, wanted: frozenset[str], people: Iterable[str]) -> list[str]:
    if not wanted:
        return []  # no filter: the people need not be named (hundreds of them)
    names = sorted({person_name(person) for person in people})
    known = {person_key(name) for name in names}  # a person's key is their name's
    return [f"{option} '{shown}': no spec has them now{hint}"
            for shown, hint in (_suggestion(person_name(name), names)
                                for name in sorted(wanted) if person_key(name) not in known)]


def _suggestion(word: str, choices: list[str]) -> tuple[str, str]:
    """`word` as the message shows it, and `; did you mean 'CHOICE'?` or nothing, the two
    shown apart (`suggest.suggested`)."""
    shown, suggestion = suggested(word, choices)
    return shown, f"; did you mean '{suggestion}'?" if suggestion else ""
