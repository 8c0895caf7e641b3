"""History follows the configuration file's own moves (trial30b F7): a spec project moved
into a subfolder with its `specrepo.yaml` (`git mv specs design/specs; git mv specrepo.yaml
design/`), or imported as a subtree (`git read-tree --prefix=design/`), keeps every spec's
life and its checked moves; the earlier file's `specs:` is read relative to where it was,
and its versions read the specs of their commits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

REVIEWED = "reviewers: [Grace Hopper]\n"
LIFE = ["created", "status-changed", "status-changed", "moved"]
"""SPEC-0001's event kinds, its move into design/ last."""


def project(repo: GitRepo, config: str = "specs: specs\n", key: str = "status") -> None:
    """SPEC-0001 Draft -> In Review -> Approved; SPEC-0002 Draft -> Approved (illegal)."""
    def spec(spec_id: str, status: str) -> str:
        return spec_text(spec_id, status=status, extra=REVIEWED).replace(
            "status:", f"{key}:")
    repo.commit("Drafts", {"specrepo.yaml": config, "specs/SPEC-0001.yaml": spec(
        "SPEC-0001", "Draft"), "specs/SPEC-0002.yaml": spec("SPEC-0002", "Draft")})
    repo.commit("Review", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "In Review")})
    repo.commit("Approve", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "Approved"),
                            "specs/SPEC-0002.yaml": spec("SPEC-0002", "Approved")})


def verdicts(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int, list[str], str]:
    """`validate --history`'s and `report --fail-on illegal-transitions`'s exit codes,
    SPEC-0001's event kinds and the output of all three, run in `folder`."""
    monkeypatch.chdir(folder)
    validated = run_cli("validate", "--history")
    report = run_cli("report", "--fail-on", "illegal-transitions")
    timeline = run_cli("timeline", "SPEC-0001", "--format", "json")
    kinds = [event["kind"] for event in json.loads(timeline.stdout)["events"]]
    return (validated.exit_code, report.exit_code, kinds,
            validated.output + report.output + timeline.output)


def cold_and_warm(repo: GitRepo, folder: Path, monkeypatch: pytest.MonkeyPatch
                  ) -> tuple[int, int, list[str], str]:
    """The verdicts cold, asserted byte-identical warm."""
    shutil.rmtree(repo.root / ".git" / "specrepo", ignore_errors=True)
    cold = verdicts(folder, monkeypatch)
    assert verdicts(folder, monkeypatch) == cold
    return cold


def test_a_configuration_moved_with_its_specs_keeps_their_history(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    project(git_repo)
    (git_repo.root / "design").mkdir()
    git_repo.git("mv", "specs", "design/specs")
    git_repo.git("mv", "specrepo.yaml", "design/specrepo.yaml")
    git_repo.commit("Move the spec project into design/")
    validated, report, kinds, output = cold_and_warm(git_repo, git_repo.root / "design",
                                                     monkeypatch)
    assert (validated, report) == (1, 1), output  # was: 0, 0
    assert "moved the status from Draft to Approved" in output
    assert kinds == LIFE


def test_a_subtree_import_and_the_configuration_moved_on_keep_the_history(
        tmp_path: Path, git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    other = GitRepo(tmp_path / "project")
    project(other)
    git_repo.commit("The monorepo", {"README.md": "mono\n", "specrepo.yaml": None})
    git_repo.git("fetch", "-q", str(other.root), "main")
    git_repo.git("merge", "-q", "-s", "ours", "--allow-unrelated-histories", "--no-commit",
                 "FETCH_HEAD")
    git_repo.git("read-tree", "--prefix=design/", "-u", "FETCH_HEAD")
    git_repo.commit("Import the spec project into design/")
    imported = cold_and_warm(git_repo, git_repo.root / "design", monkeypatch)
    assert imported[:3] == (1, 1, LIFE), imported[3]
    git_repo.git("mv", "design/specrepo.yaml", "specrepo.yaml")
    git_repo.commit("The configuration to the top", {"specrepo.yaml": "specs: design/specs\n"})
    assert cold_and_warm(git_repo, git_repo.root, monkeypatch)[:3] == imported[:3]


def test_versions_before_the_move_read_with_the_configuration_they_had(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The project kept the status at `state:` before the move (`fields:`), `status:`
    after: no move and no skipped version comes of the migration."""
    project(git_repo, "specs: specs\nfields:\n  status: state\n", key="state")
    (git_repo.root / "design").mkdir()
    git_repo.git("mv", "specs", "design/specs")
    git_repo.git("mv", "specrepo.yaml", "design/specrepo.yaml")
    for number in (1, 2):
        path = git_repo.root / "design" / "specs" / f"SPEC-000{number}.yaml"
        path.write_text(path.read_text().replace("state:", "status:"))
    git_repo.commit("Move into design/, the status at its usual key",
                    {"design/specrepo.yaml": "specs: specs\n"})
    validated, report, kinds, output = cold_and_warm(git_repo, git_repo.root / "design",
                                                     monkeypatch)
    assert (validated, report) == (1, 1), output
    assert kinds == LIFE
    assert "[skipped-version]" not in output and "unreadable  0" in output


def moved_project(repo: GitRepo) -> None:
    """`project`, then moved into design/ with its configuration, SPEC-0001 to
    Implemented in the same commit."""
    project(repo)
    (repo.root / "design").mkdir()
    repo.git("mv", "specs", "design/specs")
    repo.git("mv", "specrepo.yaml", "design/specrepo.yaml")
    path = repo.root / "design" / "specs" / "SPEC-0001.yaml"
    path.write_text(path.read_text().replace("status: Approved", "status: Implemented"))


@pytest.mark.parametrize("committed", [True, False])
def test_a_diff_across_the_configurations_move_reads_each_side_with_its_own(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch, committed: bool) -> None:
    """Each side of `diff` is read with its own configuration where it was: the specs are
    moved, not added (they were all "added", the old side read with design/'s specs)."""
    moved_project(git_repo)
    if committed:
        git_repo.commit("Move the spec project into design/")
    monkeypatch.chdir(git_repo.root / "design")
    result = run_cli("diff", "HEAD~1" if committed else "HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    specs = json.loads(result.stdout)["specs"]
    kinds = {(spec["new"] or spec["old"])["id"]: spec["kinds"] for spec in specs}
    assert set(kinds) == {"SPEC-0001", "SPEC-0002"}, result.stdout
    assert all("moved" in each and "added" not in each for each in kinds.values()), kinds
    assert '"before": "Approved"' in result.stdout.replace("\n", "")  # SPEC-0001's status
    if committed:  # and backwards: the new side's configuration where it was then
        backwards = run_cli("diff", "HEAD", "HEAD~1", "--format", "json")
        assert backwards.exit_code == 0, backwards.output
        assert '"added"' not in backwards.stdout and '"removed"' not in backwards.stdout


HOOK = ("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD", "--history",
        "--since", "HEAD", "--allow-shallow")
"""The shipped pre-commit hook's command."""


def test_a_configuration_move_staged_is_followed_by_the_hook(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """`git mv specrepo.yaml design/` staged with its specs: the hook reads HEAD's specs
    where HEAD has them, so a status move and a new spec born Approved in the move are
    refused before it is committed, as history refuses them after (both passed: HEAD had
    no configuration at design/, so the work tree looked like an adoption)."""
    git_repo.commit("Drafts", {"specrepo.yaml": "specs: specs\n", "specs/SPEC-0001.yaml":
                               spec_text("SPEC-0001", status="Draft", extra=REVIEWED)})
    (git_repo.root / "design").mkdir()
    git_repo.git("mv", "specs", "design/specs")
    git_repo.git("mv", "specrepo.yaml", "design/specrepo.yaml")
    git_repo.write("design/specs/SPEC-0001.yaml",
                   spec_text("SPEC-0001", status="Approved", extra=REVIEWED))
    git_repo.write("design/specs/SPEC-0003.yaml",
                   spec_text("SPEC-0003", status="Approved", extra=REVIEWED))
    git_repo.git("add", "-A")
    monkeypatch.chdir(git_repo.root / "design")
    for _ in range(2):  # cold, then warm
        hook = run_cli(*HOOK, "specs/SPEC-0001.yaml", "specs/SPEC-0003.yaml")
        assert hook.exit_code == 1, hook.output
        assert "from Draft (HEAD's, at specs/SPEC-0001.yaml) to Approved" in hook.output
        assert "the commit being made adds the spec in Approved" in hook.output
    git_repo.commit("Move the spec project into design/")
    history = run_cli("validate", "--history")
    assert history.exit_code == 1 and history.output.count("[illegal-transition]") == 2


def test_a_configuration_moved_into_its_spec_folder_keeps_every_spec(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """`git mv specrepo.yaml specs/` with `specs: .` (trial37b): the specs' paths do not
    change, so no spec leaves the set (was: `specs/.`, which read no file, so an Approved
    spec was removed at the move) and `--since` passes the move."""
    project(git_repo)
    git_repo.git("mv", "specrepo.yaml", "specs/specrepo.yaml")
    git_repo.commit("The configuration into its spec folder", {"specs/specrepo.yaml":
                                                              "specs: .\n"})
    validated, report, kinds, output = cold_and_warm(git_repo, git_repo.root / "specs",
                                                     monkeypatch)
    assert (validated, report) == (1, 1), output  # SPEC-0002's Draft -> Approved only
    assert "removed the spec" not in output and output.count("[illegal-transition]") == 1
    assert kinds == LIFE[:3]
    since = run_cli("validate", "--history", "--since", "HEAD~1")
    assert since.exit_code == 0, since.output


def test_a_configuration_moved_up_out_of_its_spec_folder_keeps_every_life(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reverse move (trial37b): `specs/specrepo.yaml` with `specs: .` from the start,
    moved to the top with `specs: specs`: SPEC-0001 was created in Draft (was: `created`
    Approved at the move, though `validate --history` knew its approval)."""
    (git_repo.root / "specrepo.yaml").unlink()  # none at the top before the move
    for status in ("Draft", "In Review", "Approved"):
        git_repo.commit(status, {"specs/specrepo.yaml": "specs: .\n", "specs/SPEC-0001.yaml":
                                 spec_text("SPEC-0001", status=status, extra=REVIEWED)})
    git_repo.git("mv", "specs/specrepo.yaml", "specrepo.yaml")
    git_repo.commit("The configuration to the top", {"specrepo.yaml": "specs: specs\n"})
    validated, report, kinds, output = cold_and_warm(git_repo, git_repo.root, monkeypatch)
    assert (validated, report) == (0, 0), output
    assert kinds == LIFE[:3], output
