"""`accepted_transitions:` of specrepo.yaml: committed status moves the workflow forbids,
accepted as they are (see `model.workflow.AcceptedTransition`)."""

from __future__ import annotations

from specrepo.load.document import Document, value_at
from specrepo.model.workflow import AcceptedTransition


def accepted_transitions(document: Document) -> tuple[AcceptedTransition, ...]:
    """The entries, in order, each with its line; the config schema has checked their
    shape (a commit of 7 to 64 hex digits, a spec, a reason)."""
    entries = value_at(document.data, ("accepted_transitions",))
    if not isinstance(entries, list):
        return ()
    accepted = []
    for index, entry in enumerate(entries):
        assert isinstance(entry, dict)
        commit = document.position(("accepted_transitions", index, "commit"))
        accepted.append(AcceptedTransition(
            str(entry["commit"]).lower(), str(entry["spec"]), str(entry["reason"]),
            document.position(("accepted_transitions", index)).line,
            (commit.line, commit.column)))
    return tuple(accepted)
