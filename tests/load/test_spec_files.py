"""Finding spec files and reading them safely."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from specrepo.base.errors import ConfigError, UsageError
from specrepo.load.locations import SpecLocation, location_matcher
from specrepo.load.named_specs import expand_arguments
from specrepo.load.spec_files import (
    discover_spec_files,
    load_spec_document,
    read_spec_file,
    spec_file_identity,
)
from specrepo.load.yaml_loader import YamlError
from specrepo.model.config import Config
from specrepo.model.fields import DEFAULT_FIELDS


def touch(path: Path, text: str = "a: 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_folders_are_searched_recursively_for_yaml_files(tmp_path: Path) -> None:
    wanted = [touch(tmp_path / "specs/a.yaml"), touch(tmp_path / "specs/sub/b.yml")]
    touch(tmp_path / "specs/notes.md")
    touch(tmp_path / "specs/.hidden/c.yaml")
    assert discover_spec_files(Config(root=tmp_path)) == sorted(wanted)


@pytest.mark.parametrize("locations", [("specs",), ("specs/**/*.yaml",)])
def test_folders_named_like_spec_files_are_listed_not_entered(
        tmp_path: Path, locations: tuple[str, ...]) -> None:
    spec = touch(tmp_path / "specs/a.yaml")
    folder = tmp_path / "specs/SPEC-0012.yaml"
    touch(folder / "inner.yaml")
    config = Config(root=tmp_path, spec_locations=locations)
    assert discover_spec_files(config) == [folder, spec]
    assert expand_arguments([tmp_path / "specs"], tmp_path) == [folder, spec]
    assert expand_arguments([folder], tmp_path) == [folder]
    with pytest.raises(YamlError, match="not a regular file"):
        read_spec_file(folder, tmp_path, 1000)


@pytest.mark.parametrize(("glob", "listed"), [
    ("proposals/*/README.md", ["proposals/2676-x.md/README.md", "proposals/819-y/README.md"]),
    ("proposals/**/*.md", ["proposals/2676-x.md", "proposals/819-y/README.md"]),
    ("proposals/*/*.md", ["proposals/2676-x.md/README.md", "proposals/819-y/README.md"]),
])
def test_a_folder_named_like_a_spec_file_hides_only_what_its_glob_lists_it_for(
        tmp_path: Path, glob: str, listed: list[str]) -> None:
    """kubeflow/community keeps a proposal in `proposals/2676-istio-ambient.md/README.md`:
    `proposals/*/README.md` did not list the folder, yet skipped the README in it, a spec
    dropped in silence while the history read it. A spec-named folder hides its files only
    where the glob matched the folder itself (and lists it, so reading it reports it)."""
    for name in ("proposals/2676-x.md/README.md", "proposals/819-y/README.md"):
        touch(tmp_path / name)
    config = Config(root=tmp_path, spec_locations=(glob,), front_matter=True)
    found = [path.relative_to(tmp_path).as_posix() for path in discover_spec_files(config)]
    assert found == listed
    history = location_matcher(config.locations)  # the history reads each file listed
    assert all(history(name) for name in found if not (tmp_path / name).is_dir())


def test_globs_and_several_locations(tmp_path: Path) -> None:
    kep = touch(tmp_path / "keps/sig-a/1-x/kep.yaml")
    touch(tmp_path / "keps/sig-a/1-x/README.md")
    spec = touch(tmp_path / "specs/a.yaml")
    config = Config(root=tmp_path, spec_locations=("specs", "keps/**/kep.yaml", "specs"))
    assert discover_spec_files(config) == sorted([kep, spec])


def test_a_glob_lists_a_folder_named_like_a_spec_file_and_never_enters_it(
        tmp_path: Path) -> None:
    """As a folder location does: `x.yaml/` is listed (reading it reports it), what lies
    below it is not a spec file, at any depth, for either suffix."""
    kept = [touch(tmp_path / name) for name in ("specs/a.yaml", "specs/deep/b.yml",
                                                "specs/yaml/c.yaml", "specs/d.yamlx/e.yaml")]
    for name in ("specs/x.yaml/inner.yaml", "specs/y.yml/deep/inner.yaml",
                 "specs/deep/z.yaml/inner.yml"):
        touch(tmp_path / name)
    config = Config(root=tmp_path, spec_locations=("specs/**/*.y*ml",))
    assert discover_spec_files(config) == sorted([
        *kept, tmp_path / "specs/x.yaml", tmp_path / "specs/y.yml",
        tmp_path / "specs/deep/z.yaml"])


def test_a_missing_specs_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="specrepo init"):
        discover_spec_files(Config(root=tmp_path))
    config = Config(root=tmp_path, file=tmp_path / "specrepo.yaml", spec_locations=("spex",))
    with pytest.raises(ConfigError, match="'spex' does not exist"):
        discover_spec_files(config)


def test_symlinked_folders_are_not_followed_but_listed_when_they_hide_a_spec(
        tmp_path: Path) -> None:
    """git keeps a link, not the files behind it: a linked folder is not entered; when a
    spec file behind it is named by no other path, the link is listed, and reading it
    says why nothing behind it is read."""
    touch(tmp_path / "elsewhere/x.yaml")
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs/link").symlink_to(tmp_path / "elsewhere")
    assert discover_spec_files(Config(root=tmp_path)) == [tmp_path / "specs/link"]
    with pytest.raises(YamlError, match=r"symbolic link to the folder elsewhere, which "
                       r"specrepo does not enter here .*name elsewhere in `specs:`"):
        read_spec_file(tmp_path / "specs/link", tmp_path, 1000)
    both = Config(root=tmp_path, file=tmp_path / "specrepo.yaml",
                  spec_locations=("specs", "elsewhere"))
    assert discover_spec_files(both) == [tmp_path / "elsewhere/x.yaml"]  # read once


def _listed_by_os_walk(folder: Path) -> set[Path]:
    """What discovery lists in a folder, as `os.walk` finds it (the reference)."""
    found: set[Path] = set()
    for directory, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        named_like_specs = [name for name in folders if name.endswith((".yaml", ".yml"))]
        folders[:] = [name for name in folders if name not in named_like_specs]
        found.update(Path(directory, name) for name in (*files, *named_like_specs)
                     if name.endswith((".yaml", ".yml")))
    return found


def test_a_folder_lists_what_os_walk_finds_in_path_order(tmp_path: Path) -> None:
    """Every kind of entry a folder walk meets (hidden files and folders, folders named
    like specs, links to files, to folders and to nothing), listed as `os.walk` finds
    them, by identity, and sorted as paths (`a/b` before `a-b`, unlike their text)."""
    specs = tmp_path / "specs"
    for name in ("a/b.yaml", "a-b.yaml", "a-c/z.yml", ".hidden.yaml", ".dot/x.yaml",
                 "x.yaml/inner.yaml", ".x.yaml/inner.yaml", "deep/er/est.yaml", "notes.md"):
        touch(specs / name)
    touch(tmp_path / "elsewhere/e.yaml")
    (specs / "to-file.yaml").symlink_to(specs / "a-b.yaml")
    (specs / "to-folder").symlink_to(tmp_path / "elsewhere")
    (specs / "folder-link.yaml").symlink_to(tmp_path / "elsewhere")
    (specs / "broken.yaml").symlink_to(tmp_path / "nowhere.yaml")
    listed = discover_spec_files(Config(root=tmp_path))
    by_walk = {spec_file_identity(path, tmp_path) for path in _listed_by_os_walk(specs)}
    by_walk.add(specs / "to-folder")
    assert set(listed) == by_walk and len(listed) == len(by_walk)
    assert listed == sorted(by_walk)
    assert listed.index(specs / "a/b.yaml") < listed.index(specs / "a-b.yaml")
    assert specs / "to-file.yaml" not in listed  # a link inside: the file it leads to
    assert specs / "broken.yaml" in listed and specs / "x.yaml" in listed
    assert specs / "to-folder" in listed  # not entered, and e.yaml is named by no location
    assert set(expand_arguments([specs], tmp_path)) == by_walk - {specs / "to-folder"}


def test_arguments_expand_folders_and_refuse_missing_paths(tmp_path: Path) -> None:
    a = touch(tmp_path / "d/a.yaml")
    b = touch(tmp_path / "b.txt")
    assert expand_arguments([tmp_path / "d", b], tmp_path) == sorted([a, b])
    with pytest.raises(UsageError, match="no such file"):
        expand_arguments([tmp_path / "nope.yaml"], tmp_path)


def test_reading_refuses_links_out_of_the_repository(tmp_path: Path) -> None:
    outside = touch(tmp_path / "outside.yaml")
    root = tmp_path / "repo"
    link = root / "specs/x.yaml"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    with pytest.raises(YamlError, match="outside the repository"):
        read_spec_file(link, root, 1000)


def test_links_inside_the_repository_are_read(tmp_path: Path) -> None:
    target = touch(tmp_path / "specs/real.yaml")
    link = tmp_path / "specs/alias.yaml"
    link.symlink_to(target)
    assert read_spec_file(link, tmp_path, 1000) == b"a: 1\n"


def test_broken_links_folders_and_pipes_are_findings_not_hangs(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.symlink_to(tmp_path / "nowhere")
    with pytest.raises(YamlError, match="broken symbolic link"):
        read_spec_file(broken, tmp_path, 1000)
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(YamlError, match="not a regular file"):
        read_spec_file(folder, tmp_path, 1000)
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    with pytest.raises(YamlError, match="not a regular file"):
        read_spec_file(pipe, tmp_path, 1000)


def test_size_cap_is_checked_before_reading(tmp_path: Path) -> None:
    big = touch(tmp_path / "big.yaml", "a: " + "x" * 5000)
    with pytest.raises(YamlError, match="over the limit of 1,024") as caught:
        read_spec_file(big, tmp_path, 1024)
    assert caught.value.rule == "yaml-limit"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    locked = touch(tmp_path / "locked.yaml")
    locked.chmod(0)
    with pytest.raises(YamlError, match="cannot read the file"):
        read_spec_file(locked, tmp_path, 1000)


@pytest.mark.parametrize("folder", ["specs [old]", "docs/[lang]/specs", "a*b", "what?"])
def test_an_existing_folder_is_that_folder_whatever_its_name(tmp_path: Path,
                                                             folder: str) -> None:
    spec = touch(tmp_path / folder / "SPEC-0001.yaml")
    touch(tmp_path / "specs o" / "decoy.yaml")  # what `specs [old]` means as a glob
    config = Config(root=tmp_path, file=tmp_path / "specrepo.yaml", spec_locations=(folder,))
    assert config.locations == (SpecLocation("folder", folder),)
    assert discover_spec_files(config, allow_empty=False) == [spec]


def test_a_location_that_yields_nothing_is_an_error_unless_allowed(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    touch(tmp_path / "docs/x.md")
    for location, words in (("specs", "the specs folder 'specs' holds no spec file"),
                            ("docs/*.yaml", "the glob 'docs/*.yaml' matches no spec file")):
        config = Config(root=tmp_path, spec_locations=(location,))
        with pytest.raises(ConfigError, match=re.escape(words)):
            discover_spec_files(config, allow_empty=False)
        assert discover_spec_files(config) == []
    with pytest.raises(UsageError, match="the folder holds no spec file"):
        expand_arguments([tmp_path / "specs"], tmp_path, allow_empty=False)
    assert expand_arguments([tmp_path / "specs"], tmp_path) == []


def test_documents_read_the_fields_named_in_read_as_text_as_written() -> None:
    raw = (b"id: 0034\nversion: 1.20\nflag: yes\non: true\nnothing:\nnested:\n"
           b"  list: [1.0, 0x1F, ~, text]\n  map: {a: 010}\nother: 1.20\n")
    fields = replace(DEFAULT_FIELDS, read_as_text=(("id",), ("version",), ("on",),
                                                   ("nothing",), ("nested",), ("missing",)))
    assert load_spec_document(raw, fields.read_as_text).data == {
        "id": "0034", "version": "1.20", "flag": "yes", "on": "true", "nothing": None,
        "nested": {"list": ["1.0", "0x1F", None, "text"], "map": {"a": "010"}},
        "other": 1.2}


def test_an_alias_of_an_anchored_number_reads_as_the_anchors_text() -> None:
    """`kep-number: *n` with `&n 0034` above it is the text written at the anchor, as
    that value written in place is (trial 32); an anchor named again takes its new text."""
    raw = (b"x: &n 0034\nnumber: *n\nlisted: [*n]\ny: &n [1]\nz: &n 010\nagain: *n\n"
           b"untouched: *n\n")
    fields = replace(DEFAULT_FIELDS, read_as_text=(("number",), ("listed",), ("again",)))
    assert load_spec_document(raw, fields.read_as_text).data == {
        "x": 34, "number": "0034", "listed": ["0034"], "y": [1], "z": 10, "again": "010",
        "untouched": 10}
