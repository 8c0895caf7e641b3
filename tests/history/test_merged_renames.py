"""A merge of two lines that renamed the approved state apart (main `OK` -> `Accepted`, a
branch `OK` -> `Done`), or one line only, or both alike, whichever names the merge keeps:
every version reads as today's name of its state, so no move is made up and the approval
holds (trial40b conflicting-state-renames-merge: the merge kept `Accepted`; the timeline
showed the branch's rename as a move `Accepted` -> `Done` and the merge's resolution as
`Done` -> `Accepted`, two false illegal transitions, and, with `approved: []`, a rewrite of
the approved summary passed the commit-msg hook, `report --fail-on` and `diff
--since-approval --exit-code`). The merge's side that the walk's look-ahead skipped (no
change against its first parent: `gitio.watched_log.watched_changes`) and the branch's
names carried to the merge's through the name the state had where the lines parted
(`rename_line.merged_renames`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from specrepo.history.rename_line import NOTHING_KNOWN, Known, advanced, joined, renamed_later
from tests.history.gitrepo import GitRepo
from tests.history.test_renamed_approved_states import PATH, approve, gates, spec
from tests.history.test_renames_followed import Step, mined, moves, versions_of, workflow
from tests.support import fuzz, run_cli

STATES = {name: ["Draft", "Review", name] for name in ("OK", "Accepted", "Done", "Approved")}


def _renamed(repo: GitRepo, name: str, approved: str, *, retired: bool = False) -> str:
    """The approved state renamed `name` (the configuration, the schema, the spec)."""
    states = [*STATES[name], *(["Retired"] if retired else [])]
    return repo.commit(f"rename to {name}", {**workflow(states, name, approved and name),
                                             PATH: spec(name)})


def _merged(repo: GitRepo, name: str, approved: str, *, retired: bool = False) -> None:
    """Merge `side` into main, keeping the names of the workflow whose approved state is
    `name` (the conflict resolved by hand: `-s ours`, then the files written)."""
    repo.git("merge", "-q", "--no-ff", "--no-commit", "-s", "ours", "side")
    states = [*STATES[name], *(["Retired"] if retired else [])]
    repo.commit("merge side", {**workflow(states, name, approved and name), PATH: spec(name)})


def _sides(repo: GitRepo, ours: str | None, theirs: str | None, approved: str) -> None:
    """`side` renames the approved state `theirs` (None: an unrelated commit), main `ours`."""
    repo.git("checkout", "-q", "-b", "side")
    if theirs is None:
        repo.commit("elsewhere", {"notes.txt": "unrelated\n"})
    else:
        _renamed(repo, theirs, approved)
    repo.git("checkout", "-q", "main")
    if ours is not None:
        _renamed(repo, ours, approved)


def _case(ours: str | None, theirs: str | None, kept: str) -> Callable[[GitRepo, str], str]:
    def made(repo: GitRepo, approved: str) -> str:
        _sides(repo, ours, theirs, approved)
        _merged(repo, kept, approved)
        return kept
    return made


def _apart_then_added_on_main(repo: GitRepo, approved: str) -> str:
    """Renamed apart; main adds `Retired` in a commit of its own before the merge, so the
    branch's `[.., Done]` beside the merge's `[.., Accepted, Retired]` is no rename alone."""
    _sides(repo, "Accepted", "Done", approved)
    repo.commit("add Retired", workflow([*STATES["Accepted"], "Retired"], "Accepted",
                                        approved and "Accepted"))
    _merged(repo, "Accepted", approved, retired=True)
    return "Accepted"


MERGES: dict[str, Callable[[GitRepo, str], str]] = {
    "apart-keeps-ours": _case("Accepted", "Done", "Accepted"),
    "apart-keeps-theirs": _case("Accepted", "Done", "Done"),
    "apart-keeps-a-third": _case("Accepted", "Done", "Approved"),
    "apart-then-added": _apart_then_added_on_main,
    "theirs-only-keeps-old": _case(None, "Done", "OK"),
    "theirs-only-keeps-new": _case(None, "Done", "Done"),
    "ours-only-keeps-old": _case("Accepted", None, "OK"),
    "ours-only-keeps-new": _case("Accepted", None, "Accepted"),
    "alike": _case("Accepted", "Accepted", "Accepted")}


@pytest.mark.parametrize("approved", ["", "kept"], ids=["approved-none", "approved-kept"])
@pytest.mark.parametrize("merge", MERGES.values(), ids=MERGES.keys())
def test_a_merge_of_renames_makes_no_move_and_keeps_the_approval(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch,
        merge: Callable[[GitRepo, str], str], approved: str) -> None:
    approve(git_repo)
    status = merge(git_repo, approved)
    assert moves(mined(git_repo)) == [(None, "Draft"), ("Draft", "Review"), ("Review", status)]
    result = run_cli("validate", "--history")
    assert "illegal-transition" not in result.output, result.output
    timeline = run_cli("timeline", "SPEC-0001").output.replace("SPEC-0001", "")
    assert not {"OK", "Accepted", "Done", "Approved"} - {status} & set(timeline.split()), \
        timeline
    assert gates(git_repo, monkeypatch, status) == [1, 1, 1, 1]


# A random pair of lines of workflow versions from one fork (`versions_of`'s steps, the
# branch's identities apart from main's), merged with the workflow of either tip: each
# version of either line reads as the merge names its state, where the merge kept it.
# Lines that gave one name to two states are left out (no workflow's history tells them).
@fuzz(200)
@given(st.lists(st.tuples(st.sampled_from(["rename", "add", "remove"]), st.integers(0, 9),
                          st.sampled_from(("A", "B", "C", "D", "E"))), max_size=4),
       st.lists(st.tuples(st.sampled_from(["rename", "add", "remove"]), st.integers(0, 9),
                          st.sampled_from(("A", "B", "C", "D", "E"))), max_size=4),
       st.booleans())
def test_a_merge_reads_either_line_as_the_merge_names_it(
        ours: list[Step], theirs: list[Step], keep_theirs: bool) -> None:
    lines = [versions_of(ours), [[(identity + 100 * (identity >= 10), name)
                                  for identity, name in version]
                                 for version in versions_of(theirs)]]
    known: list[list[Known]] = []
    for side, line in zip("ot", lines, strict=True):
        known.append([])
        for index, states in enumerate(line):
            before = known[-1][-1] if known[-1] else NOTHING_KNOWN
            known[-1].append(advanced(before, tuple(name for _, name in states),
                                      f"{side}{index}"))
    merged = lines[keep_theirs][-1]
    first = advanced(known[0][-1], tuple(name for _, name in merged), "m", [known[1][-1]])
    head = joined(first, known[1][-1], "m")
    today = dict(merged)
    assume(not _clashes(lines))
    for line, line_known in zip(lines, known, strict=True):
        for version, at in zip(line, line_known, strict=True):
            later = dict(renamed_later(at, head, head[1] or ()) or ())
            for identity, name in version:
                if identity in today:
                    assert later.get(name, name) == today[identity], (version, name, merged)


def _clashes(lines: list[list[list[tuple[int, str]]]]) -> set[str]:
    """The names some version of either line gave to more than one state."""
    states: dict[str, set[int]] = {}
    for line in lines:
        for version in line:
            for identity, name in version:
                states.setdefault(name, set()).add(identity)
    return {name for name, identities in states.items() if len(identities) > 1}
