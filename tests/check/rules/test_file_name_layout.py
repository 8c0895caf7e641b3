"""The `file-name` rule takes the names `new.file_name` writes when it carries the id (the
KEP layout, `{{number}}-{{slug}}/README.md`, has it in the folder's name), and its advice
follows that layout (newuser74: `new` wrote a spec the rule refused, advising
`rename it to 2401.md`)."""

from __future__ import annotations

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

CONFIG = """\
specs: keps/**/README.md
exclude: keps/NNNN-kep-template/**
front_matter: true
schema: kep.schema.yaml
fields: {id: kep-number, read_as_text: [kep-number], reviewers: null, created: null,
         updated: null, questions: null, related: [], item_lists: [], superseded_by: null}
statuses: {states: [provisional, implementable], transitions: {provisional: [implementable]},
           approved: [implementable]}
new:
  template: keps/NNNN-kep-template/README.md
  folder: keps/sig-node
  file_name: "{{number}}-{{slug}}/README.md"
"""
SCHEMA = "type: object\nrequired: [kep-number, status]\n"
TEMPLATE = ('---\nkep-number: "{{number}}"\ntitle: "{{title}}"\nstatus: provisional\n'
            'authors: ["{{author}}"]\n---\n# {{title}}\n')


def kep(number: str) -> str:
    return (f'---\nkep-number: "{number}"\ntitle: Node swap\nstatus: provisional\n'
            'authors: [ada]\n---\n# Node swap\n')


def test_new_writes_a_spec_the_file_name_rule_takes(git_repo: GitRepo) -> None:
    git_repo.commit("init", {"specrepo.yaml": CONFIG, "kep.schema.yaml": SCHEMA,
                             "keps/NNNN-kep-template/README.md": TEMPLATE,
                             "keps/sig-node/2400-node-swap/README.md": kep("2400")})
    made = run_cli("new", "CPU pinning", "--author", "Ada")
    assert made.exit_code == 0, made.output
    assert (git_repo.root / "keps/sig-node/2401-cpu-pinning/README.md").is_file()
    assert "file name" not in made.stderr
    result = run_cli("validate")
    assert "[file-name]" not in result.stdout, result.stdout
    assert result.exit_code == 0, result.output


def test_a_folder_without_the_id_is_advised_by_the_layout(git_repo: GitRepo) -> None:
    git_repo.commit("init", {"specrepo.yaml": CONFIG, "kep.schema.yaml": SCHEMA,
                             "keps/NNNN-kep-template/README.md": TEMPLATE,
                             "keps/sig-node/node-swap/README.md": kep("2400"),
                             "keps/sig-node/2401-other/README.md": kep("2400").replace(
                                 "2400", "2401")})
    result = run_cli("validate")
    assert result.exit_code == 1
    [line] = [line for line in result.stdout.splitlines() if "[file-name]" in line]
    assert line.startswith("keps/sig-node/node-swap/README.md:2:1: error: ")
    assert "move it to 2400-<slug>/README.md" in line
    assert "rename it to 2400.md" not in line
