"""A schema's formats are asserted as the draft in force where each `format` sits defines
them (fmt59), through a nested `$schema` and a `$ref` to a file of another draft too, and
a failure is worded as that draft means the format."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.check.schema_messages import keyword_message
from specrepo.load.asserted_formats import ANY_DRAFT_FORMATS, DRAFT_FORMATS, METASCHEMA_IDS
from specrepo.load.format_checker import asserting_checker
from specrepo.load.format_notes import unasserted_format_notes
from specrepo.load.schema_scope import build_validator, load_schema_source
from tests.support import fuzz

DRAFT_03 = METASCHEMA_IDS["draft-03"]
DRAFT_04 = METASCHEMA_IDS["draft-04"]


def _messages(folder: Path, schema: Any, instance: Any, **files: Any) -> list[str]:
    for name, contents in {"s.json": schema, **files}.items():
        (folder / name).write_text(json.dumps(contents), encoding="utf-8")
    validator = build_validator(load_schema_source(folder / "s.json", folder))
    return [keyword_message(error) for error in validator.iter_errors(instance)]


@pytest.mark.parametrize(("value", "messages"), [
    ("09:30:00", []), ("23:59:59", []),
    ("9:30", ["'9:30' is not a valid time (hh:mm:ss)"]),
    ("09:30:00Z", ["'09:30:00Z' is not a valid time (hh:mm:ss)"])])
def test_a_draft_03_time_is_hh_mm_ss(tmp_path: Path, value: str, messages: list[str]) -> None:
    schema = {"$schema": DRAFT_03, "properties": {"at": {"format": "time"}}}
    assert _messages(tmp_path, schema, {"at": value}) == messages


def test_a_draft_03_ip_address_is_asserted(tmp_path: Path) -> None:
    schema = {"$schema": DRAFT_03, "properties": {"host": {"format": "ip-address"}}}
    assert _messages(tmp_path, schema, {"host": "192.0.2.1"}) == []
    assert _messages(tmp_path, schema, {"host": "192.0.2.300"}) == [
        "'192.0.2.300' is not a valid IPv4 address"]


@pytest.mark.parametrize(("draft", "name"), [
    ("draft-04", "date"), ("draft-04", "time"), ("draft-06", "uuid"), ("draft-07", "uuid"),
    ("draft-04", "idn-email"), ("draft-03", "ipv4"), ("2020-12", "ip-address")])
def test_a_format_the_draft_does_not_define_is_an_annotation(
        tmp_path: Path, draft: str, name: str) -> None:
    schema = {"$schema": METASCHEMA_IDS[draft], "format": name}
    assert _messages(tmp_path, schema, "not one") == []


def test_each_subschema_asserts_its_own_drafts_formats(tmp_path: Path) -> None:
    """A nested `$schema` and a file a `$ref` reaches, with its `$schema`, switch the
    formats asserted (and keep patterns ECMA-262's: `\\p{L}` raised Python's `re.error`)."""
    schema = {"properties": {
        "latest": {"format": "time"}, "nested": {"$schema": DRAFT_04, "format": "date"},
        "old": {"$ref": "old.json"},
        "letters": {"$schema": DRAFT_04, "pattern": "^\\p{L}+$"}}}
    old = {"$schema": DRAFT_03, "format": "time"}
    assert _messages(tmp_path, schema, {"latest": "09:30:00Z", "nested": "2026-13-45",
                                        "old": "09:30:00", "letters": "Käse"},
                     **{"old.json": old}) == []
    assert _messages(tmp_path, schema, {"latest": "09:30:00", "old": "09:30:00Z",
                                        "letters": "K1"}, **{"old.json": old}) == [
        "'09:30:00' is not a valid RFC 3339 time (09:30:00Z)",
        "'09:30:00Z' is not a valid time (hh:mm:ss)",
        "'K1' does not match the pattern ^\\p{L}+$"]


@fuzz(60)
@given(st.sampled_from(sorted(DRAFT_FORMATS)), st.sampled_from(sorted(ANY_DRAFT_FORMATS)),
       st.one_of(st.text(max_size=12), st.sampled_from([
           "09:30:00", "09:30:00Z", "2026-12-05", "2026-12-05T09:30:00Z", "ada@example.com",
           "192.0.2.1", "::1", "2eb8aa08-aa98-11ea-b4aa-73b441d16380", "^a$", "(?<x"])))
def test_a_format_holds_as_its_drafts_checker_says(draft: str, name: str, value: str) -> None:
    """In every draft, a format it asserts gives the verdict of jsonschema's checker of
    that draft (`regex` ECMA-262's); any other passes every value."""
    schema = {"$schema": METASCHEMA_IDS[draft], "format": name}
    valid = name not in DRAFT_FORMATS[draft] or asserting_checker(draft).conforms(value, name)
    with tempfile.TemporaryDirectory() as folder:
        assert (_messages(Path(folder), schema, value) == []) is valid


DRAFT_ORDER = sorted(DRAFT_FORMATS)


@fuzz(40)
@given(st.sampled_from([None, *DRAFT_ORDER]), st.sampled_from([None, *DRAFT_ORDER]),
       st.sampled_from([None, *DRAFT_ORDER]), st.sampled_from(sorted(ANY_DRAFT_FORMATS)))
def test_the_note_and_the_verdict_read_the_same_draft(
        root: str | None, nested: str | None, referenced: str | None, name: str) -> None:
    """Where a `format` sits under a root, a nested subschema and a file a `$ref` reaches,
    each naming a draft or none, the validator asserts it exactly where no note says it is
    an annotation: one table, one reading of the draft in force (`(` is no value of any
    format specrepo asserts)."""
    def named(draft: str | None, schema: dict[str, Any]) -> dict[str, Any]:
        return schema if draft is None else {"$schema": METASCHEMA_IDS[draft], **schema}

    schema = named(root, {"properties": {"a": named(nested, {
        "properties": {"b": {"$ref": "other.json"}}})}})
    with tempfile.TemporaryDirectory() as folder:
        found = _messages(Path(folder), schema, {"a": {"b": "("}},
                          **{"other.json": named(referenced, {"format": name})})
        notes = unasserted_format_notes(Path(folder) / "s.json", Path(folder))
    assert (found == []) is (len(notes) == 1), (found, notes)
