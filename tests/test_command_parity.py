"""Whatever a command needs from a spec, validate checks: a spec validate passes is one
`report` lists and `render` draws; one they could not use fails validate at its line.

Formats of their own (a loose schema, `fields:` pointing elsewhere) are where a schema
promises nothing, so they are where this is tested.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

LOOSE = """\
specs: specs
schema: loose.json
statuses:
  states: [open, done]
  transitions: {open: [done]}
"""


run = partial(run_cli, no_traceback=True)


@pytest.fixture
def loose(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """A repository whose schema is `{"type": "object"}`, with one good spec committed."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("specrepo.yaml", LOOSE)
    repo.write("loose.json", '{"type": "object"}')
    repo.commit("good", {"specs/SPEC-0001.yaml": "id: SPEC-0001\ntitle: Good\nstatus: open\n"})
    monkeypatch.chdir(repo.root)
    return repo


@pytest.mark.parametrize(("text", "where", "message"), [
    ("id: SPEC-0002\ntitle: T\nstatus: 5\n", "3:9",
     "`status` (the spec's status) is a number where specrepo reads text"),
    ("id: SPEC-0002\ntitle: T\n", "1:1",
     "the spec has no `status` (its status, as `fields: status:` in specrepo.yaml says); "
     "every command needs it: add it (text)"),
    ("title: T\nstatus: open\n", "1:1",
     "the spec has no `id` (its id, as `fields: id:` in specrepo.yaml says); every "
     "command needs it: add it (text or a whole number)"),
    ("id: [x]\ntitle: T\nstatus: open\n", "1:1",  # the whole list: at its key (place43)
     "`id` (the spec's id) is a list where specrepo reads text or a whole number"),
    ("id: ''\ntitle: T\nstatus: open\n", "1:5",
     "`id` (the spec's id) is empty text where specrepo reads text or a whole number"),
    ("id: ../SPEC-0002\ntitle: T\nstatus: open\n", "1:5",
     "the id '../SPEC-0002' cannot name the spec's page (../SPEC-0002.md, `specrepo "
     "render`): use letters, digits, '.', '_' and '-', starting with a letter or digit "
     "(at most 200, not 'index' nor a Windows device name such as 'CON')"),
    ("id: nul.txt\ntitle: T\nstatus: open\n", "1:5",
     "the id 'nul.txt' cannot name the spec's page (nul.txt.md, `specrepo render`): use "
     "letters, digits, '.', '_' and '-', starting with a letter or digit (at most 200, "
     "not 'index' nor a Windows device name such as 'CON')"),
    ("id: SPEC-0002\ntitle: [T]\nstatus: open\n", "2:1",
     "`title` (the spec's title) is a list where specrepo reads text"),
    ("id: SPEC-0002\nstatus: open\nreviewers: [Grace, {name: 3}]\n", "3:20",
     "`reviewers[1]` (the spec's reviewers) is a mapping where specrepo reads a name "
     "(text, or a mapping with a text `name`)"),
    ("id: SPEC-0002\nstatus: open\nauthors: Ada\n", "3:10",
     "`authors` (the spec's authors) is text where specrepo reads a list, each item a "
     "name (text)"),
    ("id: SPEC-0002\nstatus: open\nbackground:\n  related_work: [{spec: 7}]\n", "4:18",
     "`background.related_work[0]` (a list of related specs) is a mapping where specrepo "
     "reads a spec id (text, or a mapping whose `spec` is text)"),
])
def test_validate_refuses_what_report_and_render_could_not_use(
        loose: GitRepo, text: str, where: str, message: str) -> None:
    loose.commit("bad", {"specs/SPEC-0002.yaml": text})
    validate = run("validate")
    assert validate.exit_code == 1
    expected = f"specs/SPEC-0002.yaml:{where}: error: {message} [spec-field]"
    assert any(line.startswith(expected) for line in validate.output.splitlines()), \
        validate.output


def test_a_spec_validate_passes_is_reported_and_rendered(loose: GitRepo) -> None:
    loose.commit("more", {"specs/SPEC-0002.yaml": "id: SPEC-0002\ntitle: Other\nstatus: done\n"
                                                  "notes: {why: because}\n"})
    assert run("validate").exit_code == 0
    report = run("report", "--format", "json")
    assert report.exit_code == 0
    assert '"unreadable_specs": []' in report.output
    assert report.output.count('"id": "SPEC-000') == 2
    render = run("render")
    assert render.exit_code == 0, render.output
    assert "3 pages: 3 created" in render.output


def test_a_custom_schema_spec_without_the_templates_sections_gets_a_generic_page(
        loose: GitRepo) -> None:
    """A schema of one's own with the bundled field names: a spec with every section the
    template needs is drawn as the template; one without (no `summary`) generically,
    never refused."""
    loose.commit("template", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002", status="open")})
    render = run("render")
    assert render.exit_code == 0, render.output
    templated = (loose.root / "docs/specs/SPEC-0002.md").read_text()
    generic = (loose.root / "docs/specs/SPEC-0001.md").read_text()
    assert "# Technical Specification: A spec" in templated
    assert "# Good\n" in generic and "| **Status** | open |" in generic


def test_a_field_map_naming_a_missing_field_fails_validate(loose: GitRepo) -> None:
    loose.write("specrepo.yaml", "specs: specs\nfields: {id: nosuch}\n")
    loose.commit("bundled", {"specs/SPEC-0001.yaml": spec_text(),
                             "loose.json": None})
    validate = run("validate")
    assert validate.exit_code == 1
    assert ("specs/SPEC-0001.yaml:1:1: error: the spec has no `nosuch` (its id, as "
            "`fields: id:` in specrepo.yaml says)") in validate.output


def test_the_bundled_schema_says_it_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    """Where the schema already refuses a field, the field check adds nothing."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("specs/SPEC-0001.yaml", spec_text().replace("id: SPEC-0001\n", "")
               .replace("status: Draft", "status: 5"))
    monkeypatch.chdir(repo.root)
    validate = run("validate")
    assert "[spec-field]" not in validate.output
    assert validate.output.count("[schema]") == 2
