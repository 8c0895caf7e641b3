"""`SiteFiles`: which paths a commit changed are sites' own files, by the marker each
file of the work tree starts with, and by its shape in a known site folder for one the
work tree no longer has."""

from __future__ import annotations

from pathlib import Path

from specrepo.output.site_commits import SiteFiles
from specrepo.site.marker import marker_lead


def _site_file(top: Path, site: str, path: str, text: str = "body\n", *,
               newline: str = "\n") -> None:
    """The file `path` of the site in the folder `site` (`""`: the top)."""
    target = top / site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((marker_lead(path) + text).replace("\n", newline).encode())


def test_each_site_s_own_files_whatever_the_folder(tmp_path: Path) -> None:
    """This site's files and another's, in a folder of its or beside it, each by the path
    its marker names; CRLF line breaks (a checkout's `eol`) change nothing."""
    _site_file(tmp_path, "", "index.html")
    _site_file(tmp_path, "", "specs/SPEC-1.html")
    _site_file(tmp_path, "specs", "index.html")
    _site_file(tmp_path, "specs", "specs.json", newline="\r\n")
    _site_file(tmp_path, "other/site", "assets/site.css")
    files = SiteFiles(tmp_path, "")
    assert files.only_site_files(["index.html", "specs/SPEC-1.html", "specs/index.html",
                                  "specs/specs.json", "other/site/assets/site.css"])


def test_a_file_whose_marker_names_another_path_is_not_a_site_s(tmp_path: Path) -> None:
    """A page copied elsewhere (its marker names `index.html`, it is at `notes/copy.html`),
    a page of one's own, a spec, a link to a site file: each changed something."""
    _site_file(tmp_path, "", "index.html")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes/copy.html").write_bytes((tmp_path / "index.html").read_bytes())
    (tmp_path / "mine.html").write_text("<p>mine</p>\n")
    (tmp_path / "link.html").symlink_to("index.html")
    files = SiteFiles(tmp_path, "")
    for path in ("notes/copy.html", "mine.html", "specs/SPEC-1.yaml", "link.html"):
        assert not files.only_site_files(["index.html", path]), path


def test_a_file_the_work_tree_no_longer_has_by_its_shape_in_a_site_folder(
        tmp_path: Path) -> None:
    """A page a build removed with its spec is the site's by its place: in the folder
    being built, or in one another site's marker named in the same commit."""
    _site_file(tmp_path, "docs", "index.html")
    _site_file(tmp_path, "public", "index.html")
    files = SiteFiles(tmp_path, "docs")
    assert files.only_site_files(["docs/specs/SPEC-9.html", "docs/stale.html"])
    assert files.only_site_files(["public/index.html", "public/specs/SPEC-9.html"])
    assert not files.only_site_files(["elsewhere/specs/SPEC-9.html"])
    assert not files.only_site_files(["docs/specs/deeper/SPEC-9.html"])
    assert not files.only_site_files(["docs/gone.txt"])
