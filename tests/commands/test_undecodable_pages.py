"""render and site with Markdown specs whose file or folder name holds bytes that are not
UTF-8 (trial43 render-site-crash-non-utf8-md-names, HIGH: `render`, `render --check` and
`site` stopped with an internal error, exit 3): every link percent-encodes the name's bytes
(`%E9`) and leads to the file; the text shows the byte as the table does (`\\xe9`)."""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from specrepo.base.name_forms import url_path
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import fuzz, run_cli

CONFIG = ("specs: docs/adr\nfront_matter: true\nschema: s.json\nfields: {reviewers: null, "
          "questions: null, related: [], item_lists: [], superseded_by: null}\n")
_MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HREF = re.compile(r'href="([^"#]+)"')


def adr(spec_id: str, body: str = "") -> str:
    return (f"---\nid: {spec_id}\ntitle: Title of {spec_id}\nstatus: Draft\nauthors: [a]\n"
            f"---\n\n# Title of {spec_id}\n{body}")


def _leads_to(folder: Path, href: str) -> Path:
    """The file a relative `href` on a page in `folder` leads to (its bytes decoded as
    specrepo reads names)."""
    return Path(os.fsdecode(posixpath.normpath(
        os.fsencode(folder) + b"/" + unquote_to_bytes(href))))


def _repository(git_repo: GitRepo, folder: str, name: str) -> None:
    """ADR-0001 at the top of docs/adr (linking the other spec's file and the picture
    beside it), ADR-0004 named `name` in `docs/adr/<folder>`, beside `diagram.png`."""
    beside = f"docs/adr/{folder}"
    git_repo.commit("Specs", {
        "specrepo.yaml": CONFIG, "s.json": '{"type": "object"}\n',
        "docs/adr/ADR-0001-one.md": adr("ADR-0001", f"\nSee [four]({url_path(folder)}/"
                                        f"{url_path(name, safe='')}).\n"),
        f"{beside}/{name}": adr("ADR-0004", "\nSee ![d](diagram.png) and [one](../"
                                "ADR-0001-one.md) of the folder above.\n"
                                if folder != "." else "\n"),
        f"{beside}/diagram.png": b"png\n"})


def test_render_links_a_markdown_spec_by_the_bytes_of_its_name(git_repo: GitRepo) -> None:
    _repository(git_repo, ".", os.fsdecode(b"ADR-0004-caf\xe9.md"))
    result = run_cli("render")
    assert result.exit_code == 0, result.output
    index = git_repo.root / "docs" / "specs" / "index.md"
    text = index.read_text(encoding="utf-8")  # strict
    assert "[ADR-0004](../adr/ADR-0004-caf%E9.md)" in text
    assert all(_leads_to(index.parent, href).is_file()
               for href in _MARKDOWN_LINK.findall(text))
    assert run_cli("render", "--check").exit_code == 0


def test_the_site_links_what_a_spec_in_a_latin1_folder_links(git_repo: GitRepo) -> None:
    _repository(git_repo, os.fsdecode(b"caf\xe9"), "ADR-0004.md")
    result = run_cli("site")
    assert result.exit_code == 0, result.output
    pages = git_repo.root / "_site" / "specs"
    four = (pages / "ADR-0004.html").read_text(encoding="utf-8")
    assert 'href="../../docs/adr/caf%E9/diagram.png"' in four
    assert 'href="ADR-0001.html"' in four  # a spec file's link leads to its page
    one = (pages / "ADR-0001.html").read_text(encoding="utf-8")
    assert 'href="ADR-0004.html"' in one  # written `caf%E9/ADR-0004.md`
    assert r"docs/adr/caf\xe9/ADR-0004.md" in four  # its source, as the table shows it


_NAME = st.binary(min_size=1, max_size=10).filter(
    lambda raw: b"\0" not in raw and b"/" not in raw and not raw.startswith(b".")).map(
    os.fsdecode)
"""A name git keeps: any bytes but `/` and NUL; no leading dot, as a folder of `specs:`
does not enter a hidden folder (a note says so)."""


@fuzz(6, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(folder=_NAME, name=_NAME)
def test_any_names_render_and_site_with_links_to_the_files(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
        folder: str, name: str) -> None:
    """Any bytes git keeps as a folder's name and in a spec file's (`ADR-0004-<name>.md`):
    render and site end cleanly, and every relative link they write leads to a file that exists."""
    git_repo = GitRepo(tmp_path_factory.mktemp("names") / "repo")
    monkeypatch.chdir(git_repo.root)
    _repository(git_repo, folder, f"ADR-0004-{name}.md")
    rendered = run_cli("render")
    assert rendered.exit_code == 0, rendered.output
    index = git_repo.root / "docs" / "specs" / "index.md"
    links = _MARKDOWN_LINK.findall(index.read_text(encoding="utf-8"))
    assert len(links) == 2 and all(_leads_to(index.parent, href).is_file() for href in links)
    site = run_cli("site")
    assert site.exit_code == 0, site.output
    pages = git_repo.root / "_site" / "specs"
    four = (pages / "ADR-0004.html").read_text(encoding="utf-8")
    hrefs = [href for href in _HREF.findall(four) if href.startswith("../../")]
    assert hrefs and all(_leads_to(pages, href).is_file() for href in hrefs), hrefs
    assert 'href="ADR-0004.html"' in (pages / "ADR-0001.html").read_text(encoding="utf-8")


def test_render_rebases_a_link_of_a_yaml_spec_in_a_latin1_folder(git_repo: GitRepo) -> None:
    """The bundled format too: a relative link in a spec in `caf\\xe9 x/` stopped render."""
    folder = os.fsdecode(b"specs/caf\xe9 x")
    git_repo.commit("Spec", {
        f"{folder}/SPEC-0001.yaml": spec_text().replace(
            "summary: ", "summary: See [d](diagram.png). ", 1),
        f"{folder}/diagram.png": b"png\n"})
    result = run_cli("render")
    assert result.exit_code == 0, result.output
    page = git_repo.root / "docs" / "specs" / "SPEC-0001.md"
    text = page.read_text(encoding="utf-8")
    assert "[d](../../specs/caf%E9%20x/diagram.png)" in text
    assert _leads_to(page.parent, "../../specs/caf%E9%20x/diagram.png").is_file()
