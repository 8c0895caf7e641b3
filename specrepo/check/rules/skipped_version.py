"""skipped-version: every committed version of a spec can be read; one that cannot is
skipped by the history check (its unreadable fields keep their last readable values): a
status move across it is judged from the last version read before it to the next, at
the commit that reads again, and a status only it held is never seen (`validate
--history`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from specrepo.base.wording import counted
from specrepo.check.rules.rule import Rule
from specrepo.model.findings import Finding, Severity
from specrepo.model.history import SkippedVersion
from specrepo.model.spec_summary import SpecSummary
from specrepo.model.version import skipped_fields

RULE = Rule(
    "skipped-version", Severity.WARNING,
    "A committed version of the spec does not load, or fails the schema, so the history "
    "check skipped the fields it could not read (`validate --history`).",
    "every committed version of the spec can be read, so that the history check sees "
    "each status the spec held, each move at its own commit (`validate --history`; a "
    "warning by default)",
    configurable=True)


def skipped_finding(versions: Sequence[SkippedVersion], file: Path, spec: SpecSummary | None,
                    severity: Severity) -> Finding:
    """One finding for the skipped `versions` of a spec (at least one), on its file now
    (or, for a deleted spec, its last file): every one by its place, commit and why
    (`SkippedVersion.said`): `validate --history` is where each is named (README: "Each
    skipped version is named"; `report` and `timeline` name the first few)."""
    named = "; ".join(version.said for version in versions)
    them, they = ("it", "it") if len(versions) == 1 else ("them", "they")
    versions_of = counted(len(versions), "committed version") + " of this spec"
    message = (f"{skipped_fields(versions_of)} (a status move across {them} is judged from "
               f"the versions read around {them}; a status only {they} held is not seen): "
               f"{named}")
    facts = tuple(("commit", version.commit) for version in versions[:1])
    if spec is None:
        return Finding.at(file, None, severity, RULE.id, message, properties=facts)
    return Finding.at(spec.file, spec.positions.key_position(spec.fields.id), severity,
                      RULE.id, message, spec.fields.id, properties=facts)
