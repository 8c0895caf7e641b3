"""A commit that renames the configuration file (`git mv specrepo.yaml c.yaml`, run with
`--config c.yaml`; or the file deleted by an earlier commit and added back as `c.yaml`)
and renames a workflow state in it (`OK` -> `Accepted` in the states, the schema and the
spec, `approved: []`): the hooks read HEAD's configuration where HEAD has it, so they
follow the rename from HEAD's version to the staged one exactly as `validate --history`
reads the commit once it is made (trial40b hook-config-renamed-with-state-rename: both
hooks passed with a wrong warning, "'OK' is not one of ...", what `validate --history`
failed once committed). Property: for each such staged change, the hook's verdict is
`validate --history`'s on the commit it becomes."""

from __future__ import annotations

import itertools
import json
import posixpath
from collections.abc import Callable
from pathlib import Path

import pytest

from specrepo.history.cache import CACHE_FILE
from tests.history.gitrepo import GitRepo
from tests.history.test_renamed_approved_states import (
    EDITED,
    FINDING,
    PATH,
    approve,
    config,
    schema,
    spec,
)
from tests.history.test_staged_approval import CHECK
from tests.support import run_cli

WRONG = "'OK' is not one of"
"""The warning of a version read with the staged workflow alone."""


def _moved(repo: GitRepo) -> None:
    repo.git("mv", "specrepo.yaml", "c.yaml")


def _deleted_before(repo: GitRepo) -> None:
    repo.commit("drop the configuration", {"specrepo.yaml": None})


def _moved_to_a_folder(repo: GitRepo) -> None:
    """Moved into `design/` with the specs and the schema."""
    (repo.root / "design").mkdir()
    repo.git("mv", "specrepo.yaml", "design/c.yaml")
    repo.git("mv", "specs", "s.json", "design/")


CONFIG_CHANGES = {"git-mv": (_moved, "c.yaml"), "deleted-before": (_deleted_before, "c.yaml")}


def stage(repo: GitRepo, monkeypatch: pytest.MonkeyPatch, path: str, *, approved: str = "",
          status: str = "Accepted", summary: str = EDITED) -> None:
    """Stage the migration (configuration at `path`, `OK` renamed `Accepted` with
    `approved: [approved]`) and SPEC-0001 at `status` with `summary` (both in the
    configuration's folder), as Ada."""
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Ada Lovelace")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ada@example.com")
    folder = posixpath.dirname(path)
    repo.write(path, config("Accepted", approved))
    repo.write(posixpath.join(folder, "s.json"), schema("Accepted"))
    repo.write(posixpath.join(folder, PATH), spec(status, summary))
    repo.git("add", "-A")


def hook(repo: GitRepo, path: str, message: str | None) -> tuple[int, str]:
    """The commit-msg hook's run (the pre-commit hook's without `message`) with `--config
    path`: its exit code and output."""
    arguments = list(CHECK if message is not None else CHECK[:-1])
    if message is not None:
        (repo.root / ".git" / "COMMIT_EDITMSG").write_text(message)
        arguments.append(".git/COMMIT_EDITMSG")
    result = run_cli("--config", path, *arguments)
    return result.exit_code, result.output


def committed(repo: GitRepo, path: str) -> tuple[int, str]:
    """The staged change committed: `validate --history`'s exit code and output (a cold
    run's, which must be the warm one's)."""
    repo.commit("c.yaml, OK is Accepted")
    warm = run_cli("--config", path, "validate", "--history")
    (repo.root / ".git" / CACHE_FILE).unlink()
    cold = run_cli("--config", path, "validate", "--history")
    assert (cold.exit_code, cold.output) == (warm.exit_code, warm.output)
    return warm.exit_code, warm.output


@pytest.mark.parametrize("change", CONFIG_CHANGES.values(), ids=CONFIG_CHANGES.keys())
def test_the_commit_msg_hook_follows_the_rename_from_heads_configuration(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch,
        change: tuple[Callable[[GitRepo], None], str]) -> None:
    approve(git_repo)
    make, path = change
    make(git_repo)
    stage(git_repo, monkeypatch, path)
    code, output = hook(git_repo, path, "c.yaml, OK is Accepted, summary rewritten\n")
    assert code == 1, output
    assert FINDING in output and WRONG not in output, output
    assert hook(git_repo, path, "again, warm\n") == (code, output)
    diff = run_cli("--config", path, "diff", "--since-approval", "--exit-code")
    assert diff.exit_code == 1 and EDITED in diff.output, diff.output
    report = run_cli("--config", path, "report")
    assert report.exit_code == 0 and WRONG not in report.output, report.output
    code, output = committed(git_repo, path)
    assert code == 1 and FINDING in output, output


def test_the_pre_commit_hook_judges_the_move_by_the_staged_workflow(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same commit moving the spec `Accepted` (HEAD's `OK`) -> `Review`: illegal,
    `Accepted` leads nowhere."""
    approve(git_repo)
    _moved(git_repo)
    stage(git_repo, monkeypatch, "c.yaml", status="Review", summary="Approved text.")
    code, output = hook(git_repo, "c.yaml", None)
    assert code == 1 and "from Accepted" in output and WRONG not in output, output
    assert committed(git_repo, "c.yaml")[0] == 1


CASES = list(itertools.product(
    {"git-mv": _moved, "deleted-before": _deleted_before,
     "moved-to-a-folder": _moved_to_a_folder}.items(),
    ["", "Accepted"], ["Accepted", "Review"], ["Approved text.", EDITED]))


@pytest.mark.parametrize(("change", "approved", "status", "summary"), CASES, ids=[
    f"{name}-approved[{approved}]-{status}-{'edited' if summary == EDITED else 'kept'}"
    for (name, _), approved, status, summary in CASES])
def test_the_hooks_verdict_is_that_of_the_commit_it_becomes(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch,
        change: tuple[str, Callable[[GitRepo], None]], approved: str, status: str,
        summary: str) -> None:
    approve(git_repo)
    name, make = change
    make(git_repo)
    path = "design/c.yaml" if name == "moved-to-a-folder" else "c.yaml"
    stage(git_repo, monkeypatch, path, approved=approved, status=status, summary=summary)
    code, output = hook(git_repo, path, "c.yaml, OK is Accepted\n")
    assert WRONG not in output, output
    after, judged = committed(git_repo, path)
    assert code == after, (output, judged)
    assert (FINDING in output) == (FINDING in judged), (output, judged)


def test_a_warm_run_with_the_file_at_head_asks_no_more(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where HEAD has the configuration file, only a walk asks where HEAD has it (once: the
    adoption's answer, `tree_files.holds_entry`): a run the cache answers starts no `git
    rev-parse` of HEAD's file."""
    approve(git_repo)
    trace = tmp_path / "trace.json"

    def asked() -> list[list[str]]:
        trace.write_text("")
        monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
        assert run_cli("validate", "--history").exit_code == 0
        monkeypatch.delenv("GIT_TRACE2_EVENT")
        events = map(json.loads, trace.read_text(encoding="utf-8").splitlines())
        return [event["argv"][1:] for event in events if event.get("event") == "start"
                and event["argv"][1] == "rev-parse" and "--verify" in event["argv"]
                and event["argv"][-1].endswith(":specrepo.yaml")]

    assert len(asked()) == 1  # the walk: the adoption and the staged file's check
    assert asked() == []  # warm
