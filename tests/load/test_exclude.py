"""`exclude:`: globs of files that are no specs though a location holds them. Discovery,
git's pathspecs and the history's matcher must agree on which files they leave out; and
a location that yields nothing says why (trial 25)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.errors import ConfigError
from specrepo.configuration.config_file import load_config
from specrepo.load.glob_patterns import glob_expression
from specrepo.load.locations import (
    SpecLocation,
    exclusion_matcher,
    location_matcher,
    pathspecs,
)
from specrepo.load.spec_files import discover_spec_files
from tests.history.gitrepo import GitRepo
from tests.support import fuzz, run_cli

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
FILES = [
    "keps/NNNN-kep-template/kep.yaml", "keps/sig-node/2400-swap/kep.yaml",
    "keps/sig-node/2400-swap/README.md", "keps/prod-readiness/sig-node/2400.yaml",
    "keps/sig-x/drafts/9-x/kep.yaml", "specs/SPEC-0001.yaml", "specs/old/SPEC-0002.yaml",
    "specs/README.yaml", "specs/template.yml", "docs/index.md", "docs/a.md",
]


@pytest.mark.parametrize(("globs", "path", "out"), [
    (("keps/NNNN-kep-template",), "keps/NNNN-kep-template/kep.yaml", True),
    (("keps/*-template",), "keps/NNNN-kep-template/kep.yaml", True),
    (("keps/*-template",), "keps/sig-node/2400-swap/kep.yaml", False),
    (("**/drafts",), "keps/sig-x/drafts/9-x/kep.yaml", True),
    (("specs/README.yaml",), "specs/README.yaml", True),
    (("specs/README.yaml",), "specs/README.yaml.bak/x.yaml", False),
    (("specs/*.yml",), "specs/old/x.yml", False),
    (("docs/[ab].md",), "docs/a.md", True),
    ((), "specs/SPEC-0001.yaml", False),
])
def test_a_glob_leaves_out_what_it_matches_and_the_files_below_a_folder_it_matches(
        globs: tuple[str, ...], path: str, out: bool) -> None:
    assert exclusion_matcher(globs)(path) is out


@pytest.mark.parametrize("location", [
    SpecLocation("glob", "keps/**/kep.yaml", exclude=("keps/NNNN-kep-template", "a\"b:c")),
    SpecLocation("folder", "docs", True, ("docs/index.md",)),
    SpecLocation("folder", "specs"),
])
def test_a_location_s_key_keeps_its_exclusions(location: SpecLocation) -> None:
    assert SpecLocation.from_key(location.key) == location
    plain = SpecLocation(location.kind, location.path, location.markdown)
    assert (location.key == plain.key) is not bool(location.exclude)


@pytest.fixture
def tree(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Files", dict.fromkeys(FILES, "x: 1\n"))
    return repo


@pytest.mark.parametrize(("specs", "exclude"), [
    (["keps/**/kep.yaml"], ["keps/NNNN-kep-template"]),
    (["keps/**/kep.yaml"], ["keps/*-template", "**/drafts"]),
    (["keps"], ["keps/prod-readiness", "keps/*-template/kep.yaml"]),
    (["specs", "keps/**/kep.yaml"], ["specs/README.yaml", "specs/*.yml", "keps/sig-*"]),
    (["specs"], ["specs/old/"]),
])
def test_discovery_git_and_the_history_s_matcher_leave_out_the_same_files(
        tree: GitRepo, specs: list[str], exclude: list[str]) -> None:
    config_file = tree.root / "specrepo.yaml"
    config_file.write_text(f"specs: {specs}\nexclude: {exclude}\n")
    config = load_config(config_file, tree.root)
    discovered = sorted(path.relative_to(tree.root).as_posix()
                        for path in discover_spec_files(config))
    # As the history asks git (diff-tree), and as `git ls-files` lists the index: an
    # exclusion git would match from past the included pathspecs' common folder is not
    # given (agree56), so git may name more, which the matcher drops.
    matcher = location_matcher(config.locations)
    for command in (["diff", "--name-only", "-z", EMPTY_TREE, "HEAD"], ["ls-files", "-z"]):
        listed = subprocess.run(["git", *command, "--", *pathspecs(config.locations)],
                                cwd=tree.root, capture_output=True, check=True).stdout
        by_git = sorted(name for name in listed.decode().split("\0") if name)
        assert discovered == [name for name in by_git if matcher(name)] \
            == sorted(path for path in FILES if matcher(path))
    assert discovered  # something is left: the case is not vacuous
    unexcluded = location_matcher([location.excluding(()) for location in config.locations])
    assert [path for path in FILES if unexcluded(path)] != discovered
    # The history's stream gives git no exclusion: it names more, the matcher drops them.
    listed = subprocess.run(["git", "diff", "--name-only", "-z", EMPTY_TREE, "HEAD", "--",
                             *pathspecs(config.locations, exclusions=False)],
                            cwd=tree.root, capture_output=True, check=True).stdout
    named = [name for name in listed.decode().split("\0") if name]
    assert set(by_git) <= set(named)
    assert sorted(name for name in named if matcher(name)) == discovered


def test_exclude_is_one_glob_or_a_list_of_them(tmp_path: Path) -> None:
    config_file = tmp_path / "specrepo.yaml"
    config_file.write_text("exclude: ./specs/drafts/\n")
    assert load_config(config_file, tmp_path).exclude == ("specs/drafts",)
    for bad in ("exclude: 3\n", "exclude: ['']\n", "exclude: {a: b}\n"):
        config_file.write_text(bad)
        with pytest.raises(ConfigError, match=r"specrepo.yaml:1:\d+"):
            load_config(config_file, tmp_path)


def test_the_config_schema_documents_exclude() -> None:
    result = run_cli("schema", "--config-schema")
    assert '"exclude"' in result.output


def messages(root: Path, config: str) -> str:
    (root / "specrepo.yaml").write_text(config)
    with pytest.raises(ConfigError) as raised:
        discover_spec_files(load_config(root / "specrepo.yaml", root), allow_empty=False)
    return str(raised.value)


def test_a_glob_of_files_in_another_format_says_so(tmp_path: Path) -> None:
    # python/peps: `specs: peps/*.rst` matches pep-0020.rst, a format specrepo does not read.
    (tmp_path / "peps").mkdir()
    (tmp_path / "peps" / "pep-0020.rst").write_text("PEP: 20\n")
    message = messages(tmp_path, "specs: peps/*.rst\n")
    assert "the glob 'peps/*.rst' matches no spec file (*.yaml, *.yml); its 1 file is .rst, " \
           "not a format specrepo reads" in message
    assert "[[]" not in message
    assert "so nothing would be checked; fix `specs:`, add a spec" in message


def test_one_location_of_several_that_names_nothing_is_not_said_to_check_nothing(
        tmp_path: Path) -> None:
    (tmp_path / "keps" / "a").mkdir(parents=True)
    (tmp_path / "keps" / "a" / "kep.yaml").write_text("kep-number: 1\n")
    message = messages(tmp_path, "specs: [keps/**/kep.yaml, kepz/**/kep.yaml]\n")
    assert "the glob 'kepz/**/kep.yaml' matches no spec file (*.yaml, *.yml), so it names " \
           "no spec (the other locations do)" in message
    assert "nothing would be checked" not in message


def test_the_bracket_hint_only_for_a_glob_with_a_bracket(tmp_path: Path) -> None:
    assert "a literal [ in a folder name is written [[] in a glob" in messages(
        tmp_path, "specs: 'docs/[lang]/*.yaml'\n")
    assert "[[]" not in messages(tmp_path, "specs: 'docs/*.yaml'\n")


def test_a_location_whose_specs_are_all_excluded_says_so(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "template.yaml").write_text("id: X\n")
    assert "the specs folder 'specs' holds 1 spec file (*.yaml, *.yml), all excluded by " \
           "`exclude:`, so nothing would be checked" in messages(
               tmp_path, "specs: specs\nexclude: specs/template.yaml\n")


def test_an_earlier_configuration_without_the_exclusion_leaves_no_template_in_the_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Specs", {"specs/SPEC-0001-a.yaml": "id: SPEC-0001\ntitle: A\nstatus: Draft\n",
                          "specs/template.yaml": "id: TEMPLATE\ntitle: T\nstatus: Drafty\n",
                          "specrepo.yaml": "specs: specs\nschema: s.yaml\n",
                          "s.yaml": "type: object\n"})
    repo.commit("Exclude the template",
                {"specrepo.yaml": "specs: specs\nschema: s.yaml\nexclude: specs/template.yaml\n"})
    monkeypatch.chdir(repo.root)
    report = run_cli("report", "--format", "json")
    assert report.exit_code == 0
    assert "TEMPLATE" not in report.output and "SPEC-0001" in report.output


@fuzz(200)
@given(st.lists(st.sampled_from(["a", "b*", "**", "?", "[ab]", "x.yaml", "a\nb"]),
                min_size=1, max_size=3).map("/".join),
       st.lists(st.sampled_from(["a", "b", "bb", "x.yaml", "a\nb", "c"]),
                min_size=1, max_size=4).map("/".join))
def test_a_path_is_excluded_when_a_glob_matches_it_or_a_folder_it_is_in(
        glob: str, path: str) -> None:
    parts = path.split("/")
    expression = re.compile(glob_expression(glob))
    by_folder = any(expression.fullmatch("/".join(parts[:length]))
                    for length in range(1, len(parts) + 1))
    assert exclusion_matcher((glob,))(path) is by_folder


def test_an_exclude_glob_outside_the_repository_is_refused_at_its_line(
        tree: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """trial51b exclude-matches-nothing: as `specs: ../x` is (exit 2)."""
    monkeypatch.chdir(tree.root)
    (tree.root / "specrepo.yaml").write_text("specs: specs\nexclude: [specs/old, ../x]\n")
    result = run_cli("validate")
    assert result.exit_code == 2
    assert "specrepo.yaml:2:22: exclude names '../x', which is outside the repository" \
        in result.output
    assert "specs/old" not in result.output


@pytest.mark.parametrize(("exclude", "place", "meant"), [
    ("old", "2:10", "; `exclude:` globs are paths from the folder of specrepo.yaml, not names "
                    "matched at any depth as in .gitignore: did you mean 'specs/old'?"),
    ("'*.yml'", "2:10", "; `exclude:` globs are paths from the folder of specrepo.yaml, not "
                        "names matched at any depth as in .gitignore: did you mean "
                        "'specs/template.yml'?"),
    ("[specs/old, nothing/here]", "2:22", ""),
])
def test_an_exclude_glob_that_matches_nothing_is_named_with_its_line(
        tree: GitRepo, monkeypatch: pytest.MonkeyPatch, exclude: str, place: str,
        meant: str) -> None:
    """trial51b exclude-matches-nothing: a `.gitignore`-style name, or a glob matching no
    file or folder, leaves nothing out: every command that lists the specs says so."""
    monkeypatch.chdir(tree.root)
    (tree.root / "specrepo.yaml").write_text(f"specs: specs\nexclude: {exclude}\n")
    glob = exclude.strip("'[]").split(", ")[-1]
    note = (f"specrepo: note: specrepo.yaml:{place}: exclude: '{glob}' matches no file or "
            f"folder in the folder of specrepo.yaml, so it leaves nothing out{meant}")
    for command in (["validate"], ["render", "--out", "pages"]):
        result = run_cli(*command)
        assert result.exit_code in (0, 1), result.output  # (the tree's files are no specs)
        assert [line for line in result.stderr.splitlines() if "exclude:" in line] == [note]
    (tree.root / "specrepo.yaml").write_text("specs: specs\nexclude: [specs/old, 'specs/*.yml']\n")
    assert "exclude" not in run_cli("validate").stderr


@pytest.mark.parametrize(("excluded", "exclude", "noted"), [
    ("specs/old.yaml", "specs/old.YAML", False),  # pathlib: no such file
    ("specs/[draft].yaml", "'specs/\\[draft\\].yaml'", False),  # pathlib: `\` is no escape
    ("specs/README.md", "specs/README.md", False),  # no spec file, but a file it names
    ("specs/x1.yaml", "'specs/[^x]1.yaml'", True),  # fnmatch: `^` or `x`; git: not `x`
    ("specs/x.txt", "'specs/**.md'", True),  # pathlib refuses the glob: it kept quiet
])
def test_the_note_on_an_exclude_glob_asks_the_matcher_that_applies_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, excluded: str, exclude: str,
        noted: bool) -> None:
    """fix53b: the note judged a glob by `pathlib`'s glob, which reads a spec file ending's
    case, `\\[` and `**` otherwise than the matcher that applies `exclude:`: it named a
    glob that does leave a file out, and kept quiet about one that leaves none out."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Files", {"specs/SPEC-0001.yaml": "x: 1\n", excluded: "x: 1\n",
                          "specrepo.yaml": f"specs: specs\nexclude: {exclude}\n"})
    monkeypatch.chdir(repo.root)
    glob = exclude.strip("'")
    for _ in range(2):  # walked, then from the kept listing
        result = run_cli("validate")
        assert result.exit_code == 1, result.output
        notes = [line for line in result.stderr.splitlines()
                 if line.startswith("specrepo: note:") and "exclude:" in line]
        assert notes == ([f"specrepo: note: specrepo.yaml:2:10: exclude: '{glob}' matches no "
                          "file or folder in the folder of specrepo.yaml, so it leaves "
                          "nothing out"] if noted else [])
        assert f"{2 if noted and excluded.endswith('.yaml') else 1} file" in result.output
