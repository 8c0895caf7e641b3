"""Files that exchange their contents in one commit (two swapped, three rotated; by `git mv`
or by writing each the other's text; with edits or without; across folders; on a branch
merged, or while merging) keep each spec's life whole: the lineage follows the ids (README
"Which spec a file is: its lineage"), so no status period ends and starts again with the
same status at the exchange, and `timeline`, `report` (text and JSON) and
`validate --history` agree (swapmerge46: a swap split the period of the spec whose path
the other took first)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

A, B, C = "specs/alpha.yaml", "specs/beta.yaml", "specs/core/gamma.yaml"
STATUSES = {A: "In Review", B: "Approved", C: "Draft"}
IDS = {A: "SPEC-0001", B: "SPEC-0002", C: "SPEC-0003"}
EDIT = ("summary: Why and what.", "summary: Why and what, said again.")


def spec(path: str, status: str) -> str:
    return spec_text(IDS[path], status, title=f"Spec {IDS[path][-1]}",
                     extra="reviewers: [Grace Hopper]\n")


def three_specs(repo: GitRepo) -> None:
    """SPEC-0001 (alpha) In Review since January 3, SPEC-0002 (beta) Approved since the
    4th, SPEC-0003 (core/gamma) Draft since the 2nd; the `file-name` rule off (the files
    end up with names the ids do not start)."""
    repo.write("specrepo.yaml", "specs: specs\nrules:\n  file-name: 'off'\n")
    repo.commit("Start", {path: spec(path, "Draft") for path in (A, B, C)})
    repo.commit("Review", {A: spec(A, "In Review"), B: spec(B, "In Review")})
    repo.commit("Approve", {B: spec(B, "Approved")})


def moved_text(repo: GitRepo, cycle: tuple[str, ...], edit: bool) -> dict[str, str]:
    """Each file of `cycle` given the text of the one before it (the last's goes to the
    first), edited when `edit` (but the Approved spec's: that is `changed-after-approval`)."""
    texts = {path: (repo.root / path).read_text() for path in cycle}
    if edit:
        texts = {path: text if path == B else text.replace(*EDIT)
                 for path, text in texts.items()}
    return {path: texts[cycle[index - 1]] for index, path in enumerate(cycle)}


def by_git_mv(repo: GitRepo, cycle: tuple[str, ...], edit: bool) -> None:
    """`git mv` round the cycle through a spare name: the file at `cycle[i]` goes to
    `cycle[i + 1]` (the last to the first)."""
    texts = moved_text(repo, cycle, edit)
    repo.git("mv", cycle[-1], "spare.yaml")
    for index in range(len(cycle) - 1, 0, -1):
        repo.git("mv", cycle[index - 1], cycle[index])
    repo.git("mv", "spare.yaml", cycle[0])
    for path, text in texts.items():
        repo.write(path, text)


def by_writing(repo: GitRepo, cycle: tuple[str, ...], edit: bool) -> None:
    for path, text in moved_text(repo, cycle, edit).items():
        repo.write(path, text)


Exchange = Callable[[GitRepo, tuple[str, ...], bool], None]


def in_a_commit(repo: GitRepo, exchange: Exchange, cycle: tuple[str, ...], edit: bool) -> None:
    exchange(repo, cycle, edit)
    repo.commit("Exchange")


def on_a_branch(repo: GitRepo, exchange: Exchange, cycle: tuple[str, ...], edit: bool) -> None:
    repo.git("switch", "-q", "-c", "tidy")
    in_a_commit(repo, exchange, cycle, edit)
    repo.git("switch", "-q", "main")
    repo.commit("Docs", {"README.md": "Specs.\n"})
    repo.merge("tidy")


def while_merging(repo: GitRepo, exchange: Exchange, cycle: tuple[str, ...], edit: bool
                  ) -> None:
    repo.git("switch", "-q", "-c", "docs")
    repo.commit("Docs", {"README.md": "Specs.\n"})
    repo.git("switch", "-q", "main")
    repo.clock += 86400
    repo.git("merge", "-q", "--no-ff", "--no-commit", "docs")
    exchange(repo, cycle, edit)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "Merge docs, exchanging files", date=repo.clock)


Periods = dict[str, list[tuple[str, str, str | None]]]
Rows = dict[str, tuple[str, str, float]]
Verdict = tuple[Periods, Rows, int]


def verdict() -> Verdict:
    """Each spec's status periods (`timeline`), each spec's report row as `report --format
    json` and the text report's Specs table give them, and `validate --history`'s exit
    code, with its findings asserted to name no status move."""
    periods: Periods = {}
    for spec_id in IDS.values():
        timeline = json.loads(run_cli("timeline", spec_id, "--format", "json").stdout)
        periods[spec_id] = [(period["status"], period["since"], period["until"])
                            for period in timeline["statuses"]]
    report = json.loads(run_cli("report", "--format", "json").stdout)
    rows: Rows = {row["id"]: (row["status"], row["since"], row["days_in_review"])
                               for row in report["specs"]}
    specs_table = run_cli("report").stdout.split("\nSpecs\n\n", 1)[1].split("\n\n", 1)[0]
    table = [re.split(r"\s{2,}", line) for line in specs_table.splitlines()
             if line.startswith("SPEC-")]  # id, title, status, since, ...
    assert sorted((cells[0], cells[2], cells[3]) for cells in table) == sorted(
        (row["id"], row["status"], row["since"][:10]) for row in report["specs"])
    validated = run_cli("validate", "--history")
    assert "illegal-transition" not in validated.output
    return periods, rows, validated.exit_code


CYCLES = {"swap": (A, B), "swap across folders": (A, C), "rotation": (A, B, C),
          "rotation the other way": (C, B, A)}


@pytest.mark.parametrize("edit", [False, True], ids=["as is", "edited"])
@pytest.mark.parametrize("exchange", [by_git_mv, by_writing], ids=["git mv", "rewritten"])
@pytest.mark.parametrize("cycle", list(CYCLES.values()), ids=list(CYCLES))
@pytest.mark.parametrize("made", [in_a_commit, on_a_branch, while_merging],
                         ids=["commit", "branch merged", "while merging"])
def test_an_exchange_keeps_every_period_whole(
        git_repo: GitRepo, made: Callable[[GitRepo, Exchange, tuple[str, ...], bool], None],
        cycle: tuple[str, ...], exchange: Exchange, edit: bool) -> None:
    three_specs(git_repo)
    periods, rows, exit_code = verdict()
    assert (exit_code, rows["SPEC-0001"]) == (0, ("In Review", "2026-01-03T00:00:00Z", 1.0))
    made(git_repo, exchange, cycle, edit)
    after = verdict()  # warm: the cache written before the exchange
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    assert verdict() == after  # cold
    assert after[0] == periods  # was: SPEC-0001's In Review split at the exchange
    assert {key: row[:2] for key, row in after[1].items()} == {
        key: row[:2] for key, row in rows.items()}
    assert after[2] == 0
