"""History reads a mined field by validate's definition of readable (`spec-field`): under
a loose schema, any YAML value in the questions, reviewers or status field is either read,
nothing in it dropped, or the field is unreadable; never read as empty in silence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from specrepo.check.mapped_fields import check_mapped_fields
from specrepo.history.versions import VersionReader
from specrepo.load.schema_source import SchemaSource
from specrepo.load.spec_files import load_spec_content
from specrepo.load.yaml_loader import LoadLimits
from specrepo.model.fields import FieldMap
from specrepo.model.spec_record import names_somebody
from specrepo.model.version import FieldProblem, MinedField
from tests.support import fuzz

FIELDS = FieldMap(id=("number",), questions=("issues",))
READER = VersionReader(LoadLimits(max_bytes=1 << 20),
                       SchemaSource({"type": "object"}, "urn:specrepo:test:loose", {},
                                    checked=True), FIELDS)
MINED: dict[MinedField, str] = {"status": "status", "reviewers": "reviewers",
                                "questions": "issues"}
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8)
    | st.sampled_from(["Approved", "Q-1", "open", "resolved", "Grace", "2026-01-01"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "name", "question", "state", "approved", "Q-1"]), inner,
        max_size=3),
    max_leaves=8)


def _read(name: MinedField, value: Any) -> tuple[bool, Any, list[str]]:
    """Whether history reads field `name` holding `value`, what it reads, and validate's
    `spec-field` messages on the field (a question's state aside: it reads as open)."""
    data = {"number": "RFC-1", "title": "t", "status": "Approved", MINED[name]: value}
    raw = yaml.safe_dump(data, sort_keys=False).encode()
    version = READER.read(raw, "rfcs/RFC-1.yaml")
    document = load_spec_content(raw).document
    said = [finding.message for finding in check_mapped_fields(Path("RFC-1.yaml"), document,
                                                               FIELDS)
            if finding.json_path[:1] == (MINED[name],) and finding.json_path[-1] != "state"]
    return version.readable(name), version.value(name), said


@fuzz(300)
@given(st.sampled_from(sorted(MINED)), VALUES)
def test_any_value_is_read_whole_or_reported_unreadable(name: MinedField, value: Any) -> None:
    readable, read, said = _read(name, value)
    if value is None:  # absent: a missing status is named as such (`no_status_reason`)
        return
    assert readable == (not said)  # one definition, validate's
    if not readable:
        return
    if name == "questions":
        assert len(read) == len(value or [])
    elif name == "reviewers":
        named = [item if isinstance(item, str) else item["name"] for item in value or []]
        assert [reviewer for reviewer, _ in read] == list(dict.fromkeys(
            person for person in named if names_somebody(person)))
    else:
        assert read == (value or None)


def test_the_reason_says_where_as_validate_does() -> None:
    readable, _, said = _read("questions", {"Q-1": {"state": "open"}})
    version = READER.read(b"number: RFC-1\nstatus: Approved\nissues:\n  Q-1: {state: open}\n",
                          "rfcs/RFC-1.yaml")
    assert not readable
    # a whole mapping: at its key, as validate's (place43)
    assert [why for _, why in version.unreadable] == [FieldProblem(said[0], 3, 1)]


def test_a_value_read_before_is_judged_again_where_its_text_or_field_differs() -> None:
    """The reader remembers values it found readable (cold46): the text `"1"` is no
    number 1 though both print as 1, and a value readable in one field says nothing of
    another."""
    reader = VersionReader(READER.limits, READER.source, FIELDS)
    assert reader.read(b"number: RFC-1\nstatus: '1'\n", "rfcs/RFC-1.yaml").readable("status")
    number = reader.read(b"number: RFC-1\nstatus: 1\n", "rfcs/RFC-1.yaml")
    assert not number.readable("status")
    assert reader.read(b"number: RFC-1\nstatus: Draft\nreviewers: [Grace]\n",
                       "rfcs/RFC-1.yaml").readable("reviewers")
    listed = reader.read(b"number: RFC-1\nstatus: [Grace]\n", "rfcs/RFC-1.yaml")
    assert not listed.readable("status")
    # read again, the same answers
    assert reader.read(b"number: RFC-1\nstatus: 1\n", "rfcs/RFC-1.yaml") == number
    assert reader.read(b"number: RFC-1\nstatus: [Grace]\n", "rfcs/RFC-1.yaml") == listed
