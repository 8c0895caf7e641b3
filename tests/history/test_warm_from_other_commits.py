"""Generated histories with branches, merges (fast-forward or not), a spec's status moves,
the workflow changed, and the configuration or a move taking the spec out of the spec set
and bringing it back: on any commit, what `validate --history`, `report --format json`
and `timeline --format json` say with the caches a run on another commit of the
repository left (its parent, a child, a sibling branch, a merge) is what they say with
none, byte for byte (trial37: the departures and workflows caches of a merge that a
branch's tip came before were read as the branch's), commits whose committer's clock was
ahead (dated 2099) included. Few examples in the suite: each is a real repository, run on
many times."""

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
                    " Withdrawn: [Draft]}\n  approved: [Approved]\n",
           "unapproving": "specs: specs\nstatuses:\n  states: [Draft, In Review, Approved,"
                          " Implemented, Rejected, Withdrawn, Superseded]\n  transitions:"
                          " {Draft: [In Review, Withdrawn], In Review: [Approved, Draft,"
                          " Withdrawn], Approved: [Implemented, Draft, Withdrawn],"
                          " Implemented: [Draft, Withdrawn]}\n  terminal: [Rejected,"
                          " Withdrawn, Superseded]\n  approved: [Implemented]\n",
           "renamed": "specs: specs\nschema: loose.json\nstatuses:\n  states: [Draft, In Review,"
                      " Accepted, Implemented, Rejected, Withdrawn, Superseded]\n  transitions:"
                      " {Draft: [In Review, Withdrawn], In Review: [Accepted, Draft,"
                      " Withdrawn], Accepted: [Implemented, Draft, Withdrawn],"
                      " Implemented: [Draft, Withdrawn]}\n  terminal: [Rejected,"
                      " Withdrawn, Superseded]\n  approved: []\n"}
CONFIGS["retired"] = CONFIGS["renamed"].replace("Superseded]\n  transitions",
                                                "Superseded, Retired]\n  transitions")
CONFIGS["done"] = CONFIGS["retired"].replace("Accepted", "Done")
"""Where the spec set reads the spec, and the workflow in force ("loose": Draft ->
Approved allowed; "unapproving": the default's states, `statuses: approved:` narrowed to
Implemented; "renamed": Approved renamed Accepted, with a schema naming no states
(`LOOSE`), and none approved; "retired": the same with a state added, Retired; "done":
that with Accepted renamed Done)."""
RENAMING = {"renamed": {"Approved": "Accepted"}, "retired": {"Approved": "Accepted"},
            "done": {"Approved": "Done", "Accepted": "Done"}}
"""What the migration to a configuration renames in the spec files (and the config)."""
LOOSE = '{"type": "object", "required": ["id", "status"]}\n'
"""The schema "renamed" names: it allows every state."""
STATUSES = ("Draft", "In Review", "Approved", "Withdrawn")
EDITED = ("summary: Why and what.", "summary: Why, and what.")
"""The "edit" step: the spec's summary (protected content) changed, its status kept."""
AHEAD = "ahead"
"""A step: SPEC-0003 moved to In Review, with an open question (`ASKED`), by a commit dated
2099 by its committer's clock."""
BEHIND = "behind"
"""A step: SPEC-0003 edited (`EDITED`) by a commit dated 1970-01-02 by its author's and
committer's clock (a bot's: HEAD's line raises it to the commit before it)."""
ASKED = "open_questions:\n  - {id: Q-1, question: Per key?, owner: Grace Hopper}\n"
YEAR_2099 = 4_070_908_800
STALE = "stale_after_days: {Draft: 1, In Review: 1, Approved: 1}\n"
"""Every age in the report: staleness measures each spec's last change."""
Branch = tuple[bool, list[str], list[str], str]
"""A branch: whether it forks from the first commit (else from main's tip), its steps,
main's steps after it forked, and how main merges it ("--ff", "--no-ff", "": not). A
step is a status, a configuration of `CONFIGS`, "move" (between `TOP` and `ARCHIVE`),
"edit" (`EDITED`), `AHEAD`, `BEHIND` or `DROP`."""
Outputs = list[tuple[int, str, str]]

DROP = "drop"
"""A step: specrepo.yaml deleted (a configuration step adds it back: cfg39)."""
RENAME = "rename"
"""A step: the configuration file renamed, `specrepo.yaml` <-> `cfg.yaml` (`git mv`; none:
an empty commit); the runs name the one their commit holds (`--config cfg.yaml`), and
the configuration steps write it there (lines42)."""
OTHER = "cfg.yaml"
NEWCOMER = "newcomer"
"""A step: SPEC-0004 added Approved in specs/ (or kept: an empty commit), which "narrow"
takes out (cfgbr40)."""

STEPS = st.sampled_from([*STATUSES, *CONFIGS, "move", "edit", AHEAD, BEHIND, DROP,
                         NEWCOMER, RENAME])
BRANCHES = st.lists(st.tuples(st.booleans(), st.lists(STEPS, min_size=1, max_size=4),
                              st.lists(STEPS, max_size=1),
                              st.sampled_from(["--ff", "--no-ff", ""])),
                    min_size=1, max_size=2)


class Histories:
    """A new repository: SPEC-0001 and SPEC-0003 (Draft, read by `specs: specs`) on
    `main`, then `branches`, and, with `gather`, a branch from the first commit that
    merges each of them (`--no-ff`); `commits`: every commit made, in order."""

    def __init__(self, root: Path, branches: list[Branch], gather: bool) -> None:
        self.repo = GitRepo(root)
        self.repo.write("specrepo.yaml", CONFIGS["include"] + STALE)
        self.commits = [self.repo.commit("Drafts", {
            TOP: spec("SPEC-0003", "Draft"), "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")})]
        names = [f"b{index}" for index in range(len(branches))]
        for name, (first, steps, on_main, how) in zip(names, branches, strict=True):
            self.repo.git("checkout", "-q", "-b", name, *([self.commits[0]] if first else []))
            self.commits.extend(self._step(step) for step in steps)
            self.repo.git("checkout", "-q", "main")
            self.commits.extend(self._step(step) for step in on_main)
            if how:
                self._merge(how, name)
        if gather:
            self.repo.git("checkout", "-q", "-b", "gather", self.commits[0])
            for name in names:
                self._merge("--no-ff", name)

    def _step(self, what: str) -> str:
        path = TOP if (self.repo.root / TOP).exists() else ARCHIVE
        held = OTHER if (self.repo.root / OTHER).exists() else "specrepo.yaml"
        if what in CONFIGS:
            files = {held: CONFIGS[what] + STALE, "loose.json": LOOSE}
            if what in RENAMING:  # the migration renames the state everywhere
                files = {name: _renamed(text, RENAMING[what]) for name, text in
                         {**files, path: (self.repo.root / path).read_text()}.items()}
            return self.repo.commit(what, dict(files))
        if what == DROP:
            return self.repo.commit(what, {held: None} if (self.repo.root / held).exists()
                                    else {})
        if what == RENAME:
            if (self.repo.root / held).exists():
                self.repo.git("mv", held, "specrepo.yaml" if held == OTHER else OTHER)
            return self.repo.commit(what)
        if what == NEWCOMER:
            return self.repo.commit(what, {"specs/SPEC-0004.yaml": spec("SPEC-0004",
                                                                        "Approved")})
        if what in ("edit", BEHIND):
            text = (self.repo.root / path).read_text()
            before, after = EDITED if EDITED[0] in text else EDITED[::-1]
            clock = self.repo.clock
            made = self.repo.commit(what, {path: text.replace(before, after)},
                                    date=DAY if what == BEHIND else None)
            self.repo.clock = max(clock, self.repo.clock)
            return made
        if what == AHEAD:
            return self.repo.commit(what, {path: spec("SPEC-0003", "In Review", ASKED)},
                                    committer_date=YEAR_2099)
        if what != "move":
            return self.repo.commit(what, {path: spec("SPEC-0003", what)})
        (self.repo.root / ARCHIVE).parent.mkdir(exist_ok=True)
        self.repo.git("mv", path, ARCHIVE if path == TOP else TOP)
        return self.repo.commit("move")

    def _merge(self, how: str, branch: str) -> None:
        """`branch` merged into the branch checked out (left out when git cannot)."""
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
        named = ["--config", OTHER] if (self.repo.root / OTHER).exists() else []
        return [(result.exit_code, result.stdout, result.stderr) for result in (
            run_cli(*named, "validate", "--history"),
            run_cli(*named, "report", "--format", "json"),
            run_cli(*named, "timeline", "SPEC-0003", "--format", "json"))]

    def forget(self) -> None:
        shutil.rmtree(self.repo.root / ".git" / "specrepo", ignore_errors=True)


def _renamed(text: str, names: dict[str, str]) -> str:
    for old, new in names.items():
        text = text.replace(old, new)
    return text


def same_warm_and_cold(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch, branches: list[Branch],
                       gather: bool, order: list[int]) -> None:
    """Each commit of `order` (indexes into the commits made, modulo their number) cold;
    then each in that order, with the caches every run before it left: the same."""
    histories = Histories(Path(tmp_path_factory.mktemp("warm")) / "repo", branches, gather)
    monkeypatch.chdir(histories.repo.root)
    visits = [histories.commits[index % len(histories.commits)] for index in order]
    cold = {}
    for commit in dict.fromkeys(visits):
        histories.forget()
        cold[commit] = histories.outputs(commit)
        assert cold[commit][2][0] in (0, 1, 2)  # the timeline of a spec out of the set: 2
    histories.forget()
    for before, commit in zip([None, *visits[:-1]], visits, strict=True):
        assert histories.outputs(commit) == cold[commit], (commit, "after", before)


@fuzz(3, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(BRANCHES, st.booleans(), st.lists(st.integers(0, 20), min_size=2, max_size=5))
# trial37: a branch excludes the spec, moves it to In Review, then Approved while out,
# includes it again; main merges it (--no-ff). A run on the merge, then on the branch's
# tip: the return as Approved is judged there as cold, not read as main's line. The same
# after a fast-forward (main is the branch's tip; the run before on a merge of it).
@example([(False, ["exclude", "In Review", "Approved", "include"], [], "--no-ff")],
         False, [5, 4])
@example([(False, ["exclude", "In Review", "Approved", "include"], [], "--ff")],
         True, [5, 4])
# trial37: b moves the spec into an excluded folder and widens again; c narrows `specs:`,
# moves it to In Review while out, widens; a branch merges b, then c. A run on that
# merge, then on c: c's timeline holds no `deleted` event of b's, and ends In Review.
@example([(True, ["move", "archive-out", "include"], [], ""),
          (True, ["narrow", "In Review", "include"], [], "")], True, [8, 6])
# A branch approves a Draft (illegal), then loosens the workflow; main merges it. A run on
# the merge, then on the branch's tip: the move is judged by the workflow in force where
# it entered the branch's line (the workflows cache, not main's line: the merge changed it).
@example([(False, ["Approved", "loose"], [], "--no-ff")], False, [3, 2])
# trial37b: a branch approves the spec, moves it into specs/archive/, then excludes that
# folder; main has a commit of its own and merges it (--no-ff). Runs on the merge, the
# branch's tip and the move: the removal is the exclusion's, once, whichever ran before.
@example([(False, ["Approved", "move", "archive-out"], ["In Review"], "--no-ff")], False,
         [5, 3, 2, 5])
# apst38: a branch approves the spec, narrows `statuses: approved:` to none, edits the
# summary; main merges it. A run on the approval, then on the edit (the walk on reads the
# narrowing), then on the merge: the edit is a change after the approval given under the
# configuration of the time, as cold (`History.approved_once`).
@example([(False, ["In Review", "Approved", "unapproving", "edit"], [], "--no-ff")],
         False, [2, 4, 5, 3])
# trial39: the same with Approved renamed Accepted and none approved: the approval under
# the old name stays one (`History.approved_once` names states as today does).
@example([(False, ["In Review", "Approved", "renamed", "edit"], [], "--no-ff")],
         False, [2, 4, 5, 3])
# trial40: the rename, then a state added (Retired) in a later commit, then renamed again
# (Done), on a merged branch: runs on the addition, the edit, the merge, the rename: the
# approval under the first name stays one, no false move, whichever ran before.
@example([(False, ["In Review", "Approved", "renamed", "retired", "edit", "done"], [],
           "--no-ff")], False, [5, 6, 8, 4, 7])
@example([(True, ["renamed", "retired"], ["Approved", "edit"], "--no-ff")], False,
         [3, 5, 6, 2])
# A branch's status move dated 2099, merged (--no-ff), then two commits on main: a run
# there after one on the merge walks on from the merge's cache, which keeps the merge that
# brought the spec's last change (taken as the merge's time: 3 idle days, not 0).
@example([(False, [AHEAD], [], "--no-ff"), (False, ["include"], ["include", "include"], "")],
         False, [2, 5])
# The same move merged after a move on main; a run on the merge, on main before it, then
# on a merge of the branch from the first commit.
@example([(False, [AHEAD], ["Approved"], "--no-ff")], True, [3, 2, 4])
# age39: the question the branch's move dated 2099 raised, merged (--no-ff), then an edit
# of the spec on a branch after the merge: a run on the edit after one on the merge counts
# the question's age from the merge (`SpecHistory.brought`), as cold.
@example([(False, [AHEAD], [], "--no-ff"), (False, ["edit"], [], "")], False, [2, 3])
# cfg39: a branch deletes the configuration (excluding SPEC-0003), approves the spec while
# it is gone, and adds it back including it; main merges it. Runs on the return, the
# approval, the merge and the return again: the approval is read with the deleted one
# (the spec out of the set there), whichever ran before.
@example([(False, ["exclude", DROP, "In Review", "Approved", "include"], [], "--no-ff")],
         False, [5, 4, 6, 5])
# time40: an edit on main dated 1970 (a bot's clock), raised to the commit before it, then
# a branch's status move merged, and a commit after: runs on the merge, the bot's commit
# and HEAD (whose line takes the bot's commit as later than its date) say what cold does.
@example([(False, ["In Review"], [BEHIND], "--no-ff"), (False, ["edit"], ["Approved"], "")],
         False, [3, 2, 5, 4])
# trial40: a branch deletes the configuration, adds SPEC-0004 Approved, brings the file
# back narrower; main has a commit of its own and merges it (--no-ff). Runs on the merge,
# the branch's tip, the addition and the merge again: SPEC-0004 is created and removed on
# the branch, whichever ran before.
@example([(False, [DROP, NEWCOMER, "narrow"], ["In Review"], "--no-ff")], False,
         [5, 3, 2, 5])
# trial40b: two edits dated 1970 after the first commit (fast-forwarded), then a status
# move: the first commit keeps its date, both edits are raised to it (HEAD's line tied its
# longest run in date order and took the first commit as 1970); runs on the move, the
# first edit (HEAD dated behind its parent: HEAD keeps its date), the second, the move.
@example([(False, [BEHIND, BEHIND, "In Review"], [], "--ff")], False, [3, 1, 2, 3])
# mergeren41: the approved state renamed apart, Approved -> Done on a branch (with Retired
# added), Approved -> Accepted on main; the merge keeps the branch's names. Runs on the
# merge, main's rename, the branch's and the merge again agree with cold.
@example([(False, ["In Review", "Approved", "done", "edit"], ["renamed"], "--no-ff")], False,
         [6, 5, 3, 6])
# lines42: a branch narrows `specs:`, adds SPEC-0004 Approved where it reads none and
# widens back, while main renames its configuration to cfg.yaml; main merges it (--no-ff,
# a merge that changes no spec locations). A run on the rename, then on the merge: the
# branch's commits are read under the name the file had there, as cold (the warm run
# watched cfg.yaml alone, and named a false creation in Approved).
@example([(True, ["narrow", NEWCOMER, "include"], [RENAME], "--no-ff")], False, [4, 5])
# The same configuration renamed on the branch and back on main; runs on main's rename,
# the merge and the branch's rename.
@example([(True, [RENAME, NEWCOMER, "narrow"], [RENAME], "--no-ff")], False, [4, 5, 1])
def test_warm_from_another_commit_is_cold(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
        branches: list[Branch], gather: bool, order: list[int]) -> None:
    same_warm_and_cold(tmp_path_factory, monkeypatch, branches, gather, order)
