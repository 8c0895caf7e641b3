"""Each defined format specrepo does not assert is named at its line, in the schema file
and the local files its references name; data and other files are left alone."""

from __future__ import annotations

from pathlib import Path

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
