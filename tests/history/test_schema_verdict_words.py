"""History's reason for a field the schema refuses is validate's schema finding on that
value, word for word at the same line and column (`check.schema_check.value_findings`):
report and validate never name one bad value two ways (trial36c
report-unreadable-reviewers-no-line)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from specrepo.check.compiled_schema import compile_source
from specrepo.check.schema_check import check_schema
from specrepo.history.versions import VersionReader
from specrepo.load.schema_source import SPEC_SCHEMA, bundled_source
from specrepo.load.spec_files import load_spec_content
from specrepo.load.yaml_loader import LoadLimits
from specrepo.model.version import MinedField
from tests.support import MINIMAL_SPEC, fuzz

SOURCE = bundled_source(SPEC_SCHEMA)
READER = VersionReader(LoadLimits(max_bytes=1 << 20), SOURCE)
SCHEMA = compile_source(SOURCE)
KEYS: dict[MinedField, str] = {"status": "status", "reviewers": "reviewers",
                               "questions": "open_questions", "authors": "authors",
                               "created": "created", "title": "title"}
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6)
    | st.sampled_from(["Approved", "Aproved", "Q1", "open", "shut", "Grace",
                       "2026-01-05", "2026-1-5", "2026-02-30"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "name", "question", "state", "approved", "aproved", "owner"]),
        inner, max_size=3),
    max_leaves=8)


@fuzz(200)
@given(st.sampled_from(sorted(KEYS)), VALUES)
def test_a_refused_value_is_said_as_validate_says_it(name: MinedField, value: Any) -> None:
    data = yaml.safe_load(MINIMAL_SPEC.format(id="SPEC-0001"))
    data[KEYS[name]] = value
    raw = yaml.safe_dump(data, sort_keys=False).encode()
    document = load_spec_content(raw).document
    findings = {(finding.line, finding.column, finding.message)
                for finding in check_schema(SCHEMA, Path("SPEC-0001.yaml"), document)
                if finding.json_path[:1] == (KEYS[name],)}
    version = READER.read(raw, "specs/SPEC-0001.yaml")
    problems = [why for field, why in version.unreadable if field == name]
    if not findings:
        assert all(not why.why.startswith(("missing required", "expected ")) for why in
                   problems)  # no schema verdict where validate has none
        return
    [why] = problems  # the schema refuses the value: history says one of validate's
    assert (why.line, why.column, why.why) in findings, (findings, why)
