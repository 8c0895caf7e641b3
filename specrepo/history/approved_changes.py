"""The net change of approved specs since their approval: HEAD's version compared with the
version at the latest approval (where it could not be read, the last readable one before
it: `model.unread_approval`), as `diff --since-approval` compares them, so that a change
undone (an edit reverted, text back byte for byte) needs no new approval and the rule and
the diff give one answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from specrepo.gitio.git_command import Git
from specrepo.gitio.repository import RepositoryState
from specrepo.model.approval_standing import approval_of
from specrepo.model.config import Config
from specrepo.model.event import Event
from specrepo.model.events import APPROVED, CONTENT_EVENTS, SETS_STATUS
from specrepo.model.history import History, SpecHistory
from specrepo.model.review_round import moves_into
from specrepo.model.unread_approval import since_readable

if TYPE_CHECKING:
    from specrepo.compare.content_events import ContentSettings

APPROVING = frozenset({APPROVED, *SETS_STATUS})
"""The kinds of event whose commit may be an approval's (`approval_of` says which is)."""


def with_net_changes(config: Config, history: History, git: Git,
                     state: RepositoryState) -> History:
    """`history` with `SpecHistory.changed_since_approval` set for each spec HEAD holds in
    an approved state with protected changes no approval covers: the protected content
    whose value at HEAD differs from the approved version's (`content_events`). Reads two
    versions of those specs only; a spec whose approved version git cannot give stays
    uncompared (None: each change counts).

    What the configuration at a spec's latest approval protected counts as well as what
    today's does (`approval_protection`): where it protected more, the changes since
    that touch it are protected changes too (events after the approval whose content
    differs at HEAD from the approved version's). Where mining found that no commit held
    a configuration protecting more (`History.wider_protection`), no approving commit's
    is looked up, and only the specs with protected changes have their events read."""
    history = with_approved_then(config, history, git, state, lambda spec: bool(
        spec.protected_changes or (history.wider_protection
                                   and spec.event_kinds & CONTENT_EVENTS)))
    if history.head is None:
        return history
    wider = _approval_settings(config, history, git, state) \
        if history.wider_protection else {}
    approved = [  # an approved version that could not be read: the one before it instead
        (spec, since_readable(spec, approval, history)) for spec in history.specs
        if spec.current is not None and spec.current_path is not None
        and spec.current.status in config.workflow.approved | spec.approved_then
        and (spec.protected_changes or (wider and any(
            event.commit in wider for event in spec.events if event.kind in APPROVING)))
        and (approval := approval_of(spec, config.workflow, history.ancestry)) is not None]
    candidates = [(spec, approval) for spec, approval in approved
                  if (spec.protected_changes and approval.unapproved)
                  or approval.latest.commit in wider]
    if not candidates:
        return history
    # Loaded only now: a run whose approved specs have no such change reads no version.
    from specrepo.compare.content_events import content_events, content_settings  # noqa: PLC0415
    from specrepo.history.approved_pairs import approved_pairs  # noqa: PLC0415

    settings = content_settings(config)
    pairs = approved_pairs(config, history.work_tree, [
        (approval.latest.commit, approval.latest.path, spec.current_path or "")
        for spec, approval in candidates], history.head)
    at_head = {pair.new.path: pair for pair in pairs if pair.new is not None}
    changed: dict[str, SpecHistory] = {}
    for spec, approval in candidates:
        pair = at_head.get(spec.current_path or "")
        if pair is None or pair.old is None or pair.new is None \
                or pair.old.content is None or pair.new.content is None:
            continue
        then = wider.get(approval.latest.commit)
        net = frozenset(
            event.field if event.item is None else f"{event.field}[{event.item}]"
            for event in content_events(pair.old.content, pair.new.content, then or settings)
            if event.protected)
        changed[spec.key] = replace(
            spec if then is None else _protecting(spec, approval.latest, net),
            changed_since_approval=net)
    return replace(history, specs=tuple(changed.get(spec.key, spec) for spec in history.specs))


def with_approved_then(config: Config, history: History, git: Git, state: RepositoryState,
                       wanted: Callable[[SpecHistory], bool]) -> History:
    """`history` with `SpecHistory.approved_then` set for each spec that is `wanted` (the
    others are not looked at) and that HEAD holds in a status today's `statuses:
    approved:` does not count but the configuration file in the commit of its last move
    into that status did (`approval_protection.approved_states_at`): a `statuses:`
    narrowed after the approval, in the change that rewrites the spec or before it,
    unapproves nothing (trial37b). Git is asked only of a spec in a state some version of
    the configuration in the history counted as approved (`History.approved_once`, which
    mining recorded: a warm run with `statuses: approved:` never narrowed asks nothing).
    Raises `HistoryError` when git fails."""
    once = history.approved_once
    entered = {spec.key: (status, spec.events[max(moves)].commit) for spec in history.specs
               if spec.current is not None and (status := spec.current.status) is not None
               and status not in config.workflow.approved
               and (once is None or status in once) and wanted(spec)
               and (moves := moves_into(spec.events, {status}))}
    if not entered:
        return history
    # Loaded only now: a warm run with no such spec reads no configuration's version.
    from specrepo.history.approval_protection import approved_states_at  # noqa: PLC0415

    then = approved_states_at(config, git, state, {commit for _, commit in entered.values()},
                              history.renamed_since)
    if not then:
        return history
    kept = {key: frozenset({status}) for key, (status, commit) in entered.items()
            if status in then.get(commit, ())}
    return replace(history, specs=tuple(
        replace(spec, approved_then=kept[spec.key]) if spec.key in kept else spec
        for spec in history.specs))


def _approval_settings(config: Config, history: History, git: Git,
                       state: RepositoryState) -> dict[str, ContentSettings]:
    """`approval_settings` of every commit that may have approved a spec HEAD holds
    approved with content events."""
    from specrepo.history.approval_protection import approval_settings  # noqa: PLC0415

    return approval_settings(config, git, state, {
        event.commit for spec in history.specs
        if spec.current is not None
        and spec.current.status in config.workflow.approved | spec.approved_then
        and spec.event_kinds & CONTENT_EVENTS
        for event in spec.events if event.kind in APPROVING})


def _protecting(spec: SpecHistory, latest: Event, net: frozenset[str]) -> SpecHistory:
    """`spec` with its content events after `latest` (the latest approval) that touch what
    differs in protected content (`net`: field labels) marked protected: those an earlier
    configuration protected when they were approved."""
    events = list(spec.events)
    after = next(index for index, event in enumerate(events) if event is latest) + 1
    marked = [replace(event, protected=True) if index >= after and not event.protected
              and event.kind in CONTENT_EVENTS and event.field_label in net else event
              for index, event in enumerate(events)]
    return spec if marked == events else replace(spec, events=tuple(marked))
