"""On render's pages, a link in a spec's text to another spec's file, in any folder, leads to
that spec's page (the site's rule, `LinkBase.spec_pages`); the page is drawn again when the
linked spec's page changes (renumbered, deleted, added), whatever the page cache holds, and
`render --check` says so (note 26, F4)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from specrepo.output.page_cache import CACHE_FILE
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

OUT = Path("docs/specs")

LINKING = spec_text("SPEC-0001", extra=(
    "background:\n"
    "  current_state: >-\n"
    "    See [the decision](../adr/0003-queue.yaml), [its goals](../adr/0003-queue.yaml#goals),\n"
    "    [from the top](/adr/0003-queue.yaml), [its lines](../adr/0003-queue.yaml#L3-L5),\n"
    "    [a sibling](SPEC-0002.yaml), [itself](./SPEC-0001.yaml#summary),\n"
    "    [to come](../adr/0004-cache.yaml), [notes](../adr/notes.md)\n"
    "    and ![a diagram](../adr/flow.png).\n"
    "  related_work:\n"
    "    - url: ../adr/0003-queue.yaml\n"
    "      note: the decision by its url\n"))


def adr(spec_id: str, title: str = "Queue") -> str:
    return spec_text(spec_id, title=title)


def repository(git_repo: GitRepo) -> GitRepo:
    """specs/ and adr/ (whose files are named by number, not id): SPEC-0001 links to
    ADR-0003's file in adr/ in every way a spec may, to its sibling SPEC-0002, and to files
    that are not specs (yet)."""
    git_repo.write("specrepo.yaml", "specs: [specs, adr]\nrules:\n  file-name: off\n")
    git_repo.write("specs/SPEC-0001.yaml", LINKING)
    git_repo.write("specs/SPEC-0002.yaml", spec_text("SPEC-0002"))
    git_repo.write("adr/0001-log.yaml", adr("ADR-0001", "Log"))
    git_repo.write("adr/0003-queue.yaml", adr("ADR-0003"))
    git_repo.write("adr/notes.md", "# Notes\n")
    git_repo.commit("Specs")
    return git_repo


def render(*arguments: str) -> int:
    result = run_cli("render", *arguments, no_traceback=True)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code


def links(root: Path, page: str = "SPEC-0001.md") -> dict[str, str]:
    """The page's links by their text (an image's with `!`)."""
    text = (root / OUT / page).read_text(encoding="utf-8")
    return {f"{bang}{label}": target
            for bang, label, target in re.findall(r"(!?)\[([^\]]+)\]\(([^)\s]+)\)", text)}


def pages(root: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((root / OUT).iterdir())}


def test_links_to_spec_files_lead_to_their_pages(git_repo: GitRepo) -> None:
    root = repository(git_repo).root
    assert render() == 0
    found = links(root)
    assert found["the decision"] == "ADR-0003.md"
    assert found["its goals"] == "ADR-0003.md#goals"
    assert found["from the top"] == "ADR-0003.md"
    assert found["a sibling"] == "SPEC-0002.md"
    assert found["itself"] == "SPEC-0001.md#summary"
    assert found["../adr/0003-queue.yaml"] == "ADR-0003.md"  # a related_work url
    # A file's own line anchors, files that are no specs, and images lead to the files.
    assert found["its lines"] == "../../adr/0003-queue.yaml#L3-L5"
    assert found["to come"] == "../../adr/0004-cache.yaml"
    assert found["notes"] == "../../adr/notes.md"
    assert found["!a diagram"] == "../../adr/flow.png"


def test_stdout_and_a_partial_render_give_the_page_render_writes(git_repo: GitRepo) -> None:
    root = repository(git_repo).root
    assert render() == 0
    written = (root / OUT / "SPEC-0001.md").read_text(encoding="utf-8")
    result = run_cli("render", "--stdout", "specs/SPEC-0001.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == written
    (root / ".git" / CACHE_FILE).unlink()
    (root / OUT / "SPEC-0001.md").unlink()
    assert render("specs/SPEC-0001.yaml") == 0
    assert (root / OUT / "SPEC-0001.md").read_text(encoding="utf-8") == written


def _cold(root: Path) -> dict[str, bytes]:
    """The pages a render with no cache and no earlier pages writes."""
    warm = pages(root)
    shutil.rmtree(root / OUT)
    (root / ".git" / CACHE_FILE).unlink()
    assert render() == 0
    cold = pages(root)
    assert cold == warm
    return cold


def test_a_renumbered_linked_spec_redraws_the_linking_page(git_repo: GitRepo) -> None:
    repo = repository(git_repo)
    root = repo.root
    assert render() == 0
    assert render() == 0
    before = pages(root)
    assert render("--check") == 0
    repo.write("adr/0003-queue.yaml", adr("ADR-0033"))  # renumbered, same file
    check = run_cli("render", "--check")
    assert check.exit_code == 1
    assert re.search(r"SPEC-0001\.md.*out of date|out of date.*SPEC-0001\.md", check.output,
                     re.DOTALL), check.output
    assert render() == 0
    assert links(root)["the decision"] == "ADR-0033.md"
    assert links(root)["its goals"] == "ADR-0033.md#goals"
    assert pages(root)["SPEC-0001.md"] != before["SPEC-0001.md"]
    assert pages(root)["SPEC-0002.md"] == before["SPEC-0002.md"]
    assert render("--check") == 0
    _cold(root)


def test_a_deleted_or_added_linked_spec_redraws_the_linking_page(git_repo: GitRepo) -> None:
    repo = repository(git_repo)
    root = repo.root
    assert render() == 0
    (root / "adr/0003-queue.yaml").unlink()
    assert run_cli("render", "--check").exit_code == 1
    assert render() == 0
    assert links(root)["the decision"] == "../../adr/0003-queue.yaml"
    assert links(root)["from the top"] == "../../adr/0003-queue.yaml"
    assert render("--check") == 0
    repo.write("adr/0004-cache.yaml", adr("ADR-0004", "Cache"))
    assert run_cli("render", "--check").exit_code == 1
    assert render() == 0
    assert links(root)["to come"] == "ADR-0004.md"
    assert render("--check") == 0
    _cold(root)


def test_a_linked_spec_moved_to_another_file_redraws_the_linking_page(
        git_repo: GitRepo) -> None:
    """The link names the old file: once the spec is elsewhere it leads to that file (a
    broken link, as on GitHub), and back to the page when a spec is there again."""
    repo = repository(git_repo)
    root = repo.root
    assert render() == 0
    repo.git("mv", "adr/0003-queue.yaml", "adr/0003-queues.yaml")
    assert run_cli("render", "--check").exit_code == 1
    assert render() == 0
    assert links(root)["the decision"] == "../../adr/0003-queue.yaml"
    repo.git("mv", "adr/0003-queues.yaml", "adr/0003-queue.yaml")
    assert render() == 0
    assert links(root)["the decision"] == "ADR-0003.md"
    _cold(root)


def test_an_unchanged_repository_draws_no_page_again(git_repo: GitRepo) -> None:
    root = repository(git_repo).root
    assert render() == 0
    first = pages(root)
    stamps = {path.name: path.stat().st_mtime_ns for path in (root / OUT).iterdir()}
    cache = (root / ".git" / CACHE_FILE).read_bytes()
    assert render() == 0
    assert pages(root) == first
    assert {path.name: path.stat().st_mtime_ns for path in (root / OUT).iterdir()} == stamps
    assert (root / ".git" / CACHE_FILE).read_bytes() == cache
