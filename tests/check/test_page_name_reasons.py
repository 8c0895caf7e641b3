"""An id that cannot name a spec's page is refused with the reason the format's pages
give: render's `<id>.md` for YAML specs; for Markdown specs, which render draws no page
for (they are pages already), the site's `specs/<id>.html` (trial52b)."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.site.build import page_path
from tests.support import run_cli

MARKDOWN = """\
specs: specs
front_matter: true
schema: loose.yaml
fields: {id: title, title: null, superseded_by: null, questions: null, related: [],
         item_lists: []}
statuses: {states: [provisional, implementable], transitions: {provisional: [implementable]},
           in_review: [provisional], approved: [implementable]}
rules: {file-name: "off"}
"""


@pytest.mark.parametrize(("title", "reason"), [
    ("Adding Requeue - AnnotateResources", "cannot name the spec's page in the site "
     "(specs/Adding Requeue - AnnotateResources.html, `specrepo site`): use letters"),
    ("a/b", "cannot name the spec's page in the site (specs/a/b.html, `specrepo site`)"),
    ("index", "names render's index page (index.md, `specrepo render`), which lists the "
              "specs: use letters"),
])
def test_a_markdown_spec_s_id_is_refused_for_the_site_s_page(
        repo: Path, title: str, reason: str) -> None:
    (repo / "specrepo.yaml").write_text(MARKDOWN, encoding="utf-8")
    (repo / "loose.yaml").write_text("type: object\n", encoding="utf-8")
    (repo / "specs" / "proposal.md").write_text(
        f"---\ntitle: {title}\nstatus: provisional\n---\n\n# Proposal\n", encoding="utf-8")
    result = run_cli("validate")
    assert result.exit_code == 1
    assert f"the id '{title}' {reason}" in result.output
    assert ".md, `specrepo render`" not in result.output or title == "index"
    if title != "index":  # the page named is where the site writes a spec's page
        assert page_path(title) is None and page_path("ok") == "specs/ok.html"
