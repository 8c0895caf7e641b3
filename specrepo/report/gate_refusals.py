"""The report's refusals of a spec set it cannot measure (exit 2): none of whose specs has a
status it can read, or, under `--fail-on`, with files or folders it cannot read now, or
(`--fail-on stale`) specs whose age a shallow clone hides."""

from __future__ import annotations

from collections.abc import Iterable

from specrepo.base.errors import ConfigError
from specrepo.base.wording import counted
from specrepo.load.unlisted_folders import CANNOT_READ
from specrepo.model.boundary_change import SHALLOW_FETCH
from specrepo.model.config import Config
from specrepo.model.report import Condition, Report
from specrepo.report.spec_set import SpecSet


def require_readable(spec_set: SpecSet, config: Config, *, gated: bool) -> None:
    """`require_a_status`, and, for a `--fail-on` gate (`gated`), `refuse_unread_gate`."""
    require_a_status(spec_set, config)
    if gated:
        refuse_unread_gate(spec_set)


def require_a_status(spec_set: SpecSet, config: Config) -> None:
    """Refuse a set of specs none of which has a value at the status field (HEAD's, or
    its last readable one; an unreadable one counts): a report of it would measure
    nothing, and every `--fail-on` gate would pass in silence. A spec whose file the work
    tree cannot read (HEAD's version kept: `SpecNote.unreadable`) is no spec the report
    read: where only such specs are left, the files and folders it cannot read are named.
    Raises ConfigError naming `fields: status:`, or those."""
    unread = {note.path for note in spec_set.notes if note.unreadable}
    if any(file.version.status or not (file.version.readable("status")
                                       or file.version.lacks("status"))
           for file in spec_set.specs if file.path not in unread):
        return  # a status to measure, or one written but unreadable: named in integrity
    paths = {note.path for note in (*spec_set.unreadable, *spec_set.notes)}
    paths.update(file.path for file in spec_set.specs)
    if not paths:
        return  # no spec at all: `--allow-empty` said that is fine
    if spec_set.unread:  # the files themselves, not the field map, are what fails
        raise ConfigError(
            "no spec the report can read: "
            + "; ".join(f"{path}: {why}" for path, why in spec_set.unread)
            + " (`specrepo validate` names each)")
    status_field = ".".join(map(str, config.fields.status or ("status",)))
    raise ConfigError(
        f"{config.placed(('fields', 'status'))}: no spec has a status the report can read "
        f"({counted(len(paths), 'spec')}): `fields: status:` names `{status_field}`, which "
        "no spec has readable "
        "at HEAD (nor ever had), so no status, age or gate could be measured; "
        "map `fields: status:` to the field that holds each spec's status (`specrepo "
        "validate` names each spec without it)")


def refuse_unread_gate(spec_set: SpecSet) -> None:
    """Refuse a `--fail-on` gate over a spec set with files or folders that cannot be read
    now (`SpecSet.unread` whose reason is `CANNOT_READ`: no permission, not a file it
    refuses to read, such as a link out or a submodule, which a warning names): what it was
    asked to check is not all there to measure, and a gate must not pass on what it could
    not read. Raises ConfigError naming each."""
    unread = [(path, why) for path, why in spec_set.unread if why.startswith(CANNOT_READ)]
    if unread:
        raise ConfigError(
            "--fail-on cannot judge specs it cannot read: "
            + "; ".join(f"{path}: {why}" for path, why in unread)
            + " (`specrepo validate` names each)")


def refuse_unknown_staleness(report: Report, conditions: Iterable[Condition]) -> Report:
    """`report`, unless `conditions` have `stale` and it has specs whose idle days are a
    lower bound within their limit (`Report.stale_unknown`: last changed before a shallow
    clone's history starts): the gate can neither pass nor fail on them. Raises
    ConfigError naming each, and the fix."""
    if "stale" not in conditions or not report.stale_unknown:
        return report
    named = "; ".join(f"{spec.spec_id} ({spec.status}, idle at least {spec.idle_days:.1f} "
                      f"days of {spec.limit_days} allowed)" for spec in report.stale_unknown)
    raise ConfigError(
        "--fail-on stale cannot judge specs last changed before this shallow clone's "
        f"history starts: {named}; {SHALLOW_FETCH}")

