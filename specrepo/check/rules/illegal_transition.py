"""illegal-transition: every status change committed is one the workflow allows
(`validate --history`; the report lists them too)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from specrepo.base.timestamps import iso_time
from specrepo.check.rules.rule import Rule, status_problem
from specrepo.load.document import JsonPath
from specrepo.load.unlisted_folders import is_gone
from specrepo.model.ancestry import Adoption
from specrepo.model.event import BoundaryMove, Event, FactualEvents, birth_event
from specrepo.model.events import CREATED, DELETED, MERGE_RESOLVED
from specrepo.model.findings import Finding, Severity
from specrepo.model.history import SpecHistory
from specrepo.model.set_lives import LEAVING, statuses_had
from specrepo.model.spec_summary import SpecSummary
from specrepo.model.status_moves import MOVING_KINDS, spec_move_pairs, status_moves
from specrepo.model.unread_span import seen_in
from specrepo.model.workflow import AcceptedTransition, Workflow
from specrepo.model.workflow_line import EarlierWorkflow, EarlierWorkflows

RULE = Rule(
    "illegal-transition", Severity.ERROR,
    "A commit (or the work tree, against HEAD) moved a spec's status in a way the "
    "workflow does not allow, added a spec in a status a new spec may not start in, or "
    "removed a spec in an approved state (`validate --history`).",
    "every committed status change is one the workflow allows (or one "
    "`accepted_transitions:` accepts), and so is the work tree's change from HEAD's "
    "status; a spec added after specrepo was adopted starts in a state of "
    "`statuses.initial`, and one removed after it leaves from a state outside "
    "`statuses.approved` (`validate --history`; the message names the moves the "
    "workflow allows from its state to a terminal one, else the shortest way there)",
    configurable=True)


def illegal_transitions(specs: Iterable[SpecHistory], workflow: Workflow,
                        commits: frozenset[str] | None = None,
                        adoption: Adoption | None = None,
                        earlier: EarlierWorkflows | None = None
                        ) -> Iterator[tuple[SpecHistory, Event]]:
    """Every committed status change the workflow forbids and does not accept
    (`workflow.accepted`), only in `commits` if given, with the spec it happened to. A
    change a copy inherited is reported once, on the spec it happened to. A deleted spec
    brought back (a file added with its id) continues its timeline: coming back in
    another status than it was deleted in is a move from that status (its `created`
    event, with `before` the status it was deleted in). A merge that settles the status
    on another value than a merged branch left it in (`merge-resolved`) moves it from the
    branch's status, and is checked as any move. A spec born after specrepo was adopted
    (`adoption`; None: no such check) in a status a new spec may not start in
    (`Workflow.initial`) skipped the workflow: its `created` event is such a move; so is
    the `deleted` event of a spec removed after adoption in an approved state
    (`forbidden_removal`). With `earlier`, a move is judged by the workflows that judge
    its commit besides today's too (`forbidden_moves`)."""
    return ((spec, event) for spec, event
            in forbidden_moves(specs, workflow, commits, adoption, earlier)
            if standing_acceptance(workflow, earlier, spec, event) is None)


def accepted_moves(specs: Iterable[SpecHistory], workflow: Workflow,
                   adoption: Adoption | None = None, earlier: EarlierWorkflows | None = None
                   ) -> Iterator[tuple[SpecHistory, Event, AcceptedTransition]]:
    """Every committed status change the workflow (or, with `earlier`, one that judges
    its commit besides it) forbids that an `accepted_transitions:` entry accepts, with
    its spec and the entry."""
    if not workflow.accepted:
        return  # the usual case: no second pass over every spec's moves
    for spec, event in forbidden_moves(specs, workflow, adoption=adoption, earlier=earlier):
        if (entry := standing_acceptance(workflow, earlier, spec, event)) is not None:
            yield spec, event, entry


def standing_acceptance(workflow: Workflow, earlier: EarlierWorkflows | None,
                        spec: SpecHistory, event: Event) -> AcceptedTransition | None:
    """The entry of `workflow.accepted` that accepts the forbidden move `event` made in
    `spec`, if one does and (with `earlier`) it came in a change after the move's
    (`EarlierWorkflows.acceptance_stands`)."""
    entry = workflow.acceptance(spec.ids, event.commit)
    if entry is None or not earlier or earlier.acceptance_stands(spec.ids, event):
        return entry
    return None


def unused_acceptances(specs: Iterable[SpecHistory], workflow: Workflow,
                       adoption: Adoption | None = None,
                       earlier: EarlierWorkflows | None = None
                       ) -> list[tuple[AcceptedTransition, bool]]:
    """The `accepted_transitions:` entries that accept no forbidden move of the history,
    each with whether it names one all the same, a move it came with (`standing_acceptance`;
    else a typo, a rewritten or missing commit, a move the workflow now allows)."""
    used: set[int] = set()
    came_with: set[int] = set()
    if workflow.accepted:
        for spec, event in forbidden_moves(specs, workflow, adoption=adoption,
                                           earlier=earlier):
            named = workflow.acceptance(spec.ids, event.commit)
            if named is None:
                continue
            stands = standing_acceptance(workflow, earlier, spec, event) is not None
            (used if stands else came_with).add(id(named))
    return [(entry, id(entry) in came_with) for entry in workflow.accepted
            if id(entry) not in used]


def forbidden_moves(specs: Iterable[SpecHistory], workflow: Workflow,
                    commits: frozenset[str] | None = None,
                    adoption: Adoption | None = None,
                    earlier: EarlierWorkflows | None = None
                    ) -> Iterator[tuple[SpecHistory, Event]]:
    """Every committed status change the workflow forbids, accepted or not (only in
    `commits`, if given): see `illegal_transitions`. With `earlier`, a move (or a birth)
    today's workflow allows is forbidden all the same where a workflow that judges its
    commit besides today's forbids it (`EarlierWorkflows.in_force`): a workflow changed
    in the change that makes the move does not judge it."""
    specs = tuple(specs)
    earlier = earlier or None  # one with no other workflow judges nothing
    held: set[str] | None = None  # the ids of the specs HEAD holds, known once needed
    for spec in specs:
        born = forbidden_birth(spec, workflow, adoption) or _earlier_birth(
            spec, earlier, adoption)
        if born is not None and (commits is None or born.commit in commits):
            yield spec, born
        removed = forbidden_removal(spec, workflow, adoption)
        if removed is not None and (commits is None or removed.commit in commits):
            if held is None:
                held = {other.spec_id for other in specs if other.current_path is not None}
            if removed.spec_id not in held:
                yield spec, removed
        if not spec.event_kinds & MOVING_KINDS:
            continue
        pairs = spec_move_pairs(spec)
        if all(workflow.allows(before, after) for before, after in pairs) \
                and (earlier is None or earlier.allow_all(pairs)):
            continue  # no forbidden move (for the history cache's, its events left unread)
        for event in status_moves(spec.events)[spec.inherited:]:
            if event is None or (commits is not None and event.commit not in commits):
                continue
            if not workflow.allows(event.before, event.after) or (
                    event.before is not None and earlier_forbidding(earlier, event)):
                yield spec, event


def earlier_forbidding(earlier: EarlierWorkflows | None, event: Event | None
                       ) -> EarlierWorkflow | None:
    """The workflow other than today's that forbids the move (or the birth) `event`
    made, if one does (`EarlierWorkflows.forbidding`)."""
    if earlier is None or event is None:
        return None
    if event.before is None:
        return earlier.forbidding(event.commit, lambda judge: judge.may_start_in(event.after),
                                  event.mainline)
    return earlier.forbidding(event.commit,
                              lambda judge: judge.allows(event.before, event.after),
                              event.mainline)


def _earlier_birth(spec: SpecHistory, earlier: EarlierWorkflows | None,
                   adoption: Adoption | None) -> Event | None:
    """The event of a spec's birth after adoption that today's workflow allows and one
    that judges its commit besides it forbids (a state added to `statuses.initial` in
    the change that adds a spec in it), if so."""
    birth = spec.birth
    if earlier is None or adoption is None or birth is None or earlier.forbidding(
            birth[0], lambda judge: judge.may_start_in(birth[1])) is None \
            or not adoption.checks_births_in(birth[0]):
        return None  # (the events read only where some workflow may forbid it)
    event = birth_event(spec.events)
    return event if earlier_forbidding(earlier, event) is not None else None


def forbidden_birth(spec: SpecHistory, workflow: Workflow,
                    adoption: Adoption | None) -> Event | None:
    """The event of a spec's birth after adoption (`adoption`; None: unknown) in a status
    a new spec may not start in, if it was: its `created` event, or for a spec created
    with no readable status the event that gave it its first (`birth_event`; its commit
    is the one judged against the adoption); known for most specs without reading their
    events (`SpecHistory.birth`). A copy, a move, a renumbered spec and one brought
    back after its deletion continue a spec: no birth."""
    if not workflow.initial or adoption is None:
        return None  # any state will do (or no adoption known): no spec's birth to read
    birth = spec.birth
    if birth is None or workflow.may_start_in(birth[1]) \
            or not adoption.checks_births_in(birth[0]):
        return None
    return birth_event(spec.events)


def forbidden_removal(spec: SpecHistory, workflow: Workflow,
                      adoption: Adoption | None) -> Event | None:
    """The `deleted` event of a spec that left the spec set after adoption (`adoption`;
    None: unknown, no check) in an approved state (`Workflow.approved`), if it did: its
    file deleted, or moved where the configuration reads no spec; or the merge that left
    it out (`merge-resolved` to nothing: a merge deleting it, or, in a shallow clone whose
    boundary holds the branch without its history, the branch's deletion merged). What
    reviewers approved changes only with a new approval (README), and a removal is the
    largest change: a
    team moves the spec to a state outside `approved` first (Withdrawn, Rejected,
    Superseded: a status move the workflow judges, in sight in the history), or accepts
    the removal with an `accepted_transitions:` entry. Only a removal that stands counts:
    a spec with a file at HEAD (brought back) left nothing (nor, `forbidden_moves` says,
    one whose id a spec at HEAD still holds: a copy removed, the original kept)."""
    if adoption is None or spec.current_path is not None \
            or spec.event_kinds.isdisjoint(LEAVING) or not workflow.approved \
            or (isinstance(spec.events, FactualEvents)
                and workflow.approved.isdisjoint(statuses_had(spec))):
        return None
    last = spec.events[-1] if spec.events else None
    if last is None or last.kind not in LEAVING or last.after is not None \
            or last.before not in workflow.approved or not adoption.checks_births_in(last.commit):
        return None
    return last if last.kind == DELETED else replace(last, kind=DELETED)  # said as one


def transition_finding(event: Event, file: Path, spec: SpecSummary | None,
                       severity: Severity, workflow: Workflow,
                       earlier: EarlierWorkflows | None = None,
                       placed: Callable[[JsonPath], str] | None = None,
                       since: str | None = None) -> Finding:
    """An illegal move, on the spec's file now (or, for a deleted spec, its last file); the
    event's commit, author, date, from and to are the finding's properties. A move (or a
    birth) today's `workflow` allows is one a workflow of `earlier` forbids: the message
    names that one, and where today's configuration allows it (`placed`: the place of a
    setting, `Config.placed`). A move read across unreadable versions names the first of
    them, `since` (`model.unread_span.unread_since`), as a `unread_since` property too."""
    allowed_today = workflow.may_start_in(event.after) if event.before is None \
        else workflow.allows(event.before, event.after) and event.kind != DELETED
    judge = earlier_forbidding(earlier, event) if allowed_today else None
    if judge is not None:
        return _placed(event, _changed_workflow_message(event, judge, placed, since), file,
                       spec, severity, since)
    allowed = workflow.next_states(event.before or "")
    if event.before is None:  # the workflow allows every other move from no status
        return _birth_finding(event, file, spec, severity, workflow, since)
    if event.kind == DELETED:
        return _placed(event, removal_message(event, workflow), file, spec, severity)
    move = (f"brought the spec back as {event.after} (it was deleted as {event.before})"
            if event.kind == CREATED
            else f"holds the status {event.after} where commit {event.seen_from[:10]} holds "
                 f"{event.before}, and this shallow clone holds no commit between them, so "
                 f"that is checked as one move" if isinstance(event, BoundaryMove)
            else f"settled the status on {event.after} (a merged branch's) where HEAD's "
                 f"first-parent line held {event.before} before the merge"
            if event.kind == MERGE_RESOLVED and event.from_line
            else f"settled the status on {event.after} where a merged branch left it "
                 f"{event.before}" if event.kind == MERGE_RESOLVED
            else f"moved the status from {event.before} to {event.after}")
    message = (
        f"{seen_in(event, since)} {move}, which the workflow does not allow (from "
        f"{event.before}: {', '.join(allowed) or 'nowhere'}){_gone_note(event, workflow)}"
    )
    return _placed(event, message, file, spec, severity, since)


def _gone_note(event: Event, workflow: Workflow) -> str:
    """Why a move from or to a state today's `workflow` no longer has may be a rename
    history did not follow (README, "How history is read": one state replaced by two in
    one change of `statuses: states:`, the specs that change moved not saying which it
    became); empty when both states are today's."""
    gone = [state for state in (event.before, event.after)
            if state is not None and state not in workflow.states]
    if not gone:
        return ""
    return (f"; {gone[0]} is no state of today's workflow: a state renamed in the change "
            "of statuses: states: that also added or removed another is followed only when "
            "every spec that change moved out of it entered one new state, so rename it in "
            "a commit of its own")


def unaccepted_note(finding: Finding, entry: AcceptedTransition | None,
                    config_file: str) -> Finding:
    """`finding` on a forbidden move, saying why the `accepted_transitions:` entry that
    names it (`entry`, if one does, in `config_file` as messages name it) accepts nothing
    (`standing_acceptance`)."""
    if entry is None:
        return finding
    return replace(finding, message=(
        f"{finding.message}; the accepted_transitions: entry at {config_file}:"
        f"{entry.commit_at[0]}:{entry.commit_at[1]} that names it came in the change that "
        "makes the move (or after "
        "the base the commits checked come after), and an entry accepts only a move "
        "already made: accept it in a change of its own once the move is merged"))


def _changed_workflow_message(event: Event, judge: EarlierWorkflow,
                              placed: Callable[[JsonPath], str] | None,
                              since: str | None) -> str:
    """Why a move (or a birth) today's workflow allows is refused: `judge`, a workflow
    that judges its commit besides today's, forbids it (`since`: as `transition_finding`)."""
    workflow = judge.workflow
    setting: JsonPath = ("statuses", "initial")
    if event.before is None:
        made, rule = f"created the spec in {event.after}", starts_in(workflow)
    else:
        made = f"moved the status from {event.before} to {event.after}"
        rule = f"from {event.before}: {', '.join(workflow.next_states(event.before)) or 'nowhere'}"
        setting = ("statuses", "transitions", event.before)
    where = f" ({placed(setting)})" if placed is not None else ""
    return (f"{seen_in(event, since)} {made}, which "
            f"{judge.whose} does not allow ({rule}); today's workflow allows it{where}, "
            f"but {judge.why}")


def _birth_finding(event: Event, file: Path, spec: SpecSummary | None,
                   severity: Severity, workflow: Workflow, since: str | None) -> Finding:
    """A spec born in a commit in a status a new spec may not start in: created in it, or
    given its first readable status (`birth_event`; `since`: as `transition_finding`)."""
    born = (f"created the spec in {event.after}" if event.kind == CREATED
            else f"gave the spec its first readable status, {event.after}")
    message = (f"{seen_in(event, since)} {born}, which the workflow does not allow "
               f"({starts_in(workflow)})")
    return _placed(event, message, file, spec, severity, since)


def removal_message(event: Event, workflow: Workflow) -> str:
    """Why the removal `event` (a spec's `deleted` event in an approved state) is refused,
    and what a team does instead."""
    return (f"commit {event.commit[:10]} by {event.author} on {event.day} removed the spec "
            f"from the spec set ({event.path} deleted, moved or no longer read as a spec) "
            f"while it was {event.before}, which the workflow does not allow: "
            f"{leaves_from(workflow, event.before or '')}")


def leaves_from(workflow: Workflow, status: str) -> str:
    """How an approved spec in `status` leaves the spec set, in words: "move it to
    Rejected or Withdrawn first ...", naming only the moves the workflow allows from
    there (to a terminal state, else to one not approved), or the shortest way there."""
    approved = ", ".join(state for state in workflow.states if state in workflow.approved)
    way = workflow.way_out(status)
    if way is None:
        advice = (f"the workflow allows no way from {status} to such a state, so only an "
                  "accepted_transitions: entry accepts the removal")
    elif len(way) == 1:
        advice = (f"move it to {' or '.join(way[0])} first, or an accepted_transitions: "
                  "entry accepts the removal")
    else:
        steps = ", then ".join(" or ".join(step) for step in way)
        advice = (f"move it to {steps} first: the workflow allows no such move from "
                  f"{status} at once; or an accepted_transitions: entry accepts the removal")
    return f"a spec leaves from a state outside {approved} ({advice})"


def starts_in(workflow: Workflow) -> str:
    """Where a new spec starts, in words: "a new spec starts in Draft"."""
    return "a new spec starts in " + " or ".join(
        state for state in workflow.states if state in workflow.initial)


def _placed(event: Event, message: str, file: Path, spec: SpecSummary | None,
            severity: Severity, since: str | None = None) -> Finding:
    """A finding on a committed event, on the spec's file now (or, for a deleted spec, its
    last file); the event's commit, author, date, from and to (None: a removal) are its
    properties, and the first unread version's commit of a move read across them
    (`unread_since`, where `since` names one)."""
    facts = (("commit", event.commit), ("author", event.author),
             ("date", iso_time(event.authored)), ("from", event.before),
             ("to", None if event.kind == DELETED else event.after or ""),
             *(() if since is None else (("unread_since", since),)))
    if spec is None:  # its last file: gone, or no longer read as a spec
        return Finding.at(file, None, severity, RULE.id, message, properties=facts,
                          file_gone=is_gone(file))
    place = status_problem(spec, message)
    return Finding.at(spec.file, place.position, severity, RULE.id, message, place.path,
                      properties=facts)
