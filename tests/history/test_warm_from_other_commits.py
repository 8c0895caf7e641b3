"""Generated histories with branches, merges (fast-forward or not), a spec's status moves,
the workflow changed, and the configuration or a move taking the spec out of the spec set
and bringing it back: on any commit, what `validate --history`, `report --format json`
and `timeline --format json` say with the caches a run on another commit of the
repository left (its parent, a child, a sibling branch, a merge) is what they say with
none, byte for byte (trial37: the departures and workflows caches of a merge that a
branch's tip came before were read as the branch's). Few examples in the suite: each
is a real repository, run on many times."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import strategies as st

from tests.history.gitrepo import DAY, GitRepo
from tests.history.test_spec_set_departures import spec
from tests.support import fuzz, run_cli

TOP, ARCHIVE = "specs/SPEC-0003.yaml", "specs/archive/SPEC-0003.yaml"
CONFIGS = {"include": "specs: specs\n",
           "exclude": "specs: specs\nexclude: [specs/SPEC-0003.yaml]\n",
           "narrow": "specs: [specs/SPEC-0001*]\n",
           "archive-out": "specs: specs\nexclude: [specs/archive]\n",
           "loose": "specs: specs\nstatuses:\n  states: [Draft, In Review, Approved, Rejected,"
                    " Withdrawn, Superseded]\n  transitions: {Draft: [In Review, Approved],"
                    " In Review: [Draft, Approved], Approved: [Withdrawn, Superseded],"
                    " Withdrawn: [Draft]}\n  approved: [Approved]\n"}
"""Where the spec set reads the spec, and the workflow in force ("loose": Draft ->
Approved allowed)."""
STATUSES = ("Draft", "In Review", "Approved", "Withdrawn")
Action = tuple[str, str, int]
"""("step", what, 0): a commit on the branch checked out (a status, a configuration of
`CONFIGS`, or "move" between `TOP` and `ARCHIVE`); ("branch", "", 0): a new branch
from it, checked out; ("switch", "", n): branch n checked out; ("merge", how, n): branch
n merged into it (`how`: "--ff" or "--no-ff"; left out when git cannot merge it)."""
Outputs = list[tuple[int, str, str]]

ACTIONS = st.one_of(
    st.tuples(st.just("step"), st.sampled_from([*STATUSES, *CONFIGS, "move"]), st.just(0)),
    st.tuples(st.just("branch"), st.just(""), st.just(0)),
    st.tuples(st.just("switch"), st.just(""), st.integers(0, 3)),
    st.tuples(st.just("merge"), st.sampled_from(["--ff", "--no-ff"]), st.integers(0, 3)))


class Histories:
    """A new repository: SPEC-0001 and SPEC-0003 (Draft, read by `specs: specs`) on
    `main`, then `actions`; `commits`: every commit made, in order."""

    def __init__(self, root: Path, actions: list[Action]) -> None:
        self.repo = GitRepo(root)
        self.branches = ["main"]
        self.commits = [self.repo.commit("Drafts", {
            TOP: spec("SPEC-0003", "Draft"), "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")})]
        for kind, what, index in actions:
            if kind == "step":
                self.commits.append(self._step(what))
            elif kind == "branch":
                self.branches.append(f"b{len(self.branches)}")
                self.repo.git("checkout", "-q", "-b", self.branches[-1])
            else:
                self._other(kind, what, self.branches[index % len(self.branches)])

    def _step(self, what: str) -> str:
        path = TOP if (self.repo.root / TOP).exists() else ARCHIVE
        if what in CONFIGS:
            return self.repo.commit(what, {"specrepo.yaml": CONFIGS[what]})
        if what != "move":
            return self.repo.commit(what, {path: spec("SPEC-0003", what)})
        (self.repo.root / ARCHIVE).parent.mkdir(exist_ok=True)
        self.repo.git("mv", path, ARCHIVE if path == TOP else TOP)
        return self.repo.commit("move")

    def _other(self, kind: str, how: str, branch: str) -> None:
        if kind == "switch":
            self.repo.git("checkout", "-q", branch)
            return
        self.repo.clock += DAY
        try:
            self.repo.git("merge", "-q", how, "-X", "theirs", "--no-edit", branch,
                          date=self.repo.clock)
        except AssertionError:  # a conflict `theirs` does not settle: no merge
            self.repo.git("merge", "--abort")
            return
        head = self.repo.git("rev-parse", "HEAD")
        if head not in self.commits:
            self.commits.append(head)

    def outputs(self, commit: str) -> Outputs:
        """What the three commands say at `commit` (checked out), with the caches there."""
        self.repo.git("checkout", "-q", "--detach", commit)
        return [(result.exit_code, result.stdout, result.stderr) for result in (
            run_cli("validate", "--history"), run_cli("report", "--format", "json"),
            run_cli("timeline", "SPEC-0003", "--format", "json"))]

    def cold(self, commit: str) -> Outputs:
        shutil.rmtree(self.repo.root / ".git" / "specrepo", ignore_errors=True)
        return self.outputs(commit)


def same_warm_and_cold(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch, actions: list[Action],
                       target: int, others: list[int]) -> None:
    """At commit `target` (an index into the commits made), cold; then after a run on
    each commit of `others` in turn, the caches of all kept: the same."""
    histories = Histories(Path(tmp_path_factory.mktemp("warm")) / "repo", actions)
    monkeypatch.chdir(histories.repo.root)
    commits = histories.commits
    at = commits[target % len(commits)]
    cold = histories.cold(at)
    assert cold[2][0] in (0, 1, 2)  # the timeline of a spec the set does not read: 2
    for other in others:
        histories.outputs(commits[other % len(commits)])
        assert histories.outputs(at) == cold, (at, commits[other % len(commits)])


BRANCH, MAIN = ("branch", "", 0), ("switch", "", 0)


@fuzz(3, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ACTIONS, min_size=2, max_size=9), st.integers(0, 12),
       st.lists(st.integers(0, 12), min_size=1, max_size=3))
# trial37: a branch excludes the spec, moves it to In Review, then Approved while out,
# includes it again; main merges it (--no-ff). A run on the merge, then on the branch's
# tip: the return as Approved is judged there as cold, not read as main's line. The same
# after a fast-forward (main is the branch's tip, the run before on a merge of it).
@example([BRANCH, ("step", "exclude", 0), ("step", "In Review", 0),
          ("step", "Approved", 0), ("step", "include", 0), MAIN, ("merge", "--no-ff", 1)],
         4, [5])
@example([BRANCH, ("step", "exclude", 0), ("step", "In Review", 0),
          ("step", "Approved", 0), ("step", "include", 0), MAIN, BRANCH,
          ("merge", "--no-ff", 1), MAIN, ("merge", "--ff", 1)], 4, [5, 4])
# trial37: b moves the spec into an excluded folder and widens again; c narrows `specs:`,
# moves it to In Review while out, widens; d merges b, then c. A run on d, then on c:
# c's timeline holds no `deleted` event of b's, and ends In Review.
@example([BRANCH, ("step", "move", 0), ("step", "archive-out", 0), ("step", "include", 0),
          MAIN, BRANCH, ("step", "narrow", 0), ("step", "In Review", 0),
          ("step", "include", 0), MAIN, BRANCH, ("merge", "--ff", 1),
          ("merge", "--no-ff", 2)], 6, [7, 3])
# A branch approves a Draft (illegal), then loosens the workflow; main merges it. A run on
# the merge, then on the branch's tip: the move is judged by the workflow in force where
# it entered the branch's line (the workflows cache, not main's line: the merge changed it).
@example([BRANCH, ("step", "Approved", 0), ("step", "loose", 0), MAIN,
          ("merge", "--no-ff", 1)], 2, [3])
def test_warm_from_another_commit_is_cold(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
        actions: list[Action], target: int, others: list[int]) -> None:
    same_warm_and_cold(tmp_path_factory, monkeypatch, actions, target, others)
