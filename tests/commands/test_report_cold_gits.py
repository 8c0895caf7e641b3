"""A cold report's object readers after mining, made one after another (the departures,
the moves' and removals' questions, the workflows), ask one `git cat-file --batch`
and one `git check-attr` (`history.departures.objects_held`), and `validate --history`'s
the same: each started its own before; and who made a merge of HEAD's line that left a
spec out, and when, is the walk's listing of the line (no `git show`)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from specrepo.base.errors import ExitCode
from specrepo.commands import report, validate
from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import Git
from specrepo.history.mine import mine_history
from specrepo.model.events import DELETED
from specrepo.model.history import History
from tests.history.gitrepo import GitRepo, spec_text


def test_a_cold_report_s_readers_after_mining_share_one_cat_file(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A spec the configuration took out of the set (its file deleted since) and one
    renamed inside it: what the report asks of the departures reads objects."""
    git_repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.commit("Elsewhere", {"specs/sub/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.commit("Top only", {"specrepo.yaml": "specs: specs/*.yaml\n"})
    git_repo.commit("Gone", {"specs/sub/SPEC-0002.yaml": None})
    git_repo.git("mv", "specs/SPEC-0001.yaml", "specs/SPEC-0001-moved.yaml")
    git_repo.commit("Renamed")
    started, _ = _started_after_mining(git_repo, monkeypatch)
    assert started.count(("cat-file", "--batch")) == 1
    started, _ = _started_after_mining(git_repo, monkeypatch, report_run=False)
    assert started.count(("cat-file", "--batch")) == 1


def _started_after_mining(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch,
                          report_run: bool = True) -> tuple[list[tuple[str, ...]], History]:
    """The gits a cold `report` (else `validate --history`) started after mining (their
    arguments: `Git.start`'s and `Git.attempt`'s) and the history mined, the report's specs
    asserted: those in `specs/`."""
    shutil.rmtree(git_repo.root / ".git" / "specrepo", ignore_errors=True)
    mined: list[History] = []
    started: list[tuple[str, ...]] = []
    start, attempt = Git.start, Git.attempt

    def counted(git: Git, *arguments: str, stdin: bool = False,
                read_errors: bool = True) -> subprocess.Popen[bytes]:
        if mined:
            started.append(arguments)
        return start(git, *arguments, stdin=stdin, read_errors=read_errors)

    def attempted(git: Git, *arguments: str, stdin: bytes | None = None
                  ) -> subprocess.CompletedProcess[bytes]:
        if mined:
            started.append(arguments)
        return attempt(git, *arguments, stdin=stdin)

    def mined_once(*arguments: object, **options: object) -> History:
        mined.append(mine_history(*arguments, **options))  # type: ignore[arg-type]
        return mined[-1]

    monkeypatch.setattr(Git, "start", counted)
    monkeypatch.setattr(Git, "attempt", attempted)
    monkeypatch.setattr("specrepo.commands.report.mine_history", mined_once)
    monkeypatch.setattr("specrepo.history.mine.mine_history", mined_once)
    config = load_config(None, git_repo.root)
    if not report_run:
        assert validate.run(config, validate.ValidateOptions(check_history=True)).exit_code \
            == ExitCode.CLEAN
        return started, mined[-1]
    result = report.run(config, report.ReportOptions())
    assert [spec.path for spec in result.report.specs] == sorted(
        str(path.relative_to(git_repo.root)) for path in (git_repo.root / "specs").iterdir()
        if path.is_file())
    return started, mined[-1]


def test_a_merge_leaving_a_spec_out_asks_no_git_show_and_one_check_attr(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """main narrows `specs:` while SPEC-0002 is a Draft in extra/; the branch approves it;
    the clean merge keeps main's configuration (mergeleave45): who made the merge is the
    walk's listing of HEAD's line (it listed it for an earlier merge that changed no spec
    file), and the departures' readers ask one `check-attr` (perf65: a `git show -s` of
    the merge, and two `check-attr` on the benchmark's repository, before)."""
    reviewed = "reviewers: [Grace Hopper]\n"
    git_repo.commit("Start", {"specrepo.yaml": "specs: [specs, extra]\n",
                              "specs/SPEC-0001.yaml": spec_text(extra=reviewed),
                              "extra/SPEC-0002.yaml": spec_text("SPEC-0002", extra=reviewed)})
    edited = {"specs/SPEC-0001.yaml": spec_text(title="Edited", extra=reviewed)}
    for branch in ("early", "main"):  # the same edit on both sides: the merge changes no
        git_repo.git("checkout", "-q", *(("-b",) if branch != "main" else ()), branch)
        git_repo.commit(f"Edit on {branch}", edited)
    git_repo.merge("early")  # spec file, so the walk lists who made HEAD's line
    git_repo.git("checkout", "-q", "-b", "br")
    for status in ("In Review", "Approved"):
        git_repo.commit(status, {"extra/SPEC-0002.yaml": spec_text(
            "SPEC-0002", status=status, extra=reviewed)})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Narrow", {"specrepo.yaml": "specs: [specs]\n"})
    merge = git_repo.merge("br")
    started, history = _started_after_mining(git_repo, monkeypatch)
    assert history.departures is not None
    assert [(event.spec_id, event.kind, event.before) for event in history.departures.events()
            if event.commit == merge] == [("SPEC-0002", DELETED, "Approved")]
    assert [arguments for arguments in started if arguments[:1] == ("show",)] == []
    assert [arguments[0] for arguments in started].count("check-attr") == 1
