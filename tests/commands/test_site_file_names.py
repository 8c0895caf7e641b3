"""The site spells a file name as the text outputs do (`base.one_line`): a byte that is not
UTF-8 as `\\xe9`, a tab as `\\t`, HTML-escaped, wherever a path appears; specs.json too
(`\\\\xe9` in its text: strict JSON parsers refuse the escape `\\udce9`); links to the
repository percent-encode the byte."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.history.gitrepo import GitRepo, spec_text
from tests.site.html_support import parse_page, text_of
from tests.support import run_cli

LATIN1 = os.fsdecode(b"specs/SPEC-0002-caf\xe9.yaml")
SHOWN = r"specs/SPEC-0002-caf\xe9.yaml"
TABBED = "specs/SPEC-0003-a\tb.yaml"


def test_paths_on_the_site_are_spelt_as_the_text_outputs_spell_them(
        git_repo: GitRepo) -> None:
    git_repo.commit("add", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002"),
                            TABBED: spec_text("SPEC-0003")})
    git_repo.git("mv", "specs/SPEC-0002.yaml", LATIN1)
    git_repo.commit("rename")
    git_repo.commit("break", {LATIN1: "id: SPEC-0002\nstatus: [unclosed\n"})
    git_repo.commit("mend", {LATIN1: spec_text("SPEC-0002"),
                             "specrepo.yaml": "specs: specs\nsite:\n  repository_url: "
                                              "https://git.example.com/acme/specs/blob/main\n"})
    assert SHOWN in run_cli("report").output  # the text outputs' spelling
    result = run_cli("site")
    assert result.exit_code == 0, result.output
    site = git_repo.root / "_site"
    pages = {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*")
             if path.is_file()}
    for name, content in pages.items():
        assert b"udce9" not in content, name
    spec_page = pages["specs/SPEC-0002.html"]
    text = " ".join(text_of(parse_page(spec_page)).split())
    assert f"Source{SHOWN}" in text
    assert f"Moved from specs/SPEC-0002.yaml to {SHOWN}" in text
    assert f"each kept its last readable value: {SHOWN}:" in text  # the integrity notice
    assert b'href="https://git.example.com/acme/specs/blob/main/specs/SPEC-0002-caf%E9.yaml"' \
        in spec_page
    assert r"Sourcespecs/SPEC-0003-a\tb.yaml" in " ".join(
        text_of(parse_page(pages["specs/SPEC-0003.html"])).split())
    assert SHOWN in text_of(parse_page(pages["integrity.html"]))
    index = json.loads(pages["specs.json"])
    assert {entry["source"] for entry in index["specs"]} == {SHOWN, TABBED}
    assert b'"source": "specs/SPEC-0002-caf\\\\xe9.yaml"' in pages["specs.json"]
    assert Path(LATIN1).exists()
