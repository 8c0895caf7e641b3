"""The Markdown examples end to end: an OpenShift-style enhancements repository and MADR 3
records, their data in YAML front matter, their bodies checked against their templates."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete

from specrepo.base.errors import ConfigError
from specrepo.cli import cli
from specrepo.commands import new
from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.model.history import SpecHistory
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

EXAMPLES = Path(__file__).parent.parent / "examples"
ALERTS = "enhancements/monitoring/namespace-alert-routing.md"
DNS = "enhancements/dns/dns-over-tls-upstreams.md"
PINNED = "enhancements/machine-config/pinned-images.md"


def imported(root: Path, example: str) -> GitRepo:
    repo = GitRepo(root)
    (repo.root / "specrepo.yaml").unlink()
    shutil.copytree(EXAMPLES / example, repo.root, dirs_exist_ok=True)
    repo.commit("Import")
    return repo


@pytest.fixture
def enhancements(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = imported(tmp_path / "enhancements", "enhancements")
    monkeypatch.chdir(repo.root)
    return repo


def edited(repo: GitRepo, path: str, old: str, new_text: str) -> str:
    text = (repo.root / path).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new_text)


def kinds(spec: SpecHistory) -> list[tuple[str, str | None, str | None]]:
    return [(event.kind, event.before, event.after) for event in spec.events]


def test_the_enhancements_validate_against_schema_workflow_and_template(
        enhancements: GitRepo) -> None:
    result = run_cli("validate", "--history")
    assert (result.exit_code, result.output) == (0, "3 files checked: no problems\n")


@pytest.mark.parametrize(
    ("path", "old", "new_text", "finding"),
    [
        (DNS, "status: implementable", "status: implementible",
         ":14:9: error: 'implementible' is not one of"),
        (DNS, "approvers:\n  - \"@cmartin\"", "approvers:\n  - \"@cmartin\"\napprovers: []",
         ":10:1: error: duplicate key 'approvers' (first defined at line 8)"),
        (DNS, "creation-date: 2024-03-11", "creation-date:\t2024-03-31\n\tx: 1",
         ":13:1: error: YAML syntax error: YAML does not allow tabs for indentation"),
        (DNS, "## Motivation", "## Motivaton",
         ":31:1: error: heading `## Motivaton` is not in the template; did you mean "
         "`## Motivation`?"),
        (DNS, "### Non-Goals", "#### Non-Goals",
         ":48:1: error: section `#### Non-Goals` is at level 4"),
        (PINNED, "## Test Plan\n", "```\n## Test Plan\n```\n",
         "error: missing section `## Test Plan`"),
        (PINNED, "---\n\n# Pinned", "---\n\n---\ntitle: again\nstatus: deferred\n---\n# Pinned",
         ":22:1: error: a second front-matter block starts on line 22"),
    ],
)
def test_a_mistake_is_reported_at_its_line_of_the_md_file(
        enhancements: GitRepo, path: str, old: str, new_text: str, finding: str) -> None:
    (enhancements.root / path).write_text(edited(enhancements, path, old, new_text))
    result = run_cli("validate", path)
    assert result.exit_code == 1
    assert finding in result.output, result.output
    assert result.output.startswith(path)


def test_sarif_and_github_annotations_point_at_md_lines(enhancements: GitRepo) -> None:
    (enhancements.root / DNS).write_text(edited(enhancements, DNS, "## Summary", "## Sumary"))
    github = run_cli("validate", "--format", "github").output
    assert f"::error file={DNS},line=25,col=1," in github
    sarif = json.loads(run_cli("validate", "--format", "sarif").output)
    [result] = sarif["runs"][0]["results"]
    assert result["ruleId"] == "required-sections"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 25


def test_history_reads_status_and_people_from_the_front_matter_and_sections_from_the_body(
        enhancements: GitRepo) -> None:
    enhancements.commit("Alerts: implementable", {ALERTS: edited(
        enhancements, ALERTS, "status: provisional", "status: implementable").replace(
        "  - \"@fgarcia, for monitoring\"\n",
        "  - \"@fgarcia, for monitoring\"\n  - \"@hkim, for the API\"\n")},
        author="Grace Hopper")
    enhancements.commit("Alerts: a better summary (body only)", {ALERTS: edited(
        enhancements, ALERTS, "Namespace owners route", "Owners of a namespace route")})
    enhancements.commit("Alerts: CRLF line breaks, a byte order mark", {ALERTS: b"\xef\xbb\xbf"
        + (enhancements.root / ALERTS).read_bytes().replace(b"\n", b"\r\n")})
    enhancements.commit("Alerts: YAML-looking text in the body", {ALERTS: edited(
        enhancements, ALERTS, "## Summary", "status: rejected\n\n## Summary")})
    enhancements.commit("DNS: implemented", {DNS: edited(
        enhancements, DNS, "status: implementable", "status: implemented")})
    history = mine_history(load_config(None, enhancements.root))
    alerts = history.spec("namespace-alert-routing")
    assert [(event.kind, event.field, event.after, event.protected)
            for event in alerts.events] == [
        ("created", "status", "provisional", False),
        ("status-changed", "status", "implementable", False),
        ("reviewer-added", "reviewers", "@hkim, for the API", False),
        # the body alone: a section changed, no status or metadata; CRLF and BOM: nothing
        ("section-changed", "body.Summary", None, True),  # approval: protected: [## Summary]
        ("section-changed", "body.(introduction)", None, False),
    ]
    assert alerts.events[1].author == "Grace Hopper"
    assert [period.status for period in alerts.statuses] == ["provisional", "implementable"]
    assert alerts.current is not None and alerts.current.status == "implementable"
    assert kinds(history.spec("dns-over-tls-upstreams"))[-1] == (
        "status-changed", "implementable", "implemented")
    result = run_cli("validate", "--history")  # the summary changed once implementable
    assert result.exit_code == 1
    [finding] = result.output.splitlines()[:-1]
    assert finding.startswith(f"{ALERTS}:27:1: error: body.Summary changed after "
                              "namespace-alert-routing was approved (section-changed")


def test_timeline_and_report_of_markdown_specs(enhancements: GitRepo) -> None:
    enhancements.commit("Alerts: deferred", {ALERTS: edited(
        enhancements, ALERTS, "status: provisional", "status: deferred")})
    timeline = run_cli("timeline", "namespace-alert-routing")
    assert timeline.exit_code == 0
    assert "status-changed  status   provisional  deferred" in timeline.output
    report = json.loads(run_cli("report", "--format", "json").output)
    statuses = {spec["id"]: spec["status"] for spec in report["specs"]}
    assert statuses == {"dns-over-tls-upstreams": "implementable",
                        "namespace-alert-routing": "deferred",
                        "pinned-images": "implemented"}


def test_an_illegal_move_in_the_front_matter_is_caught_by_validate_history(
        enhancements: GitRepo) -> None:
    enhancements.commit("Pinned images back to provisional", {PINNED: edited(
        enhancements, PINNED, "status: implemented", "status: provisional")})
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert f"{PINNED}:14:9: error: commit" in result.output
    assert "from implemented to provisional" in result.output


def test_changed_since_checks_only_the_changed_md_files(enhancements: GitRepo) -> None:
    base = enhancements.git("rev-parse", "HEAD")
    enhancements.commit("Break the DNS proposal", {DNS: edited(
        enhancements, DNS, "status: implementable", "status: nope")})
    (enhancements.root / PINNED).write_text(edited(enhancements, PINNED, "## Summary",
                                                   "## Sumary"))
    result = run_cli("validate", "--changed-since", base)
    assert result.exit_code == 1
    assert DNS in result.output and PINNED in result.output
    assert "2 files checked" in result.output
    enhancements.git("checkout", "-q", "--", PINNED)
    assert "1 file checked" in run_cli("validate", "--changed-since", base).output


def test_render_writes_only_the_index_linking_to_the_md_files(enhancements: GitRepo) -> None:
    result = run_cli("render")
    assert result.exit_code == 0, result.output
    pages = sorted(path.name for path in (enhancements.root / "docs" / "specs").iterdir())
    assert pages == ["index.md"]
    index = (enhancements.root / "docs" / "specs" / "index.md").read_text()
    assert ("| [dns-over-tls-upstreams](../../enhancements/dns/dns-over-tls-upstreams.md) "
            "| DNS over TLS for Upstream Resolvers | implementable | @jdoe | 2024-05-02 "
            "|\n") in index
    assert "Open Questions" not in index  # the format has no questions: no column of 0
    assert run_cli("render", "--check").exit_code == 0
    refused = run_cli("render", "dns-over-tls-upstreams")
    assert refused.exit_code == 2
    assert "pages already" in refused.output


def test_spec_ids_complete_from_the_front_matter(enhancements: GitRepo) -> None:
    completion = ShellComplete(cli, {}, "specrepo", "_SPECREPO_COMPLETE")
    assert [item.value for item in completion.get_completions(["timeline"], "")] == [
        "dns-over-tls-upstreams", "namespace-alert-routing", "pinned-images"]


def test_new_fills_in_the_template_and_the_proposal_validates(enhancements: GitRepo) -> None:
    result = run_cli("new", "Faster: image pulls", "--author", "Jane \"JD\" Doe")
    assert result.exit_code == 0, result.output
    assert result.output == "enhancements/faster-image-pulls.md\n"
    text = (enhancements.root / "enhancements" / "faster-image-pulls.md").read_text()
    assert text.startswith("---\ntitle: \"faster-image-pulls\"\n")
    assert f"creation-date: \"{date.today().isoformat()}\"" in text
    assert "\n# Faster: image pulls\n\nWritten by Jane \"JD\" Doe." in text
    assert run_cli("validate", "enhancements/faster-image-pulls.md").exit_code == 0
    again = run_cli("new", "Faster image pulls", "--author", "Jane")
    assert again.exit_code == 2
    assert "already exists" in again.output


def test_madr_records_in_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = imported(tmp_path / "madr", "madr-markdown")
    monkeypatch.chdir(repo.root)
    assert run_cli("validate", "--history").output == "3 files checked: no problems\n"
    record = "docs/decisions/0003-keep-decision-metadata-in-front-matter.md"
    repo.commit("Accept ADR-0003", {record: edited(repo, record, "status: proposed",
                                                   "status: accepted")})
    spec = mine_history(load_config(None, repo.root)).spec("ADR-0003")
    assert kinds(spec) == [("created", None, "proposed"),
                           ("status-changed", "proposed", "accepted")]
    superseded = "docs/decisions/0002-keep-decision-metadata-in-the-text.md"
    (repo.root / superseded).write_text(edited(repo, superseded, "superseded-by: ADR-0003",
                                               "superseded-by: ADR-0009"))
    assert "no spec has the id 'ADR-0009'" in run_cli("validate").output
    created = run_cli("new", "Cache order totals", "--author", "Ada")
    assert created.output == "docs/decisions/0004-cache-order-totals.md\n"
    text = (repo.root / "docs/decisions/0004-cache-order-totals.md").read_text()
    assert text.startswith('---\nid: "ADR-0004"\nstatus: proposed\n')
    assert "ADR-0004" not in run_cli("validate", "docs/decisions/0004-cache-order-totals.md").output


def test_a_madr_record_without_its_title_heading_is_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = imported(tmp_path / "madr", "madr-markdown")
    monkeypatch.chdir(repo.root)
    record = "docs/decisions/0001-use-postgresql-as-the-job-queue.md"
    (repo.root / record).write_text(edited(repo, record, "# Use PostgreSQL as the job queue\n",
                                           ""))
    result = run_cli("validate", record)
    assert result.exit_code == 1
    assert (f"{record}:9:1: error: missing required property 'title': the spec has no title"
            in result.output)


def test_new_refuses_a_template_that_gives_an_unreadable_spec(
        enhancements: GitRepo) -> None:
    template = enhancements.root / "guidelines" / "enhancement_template.md"
    template.write_text(template.read_text().replace("status: provisional",
                                                     "status: provisional\nstatus: again"))
    config = load_config(None, enhancements.root)
    with pytest.raises(ConfigError, match=r"enhancement_template.md:14: the spec made from this "
                                        r"template \(new.template\) cannot be read: duplicate"):
        new.run(config, new.NewOptions("Some idea", "Ada", date(2026, 1, 2)))
    assert not (enhancements.root / "enhancements" / "some-idea.md").exists()


def test_history_follows_markdown_specs_into_a_renamed_folder_warm_or_cold(
        enhancements: GitRepo) -> None:
    enhancements.commit("Alerts: implementable", {ALERTS: edited(
        enhancements, ALERTS, "status: provisional", "status: implementable")})
    config = load_config(None, enhancements.root)
    mine_history(config)  # cached with `enhancements` only
    enhancements.git("mv", "enhancements", "proposals")
    settings = (enhancements.root / "specrepo.yaml").read_text()
    enhancements.commit("Move the proposals", {"specrepo.yaml": settings.replace(
        "specs: enhancements ", "specs: proposals ")})
    warm = mine_history(load_config(None, enhancements.root))
    (enhancements.root / ".git" / "specrepo" / "history-cache.json").unlink()
    assert warm == mine_history(load_config(None, enhancements.root))
    alerts = warm.spec("namespace-alert-routing")
    assert alerts.current_path == "proposals/monitoring/namespace-alert-routing.md"
    assert [period.status for period in alerts.statuses] == ["provisional", "implementable"]


def test_an_accepted_records_decision_is_protected_its_pros_and_cons_are_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = imported(tmp_path / "madr", "madr-markdown")
    monkeypatch.chdir(repo.root)
    record = "docs/decisions/0001-use-postgresql-as-the-job-queue.md"
    repo.commit("Pros and cons", {record: edited(repo, record, "### A message broker",
                                                 "### A message broker (RabbitMQ)")})
    assert run_cli("validate", "--history").exit_code == 0
    change = repo.commit("Consequences", {record: edited(
        repo, record, "the team already runs the database", "the team runs it already")},
        author="Linus Pauling")
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert (f"{record}:26:1: error: body.Decision Outcome changed after ADR-0001 was approved "
            f"(section-changed in commit {change[:10]} by Linus Pauling") in result.output
    timeline = run_cli("timeline", "ADR-0001").output
    assert "section-changed  body.Pros and Cons of the Options > A message broker" in timeline
    diff = run_cli("diff", "--since-approval", "ADR-0001").output
    assert "body.Decision Outcome" in diff and "[protected]" in diff


def test_the_site_shows_each_proposals_body(enhancements: GitRepo) -> None:
    result = run_cli("site")
    assert result.exit_code == 0, result.output
    page = (enhancements.root / "_site" / "specs" / "dns-over-tls-upstreams.html").read_text()
    assert '<h2 id="motivation">Motivation</h2>' in page
    assert "Cluster administrators can send the queries that CoreDNS forwards" in page
    assert "title: dns-over-tls-upstreams" not in page  # the front matter is not body text
    assert run_cli("site", "--check").exit_code == 0
    # The search reads each proposal's Summary section (its front matter has no summary).
    index = json.loads((enhancements.root / "_site" / "specs.json").read_text())
    summaries = {spec["id"]: spec["summary"] for spec in index["specs"]}
    assert summaries["dns-over-tls-upstreams"].startswith(
        "Cluster administrators can send the queries that CoreDNS forwards")
    assert all(summaries.values())


def test_diff_of_a_renamed_proposal_shows_the_renaming_not_a_title_change(
        enhancements: GitRepo) -> None:
    """The enhancements' front matter `title` is the id (`fields: id: title`): renaming a
    proposal is a renumbering, shown once; its `# heading` (the title) did not change."""
    renamed = "enhancements/monitoring/alert-routing.md"
    enhancements.commit("Rename", {ALERTS: None, renamed: edited(
        enhancements, ALERTS, "title: namespace-alert-routing", "title: alert-routing")})
    result = run_cli("diff", "HEAD~1..HEAD")
    assert result.exit_code == 0, result.output
    assert "(moved, renumbered)" in result.output
    assert "namespace-alert-routing -> alert-routing" in result.output
    assert "title" not in result.output.replace(f"{ALERTS} -> {renamed}", "")
