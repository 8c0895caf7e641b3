"""What a YAML file is to specrepo (a spec, the configuration, a schema), and the advice its
loading problems get in those terms: the loader is the same for every YAML file specrepo
reads, so each reader says which file it hands over (`load_yaml`'s `role`), and a file that
is no spec is never told to hold one spec."""

from __future__ import annotations

from enum import Enum


class YamlRole(Enum):
    """What a YAML file is: a spec (or a Markdown spec's front matter), the configuration
    (`specrepo.yaml`, any version of it), or a schema written in YAML."""

    SPEC = "spec"
    CONFIGURATION = "configuration"
    SCHEMA = "schema"

    def one_document(self) -> str:
        """The advice for a file that holds a second YAML document."""
        if self is YamlRole.CONFIGURATION:
            return "keep one configuration document"
        return f"keep one {self.value} per file"

    def plain_data(self) -> str:
        """Why a tag beyond YAML's core schema (`!!python/object`, `!include`) is refused."""
        if self is YamlRole.CONFIGURATION:
            return "the configuration holds plain data only"
        return f"{self.value}s hold plain data only"

    def size_advice(self) -> str:
        """What to do about a file over the size limit ("" where its limit is fixed)."""
        if self is YamlRole.SPEC:
            return " (raise `max_file_size` in specrepo.yaml if this is a real spec)"
        return ""
