"""Each defined format specrepo does not assert is named at its line, in the schema file
and the local files its references name; data and other files are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.load.asserted_formats import DRAFT_03_SPELLINGS, DRAFT_FORMATS, METASCHEMA_IDS
from specrepo.load.format_notes import unasserted_format_notes

NOTE = ("format '{}' is an annotation: specrepo does not check it (add a `pattern` to "
        "check it)")


def test_each_unasserted_format_is_named_at_its_line(tmp_path: Path) -> None:
    """Not an asserted one, one of one's own, data, nor one a `pattern` beside it checks."""
    (tmp_path / "s.yaml").write_text(
        "properties:\n  a: {format: hostname}\n  b: {format: email}\n"
        "  c: {format: int64}\n  d: {enum: [{format: duration}], default: {format: iri}}\n"
        "  e: {$ref: 'common.json#/$defs/e'}\n  f: {$ref: '#/properties/a'}\n"
        "  g: {format: hostname, pattern: '^[a-z.]+$'}\n",
        encoding="utf-8")
    (tmp_path / "common.json").write_text(
        '{"$defs": {"e": {"format": "uri"}}}', encoding="utf-8")
    notes = unasserted_format_notes(tmp_path / "s.yaml", tmp_path)
    assert [note.split(": ", 1)[0].rsplit("/", 1)[-1] for note in notes] == [
        "s.yaml:2:15", "common.json:1:28"]
    assert [note.split(": ", 1)[1] for note in notes] == [
        NOTE.format("hostname"), NOTE.format("uri")]


def test_a_file_outside_the_repository_or_unreadable_is_left_out(tmp_path: Path) -> None:
    repository = tmp_path / "repo"
    repository.mkdir()
    (tmp_path / "outside.yaml").write_text("format: hostname\n", encoding="utf-8")
    (repository / "s.yaml").write_text(
        "properties:\n  a: {$ref: '../outside.yaml'}\n  b: {$ref: 'missing.yaml'}\n",
        encoding="utf-8")
    assert unasserted_format_notes(repository / "s.yaml", repository) == ()
    assert unasserted_format_notes(repository / "gone.yaml", repository) == ()


def test_a_format_the_schemas_draft_does_not_define_is_named_with_what_to_write(
        tmp_path: Path) -> None:
    """`date` in draft-04, `uuid` in a draft-07 file a 2020-12 schema's `$ref` reaches,
    draft-03's `ip-address` in 2020-12 and `ipv4` in draft-03 check nothing (fmt59); the
    draft is the nearest `$schema`'s, else the referring place's."""
    (tmp_path / "s.yaml").write_text(
        "$schema: http://json-schema.org/draft-04/schema#\nproperties:\n"
        "  a: {format: date}\n  b: {format: date-time}\n  c: {$ref: 'seven.json'}\n"
        "  d: {$schema: 'https://json-schema.org/draft/2020-12/schema', format: ip-address}\n"
        "  e: {$schema: 'http://json-schema.org/draft-03/schema#', format: ipv4}\n"
        "  f: {$ref: 'plain.json'}\n",
        encoding="utf-8")
    (tmp_path / "seven.json").write_text(
        '{"$schema": "http://json-schema.org/draft-07/schema#", "format": "uuid"}',
        encoding="utf-8")
    (tmp_path / "plain.json").write_text('{"format": "time"}', encoding="utf-8")
    notes = unasserted_format_notes(tmp_path / "s.yaml", tmp_path)
    assert [note.split(": ", 1)[1] for note in notes] == [
        "format 'date' is an annotation in draft-04, which does not define it: specrepo "
        "does not check it there (add a `pattern` to check it, or a `$schema` of a draft "
        "that defines it: draft-07 or later)",
        "format 'ip-address' is an annotation in 2020-12, which does not define it: "
        "specrepo does not check it there (write 'ipv4', its name from draft-04 on, or add "
        "a `pattern` to check it)",
        "format 'ipv4' is an annotation in draft-03, which does not define it: specrepo "
        "does not check it there (write 'ip-address', draft-03's name for it, or add a "
        "`pattern` to check it)",
        "format 'uuid' is an annotation in draft-07, which does not define it: specrepo "
        "does not check it there (add a `pattern` to check it, or a `$schema` of a draft "
        "that defines it: 2019-09 or later)",
        "format 'time' is an annotation in draft-04, which does not define it: specrepo "
        "does not check it there (add a `pattern` to check it, or a `$schema` of a draft "
        "that defines it: draft-07 or later)"]
    assert [note.split(": ", 1)[0].rsplit("/", 1)[-1] for note in notes][:3] == [
        "s.yaml:3:15", "s.yaml:6:72", "s.yaml:7:67"]


def test_a_part_a_pointer_reaches_is_read_in_the_referring_draft(tmp_path: Path) -> None:
    """jsonschema reads a file's `$schema` only where a `$ref` reaches the file whole: a
    part a JSON Pointer reaches is in the draft of the schema that refers to it."""
    (tmp_path / "s.json").write_text(
        '{"properties": {"a": {"$ref": "four.json#/$defs/due"}}}', encoding="utf-8")
    (tmp_path / "four.json").write_text(
        '{"$schema": "http://json-schema.org/draft-04/schema#",\n'
        ' "$defs": {"due": {"format": "date"}}}', encoding="utf-8")
    assert unasserted_format_notes(tmp_path / "s.json", tmp_path) == ()
    (tmp_path / "s.json").write_text(
        '{"properties": {"a": {"$ref": "four.json"}}}', encoding="utf-8")
    assert [note.split(": ", 1)[1].split(",")[0] for note in unasserted_format_notes(
        tmp_path / "s.json", tmp_path)] == [
        "format 'date' is an annotation in draft-04"]


@pytest.mark.parametrize("draft", sorted(DRAFT_FORMATS))
@pytest.mark.parametrize("pair", sorted(DRAFT_03_SPELLINGS.items()))
def test_a_format_the_draft_names_otherwise_is_named_with_the_drafts_own_name(
        tmp_path: Path, draft: str, pair: tuple[str, str]) -> None:
    """Draft-03's `host-name` is `hostname` from draft-04 on, its `ip-address` `ipv4`: the
    note on the other draft's name says which one this draft defines, whether specrepo
    checks it or not (low60: `hostname` in draft-03 got the note of a format no draft
    names otherwise)."""
    own, other = pair if draft == "draft-03" else pair[::-1]
    (tmp_path / "s.json").write_text(
        f'{{"$schema": "{METASCHEMA_IDS[draft]}", "format": "{other}"}}', encoding="utf-8")
    why = "draft-03's name for it" if draft == "draft-03" else "its name from draft-04 on"
    either = "" if own in DRAFT_FORMATS[draft] else ", which specrepo does not check either"
    assert [note.split(": ", 1)[1] for note in unasserted_format_notes(
        tmp_path / "s.json", tmp_path)] == [
        f"format '{other}' is an annotation in {draft}, which does not define it: specrepo "
        f"does not check it there (write '{own}', {why}{either}, or add a `pattern` to "
        "check it)"]
