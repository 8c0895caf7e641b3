"""The title of a Markdown spec whose front matter has none is its body's `# heading`, in
every command that shows a title: validate, render's index, report, timeline, diff,
history, the site and `new` (issue #19)."""

from __future__ import annotations

import json

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

PATH = "docs/decisions/0001-use-postgres.md"
CONFIG = """\
specs: docs/decisions
front_matter: true
schema: adr.schema.yaml
id_prefix: ADR
fields: {created: null, updated: date, questions: null, superseded_by: null, related: [],
         item_lists: [], reviewers: null}
rules: {file-name: "off"}
statuses:
  states: [proposed, accepted]
  transitions: {proposed: [accepted]}
  in_review: [proposed]
  approved: [accepted]
new: {template: adr-template.md, file_name: "{{number}}-{{slug}}.md"}
"""
SCHEMA = """\
type: object
required: [id, status, title]
properties:
  id: {type: string}
  status: {type: string}
  title: {type: string}
  date: {type: string}
  authors: {type: array}
"""
TEMPLATE = "---\nid: {{id}}\nstatus: proposed\ndate: {{date}}\nauthors: [{{author}}]\n---\n" \
    "# {{title}}\n\n## Context\n"


def record(title_line: str = "# Use *PostgreSQL* as the job queue",
           status: str = "proposed") -> str:
    return (f"---\nid: ADR-0001\nstatus: {status}\ndate: 2024-01-09\nauthors: [Ada]\n---\n"
            f"{title_line}\n\n## Context\n\n```markdown\n# Not a title\n```\n")


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    (git_repo.root / "specrepo.yaml").unlink()
    git_repo.commit("Propose", {"specrepo.yaml": CONFIG, "adr.schema.yaml": SCHEMA,
                                "adr-template.md": TEMPLATE, PATH: record()})
    return git_repo


def test_a_required_title_is_satisfied_by_the_heading(repo: GitRepo) -> None:
    result = run_cli("validate", "--history")
    assert (result.exit_code, result.output) == (0, "1 file checked: no problems\n")


@pytest.mark.parametrize("history", [False, True])
def test_the_heading_title_is_judged_by_the_schemas_title(repo: GitRepo, history: bool) -> None:
    """The heading is the title the schema judges (trial43 heading-title-skips-schema): a
    `pattern` or `maxLength` of the schema's `title` refuses it as it refuses the same text
    in the front matter, at the heading, in validate and in the history check alike."""
    (repo.root / "adr.schema.yaml").write_text(SCHEMA.replace(
        "title: {type: string}", "title: {type: string, pattern: '^Use [A-Z]', maxLength: 30}"))
    repo.commit("Narrow the title", {PATH: record("# use postgres as the queue of every job")})
    result = run_cli("validate", *(["--history"] if history else []))
    assert result.exit_code == 1
    assert f"{PATH}:7:1: error: 'use postgres as the queue of every job' does not match the " \
        f"pattern ^Use [A-Z] [schema] ($.title)" in result.output
    assert "unreadable-history" not in result.output


@pytest.mark.parametrize(("title_line", "line", "why"), [
    ("## Only a section", 7, "which has no level-1 heading: add the title as `# Title` at "
                             "its top"),
    ("# One\n\n# Two", 9, "which has 2 level-1 headings (lines 7, 9): the title is the "
                          "body's only level-1 heading, above every other heading"),
    ("#", 7, "whose level-1 heading on line 7 is empty"),
    ("# \u200b\u2060", 7, "whose level-1 heading on line 7 is empty"),
    ("## Status\n\n# Late", 9, "whose level-1 heading on line 9 comes after another "
                              "heading: the title is the body's first heading"),
])
def test_a_required_title_neither_field_nor_heading_gives_is_reported_with_why(
        repo: GitRepo, title_line: str, line: int, why: str) -> None:
    (repo.root / PATH).write_text(record(title_line))
    result = run_cli("validate")
    assert result.exit_code == 1
    assert (f"{PATH}:{line}:1: error: missing required property 'title': the spec has no "
            f"title, neither in its front matter nor in its body, {why} [schema]"
            ) in result.output


def test_render_index_report_and_site_show_the_heading(repo: GitRepo) -> None:
    assert run_cli("render").exit_code == 0
    index = (repo.root / "docs" / "specs" / "index.md").read_text()
    assert "| Use PostgreSQL as the job queue | proposed |" in index
    report = json.loads(run_cli("report", "--format", "json").output)
    assert [spec["title"] for spec in report["specs"]] == ["Use PostgreSQL as the job queue"]
    assert run_cli("site").exit_code == 0
    site = repo.root / "_site"
    assert "Use PostgreSQL as the job queue" in (site / "index.html").read_text()
    assert "<h1>Use PostgreSQL as the job queue</h1>" in (
        site / "specs" / "ADR-0001.html").read_text()
    specs = json.loads((site / "specs.json").read_text())
    assert [spec["title"] for spec in specs["specs"]] == ["Use PostgreSQL as the job queue"]
    assert "ADR-0001 (Use PostgreSQL as the job queue)" in (site / "feed.atom").read_text()


def test_a_heading_change_is_a_title_change_in_history_timeline_and_diff(
        repo: GitRepo) -> None:
    (repo.root / PATH).write_text(record("# Use PostgreSQL as the *event* queue"))
    text = run_cli("diff").output
    assert text.startswith("ADR-0001: Use PostgreSQL as the event queue  (modified)\n")
    assert ("  title: Use PostgreSQL as the job queue -> Use PostgreSQL as the event queue\n"
            in text)
    changed = json.loads(run_cli("diff", "--format", "json").output)["specs"][0]
    assert (changed["old"]["title"], changed["new"]["title"]) == (
        "Use PostgreSQL as the job queue", "Use PostgreSQL as the event queue")
    repo.commit("Retitle")
    spec = mine_history(load_config(None, repo.root)).spec("ADR-0001")
    assert [(event.kind, event.before, event.after) for event in spec.events
            if event.kind == "title-changed"] == [
        ("title-changed", "Use PostgreSQL as the job queue",
         "Use PostgreSQL as the event queue")]
    timeline = run_cli("timeline", "ADR-0001").output
    assert "title-changed" in timeline
    assert "unreadable" not in timeline


def test_new_from_a_template_titles_the_record_with_its_heading(repo: GitRepo) -> None:
    """The title given is the title read back: its `*` are escaped in `# {{title}}`, not
    emphasis (trial 32)."""
    created = run_cli("new", "Cache *order* totals", "--author", "Ada")
    assert created.exit_code == 0, created.output
    assert created.output == "docs/decisions/0002-cache-order-totals.md\n"
    repo.commit("Add ADR-0002")
    listed = json.loads(run_cli("report", "--format", "json").output)["specs"]
    assert [spec["title"] for spec in listed] == [
        "Use PostgreSQL as the job queue", "Cache *order* totals"]


def test_new_warns_when_the_template_gives_no_title(repo: GitRepo) -> None:
    repo.write("adr-template.md", TEMPLATE.replace("# {{title}}", "Untitled."))
    result = run_cli("new", "Cache totals", "--author", "Ada")
    assert result.exit_code == 0
    assert ("docs/decisions/0002-cache-totals.md has no title: the template adr-template.md "
            "puts {{title}} neither in its front matter's title field nor in a level-1 "
            "heading (`# {{title}}`) opening its body") in result.output


EMPTY_TITLES = ["title:", 'title: ""', 'title: "   "', "title: ~", 'title: "\\u200b"',
                'title: "\u3164\u200d"', 'title: "\\ufeff\\u00a0\\u2060"']
"""Titles that show nothing: null, empty, blanks, and (trial43b
zero-width-title-wins-over-heading) default-ignorable code points (`is_blank`)."""


def with_front_title(front_title: str, title_line: str) -> str:
    """The spec with `front_title` as the front matter's own title line."""
    return record(title_line).replace("status:", f"{front_title}\nstatus:", 1)


@pytest.mark.parametrize("front_title", EMPTY_TITLES)
def test_an_empty_front_matter_title_gives_way_to_the_heading_in_every_reader(
        repo: GitRepo, front_title: str) -> None:
    """trial43 null-title-no-heading-passes: a front-matter title left empty (null, "",
    blanks) is no title; the heading's is, in validate, render's index, report, the site
    and history alike."""
    repo.commit("Empty title", {PATH: with_front_title(front_title, record().split("\n")[6])})
    heading = "Use PostgreSQL as the job queue"
    assert run_cli("validate", "--history").exit_code == 0
    assert run_cli("render").exit_code == 0
    assert f"| {heading} | proposed |" in (
        repo.root / "docs" / "specs" / "index.md").read_text()
    report = json.loads(run_cli("report", "--format", "json").output)
    assert [spec["title"] for spec in report["specs"]] == [heading]
    assert run_cli("site").exit_code == 0
    assert f"<h1>{heading}</h1>" in (repo.root / "_site" / "specs" / "ADR-0001.html").read_text()
    spec = mine_history(load_config(None, repo.root)).spec("ADR-0001")
    assert not [event for event in spec.events if event.kind == "title-changed"]


@pytest.mark.parametrize("history", [False, True])
@pytest.mark.parametrize("front_title", EMPTY_TITLES)
def test_an_empty_front_matter_title_and_no_heading_is_no_title(
        repo: GitRepo, front_title: str, history: bool) -> None:
    """Neither gives a title: the schema's `required: [title]` says so (it passed on the
    empty key), and report shows no blank title as if it were one: HEAD's title is
    missing, as the history check says of a spec with no title key."""
    repo.commit("No title", {PATH: with_front_title(front_title, "## Only a section")})
    result = run_cli("validate", *(["--history"] if history else []))
    assert result.exit_code == 1
    assert (f"{PATH}:8:1: error: missing required property 'title': the spec has no title, "
            "neither in its front matter (its `title:` is empty) nor in its body, which has "
            "no level-1 heading: add the title as `# Title` at its top [schema]"
            ) in result.output
    report = run_cli("report", "--format", "json")
    assert report.exit_code == 0
    assert "HEAD's version reads, but fails `specrepo validate`: " \
        "docs/decisions/0001-use-postgres.md:2:1: missing required property 'title'" \
        in report.output
    assert "expected a string" not in report.output


@pytest.mark.parametrize(("title_line", "line", "why"), [
    ("## Only a section", 7, "which has no level-1 heading: add the title as `# Title` at "
                             "its top"),
    ("# One\n\n# Two", 9, "which has 2 level-1 headings (lines 7, 9): the title is the "
                          "body's only level-1 heading, above every other heading")])
def test_a_title_neither_field_nor_heading_gives_is_a_finding_though_not_required(
        repo: GitRepo, title_line: str, line: int, why: str) -> None:
    """The format's rule (README: "when neither gives a title, validate's finding says
    so"), whether the schema requires the title or not (trial52: render's index, report
    and the site showed an empty title, validate passed)."""
    (repo.root / "adr.schema.yaml").write_text(SCHEMA.replace("title]", "]").replace(
        "[id, status, ]", "[id, status]"))
    (repo.root / PATH).write_text(record(title_line))
    result = run_cli("validate", "--format", "json")
    assert result.exit_code == 1, result.output
    assert [(one["line"], one["rule"], one["message"]) for one in json.loads(
        result.stdout)["findings"]] == [(line, "spec-field", (
            f"the spec has no title, neither in its front matter nor in its body, {why}; "
            "every command would show it untitled"))]


def test_a_title_the_heading_alone_gives_is_a_finding_when_the_body_gives_none(
        repo: GitRepo) -> None:
    """`fields: title: null` (the README's and examples/enhancements' mapping for a front
    matter whose `title:` is a slug) reads the title from the heading alone: a body with
    two level-1 headings gives none, and validate says so (trial52b: konveyor's
    assets-generation/cli/README.md passed, and every command showed it untitled)."""
    config = CONFIG.replace("fields: {", "fields: {title: null, ")
    (repo.root / "specrepo.yaml").write_text(config)
    (repo.root / "adr.schema.yaml").write_text(SCHEMA.replace("title]", "]").replace(
        "[id, status, ]", "[id, status]"))
    (repo.root / PATH).write_text(record("# One\n\n# Two"))
    result = run_cli("validate", "--format", "json")
    assert result.exit_code == 1, result.output
    assert [(one["line"], one["rule"], one["message"]) for one in json.loads(
        result.stdout)["findings"]] == [(9, "spec-field", (
            "the spec has no title, `fields: title: null` takes it from the body's heading "
            "alone, and the body gives none, which has 2 level-1 headings (lines 7, 9): the "
            "title is the body's only level-1 heading, above every other heading; every "
            "command would show it untitled"))]
