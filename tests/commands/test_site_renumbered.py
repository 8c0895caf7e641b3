"""After a renumbering, the report and the site say which spec a status move belongs to:
the report by the id it had then and the one it has now, the site by a link to its page;
every site page links a spec named by an id from history or the report to its page."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

from specrepo.site.build import page_lookup, page_paths
from specrepo.site.data import SiteSpec
from tests.history.gitrepo import GitRepo, spec_text
from tests.site.html_support import elements, parse_page, text_of
from tests.support import run_cli

APPROVED = "reviewers: [{name: Grace Hopper, approved: 2026-01-03}]\n"
WAITING = "reviewers: [Grace Hopper]\n"


def renumber_after_illegal_move(repo: GitRepo) -> None:
    """SPEC-0003 moved Draft -> Approved (the workflow forbids it), then renumbered to
    SPEC-0012 with its file renamed; SPEC-0001 waits on Grace Hopper."""
    repo.commit("add", {"specs/SPEC-0003.yaml": spec_text("SPEC-0003"),
                        "specs/SPEC-0001.yaml": spec_text("SPEC-0001", "In Review",
                                                          extra=WAITING)})
    repo.commit("approve", {"specs/SPEC-0003.yaml": spec_text("SPEC-0003", "Approved",
                                                              extra=APPROVED)},
                author="Jan Fischer")
    repo.git("mv", "specs/SPEC-0003.yaml", "specs/SPEC-0012.yaml")
    repo.commit("renumber", {"specs/SPEC-0012.yaml": spec_text("SPEC-0012", "Approved",
                                                               extra=APPROVED)})


def site_pages(root: Path) -> dict[str, bytes]:
    result = run_cli("site")
    assert result.exit_code == 0, result.output
    return {path.relative_to(root / "_site").as_posix(): path.read_bytes()
            for path in (root / "_site").rglob("*.html")}


def links(page: bytes) -> dict[str, str | None]:
    """The text of every spec reference on a page -> where it links (None: nowhere)."""
    return {text_of(element): element.get("href") for element in parse_page(page).iter()
            if "spec-ref" in (element.get("class") or "").split()}


def row_of(page: bytes, caption: str) -> Element:
    """The first body row of the table under the region labelled `caption`."""
    for region in elements(parse_page(page), "div"):
        if region.get("aria-label") == caption:
            return next(elements(region, "tbody")).findall("tr")[0]
    raise AssertionError(f"no table {caption}")


def test_the_report_names_a_move_by_its_id_then_and_now(git_repo: GitRepo) -> None:
    renumber_after_illegal_move(git_repo)
    text = run_cli("report")
    assert "SPEC-0003 (now SPEC-0012)" in text.output
    report = json.loads(run_cli("report", "--format", "json").output)
    [move] = report["integrity"]["illegal_transitions"]
    assert (move["spec"], move["spec_now"], move["from"], move["to"], move["author"]) == (
        "SPEC-0003", "SPEC-0012", "Draft", "Approved", "Jan Fischer")


def test_a_move_before_a_renumbering_links_to_the_spec_page(git_repo: GitRepo) -> None:
    renumber_after_illegal_move(git_repo)
    pages = site_pages(git_repo.root)
    row = row_of(pages["integrity.html"], "Illegal status changes")
    assert " ".join(text_of(row).split()).startswith("SPEC-0003 (now SPEC-0012)")
    assert links(pages["integrity.html"]) == {"SPEC-0012": "specs/SPEC-0012.html"}
    assert "Not allowed by the workflow" in text_of(parse_page(pages["specs/SPEC-0012.html"]))


def test_a_new_spec_with_the_old_id_does_not_take_the_move(git_repo: GitRepo) -> None:
    renumber_after_illegal_move(git_repo)
    git_repo.commit("reuse the id", {"specs/SPEC-0003.yaml": spec_text("SPEC-0003")})
    pages = site_pages(git_repo.root)
    assert links(pages["integrity.html"]) == {"SPEC-0012": "specs/SPEC-0012.html"}
    report = json.loads(run_cli("report", "--format", "json").output)
    assert [(move["spec"], move["spec_now"])
            for move in report["integrity"]["illegal_transitions"]] == [
        ("SPEC-0003", "SPEC-0012")]


def test_rows_named_by_head_id_link_to_the_work_tree_renumbered_page(
        git_repo: GitRepo) -> None:
    renumber_after_illegal_move(git_repo)
    # Renumbered in the work tree only, in its file: the report (from history) still
    # says SPEC-0001.
    git_repo.write("specrepo.yaml", "specs: specs\nrules:\n  file-name: off\n")
    git_repo.write("specs/SPEC-0001.yaml", spec_text("SPEC-0020", "In Review", extra=WAITING))
    pages = site_pages(git_repo.root)
    assert links(pages["reviewers.html"]) == {"SPEC-0001": "specs/SPEC-0020.html"}


def spec(spec_id: str, *other_ids: str) -> SiteSpec:
    return SiteSpec(id=spec_id, title="A spec", status="Draft", authors=(), last_change=None,
                    source=f"specs/{spec_id}.yaml", other_ids=other_ids)


def test_page_lookup_prefers_ids_now_and_skips_ambiguous_ones() -> None:
    specs = (spec("SPEC-0001", "SPEC-0002", "SPEC-0009"), spec("SPEC-0002"),
             spec("SPEC-0012", "SPEC-0003", "SPEC-0009"), spec("../x", "SPEC-0077"))
    lookup = page_lookup(specs, page_paths(specs))
    assert lookup == {"SPEC-0001": "specs/SPEC-0001.html",
                      "SPEC-0002": "specs/SPEC-0002.html",  # its own, not SPEC-0001's
                      "SPEC-0012": "specs/SPEC-0012.html",
                      "SPEC-0003": "specs/SPEC-0012.html"}  # SPEC-0009: two specs had it


def test_renumbering_a_spec_reissues_none_of_its_feed_entries(git_repo: GitRepo) -> None:
    """A feed entry's id names the id the spec had in the event's commit: after the spec
    is renumbered, its past entries keep their ids, so a feed reader shows none twice."""
    git_repo.commit("add", {"specs/SPEC-0003.yaml": spec_text("SPEC-0003")})
    git_repo.commit("review", {"specs/SPEC-0003.yaml": spec_text("SPEC-0003", "In Review",
                                                                 extra=WAITING)})

    def entry_ids() -> dict[str, str]:
        assert run_cli("site").exit_code == 0
        feed = ElementTree.parse(git_repo.root / "_site" / "feed.atom").getroot()
        atom = "{http://www.w3.org/2005/Atom}"
        return {str(entry.findtext(f"{atom}id")): str(entry.findtext(f"{atom}title"))
                for entry in feed.iter(f"{atom}entry")}

    before = entry_ids()
    assert len(before) == 2
    git_repo.git("mv", "specs/SPEC-0003.yaml", "specs/SPEC-0012.yaml")
    git_repo.commit("renumber", {"specs/SPEC-0012.yaml": spec_text("SPEC-0012", "In Review",
                                                                   extra=WAITING)})
    after = entry_ids()
    assert set(before) <= set(after), (before, after)
