"""The reviewer rules' advice names a place the spec's format can hold (newuser65 LOW 3): a
KEP-shaped format (`fields: {approvers: approvers}`) whose schema forbids `reviewers:` was
told to "add `reviewers:`", and following that advice was a schema finding; a spec holding
neither field is sent only where its schema lets it write (newuser65b LOW 3)."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
SCHEMA = ('{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", '
          '"properties": {"id": {}, "title": {}, "status": {}, "authors": {}, '
          '"approvers": {"type": "array", "items": {"type": "string"}}}, '
          '"unevaluatedProperties": false}\n')
CONFIG = "specs: specs\nschema: s.json\nfields: {approvers: approvers}\n"


def _spec(people: str) -> str:
    return f"id: SPEC-0001\ntitle: T\nstatus: In Review\nauthors: [Ada]\n{people}"


@pytest.mark.parametrize("people, advice, following", [
    ("approvers: []\n", "name one in `approvers:`", "approvers: [Grace]\n"),
    ("", "name one in `approvers:`", "approvers: [Grace]\n"),
])
def test_following_the_advice_passes(git_repo: GitRepo, people: str, advice: str,
                                     following: str) -> None:
    git_repo.write("specrepo.yaml", CONFIG)
    git_repo.write("s.json", SCHEMA)
    git_repo.write(PATH, _spec(people))
    result = run_cli("validate")
    assert result.exit_code == 1
    assert (f"{PATH}:3:9: error: the spec is In Review but names no reviewer; {advice} "
            "[in-review-needs-reviewer]") in result.stdout, result.stdout
    git_repo.write(PATH, _spec(following))
    assert run_cli("validate").exit_code == 0


def test_the_bundled_format_is_told_its_own_field(git_repo: GitRepo) -> None:
    git_repo.write(PATH, _spec("reviewers: []\n").replace("authors: [Ada]\n", ""))
    assert "names no reviewer; name one in `reviewers:`" in run_cli("validate").stdout


OPEN = SCHEMA.replace(', "unevaluatedProperties": false', "")


@pytest.mark.parametrize("schema, advice", [
    (OPEN, "`reviewers:` or `approvers:`"),
    (SCHEMA, "`approvers:`"),
    (SCHEMA.replace('"unevaluatedProperties": false', '"additionalProperties": false'),
     "`approvers:`"),
    (OPEN.replace('"id": {}', '"id": {}, "reviewers": false'), "`approvers:`"),
    (OPEN.replace('"type": "object"', '"type": "object", "propertyNames": {"not": '
                  '{"const": "approvers"}}'), "`reviewers:`"),
    (OPEN.replace('"id": {}', '"id": {}, "reviewers": false')
     .replace('"approvers": {', '"approvers": false, "x": {'),
     "`reviewers:` or `approvers:`, which the spec schema lets no spec hold (a spec has no "
     "key 'reviewers' in the spec schema (its schema there is false); its keys: authors, id, "
     "status, title, x): let it hold one, or point `fields:` at a key it allows"),
])
def test_a_spec_holding_neither_is_sent_where_its_schema_allows(
        git_repo: GitRepo, schema: str, advice: str) -> None:
    git_repo.write("specrepo.yaml", CONFIG)
    git_repo.write("s.json", schema)
    git_repo.write(PATH, _spec(""))
    assert f"names no reviewer; name one in {advice} [" in run_cli("validate").stdout


def test_a_format_whose_one_place_its_schema_forbids_is_told_so(git_repo: GitRepo) -> None:
    """The bundled format's only place is `reviewers:`; a schema of the team's own that
    forbids it made the advice name it all the same (newuser66b L3): no spec In Review
    could pass, and the advice says why and the two ways out."""
    git_repo.write("specrepo.yaml", "specs: specs\nschema: s.json\n")
    git_repo.write("s.json", SCHEMA)
    git_repo.write(PATH, _spec(""))
    assert ("names no reviewer; name one in `reviewers:`, which the spec schema lets no spec "
            "hold (a spec has no key 'reviewers' in the spec schema (unevaluatedProperties: "
            "false); its keys: approvers, authors, id, status, title): let it hold one, or "
            "point `fields:` at a key it allows [") in run_cli("validate").stdout
