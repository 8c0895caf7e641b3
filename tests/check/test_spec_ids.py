"""Spec ids read through the field map, and the files that have them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from specrepo.base.errors import UsageError
from specrepo.check.spec_ids import spec_files_of_arguments, spec_ids
from specrepo.model.config import Config
from specrepo.model.fields import DEFAULT_FIELDS


def test_ids_are_read_through_the_field_map(tmp_path: Path) -> None:
    (tmp_path / "keps" / "a").mkdir(parents=True)
    (tmp_path / "keps" / "a" / "kep.yaml").write_text("title: A\nkep-number: 0034\n")
    (tmp_path / "keps" / "b").mkdir(parents=True)
    (tmp_path / "keps" / "b" / "kep.yaml").write_text("kep-number: 34\n")
    fields = replace(DEFAULT_FIELDS, id=("kep-number",), read_as_text=(("kep-number",),))
    config = Config(root=tmp_path, file=tmp_path / "specrepo.yaml",
                    spec_locations=("keps/**/kep.yaml",), fields=fields)
    assert spec_ids(config) == ["0034", "34"]
    assert spec_files_of_arguments(["0034"], config).files == (tmp_path / "keps/a/kep.yaml",)
    as_numbers = replace(config, fields=replace(fields, read_as_text=()))
    assert spec_ids(as_numbers) == ["34"]  # 0034 and 34 are both the number 34
    with pytest.raises(UsageError, match="no spec has this id"):
        spec_files_of_arguments(["35"], config)
    (tmp_path / "keps" / "b" / "kep.yaml").write_text("title: no number\n")
    assert spec_ids(config) == ["0034"]  # a file without an id has none
