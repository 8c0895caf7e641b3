"""A past version of the spec schema is judged by what made it unusable when it was
committed (not JSON or YAML, a metaschema error), not by rules that came later and that
today's schema must meet (a pattern ECMA-262 refuses but Python's `re` took, a near-miss
key, a keyword of another draft): such a version is read as it was read then, in silence
(final32 F9). An unusable version is named once, with its commits and the schema file."""

from __future__ import annotations

import json
from typing import Any

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.model.history_warning import said
from tests.history.gitrepo import GitRepo
from tests.history.test_config_versions import PATH, config, spec
from tests.support import exit_and_output


def schema(status: dict[str, Any], title: dict[str, Any] | None = None) -> str:
    return json.dumps({"type": "object", "required": ["id", "status"], "properties": {
        "id": {"type": "string"}, "title": title or {"type": "string"}, "status": status}})


PAST = schema({"type": "string", "pattern": r"^(draft|deferred|done)\-?$"},
              {"type": "string", "typ": "string", "requried": True})
"""Met the rules when committed: `\\-` (Python's `re` takes it), near-miss keys."""
TODAY = schema({"type": "string", "pattern": "^(draft|deferred|done)-?$"})


def test_a_past_schema_is_read_as_it_was_then_without_a_warning(git_repo: GitRepo) -> None:
    git_repo.commit("adopt", {"specrepo.yaml": config(), "s.json": PAST, PATH: spec("draft")})
    git_repo.commit("done", {PATH: spec("done")})
    git_repo.commit("deferred: illegal from done", {PATH: spec("deferred")})
    git_repo.commit("fix the schema as specrepo asks", {"s.json": TODAY})
    history = mine_history(load_config(None, git_repo.root))
    assert history.warnings == ()
    assert history.skipped_versions == 0
    code, output = exit_and_output("validate", "--history", "--strict")
    assert code == 1, output
    assert "from done to deferred, which the workflow does not allow" in output
    assert "warning" not in output


def test_todays_schema_keeps_the_rules(git_repo: GitRepo) -> None:
    git_repo.commit("adopt", {"specrepo.yaml": config(), "s.json": PAST, PATH: spec("draft")})
    code, output = exit_and_output("validate", "--history")
    assert code == 2
    assert "3 problems in the schema:" in output


def test_an_unusable_past_schema_is_named_once_with_its_commits_and_file(
        git_repo: GitRepo) -> None:
    unusable = schema({"type": "string"}, {"type": "string", "minLength": -1})
    first = git_repo.commit("adopt", {"specrepo.yaml": config(), "s.json": unusable,
                                      PATH: spec("draft")})
    git_repo.commit("done", {PATH: spec("done")})
    last = git_repo.commit("deferred", {PATH: spec("deferred")})
    git_repo.commit("fix the schema", {"s.json": TODAY})
    history = mine_history(load_config(None, git_repo.root))
    assert len(history.warnings) == 1
    assert said(history.warnings)[0].startswith(
        f"specrepo.yaml in 3 commits, the first {first[:12]}, the last {last[:12]}: s.json:1:")
    assert "minLength: -1 is less than the minimum of 0" in said(history.warnings)[0]
    assert said(history.warnings)[0].endswith(
        "the versions of specs in those commits were read with today's configuration")


def test_a_past_schema_is_unusable_as_before_with_every_problem_named_at_its_place(
        git_repo: GitRepo) -> None:
    """A past version whose `$ref` names a file that commit lacks, and whose other part its
    metaschema refuses as no schema (`properties: 5`): unusable, as it was, each problem
    named at its line (the `$ref`'s own for the file), never a traceback; its near-miss
    keys are still not judged (final33 F8)."""
    unusable = json.dumps({"type": "object", "properties": {
        "id": {"type": "string"}, "status": {"typ": "string"}, "title": {"$ref": "t.json"},
        "owner": {"properties": 5}}}, indent=1)
    git_repo.commit("adopt", {"specrepo.yaml": config(), "s.json": unusable,
                              PATH: spec("draft")})
    git_repo.commit("fix the schema", {"s.json": TODAY})
    history = mine_history(load_config(None, git_repo.root))
    assert len(history.warnings) == 1
    warning = said(history.warnings)[0]
    assert "2 problems in the schema:\ns.json:11:12: $ref 't.json' cannot be followed: " \
           "t.json: no such file in that commit\ns.json:14:4: not a valid JSON Schema at " \
           "properties/owner/properties: 5 is not of type 'object'; the versions" in warning
    assert "'typ'" not in warning
