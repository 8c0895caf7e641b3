"""`specrepo new` counts every id the repository shows, not only those of the specs it reads:
a YAML spec left among Markdown ones (`unread-yaml-spec`), by the id it writes or, when it
writes none or does not load, by the one its file name starts with; and the id a spec file's
name starts with (newid: `new` handed out RFC-0002 beside a leftover `RFC-0002-old.yaml`,
a `duplicate-spec-id` once converted, and nothing at all said of a broken one)."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

CONFIG = """specs: docs/rfcs/*.md
front_matter: true
id_prefix: RFC
new: {template: rfc-template.md, folder: docs/rfcs}
"""
TEMPLATE = """---
id: {{id}}
title: {{title}}
status: Draft
authors: [{{author}}]
created: {{date}}
updated: {{date}}
summary: Why and what.
---

# {{title}}
"""
FIRST = TEMPLATE.replace("{{id}}", "RFC-0001").replace("{{title}}", "First") \
    .replace("{{author}}", "Ada Lovelace").replace("{{date}}", "2026-01-02")
LEFTOVER = """id: RFC-0002
title: Old
status: Draft
authors: [Ada Lovelace]
created: 2026-01-02
updated: 2026-01-03
summary: Why and what.
"""


def _repository(git_repo: GitRepo, files: dict[str, str]) -> None:
    git_repo.commit("RFCs", {"specrepo.yaml": CONFIG, "rfc-template.md": TEMPLATE,
                             "docs/rfcs/RFC-0001-first.md": FIRST, **files})


@pytest.mark.parametrize(("name", "text"), [
    ("RFC-0002-old.yaml", LEFTOVER),  # its id
    ("RFC-0002-old.yaml", LEFTOVER.replace("id: RFC-0002\n", "")),  # its name's
    ("RFC-0002-x.yaml", "id: [RFC-0002\ntitle: Broken\n"),  # does not load: its name's
    ("RFC-0002-x.yaml", "title: Old\nid: RFC-0002\ngoals: [open\n"),  # its id line
])
def test_new_never_hands_out_the_id_of_a_yaml_spec_left_unread(
        git_repo: GitRepo, name: str, text: str) -> None:
    _repository(git_repo, {f"docs/rfcs/{name}": text})
    assert "unread-yaml-spec" in run_cli("validate").output
    result = run_cli("new", "Second", "--author", "Ada Lovelace")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "docs/rfcs/RFC-0003-second.md"


def test_new_counts_the_id_a_leftover_writes_and_the_one_its_name_shows(
        git_repo: GitRepo) -> None:
    _repository(git_repo, {"docs/rfcs/RFC-0004-old.yaml": LEFTOVER})  # writes RFC-0002
    result = run_cli("new", "Second", "--author", "Ada Lovelace")
    assert result.stdout.strip() == "docs/rfcs/RFC-0005-second.md", result.output


def test_new_counts_the_id_a_spec_files_name_shows(git_repo: GitRepo) -> None:
    # A spec whose id is not its name's (a `file-name` finding) shows both.
    _repository(git_repo, {"docs/rfcs/RFC-0003-second.md": FIRST.replace("RFC-0001",
                                                                          "RFC-0002")})
    result = run_cli("new", "Third", "--author", "Ada Lovelace")
    assert result.stdout.strip() == "docs/rfcs/RFC-0004-third.md", result.output


def test_a_leftover_deleted_in_history_leaves_its_id_free(git_repo: GitRepo) -> None:
    # The history reads only the specs the configuration reads (`*.md`): the leftover was
    # never a spec there, so its id, given again, meets no spec's history (README).
    _repository(git_repo, {"docs/rfcs/RFC-0002-old.yaml": LEFTOVER})
    git_repo.commit("Drop the leftover", {"docs/rfcs/RFC-0002-old.yaml": None})
    result = run_cli("new", "Second", "--author", "Ada Lovelace")
    assert result.stdout.strip() == "docs/rfcs/RFC-0002-second.md", result.output
    assert run_cli("validate").exit_code == 0


def test_new_counts_a_leftover_in_another_work_tree(git_repo: GitRepo) -> None:
    _repository(git_repo, {})
    other = git_repo.root.parent / "other"
    git_repo.git("worktree", "add", "-q", str(other), "-b", "feature")
    (other / "docs/rfcs/RFC-0002-old.yaml").write_text(LEFTOVER, encoding="utf-8")
    result = run_cli("new", "Second", "--author", "Ada Lovelace")
    assert result.stdout.strip() == "docs/rfcs/RFC-0003-second.md", result.output
