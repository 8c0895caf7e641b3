"""`specrepo site` on real repositories: what the pages show, written safely, byte-identical
whatever the cache state, checked without writing."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest

from specrepo.base import parallel
from specrepo.base.errors import ExitCode, OutputError
from specrepo.check import spec_set
from specrepo.commands.site import SiteOptions, SiteResult, run, site_name
from specrepo.configuration.config_file import load_config
from specrepo.load.schema_source import bundled_schema
from specrepo.output.page_set import PageState
from specrepo.site.html_cache import HtmlCache, save_html_cache
from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
from tests.site.html_support import elements, local_name, parse_page, text_of
from tests.support import run_cli

ATOM = "{http://www.w3.org/2005/Atom}"
REVIEWED = """\
reviewers:
  - Grace Hopper <grace@example.com>
open_questions:
  - id: Q-1
    question: Which cache?
    state: open
    owner: Ada Lovelace
"""


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """Two specs: SPEC-0001 created, put in review with a reviewer and a question; SPEC-0002
    a draft."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("add SPEC-0001", {"specs/SPEC-0001.yaml": spec_text()})
    repo.commit("review SPEC-0001", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED)}, author="Grace Hopper")
    repo.commit("add SPEC-0002", {"specs/SPEC-0002.yaml": spec_text(
        "SPEC-0002", title="Second <b>spec</b>")}, date=EPOCH + 10 * DAY)
    monkeypatch.chdir(repo.root)
    return repo


def build(repo: GitRepo, **options: object) -> SiteResult:
    return run(load_config(None, repo.root), SiteOptions(**options))  # type: ignore[arg-type]


def site_files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_site_shows_every_spec_with_its_life(history: GitRepo) -> None:
    result = build(history)
    assert result.exit_code is ExitCode.CLEAN
    files = site_files(history.root / "_site")
    assert sorted(files) == [
        "assets/site.css", "assets/site.js", "feed.atom", "index.html", "integrity.html",
        "questions.html", "reviewers.html", "specs.json", "specs/SPEC-0001.html",
        "specs/SPEC-0002.html", "stale.html"]
    for path, content in files.items():
        if path.endswith(".html"):
            parse_page(content)  # strict: any parse error raises
    feed = ElementTree.fromstring(files["feed.atom"])
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["SPEC-0002: Created as Draft", "SPEC-0001: Question Q-1 raised",
                      "SPEC-0001: Status Draft → In Review", "SPEC-0001: Created as Draft"]
    page = parse_page(files["specs/SPEC-0001.html"])
    bars = [element for element in elements(page, "rect")
            if "bar" in element.get("class", "").split()]
    assert len(bars) == 2  # Draft, then In Review
    assert "Question Q-1 raised" in text_of(page)
    index = json.loads(files["specs.json"])
    jsonschema.validate(index, bundled_schema("site-index.schema.json"))
    assert [(spec["id"], spec["status"], spec["source"]) for spec in index["specs"]] == [
        ("SPEC-0001", "In Review", "specs/SPEC-0001.yaml"),
        ("SPEC-0002", "Draft", "specs/SPEC-0002.yaml")]
    assert index["head_time"] == "2026-01-11T00:00:00Z"
    assert index["repository"] == "repo"  # no origin remote: the folder's name
    reviewers = text_of(parse_page(files["reviewers.html"]))
    assert "Grace Hopper" in reviewers and "8 days" in reviewers  # in review since day 2
    questions = text_of(parse_page(files["questions.html"]))
    assert "Which cache?" in questions and "8 days" in questions
    assert b"Second &lt;b&gt;spec&lt;/b&gt;" in files["index.html"]


def test_a_spec_moved_in_the_work_tree_keeps_its_life(history: GitRepo) -> None:
    """`git mv` not committed yet: the page shows the life of the spec the file continues,
    as the report does."""
    (history.root / "specs" / "archive").mkdir()
    history.git("mv", "specs/SPEC-0001.yaml", "specs/archive/SPEC-0001.yaml")
    assert build(history).exit_code is ExitCode.CLEAN
    page = parse_page((history.root / "_site" / "specs" / "SPEC-0001.html").read_bytes())
    assert "Question Q-1 raised" in text_of(page)
    assert "No history yet" not in text_of(page)


MARKDOWN_SUMMARY = """\
summary: |
  Uses **bold**, `code`, [a link](https://example.com) and a list:

  - one
  - two
"""


@pytest.mark.parametrize("cores", [1, 2])
def test_the_same_repository_gives_the_same_bytes_whatever_the_caches(
        history: GitRepo, cores: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: cores)
    monkeypatch.setattr(spec_set, "PARALLEL_MIN_FILES", 2)  # workers draw, with two cores
    history.commit("markdown", {f"specs/SPEC-{number:04}.yaml": spec_text(
        f"SPEC-{number:04}").replace("summary: Why and what.\n", MARKDOWN_SUMMARY.replace(
            "bold", f"bold {number}")) for number in range(3, 9)})
    cache = history.root / ".git" / "specrepo" / "site-cache.json"
    build(history)
    warm = site_files(history.root / "_site")
    assert "<strong>bold 3</strong>" in warm["specs/SPEC-0003.html"].decode()
    kept = cache.read_bytes()
    assert len(json.loads(kept.partition(b"\n")[2])) == 6  # each spec's summary
    build(history, out=history.root / "again")
    assert site_files(history.root / "again") == warm
    assert cache.read_bytes() == kept
    # A cache that knows some conversions only: the rest converted, all kept.
    _, _, payload = kept.partition(b"\n")
    some = dict(sorted(json.loads(payload).items())[::2])
    save_html_cache(history.root / ".git", HtmlCache(used=some))
    build(history, out=history.root / "partly")
    assert site_files(history.root / "partly") == warm
    assert cache.read_bytes() == kept
    shutil.rmtree(history.root / ".git" / "specrepo")  # history and HTML caches cold
    build(history, out=history.root / "cold")
    assert site_files(history.root / "cold") == warm
    assert cache.read_bytes() == kept
    assert not list(history.root.rglob("*specrepo-tmp*"))


def test_a_second_build_rewrites_nothing(history: GitRepo) -> None:
    build(history)
    before = {path: path.stat().st_mtime_ns for path in (history.root / "_site").rglob("*")}
    result = build(history)
    assert {page.state for page in result.plan.pages} == {PageState.UNCHANGED}
    assert {path: path.stat().st_mtime_ns
            for path in (history.root / "_site").rglob("*")} == before


def test_check_reports_a_stale_site_and_writes_nothing(history: GitRepo) -> None:
    result = build(history, check=True)
    assert result.exit_code is ExitCode.FINDINGS
    assert not (history.root / "_site").exists()
    assert not (history.root / ".git" / "specrepo" / "site-cache.json").exists()
    build(history)
    assert build(history, check=True).exit_code is ExitCode.CLEAN
    history.commit("approve", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002", "In Review",
                                                                  extra=REVIEWED)})
    stale = build(history, check=True)
    assert stale.exit_code is ExitCode.FINDINGS
    assert {page.path.name for page in stale.plan.drift} >= {"index.html", "SPEC-0002.html"}


def test_files_the_site_did_not_write_are_never_replaced_or_removed(history: GitRepo) -> None:
    out = history.root / "_site"
    (out / "specs").mkdir(parents=True)
    (out / "index.html").write_text("<p>my own page</p>\n")
    (out / "specs" / "notes.html").write_text("<p>my notes</p>\n")
    (out / "CNAME").write_text("specs.example.com\n")
    result = build(history)
    assert result.exit_code is ExitCode.FINDINGS
    [conflict] = result.plan.conflicts
    assert conflict.path == out / "index.html"
    assert "not generated by specrepo" in conflict.detail
    assert (out / "index.html").read_text() == "<p>my own page</p>\n"
    assert (out / "specs" / "notes.html").read_text() == "<p>my notes</p>\n"
    assert (out / "CNAME").read_text() == "specs.example.com\n"
    assert (out / "specs" / "SPEC-0001.html").is_file()


def test_pages_of_deleted_specs_are_removed(history: GitRepo) -> None:
    build(history)
    history.commit("drop SPEC-0002", {"specs/SPEC-0002.yaml": None})
    result = build(history)
    assert [page.path.name for page in result.plan.having(PageState.ORPHANED)] == [
        "SPEC-0002.html"]
    assert not (history.root / "_site" / "specs" / "SPEC-0002.html").exists()


def test_a_linked_subfolder_is_never_written_through(history: GitRepo, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (history.root / "_site").mkdir()
    os.symlink(elsewhere, history.root / "_site" / "specs")
    result = build(history)
    assert result.exit_code is ExitCode.FINDINGS
    assert {page.path.name for page in result.plan.conflicts} == {
        "SPEC-0001.html", "SPEC-0002.html"}
    assert "symbolic link" in result.plan.conflicts[0].detail
    assert list(elsewhere.iterdir()) == []


def test_an_output_folder_outside_the_repository_is_refused(history: GitRepo,
                                                           tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="site writes only inside the repository"):
        build(history, out=tmp_path / "outside")
    assert not (tmp_path / "outside").exists()


def test_leftovers_of_an_interrupted_build_are_removed(history: GitRepo) -> None:
    build(history)
    leftover = history.root / "_site" / "specs" / ".SPEC-0001.html.abcd1234.specrepo-tmp"
    leftover.write_text("half a page")
    result = build(history)
    assert [page.path for page in result.plan.having(PageState.LEFTOVER)] == [leftover]
    assert not leftover.exists()


def test_an_invalid_spec_is_left_out_and_fails_the_run(history: GitRepo) -> None:
    history.commit("break", {"specs/SPEC-0003.yaml": spec_text("SPEC-0003", "Aproved")})
    result = build(history)
    assert result.exit_code is ExitCode.FINDINGS
    assert result.validation.errors == 1
    assert not (history.root / "_site" / "specs" / "SPEC-0003.html").exists()


def test_configured_out_and_name(history: GitRepo) -> None:
    history.write("specrepo.yaml", "specs: specs\nsite:\n  out: public\n  name: Our specs\n")
    build(history)
    index = json.loads((history.root / "public" / "specs.json").read_bytes())
    assert index["repository"] == "Our specs"
    title = next(elements(parse_page((history.root / "public" / "index.html").read_bytes()),
                          "title"))
    assert local_name(title) == "title" and "Our specs" in text_of(title)


@pytest.mark.parametrize(("url", "name"), [
    ("https://github.com/acme/payments-specs.git", "payments-specs"),
    ("git@github.com:acme/payments-specs", "payments-specs"),
    ("/srv/git/specs.git/", "specs"),
])
def test_the_name_defaults_to_the_origin_remotes_repository(history: GitRepo, url: str,
                                                            name: str) -> None:
    history.git("remote", "add", "origin", url)
    assert site_name(load_config(None, history.root)) == name


def test_the_command_line_builds_then_checks(history: GitRepo) -> None:
    checked = run_cli("site", "--check")
    assert checked.exit_code == 1
    assert checked.output.splitlines()[-1] == (
        "11 files checked: 11 missing; run `specrepo site`")
    built = run_cli("site")
    assert built.exit_code == 0
    assert "_site/specs/SPEC-0001.html: created" in built.output
    assert built.output.splitlines()[-1] == "11 files: 11 created"
    again = run_cli("site", "--check")
    assert (again.exit_code, again.output) == (0, "11 files checked: 11 up to date\n")
    outside = run_cli("site", "--out", "/")
    assert outside.exit_code == 2
    assert "outside the repository" in outside.output


APPROVED = """\
reviewers: [Grace Hopper]
requirements:
  functional:
    - {id: FR-1, description: Count., priority: P0}
"""


def test_the_changelog_and_the_feed_tell_of_changes_after_approval(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    path = "specs/SPEC-0001.yaml"
    repo.commit("Draft", {path: spec_text(extra=APPROVED)})
    repo.commit("Review", {path: spec_text(status="In Review", extra=APPROVED)})
    repo.commit("Approve", {path: spec_text(status="Approved", extra=APPROVED)},
                author="Grace Hopper")
    tweak = repo.commit("Tweak", {path: spec_text(
        status="Approved", extra=APPROVED.replace("Count.", "Count all.") + "  non_functional:"
        "\n    - {id: NFR-1, category: Speed, requirement: Fast., target: 1 s}\n")},
        author="Linus Pauling")
    again = repo.commit("Tweak again", {path: spec_text(
        status="Approved", extra=APPROVED.replace("Count.", "Count everything.") + "  non_"
        "functional:\n    - {id: NFR-1, category: Speed, requirement: Fast., target: 1 s}\n")},
        author="Mallory")
    build(repo)
    files = site_files(repo.root / "_site")
    page = text_of(parse_page(files["specs/SPEC-0001.html"]))
    assert page.count("requirements.functional[FR-1] changed: protected, not approved "
                      "since") == 2  # every change no approval covers, not only the first
    assert "requirements.non_functional changed: protected, not approved since" in page
    assert "Changed after approval (requirements.functional[FR-1])" in page  # its history
    feed = ElementTree.fromstring(files["feed.atom"])
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == [
        "SPEC-0001: Changed after approval (requirements.functional[FR-1])",
        "SPEC-0001: Changed after approval (requirements.functional[FR-1])",
        "SPEC-0001: Changed after approval (requirements.non_functional)",
        "SPEC-0001: Status In Review → Approved", "SPEC-0001: Status Draft → In Review",
        "SPEC-0001: Created as Draft"]
    contents = [entry.findtext(f"{ATOM}content") or "" for entry in feed.iter(f"{ATOM}entry")]
    assert f"commit {again[:7]}" in contents[0] and f"commit {tweak[:7]}" in contents[1]
    assert {category.get("term") for category in feed.iter(f"{ATOM}category")} == {
        "changed-after-approval", "status-changed", "created"}


def test_no_spec_file_is_a_configuration_error_unless_allowed(history: GitRepo) -> None:
    history.commit("remove the specs", {"specs/SPEC-0001.yaml": None,
                                        "specs/SPEC-0002.yaml": None})
    refused = run_cli("site")
    assert refused.exit_code == 2
    assert "no spec file" in refused.output
    assert not (history.root / "_site").exists()
    allowed = run_cli("site", "--allow-empty")
    assert allowed.exit_code == 0
    assert (history.root / "_site/index.html").is_file()


def test_relative_links_of_markdown_specs_lead_where_they_lead_beside_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Markdown spec's `../guide.md` means docs/guide.md, as on the code host: on the
    site's page it is rebased, never copied as written (it would name _site/guide.md)."""
    repo = GitRepo(tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    example = Path(__file__).resolve().parents[2] / "examples" / "madr-markdown"
    shutil.copytree(example, repo.root, dirs_exist_ok=True)
    [record] = sorted((repo.root / "docs" / "decisions").glob("0001-*.md"))
    record.write_text(record.read_text() + "\nRead the [guide](../guide.md).\n")
    repo.commit("Records", {"docs/guide.md": "# Guide\n"})
    build(repo)
    page = next((repo.root / "_site" / "specs").glob("ADR-0001.html"))
    hrefs = [link.get("href") for link in elements(parse_page(page.read_bytes()), "a")
             if text_of(link) == "guide"]
    assert hrefs == ["../../docs/guide.md"]
    assert (page.parent / "../../docs/guide.md").resolve() == repo.root / "docs" / "guide.md"


def test_a_site_committed_on_its_own_is_up_to_date_at_that_commit(history: GitRepo) -> None:
    """Every page names the commit it is built from, and ages count to its time: HEAD's,
    so the commit that added a fresh site left it out of date, and `site --check` could
    never pass on a committed site (newuser69 L). It is built from the newest commit that
    changed more than sites' own files."""
    sources = history.git("rev-parse", "HEAD")
    build(history)
    built = site_files(history.root / "_site")
    history.commit("publish the site", date=EPOCH + 400 * DAY)  # a year on: ages would move
    history.commit("nothing at all", date=EPOCH + 401 * DAY)
    assert build(history, check=True).exit_code is ExitCode.CLEAN
    index = json.loads(built["specs.json"])
    assert index["head"] == sources
    history.commit("a change", {"notes.txt": "x\n"}, date=EPOCH + 402 * DAY)
    assert build(history, check=True).exit_code is ExitCode.FINDINGS
    build(history)
    assert json.loads((history.root / "_site/specs.json").read_text())["head"] == \
        history.git("rev-parse", "HEAD")


def test_a_site_folder_holding_the_specs_is_built_from_head(history: GitRepo) -> None:
    """Excluding the folder would leave out the spec commits: the site named an older
    commit and warned of clocks ahead on every run (newuser70 L)."""
    build(history, out=history.root / "specs")
    history.commit("publish the site")
    history.commit("review", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002", "In Review",
                                                                 extra=REVIEWED)})
    result = build(history, out=history.root / "specs")
    assert not result.warnings
    index = json.loads((history.root / "specs/specs.json").read_text())
    assert index["head"] == history.git("rev-parse", "HEAD")
