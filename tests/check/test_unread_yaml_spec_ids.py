"""The ids a YAML spec left among Markdown ones shows (`unread_yaml_spec_ids`, which `new`
never hands out), the finding saying when a spec read has one of them too, and where the
finding stands: at the id where the file writes one, else on the file (newid)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from specrepo.check.spec_ids import file_name_id, named_ids
from specrepo.check.unread_yaml_specs import unread_yaml_spec_findings, unread_yaml_spec_ids
from specrepo.model.config import Config
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

MARKDOWN = "---\nid: {id}\ntitle: T\nstatus: Draft\n---\n\n# T\n"
CONFIG = "specs: docs/rfcs/*.md\nfront_matter: true\nid_prefix: RFC\n"


def _config(root: Path, files: dict[str, str]) -> Config:
    for name, text in files.items():
        (root / "docs/rfcs").mkdir(parents=True, exist_ok=True)
        (root / "docs/rfcs" / name).write_text(text, encoding="utf-8")
    return Config(root=root, file=root / "specrepo.yaml", spec_locations=("docs/rfcs/*.md",),
                  front_matter=True, id_prefix="RFC")


def test_a_leftover_shows_the_id_it_writes_and_the_one_its_name_starts_with(
        tmp_path: Path) -> None:
    config = _config(tmp_path, {
        "RFC-0001-first.md": MARKDOWN.format(id="RFC-0001"),
        "RFC-0002-old.yaml": "id: RFC-0002\ntitle: Old\n",
        "RFC-0004-moved.yaml": "id: RFC-0003\ntitle: Moved\n",
        "RFC-0005-x.yaml": "id: [RFC-0005\ntitle: Broken\n",  # does not load, no id line
        "RFC-0006-y.yaml": "title: No id\nstatus: Draft\n",
        "notes.yaml": "owner: someone\n",  # no spec lookalike: nothing
    })
    assert unread_yaml_spec_ids(config) == {"RFC-0002", "RFC-0003", "RFC-0004", "RFC-0005",
                                            "RFC-0006"}
    # `rules:` turning the finding off leaves the ids in the repository all the same.
    silent = replace(config, severities={"unread-yaml-spec": None})
    assert not unread_yaml_spec_findings(silent)
    assert unread_yaml_spec_ids(silent) == unread_yaml_spec_ids(config)


def test_the_id_a_file_name_starts_with(tmp_path: Path) -> None:
    config = Config(root=tmp_path, id_prefix="RFC")
    assert file_name_id("RFC-0007-x.yaml", config) == "RFC-0007"
    assert file_name_id("RFC-0007.md", config) == "RFC-0007"
    assert file_name_id("0007-x.md", config) is None  # a bare number may be a date
    assert file_name_id("SPEC-0007.md", config) is None
    assert named_ids([tmp_path / "RFC-0003-x.md", tmp_path / "README.md"], config) \
        == ["RFC-0003"]


@pytest.mark.parametrize(("name", "text", "said"), [
    ("RFC-0001-old.yaml", "id: RFC-0001\ntitle: Old\n",
     "; its id, RFC-0001, is also the id of docs/rfcs/RFC-0001-first.md: give one of them "
     "another id (converted as it is, it would be a `duplicate-spec-id`)"),
    ("RFC-0001-x.yaml", "id: [RFC-0001\ntitle: Broken\n",
     "; the id its file name gives, RFC-0001, is also the id of docs/rfcs/RFC-0001-first.md"),
    ("RFC-0009-x.yaml", "title: Old\nid: RFC-0001\ngoals: [open\n",
     "; its id, RFC-0001, is also the id of docs/rfcs/RFC-0001-first.md"),
])
def test_validate_says_when_a_spec_read_has_a_leftovers_id(
        git_repo: GitRepo, name: str, text: str, said: str) -> None:
    git_repo.commit("RFCs", {"specrepo.yaml": CONFIG,
                             "docs/rfcs/RFC-0001-first.md": MARKDOWN.format(id="RFC-0001"),
                             f"docs/rfcs/{name}": text})
    [line] = [line for line in run_cli("validate").output.splitlines()
              if "[unread-yaml-spec]" in line]
    assert said in line, line


def test_a_leftover_with_an_id_no_spec_has_says_nothing_of_it(git_repo: GitRepo) -> None:
    git_repo.commit("RFCs", {"specrepo.yaml": CONFIG,
                             "docs/rfcs/RFC-0001-first.md": MARKDOWN.format(id="RFC-0001"),
                             "docs/rfcs/RFC-0002-old.yaml": "id: RFC-0002\ntitle: Old\n"})
    assert "is also the id of" not in run_cli("validate").output


@pytest.mark.parametrize(("text", "place"), [
    ("title: Old\nstatus: Draft\nid: RFC-0002\n", ":3:1: warning: looks like a spec (RFC-0002)"),
    ("# old\ntitle: Old\nid: RFC-0002\ngoals: [open\n", ":3:1: warning: looks like a spec "
                                                     "(RFC-0002; it does not load"),
    ("title: Old\nstatus: Draft\n", ":1:1: warning: looks like a spec (RFC-0002 by its file "
                                    "name, with `title`, `status`)"),
    ("# old\ntitle: Old\nid: [RFC-0002\n", ":1:1: warning: looks like a spec (RFC-0002 by its "
                                           "file name, with `title`; it does not load"),
    ("title: Old\nid: [RFC-0002]\n", ":2:1: warning: looks like a spec (RFC-0002 by its file "
                                   "name, with `id`, `title`)"),  # an id no id can be
])
def test_the_finding_stands_at_the_id_else_on_the_file(git_repo: GitRepo, text: str,
                                                       place: str) -> None:
    git_repo.commit("RFCs", {"specrepo.yaml": CONFIG,
                             "docs/rfcs/RFC-0001-first.md": MARKDOWN.format(id="RFC-0001"),
                             "docs/rfcs/RFC-0002-old.yaml": text})
    [line] = [line for line in run_cli("validate").output.splitlines()
              if "[unread-yaml-spec]" in line]
    assert line.startswith(f"docs/rfcs/RFC-0002-old.yaml{place}"), line
    assert line.endswith("[unread-yaml-spec] ($.id)") == (":1:1:" not in place), line


def test_a_finding_without_an_id_has_no_path(tmp_path: Path) -> None:
    config = _config(tmp_path, {"RFC-0001-first.md": MARKDOWN.format(id="RFC-0001"),
                                "RFC-0002-old.yaml": "title: Old\n"})
    [finding] = unread_yaml_spec_findings(config)
    assert (finding.line, finding.column, finding.json_path) == (1, 1, ())
