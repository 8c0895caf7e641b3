"""A project that moves its specs' data from YAML files into front matter of the Markdown
files beside them (KEP-style `kep.yaml` -> `README.md`; trial30a F9): a file is a spec only
where its own commit's configuration reads that kind of file, so the README.md that was
plain Markdown under `front_matter: false` is no skipped version, and the commit that gives
it front matter adds it, continuing the spec the deleted `kep.yaml` of its id was (a
move): the spec's life is kept, and a status moved in the migration is checked."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

KEP = "keps/sig-node/1001-swap"
SCHEMA = json.dumps({
    "type": "object", "required": ["kep-number", "status"],
    "properties": {"kep-number": {"type": "string"},
                   "status": {"enum": ["provisional", "implementable", "implemented"]},
                   "approvers": {"type": "array"}, "title": {"type": "string"}}})
CONFIG = """\
specs: {specs}
schema: s.json
fields: {{id: kep-number, approvers: approvers, read_as_text: [kep-number], questions: null,
         related: [], item_lists: []}}
statuses:
  states: [provisional, implementable, implemented]
  transitions: {{provisional: [implementable], implementable: [implemented]}}
  in_review: [provisional]
  approved: [implementable, implemented]
rules: {{file-name: off}}
"""
METADATA = 'kep-number: "1001"\nstatus: {status}\napprovers: ["@linus"]\n'
README = "# KEP-1001: Swap\n\n## Summary\n\nSwap.\n"


def migrated(repo: GitRepo, before: str, status: str) -> None:
    """KEP 1001 provisional, then `before` (its `kep.yaml` beside a plain README.md); then
    one commit moves it to `status` in the README's front matter, deletes kep.yaml and
    configures `front_matter: true`."""
    repo.commit("KEP 1001", {
        "s.json": SCHEMA, "specrepo.yaml": CONFIG.format(specs="keps/**/kep.yaml"),
        f"{KEP}/kep.yaml": "title: Swap\n" + METADATA.format(status="provisional"),
        f"{KEP}/README.md": README})
    repo.commit(before, {f"{KEP}/kep.yaml": "title: Swap\n" + METADATA.format(status=before)})
    repo.commit("Front matter", {
        "specrepo.yaml": CONFIG.format(specs="keps\nfront_matter: true"),
        f"{KEP}/kep.yaml": None,
        f"{KEP}/README.md": f"---\n{METADATA.format(status=status)}---\n{README}"})


@pytest.mark.parametrize(("before", "status"), [("implementable", "implementable"),
                                                 ("provisional", "implemented")])
def test_a_spec_moved_into_front_matter_keeps_its_life(git_repo: GitRepo, before: str,
                                                       status: str) -> None:
    migrated(git_repo, before, status)
    outputs = []
    for _ in ("cold", "warm"):
        timeline = run_cli("timeline", "1001", "--format", "json")
        validated = run_cli("validate", "--history")
        skipped = run_cli("report", "--fail-on", "skipped-versions")
        outputs.append((timeline.output, validated.exit_code, validated.output,
                        skipped.exit_code, skipped.output))
    assert outputs[0] == outputs[1]
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    assert run_cli("timeline", "1001", "--format", "json").output == outputs[0][0]
    events = json.loads(outputs[0][0])["events"]
    moves = [(event["kind"], event["from"], event["to"]) for event in events
             if event["field"] in ("status", "path")]
    assert moves[0] == ("created", None, "provisional")
    assert ("moved", f"{KEP}/kep.yaml", f"{KEP}/README.md") in moves
    assert outputs[0][3] == 0  # was: 1, the plain README counted as a skipped version
    if before == "implementable":
        assert moves == [("created", None, "provisional"),
                         ("status-changed", "provisional", "implementable"),
                         ("moved", f"{KEP}/kep.yaml", f"{KEP}/README.md")]
        assert outputs[0][1] == 0
    else:  # was: exit 0, the spec "born" implemented in the migration
        assert ("status-changed", "provisional", "implemented") in moves
        assert outputs[0][1] == 1
        assert "moved the status from provisional to implemented" in outputs[0][2]


def test_a_migration_not_committed_yet_is_checked_from_the_spec_it_continues(
        git_repo: GitRepo) -> None:
    """The pre-commit hook, on the migration staged: the README.md continues the spec of
    HEAD's `kep.yaml`, which only HEAD's configuration names."""
    migrated(git_repo, "provisional", "implemented")
    git_repo.git("reset", "-q", "--soft", "HEAD~1")
    hook = run_cli("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD",
                   "--history", "--since", "HEAD", "--allow-shallow", f"{KEP}/README.md")
    assert hook.exit_code == 1, hook.output  # was: 0
    assert f"from provisional (HEAD's, at {KEP}/kep.yaml) to implemented" in hook.output
