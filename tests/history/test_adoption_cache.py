"""Which commits came after adoption is git's answer (four or five processes) once per HEAD: later
runs at the same HEAD read it from the cache in the git folder, and a new HEAD, another
configuration file or a damaged cache asks git again, with the same answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from specrepo.gitio.adoption import CACHE_FILE
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

REVIEWED = "reviewers: [Grace Hopper]\n"


def approved(spec_id: str) -> str:
    return spec_text(spec_id, status="Approved", extra=REVIEWED)


def adoption_questions(trace: Path) -> list[list[str]]:
    """The git processes a run started to find the adopting commit and its ancestors (in
    git's trace2 events)."""
    found = []
    for line in trace.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        argv = event.get("argv", [])
        if event.get("event") == "start" and (  # `tree_files.holds_entry`'s look-up
                "--max-parents=0" in argv or argv[1:4] == ["rev-parse", "--quiet", "--verify"]):
            found.append(argv)
    return found


def validate(monkeypatch: pytest.MonkeyPatch, trace: Path) -> tuple[int, str, int]:
    """`validate --history`: exit code, output, and how many adoption questions git got."""
    trace.write_text("")
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    result = run_cli("validate", "--history")
    monkeypatch.delenv("GIT_TRACE2_EVENT")
    return result.exit_code, result.output, len(adoption_questions(trace))


def test_the_adoption_is_asked_once_per_head(git_repo: GitRepo, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    trace = tmp_path / "trace.json"
    git_repo.commit("Adopt specrepo", {"specs/SPEC-0001.yaml": approved("SPEC-0001")})
    git_repo.commit("Add SPEC-0002", {"specs/SPEC-0002.yaml": approved("SPEC-0002")})
    code, output, asked = validate(monkeypatch, trace)
    assert code == 1 and "SPEC-0002.yaml" in output and "SPEC-0001.yaml" not in output
    assert asked == 2  # and a rev-list
    cache = git_repo.root / ".git" / CACHE_FILE
    assert cache.is_file()
    assert validate(monkeypatch, trace) == (code, output, 0)  # from the cache
    # A new HEAD asks again (its history is another), with the same answer.
    git_repo.commit("Notes", {"notes.txt": "x\n"})
    assert validate(monkeypatch, trace)[::2] == (1, 2)
    assert validate(monkeypatch, trace)[::2] == (1, 0)
    # A damaged cache is no cache.
    cache.write_bytes(cache.read_bytes()[:-3])
    assert validate(monkeypatch, trace) == (code, output, 2)
    assert validate(monkeypatch, trace)[::2] == (1, 0)


def test_the_answer_is_the_commit_s_not_the_branch_s(git_repo: GitRepo, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The answer is kept for the commit HEAD is, whatever names it (a detached HEAD)."""
    trace = tmp_path / "trace.json"
    git_repo.commit("Adopt specrepo", {"specs/SPEC-0001.yaml": approved("SPEC-0001")})
    git_repo.commit("Add SPEC-0002", {"specs/SPEC-0002.yaml": approved("SPEC-0002")})
    assert validate(monkeypatch, trace)[::2] == (1, 2)
    head = git_repo.git("rev-parse", "HEAD")
    git_repo.git("checkout", "-q", "--detach", head)
    assert validate(monkeypatch, trace)[::2] == (1, 0)  # the same commit: the same answer


def test_a_work_tree_adoption_is_asked_once_however_many_births(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """specrepo adopted in the work tree (its configuration not committed): every commit
    came before adoption, which git says once a run (HEAD lacks the file), not once a
    birth. Not kept: the work tree may take the file from one HEAD holds at any time (`git
    mv specrepo.yaml cfg.yaml` staged, hookset41), which the same key would not tell."""
    trace = tmp_path / "trace.json"
    (git_repo.root / ".git" / "info" / "exclude").write_text("specrepo.yaml\n")
    for number in range(1, 4):
        git_repo.commit(f"Add SPEC-000{number}",
                        {f"specs/SPEC-000{number}.yaml": approved(f"SPEC-000{number}")})
    assert git_repo.git("ls-files", "specrepo.yaml") == ""
    code, output, asked = validate(monkeypatch, trace)
    assert (code, asked) == (0, 1), output
    assert validate(monkeypatch, trace) == (code, output, 1)  # asked again, once
    assert not (git_repo.root / ".git" / CACHE_FILE).exists()


def test_a_staged_move_of_the_configuration_is_no_adoption(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """HEAD holds the configuration where the work tree took it from (`git mv
    specrepo.yaml cfg.yaml`, `--config cfg.yaml`): the commits after the adopting one are
    checked, and the spec the work tree adds too, as once the move is committed
    (hookset41); the answers kept are those of HEAD's file at its own path (the walk reads
    HEAD's configuration there: hookren41), so a warm run says the same."""
    git_repo.commit("Adopt specrepo", {"specs/SPEC-0001.yaml": approved("SPEC-0001")})
    git_repo.commit("Add SPEC-0002", {"specs/SPEC-0002.yaml": approved("SPEC-0002")})
    git_repo.git("mv", "specrepo.yaml", "cfg.yaml")
    git_repo.write("specs/SPEC-0003.yaml", approved("SPEC-0003"))
    git_repo.git("add", "-A")
    result = run_cli("--config", "cfg.yaml", "validate", "--history")
    assert result.exit_code == 1
    assert "SPEC-0002.yaml" in result.output and "SPEC-0003.yaml" in result.output
    assert "SPEC-0001.yaml" not in result.output
    warm = run_cli("--config", "cfg.yaml", "validate", "--history")
    assert (warm.exit_code, warm.output) == (result.exit_code, result.output)
