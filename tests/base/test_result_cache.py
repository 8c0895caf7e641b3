"""The whole-result cache (`specrepo.base.result_cache`): whatever changes between two
runs, a run with the cache gives what a run without it gives, byte for byte; and a run
with nothing changed is replayed."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from specrepo.__main__ import main
from specrepo.base import inputs, questions, recording, result_cache, settled
from specrepo.base.git_state import git_doubt
from tests.history.gitrepo import GitRepo, spec_text

SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "spec.schema.json"
COMMANDS = (("report", "--format", "json"), ("report",), ("report", "--format", "markdown"),
            ("timeline", "SPEC-0001"), ("validate", "--history"),
            ("report", "--now", "2030-01-01"))


class _Kept(io.BytesIO):
    """Bytes written, kept when a wrapper over them is let go (which closes it)."""

    def close(self) -> None:
        pass


def run_once(arguments: tuple[str, ...], *, forget: bool = False) -> tuple[int, bytes, bytes]:
    """Run the console script's `main` (with the cache) in this process; exit code,
    stdout and stderr. `forget`: remove the run's cache entry first (a fresh run)."""
    out, err = _Kept(), _Kept()
    saved = sys.argv, sys.stdout, sys.stderr
    sys.argv = ["specrepo", *arguments]
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8")
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", line_buffering=True)
    code: Any = 0
    try:
        cached = result_cache.cached_run(list(arguments))
        if forget and cached is not None:
            cached.file.unlink(missing_ok=True)
        main(replaying=True)
    except SystemExit as done:
        code = done.code or 0
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        sys.argv, sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


class Replays:
    """How many runs the cache replayed."""

    count = 0


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[Replays]]:
    """Count replays; files settle at once (the test's changes follow each other within
    a tick of the file system's clock: the answers, not the settling, must catch them),
    and a replay trusts a recorded status at once (`base.settled`: an edit within the
    tick the entry was written in is not before it, so its file is read)."""
    monkeypatch.setattr(settled, "SETTLED_NS", 0)
    replayed = result_cache.CachedRun.replayed

    def counting(self: result_cache.CachedRun,
                 present: Callable[[str, str], bool] | None = None) -> int | None:
        code = replayed(self, present)
        Replays.count += code is not None
        return code

    monkeypatch.setattr(result_cache.CachedRun, "replayed", counting)
    Replays.count = 0
    yield Replays


class CacheMachine(RuleBasedStateMachine):
    """A small repository changed between runs; each command run with the cache as it
    is, then with the cache removed (a fresh run, which fills it), then again (a replay):
    all three the same."""

    def __init__(self) -> None:
        super().__init__()
        ROOTS.append(ROOTS[0] / f"repo{len(ROOTS)}")
        self.repo = GitRepo(ROOTS[-1])
        self.repo.write("spec.schema.json", SCHEMA.read_text())
        self.repo.write("specrepo.yaml", "specs: specs\nschema: spec.schema.json\n")
        self.repo.commit("add", {"specs/SPEC-0001.yaml": spec_text(),
                                 "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
        self.repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(status="In Review")})
        os.chdir(self.repo.root)
        self.edits = 0

    @invariant()
    def replayed_equals_fresh(self) -> None:
        for arguments in COMMANDS:
            kept = run_once(arguments)
            fresh = run_once(arguments, forget=True)
            again = run_once(arguments)
            assert kept == fresh, arguments
            assert again == fresh, arguments

    @rule(title=st.sampled_from(["A spec", "B spec", "A longer title"]),
          status=st.sampled_from(["Draft", "In Review", "Bogus"]),
          name=st.sampled_from(["SPEC-0001", "SPEC-0002"]))
    def edit_spec(self, title: str, status: str, name: str) -> None:
        path = next((self.repo.root / "specs").glob(f"*{name[-1]}*.yaml"), None)
        if path is not None:  # "A spec" and "B spec": the same size, maybe the same time
            path.write_text(spec_text(name, title=title, status=status))

    @rule()
    def touch_spec(self) -> None:
        for path in (self.repo.root / "specs").glob("*.yaml"):
            os.utime(path)

    @rule()
    def rename_spec(self) -> None:
        for path in (self.repo.root / "specs").glob("SPEC-0002*.yaml"):
            path.rename(path.with_name("SPEC-0002-renamed.yaml" if "renamed" not in path.name
                                       else "SPEC-0002.yaml"))

    @rule(lines=st.sampled_from(["", "exclude: [specs/SPEC-0002.yaml]\n", "# a note\n"]))
    def change_configuration(self, lines: str) -> None:
        self.repo.write("specrepo.yaml", "specs: specs\nschema: spec.schema.json\n" + lines)

    @rule(closed=st.booleans())
    def change_schema(self, closed: bool) -> None:
        schema = json.loads(SCHEMA.read_text())
        if closed:
            schema["properties"]["title"] = {"type": "string", "maxLength": 6}
        self.repo.write("spec.schema.json", json.dumps(schema))

    @rule()
    def commit(self) -> None:
        self.repo.commit(f"change {self.edits}")
        self.edits += 1

    @rule()
    def amend(self) -> None:
        self.repo.git("add", "-A")
        self.repo.git("commit", "-q", "--amend", "--allow-empty", "-m", f"amended {self.edits}",
                      date=self.repo.clock + 3600)
        self.edits += 1

    @rule()
    def stage(self) -> None:
        self.repo.write("specs/SPEC-0001.yaml", spec_text(status="Accepted"))
        self.repo.git("add", "specs/SPEC-0001.yaml")

    @rule()
    def other_branch(self) -> None:
        self.repo.git("add", "-A")
        self.repo.git("commit", "-q", "--allow-empty", "-m", "before switching")
        current = self.repo.git("branch", "--show-current")
        target = "other" if current != "other" else "main"
        if target == "other" and not self.repo.git("branch", "--list", "other"):
            self.repo.git("branch", "other", "HEAD~1")
        self.repo.git("checkout", "-q", "-f", target)

    @rule()
    def replace_ref(self) -> None:
        if self.repo.git("for-each-ref", "refs/replace/"):
            for line in self.repo.git("for-each-ref", "--format=%(refname)",
                                      "refs/replace/").splitlines():
                self.repo.git("update-ref", "-d", line)
        else:
            self.repo.git("replace", "-f", "HEAD", "HEAD~1")

    @rule(value=st.sampled_from([None, "true"]))
    def environment(self, value: str | None) -> None:
        if value is None:
            os.environ.pop("GITHUB_ACTIONS", None)
        else:
            os.environ["GITHUB_ACTIONS"] = value


ROOTS: list[Path] = []


def test_a_replay_is_what_a_fresh_run_gives(tmp_path: Path, counted: type[Replays],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(tmp_path)
    ROOTS[:] = [tmp_path]
    runner = CacheMachine.TestCase
    runner.settings = settings(max_examples=4, stateful_step_count=6, deadline=None,
                               derandomize=True,
                               suppress_health_check=list(HealthCheck))
    try:
        runner().runTest()
    finally:
        os.environ.pop("GITHUB_ACTIONS", None)
    assert counted.count > 0  # the cache was used, not always missed


def test_the_recording_reader_overrides_every_reader_method() -> None:
    """Every way to read that `Reader` offers is recorded: a method `Reader` gains is a
    read the cache would not see until `RecordingReader` overrides it."""
    methods = {name for name in dir(inputs.Reader) if not name.startswith("__")}
    assert methods - set(vars(recording.RecordingReader)) == set()


def test_a_head_dated_ahead_of_the_clock_is_never_stored(
        tmp_path: Path, counted: type[Replays], monkeypatch: pytest.MonkeyPatch) -> None:
    """The warning that HEAD is dated after the clock names the clock's second: such a
    run's output changes by the second, so it is not kept (the clock is below the bound
    the command told), and each run says its own time."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("add", {"specs/SPEC-0001.yaml": spec_text()}, date=4_102_444_800)  # 2100
    monkeypatch.chdir(repo.root)
    for arguments in (("report",), ("timeline", "SPEC-0001")):
        first, second = run_once(arguments), run_once(arguments)
        assert b"after this machine's clock" in first[2] + second[2]
        assert not list((repo.root / ".git" / "specrepo").glob("result-cache-*.json"))
    assert counted.count == 0


def test_a_run_that_writes_a_file_is_never_stored(
        tmp_path: Path, counted: type[Replays], monkeypatch: pytest.MonkeyPatch) -> None:
    """`validate` in GitHub Actions appends its findings to the job summary: a replay
    would not, so such a run is not kept, and each run appends."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("add", {"specs/SPEC-0001.yaml": spec_text(status="Bogus")})
    monkeypatch.chdir(repo.root)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    for _ in range(3):
        assert run_once(("validate", "--history"))[0] == 1
    assert summary.read_text().count("## specrepo validate") == 3
    assert not list((repo.root / ".git" / "specrepo").glob("result-cache-*.json"))
    assert counted.count == 0


@pytest.mark.parametrize("arguments", COMMANDS)
def test_each_covered_command_is_replayed_when_nothing_changed(
        git_repo: GitRepo, counted: type[Replays], arguments: tuple[str, ...]) -> None:
    """The second run of each covered command with nothing changed is a replay (the git
    commands each asks, `ls-files --stage` of the index included, are covered)."""
    git_repo.write("spec.schema.json", SCHEMA.read_text())
    git_repo.write("specrepo.yaml", "specs: specs\nschema: spec.schema.json\n")
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text()})
    first = run_once(arguments)
    runs = [run_once(arguments) for _ in range(4)]  # the first after a cold run stores
    assert runs == [first] * 4
    assert counted.count >= 1, (arguments, counted.count, first)


@pytest.mark.parametrize(("arguments", "covered"), [
    (("ls-files", "--stage", "-z", "--full-name", "--", "specs"), True),
    (("ls-files", "-z", "--", "specs"), False),
    (("ls-files", "--stage", "--others", "--", "specs"), False),
    (("ls-files", "--stage", "--exclude-standard"), False),
    (("diff-index", "--cached", "HEAD"), True),
    (("diff-index", "HEAD"), False),
])
def test_git_commands_that_read_the_work_tree_are_not_covered(
        arguments: tuple[str, ...], covered: bool) -> None:
    assert (git_doubt(arguments) is None) == covered


def test_a_file_added_beside_the_repository_keeps_the_replay(
        git_repo: GitRepo, counted: type[Replays]) -> None:
    """A test of a path answers from its kind of file: a folder above the repository
    (`/tmp`, a home folder) changing with every file added there is no change of what a
    run read; a spec file added is (its folder's listing)."""
    git_repo.write("specrepo.yaml", "specs: specs\n")
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text()})
    arguments = ("validate", "--history")
    first = [run_once(arguments) for _ in range(3)][-1]
    replays = counted.count
    (git_repo.root.parent / "beside.txt").write_text("x")
    assert run_once(arguments) == first
    assert counted.count == replays + 1
    git_repo.write("specs/SPEC-0002.yaml", spec_text("SPEC-0002"))
    assert run_once(arguments) != first
    assert counted.count == replays + 1


@pytest.fixture
def digests(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files a replay takes the digest of (a `read` question asked again)."""
    taken: list[str] = []

    def digest(path: str) -> Any:
        taken.append(path)
        return questions.digest_answer(path)

    monkeypatch.setitem(questions._ANSWERS, "read", digest)
    return taken


def test_a_replay_reads_no_settled_file_whose_status_is_the_same(
        git_repo: GitRepo, counted: type[Replays], digests: list[str]) -> None:
    """A file whose status is the one recorded, settled before the entry was written (the
    findings cache's rule, `base.settled`), is the same bytes: a hit takes no digest of
    it; a file written since is read, and its new bytes miss."""
    git_repo.write("specrepo.yaml", "specs: specs\n")
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text(),
                            "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    arguments = ("validate", "--history")
    first = [run_once(arguments) for _ in range(2)][-1]  # the second run stores
    digests.clear()
    replays = counted.count
    assert run_once(arguments) == first
    assert counted.count == replays + 1
    assert [path for path in digests if Path(path).is_file()] == []  # (a missing file: asked)
    (git_repo.root / "specs" / "SPEC-0002.yaml").write_text(spec_text("SPEC-0002",
                                                                       status="Bogus"))
    assert run_once(arguments)[0] == 1  # a miss: the status is no state
    assert counted.count == replays + 1


def test_an_edit_of_the_same_size_with_its_modification_time_set_back_misses(
        git_repo: GitRepo, counted: type[Replays], digests: list[str]) -> None:
    """An edit keeping the size, its modification time set back to the one recorded
    (`touch -d`, an editor or a checkout keeping times): its change time, which no
    program can set back, is the run's, so the status is not the one recorded and the
    file is read (a status of size and modification time alone would replay the old
    verdict)."""
    git_repo.write("specrepo.yaml", "specs: specs\n")
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text()})
    arguments = ("validate", "--history")
    first = [run_once(arguments) for _ in range(2)][-1]
    spec = git_repo.root / "specs" / "SPEC-0001.yaml"
    before = spec.stat()
    spec.write_text(spec_text(status="Bogus"))  # "Draft" -> "Bogus": as many bytes
    os.utime(spec, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = spec.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == \
        (before.st_size, before.st_mtime_ns, before.st_ino)
    replays = counted.count
    found = run_once(arguments)
    assert found != first
    assert found[0] == 1
    assert counted.count == replays


@pytest.mark.parametrize(("trusted_before", "alike"), [(None, False), (2**62, True)])
def test_a_status_within_the_racy_window_answers_for_no_bytes(
        tmp_path: Path, trusted_before: int | None, alike: bool) -> None:
    """A status the same as the recorded one answers for the bytes only when settled: a
    file modified within `SETTLED_NS` before the bound (or not before the entry was
    written) may have been written again within its clock's tick, the status unchanged
    (git's racy-git), so its digest is taken (here a digest recorded for other bytes:
    a miss); settled, it is not taken."""
    path = tmp_path / "spec.yaml"
    path.write_text("id: SPEC-0001\n")
    status = questions.status_answer(os.stat(path))
    recorded: list[list[Any]] = [[["read", str(path)], "another digest"],
                                 [["stat", str(path)], status]]
    bound = settled.settled_before() if trusted_before is None else trusted_before
    assert questions.answered_alike(recorded, bound) is alike


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks")
def test_a_filling_run_that_forks_reads_on_unrecorded(tmp_path: Path) -> None:
    """A run that forks (a cold walk's version worker) is never stored: from the fork
    on, it and the process it forks read through the plain reader, not the recording
    one; and the reader before is back after the run."""
    readers: list[type[inputs.Reader]] = []
    run = result_cache.CachedRun(tmp_path / "specrepo", "0" * 64, "report")
    before = inputs.reader

    def command() -> None:
        readers.append(type(inputs.reader))
        inputs.reader.exists(tmp_path / "before")
        worker = os.fork()
        if worker == 0:
            os._exit(0 if type(inputs.reader) is inputs.Reader else 1)
        readers.append(type(inputs.reader))
        inputs.reader.exists(tmp_path / "after")
        assert os.waitstatus_to_exitcode(os.waitpid(worker, 0)[1]) == 0
        raise SystemExit(0)

    with pytest.raises(SystemExit):
        run.filled(command)
    assert readers == [recording.RecordingReader, inputs.Reader]
    assert inputs.reader is before
    assert not run.file.exists()


def test_a_near_miss_of_the_configuration_added_after_a_replay_is_refused(
        git_repo: GitRepo, counted: type[Replays]) -> None:
    """The walk up asks each folder for the names like `specrepo.yaml` (a `caseless`
    question): a `specrepo.yml` added is no replay but a refusal (exit 2); another file
    added beside it keeps the replay, as a whole listing of the folder would not."""
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text()})
    arguments = ("validate", "--history")
    first = [run_once(arguments) for _ in range(3)][-1]
    replays = counted.count
    assert replays >= 1
    (git_repo.root / "notes.txt").write_text("x")
    assert run_once(arguments) == first
    assert counted.count == replays + 1
    (git_repo.root / "specrepo.YML").write_text("specs: specs\n")
    code, _, err = run_once(arguments)
    assert code == 2
    assert b"specrepo.YML beside specrepo.yaml" in err
    assert counted.count == replays + 1


def test_a_replay_misses_when_git_lost_an_object_the_run_relied_on(
        git_repo: GitRepo, counted: type[Replays]) -> None:
    """A stored run asks again whether git holds the commits its history named
    (`git_state.PRESENCE_CHECK`): lost, the run is made afresh and fails as a cold one."""
    git_repo.write("specrepo.yaml", "specs: specs\n")
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text()})
    reviewing = git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review")})
    for number in range(2):  # HEAD and its parent are read by every run
        git_repo.commit(f"code {number}", {"main.py": f"print({number})\n"})
    arguments = ("report", "--format", "json")
    first = run_once(arguments)
    assert [run_once(arguments) for _ in range(3)] == [first] * 3
    assert counted.count >= 1
    replays = counted.count
    (git_repo.root / ".git" / "objects" / reviewing[:2] / reviewing[2:]).unlink()
    code, _, errors = run_once(arguments)
    assert code == 2
    assert f"git cannot read object {reviewing}: it is missing".encode() in errors
    assert counted.count == replays
