"""The net change of approved specs since their approval: HEAD's version compared with the
version at the latest approval, as `diff --since-approval` compares them, so that a change
undone (an edit reverted, text back byte for byte) needs no new approval and the rule and
the diff give one answer."""

from __future__ import annotations

from dataclasses import replace

from specrepo.check.rules.changed_after_approval import approval_of
from specrepo.model.config import Config
from specrepo.model.history import History


def with_net_changes(config: Config, history: History) -> History:
    """`history` with `SpecHistory.changed_since_approval` set for each spec HEAD holds in
    an approved state with protected changes no approval covers: the protected content
    whose value at HEAD differs from the approved version's (`content_events`). Reads two
    versions of those specs only; a spec whose approved version git cannot give stays
    uncompared (None: each change counts)."""
    if history.head is None:
        return history
    candidates = [
        (spec, approval) for spec in history.specs
        if spec.current is not None and spec.current_path is not None
        and spec.current.status in config.workflow.approved
        and spec.protected_changes
        and (approval := approval_of(spec, config.workflow, history.ancestry)) is not None
        and approval.unapproved]
    if not candidates:
        return history
    # Loaded only now: a run whose approved specs have no such change reads no version.
    from specrepo.compare.content_events import content_events, content_settings  # noqa: PLC0415
    from specrepo.history.spec_pairs import approved_pairs  # noqa: PLC0415

    settings = content_settings(config)
    pairs = approved_pairs(config, history.work_tree, [
        (approval.latest.commit, approval.latest.path, spec.current_path or "")
        for spec, approval in candidates], history.head)
    at_head = {pair.new.path: pair for pair in pairs if pair.new is not None}
    changed: dict[str, frozenset[str]] = {}
    for spec, _ in candidates:
        pair = at_head.get(spec.current_path or "")
        if pair is None or pair.old is None or pair.new is None \
                or pair.old.content is None or pair.new.content is None:
            continue
        changed[spec.key] = frozenset(
            event.field if event.item is None else f"{event.field}[{event.item}]"
            for event in content_events(pair.old.content, pair.new.content, settings)
            if event.protected)
    return replace(history, specs=tuple(
        replace(spec, changed_since_approval=changed[spec.key]) if spec.key in changed
        else spec for spec in history.specs))
