"""unreadable-history: a spec file that reads in the work tree has a version at HEAD that
reads too; otherwise its history cannot be checked at all, and a history check that
checked nothing must not pass (`validate --history`)."""

from __future__ import annotations

from specrepo.check.rules.rule import Rule
from specrepo.model.findings import Finding, Severity
from specrepo.model.spec_summary import SpecSummary

RULE = Rule(
    "unreadable-history", Severity.ERROR,
    "The spec file reads, but the version of it HEAD holds does not, so its history "
    "cannot be checked (`validate --history`).",
    "a spec file that reads has a committed version at HEAD that reads too (unchanged "
    "since, or with earlier versions that read): else its history cannot be checked at "
    "all (`validate --history`)",
    configurable=True)


def unreadable_finding(spec: SpecSummary, why: str, unchanged: bool,
                       severity: Severity) -> Finding:
    """The finding on a spec file whose version at HEAD cannot be read (`why`), on its
    id; `unchanged`: the file is what HEAD holds (else no committed version of it reads)."""
    state = ("is unchanged since that commit" if unchanged
             else "no committed version of it can be read")
    message = (f"HEAD's version of this file cannot be read ({why}), though the file here "
               f"reads and {state}: its history cannot be checked (a clean/smudge filter "
               "that is set up wrong reads every committed version as something else; "
               "`git check-attr filter -- FILE` names the filter)")
    return Finding.at(spec.file, spec.positions.key_position(spec.fields.id), severity,
                      RULE.id, message, spec.fields.id)
