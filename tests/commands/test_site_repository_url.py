"""`site.repository_url`: links from a published site to the repository's files (a spec's
links to code, the trace tables' code and tests, each spec's source) lead to the code host
instead of outside the site folder (issue #20)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from specrepo.base.errors import ConfigError, UsageError
from specrepo.base.links import LinkBase, RepositoryLinks
from specrepo.commands.site import SiteOptions, SiteResult, run
from specrepo.configuration.config_file import load_config
from specrepo.configuration.repository_url import check_repository_url
from tests.commands.test_trace import SOURCES
from tests.history.gitrepo import GitRepo, spec_text
from tests.site.html_support import elements, parse_page, text_of
from tests.support import run_cli

GITHUB = "https://github.com/acme/specs/blob/main"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def build(repo: GitRepo, **options: object) -> SiteResult:
    """The site of the configuration in the working folder."""
    return run(load_config(None, Path.cwd()), SiteOptions(**options))  # type: ignore[arg-type]


def hrefs(page: Path) -> dict[str, str | None]:
    return {text_of(link): link.get("href")
            for link in elements(parse_page(page.read_bytes()), "a")}


@pytest.fixture
def madr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """The MADR example in a subfolder of the repository, one record linking to code, a
    guide, a file from the top, the site and the web."""
    repo = GitRepo(tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    (repo.root / "specrepo.yaml").unlink()
    shutil.copytree(EXAMPLES / "madr-markdown", repo.root / "adr")
    [record] = sorted((repo.root / "adr/docs/decisions").glob("0001-*.md"))
    record.write_text(record.read_text() + (
        "\nSee [the queue](../../src/queue.py#L3), [the guide](../guide.md), "
        "[folder](../../src/), [top](/README.md), [feed](../../_site/feed.atom), "
        "[out](../../../../x.md), [web](https://example.com/a), [part](#context).\n"
        "![shot](../img/p.png) ![top shot](</img/q.png>) ![web shot](https://example.com/i.png)"
        "\n"))
    repo.commit("Records", {"adr/docs/guide.md": "# Guide\n", "adr/src/queue.py": "x = 1\n",
                            "README.md": "# Top\n"})
    monkeypatch.chdir(repo.root / "adr")
    return repo


def test_unset_links_stay_relative_as_from_a_checkout(madr: GitRepo) -> None:
    build(madr)
    links = hrefs(madr.root / "adr/_site/specs/ADR-0001.html")
    assert links["the queue"] == "../../src/queue.py#L3"
    assert links["the guide"] == "../../docs/guide.md"
    # A path from the top of the work tree, as GitHub reads it, from where the page is: a
    # site-root path would leave the checkout from file:// and the repository on Pages.
    assert links["top"] == "../../../README.md"
    assert links["Image: shot"] == "../../docs/img/p.png"  # images as links are
    assert links["Image: top shot"] == "../../../img/q.png"
    assert links["Image: web shot"] == "https://example.com/i.png"
    assert not any(href and href.startswith(GITHUB) for href in links.values())


def test_links_to_repository_files_lead_to_the_code_host(madr: GitRepo) -> None:
    config = (madr.root / "adr/specrepo.yaml").read_text()
    madr.commit("URL", {"adr/specrepo.yaml": config + f"site:\n  repository_url: {GITHUB}/\n"})
    build(madr)
    links = hrefs(madr.root / "adr/_site/specs/ADR-0001.html")
    assert links["the queue"] == f"{GITHUB}/adr/src/queue.py#L3"
    assert links["the guide"] == f"{GITHUB}/adr/docs/guide.md"
    assert links["folder"] == f"{GITHUB}/adr/src/"
    assert links["top"] == f"{GITHUB}/README.md"
    # An image leads to the file itself (GitHub's raw/ path), not to a page showing it.
    raw = GITHUB.replace("/blob/", "/raw/")
    assert links["Image: shot"] == f"{raw}/adr/docs/img/p.png"
    assert links["Image: top shot"] == f"{raw}/img/q.png"
    assert links["Image: web shot"] == "https://example.com/i.png"
    assert links["feed"] == "../feed.atom"  # a file of the site stays on the site
    assert links["out"] == "../../../../x.md"  # outside the work tree: no file of the host
    assert (links["web"], links["part"]) == ("https://example.com/a", "#context")
    source = "adr/docs/decisions/0001-use-postgresql-as-the-job-queue.md"
    assert links[source] == f"{GITHUB}/{source}"
    assert build(madr, check=True).exit_code == 0


def test_commit_placeholder_names_head_and_the_output_is_the_same_per_commit(
        madr: GitRepo) -> None:
    config = (madr.root / "adr/specrepo.yaml").read_text()
    url = "https://github.com/acme/specs/blob/{commit}"
    head = madr.commit("URL", {"adr/specrepo.yaml": config + f"site:\n  repository_url: '{url}'\n"})
    build(madr)
    page = madr.root / "adr/_site/specs/ADR-0001.html"
    first = page.read_bytes()
    assert hrefs(page)["the guide"] == f"https://github.com/acme/specs/blob/{head}/adr/docs/guide.md"
    build(madr)
    assert page.read_bytes() == first


def test_the_default_url_applies_only_where_the_configuration_sets_none(
        madr: GitRepo) -> None:
    build(madr, default_repository_url="https://git.example.com/acme/specs/-/blob/v1")
    page = madr.root / "adr/_site/specs/ADR-0001.html"
    assert hrefs(page)["the guide"] == "https://git.example.com/acme/specs/-/blob/v1/adr/docs/guide.md"
    assert hrefs(page)["Image: shot"] == \
        "https://git.example.com/acme/specs/-/raw/v1/adr/docs/img/p.png"
    config = (madr.root / "adr/specrepo.yaml").read_text()
    madr.commit("URL", {"adr/specrepo.yaml": config + f"site:\n  repository_url: {GITHUB}\n"})
    build(madr, default_repository_url="https://git.example.com/acme/specs/-/blob/v1")
    assert hrefs(page)["the guide"] == f"{GITHUB}/adr/docs/guide.md"
    with pytest.raises(UsageError, match="--default-repository-url: 'ftp://x/y' is not an"):
        build(madr, default_repository_url="ftp://x/y")


def test_trace_tables_link_code_and_tests_to_their_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "repo")
    sources: dict[str, str | bytes | None] = dict(SOURCES)
    sources["specrepo.yaml"] = SOURCES["specrepo.yaml"] + \
        f"site: {{repository_url: '{GITHUB}'}}\n"
    repo.commit("Specs, code and tests", sources)
    monkeypatch.chdir(repo.root)
    build(repo)
    links = hrefs(repo.root / "_site/specs/SPEC-0042.html")
    assert links["src/login.py:1"] == f"{GITHUB}/src/login.py#L1"
    assert links["tests/test_login.py:1"] == f"{GITHUB}/tests/test_login.py#L1"
    assert links["specs/SPEC-0042-login.yaml"] == f"{GITHUB}/specs/SPEC-0042-login.yaml"
    trace = hrefs(repo.root / "_site/trace.html")
    assert trace["src/web/form.ts:1"] == f"{GITHUB}/src/web/form.ts#L1"


def test_yaml_specs_links_to_repository_files_lead_to_the_host(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "repo")
    (repo.root / "specrepo.yaml").write_text(f"site: {{repository_url: '{GITHUB}'}}\n")
    spec = spec_text("SPEC-0050").replace(
        "summary: Why and what.",
        "summary: 'See [code](../src/sso.py), ![flow](img/flow.png), ![top](/img/t.png), "
        "[readme](/README.md).'")
    repo.commit("SSO", {"specs/SPEC-0050-sso.yaml": spec, "src/sso.py": "x = 1\n"})
    monkeypatch.chdir(repo.root)
    build(repo)
    links = hrefs(repo.root / "_site/specs/SPEC-0050.html")
    raw = GITHUB.replace("/blob/", "/raw/")
    assert (links["code"], links["readme"]) == (f"{GITHUB}/src/sso.py", f"{GITHUB}/README.md")
    assert (links["Image: flow"], links["Image: top"]) == (f"{raw}/specs/img/flow.png",
                                                           f"{raw}/img/t.png")
    # Unset: every one of them relative to the page, as from a checkout.
    repo.commit("No URL", {"specrepo.yaml": "specs: specs\n"})
    build(repo)
    links = hrefs(repo.root / "_site/specs/SPEC-0050.html")
    assert [links[name] for name in ("code", "readme", "Image: flow", "Image: top")] == [
        "../../src/sso.py", "../../README.md", "../../specs/img/flow.png", "../../img/t.png"]


@pytest.mark.parametrize(("url", "message"), [
    ("github.com/acme/specs", "is not an http(s) URL"),
    ("ftp://example.com/specs", "is not an http(s) URL"),
    ("https:///path", "is not an http(s) URL"),
    ("https://github.com/acme/specs/blob/main?plain=1", "has a query or fragment"),
    ("https://github.com/acme/specs/blob/main#top", "has a query or fragment"),
    ("https://github.com/acme/my specs", "holds ' ', which a URL must percent-encode"),
    ("https://github.com/acme/\"><script>", "holds '\"', which a URL must percent-encode"),
    ("https://github.com/acme/specs/blob/{branch}", "the only placeholder is {commit}"),
])
def test_a_bad_url_is_a_configuration_error_at_its_line(
        tmp_path: Path, url: str, message: str) -> None:
    (tmp_path / "specrepo.yaml").write_text(f"specs: specs\nsite:\n  repository_url: '{url}'\n")
    with pytest.raises(ConfigError) as raised:
        load_config(None, tmp_path)
    assert "specrepo.yaml:3:19: site.repository_url: " in str(raised.value)
    assert message in str(raised.value)
    result = run_cli("--config", str(tmp_path / "specrepo.yaml"), "site")
    assert result.exit_code == 2


def test_good_urls_lose_their_trailing_slash() -> None:
    assert check_repository_url("https://github.com/o/r/blob/main/") == \
        "https://github.com/o/r/blob/main"
    assert check_repository_url("HTTP://host:8080/~o/r/src/{commit}") == \
        "HTTP://host:8080/~o/r/src/{commit}"


@pytest.mark.parametrize(("url", "raw"), [
    ("https://github.com/o/r/blob/main", "https://github.com/o/r/raw/main"),
    ("https://github.com/blob/blob/blob/v1", "https://github.com/blob/blob/raw/v1"),
    ("https://ghe.example.com/o/r/blob/abc", "https://ghe.example.com/o/r/raw/abc"),
    ("https://gitlab.com/g/sub/r/-/blob/main", "https://gitlab.com/g/sub/r/-/raw/main"),
    ("https://github.com/o/r/tree/main", "https://github.com/o/r/tree/main"),
    ("https://github.com/o/r/blob", "https://github.com/o/r/blob"),  # no ref: no file URL
    ("https://h/r/src/branch/main", "https://h/r/src/branch/main"),  # generic: as links
    ("https://h/blob", "https://h/blob"),
])
def test_images_lead_to_the_file_itself_where_the_host_has_a_raw_path(url: str,
                                                                       raw: str) -> None:
    links = LinkBase("docs", "_site/specs", RepositoryLinks(url, "_site"), ".")
    assert links.rebase("img/p.png", image=True) == f"{raw}/docs/img/p.png"
    assert links.rebase("img/p.png") == f"{url}/docs/img/p.png"


@pytest.mark.parametrize(("destination", "expected"), [
    ("../src/a.py", "https://h/r/src/a.py"),
    ("../src/a.py?plain=1#L2", "https://h/r/src/a.py?plain=1#L2"),
    ("../_site/x.html", "../x.html"),
    ("./", "https://h/r/docs/"),
    ("../../..", "../../../.."),
    ("/docs/x.md", "https://h/r/docs/x.md"),
    ("//evil.example/x", "//evil.example/x"),
    ("mailto:a@b", "mailto:a@b"),
])
def test_link_base_with_repository_links(destination: str, expected: str) -> None:
    links = LinkBase("docs", "_site/specs", RepositoryLinks("https://h/r", "_site"), ".")
    assert links.rebase(destination) == expected
