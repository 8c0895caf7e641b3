"""The findings on `new.template` where a `specs:` location holds it: said to be the
template, with the `exclude:` that leaves it out (its `{{id}}` reads as no spec's value:
newuser74, "a mapping or list cannot be used as a key")."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from specrepo.base import inputs
from specrepo.model.config import Config
from specrepo.model.findings import Finding


def is_template(path: Path, config: Config) -> bool:
    """Whether `path` is the file `new.template` names."""
    template = config.new_template
    return template is not None and _absolute(path) == _absolute(template)


def _absolute(path: Path) -> str:
    """`path` from the working folder, normalized as the system compares paths."""
    return os.path.normcase(os.path.normpath(os.path.join(inputs.reader.cwd(), path)))


def template_noted(path: Path, findings: tuple[Finding, ...], config: Config
                   ) -> tuple[Finding, ...]:
    """`findings` on `path`, each saying the file is `new.template` when it is."""
    if not findings or config.new_template is None or not is_template(path, config):
        return findings
    try:
        shown = Path(os.path.relpath(config.new_template, config.root)).as_posix()
    except ValueError:  # another drive: no `exclude:` reaches it
        shown = config.new_template.as_posix()
    note = (f" (this file is new.template, the template `specrepo new` fills in, which a "
            f"`specs:` location holds: its placeholders are no spec's values; leave it out "
            f"with `exclude: {shown}`)")
    return tuple(replace(finding, message=finding.message + note) for finding in findings)
