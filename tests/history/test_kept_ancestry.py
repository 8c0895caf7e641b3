"""The ancestry answers the spec set's lives ask are kept for the next run at the same HEAD
(`history.kept_ancestry`): a warm run lists no commit graph, and decodes the cached events
only of the specs a configuration change names. A kept answer is believed only under its
key: another HEAD, configuration, replace ref, specrepo or format, or a damaged file, and
the graph answers again."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from specrepo.base.headed_cache import write_headed
from specrepo.configuration.config_file import load_config
from specrepo.history import cache as cache_module
from specrepo.history import cached_events, kept_ancestry
from specrepo.history.kept_ancestry import CACHE_FILE, CACHE_FORMAT
from specrepo.history.mine import mine_history
from specrepo.model.ancestry import Ancestry
from specrepo.model.set_lives import lives_in_set
from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_departures import spec
from tests.support import run_cli

IN = "specs: specs\n"
OUT = "specs: specs\nexclude: [specs/SPEC-0003.yaml]\n"


def out_and_back(repo: GitRepo) -> None:
    """SPEC-0001, -0002 and -0003; an `exclude:` takes SPEC-0003 out, approved while out,
    and a later change brings it back: its life asks the graph which commits came first."""
    repo.commit("Draft", {f"specs/SPEC-000{number}.yaml": spec(f"SPEC-000{number}", "Draft")
                          for number in (1, 2, 3)})
    repo.commit("Out", {"specrepo.yaml": OUT})
    repo.commit("Approve while out", {"specs/SPEC-0003.yaml": spec("SPEC-0003", "Approved")})
    repo.commit("Back", {"specrepo.yaml": IN})


def graphs_listed(monkeypatch: pytest.MonkeyPatch, trace: Path, *command: str
                  ) -> tuple[str, int]:
    """`command`'s output, and how many times git listed the whole commit graph for it
    (a walk over new commits lists theirs: `rev-list --parents HEAD ^<cached HEAD>`)."""
    trace.write_text("")
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    output = run_cli(*command).output
    monkeypatch.delenv("GIT_TRACE2_EVENT")
    starts = [json.loads(line).get("argv", []) for line in trace.read_text().splitlines()]
    return output, sum(1 for argv in starts
                       if argv[1:3] == ["rev-list", "--parents"] and len(argv) == 4)


def warm_decodes(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The cache's lines of events the spec set's lives decode in a warm run (the cold
    run's written before; the lives asserted the cold run's)."""
    config = load_config(None, repo.root)
    cold = lives_in_set(history := mine_history(config), history.specs)
    decoded: list[bytes] = []
    decode = cached_events.decoded_events

    def counted(line: bytes, *arguments: object) -> object:
        decoded.append(line)
        return decode(line, *arguments)  # type: ignore[arg-type]

    monkeypatch.setattr(cached_events, "decoded_events", counted)
    history = mine_history(config)
    warm = lives_in_set(history, history.specs)
    read = list(decoded)  # before comparing, which reads every spec's
    assert warm == cold
    return read


@pytest.mark.parametrize("command", [["report"], ["validate", "--history"],
                                     ["timeline", "specs/SPEC-0003.yaml"]])
def test_a_warm_run_lists_no_commit_graph(git_repo: GitRepo, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          command: list[str]) -> None:
    out_and_back(git_repo)
    cold = run_cli(*command).output  # the walk's graph answers, and the answers are kept
    assert (git_repo.root / ".git" / CACHE_FILE).is_file()
    assert graphs_listed(monkeypatch, tmp_path / "trace.json", *command) == (cold, 0)
    # A new HEAD lists it once again, with the same verdicts on what came before.
    git_repo.commit("Notes", {"notes.txt": "x\n"})
    assert graphs_listed(monkeypatch, tmp_path / "trace.json", *command)[1] == 1
    assert graphs_listed(monkeypatch, tmp_path / "trace.json", *command)[1] == 0


def test_a_warm_run_decodes_only_the_events_a_change_names(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Of the three specs, only SPEC-0003's path is named by a configuration change: the
    spec set's lives read only its events from the history cache."""
    out_and_back(git_repo)
    decoded = warm_decodes(git_repo, monkeypatch)
    assert len(decoded) == 1 and b"SPEC-0003" in decoded[0]


def test_a_warm_run_decodes_no_events_for_the_moves_it_asks_about(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two specs moved, then `specs:` changed (the locations, not what they read): the
    moves of SPEC-0001, which changed status, are asked about (`moves_unread`), from the
    file moves the history cache keeps beside its events; its move put its file where its
    commit read a spec, so no move took it out and its events are not read (SPEC-0002
    never changed status: no move of it can be a return). The lives equal the cold run's."""
    git_repo.commit("Draft", {f"specs/SPEC-000{number}.yaml": spec(f"SPEC-000{number}", "Draft")
                              for number in (1, 2, 3)})
    git_repo.commit("Review", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "In Review")})
    (git_repo.root / "specs" / "sub").mkdir()
    for number in (1, 2):
        git_repo.git("mv", f"specs/SPEC-000{number}.yaml", f"specs/sub/SPEC-000{number}.yaml")
    git_repo.commit("Move")
    git_repo.commit("Widen", {"specrepo.yaml": "specs: [specs/*.yaml, specs/sub/*.yaml]\n"})
    assert warm_decodes(git_repo, monkeypatch) == []


def ancestry_of(repo: GitRepo) -> Ancestry:
    ancestry = mine_history(load_config(None, repo.root)).ancestry
    assert ancestry is not None
    return ancestry


def plant(repo: GitRepo, ancestor: str, commit: str, answer: bool) -> None:
    """Put `answer` in the kept answers for (`ancestor`, `commit`), under their key."""
    path = repo.root / ".git" / CACHE_FILE
    kept = json.loads(path.read_bytes().partition(b"\n")[2])
    kept["ancestors"][f"{ancestor} {commit}"] = answer
    write_headed(path, {"format": CACHE_FORMAT}, json.dumps(kept).encode())


@pytest.fixture
def planted(git_repo: GitRepo) -> tuple[str, str]:
    """Two commits, the first an ancestor of the second, with the opposite answer kept
    (believed: the kept answers are read) under the key of a history at HEAD."""
    first = git_repo.commit("One", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")})
    second = git_repo.commit("Two", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "Draft")})
    ancestry = ancestry_of(git_repo)
    assert ancestry.is_ancestor(first, second)
    ancestry.keep_answers()
    plant(git_repo, first, second, False)
    assert not ancestry_of(git_repo).is_ancestor(first, second)
    return first, second


def test_another_head_is_answered_by_its_graph(git_repo: GitRepo,
                                               planted: tuple[str, str]) -> None:
    git_repo.commit("Three", {"notes.txt": "x\n"})
    assert ancestry_of(git_repo).is_ancestor(*planted)


def test_another_configuration_is_answered_by_its_graph(git_repo: GitRepo,
                                                        planted: tuple[str, str]) -> None:
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\nmax_file_size: 4096\n")
    assert ancestry_of(git_repo).is_ancestor(*planted)


def test_a_replace_ref_is_answered_by_its_graph(git_repo: GitRepo,
                                                planted: tuple[str, str]) -> None:
    """A replace ref changes the graph git shows at the same HEAD (here: `Two` made a
    root commit, so `One` is no longer its ancestor): the answer kept before it, true
    then, is not believed."""
    plant(git_repo, *planted, True)
    git_repo.git("replace", "--graft", planted[1])
    assert not ancestry_of(git_repo).is_ancestor(*planted)


def test_another_specrepo_is_answered_by_its_graph(
        git_repo: GitRepo, planted: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "code_digest", lambda: "another specrepo")
    assert ancestry_of(git_repo).is_ancestor(*planted)


def test_another_format_is_answered_by_its_graph(
        git_repo: GitRepo, planted: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept_ancestry, "CACHE_FORMAT", CACHE_FORMAT + 1)
    assert ancestry_of(git_repo).is_ancestor(*planted)


@pytest.mark.parametrize("damage", [lambda text: text[:-3], lambda text: text + b" ",
                                    lambda text: text.replace(b"false", b"0")])
def test_a_damaged_file_is_answered_by_the_graph(git_repo: GitRepo, planted: tuple[str, str],
                                                 damage: object) -> None:
    path = git_repo.root / ".git" / CACHE_FILE
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert ancestry_of(git_repo).is_ancestor(*planted)


def test_answers_of_another_type_are_none(git_repo: GitRepo, planted: tuple[str, str]) -> None:
    """Content that passes its checksum but holds other than what is written: no answer."""
    path = git_repo.root / ".git" / CACHE_FILE
    kept = json.loads(path.read_bytes().partition(b"\n")[2])
    kept["ancestors"][" ".join(planted)] = 0
    write_headed(path, {"format": CACHE_FORMAT}, json.dumps(kept).encode())
    assert ancestry_of(git_repo).is_ancestor(*planted)


def test_first_parents_are_kept_too(git_repo: GitRepo, planted: tuple[str, str]) -> None:
    ancestry = ancestry_of(git_repo)
    assert ancestry.first_parent(planted[1]) == planted[0]
    assert ancestry.first_parent(planted[0]) is None
    ancestry.keep_answers()
    path = git_repo.root / ".git" / CACHE_FILE
    kept = json.loads(path.read_bytes().partition(b"\n")[2])
    assert kept["parents"] == {planted[1]: planted[0], planted[0]: None}
    kept["parents"][planted[1]] = None
    write_headed(path, {"format": CACHE_FORMAT}, json.dumps(kept).encode())
    assert ancestry_of(git_repo).first_parent(planted[1]) is None  # the kept one
    git_repo.commit("Three", {"notes.txt": "x\n"})
    assert ancestry_of(git_repo).first_parent(planted[1]) == planted[0]


def test_a_file_that_is_not_regular_is_no_cache(git_repo: GitRepo,
                                                planted: tuple[str, str]) -> None:
    """A pipe where the file should be (a cache folder restored from an archive) neither
    blocks the run nor answers; keeping answers then writes a file in its place."""
    path = git_repo.root / ".git" / CACHE_FILE
    path.unlink()
    os.mkfifo(path)
    ancestry = ancestry_of(git_repo)
    assert ancestry.is_ancestor(*planted)
    ancestry.keep_answers()
    assert path.is_file()
    assert ancestry_of(git_repo).is_ancestor(*planted)
