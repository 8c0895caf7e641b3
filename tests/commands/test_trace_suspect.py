"""Suspect links from real history: a requirement changed after the test or code that tags
it was last committed, or after the linking spec's latest approval; touching the file or
approving again clears them; moves, renumbered specs and renumbered items are followed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from specrepo.base.errors import ExitCode
from specrepo.check.spec_set import Preparation, examine_spec_set
from specrepo.commands.trace import TraceOptions, TraceResult, run
from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import HistoryError, NotARepositoryError
from specrepo.load.schema_source import bundled_schema
from specrepo.model.spec_record import SpecRecord, known_items
from specrepo.model.trace import FailOn
from specrepo.output.json_trace import trace_document
from specrepo.output.trace import formatted_trace
from specrepo.trace.repository import trace_repository
from specrepo.trace.scans import TagScans
from tests.history.gitrepo import GitRepo, spec_text

CONFIG = "specs: specs\ntrace: {implementation: [src/**], tests: [tests/**]}\n"
LOGIN_PATH = "specs/SPEC-0042-login.yaml"
SSO_PATH = "specs/SPEC-0050-sso.yaml"


def login(fr3: str = "Accept a valid password.", fr3_id: str = "FR-3",
          spec_id: str = "SPEC-0042") -> str:
    return spec_text(spec_id, "Approved", "Login", extra=f"""\
reviewers: [Grace Hopper]
requirements:
  functional:
    - {{id: {fr3_id}, description: {fr3}, priority: P0}}
    - {{id: FR-4, description: Refuse an empty password., priority: P1}}
""")


def sso(status: str = "Approved", target: str = "SPEC-0042/FR-3") -> str:
    return spec_text("SPEC-0050", status, "SSO", extra=f"""\
reviewers: [Grace Hopper]
requirements:
  functional:
    - id: FR-1
      description: Single sign-on.
      priority: P2
      depends_on: [{target}]
""")


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    git = GitRepo(tmp_path / "repo")
    git.commit("Specs, code and tests", {
        "specrepo.yaml": CONFIG, LOGIN_PATH: login(), SSO_PATH: sso(),
        "src/login.py": "# SPEC-0042/FR-3\n# SPEC-0042/FR-4\n",
        "tests/test_login.py": "def test_spec_0042_fr_3(): pass\n"
                               "def test_spec_0042_fr_4(): pass\n"})
    return git


def trace(repo: GitRepo, *fail_on: FailOn) -> TraceResult:
    return run(load_config(None, repo.root), TraceOptions(fail_on=fail_on))


def suspects(result: TraceResult) -> list[tuple[str, str, str]]:
    """(requirement, what links to it, the change's commit) of each suspect link."""
    found = []
    for row in result.matrix.requirements:
        for link in (*row.implemented_by, *row.verified_by):
            if link.suspect:
                found.append((str(row.requirement.reference), link.tag.file,
                              link.suspect.change.stamp.commit))
        for incoming in row.linked_from:
            if incoming.suspect:
                found.append((str(row.requirement.reference), incoming.link.source_spec,
                              incoming.suspect.change.stamp.commit))
    return found


def test_nothing_is_suspect_at_first(repo: GitRepo) -> None:
    result = trace(repo, "suspect")
    assert suspects(result) == []
    assert [row.state for row in result.matrix.requirements][:2] == ["covered"] * 2
    assert result.exit_code is ExitCode.CLEAN


def test_a_changed_requirement_makes_its_tags_and_links_suspect(repo: GitRepo) -> None:
    changed = repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    result = trace(repo, "suspect")
    assert suspects(result) == [("SPEC-0042/FR-3", "src/login.py", changed),
                                ("SPEC-0042/FR-3", "tests/test_login.py", changed),
                                ("SPEC-0042/FR-3", "SPEC-0050", changed)]
    assert [row.state for row in result.matrix.requirements][:2] == ["suspect", "covered"]
    assert result.failed == ("suspect",)
    assert result.exit_code is ExitCode.FINDINGS
    (link, *_) = result.matrix.requirements[0].implemented_by
    assert link.suspect is not None
    assert (link.suspect.change.before, link.suspect.change.after) == (
        {"id": "FR-3", "description": "Accept a valid password.", "priority": "P0"},
        {"id": "FR-3", "description": "Accept a passkey.", "priority": "P0"})
    document = trace_document(result.matrix, result.failed)
    jsonschema.validate(document, bundled_schema("trace.schema.json"))
    assert document["requirements"][0]["implemented_by"][0]["suspect"]["changed_in"][
        "commit"] == changed
    table = formatted_trace("table", result.matrix, result.failed)
    suspect_rows = table.split("Suspect links\n\n")[1].split("\n\n")[0].splitlines()[2:]
    assert [row.split()[1] for row in suspect_rows] == [
        "src/login.py:1", "tests/test_login.py:1", "SPEC-0050/FR-1"]
    assert all(f"{changed[:10]} (2026-01-03)" in row for row in suspect_rows)
    assert 'description: "Accept a valid password." -> "Accept a passkey."' in table


def test_touching_the_file_clears_a_tag_and_approving_again_clears_a_link(
        repo: GitRepo) -> None:
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    repo.commit("Test passkeys", {"tests/test_login.py": "def test_spec_0042_fr_3(): pass\n"
                                                         "def test_spec_0042_fr_4(): pass\n"
                                                         "# passkeys too\n"})
    assert [where for _, where, _ in suspects(trace(repo))] == ["src/login.py", "SPEC-0050"]
    repo.write(SSO_PATH, sso() + "# checked against the new FR-3\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "SSO still holds\n\nApproved-by: Grace Hopper")
    assert [where for _, where, _ in suspects(trace(repo))] == ["src/login.py"]
    repo.commit("Passkeys in code", {"src/login.py": "# SPEC-0042/FR-3 (passkeys)\n"
                                                     "# SPEC-0042/FR-4\n"})
    assert suspects(trace(repo, "suspect")) == []


def test_a_file_only_renamed_confirms_nothing(repo: GitRepo) -> None:
    """trial28 M2: `git mv` (git's R100, no line changed), of one file or of its folder,
    is no review of the test: the link stays suspect, wherever the file is now, until a
    commit changes the file's content."""
    changed = repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    repo.git("mv", "tests/test_login.py", "tests/test_auth.py")
    repo.commit("Rename the test")
    (repo.root / "tests" / "unit").mkdir()
    repo.git("mv", "tests/test_auth.py", "tests/unit/test_auth.py")
    repo.commit("Reorganise the tests")
    assert ("SPEC-0042/FR-3", "tests/unit/test_auth.py", changed) in suspects(trace(repo))
    repo.commit("Test passkeys", {"tests/unit/test_auth.py": "def test_spec_0042_fr_3(): pass\n"
                                                              "def test_spec_0042_fr_4(): pass\n"
                                                              "# passkeys too\n"})
    assert [where for _, where, _ in suspects(trace(repo))] == ["src/login.py", "SPEC-0050"]


def test_a_commit_that_only_changes_the_files_mode_confirms_nothing(repo: GitRepo) -> None:
    """trial31 #5: `chmod +x` (a "fix permissions" sweep, `core.fileMode` noise) changes
    no line: the links stay suspect."""
    changed = repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    for path in ("src/login.py", "tests/test_login.py"):
        (repo.root / path).chmod(0o755)
    repo.commit("Make the scripts executable")
    assert repo.git("show", "--format=", "--raw", "HEAD").count("100644 100755") == 2
    assert [where for _, where, commit in suspects(trace(repo, "suspect"))
            if commit == changed] == ["src/login.py", "tests/test_login.py", "SPEC-0050"]
    assert trace(repo, "suspect").exit_code is ExitCode.FINDINGS


def test_a_copy_confirms_nothing_written_against_the_new_requirement(repo: GitRepo) -> None:
    """trial31 #5: `cp tests/test_login.py tests/test_auth.py` (git's C100) writes no line
    against the changed FR-3: the copy's tags stay suspect, as the original's do; so does
    a file deleted and brought back as it was."""
    changed = repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    text = (repo.root / "tests/test_login.py").read_text()
    repo.commit("Copy the test", {"tests/test_auth.py": text})
    repo.commit("Drop the code", {"src/login.py": None})
    repo.commit("Bring the code back", {"src/login.py": "# SPEC-0042/FR-3\n# SPEC-0042/FR-4\n"})
    assert [where for _, where, commit in suspects(trace(repo)) if commit == changed] == [
        "src/login.py", "tests/test_auth.py", "tests/test_login.py", "SPEC-0050"]
    repo.commit("Test passkeys", {"tests/test_auth.py": text + "# passkeys too\n"})
    assert [where for _, where, _ in suspects(trace(repo))] == [
        "src/login.py", "tests/test_login.py", "SPEC-0050"]


def test_a_file_renamed_and_edited_in_one_commit_is_confirmed(repo: GitRepo) -> None:
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    repo.commit("Rename and extend the test", {
        "tests/test_login.py": None,
        "tests/test_auth.py": "def test_spec_0042_fr_3(): pass\n"
                              "def test_spec_0042_fr_4(): pass\n# passkeys too\n"})
    assert [where for _, where, _ in suspects(trace(repo))] == ["src/login.py", "SPEC-0050"]


def test_a_touch_on_a_branch_that_forked_before_the_change_clears_nothing(
        repo: GitRepo) -> None:
    """Whoever touched the test on a branch forked before FR-3 changed never saw the new
    FR-3, even though the branch is merged (and committed) later: the commit graph decides,
    not the dates."""
    repo.git("branch", "reformat")
    changed = repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    repo.git("checkout", "-q", "reformat")
    repo.commit("Reformat tests", {"tests/test_login.py": "def test_spec_0042_fr_3():  pass\n"
                                                          "def test_spec_0042_fr_4():  pass\n"})
    repo.git("checkout", "-q", "main")
    repo.merge("reformat")
    assert ("SPEC-0042/FR-3", "tests/test_login.py", changed) in suspects(trace(repo))


def test_a_spec_not_approved_confirms_its_links_by_its_last_change(repo: GitRepo) -> None:
    """A spec back in Draft has no approval that confirms its links: they are judged as a
    file's tags are (README: a spec not in an approved state is judged by its last change)."""
    repo.commit("SSO back to draft", {SSO_PATH: sso("Draft")})
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    assert "SPEC-0050" in [where for _, where, _ in suspects(trace(repo))]
    repo.commit("SSO in review", {SSO_PATH: sso("In Review")})
    assert "SPEC-0050" not in [where for _, where, _ in suspects(trace(repo))]
    repo.commit("SSO approved", {SSO_PATH: sso("Approved")})
    assert "SPEC-0050" not in [where for _, where, _ in suspects(trace(repo))]


def test_a_change_to_another_requirement_or_to_prose_suspects_nothing(repo: GitRepo) -> None:
    repo.commit("Summary", {LOGIN_PATH: login().replace("Why and what.", "Why, and what.")})
    assert suspects(trace(repo)) == []
    changed = repo.commit("FR-4", {LOGIN_PATH: login().replace("Refuse an empty",
                                                               "Refuse a blank")})
    assert {(target, commit) for target, _, commit in suspects(trace(repo))} == {
        ("SPEC-0042/FR-4", changed)}


def test_moved_and_renumbered_specs_keep_their_history(repo: GitRepo) -> None:
    changed = repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    repo.commit("Code and tests follow", {
        "src/login.py": "# SPEC-0042/FR-3 passkeys\n# SPEC-0042/FR-4\n",
        "tests/test_login.py": "def test_spec_0042_fr_3(): pass\n"
                               "def test_spec_0042_fr_4(): pass\n# passkeys\n"})
    repo.git("mv", LOGIN_PATH, "specs/SPEC-0042-auth.yaml")
    repo.commit("Move the file")
    assert suspects(trace(repo)) == [("SPEC-0042/FR-3", "SPEC-0050", changed)]
    repo.git("mv", "specs/SPEC-0042-auth.yaml", "specs/SPEC-0043-auth.yaml")
    repo.commit("Renumber", {
        "specs/SPEC-0043-auth.yaml": login("Accept a passkey.", spec_id="SPEC-0043"),
        SSO_PATH: sso(target="SPEC-0043/FR-3"),
        "src/login.py": "# SPEC-0043/FR-3 passkeys\n# SPEC-0043/FR-4\n",
        "tests/test_login.py": "def test_spec_0043_fr_3(): pass\n"
                               "def test_spec_0043_fr_4(): pass\n"})
    # FR-3's last change is still the commit that changed it, through the move and the new id.
    assert suspects(trace(repo)) == [("SPEC-0043/FR-3", "SPEC-0050", changed)]


def test_a_renumbered_item_is_a_new_item(repo: GitRepo) -> None:
    renumbered = repo.commit("FR-3 is FR-7 now", {LOGIN_PATH: login(fr3_id="FR-7")})
    repo.commit("Code follows", {"src/login.py": "# SPEC-0042/FR-7\n# SPEC-0042/FR-4\n"})
    result = trace(repo)
    assert ("SPEC-0042/FR-7", "tests/test_login.py", renumbered) not in suspects(result)
    assert [entry.written for entry in result.matrix.dangling] == ["spec_0042_fr_3"]
    assert ("SPEC-0042/FR-7", "src/login.py", renumbered) not in suspects(result)


def test_without_a_repository_suspect_cannot_be_told(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    (root / "specs").mkdir(parents=True)
    (root / "specrepo.yaml").write_text("specs: specs\n")
    (root / LOGIN_PATH).write_text(login())
    (root / SSO_PATH).write_text(sso())
    config = load_config(None, root)
    assert run(config, TraceOptions()).exit_code is ExitCode.CLEAN  # an item link, no history
    with pytest.raises(NotARepositoryError):
        run(config, TraceOptions(fail_on=("suspect",)))


def test_the_json_of_a_suspect_link(repo: GitRepo) -> None:
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    result = trace(repo)
    document = json.loads(formatted_trace("json", result.matrix))
    (incoming,) = document["requirements"][0]["linked_from"]
    assert incoming["suspect"]["change"]["after"]["description"] == "Accept a passkey."
    assert incoming["suspect"]["confirmed_in"]["time"] == "2026-01-02T00:00:00Z"
    assert document["summary"]["total"]["states"]["suspect"] == 1


def test_a_shallow_clone_cannot_tell(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    config = load_config(None, clone)
    assert suspects(run(config, TraceOptions())) == []
    with pytest.raises(HistoryError, match="shallow") as caught:
        run(config, TraceOptions(fail_on=("suspect",)))
    assert caught.value.exit_code is ExitCode.USAGE
    assert "--allow-shallow" not in str(caught.value)  # trace has no such option
    assert "leave `suspect` out of --fail-on" in str(caught.value)


def test_a_reviewers_approved_date_on_or_after_the_change_clears_a_link(repo: GitRepo) -> None:
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})  # 01-03
    dated = "reviewers: [{name: Grace Hopper, approved: %s}]"
    repo.commit("Grace's earlier approval", {SSO_PATH: sso().replace(
        "reviewers: [Grace Hopper]", dated % "2026-01-02")})
    assert "SPEC-0050" in [where for _, where, _ in suspects(trace(repo))]
    repo.commit("Grace approves again", {SSO_PATH: sso().replace(
        "reviewers: [Grace Hopper]", dated % "2026-01-03")})
    assert "SPEC-0050" not in [where for _, where, _ in suspects(trace(repo))]


def test_a_shallow_clone_with_nothing_to_judge_passes_a_suspect_gate(tmp_path: Path) -> None:
    """History is read while git scans, before the scans tell whether a link needs it: a
    history that cannot judge matters only when there is a link to judge."""
    plain = GitRepo(tmp_path / "plain")
    plain.commit("Specs and untagged code", {
        "specrepo.yaml": CONFIG, LOGIN_PATH: login(),
        "src/login.py": "def login(): pass\n", "tests/test_login.py": "def test(): pass\n"})
    plain.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    clone = tmp_path / "clone"
    plain.git("clone", "-q", "--depth", "1", f"file://{plain.root}", str(clone))
    result = run(load_config(None, clone), TraceOptions(fail_on=("suspect",)))
    assert result.failed == ()
    assert [row.state for row in result.matrix.requirements] == ["uncovered", "uncovered"]


def test_a_scan_that_fails_is_reported_before_the_history_that_fails(repo: GitRepo) -> None:
    """git scans while history is read; the scans' errors still come first, as when each
    ran in turn."""
    config = load_config(None, repo.root)
    config = replace(config, trace=replace(config.trace, implementation=("../elsewhere/**",)))
    records: list[SpecRecord] = []
    examine_spec_set(config, preparation=Preparation(
        lambda loaded: loaded.record,
        lambda _, record: records.append(record) if record is not None else None))
    assert len(records) == 2

    def history() -> None:
        raise HistoryError("the history cannot be read")

    with pytest.raises(HistoryError, match="outside") as caught, TagScans(config) as scans:
        trace_repository(config, known_items(records), records, records, (), history, scans)
    assert "the history cannot be read" not in str(caught.value)


def test_a_date_set_by_the_changes_own_author_confirms_no_link(repo: GitRepo) -> None:
    """trace reads a spec's approval as changed-after-approval does (`approval_of`): Ada,
    who changed SPEC-0050's requirement, writing Grace's `approved:` date herself approves
    nothing, so the link stays suspect (and validate says the change is unapproved)."""
    changed = repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    repo.commit("SSO for passkeys, approved", {SSO_PATH: sso().replace(
        "reviewers: [Grace Hopper]", "reviewers: [{name: Grace Hopper, approved: 2026-01-05}]"
    ).replace("Single sign-on.", "Single sign-on with passkeys.")})
    assert ("SPEC-0042/FR-3", "SPEC-0050", changed) in suspects(trace(repo))
    repo.commit("Grace approves", {SSO_PATH: sso().replace(
        "reviewers: [Grace Hopper]", "reviewers: [{name: Grace Hopper, approved: 2026-01-06}]"
    ).replace("Single sign-on.", "Single sign-on with passkeys.")}, author="Grace Hopper")
    assert "SPEC-0050" not in [where for _, where, _ in suspects(trace(repo))]


def test_a_trailer_naming_no_reviewer_confirms_no_link(repo: GitRepo) -> None:
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    repo.write(SSO_PATH, sso() + "# checked against the new FR-3\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "SSO still holds\n\nApproved-by: Linus Pauling")
    assert "SPEC-0050" in [where for _, where, _ in suspects(trace(repo))]


def test_a_reviewers_date_on_an_unchanged_spec_still_confirms_its_links(repo: GitRepo) -> None:
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    repo.commit("Grace approves again", {SSO_PATH: sso().replace(
        "reviewers: [Grace Hopper]", "reviewers: [{name: Grace Hopper, approved: 2026-01-04}]")},
        author="Grace Hopper")
    assert "SPEC-0050" not in [where for _, where, _ in suspects(trace(repo))]
