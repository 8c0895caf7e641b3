"""A git configuration that changes git's output formats (the user's, the system's, one an
`includeIf` brings in) changes nothing specrepo says: `report`, `timeline`, `validate
--history`, `diff main...topic` and `render --check` are byte for byte what they are in a
clean environment, cold and warm, and a cache written under it is the clean one."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import exit_and_output, run_cli

pytestmark = pytest.mark.usefixtures("each_git")  # SPECREPO_TEST_GIT too

REVIEWED = "reviewers: [Grace Hopper]\n"
QUESTION = "open_questions:\n  - {id: Q-1, question: Which one?, owner: Rev One}\n"
LONG = "background:\n  current_state: |\n" + "".join(
    f"    Line {number} of the background.\n" for number in range(40))
OTHER = LONG.replace("Line", "Row")
COMMANDS = (["report", "--format", "json"], ["timeline", "SPEC-0001"],
            ["timeline", "SPEC-0012", "--format", "json"],
            ["validate", "--history", "--format", "json"], ["diff", "main...topic"],
            ["diff", "HEAD~4"], ["render", "--check"], ["validate", "--changed-since", "HEAD~4"])

USER = """\
[log]
\tshowSignature = true
\tdecorate = full
\tfollow = true
\tabbrevCommit = true
\tmailmap = false
\tshowRoot = false
\tdate = relative
\tdiffMerges = combined
\tinitialDecorationSet = all
[format]
\tpretty = fuller
[diff]
\trenames = copies
\trenameLimit = 1
\tnoprefix = true
\tmnemonicPrefix = true
\trelative = true
\texternal = /bin/false
\torderFile = {order}
\tsubmodule = diff
\tcontext = 0
\talgorithm = patience
\tsuppressBlankEmpty = true
\tcolorMoved = zebra
[diff "upper"]
\ttextconv = tr a-z A-Z
\tcommand = /bin/false
[core]
\tattributesFile = {attributes}
\tquotePath = false
\tabbrev = 4
\tpager = /bin/false
\tignoreCase = true
\tprecomposeUnicode = true
\tautocrlf = true
\tbigFileThreshold = 1
\twhitespace = cr-at-eol
[color]
\tui = always
\tdiff = always
\tdecorate = always
\tstatus = always
\tgrep = always
[pager]
\tlog = /bin/false
\tdiff = /bin/false
[i18n]
\tlogOutputEncoding = latin1
[grep]
\tlineNumber = true
\tcolumn = true
\tpatternType = perl
\tfullName = true
[status]
\tshowUntrackedFiles = no
\tshort = true
\trenames = copies
[merge]
\trenormalize = true
\trenameLimit = 1
[notes]
\tdisplayRef = refs/notes/*
[trailer]
\tseparators = "=#"
[fetch]
\tprune = true
\twriteCommitGraph = true
[protocol]
\tallow = never
[url "file:///nowhere/"]
\tinsteadOf = https://
[alias]
\tlg = log --oneline
[attr]
\ttree = refs/heads/topic
"""
"""Settings that change what git prints (or whether it runs a program instead), for the
user's file; `{order}` and `{attributes}` are files of the test's."""

SYSTEM = """\
[core]
\tquotePath = true
\tabbrev = no
\teol = crlf
\tsafecrlf = true
[diff]
\trenames = false
\tnoprefix = false
[grep]
\textendedRegexp = true
[i18n]
\tlogOutputEncoding = ISO-8859-1
"""
"""The other values of some of them, for the system's file (read before the user's)."""


@pytest.fixture
def history(git_repo: GitRepo) -> GitRepo:
    """Unicode paths and names, two specs moved and renumbered with their content (git's
    rename detection follows them), a review skipped on a merged branch, a `topic` branch, a
    mailmap, and the pages committed."""
    repo = git_repo
    repo.commit("Draft café", {"specs/SPEC-0001.yaml": spec_text(extra=QUESTION),
                               "specs/dé jà/SPEC-0002.yaml": spec_text("SPEC-0002",
                                                                      title="Ünïcode"),
                               "specs/SPEC-0003.yaml": spec_text("SPEC-0003", extra=LONG),
                               "specs/SPEC-0005.yaml": spec_text("SPEC-0005", extra=OTHER)},
                author="Zoë Ångström")
    repo.commit("Review", {"specs/SPEC-0001.yaml": spec_text(status="In Review",
                                                             extra=REVIEWED + QUESTION)},
                author="jdoe")
    repo.commit("Move and renumber", {"specs/SPEC-0003.yaml": None, "specs/SPEC-0005.yaml": None,
                                      "specs/b/SPEC-0015.yaml": spec_text("SPEC-0015",
                                                                          extra=OTHER),
                                      "specs/dé jà/SPEC-0002.yaml": None,
                                      "specs/b/SPEC-0002.yaml": spec_text("SPEC-0002",
                                                                          title="Ünïcode"),
                                      "specs/b/SPEC-0012.yaml": spec_text("SPEC-0012",
                                                                          extra=LONG)})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit("Approve\n\nReviewed-by: Grace Hopper <grace@example.com>",
                {"specs/SPEC-0001.yaml": spec_text(status="Approved", extra=REVIEWED)},
                author="Grace Hopper")
    repo.commit("Skip review", {"specs/b/SPEC-0012.yaml": spec_text(
        "SPEC-0012", status="Approved", extra=REVIEWED + LONG)})
    repo.git("checkout", "-q", "main")
    repo.commit("Mailmap", {".mailmap": "Jane Doe <jane@example.com> jdoe <jdoe@example.com>\n"})
    repo.merge("side")
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("More", {"specs/SPEC-0004.yaml": spec_text("SPEC-0004", title="Ärger")})
    repo.git("checkout", "-q", "main")
    rendered = run_cli("render")
    assert rendered.exit_code == 0, rendered.output
    repo.commit("Pages")
    return repo


def _outputs(repo: GitRepo, *, cold: bool) -> list[tuple[int, str]]:
    """Each command's exit code and output, every one from no cache (`cold`) or each from
    what the runs before it left."""
    said = []
    for arguments in COMMANDS:
        if cold:
            shutil.rmtree(repo.root / ".git" / "specrepo", ignore_errors=True)
        said.append(exit_and_output(*arguments))
    return said


def _hostile(folder: Path, monkeypatch: pytest.MonkeyPatch, repo: GitRepo) -> None:
    """The user's file brings `USER` in through an `includeIf` on the repository's git
    folder; the system's file is `SYSTEM`."""
    (folder / "order").write_text("specs/b/*\n*\n")
    (folder / "attributes").write_text("*.yaml diff=upper\n*.md diff=upper\n")
    (folder / "hostile.gitconfig").write_text(USER.format(order=folder / "order",
                                                          attributes=folder / "attributes"))
    (folder / "user.gitconfig").write_text(
        f'[includeIf "gitdir:{repo.root}/"]\n\tpath = {folder / "hostile.gitconfig"}\n')
    (folder / "system.gitconfig").write_text(SYSTEM)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(folder / "user.gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_SYSTEM", str(folder / "system.gitconfig"))
    monkeypatch.delenv("GIT_CONFIG_NOSYSTEM")


def test_a_hostile_configuration_changes_no_output(
        history: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clean = _outputs(history, cold=True)
    assert clean[3][0] == 1 and "moved the status from Draft to Approved" in clean[3][1]
    assert "specs/SPEC-0003.yaml" in clean[2][1]  # its life before the move is kept
    assert "trailer" in clean[1][1]  # the approval the trailer gives
    assert clean[6] == (0, "5 pages checked: 5 up to date\n")
    with monkeypatch.context() as patched:
        _hostile(tmp_path, patched, history)
        included = subprocess.run(["git", "config", "alias.lg"], cwd=history.root,
                                  capture_output=True, text=True, check=True)
        assert included.stdout == "log --oneline\n"  # the includeIf applies
        assert _outputs(history, cold=True) == clean
        assert _outputs(history, cold=False) == clean
    assert _outputs(history, cold=False) == clean  # what it cached is the clean answer
    assert os.environ["GIT_CONFIG_NOSYSTEM"] == "1"


def test_a_low_rename_limit_keeps_a_spec_moved_and_renumbered(
        history: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git gives up rename detection above `diff.renameLimit` files: SPEC-0012 (the
    renumbered SPEC-0003) would begin anew, and SPEC-0003 be deleted while approved."""
    expected = exit_and_output("timeline", "SPEC-0012")
    assert "specs/SPEC-0003.yaml" in expected[1]
    (tmp_path / "limit.gitconfig").write_text("[diff]\n\trenameLimit = 1\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "limit.gitconfig"))
    shutil.rmtree(history.root / ".git" / "specrepo")
    assert exit_and_output("timeline", "SPEC-0012") == expected


def test_a_trailer_alias_is_read_as_git_reads_it_and_keys_the_cache(
        history: GitRepo) -> None:
    """`trailer.ok.key = Reviewed-by` (git-interpret-trailers(1)) makes an `ok:` trailer
    a `Reviewed-by:` one for git, and so an approval: a warm run says what a cold one
    does, with or without the alias."""
    history.commit("Edit\n\nok: Grace Hopper <grace@example.com>",
                   {"specs/SPEC-0001.yaml": spec_text(status="Approved", title="Edited",
                                                      extra=REVIEWED)})
    before = exit_and_output("timeline", "SPEC-0001")
    assert before[1].count("approved") == 1
    history.git("config", "trailer.ok.key", "Reviewed-by")
    aliased = exit_and_output("timeline", "SPEC-0001")
    assert aliased[1].count("approved") == 2
    shutil.rmtree(history.root / ".git" / "specrepo")
    assert exit_and_output("timeline", "SPEC-0001") == aliased
    history.git("config", "--unset", "trailer.ok.key")
    assert exit_and_output("timeline", "SPEC-0001") == before
