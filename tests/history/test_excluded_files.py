"""A file the configuration excludes enters the history only where its own commit's
configuration read a spec there (an `exclude:` added later, over a spec), whichever
command reads it; a template excluded from the start never does.

git is given only the exclusions all the locations of a command share (`pathspecs`): an
earlier configuration's locations, a linked spec file's target or a location with
exclusions of its own widen what git names. Every reader of git's answer keeps the files
the locations take (`location_matcher`), the locations of an earlier configuration leave
out what the current one excludes (the walk follows a file the current one excludes only
in the commits whose own configuration read it), and a file moved or copied across the
boundary is a spec added or deleted there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import Git
from specrepo.gitio.log import CommitRecord, stream_history
from specrepo.history.config_history import configured_locations
from specrepo.history.mine import mine_history
from specrepo.history.since_change import items_before
from specrepo.load.locations import SpecLocation, exclusion_matcher, location_matcher, pathspecs
from specrepo.model.history import History
from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_partial_clone import partial_clone
from tests.support import fuzz, run_cli

TEMPLATE = "adr/template.yaml"
CONFIG = "specs: [specs, adr]\nexclude: [adr/template.yaml, specs/none.yaml]\n"
KEPT = {"SPEC-0001", "ADR-0001"}


def mine(repo: GitRepo) -> History:
    return mine_history(load_config(None, repo.root))


def mined_ids(repo: GitRepo) -> set[str]:
    return mined_ids_in(repo.root)


def mined_ids_in(root: Path) -> set[str]:
    return {spec_id for spec in mine_history(load_config(None, root)).specs
            for spec_id in spec.ids}


def _no_exclusion_at_first(repo: GitRepo) -> None:
    repo.write("specrepo.yaml", "specs: [specs, adr]\n")


def _excluded_from_the_start(repo: GitRepo) -> None:
    repo.write("specrepo.yaml", CONFIG)


def _a_linked_spec_file(repo: GitRepo) -> None:
    # The link's target is a location of its own, without exclusions: git is given none.
    repo.write("specrepo.yaml", CONFIG)
    repo.write("shared/SPEC-0002.yaml", spec_text("SPEC-0002"))
    os.symlink("../shared/SPEC-0002.yaml", repo.root / "specs" / "SPEC-0002.yaml")


@pytest.fixture(params=[_no_exclusion_at_first, _excluded_from_the_start, _a_linked_spec_file])
def layout(git_repo: GitRepo, request: pytest.FixtureRequest) -> GitRepo:
    """The README's two locations, the template excluded now (`excluded`), and a way for
    git to be asked for it: an earlier configuration, none, or a linked spec file."""
    request.param(git_repo)
    return git_repo


def excluded(repo: GitRepo) -> None:
    """Commit the configuration that excludes the template (once more: an empty commit)."""
    repo.commit("Exclude the template", {"specrepo.yaml": CONFIG})


@pytest.fixture
def template_repo(layout: GitRepo) -> str:
    """The excluded template moves Rejected -> Approved (a move the workflow forbids).
    Returns the first commit."""
    git_repo = layout
    first = git_repo.commit("Start", {
        "specs/SPEC-0001.yaml": spec_text(), "adr/ADR-0001-a.yaml": spec_text("ADR-0001"),
        TEMPLATE: spec_text("TPL-0001", "Rejected")})
    git_repo.commit("Approve the template", {TEMPLATE: spec_text("TPL-0001", "Approved")})
    excluded(git_repo)
    return first


def test_timeline_knows_the_excluded_template_only_where_it_was_read(
        git_repo: GitRepo, template_repo: str) -> None:
    read = was_a_spec(git_repo, template_repo)  # its moves then are a spec's
    for asked in ("TPL-0001", TEMPLATE):
        result = run_cli("timeline", asked, no_traceback=True)
        assert result.exit_code == (0 if read else 2)
        assert ("Approved" in result.output) == read
    if not read:
        assert f"{TEMPLATE}: not a spec file: `exclude:` in specrepo.yaml leaves it out" in \
            run_cli("timeline", TEMPLATE).stderr
    assert "specrepo.yaml: not a spec file: no `specs:` location of specrepo.yaml holds it" \
        in run_cli("timeline", "specrepo.yaml").stderr


def test_history_holds_only_the_specs_of_the_locations(git_repo: GitRepo,
                                                       template_repo: str) -> None:
    history = mine(git_repo)
    read = was_a_spec(git_repo, template_repo)
    assert mined_ids(git_repo) >= KEPT and ("TPL-0001" in mined_ids(git_repo)) == read
    assert any(path == TEMPLATE for spec in history.specs for path in spec.paths) == read
    # Its last version read, as a file a narrowed `specs:` took out (the commands end
    # its life at the exclusion: `current_specs_only`); no spec file of HEAD's (hist37).
    assert TEMPLATE not in history.head_files


def was_a_spec(repo: GitRepo, first: str) -> bool:
    """Whether the template was a spec when it was approved (no exclusion at first): then
    its move from Rejected to Approved, made while it was read, and the exclusion that
    took an approved spec out of the spec set are illegal-transitions, the two things said
    of it."""
    return "exclude" not in repo.git("show", f"{first}:specrepo.yaml")


def test_report_and_validate_history_leave_out_the_template(git_repo: GitRepo,
                                                            template_repo: str) -> None:
    removed = was_a_spec(git_repo, template_repo)
    report = run_cli("report", "--format", "json", "--fail-on", "illegal-transitions")
    assert report.exit_code == int(removed), report.output
    document = json.loads(report.stdout)
    assert {spec["id"] for spec in document["specs"]} >= KEPT
    assert sorted((move["spec"], move["from"], move["to"])
                  for move in document["integrity"]["illegal_transitions"]) == (
        [("TPL-0001", "Approved", None), ("TPL-0001", "Rejected", "Approved")]
        if removed else [])
    assert "TPL-0001" not in json.dumps(document["specs"])
    assert ("Rejected" in json.dumps(document["integrity"])) == removed
    validated = run_cli("validate", "--history")
    assert validated.exit_code == int(removed), validated.output
    assert validated.output.count("illegal-transition") == 2 * int(removed)
    assert ("from Rejected" in validated.output) == removed


def test_diff_leaves_out_the_template(git_repo: GitRepo, template_repo: str) -> None:
    between = run_cli("diff", f"{template_repo}..HEAD", "--format", "json", "--exit-code")
    # Each side is read with its own `exclude:`: a template that was a spec at first is
    # removed by the exclusion, as validate --history judges it (final33 F9).
    removed = was_a_spec(git_repo, template_repo)
    assert (between.exit_code, "TPL-0001" in between.output) == (int(removed), removed), \
        between.output
    assert [spec["kinds"] for spec in json.loads(between.stdout)["specs"]] == (
        [["removed"]] if removed else [])
    git_repo.write(TEMPLATE, spec_text("TPL-0001", "Withdrawn"))
    in_work_tree = run_cli("diff", "--format", "json", "--exit-code")
    assert (in_work_tree.exit_code, "TPL-0001" in in_work_tree.output) == (0, False)
    git_repo.write("adr/ADR-0001-a.yaml", spec_text("ADR-0001", "In Review",
                                                    extra="reviewers: [Grace Hopper]\n"))
    changed = run_cli("diff", "--format", "json", "--exit-code")
    assert changed.exit_code == 1 and "ADR-0001" in changed.output
    assert "TPL-0001" not in changed.output


def test_the_site_leaves_out_the_template(git_repo: GitRepo, template_repo: str) -> None:
    result = run_cli("site")
    assert result.exit_code == 0, result.output
    site = git_repo.root / "_site"
    listed = json.loads((site / "specs.json").read_text())["specs"]
    assert {spec["id"] for spec in listed} >= KEPT
    named = {path.name for path in site.rglob("*")
             if path.is_file() and "TPL-0001" in path.read_text(errors="replace")}
    # Its removal, when it was a spec approved before the exclusion, is an integrity fact.
    assert named == ({"integrity.html"} if was_a_spec(git_repo, template_repo) else set())


def test_cold_warm_and_continued_runs_agree(git_repo: GitRepo, template_repo: str) -> None:
    cold = mine(git_repo)
    assert mine(git_repo) == cold  # warm: from the cache
    git_repo.commit("More", {TEMPLATE: spec_text("TPL-0001", "Draft"),
                             "adr/ADR-0001-a.yaml": spec_text("ADR-0001", title="Again")})
    continued = mine(git_repo)
    timeline = run_cli("timeline", "ADR-0001", "--format", "json").output
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    assert mine(git_repo) == continued
    assert run_cli("timeline", "ADR-0001", "--format", "json").output == timeline
    assert ("TPL-0001" in mined_ids(git_repo)) == was_a_spec(git_repo, template_repo)


def test_a_spec_moved_out_of_an_excluded_file_starts_there(layout: GitRepo) -> None:
    """... unless the file was read as a spec when it moved (excluded only later): then
    it keeps its life."""
    git_repo = layout
    first = git_repo.commit("Template", {TEMPLATE: spec_text("ADR-0007", "Rejected")})
    approved = git_repo.commit("Template approved",
                               {TEMPLATE: spec_text("ADR-0007", "Approved")})
    git_repo.git("mv", TEMPLATE, "adr/ADR-0007-foo.yaml")
    moved = git_repo.commit("Move it in")
    excluded(git_repo)
    spec = mine(git_repo).spec("ADR-0007")
    assert spec is not None
    if was_a_spec(git_repo, first):
        assert [(event.kind, event.commit) for event in spec.events] == [
            ("created", first), ("status-changed", approved), ("moved", moved)]
        assert [period.status for period in spec.statuses] == ["Rejected", "Approved"]
        assert spec.paths == (TEMPLATE, "adr/ADR-0007-foo.yaml")
        return
    assert [(event.kind, event.commit) for event in spec.events] == [("created", moved)]
    assert [period.status for period in spec.statuses] == ["Approved"]
    assert spec.paths == ("adr/ADR-0007-foo.yaml",)


def test_a_spec_moved_into_an_excluded_file_is_deleted(layout: GitRepo) -> None:
    """... when its commit's configuration excluded the file; moved into a file it read
    (excluded later), it is moved, and leaves the spec set at the exclusion."""
    git_repo = layout
    first = git_repo.commit("A decision", {"adr/ADR-0002-b.yaml": spec_text("ADR-0002")})
    git_repo.git("mv", "adr/ADR-0002-b.yaml", TEMPLATE)
    moved = git_repo.commit("Make it the template")
    excluded(git_repo)
    spec = mine(git_repo).spec("ADR-0002")
    assert spec is not None
    read = was_a_spec(git_repo, first)
    assert [(event.kind, event.commit) for event in spec.events][-1] == (
        "moved" if read else "deleted", moved)
    assert spec.current_path == (TEMPLATE if read else None)
    assert TEMPLATE not in mine(git_repo).head_files  # no spec file of today's


@pytest.mark.parametrize("edited", [False, True])
def test_a_spec_copied_from_the_excluded_template_has_a_lineage_of_its_own(
        layout: GitRepo, edited: bool) -> None:
    git_repo = layout
    first = git_repo.commit("Template", {TEMPLATE: spec_text("ADR-0000", "Rejected")})
    git_repo.commit("Template approved", {TEMPLATE: spec_text("ADR-0000", "Approved")})
    shutil.copy(git_repo.root / TEMPLATE, git_repo.root / "adr" / "ADR-0007-foo.yaml")
    if edited:  # `cp` then a filled-in id: git's -C would call it a copy all the same
        git_repo.write("adr/ADR-0007-foo.yaml",
                       spec_text("ADR-0007", "Approved", extra="goals: [one]\n"))
    copied = git_repo.commit("A new decision from the template")
    excluded(git_repo)
    history = mine(git_repo)
    spec_id = "ADR-0007" if edited else "ADR-0000"
    lives = [spec for spec in history.specs if spec.ids & {"ADR-0000", "ADR-0007"}]
    if was_a_spec(git_repo, first):  # copied while both were specs, as any spec file
        assert {path for spec in lives for path in spec.paths} == {
            "adr/ADR-0007-foo.yaml", TEMPLATE}
        assert {spec_id, "ADR-0000"} == {spec_id for spec in lives for spec_id in spec.ids}
        return
    spec = history.spec(spec_id)
    assert spec is not None and spec.ids == {spec_id}
    assert [(event.kind, event.commit) for event in spec.events] == [("created", copied)]
    assert [(period.status, period.commit) for period in spec.statuses] == [
        ("Approved", copied)]
    assert lives == [spec]


def test_a_location_s_own_exclusions_hold_in_the_history(git_repo: GitRepo) -> None:
    # An earlier configuration's `exclude:` leaves its drafts out; the current one names
    # another folder, so git is asked for both and given neither's exclusions.
    git_repo.write("specrepo.yaml", "specs: old\nexclude: old/drafts\n")
    git_repo.commit("Old layout", {"old/SPEC-0001.yaml": spec_text(),
                                   "old/drafts/SPEC-0009.yaml": spec_text("SPEC-0009")})
    git_repo.git("mv", "old/SPEC-0001.yaml", "specs/SPEC-0001.yaml")
    git_repo.commit("New layout", {"specrepo.yaml": "specs: specs\n"})
    git_repo.commit("A draft changed", {"old/drafts/SPEC-0009.yaml": spec_text(
        "SPEC-0009", "In Review", extra="reviewers: [Grace Hopper]\n")})
    assert mined_ids(git_repo) == {"SPEC-0001"}
    assert [event.kind for event in mine(git_repo).specs[0].events] == ["created", "moved"]
    assert run_cli("timeline", "SPEC-0009").exit_code == 2


@pytest.mark.parametrize("exclude", ["'**/template*.yaml'", "'adr/**/template*.yaml'"])
def test_a_glob_exclusion_of_one_location_only(git_repo: GitRepo, exclude: str) -> None:
    git_repo.write("specrepo.yaml", "specs: [specs, adr]\n")
    git_repo.commit("Start", {
        "adr/ADR-0001-a.yaml": spec_text("ADR-0001"),
        "adr/drafts/template-new.yaml": spec_text("TPL-0002"),
        TEMPLATE: spec_text("TPL-0001"),
        "specs/SPEC-0001.yaml": spec_text(), "specs/template-x.yaml": spec_text("SPEC-0002")})
    git_repo.commit("Exclude", {"specrepo.yaml": f"specs: [specs, adr]\nexclude: {exclude}\n"})
    in_specs = set() if exclude.startswith("'**") else {"SPEC-0002"}
    # Each was a spec until the exclusion: the history holds its life, the report not.
    assert mined_ids(git_repo) == {"SPEC-0001", "ADR-0001", "SPEC-0002", "TPL-0001",
                                   "TPL-0002"}
    listed = run_cli("report", "--format", "json")
    assert {spec["id"] for spec in json.loads(listed.stdout)["specs"]} == {
        "SPEC-0001", "ADR-0001", *in_specs}


def test_the_ids_a_change_since_a_commit_had_leave_out_excluded_files(
        git_repo: GitRepo) -> None:
    _a_linked_spec_file(git_repo)
    first = git_repo.commit("Start", {"adr/ADR-0001-a.yaml": spec_text("ADR-0001"),
                                      TEMPLATE: spec_text("TPL-0001")})
    git_repo.commit("Both changed", {"adr/ADR-0001-a.yaml": spec_text("ADR-0001", "Withdrawn"),
                                     TEMPLATE: spec_text("TPL-0001", "Withdrawn")})
    assert set(items_before(load_config(None, git_repo.root), first).items) == {"ADR-0001"}


FOLDERS = ("specs", "adr", "adr/drafts")
POOL = ("adr/template.yaml", "specs/template.yaml", "**/template*.yaml", "adr/drafts",
        "specs/*-0002.yaml", "**/*-0001.yaml", "specs/none.yaml", "adr/[d]rafts/*.yaml")
FILES = ("specs/SPEC-0001.yaml", "specs/SPEC-0002.yaml", "specs/template.yaml",
         "specs/sub/template-b.yaml", "adr/ADR-0001.yaml", "adr/template.yaml",
         "adr/drafts/ADR-0009.yaml", "adr/drafts/template.yaml", "other/x.yaml")


@pytest.fixture(scope="module")
def busy_repo(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    """Spec files in and out of every glob of `POOL`, changed, moved and copied across
    them, under configurations that excluded other globs of it."""
    repo = GitRepo(tmp_path_factory.mktemp("excluded") / "repo")
    repo.commit("Start", {"specrepo.yaml": "specs: [specs, adr]\n",
                          **{path: spec_text(f"X-{index:04}") for index, path in
                             enumerate(FILES)}})
    repo.commit("Exclude some", {"specrepo.yaml": "specs: [specs, adr]\nexclude: adr/drafts\n",
                                 **{path: spec_text(f"X-{index:04}", "In Review")
                                    for index, path in enumerate(FILES) if index % 2}})
    repo.git("mv", "adr/template.yaml", "adr/ADR-0002.yaml")
    repo.git("mv", "specs/SPEC-0002.yaml", "specs/template.yaml.yaml")
    repo.commit("Moves", {"specs/sub/ADR-0003.yaml": spec_text("X-0005")})
    repo.commit("Specs", {"specrepo.yaml": "specs: specs\nexclude: '**/template*.yaml'\n",
                          "adr/drafts/template.yaml": None,
                          "adr/drafts/ADR-0010.yaml": spec_text("X-0007", "Withdrawn")})
    repo.commit("Back", {"specrepo.yaml": "specs: [specs, adr]\n",
                         **{path: spec_text(f"X-{index:04}", "Approved")
                            for index, path in enumerate(FILES) if path in (
                                "specs/SPEC-0001.yaml", "adr/ADR-0001.yaml")}})
    return repo


exclusions = st.lists(st.sampled_from(POOL), max_size=4).map(lambda globs: tuple(sorted(set(
    globs))))


@fuzz(20)
@given(st.lists(st.tuples(st.sampled_from(FOLDERS), exclusions), min_size=1, max_size=3))
def test_the_stream_names_exactly_the_files_each_location_takes(
        busy_repo: GitRepo, places: list[tuple[str, tuple[str, ...]]]) -> None:
    locations = sorted({SpecLocation("folder", folder, exclude=exclude)
                        for folder, exclude in places})
    git = Git(busy_repo.root)
    commits = busy_repo.git("rev-list", "--reverse", "HEAD").split()
    listed: list[CommitRecord] = []
    with stream_history(git, commits, locations,
                        lambda taken: listed.extend(each.commit for each in taken),
                        lambda: None) as stream:
        stream.wait()
    streamed = {(commit.sha, change.path) for commit in listed for change in commit.changes}
    # git asked for one location alone, its matcher applying the exclusions git is not
    # given (`pathspecs`: one `git ls-files` would misread, agree56)
    alone: set[tuple[str, str]] = set()
    for location in locations:
        logged = busy_repo.git("log", "--format=%x01%H", "--name-only", "--no-renames",
                               "HEAD", "--", *pathspecs([location]))
        takes = location_matcher([location])
        for record in logged.split("\x01")[1:]:
            sha, *names = record.split()
            alone.update((sha, name) for name in names if takes(name))
    assert streamed == alone
    is_spec = location_matcher(locations)
    assert all(is_spec(path) for _, path in streamed)


@fuzz(4)
@given(exclusions, st.booleans())
def test_mined_spec_paths_are_always_ones_the_locations_take(
        busy_repo: GitRepo, exclude: tuple[str, ...], two: bool) -> None:
    config_file = busy_repo.root / "specrepo.yaml"
    config_file.write_text(f"specs: {['specs', 'adr'] if two else ['specs']}\n"
                           f"exclude: {list(exclude)}\n")
    config = load_config(config_file, busy_repo.root)
    try:
        history = mine_history(config)
    finally:
        busy_repo.git("checkout", "--", "specrepo.yaml")
    # The current locations, and those of each earlier configuration leaving out what the
    # current one excludes.
    earlier = [location for commit in busy_repo.git("rev-list", "HEAD").split()
               for location in configured_locations(
                   busy_repo.git("show", f"{commit}:specrepo.yaml").encode(), "", exclude)[0]]
    is_spec = location_matcher([*config.locations, *earlier])
    # A file the current configuration excludes: one an earlier configuration read.
    read_then = location_matcher([
        location for commit in busy_repo.git("rev-list", "HEAD").split()
        for location in configured_locations(
            busy_repo.git("show", f"{commit}:specrepo.yaml").encode(), "", ())[0]])
    excluded_now = exclusion_matcher(exclude)
    paths = {path for spec in history.specs for path in spec.paths}
    assert all(is_spec(path) or (excluded_now(path) and read_then(path)) for path in paths)
    taken = location_matcher(config.locations)
    assert {spec.current_path for spec in history.specs
            if spec.current_path is not None and taken(spec.current_path)} == {
        path for path in busy_repo.git("ls-files").split() if taken(path)}


def test_a_partial_clone_fetches_no_version_of_an_excluded_file(
        git_repo: GitRepo, tmp_path: Path) -> None:
    _no_exclusion_at_first(git_repo)
    git_repo.commit("Start", {"adr/ADR-0001-a.yaml": spec_text("ADR-0001"),
                              "specs/SPEC-0001.yaml": spec_text(),
                              TEMPLATE: spec_text("TPL-0001")})
    git_repo.commit("Both changed", {"adr/ADR-0001-a.yaml": spec_text("ADR-0001", "Withdrawn"),
                                     TEMPLATE: spec_text("TPL-0001", "Withdrawn")})
    excluded(git_repo)
    git_repo.commit("Changed once excluded", {TEMPLATE: spec_text("TPL-0001", title="B")})
    later = git_repo.git("rev-parse", f"HEAD:{TEMPLATE}")  # not HEAD's: checked out
    git_repo.commit("Changed again", {TEMPLATE: spec_text("TPL-0001", title="C")})
    git_repo.git("config", "uploadpack.allowFilter", "true")
    git_repo.git("config", "uploadpack.allowAnySHA1InWant", "true")
    clone = partial_clone(git_repo, tmp_path / "clone")
    # A spec while the first configuration read it: those versions are fetched, not the
    # one written once it was excluded.
    assert mined_ids_in(clone) == mined_ids(git_repo) == {*KEPT, "TPL-0001"}
    missing = subprocess.run(["git", "rev-list", "--objects", "--missing=print", "HEAD",
                              "--", TEMPLATE], cwd=clone, capture_output=True, check=True)
    assert f"?{later}".encode() in missing.stdout  # not fetched
