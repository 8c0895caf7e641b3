"""file-name: the file name starts with the spec's id, or the path ends as `new.file_name`
writes it for the id."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from specrepo.check.rules.rule import CheckedSpec, Problem, RuleContext, SpecRule
from specrepo.model.findings import Severity


def file_name_fits(file: Path, spec_id: str) -> bool:
    """Whether a file's name starts with the spec id: `SPEC-0042.yaml`,
    `SPEC-0042-some-title.yaml` or `SPEC-0042_some_title.yaml`."""
    stem = file.stem
    return stem == spec_id or stem.startswith((f"{spec_id}-", f"{spec_id}_"))


def check(spec: CheckedSpec, context: RuleContext) -> Iterator[Problem]:
    """A file whose name does not start with its spec's id, nor ends as `new.file_name`
    writes it (when that carries the id: `{{number}}-{{slug}}/README.md`, the KEP
    layout, has it in the folder's name); the advice follows `new.file_name` when set."""
    record = spec.record
    pattern = context.new_file_name
    if pattern is not None and not pattern.carries_id:
        pattern = None  # names no id: new's names are no guide to the id's
    if file_name_fits(record.file, record.id) or (
            pattern is not None and pattern.fits(record.file, record.id)):
        return
    if pattern is not None:
        yield Problem(spec, record.fields.id,
                      f"the file's path does not end as new.file_name "
                      f"({pattern.pattern}) writes it for the id '{record.id}', nor does "
                      f"its name '{record.file.name}' start with the id; move it to "
                      f"{pattern.shown(record.id)}")
        return
    suffix = record.file.suffix  # the spec's own format: renamed, it must stay a spec
    yield Problem(spec, record.fields.id,
                  f"the file name '{record.file.name}' {_misfit(record.file, record.id)}; "
                  f"rename it to {record.id}{suffix} or {record.id}-<title>{suffix}")


def _misfit(file: Path, spec_id: str) -> str:
    """How the name of `file` misses the id: it starts otherwise, or it goes on from the
    id with another character than `-` or `_` (`SPEC-0001 copy.yaml`, `SPEC-00012.yaml`),
    which reads as another id or no id at all."""
    stem = file.stem
    if stem.startswith(spec_id) and len(stem) > len(spec_id):
        return (f"goes on from the id '{spec_id}' with '{stem[len(spec_id)]}', not with "
                f"'-' or '_'")
    return f"does not start with the id '{spec_id}'"


RULE = SpecRule(
    "file-name", Severity.ERROR,
    "The file name does not start with the spec's id (SPEC-0042.yaml or "
    "SPEC-0042-some-title.yaml), nor does the path end as new.file_name writes it.",
    "the file name starts with the spec's id (`SPEC-0042.yaml`, `SPEC-0042-title.yaml`; "
    "a Markdown spec keeps its `.md`), or the path ends as a `new.file_name` that carries "
    "the id writes it (`{{number}}-{{slug}}/README.md`)",
    check=check)
