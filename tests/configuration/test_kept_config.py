"""The configuration's document kept between runs (`configuration.kept_config`): a warm load
parses nothing and gives the configuration a cold one gives; whatever the kept file holds
(another configuration's, a damaged one, none), never another answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.base.errors import ConfigError
from specrepo.configuration import config_file
from specrepo.configuration.config_file import load_config
from specrepo.configuration.kept_config import CACHE_FILE, CACHE_FORMAT
from specrepo.load import schema_scope
from specrepo.load.document import Document
from specrepo.load.schema_source import SchemaSource
from specrepo.load.yaml_loader import YamlRole, load_yaml

EXAMPLES = Path(__file__).parents[2] / "examples"
CONFIGS = [
    "specs: specs\n",
    "specs: [specs, more]\nid_prefix: ADR\nrules: {file-name: off}\nmax_file_size: 4096\n",
    "specs: docs\nfront_matter: true\nsections:\n  - '## **Summary**'\n"
    "  - {heading: '## Notes', optional: true}\napproval:\n  protected: [title, '## Summary']\n",
    "schema: s.json\nstatuses:\n  states: [a, b]\n  transitions: {a: [b]}\n  approved: [b]\n"
    "fields:\n  id: number\n  read_as_text: [number]\n"
    "site: {name: Site, repository_url: 'https://example.com/r'}\n",
]


@pytest.fixture
def unparsed(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The configuration files parsed while the test runs (their bytes)."""
    parsed: list[bytes] = []
    def recording(raw: bytes, *, role: YamlRole) -> Document:
        parsed.append(raw)
        return load_yaml(raw, role=role)

    monkeypatch.setattr(config_file, "load_yaml", recording)
    return parsed


def _git_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "git"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.mark.parametrize("text", CONFIGS)
def test_a_kept_configuration_is_the_one_parsed(tmp_path: Path, unparsed: list[bytes],
                                                text: str) -> None:
    path = tmp_path / "repo" / "specrepo.yaml"
    path.parent.mkdir()
    path.write_text(text)
    (path.parent / "s.json").write_text('{"type": "object"}')
    cold = load_config(path, path.parent)
    first = load_config(path, path.parent, kept_in=_git_dir(tmp_path))
    assert (tmp_path / "git" / CACHE_FILE).is_file()
    warm = load_config(path, path.parent, kept_in=_git_dir(tmp_path))
    assert cold == first == warm
    assert len(unparsed) == 2  # the warm run parsed nothing


@pytest.mark.parametrize("example", ["kep", "enhancements", "madr", "madr-markdown",
                                     "template"])
def test_the_examples_configurations_kept_are_the_ones_parsed(
        tmp_path: Path, unparsed: list[bytes], example: str) -> None:
    path = EXAMPLES / example / "specrepo.yaml"
    cold = load_config(path, path.parent, kept_in=_git_dir(tmp_path))
    assert load_config(path, path.parent, kept_in=_git_dir(tmp_path)) == cold
    assert len(unparsed) == 1


def test_an_edited_configuration_is_parsed_again(tmp_path: Path, unparsed: list[bytes]) -> None:
    path = tmp_path / "specrepo.yaml"
    git_dir = _git_dir(tmp_path)
    path.write_text(CONFIGS[0])
    load_config(path, tmp_path, kept_in=git_dir)
    path.write_text(CONFIGS[1])  # another configuration's document is kept
    assert load_config(path, tmp_path, kept_in=git_dir) == load_config(path, tmp_path)
    assert load_config(path, tmp_path, kept_in=git_dir).id_prefix == "ADR"
    path.write_text(CONFIGS[1] + "# a comment\n")  # a byte more: parsed
    assert load_config(path, tmp_path, kept_in=git_dir) == load_config(path, tmp_path)
    assert len(unparsed) == 5  # the first, the edit and the comment, each warm and cold
    assert len(set(unparsed)) == 3


@pytest.mark.parametrize("damage", [
    lambda raw: raw[:-5], lambda raw: raw.replace(
        b'"format": %d' % CACHE_FORMAT, b'"format": %d' % (CACHE_FORMAT + 1)),
    lambda raw: raw.replace(b'"line', b'"lime') + b"x", lambda raw: b"",
    lambda raw: b"{}\n{}",
])
def test_a_damaged_or_foreign_kept_file_is_parsed_again(
        tmp_path: Path, unparsed: list[bytes], damage: object) -> None:
    path = tmp_path / "specrepo.yaml"
    git_dir = _git_dir(tmp_path)
    path.write_text(CONFIGS[2])
    cold = load_config(path, tmp_path, kept_in=git_dir)
    kept = git_dir / CACHE_FILE
    kept.write_bytes(damage(kept.read_bytes()))  # type: ignore[operator]
    assert load_config(path, tmp_path, kept_in=git_dir) == cold
    assert len(unparsed) == 2
    assert load_config(path, tmp_path, kept_in=git_dir) == cold  # kept again
    assert len(unparsed) == 2


@pytest.mark.parametrize(("text", "where"), [
    ("specs: specs\nstale_after_days: 3\n", ":2:"),  # the configuration schema refuses it
    ("specs: [specs\n", ":1:8:"),  # no YAML
    ("sections: ['## A']\n", ":1:1:"),  # accepted by the schema, refused after
    ("specs: ../elsewhere\n", ":1:8:"),  # outside the repository
])
def test_a_configuration_that_fails_is_never_kept(tmp_path: Path, text: str, where: str
                                                  ) -> None:
    path = tmp_path / "repo" / "specrepo.yaml"
    path.parent.mkdir()
    path.write_text(text)
    git_dir = _git_dir(tmp_path)
    messages = []
    for _ in range(2):
        with pytest.raises(ConfigError) as raised:
            load_config(path, path.parent, kept_in=git_dir)
        messages.append(str(raised.value))
    assert messages[0] == messages[1]
    assert f"specrepo.yaml{where}" in messages[0]
    assert not (git_dir / CACHE_FILE).exists()


def test_what_a_kept_configuration_names_on_disk_is_checked_every_run(tmp_path: Path) -> None:
    """A location inside the repository when the document was kept, and a symbolic link
    out of it now, is refused at its line as a cold run refuses it."""
    repository = tmp_path / "repo"
    (repository / "specs").mkdir(parents=True)
    path = repository / "specrepo.yaml"
    path.write_text("specs: specs\n")
    git_dir = _git_dir(tmp_path)
    load_config(path, repository, kept_in=git_dir)
    (repository / "specs").rmdir()
    (tmp_path / "outside").mkdir()
    (repository / "specs").symlink_to(tmp_path / "outside")
    with pytest.raises(ConfigError) as cold:
        load_config(path, repository)
    with pytest.raises(ConfigError) as warm:
        load_config(path, repository, kept_in=git_dir)
    assert str(warm.value) == str(cold.value)
    assert "specrepo.yaml:1:8: specs names 'specs'" in str(warm.value)


def test_an_empty_configuration_and_one_with_aliases_are_read_without_a_kept_file(
        tmp_path: Path, unparsed: list[bytes]) -> None:
    path = tmp_path / "specrepo.yaml"
    git_dir = _git_dir(tmp_path)
    path.write_text("")
    assert load_config(path, tmp_path, kept_in=git_dir) == load_config(path, tmp_path)
    (tmp_path / "s.json").write_text('{"type": "object"}')
    path.write_text("schema: s.json\nstatuses:\n  states: [a, b]\n  transitions: {a: [b]}\n"
                    "  in_review: &first [a]\n  initial: *first\n")
    assert load_config(path, tmp_path, kept_in=git_dir) == load_config(path, tmp_path)
    assert not (git_dir / CACHE_FILE).exists()


SCHEMA = ('{"type": "object", "additionalProperties": false, "properties": '
          '{"id": {}, "title": {}, "status": {}, "%s": {"type": "string"}}}')


def test_protected_paths_are_checked_again_when_the_schema_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The protected paths' check against a schema of one's own is kept while the schema's
    files hold what they held; another schema is read and judges them as cold."""
    loads: list[Path] = []
    load = schema_scope.load_schema_source

    def counted(path: Path, repository: Path) -> SchemaSource:
        loads.append(path)
        return load(path, repository)

    monkeypatch.setattr(schema_scope, "load_schema_source", counted)
    path = tmp_path / "specrepo.yaml"
    (tmp_path / "s.json").write_text(SCHEMA % "decision")
    path.write_text("schema: s.json\napproval:\n  protected: [title, decision]\n")
    git_dir = _git_dir(tmp_path)
    cold = load_config(path, tmp_path, kept_in=git_dir)
    assert load_config(path, tmp_path, kept_in=git_dir) == cold
    assert len(loads) == 1  # the warm run read no schema
    (tmp_path / "s.json").write_text(SCHEMA % "choice")
    with pytest.raises(ConfigError) as unkept:
        load_config(path, tmp_path)
    with pytest.raises(ConfigError) as warm:
        load_config(path, tmp_path, kept_in=git_dir)
    assert str(warm.value) == str(unkept.value)
    assert "specrepo.yaml:3:22: approval.protected: a spec has no key 'decision'" \
        in str(warm.value)
    (tmp_path / "s.json").write_text(SCHEMA % "decision" + " ")  # other bytes, same paths
    assert load_config(path, tmp_path, kept_in=git_dir) == cold
    assert load_config(path, tmp_path, kept_in=git_dir) == cold
    assert len(loads) == 4  # cold, unkept, warm on the changed schema, then its bytes
