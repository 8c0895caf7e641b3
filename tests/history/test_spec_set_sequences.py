"""Generated commit sequences of one spec's status moves, and of the configuration (an
`exclude:`, `specs:` narrowed and widened) or a move (into a folder a narrowed `specs:`
does not read) taking it out of the spec set and bringing it back (a move back in, a
configuration change), alone or mixed, against a simple model:
every status move made while it is in the set, every return in another status than it
left in, and the removal of an approved spec that stands, is judged exactly once, at its
own commit, whatever the cache state (the history cache written before the last commit,
then none). Few examples in the suite: each is a real repository."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from specrepo.model.workflow import DEFAULT_WORKFLOW
from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_departures import spec, warm_and_cold

TOP, ARCHIVE = "specs/SPEC-0003.yaml", "specs/archive/SPEC-0003.yaml"
CONFIGS = {"include": "specs: specs\n",
           "exclude": "specs: specs\nexclude: [specs/SPEC-0003.yaml]\n",
           "narrow": "specs: [specs/SPEC-0001*]\n",
           "top-only": "specs: specs/*.yaml\n"}
STATUSES = ("Draft", "In Review", "Approved", "Withdrawn")
Step = tuple[str, str]
Made = tuple[str, str, bool]
"""A commit, the spec's status after it, and whether the spec set read it then."""


def steps(*kinds: str) -> st.SearchStrategy[list[Step]]:
    return st.lists(st.one_of(st.tuples(st.just("status"), st.sampled_from(STATUSES)),
                              st.tuples(st.sampled_from(kinds), st.just(""))),
                    min_size=1, max_size=7)


def expected(made: list[Made]) -> set[tuple[str, str, str | None]]:
    """The moves the model judges illegal: (commit, from, to; None: removed)."""
    status, inside, left_as, left_in = "Draft", True, "Draft", ""
    found: set[tuple[str, str, str | None]] = set()
    for commit, now, now_in in made:
        if inside and now_in and now != status and not DEFAULT_WORKFLOW.allows(status, now):
            found.add((commit, status, now))
        if inside and not now_in:
            left_as, left_in = status, commit
        elif not inside and now_in and now != left_as \
                and not DEFAULT_WORKFLOW.allows(left_as, now):
            found.add((commit, left_as, now))
        status, inside = now, now_in
    if not inside and left_as in DEFAULT_WORKFLOW.approved:
        found.add((left_in, left_as, None))  # a removal that stands
    return found


class Spec:
    """SPEC-0003 in a new repository (Draft, read by `specs: specs`), and the commits
    that change it, its file's place or the configuration."""

    def __init__(self, root: Path) -> None:
        self.repo = GitRepo(root)
        self.repo.commit("Draft", {TOP: spec("SPEC-0003", "Draft"),
                                   "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")})
        (root / "specs" / "archive").mkdir()
        self.config, self.path, self.status = "include", TOP, "Draft"

    def inside(self) -> bool:
        return {"include": True, "exclude": self.path != TOP, "narrow": False,
                "top-only": self.path == TOP}[self.config]

    def commit(self, step: Step) -> Made:
        kind, value = step
        if kind == "status":
            self.status = value
            made = self.repo.commit(f"-> {value}", {self.path: spec("SPEC-0003", value)})
        elif kind == "move":
            target = ARCHIVE if self.path == TOP else TOP
            self.repo.git("mv", self.path, target)
            self.path, made = target, self.repo.commit(f"Move to {target}")
        else:
            self.config = kind
            made = self.repo.commit(kind, {"specrepo.yaml": CONFIGS[kind]})
        return made, self.status, self.inside()


def judged_as_the_model(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch, sequence: list[Step]) -> None:
    """Commits `sequence`, the last warm and cold: the moves both gates (`validate
    --history`, `report --fail-on illegal-transitions`) name are the model's."""
    spec_file = Spec(Path(tmp_path_factory.mktemp("sequence")) / "repo")
    monkeypatch.chdir(spec_file.repo.root)
    made = [spec_file.commit(step) for step in sequence[:-1]]
    verdict = warm_and_cold(spec_file.repo,
                            lambda: made.append(spec_file.commit(sequence[-1])))
    judged = expected(made)
    assert {(commit, before, after) for commit, _, before, after in verdict[2]} == judged
    assert {(commit, before, after) for _, commit, before, after in verdict[3]} == judged
    assert verdict[:2] == ((1, 1) if judged else (0, 0))


def examples(test: Callable[..., None]) -> Callable[..., None]:
    return settings(max_examples=3, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])(test)


@examples
@given(steps("include", "exclude", "narrow"))
# Moves made while it was read, then excluded by HEAD's `exclude:`: judged (session 37;
# today's `exclude:` hid its whole life).
@example([("status", "Approved"), ("exclude", "")])
# Excluded, approved while out, brought back and excluded again: the return is judged,
# the edit made while out is none (nothing of it read once today's excludes it).
@example([("exclude", ""), ("status", "Approved"), ("include", ""),
          ("status", "Withdrawn"), ("exclude", "")])
def test_taken_out_by_the_configuration_and_back(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
        sequence: list[Step]) -> None:
    judged_as_the_model(tmp_path_factory, monkeypatch, sequence)


@examples
@given(steps("include", "top-only", "move"))
# Moved out while Withdrawn, edited to Draft while out, brought back by `specs:` widened:
# Withdrawn -> Draft is the widening's, not the edit's (session 35).
@example([("status", "Withdrawn"), ("top-only", ""), ("move", ""), ("status", "Draft"),
          ("include", "")])
# Moved out, Approved and back to Draft while out, moved back in: it left and came back
# a Draft, nothing to judge.
@example([("top-only", ""), ("move", ""), ("status", "Approved"), ("status", "Draft"),
          ("move", "")])
# Taken out by `specs:` narrowed (moved into the archive while it was read), approved
# while out, moved back: Draft -> Approved is the move back's.
@example([("move", ""), ("top-only", ""), ("status", "Approved"), ("move", "")])
def test_moved_out_of_a_narrowed_set_and_back(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
        sequence: list[Step]) -> None:
    judged_as_the_model(tmp_path_factory, monkeypatch, sequence)


@examples
@given(steps("include", "exclude", "narrow", "top-only", "move"))
def test_moved_and_taken_out_by_the_configuration_both(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
        sequence: list[Step]) -> None:
    judged_as_the_model(tmp_path_factory, monkeypatch, sequence)
