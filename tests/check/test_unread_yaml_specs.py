"""`unread-yaml-spec`: with `front_matter: true`, a `.yaml` spec left in a spec folder (a
repository half converted from YAML to Markdown) is named in every format, not dropped in
silence; a metadata file beside a Markdown document (a KEP's `kep.yaml`) is not."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

CONFIG = "specs: specs\nfront_matter: true\n"
MARKDOWN_SPEC = """---
id: SPEC-0001
title: Converted
status: Draft
authors: [Ada Lovelace]
created: 2026-01-02
updated: 2026-01-03
summary: Why and what.
---

# Converted
"""
YAML_SPEC = """id: SPEC-0002
title: Not converted yet
status: Draft
authors: [Ada Lovelace]
created: 2026-01-02
updated: 2026-01-03
summary: Why and what.
"""
LEFT = "specs/SPEC-0002-not-converted.yaml"


@pytest.fixture
def half_converted(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("Half converted", {"specrepo.yaml": CONFIG,
                                       "specs/SPEC-0001-converted.md": MARKDOWN_SPEC,
                                       LEFT: YAML_SPEC})
    return git_repo


def test_a_yaml_spec_left_among_markdown_specs_is_a_warning(half_converted: GitRepo) -> None:
    result = run_cli("validate")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        f"{LEFT}:1:1: warning: looks like a spec (SPEC-0002), but with `front_matter: true` "
        "only Markdown files (*.md, *.markdown) are specs here, so it is not checked, "
        "reported or rendered")
    assert "[unread-yaml-spec]" in result.output
    assert "1 file checked: 0 errors, 1 warning" in result.output
    assert run_cli("validate", "--strict").exit_code == 1


@pytest.mark.parametrize("output_format", ["json", "sarif", "junit", "github"])
def test_every_format_names_it(half_converted: GitRepo, output_format: str) -> None:
    output = run_cli("validate", "--format", output_format).stdout
    assert LEFT in output and "unread-yaml-spec" in output
    if output_format == "json":
        [finding] = json.loads(output)["findings"]
        assert (finding["file"], finding["rule"], finding["severity"]) == (
            LEFT, "unread-yaml-spec", "warning")


def test_the_report_says_so_too(half_converted: GitRepo) -> None:
    result = run_cli("report")
    assert result.exit_code == 0
    assert f"specrepo: warning: {LEFT}:1: looks like a spec (SPEC-0002)" in result.stderr


def test_excluded_or_switched_off_it_is_not_named(half_converted: GitRepo) -> None:
    (half_converted.root / "specrepo.yaml").write_text(CONFIG + f"exclude: {LEFT}\n")
    assert "unread-yaml-spec" not in run_cli("validate").output
    (half_converted.root / "specrepo.yaml").write_text(
        CONFIG + "rules: {unread-yaml-spec: 'off'}\n")
    assert "unread-yaml-spec" not in run_cli("validate").output


@pytest.mark.parametrize(("name", "text"), [
    # A KEP's metadata beside its README.md, even under a configuration whose id is the
    # title (OpenShift's enhancements), so that kep.yaml has every field asked for.
    ("kep.yaml", "title: Node swap\nstatus: implementable\nkep-number: 2400\n"),
    # Other YAML files Markdown repositories keep: no spec's fields.
    ("mkdocs.yaml", "site_name: Docs\nnav: [index.md]\n"),
    ("list.yaml", "- a\n- b\n"),
    ("broken.yaml", "a: [\n"),
])
def test_other_yaml_files_beside_markdown_specs_say_nothing(
        git_repo: GitRepo, name: str, text: str) -> None:
    config = CONFIG.replace("specs: specs", "specs: keps") + "fields: {id: title, title: null}\n"
    readme = MARKDOWN_SPEC.replace("id: SPEC-0001\n", "").replace("title: Converted",
                                                                   "title: Node swap")
    git_repo.commit("KEPs", {"specrepo.yaml": config, "keps/sig-node/2400-swap/README.md": readme,
                             f"keps/sig-node/2400-swap/{name}": text})
    result = run_cli("validate")
    assert "unread-yaml-spec" not in result.output, result.output


def test_a_folder_of_yaml_specs_not_converted_yet_is_named_whatever_the_names(
        git_repo: GitRepo) -> None:
    git_repo.commit("Archive", {"specrepo.yaml": CONFIG,
                                "specs/SPEC-0001-converted.md": MARKDOWN_SPEC,
                                "specs/archive/rate-limits.yaml": YAML_SPEC})
    assert "specs/archive/rate-limits.yaml:1:1: warning" in run_cli("validate").output


def test_yaml_specs_are_no_warning_without_front_matter(git_repo: GitRepo) -> None:
    git_repo.commit("YAML", {"specs/SPEC-0002-not-converted.yaml": YAML_SPEC})
    assert run_cli("validate").output == "1 file checked: no problems\n"


PROPOSAL = """---
title: pipelines-for-on-cluster-image-mode
authors: ["@a"]
status: provisional
---

# Pipelines for On Cluster Image Mode

This is a proposal.
"""
OPENSHIFT = "specs: enhancements\nfront_matter: true\nfields: {id: title, title: null}\n"


@pytest.mark.parametrize("name", ["pipelines-for-on-cluster-image-mode.yaml", "proposal.yml"])
def test_a_markdown_spec_under_a_yaml_name_is_named_wherever_it_stands(
        git_repo: GitRepo, name: str) -> None:
    """trial52 yaml-named-markdown-proposal-dropped: to the YAML loader a stream of two
    documents; named beside Markdown specs, whatever its name."""
    markdown = PROPOSAL.replace("pipelines-for-on-cluster-image-mode", "pinned-images")
    git_repo.commit("Proposals", {"specrepo.yaml": OPENSHIFT,
                                  "enhancements/mco/pinned-images.md": markdown,
                                  f"enhancements/mco/{name}": PROPOSAL})
    output = run_cli("validate").output  # (the bundled schema refuses the .md: no matter)
    assert (f"enhancements/mco/{name}:2:1: warning: reads as a Markdown spec with YAML front "
            "matter (pipelines-for-on-cluster-image-mode) under a YAML name") in output, output
    assert "rename it to .md" in output


@pytest.mark.parametrize(("text", "shown"), [
    # A spec missing a field is a spec still (a Markdown one would be a schema error).
    (YAML_SPEC.replace("status: Draft\n", ""), "(SPEC-0002)"),
    (YAML_SPEC.replace("id: SPEC-0002\n", ""),
     "(SPEC-0002 by its file name, with `title`, `status`)"),
    # One with a mistake is judged by its top-level lines, and says why it does not load.
    (YAML_SPEC + "status: Draft\n", "(SPEC-0002; it does not load as YAML: "),
    (YAML_SPEC + "goals: [unclosed\n", "(SPEC-0002; it does not load as YAML: "),
])
def test_a_missing_field_or_a_mistake_hides_no_spec(git_repo: GitRepo, text: str,
                                                     shown: str) -> None:
    git_repo.commit("Left", {"specrepo.yaml": CONFIG, "specs/archive/rate-limits.yaml": text,
                             "specs/SPEC-0001-converted.md": MARKDOWN_SPEC,
                             "specs/SPEC-0002-left.yaml": text})
    output = run_cli("validate").output
    assert f"specs/SPEC-0002-left.yaml:1:1: warning: looks like a spec {shown}" in output \
        or f"specs/SPEC-0002-left.yaml:2:1: warning: looks like a spec {shown}" in output, output
    assert "specs/archive/rate-limits.yaml" in output  # alone in its folder: named too


@pytest.mark.parametrize("location", ['"docs/rfcs/*.md"', '"docs/**/*.md"', "[docs/rfcs/*.md]",
                                      '"docs/rfcs/RFC-*.md"', "docs", "docs/rfcs"])
def test_a_glob_of_markdown_names_looks_in_its_folders(git_repo: GitRepo, location: str
                                                        ) -> None:
    # newuser74 M4: a glob's Markdown names match no YAML file, so a YAML spec left among
    # them dropped out of validate and report in silence (exit 0).
    git_repo.commit("RFCs", {"specrepo.yaml": f"specs: {location}\nfront_matter: true\n",
                             "docs/rfcs/RFC-0001.md": MARKDOWN_SPEC,
                             "docs/rfcs/RFC-0002-two.yaml": YAML_SPEC})
    result = run_cli("validate")
    assert "docs/rfcs/RFC-0002-two.yaml:1:1: warning: looks like a spec (SPEC-0002)" \
        in result.output, result.output
    assert "looks like a spec (SPEC-0002)" in run_cli("report").stderr


def test_a_glob_of_markdown_names_looks_in_no_other_folder(git_repo: GitRepo) -> None:
    git_repo.commit("RFCs", {"specrepo.yaml": 'specs: "docs/rfcs/*.md"\nfront_matter: true\n',
                             "docs/rfcs/RFC-0001.md": MARKDOWN_SPEC,
                             "docs/rfcs/archive/SPEC-0002-two.yaml": YAML_SPEC,
                             "docs/SPEC-0002-two.yaml": YAML_SPEC})
    assert "unread-yaml-spec" not in run_cli("validate").output


KEP_CONFIG = """specs: keps/**/README.md
front_matter: true
fields: {id: kep-number, title: null, read_as_text: [kep-number]}
"""
KEP_README = MARKDOWN_SPEC.replace("id: SPEC-0001", 'kep-number: "1029"')


def test_a_kep_whose_readme_is_gone_is_named_by_its_kep_yaml(git_repo: GitRepo) -> None:
    kep = "keps/sig-storage/1029-quotas"
    git_repo.commit("KEPs", {"specrepo.yaml": KEP_CONFIG, f"{kep}/README.md": KEP_README,
                             f"{kep}/kep.yaml": "title: Quotas\nkep-number: 1029\n"
                                                "status: implementable\n",
                             "keps/sig-node/2400-swap/README.md":
                                 KEP_README.replace('"1029"', '"2400"')})
    assert "unread-yaml-spec" not in run_cli("validate").output
    (git_repo.root / kep / "README.md").unlink()
    assert f"{kep}/kep.yaml:2:1: warning: looks like a spec (1029)" in run_cli("validate").output


@pytest.mark.parametrize(("id_line", "named"), [
    ("kep-number: 1029", False), ('kep-number: "1029"', False), ("kep-number: 0x1F", False),
    ("kep-number: 1e400", False), ("kep-number: 7 # seven", False),
    ("kep-number: quotas", True), ("kep-number: 'quotas'", True),
    ("kep-number: [1029]", False), ("kep-number: &n quotas", True)])
def test_a_yaml_file_beside_a_markdown_spec_is_named_only_after_its_id(
        git_repo: GitRepo, id_line: str, named: bool) -> None:
    # Read without loading where its id has a digit and its name none (a KEP's kep.yaml):
    # the verdict is the loaded file's.
    kep = "keps/sig-storage/1029-quotas"
    git_repo.commit("KEPs", {"specrepo.yaml": KEP_CONFIG, f"{kep}/README.md": KEP_README,
                             f"{kep}/quotas.yaml": f"title: Quotas\n{id_line}\n"})
    assert ("unread-yaml-spec" in run_cli("validate").output) is named
