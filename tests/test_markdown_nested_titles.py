"""A Markdown spec's title from its `# heading` where the format keeps the title inside a
mapping (`fields: {title: meta.name}`): the schema judges the spec as it would read with
the title written there, whether the front matter has that mapping or not (trial43b
nested-title-heading-unjudged-when-parent-absent), and a value on the way that is no
mapping is said, in every command that judges or shows the title."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

CONFIG = """\
specs: specs
front_matter: true
schema: schema.json
fields: {title: meta.name}
statuses: {states: [Draft, Approved], transitions: {Draft: [Approved]}, approved: [Approved]}
rules: {file-name: "off"}
"""
SCHEMA = """{"type": "object", "required": ["id", "status"], "properties": {
  "id": {"type": "string"}, "status": {"type": "string"}, "meta": {"type": "object",
  "properties": {"name": {"type": "string", "maxLength": 10, "pattern": "^[A-Z]"}}}}}"""
OWNED = SCHEMA.replace('"meta": {"type": "object",', '"meta": {"type": "object", '
                       '"required": ["name", "owner"],').replace('"status"]', '"status", "meta"]')
LOOSE = SCHEMA.replace('"meta": {"type": "object",', '"meta": {')
BAD = "# this title is far too long"


def spec(meta: str | None, heading: str = BAD) -> str:
    """SPEC-0001 with `meta` as its front matter's line (None: no such line)."""
    line = "" if meta is None else f"{meta}\n"
    return f"---\nid: SPEC-0001\nstatus: Draft\n{line}---\n\n{heading}\n\nText.\n"


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.write("specrepo.yaml", CONFIG)
    return git_repo


def validate(history: bool) -> tuple[int, str]:
    result = run_cli("validate", *(["--history"] if history else []),
                     env={"SPECREPO_NO_RESULT_CACHE": "1"})
    return result.exit_code, result.output


@pytest.mark.parametrize("history", [False, True])
@pytest.mark.parametrize(("meta", "line"), [("meta: {}", 7), (None, 6),
                                             ("meta: {other: 1}", 7)])
def test_the_heading_is_judged_whether_or_not_the_front_matter_has_its_mapping(
        repo: GitRepo, meta: str | None, line: int, history: bool) -> None:
    """trial43b nested-title-heading-unjudged-when-parent-absent (HIGH): with no `meta:`
    the heading passed the schema's `pattern` in silence; it is judged as with `meta: {}`,
    at the heading, by validate and the history check alike."""
    repo.commit("Spec", {"schema.json": SCHEMA, "specs/a.md": spec(meta)})
    code, output = validate(history)
    assert code == 1
    assert (f"specs/a.md:{line}:1: error: 'this title is far too long' does not match the "
            "pattern ^[A-Z] [schema] ($.meta.name)") in output
    repo.commit("Retitle", {"specs/a.md": spec(meta, "# Short")})
    code, output = validate(history)
    assert code == 0  # the history check names the version it skipped, a warning
    assert ": error:" not in output


@pytest.mark.parametrize("history", [False, True])
def test_what_the_schema_asks_of_the_mapping_is_asked_as_with_an_empty_one(
        repo: GitRepo, history: bool) -> None:
    """The mapping made for the title is judged as the same mapping written empty: a key
    it requires besides the title is missing in both, the title's own key is not, and the
    mapping itself is there (as it would be with the title written in it)."""
    repo.commit("Specs", {"schema.json": OWNED, "specs/a.md": spec("meta: {}", "# Short"),
                          "specs/b.md": spec(None, "# Short").replace("0001", "0002")})
    code, output = validate(history)
    assert code == 1
    assert "specs/a.md:4:1: error: missing required property 'owner' [schema] ($.meta)" \
        in output
    assert "specs/b.md:6:1: error: missing required property 'owner' [schema] ($.meta)" \
        in output
    assert "'name'" not in output
    assert "'meta'" not in output


@pytest.mark.parametrize(("meta", "kind", "column"), [
    ("meta: [a]", "a list", 1), ("meta: x", "text", 7), ("meta:", "empty (null)", 6),
    ("meta: 3", "a number", 7)])
def test_a_value_on_the_way_that_is_no_mapping_is_said_in_every_command(
        repo: GitRepo, meta: str, kind: str, column: int) -> None:
    """Where `meta` holds a list, text, a number or null, the heading cannot be written at
    `meta.name`: a loose schema lets that through, and validate says the title cannot be
    judged there (once, never a traceback); history reads no title in such a version, as
    of a title the schema refuses, so report and timeline show none."""
    repo.commit("Spec", {"schema.json": LOOSE, "specs/a.md": spec(meta, "# Short")})
    message = (f"specs/a.md:4:{column}: error: `meta` is {kind} where the spec's title stands "
               "(`meta.name`, as `fields: title:` in specrepo.yaml says), which only a "
               "mapping holds: the title is the body's heading (line 7), which the schema "
               "cannot judge until `meta` is a mapping (`meta: {}`, or the title written "
               "under it) [spec-field] ($.meta)")
    for history in (False, True):
        code, output = validate(history)
        assert code == 1
        assert output.count(message) == 1
    report = run_cli("report", "--format", "json")
    assert report.exit_code == 0
    assert [spec["title"] for spec in json.loads(report.stdout)["specs"]] == [""]
    assert "HEAD's version reads, but fails `specrepo validate`: specs/a.md:4:" in report.stderr
    repo.commit("Mapping", {"specs/a.md": spec("meta: {}", "# Short")})
    code, output = validate(True)
    assert (code, output.count(": error:"), output.count("[skipped-version]")) == (0, 0, 1)
    report = run_cli("report", "--format", "json")
    assert [spec["title"] for spec in json.loads(report.stdout)["specs"]] == ["Short"]


def test_a_schema_that_refuses_the_value_on_the_way_says_it_alone(repo: GitRepo) -> None:
    repo.commit("Spec", {"schema.json": SCHEMA, "specs/a.md": spec("meta: [a]")})
    code, output = validate(False)
    assert code == 1
    assert "specs/a.md:4:1: error: expected a mapping, got a list [schema] ($.meta)" \
        in output
    assert "spec-field" not in output


def test_every_command_shows_the_heading_made_into_the_mapping(repo: GitRepo) -> None:
    """report, render's index, the site, diff and timeline show the heading of a spec
    without `meta:`, and its change is a title change."""
    repo.commit("Spec", {"schema.json": SCHEMA, "specs/a.md": spec(None, "# Short")})
    repo.commit("Retitle", {"specs/a.md": spec(None, "# Shorter")})
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert [spec["title"] for spec in report["specs"]] == ["Shorter"]
    assert run_cli("render").exit_code == 0
    assert "| Shorter | Draft |" in (repo.root / "docs" / "specs" / "index.md").read_text()
    assert run_cli("site").exit_code == 0
    assert "<h1>Shorter</h1>" in (repo.root / "_site" / "specs" / "SPEC-0001.html").read_text()
    assert "title: Short -> Shorter" in run_cli("diff", "HEAD~1").output
    assert "title-changed" in run_cli("timeline", "SPEC-0001").output
