"""Generated commit sequences of one spec's status moves and the configuration taking it
out of the spec set (`exclude:`, `specs:` narrowed) and bringing it back, against a simple
model: every status move made while it is in the set, every return in another status
than it left in, and a removal of an approved spec that stands, is judged exactly once,
at its own commit, whatever the cache state (the
history cache written before the last commit, then none). Few examples in the suite: each
is a real repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specrepo.model.workflow import DEFAULT_WORKFLOW
from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_departures import spec, warm_and_cold

PATH = "specs/SPEC-0003.yaml"
CONFIGS = {"include": "specs: specs\n",
           "exclude": "specs: specs\nexclude: [specs/SPEC-0003.yaml]\n",
           "narrow": "specs: [specs/SPEC-0001*]\n"}
STATUSES = ("Draft", "In Review", "Approved", "Withdrawn")
Step = tuple[str, str]

steps = st.lists(st.one_of(st.tuples(st.just("status"), st.sampled_from(STATUSES)),
                           st.tuples(st.sampled_from(sorted(CONFIGS)), st.just(""))),
                 min_size=1, max_size=7)


def expected(made: list[tuple[str, Step]]) -> set[tuple[str, str, str | None]]:
    """The moves the model judges illegal: (commit, from, to; None: removed)."""
    status, inside, left_as, left_in = "Draft", True, "Draft", ""
    found: set[tuple[str, str, str | None]] = set()
    for commit, (kind, value) in made:
        if kind == "status":
            if inside and not DEFAULT_WORKFLOW.allows(status, value):
                found.add((commit, status, value))
            status = value
        elif kind == "include" and not inside:
            if left_as != status and not DEFAULT_WORKFLOW.allows(left_as, status):
                found.add((commit, left_as, status))
            inside = True
        elif kind != "include" and inside:
            inside, left_as, left_in = False, status, commit
    if not inside and left_as in DEFAULT_WORKFLOW.approved:
        found.add((left_in, left_as, None))  # a removal that stands
    return found


@settings(max_examples=3, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps)
def test_each_move_in_the_set_and_each_return_is_judged_once(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
        sequence: list[Step]) -> None:
    repo = GitRepo(Path(tmp_path_factory.mktemp("sequence")) / "repo")
    monkeypatch.chdir(repo.root)
    repo.commit("Draft", {PATH: spec("SPEC-0003", "Draft"),
                          "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")})
    config, status, made = CONFIGS["include"], "Draft", []
    if [step for step in sequence if step[0] in CONFIGS][-1:] == [("exclude", "")]:
        sequence = [*sequence, ("include", "")]  # today's exclude: hides a whole life
    for step in sequence[:-1]:
        made.append((_commit(repo, step, config, status), step))
        config = CONFIGS.get(step[0], config)
        status = step[1] if step[0] == "status" else status
    last: list[str] = []
    verdict = warm_and_cold(repo, lambda: last.append(_commit(repo, sequence[-1], config,
                                                              status)))
    made.append((last[0], sequence[-1]))
    assert {(commit, before, after) for commit, _, before, after in verdict[2]} \
        == expected(made)


def _commit(repo: GitRepo, step: Step, config: str, status: str) -> str:
    kind, value = step
    if kind == "status":
        return repo.commit(f"{status} -> {value}", {PATH: spec("SPEC-0003", value)})
    return repo.commit(kind, {"specrepo.yaml": CONFIGS[kind]} if CONFIGS[kind] != config
                       else None)
