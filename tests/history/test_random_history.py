"""Randomized histories: edits (of fields and of requirements and sections), moves, copies,
renumbering, duplicate ids, broken and fixed versions, branches, merges (conflicts resolved
either way; a spec the branch brought filed elsewhere while merging), deletions. After
every commit on the main line: the history mined cold, warm and incrementally is the same,
content events included (and so is the cache each run writes); every spec file at HEAD is
in the report with HEAD's status; every spec's events replay to its status periods.

The `ci` fuzz profile walks one seeded history of 220 steps; `SPECREPO_FUZZ=deep` walks
eight histories of 400 steps each.
"""

from __future__ import annotations

import io
import random
import re
import shutil
from pathlib import Path

import pytest
import yaml

from specrepo.commands.report import ReportOptions
from specrepo.commands.report import run as run_report
from specrepo.configuration.config_file import load_config
from specrepo.gitio import log
from specrepo.gitio.git_command import Git
from specrepo.gitio.graph import CommitGraph
from specrepo.gitio.log import CommitRecord, stream_history
from specrepo.gitio.log_records import HEADER_FORMAT, header_records
from specrepo.history import version_worker
from specrepo.history.cache import CACHE_FILE
from specrepo.history.mine import mine_history
from specrepo.history.order import walk_order
from specrepo.load.locations import location_matcher, pathspecs
from specrepo.model.events import (
    CONTENT_EVENTS,
    CREATED,
    DELETED,
    MERGE_RESOLVED,
    STATUS_CHANGED,
    STATUS_TAKEN,
)
from specrepo.model.history import History, SpecHistory
from specrepo.model.workflow import DEFAULT_WORKFLOW
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import FUZZ_PROFILE

PROFILES = {"ci": ([1], 220), "deep": (list(range(100, 108)), 400)}
SEEDS, STEPS = PROFILES[FUZZ_PROFILE]
STATUSES = DEFAULT_WORKFLOW.states
VALID_ID = re.compile(r"SPEC-[0-9]{4}")
FOLDERS = ("specs", "specs/area", "specs/zone")


def spec_version(rng: random.Random, spec_id: str, broken: str | None = None) -> str:
    """A version of a spec; `broken` names what is wrong with it, if anything."""
    status = rng.choice(STATUSES)
    reviewers = rng.choice(["", "reviewers: [Grace Hopper]\n",
                            "reviewers:\n  - {name: Linus Pauling, approved: 2026-02-01}\n"])
    questions = rng.choice(["", "open_questions:\n  - {id: Q-1, question: Why?}\n",
                            "open_questions:\n  - {id: Q-1, question: Why?, state: resolved,"
                            " resolution: Because}\n"])
    text = spec_text(spec_id, status=status, title=rng.choice(["Alpha", "Beta", "Gamma"]),
                     extra=reviewers + questions + content(rng))
    if broken == "yaml":
        return text + "reviewers:\n\t- Grace Hopper\n"
    if broken == "status":
        return text.replace(f"status: {status}", "status: Reviewing")
    if broken == "date":
        return text.replace("updated: 2026-01-03", "updated: v1.29")
    if broken == "placeholder":
        return text.replace(f"id: {spec_id}", "id: SPEC-NNNN")
    if broken == "title":
        return text.replace("title: ", "title: [", 1).replace("\nstatus", "]\nstatus", 1)
    return text


def content(rng: random.Random) -> str:
    """Requirements (some of FR-1..FR-4, in any order, reworded or not) and a design
    section, or none: what content events are made of."""
    items = rng.sample(["FR-1", "FR-2", "FR-3", "FR-4"], rng.randint(0, 4))
    lines = [f"    - {{id: {item}, description: {rng.choice(['Count.', 'Count all.'])}, "
             f"priority: {rng.choice(['P0', 'P1'])}}}\n" for item in items]
    requirements = "requirements:\n  functional:\n" + "".join(lines) if lines else ""
    design = rng.choice(["", "design:\n  architecture: {description: One box.}\n",
                         "design:\n  architecture: {description: Two boxes.}\n"])
    return requirements + design


class RandomHistory:
    """Drives a repository through random steps and checks the invariants."""

    def __init__(self, root: Path, seed: int) -> None:
        self.rng = random.Random(seed)
        self.repo = GitRepo(root)
        self.next_number = 1
        self.branches: list[str] = []
        self.freed: list[str] = []
        """Paths whose file was deleted: a new spec may take one (on another branch)."""
        self.checks = 0
        self.content_events = 0
        self.moved_in_merges = 0

    def files(self) -> list[str]:
        found: list[str] = []
        for folder in FOLDERS:
            path = self.repo.root / folder
            if path.is_dir():
                found.extend(f"{folder}/{entry.name}" for entry in sorted(path.iterdir())
                             if entry.name.endswith(".yaml"))
        return found

    def new_id(self) -> str:
        self.next_number += self.rng.choice([1, 1, 2])
        return f"SPEC-{self.next_number:04d}"

    def new_path(self, spec_id: str) -> str:
        name = self.rng.choice([spec_id, f"{spec_id}-{self.rng.randrange(1000)}"])
        return f"{self.rng.choice(FOLDERS)}/{name}.yaml"

    def current_id(self, path: str) -> str:
        match = VALID_ID.search((self.repo.root / path).read_text())
        return match.group(0) if match else self.new_id()

    def step(self) -> dict[str, str | bytes | None]:
        """The files one random change writes (None: deleted)."""
        files = self.files()
        rng = self.rng
        kind = rng.choice(["create", "create", "edit", "edit", "edit", "break", "fix",
                           "move", "renumber", "copy", "delete", "duplicate"]
                          if files else ["create"])
        if kind == "create":
            spec_id = self.new_id()
            reused = [path for path in self.freed if not (self.repo.root / path).exists()]
            target = rng.choice(reused) if reused and rng.random() < 0.3 \
                else self.new_path(spec_id)
            return {target: spec_version(rng, spec_id)}
        path = rng.choice(files)
        spec_id = self.current_id(path)
        if kind in ("edit", "fix"):
            return {path: spec_version(rng, spec_id)}
        if kind == "break":
            broken = rng.choice(["yaml", "status", "date", "placeholder", "title"])
            return {path: spec_version(rng, spec_id, broken)}
        if kind == "move":
            content = (self.repo.root / path).read_text()
            return {path: None, self.new_path(spec_id): content}
        if kind == "renumber":
            renumbered = self.new_id()
            content = spec_version(rng, renumbered)
            target = rng.choice([path, self.new_path(renumbered)])
            return {path: None, target: content} if target != path else {path: content}
        if kind == "copy":
            return {self.new_path(spec_id): (self.repo.root / path).read_text()}
        if kind == "duplicate":
            return {self.new_path(spec_id): spec_version(rng, spec_id)}
        self.freed.append(path)
        return {path: None}

    def commit(self, message: str) -> None:
        files = self.step()
        if any(path in files and files[path] is not None and (self.repo.root / path).exists()
               and path not in self.files() for path in files):
            return
        self.repo.commit(message, files, author=self.rng.choice(
            ["Ada Lovelace", "Grace Hopper", "Linus Pauling"]))

    def branch_work(self, name: str) -> None:
        """A topic branch: from HEAD, from an older commit (merged late, stale), or from
        another topic branch."""
        depth = int(self.repo.git("rev-list", "--count", "--first-parent", "HEAD"))
        bases = ["main", *(f"main~{back}" for back in (1, 3) if back < depth),
                 *self.branches]
        self.repo.git("checkout", "-q", "-b", name, self.rng.choice(bases))
        for number in range(self.rng.randint(1, 3)):
            self.commit(f"{name}: step {number}")
        self.repo.git("checkout", "-q", "main")
        self.branches.append(name)

    def merge(self) -> None:
        branch = self.branches.pop(self.rng.randrange(len(self.branches)))
        self.repo.clock += 86400
        try:
            self.repo.git("merge", "-q", "--no-ff", "--no-commit", branch,
                          date=self.repo.clock)
        except AssertionError:
            conflicted = self.repo.git("diff", "--name-only", "--diff-filter=U").splitlines()
            for path in conflicted:
                try:
                    self.repo.git("checkout", self.rng.choice(["--ours", "--theirs"]), "--",
                                  path)
                    self.repo.git("add", "--", path)
                except AssertionError:  # the side chosen deleted the file
                    self.repo.git("rm", "-q", "--cached", "--ignore-unmatch", "--", path)
                    (self.repo.root / path).unlink(missing_ok=True)
        if not (self.repo.root / ".git" / "MERGE_HEAD").exists():
            return  # nothing to merge
        self.file_elsewhere()
        self.repo.git("commit", "-q", "-m", f"Merge {branch}", date=self.repo.clock)

    def file_elsewhere(self) -> None:
        """Sometimes, while merging, file a spec the merged branch brought at another
        path, maybe renumbered or in another status (lineage rule 8)."""
        head = set(self.repo.git("ls-tree", "-r", "--name-only", "HEAD").splitlines())
        brought = [path for path in self.files() if path not in head]
        if not brought or self.rng.random() < 0.5:
            return
        path = self.rng.choice(brought)
        spec_id = self.current_id(path)
        text = (self.repo.root / path).read_text()
        kind = self.rng.choice(["move", "renumber", "status"])
        if kind == "renumber":
            renumbered = self.new_id()
            text = text.replace(f"id: {spec_id}", f"id: {renumbered}")
            spec_id = renumbered
        elif kind == "status":
            text = re.sub(r"(?m)^status: .*$", f"status: {self.rng.choice(STATUSES)}", text)
        target = self.new_path(spec_id)
        if (self.repo.root / target).exists():
            return
        self.repo.git("rm", "-q", "-f", "--", path)
        self.repo.write(target, text)
        self.repo.git("add", "-A")
        self.moved_in_merges += 1

    def run(self, steps: int, *, check: bool = True) -> None:
        self.repo.commit("Start", {"specs/SPEC-0001.yaml": spec_text()})
        for number in range(steps):
            roll = self.rng.random()
            if roll < 0.15:
                self.branch_work(f"topic-{number}")
                continue
            if roll < 0.3 and self.branches:
                self.merge()
            else:
                self.commit(f"step {number}")
            if check:
                self.check()

    def check(self) -> None:
        self.checks += 1
        config = load_config(None, self.repo.root)
        cache = self.repo.root / ".git" / CACHE_FILE
        incremental = mine_history(config)
        incremental_cache = cache.read_bytes()
        outcome = run_report(config, ReportOptions())  # warm
        assert outcome.history == incremental
        cache.unlink()
        cold = mine_history(config)
        assert cold == incremental
        assert cache.read_bytes() == incremental_cache
        self._check_report(cold, {(spec.path, spec.status) for spec in outcome.report.specs})
        for spec in cold.specs:
            _check_replay(spec)
        self.content_events = sum(event.kind in CONTENT_EVENTS for spec in cold.specs
                                  for event in spec.events)

    def _check_report(self, history: History, listed: set[tuple[str, str]]) -> None:
        for path in self.files():
            try:
                data = yaml.safe_load((self.repo.root / path).read_text())
            except yaml.YAMLError:
                continue
            status = data.get("status")
            if VALID_ID.fullmatch(str(data.get("id"))) and status in STATUSES:
                assert (path, status) in listed, path
                spec = history.at_path(path)
                assert spec is not None and _replayed(spec) == status, path


def _replayed(spec: SpecHistory) -> str | None:
    status = None
    for event in spec.events:
        if event.kind in (CREATED, STATUS_CHANGED, MERGE_RESOLVED, DELETED, STATUS_TAKEN):
            status = event.after
    return status


def _check_replay(spec: SpecHistory) -> None:
    last = spec.statuses[-1] if spec.statuses else None
    expected = last.status if last is not None and last.until is None else None
    if spec.current is not None and spec.current.status is not None:
        assert expected == spec.current.status, spec.key
    assert _replayed(spec) == expected, spec.key


@pytest.mark.parametrize("seed", SEEDS)
def test_random_histories_keep_every_invariant(tmp_path: Path, seed: int) -> None:
    history = RandomHistory(tmp_path / "repo", seed)
    history.run(STEPS)
    assert history.checks > STEPS // 2
    assert history.content_events > STEPS // 4  # the content events were compared too
    assert history.moved_in_merges > 2  # specs merges filed elsewhere were followed too
    shutil.rmtree(tmp_path / "repo")


def test_the_stream_lists_every_change_git_log_lists(tmp_path: Path) -> None:
    # specrepo asks `git diff-tree --stdin` for the commits in the walk's order; what it
    # lists must be what `git log --full-history` lists, change for change (a merge git log
    # lists with no change against its first parent changes nothing in the walk).
    history = RandomHistory(tmp_path / "repo", 5)
    history.run(120, check=False)
    for number in range(3):  # clock skew: git's own order is far from the graph's
        history.repo.commit(f"skewed {number}", {"specs/zone/skewed.yaml": spec_version(
            history.rng, "SPEC-0900")}, date=1_000_000 + number)
    git = Git(history.repo.root)
    head = history.repo.git("rev-parse", "HEAD")
    graph = CommitGraph(git, head)
    graph.load()
    graph.close()
    order = walk_order(graph.parents, head)
    locations = load_config(None, history.repo.root).locations
    listed: list[CommitRecord] = []
    with stream_history(git, sorted(order, key=order.__getitem__), locations,
                        lambda taken: listed.extend(each.commit for each in taken), lambda: None,
                        config_paths=("specrepo.yaml",)) as stream:
        stream.wait()
    logged = git.run("log", "--full-history", "--diff-merges=first-parent", "--raw",
                     "--no-renames", "--no-abbrev", "-z", HEADER_FORMAT, head, "--",
                     *pathspecs(locations), ":(top,literal)specrepo.yaml")
    records = [record for records in header_records(io.BytesIO(logged)) for record in records]
    changed = [commit for record in records if (commit := log._parse_record(
        record, location_matcher(locations), ("specrepo.yaml",))) is not None]
    assert len(changed) < len(records)  # merges with nothing against their first parent
    assert sorted(listed, key=lambda commit: commit.sha) == \
        sorted(changed, key=lambda commit: commit.sha)
    assert [commit.sha for commit in listed] == sorted(
        (commit.sha for commit in listed), key=order.__getitem__)


def test_mining_without_a_worker_process_gives_the_same_history(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Where no worker can be forked, the versions are parsed in this process, in turn.
    history = RandomHistory(tmp_path / "repo", 6)
    history.run(120, check=False)
    config = load_config(None, history.repo.root)
    cache = history.repo.root / ".git" / CACHE_FILE
    forked = mine_history(config)
    written = cache.read_bytes()
    cache.unlink()
    monkeypatch.setattr(version_worker, "can_fork_workers", lambda: False)
    assert mine_history(config) == forked
    assert cache.read_bytes() == written
    assert sum(len(spec.events) for spec in forked.specs) > 100
