"""References to specs that exist but could not be read: a spec file validate refuses (a
YAML syntax error, say) gives no record, so a tag naming its id names no known spec; trace
says the spec exists in that file but could not be read, as validate's `unknown-reference`
does (the file's own finding says why)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from specrepo.base.paths import display_path
from specrepo.check.rules.file_name import file_name_fits
from specrepo.check.spec_ids import unreadable_spec_id
from specrepo.model.config import Config
from specrepo.model.findings import ValidationResult
from specrepo.model.spec_record import SpecRecord
from specrepo.model.trace import DanglingReference, TraceMatrix


def with_unloaded_specs(matrix: TraceMatrix, validation: ValidationResult,
                        records: Iterable[SpecRecord], config: Config) -> TraceMatrix:
    """`matrix` whose dangling references naming no spec say so of a spec that exists but
    could not be read (`UnknownReference.unreadable`): one of `validation`'s files with a
    finding and no record among `records`, showing that id (its id line, as far as it
    reads, or its name: `SPEC-0001-login.yaml`). The files are read only when such a
    reference is there."""
    if not any(entry.unknown is not None and entry.unknown.unknown == "spec"
               for entry in matrix.dangling):
        return matrix
    loaded = {record.file for record in records}
    unreadable = [path for path in dict.fromkeys(finding.path for finding in validation.findings)
                  if path not in loaded]
    if not unreadable:
        return matrix
    folded = {spec_id.casefold(): path for path in reversed(unreadable)
              if (spec_id := unreadable_spec_id(path, config))}

    def said(entry: DanglingReference) -> DanglingReference:
        unknown = entry.unknown
        if unknown is None or unknown.unknown != "spec":
            return entry
        spec_id = unknown.reference.spec_id.casefold()  # a tag's: in any letter case
        holder = folded.get(spec_id) or next(
            (path for path in unreadable
             if file_name_fits(Path(path.name.casefold()), spec_id)), None)
        return entry if holder is None else replace(
            entry, unknown=replace(unknown, unreadable=display_path(holder)))
    return replace(matrix, dangling=tuple(map(said, matrix.dangling)))
