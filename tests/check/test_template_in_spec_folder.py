"""`new.template` kept where a `specs:` location reads it: its findings say it is the
template and name the `exclude:` that leaves it out (newuser74: only "a mapping or list
cannot be used as a key" at `{{id}}`)."""

from __future__ import annotations

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

CONFIG = """\
specs: docs
front_matter: true
id_prefix: RFC
schema: s.yaml
fields: {questions: null, related: [], item_lists: [], superseded_by: null, reviewers: null,
         created: null, updated: null}
statuses: {states: [draft, done], transitions: {draft: [done]}, approved: []}
new: {template: docs/0000-template.md}
"""
SCHEMA = "type: object\nrequired: [id, status]\nproperties:\n  status: {enum: [draft, done]}\n"
TEMPLATE = "---\nid: {{id}}\nstatus: draft\nauthors: [{{author}}]\n---\n# {{title}}\n"


def test_the_template_is_named_as_such_with_the_exclude(git_repo: GitRepo) -> None:
    git_repo.commit("init", {"specrepo.yaml": CONFIG, "s.yaml": SCHEMA,
                             "docs/0000-template.md": TEMPLATE})
    result = run_cli("validate")
    assert result.exit_code == 1
    [line] = [line for line in result.stdout.splitlines() if "[yaml-key]" in line]
    assert line.startswith("docs/0000-template.md:2:6: error: a mapping or list cannot be "
                           "used as a key (this file is new.template")
    assert "leave it out with `exclude: docs/0000-template.md`" in line
    git_repo.commit("exclude", {"specrepo.yaml": CONFIG + "exclude: docs/0000-template.md\n"})
    assert run_cli("validate", "--allow-empty").exit_code == 0


def test_another_file_is_not_named_the_template(git_repo: GitRepo) -> None:
    git_repo.commit("init", {"specrepo.yaml": CONFIG + "exclude: docs/0000-template.md\n",
                             "s.yaml": SCHEMA, "docs/0000-template.md": TEMPLATE,
                             "docs/RFC-0001.md": TEMPLATE.replace("{{id}}", "{{x}}")})
    result = run_cli("validate")
    assert result.exit_code == 1
    assert "new.template" not in result.stdout
