"""Every YAML file specrepo reads gets advice in its own terms (`load.yaml_role`): a spec is told
to keep one spec per file, the configuration one configuration document, a schema one schema;
no file that is no spec is told anything about specs."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.base.errors import ConfigError
from specrepo.configuration.config_file import config_version, load_config
from specrepo.history.config_history import configured_locations
from specrepo.load.schema_reading import MAX_SCHEMA_BYTES, SchemaLoadError, read_schema_file
from specrepo.load.yaml_loader import LoadLimits, YamlError, YamlRole, load_yaml

SEVERAL_DOCUMENTS = b"specs: specs\n---\nrender:\n  out: docs/specs\n"
UNSUPPORTED_TAGS = [b"specs: !include other.yaml\n", b"specs: !!set {a}\n",
                    b"specs: !!python/object:os.system x\n"]


def _messages(raw: bytes, role: YamlRole) -> list[str]:
    with pytest.raises(YamlError) as caught:
        load_yaml(raw, role=role)
    return [problem.message for problem in caught.value.every]


@pytest.mark.parametrize(("role", "advice"), [
    (YamlRole.SPEC, "keep one spec per file"),
    (YamlRole.CONFIGURATION, "keep one configuration document"),
    (YamlRole.SCHEMA, "keep one schema per file"),
])
def test_a_second_document_is_advised_in_the_files_own_terms(role: YamlRole,
                                                             advice: str) -> None:
    assert _messages(SEVERAL_DOCUMENTS, role) == [
        f"the file holds more than one YAML document (a second `---`); {advice}"]


@pytest.mark.parametrize("raw", UNSUPPORTED_TAGS)
@pytest.mark.parametrize(("role", "advice"), [
    (YamlRole.SPEC, "specs hold plain data only"),
    (YamlRole.CONFIGURATION, "the configuration holds plain data only"),
    (YamlRole.SCHEMA, "schemas hold plain data only"),
])
def test_an_unsupported_tag_is_advised_in_the_files_own_terms(raw: bytes, role: YamlRole,
                                                              advice: str) -> None:
    assert _messages(raw, role)[0].endswith(f"is not supported; {advice}")


@pytest.mark.parametrize("raw", [SEVERAL_DOCUMENTS, *UNSUPPORTED_TAGS, b"a: 1\n" * 300])
@pytest.mark.parametrize("role", [YamlRole.CONFIGURATION, YamlRole.SCHEMA])
def test_a_file_that_is_no_spec_is_told_nothing_of_specs(raw: bytes, role: YamlRole) -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml(raw, LoadLimits(max_bytes=1000), role=role)
    assert all("spec" not in problem.message for problem in caught.value.every)


def test_an_oversized_spec_is_told_where_its_limit_is_raised() -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml(b"a: 1\n" * 300, LoadLimits(max_bytes=1000))
    assert "raise `max_file_size` in specrepo.yaml" in caught.value.message


def test_the_configuration_with_a_second_document_is_refused_as_a_configuration(
        tmp_path: Path) -> None:
    path = tmp_path / "specrepo.yaml"
    path.write_bytes(SEVERAL_DOCUMENTS)
    with pytest.raises(ConfigError) as caught:
        load_config(path, tmp_path)
    assert str(caught.value).endswith(
        "specrepo.yaml:2:1: the file holds more than one YAML document (a second `---`); keep "
        "one configuration document")
    with pytest.raises(ConfigError) as caught:
        config_version(b"specs: !include other.yaml\n", path)
    assert str(caught.value).endswith("the configuration holds plain data only")


def test_a_configuration_version_in_the_history_is_advised_as_a_configuration() -> None:
    located, problem = configured_locations(SEVERAL_DOCUMENTS, "", ())
    assert located == ()
    assert problem == "line 2: the file holds more than one YAML document (a second `---`); " \
        "keep one configuration document"


def test_a_yaml_schema_is_refused_as_a_schema(tmp_path: Path) -> None:
    path = tmp_path / "spec.schema.yaml"
    path.write_bytes(b"type: object\n---\ntype: string\n")
    with pytest.raises(SchemaLoadError) as caught:
        read_schema_file(path)
    assert "keep one schema per file" in str(caught.value)


def test_a_yaml_schema_is_read_to_the_schemas_size_limit_not_a_specs(tmp_path: Path) -> None:
    """A schema may be 16 MiB, in JSON or in YAML: the YAML loader's default (a spec's
    1 MiB, with advice to raise a spec's `max_file_size`) is no schema's limit."""
    path = tmp_path / "spec.schema.yaml"
    path.write_bytes(b"type: object\ndescription: '" + b"x" * (2 * 1024 * 1024) + b"'\n")
    assert read_schema_file(path)["type"] == "object"
    path.write_bytes(b"description: '" + b"x" * MAX_SCHEMA_BYTES + b"'\n")
    with pytest.raises(SchemaLoadError) as caught:
        read_schema_file(path)
    assert "spec" not in str(caught.value).replace("spec.schema.yaml", "")
