"""`statuses:` in specrepo.yaml: a workflow of the team's own, used by every command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from specrepo.base.errors import ConfigError
from specrepo.configuration.config_file import load_config
from specrepo.model.workflow import DEFAULT_WORKFLOW
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

SHORT_WORKFLOW = """\
specs: specs
statuses:
  states: [Draft, Approved, Withdrawn]
  transitions:
    Draft: [Approved, Withdrawn]
  terminal: [Withdrawn]
  in_review: [Draft]
  approved: [Approved]
"""


def test_the_default_workflow_without_statuses(tmp_path: Path) -> None:
    assert load_config(None, tmp_path).workflow == DEFAULT_WORKFLOW


def test_statuses_are_read(tmp_path: Path) -> None:
    path = tmp_path / "specrepo.yaml"
    path.write_text(SHORT_WORKFLOW)
    workflow = load_config(path, tmp_path).workflow
    assert workflow.states == ("Draft", "Approved", "Withdrawn")
    assert workflow.allows("Draft", "Approved")
    assert not workflow.allows("Approved", "Draft")
    assert (workflow.terminal, workflow.in_review, workflow.approved) == (
        frozenset({"Withdrawn"}), frozenset({"Draft"}), frozenset({"Approved"}))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("statuses: {states: [Draft], transitions: {Draft: [Done]}}\n",
         "specrepo.yaml:1:51: statuses.transitions names 'Done', which is not a state of "
         "the workflow; the states are Draft"),
        ("statuses: {states: [Draft], transitions: {}, approved: [Done]}\n",
         "statuses.approved names 'Done'"),
        ("statuses: {states: [draft], transitions: {}}\n",
         "specrepo.yaml:1:21: statuses.states names 'draft', which the bundled spec schema "
         "does not allow .*; did you mean 'Draft'\\? Or: a different set"),
        ("statuses:\n  states: [Draft, In Review, Approved, Proposed]\n  transitions: {}\n",
         "specrepo.yaml:2:40: statuses.states names 'Proposed', which the bundled spec "
         "schema does not allow .*; a different set of statuses needs a schema of your own"),
        ("fields:\n  title: a..b\n", "specrepo.yaml:2:10: fields: 'a..b' is not a field path"),
        ("statuses: {states: [Draft]}\n", "missing required property 'transitions'"),
        ("statuses: {states: [], transitions: {}}\n", "the list is empty"),
    ],
)
def test_a_broken_workflow_is_a_config_error(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "specrepo.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=words):
        load_config(path, tmp_path)


def test_a_custom_schema_may_bring_its_own_statuses(tmp_path: Path) -> None:
    path = tmp_path / "specrepo.yaml"
    path.write_text("schema: ours.json\nstatuses: {states: [provisional, implemented], "
                    "transitions: {provisional: [implemented]}}\n")
    assert load_config(path, tmp_path).workflow.states == ("provisional", "implemented")


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    (git_repo.root / "specrepo.yaml").write_text(SHORT_WORKFLOW)
    git_repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text(extra="reviewers: [Grace]\n")})
    git_repo.commit("Approve", {"specs/SPEC-0001.yaml": spec_text(
        status="Approved", extra="reviewers: [Grace]\nopen_questions:\n"
        "  - {id: Q-1, question: Why?}\n")})
    git_repo.commit("Another", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    return git_repo


def test_rules_use_the_workflows_review_and_approval_states(repo: GitRepo) -> None:
    output = run_cli("validate").output
    assert "SPEC-0002.yaml:3:9: error: the spec is Draft but names no reviewer" in output
    assert "SPEC-0001.yaml" in output and "[approved-open-questions]" in output


def test_history_is_checked_against_the_workflow(repo: GitRepo) -> None:
    # Draft -> Approved is illegal by default, allowed here.
    assert "illegal-transition" not in run_cli("validate", "--history").output
    (repo.root / "specrepo.yaml").write_text("specs: specs\n")
    assert "illegal-transition" in run_cli("validate", "--history").output


def test_the_report_uses_the_workflow(repo: GitRepo) -> None:
    report = json.loads(run_cli("report", "--format", "json").output)
    one = next(spec for spec in report["specs"] if spec["id"] == "SPEC-0001")
    assert one["days_in_review"] == 1.0  # Draft counts as review here
    assert one["days_to_approval"] == 1.0
    assert [q["on_approved_spec"] for q in report["open_questions"]] == [True]
    assert "open on an Approved spec" in run_cli("report", "questions").output


def test_stale_after_days_must_name_states_with_did_you_mean(tmp_path: Path) -> None:
    path = tmp_path / "specrepo.yaml"
    path.write_text("specs: specs\nstale_after_days:\n  Draft: 30\n  In review: 14\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path, tmp_path)
    assert str(caught.value).endswith(
        "specrepo.yaml:4:3: stale_after_days names 'In review', which is not a state of the "
        "workflow; did you mean 'In Review'?")


def test_status_names_follow_a_narrowed_workflow(tmp_path: Path) -> None:
    path = tmp_path / "specrepo.yaml"
    path.write_text(
        "statuses:\n  states: [Draft, In Review, Approved]\n"
        "  transitions: {Draft: [In Review], In Review: [Approved, Draft]}\n"
        "  in_review: [In Review]\n  approved: [Aproved]\n"
        "stale_after_days: {Draft: 30, Implemented: 60}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path, tmp_path)
    lines = str(caught.value).splitlines()[1:]
    assert [line.split(": ", 1)[1] for line in lines] == [
        "stale_after_days names 'Implemented', which is not a state of the workflow; the "
        "states are Draft, In Review, Approved",
        "statuses.approved names 'Aproved', which is not a state of the workflow; did you "
        "mean 'Approved'?",
    ]
    assert [line.split(": ", 1)[0].rsplit("/", 1)[1] for line in lines] == [
        "specrepo.yaml:6:31", "specrepo.yaml:5:14"]


def test_a_status_outside_a_narrowed_workflow_is_a_finding_at_its_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from specrepo.check.spec_set import check_spec_set

    (tmp_path / "specs").mkdir()
    (tmp_path / "specrepo.yaml").write_text(
        "statuses:\n  states: [Draft, In Review, Approved]\n"
        "  transitions: {Draft: [In Review], In Review: [Approved]}\n")
    spec = tmp_path / "specs" / "SPEC-0001.yaml"
    spec.write_text("id: SPEC-0001\ntitle: T\nstatus: Implemented\nauthors: [Ada]\n"
                    "created: 2026-01-02\nupdated: 2026-01-02\nsummary: S\n"
                    "reviewers: [{name: Bob, approved: 2026-01-02}]\n")
    monkeypatch.chdir(tmp_path)
    findings = check_spec_set(load_config(None, tmp_path)).findings
    assert [(f.line, f.rule, f.message) for f in findings] == [
        (3, "unknown-status", "'Implemented' is not a state of the workflow; the states are "
         "Draft, In Review, Approved")]
    spec.write_text(spec.read_text().replace("Implemented", "Aproved"))
    findings = check_spec_set(load_config(None, tmp_path)).findings
    assert [(f.line, f.rule) for f in findings] == [(3, "schema")]  # one finding, not two


def test_a_terminal_state_the_workflow_lets_out_is_a_config_error_at_its_line(
        tmp_path: Path) -> None:
    """`terminal:` names the states a spec never leaves (removal messages advise moving
    there first): one that `transitions:` lets out is refused at its line (trial34)."""
    path = tmp_path / "specrepo.yaml"
    path.write_text(SHORT_WORKFLOW.replace("terminal: [Withdrawn]",
                                           "terminal: [Draft, Withdrawn]"))
    with pytest.raises(ConfigError) as caught:
        load_config(path, tmp_path)
    line = next(number for number, text in enumerate(path.read_text().splitlines(), 1)
                if "terminal:" in text)
    assert f"specrepo.yaml:{line}:14: statuses.terminal names 'Draft', which " \
           "`transitions:` lets a spec leave (to Approved, Withdrawn)" in str(caught.value)
    assert "'Withdrawn'" not in str(caught.value)


@pytest.mark.parametrize(("roles", "in_review", "approved"), [
    ("", {"In Review"}, {"Approved"}),
    ("  in_review: []\n  approved: []\n", set(), set()),
    ("  approved: [Draft]\n", {"In Review"}, {"Draft"}),
])
def test_statuses_without_review_or_approval_states_keep_the_bundled_ones(
        tmp_path: Path, roles: str, in_review: set[str], approved: set[str]) -> None:
    """A `statuses:` that leaves out `in_review:` or `approved:` keeps the bundled
    workflow's states of that kind among its own (Implemented is none here); `[]` names
    none (trial38 statuses-without-approved-disables-approval-silently)."""
    path = tmp_path / "specrepo.yaml"
    path.write_text("statuses:\n  states: [Draft, In Review, Approved, Withdrawn]\n"
                    "  transitions: {Draft: [In Review], In Review: [Approved, Draft]}\n"
                    + roles)
    workflow = load_config(path, tmp_path).workflow
    assert (workflow.in_review, workflow.approved) == (frozenset(in_review),
                                                        frozenset(approved))


def test_approval_checks_stay_on_when_statuses_leaves_out_approved(git_repo: GitRepo) -> None:
    """A team that narrows `transitions:` and leaves out `approved:`: an approved spec
    rewritten by its author is still a change after approval (trial38)."""
    text = SHORT_WORKFLOW.replace("  in_review: [Draft]\n  approved: [Approved]\n", "")
    (git_repo.root / "specrepo.yaml").write_text(text)
    reviewed = "reviewers: [Grace Hopper]\n"
    git_repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text(extra=reviewed)})
    git_repo.commit("Approve", {"specs/SPEC-0001.yaml": spec_text(
        status="Approved", extra=reviewed)}, author="Grace Hopper")
    git_repo.commit("Rewrite", {"specs/SPEC-0001.yaml": spec_text(
        status="Approved", extra=reviewed).replace("summary: ", "summary: Now ")})
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert "summary changed after SPEC-0001 was approved" in result.output


@pytest.mark.parametrize("arguments", [("validate",), ("report",), ("render", "--check")])
def test_own_states_without_approved_are_warned_of_at_the_block(
        git_repo: GitRepo, arguments: tuple[str, ...]) -> None:
    """States of a team's own with no `approved:`: none is approved, said once per
    command at the `statuses:` key (4:1; hook38 placed it at the block's first entry, 5:3);
    `[]` says so on purpose (trial38)."""
    (git_repo.root / "ours.json").write_text('{"type": "object"}')
    own = ("specs: specs\nschema: ours.json\nrules: {file-name: off}\nstatuses:\n"
           "  states: [provisional, implemented]\n"
           "  transitions: {provisional: [implemented]}\n")
    git_repo.commit("Adopt", {"specrepo.yaml": own, "specs/SPEC-0001.yaml":
                              "id: SPEC-0001\ntitle: T\nstatus: provisional\n"})
    stderr = run_cli(*arguments).stderr
    assert stderr.count("specrepo: warning: ") == 1, stderr
    assert ("specrepo: warning: specrepo.yaml:4:1: statuses: names no state that counts as "
            "approved (`approved:`) and holds none of the bundled ones (Approved, "
            "Implemented), so no approval check applies") in stderr
    (git_repo.root / "specrepo.yaml").write_text(own + "  approved: []\n")
    assert "warning" not in run_cli(*arguments).stderr


def _own_states(repo: GitRepo, states: str, roles: str = "") -> str:
    """`validate`'s stderr under a workflow of `states` (a schema of the team's own), with
    `roles` (`in_review:`, `approved:` lines) after its transitions."""
    (repo.root / "ours.json").write_text('{"type": "object"}')
    repo.write("specrepo.yaml", "specs: specs\nschema: ours.json\nrules: {file-name: off}\n"
               f"statuses:\n  states: [{states}]\n  transitions: {{draft: [done]}}\n"
               "  approved: [done]\n" + roles)
    repo.write("specs/SPEC-0001.yaml", "id: SPEC-0001\ntitle: T\nstatus: draft\n")
    result = run_cli("validate")
    assert result.exit_code == 0, result.output
    return result.stderr


@pytest.mark.parametrize("name", ["Under Review", "review", "in-review", "reviewing",
                                  "Pending_Review", "IN REVIEW"])
def test_a_state_named_as_review_that_in_review_leaves_out_is_warned_of_at_its_entry(
        git_repo: GitRepo, name: str) -> None:
    """Its name reads as review (letter case and separators aside) and `in_review:` does
    not name it: the reviewer rules would skip a spec in it in silence (polish53)."""
    stderr = _own_states(git_repo, f"draft, {name}, done")
    column = len("  states: [draft, ") + 1
    assert stderr.count("specrepo: warning: ") == 1, stderr
    assert (f"specrepo: warning: specrepo.yaml:5:{column}: statuses: the state '{name}' "
            "reads as a review state, but `in_review:` does not name it, so no reviewer "
            f"check applies to a spec in it") in stderr
    assert f"name it (`in_review: [{name}]`)" in stderr
    for roles in (f"  in_review: ['{name}']\n", "  in_review: []\n"):
        assert "warning" not in _own_states(git_repo, f"draft, '{name}', done", roles)


@pytest.mark.parametrize("states", ["draft, done", "draft, reviewed, done",
                                    "draft, peer review board, done", "draft, preview, done"])
def test_a_workflow_without_a_review_state_is_not_warned_of(git_repo: GitRepo,
                                                            states: str) -> None:
    """KEP's workflow (provisional, implementable...) has no review state, on purpose; a
    name that merely holds the word is none either."""
    assert "warning" not in _own_states(git_repo, states)
