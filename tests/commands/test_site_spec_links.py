"""A link in a spec's text to another spec's file, in any folder (`../machine-config/x.md`,
`/enhancements/monitoring/x.md` from the top of the work tree), leads to that spec's site
page, with its fragment; links to other files keep leading to the files (trial 26, F4)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import Result

from tests.history.gitrepo import GitRepo, spec_text
from tests.site.html_support import elements, parse_page, text_of
from tests.support import run_cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GITHUB = "https://github.com/acme/enhancements/blob/main"
DNS = "enhancements/dns/dns-over-tls-upstreams.md"


def site() -> Result:
    result = run_cli("site")
    assert result.exit_code == 0, result.output
    return result


def hrefs(page: Path) -> dict[str, str | None]:
    return {text_of(link): link.get("href")
            for link in elements(parse_page(page.read_bytes()), "a")}


def ids(page: Path) -> set[str]:
    return {str(element.get("id")) for element in parse_page(page.read_bytes()).iter()
            if element.get("id") is not None}


@pytest.fixture
def enhancements(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """The OpenShift-style example: one enhancement links to two others in other folders,
    by a relative path and by a path from the top of the work tree, and to a README."""
    repo = GitRepo(tmp_path / "repo")
    shutil.rmtree(repo.root / "specs")
    (repo.root / "specrepo.yaml").unlink()
    shutil.copytree(EXAMPLES / "enhancements", repo.root, dirs_exist_ok=True)
    dns = repo.root / DNS
    dns.write_text(dns.read_text().replace("\n## Motivation\n", (
        "\nSee [pinned](../machine-config/pinned-images.md), "
        "[routing](/enhancements/monitoring/namespace-alert-routing.md#proposal), "
        "[stories](../monitoring/namespace-alert-routing.md#user-stories), "
        "[self](./dns-over-tls-upstreams.md#summary), [guide](../../guidelines/README.md) "
        "and [missing](../monitoring/gone.md).\n\n## Motivation\n"), 1))
    repo.commit("Enhancements")
    monkeypatch.chdir(repo.root)
    return repo


def test_links_to_specs_in_other_folders_lead_to_their_pages(enhancements: GitRepo) -> None:
    site()
    pages = enhancements.root / "_site/specs"
    links = hrefs(pages / "dns-over-tls-upstreams.html")
    assert [links[name] for name in ("pinned", "routing", "stories", "self")] == [
        "pinned-images.html", "namespace-alert-routing.html#proposal",
        "namespace-alert-routing.html#user-stories", "dns-over-tls-upstreams.html#summary"]
    # Other files: rebased to the file from the page, as before.
    assert (links["guide"], links["missing"]) == (
        "../../guidelines/README.md", "../../enhancements/monitoring/gone.md")
    # Each fragment names a heading's id on the page it leads to (GitHub's slugs).
    assert {"proposal", "user-stories"} <= ids(pages / "namespace-alert-routing.html")
    assert "summary" in ids(pages / "dns-over-tls-upstreams.html")


def test_with_a_repository_url_spec_links_still_lead_to_the_pages(
        enhancements: GitRepo) -> None:
    config = enhancements.root / "specrepo.yaml"
    config.write_text(config.read_text() + f"site: {{repository_url: '{GITHUB}'}}\n")
    site()
    links = hrefs(enhancements.root / "_site/specs/dns-over-tls-upstreams.html")
    assert (links["pinned"], links["routing"]) == (
        "pinned-images.html", "namespace-alert-routing.html#proposal")
    assert links["guide"] == f"{GITHUB}/guidelines/README.md"


def test_yaml_specs_link_to_spec_files_in_other_folders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "repo")
    (repo.root / "specrepo.yaml").write_text("specs: [specs/core, specs/auth]\n")
    linking = spec_text("SPEC-0001").replace(
        "summary: Why and what.",
        "summary: 'Builds on [tokens](../auth/SPEC-0002-tokens.yaml#fr-1), "
        "[top](/specs/auth/SPEC-0002-tokens.yaml) and [notes](../auth/notes.md).'")
    repo.commit("Specs", {"specs/core/SPEC-0001-login.yaml": linking,
                          "specs/auth/SPEC-0002-tokens.yaml": spec_text("SPEC-0002"),
                          "specs/auth/notes.md": "# Notes\n"})
    monkeypatch.chdir(repo.root)
    site()
    links = hrefs(repo.root / "_site/specs/SPEC-0001.html")
    assert (links["tokens"], links["top"], links["notes"]) == (
        "SPEC-0002.html#fr-1", "SPEC-0002.html", "../../specs/auth/notes.md")
