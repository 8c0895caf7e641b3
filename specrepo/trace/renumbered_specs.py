"""The spec ids history shows renumbered: a reference naming an old id is told the new."""

from __future__ import annotations

from specrepo.model.events import ID_CHANGED
from specrepo.model.history import History


def renumbered_specs(history: History) -> dict[str, str]:
    """Each spec id no spec at HEAD has -> the id now of the one spec at HEAD that history
    shows renumbered from it (its own `id-changed` events, not those it inherited from a
    spec it was copied from); an old id two specs at HEAD had is left out (which one a
    reference meant cannot be told)."""
    now = {spec.spec_id for spec in history.specs if spec.current_path}
    found: dict[str, set[str]] = {}
    for spec in history.specs:
        if not spec.current_path:
            continue
        for event in spec.events[spec.inherited:]:
            if event.kind == ID_CHANGED and event.before and event.before not in now:
                found.setdefault(event.before, set()).add(spec.spec_id)
    return {old: new for old, (new, *others) in found.items() if not others}
