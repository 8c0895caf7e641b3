"""An HTML comment in a spec's Markdown text (`<!-- TODO -->` in a YAML value) is hidden by
render's page as by the site: render keeps it as a comment, which a GFM reader does not
show; the site leaves it out."""

from __future__ import annotations

from tests.history.gitrepo import GitRepo, spec_text
from tests.render.markdown_support import parse
from tests.support import run_cli

SPEC = spec_text(extra="""\
goals:
  primary:
    - "Fast <!-- TODO: how fast --> and safe"
    - |
      Multi line
      <!-- TODO: a comment
      on two lines -->
      after
""").replace("summary: Why and what.",
             'summary: "Rate limits. <!-- TODO: numbers --> Done."')


def _shown(markdown: str) -> str:
    """The text a CommonMark reader with raw HTML on shows of a page (what a browser
    hides, comments, left out)."""
    shown = []
    for token in parse(markdown):
        for child in token.children or []:
            if child.type in ("text", "code_inline") or (
                    child.type == "html_inline" and not child.content.startswith("<!--")):
                shown.append(child.content)
        if token.type == "html_block" and not token.content.startswith("<!--"):
            shown.append(token.content)
    return " ".join(shown)


def test_render_and_site_both_hide_a_comment_in_a_yaml_value(git_repo: GitRepo) -> None:
    git_repo.commit("Spec", {"specs/SPEC-0001.yaml": SPEC})
    assert run_cli("render", "--out", "pages").exit_code == 0
    page = (git_repo.root / "pages" / "SPEC-0001.md").read_text(encoding="utf-8")
    assert "Rate limits. <!-- TODO: numbers --> Done." in page  # kept, as the author wrote
    assert "\\<!--" not in page
    shown = _shown(page)
    assert "Rate limits." in shown and "Done." in shown and "after" in shown
    assert "TODO" not in shown and "two lines" not in shown
    assert run_cli("site").exit_code == 0
    html = (git_repo.root / "_site" / "specs" / "SPEC-0001.html").read_text(encoding="utf-8")
    assert "Rate limits." in html and "TODO" not in html and "two lines" not in html
