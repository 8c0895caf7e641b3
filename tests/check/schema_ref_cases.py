"""Spec schemas whose status is described through references, in every draft specrepo
supports and every shape a reference takes: another local file (JSON or YAML), a JSON
Pointer into `definitions` or `$defs`, an anchor, a chain of them, a `$ref` or `allOf` on
the way down to the field, a `$dynamicRef`; each with or without a URL `$id`. Shared by
the per-field verdict table and the command-line tests on real repositories. A root that
is only a `$ref` into another file (`root-file`) resolves against the file's own location
in drafts 4 to 7, which ignore a `$ref`'s siblings, `$id` included (trial 32)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

STATUSES: Final = ["Draft", "In Review", "Approved", "Rejected", "Withdrawn", "Superseded"]
SCHEMA_FILE: Final = "schema/spec.schema.json"
CONFIG: Final = (f"schema: {SCHEMA_FILE}\n"
                 "fields: {reviewers: null, created: null, updated: null, questions: null, "
                 "related: [], item_lists: [], authors: null}\n")
DRAFTS: Final = {
    "2020-12": "https://json-schema.org/draft/2020-12/schema",
    "2019-09": "https://json-schema.org/draft/2019-09/schema",
    "7": "http://json-schema.org/draft-07/schema#",
    "6": "http://json-schema.org/draft-06/schema#",
    "4": "http://json-schema.org/draft-04/schema#",
    "3": "http://json-schema.org/draft-03/schema#",
}
SHAPES: Final = ("file-json", "file-yaml", "definitions", "defs", "anchor", "nested",
                 "root-ref", "root-file", "all-of", "dynamic")
_STATUS_FILE: Final = "schema/common/status.json"
_ENUM: Final = {"enum": STATUSES}


@dataclass(frozen=True)
class RefCase:
    """A spec schema (its files, by path from the repository's top) in one draft and
    reference shape."""

    draft: str
    shape: str
    url_id: bool

    @property
    def name(self) -> str:
        """The case's test id."""
        return f"{self.draft}-{self.shape}" + ("-url-id" if self.url_id else "")

    def write(self, root: Path) -> None:
        """Write the configuration and the schema's files into `root`."""
        (root / "specrepo.yaml").write_text(CONFIG)
        for path, text in self.files().items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")

    def files(self) -> dict[str, str]:
        """The schema's files, by path."""
        status, definitions, extra = _shape(self.draft, self.shape)
        legacy = self.draft in ("3", "4")
        properties = {"id": {"type": "string"}, "title": {"$ref": "#/definitions/text"},
                      "summary": {"type": "string"}, "status": status}
        definitions["text"] = {"type": ["string", "array"], "items": {"$ref": "#/definitions/text"}}
        body: dict[str, Any] = {"type": "object", "properties": properties}
        if self.draft == "3":
            for name in ("id", "title", "status"):
                properties[name] = {**properties[name], "required": True}
        else:
            body["required"] = ["id", "title", "status"]
        root: dict[str, Any] = {"$schema": DRAFTS[self.draft]}
        if self.url_id:
            root["id" if legacy else "$id"] = "https://example.com/specs/schema/spec.schema.json"
        if self.shape == "root-ref":
            definitions["spec"] = body
            root["$ref"] = "#/definitions/spec"
        elif self.shape == "root-file":  # the entry file only points into another one
            definitions["spec"] = body
            root["$ref"] = "common/spec.json#/definitions/spec"
            return {SCHEMA_FILE: json.dumps(root, indent=1),
                    "schema/common/spec.json": json.dumps({"definitions": definitions})}
        elif self.shape == "all-of":
            definitions["spec"] = {"properties": {"status": status}}
            root.update({**body, "properties": {**properties, "status": {}},
                         "allOf": [{"$ref": "#/definitions/spec"}]})
        else:
            root.update(body)
        if self.shape in ("defs", "dynamic"):
            root["$defs"] = {"st": definitions.pop("st")}
        root["definitions"] = definitions
        return {SCHEMA_FILE: json.dumps(root, indent=1), **extra}


def _shape(draft: str, shape: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """The status's schema, the root's definitions and the other files, for `shape`."""
    if shape == "file-json":
        return {"$ref": "common/status.json"}, {}, {_STATUS_FILE: json.dumps(_ENUM)}
    if shape == "file-yaml":
        text = "definitions:\n  st:\n    enum: [" + ", ".join(STATUSES) + "]\n"
        return ({"$ref": "common/status.yaml#/definitions/st"}, {},
                {"schema/common/status.yaml": text})
    if shape in ("definitions", "root-ref", "root-file", "all-of"):
        return {"$ref": "#/definitions/st"}, {"st": _ENUM}, {}
    if shape == "defs":
        return {"$ref": "#/$defs/st"}, {"st": _ENUM}, {}
    if shape == "anchor":
        anchor = ({"$anchor": "st"} if draft in ("2020-12", "2019-09")
                  else {"id" if draft in ("3", "4") else "$id": "#st"})
        return {"$ref": "#st"}, {"st": {**anchor, **_ENUM}}, {}
    if shape == "nested":
        other = {"definitions": {"st": {"$ref": "#/definitions/inner"}, "inner": _ENUM}}
        return ({"$ref": "#/definitions/outer"},
                {"outer": {"$ref": "common/status.json#/definitions/st"}},
                {_STATUS_FILE: json.dumps(other)})
    assert shape == "dynamic"
    return {"$dynamicRef": "#st"}, {"st": {"$dynamicAnchor": "st", **_ENUM}}, {}


def ref_cases() -> list[RefCase]:
    """Every draft and shape that draft can express, with and without a URL `$id`."""
    return [RefCase(draft, shape, url_id) for draft in DRAFTS for shape in SHAPES
            for url_id in (False, True)
            if (shape != "dynamic" or draft == "2020-12")
            and (shape != "defs" or draft in ("2020-12", "2019-09"))
            and (shape != "all-of" or draft != "3")]
