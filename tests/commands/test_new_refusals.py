"""`specrepo new` through the command line: a template's quoted placeholders are filled as
the scalar they stand in, a template whose status a new spec may not start in is refused
(`statuses.initial`), an empty `--author` is a usage error, and a glob-only `specs:`
says what to configure."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

KEP_CONFIG = """\
specs: keps
schema: s.json
front_matter: true
id_prefix: KEP
fields: {id: kep-number, questions: null, related: [], item_lists: [], read_as_text: [kep-number]}
statuses:
  states: [provisional, implementable, implemented]
  transitions: {provisional: [implementable], implementable: [implemented]}
  approved: [implementable, implemented]
new: {template: tpl/kep.md, file_name: "{{number}}-{{slug}}/README.md"}
rules: {file-name: off}
"""
TITLE = """Bob's "big" \\ idea: 50% off"""


def kep_repository(root: Path, front: str, config: str = KEP_CONFIG) -> None:
    (root / "specrepo.yaml").write_text(config)
    (root / "s.json").write_text('{"type": "object"}')
    (root / "tpl").mkdir()
    (root / "keps").mkdir()
    (root / "tpl/kep.md").write_text(f"---\n{front}---\n# KEP-{{{{number}}}}: {{{{title}}}}\n")


def front_of(path: Path) -> dict[str, object]:
    loaded = yaml.safe_load(path.read_text().split("---\n")[1])
    assert isinstance(loaded, dict)
    return loaded


@pytest.mark.parametrize("written", ['"{{title}}"', "'{{title}}'", "{{title}}",
                                     '"KEP {{number}}: {{title}}"', "Idea {{title}}"])
def test_a_quoted_or_embedded_placeholder_is_filled_as_its_scalar(
        git_repo: GitRepo, written: str) -> None:
    kep_repository(git_repo.root, f'kep-number: "{{{{number}}}}"\ntitle: {written}\n'
                                  'status: provisional\nauthors: ["{{author}}"]\n')
    result = run_cli("new", "--author", "O'Neil \"Jo\"", TITLE, no_traceback=True)
    assert result.exit_code == 0, result.output
    [written_file] = (git_repo.root / "keps").glob("*/README.md")
    front = front_of(written_file)
    expected = written.strip("'\"").replace("{{title}}", TITLE).replace("{{number}}", "0001")
    assert (front["title"], front["kep-number"], front["authors"]) == (
        expected, "0001", ["O'Neil \"Jo\""])


def test_a_template_starting_where_a_new_spec_may_not_is_refused(git_repo: GitRepo) -> None:
    kep_repository(git_repo.root, 'kep-number: {{number}}\ntitle: {{title}}\n'
                                  'status: implementable\nauthors: [{{author}}]\n')
    result = run_cli("new", "--author", "Ada", "Born implementable")
    assert result.exit_code == 2, result.output
    assert ("tpl/kep.md: the spec made from this template (new.template) is in "
            "implementable, which a new spec may not start in (a new spec starts in "
            "provisional; statuses.initial)") in result.stderr
    assert list((git_repo.root / "keps").iterdir()) == []


@pytest.mark.parametrize("written, shown, hint", [
    ("{number}-{{slug}}/README.md", "{number}", "{{number}}"),
    ("{{number}}-{ slug }/README.md", "{ slug }", "{{slug}}"),
    ("{{number}}-{{Slug}}/README.md", "{{Slug}}", "{{slug}}"),
    ("{{{number}}}-x/README.md", "{{{number}}}", "{{number}}"),
    ("{{number}}-{{name}}/README.md", "{{name}}",
     "{{id}}, {{number}}, {{title}}, {{slug}}, {{author}}, {{date}}")])
def test_braces_no_placeholder_fills_are_refused(git_repo: GitRepo, written: str, shown: str,
                                                 hint: str) -> None:
    """`{number}`, `{{Slug}}`, `{{name}}` would be the file's name as they stand
    (newuser65 LOW 4, newuser65b L4): refused at the setting's line, nothing written."""
    kep_repository(git_repo.root, "kep-number: {{number}}\ntitle: {{title}}\n"
                                  "status: provisional\n",
                   KEP_CONFIG.replace('"{{number}}-{{slug}}/README.md"', f'"{written}"'))
    result = run_cli("new", "--author", "Ada", "Pod swap")
    assert result.exit_code == 2, result.output
    assert (f"specrepo.yaml:10:40: new.file_name writes {shown}, which no placeholder fills: "
            "it would be kept as it stands in the file's name (placeholders are written in "
            f"double braces: {hint})") in result.stderr, result.stderr
    assert list((git_repo.root / "keps").iterdir()) == []


@pytest.mark.parametrize("arguments", [("new", "--author", "", "A title"),
                                       ("new", "--author", "\u200b\u00a0", "A title"),
                                       ("init", "--author", ""),
                                       ("validate", "--changed-since", ""),
                                       ("validate", "--history", "--since", "")])
def test_an_empty_argument_is_a_usage_error(git_repo: GitRepo,
                                            arguments: tuple[str, ...]) -> None:
    git_repo.commit("Adopt", {})
    result = run_cli(*arguments)
    assert result.exit_code == 2, result.output
    assert "(an unset variable?)" in result.stderr
    assert not (git_repo.root / "specs").exists() or not any(
        (git_repo.root / "specs").iterdir())


def test_new_with_only_globs_says_what_to_configure(git_repo: GitRepo) -> None:
    (git_repo.root / "specrepo.yaml").write_text("specs: keps/**/README.md\n")
    result = run_cli("new", "--author", "Ada", "X")
    assert result.exit_code == 2
    assert "new.folder" in result.stderr, result.stderr


def test_new_folder_writes_where_a_glob_reads(git_repo: GitRepo) -> None:
    config = KEP_CONFIG.replace("specs: keps\n", "specs: keps/**/README.md\n").replace(
        "new: {template: tpl/kep.md,", "new: {template: tpl/kep.md, folder: keps,")
    kep_repository(git_repo.root, 'kep-number: {{number}}\ntitle: {{title}}\n'
                                  'status: provisional\nauthors: [{{author}}]\n', config)
    result = run_cli("new", "--author", "Ada", "Glob layout")
    assert result.exit_code == 0, result.output
    assert (git_repo.root / "keps/0001-glob-layout/README.md").is_file()
    assert run_cli("validate").exit_code == 0
    (git_repo.root / "specrepo.yaml").write_text(config.replace("folder: keps,", "folder: tpl,"))
    refused = run_cli("new", "--author", "Ada", "Elsewhere")
    assert refused.exit_code == 2
    assert "tpl/0002-elsewhere/README.md', which no `specs:` location holds" in refused.stderr
    assert not (git_repo.root / "tpl/0002-elsewhere").exists()


WORKFLOW = """\
specs: specs
statuses:
  states: [{states}]
  transitions: {{{draft}In Review: [Approved, Rejected], Approved: [], Rejected: []}}
  terminal: [Rejected]
  in_review: [In Review]
  approved: [Approved]
  initial: [In Review]
"""


@pytest.mark.parametrize("states, draft", [("In Review, Approved, Rejected", ""),
                                           ("Draft, In Review, Approved, Rejected",
                                            "Draft: [In Review], ")])
def test_the_bundled_spec_starts_where_the_workflow_lets_it(git_repo: GitRepo, states: str,
                                                            draft: str) -> None:
    """newuser66 MEDIUM 2: with no template, `new` wrote `status: Draft` whatever
    `statuses:` said, exit 0 in silence: validate then refused Draft as unknown, or
    `validate --history` refused the spec's start. It starts in the workflow's first
    state a spec may start in, and says what validate still wants (a reviewer named)."""
    git_repo.commit("workflow", {"specrepo.yaml": WORKFLOW.format(
        states=states, draft=draft)})
    made = run_cli("new", "Second", "--author", "Ada")
    assert made.exit_code == 0, made.output
    [spec] = Path("specs").glob("*.yaml")
    assert yaml.safe_load(spec.read_text())["status"] == "In Review"
    assert (f"{spec.as_posix()} does not pass validate yet (1 error; the first, at line "
            "3: the spec is In Review but names no reviewer; name one in `reviewers:`); "
            "fill it in\n") in made.stderr
    spec.write_text(spec.read_text().replace("reviewers: []", "reviewers: [Grace]"))
    git_repo.commit("first", {})
    assert run_cli("validate", "--history").exit_code == 0


def test_the_bundled_workflow_starts_in_a_draft_that_passes(git_repo: GitRepo) -> None:
    git_repo.commit("config", {"specrepo.yaml": "specs: specs\n"})
    made = run_cli("new", "First", "--author", "Ada")
    assert (made.exit_code, made.stderr) == (0, "")
    [spec] = Path("specs").glob("*.yaml")
    assert "\nstatus: Draft\n" in spec.read_text()
