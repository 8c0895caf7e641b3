"""A report over many specs that cannot be read at HEAD says so in a few lines: the
"Fields unreadable at HEAD" table once (in integrity, or in the one section asked for),
and on stderr the first few specs of each kind of warning, then how many more
(newuser74: one table per section, and a warning per spec, thirty lines)."""

from __future__ import annotations

from tests.history.gitrepo import GitRepo
from tests.report.test_unreadable_fields import OWN_FORMAT, rfc
from tests.support import run_cli


def specs(count: int) -> dict[str, str]:
    return {f"rfcs/RFC-{number}.yaml": rfc("[Approved]").replace("RFC-1", f"RFC-{number}")
            for number in range(1, count + 1)}


def test_the_unreadable_fields_table_is_shown_once(git_repo: GitRepo) -> None:
    git_repo.commit("init", {**OWN_FORMAT, **specs(1)})
    assert run_cli("report").stdout.count("Fields unreadable at HEAD") == 1
    markdown = run_cli("report", "--format", "markdown").stdout
    assert markdown.count("### Fields unreadable at HEAD") == 1
    integrity = markdown.split("## Integrity")[1]
    assert "### Fields unreadable at HEAD" in integrity
    # one section asked for: its own table, once
    assert run_cli("report", "stale").stdout.count("Fields unreadable at HEAD") == 1


def test_warnings_on_many_unreadable_specs_are_capped(git_repo: GitRepo) -> None:
    git_repo.commit("init", {**OWN_FORMAT, **specs(8)})
    result = run_cli("report")
    warnings = result.stderr.splitlines()
    named = [line for line in warnings if "HEAD's version" in line]
    assert len(named) == 5, result.stderr
    assert ("specrepo: warning: 3 more specs whose version at HEAD cannot be read or fails "
            "`specrepo validate`") in result.stderr
    assert len(warnings) <= 2 * 6 + 1, result.stderr  # a line on the skipped versions too


def test_a_few_warnings_are_all_said(git_repo: GitRepo) -> None:
    git_repo.commit("init", {**OWN_FORMAT, **specs(5)})
    result = run_cli("report")
    assert len([line for line in result.stderr.splitlines() if "HEAD's version" in line]) == 5
    assert " more spec" not in result.stderr
