"""Create a spec repository (`specrepo init`) and new specs from the template (`specrepo new`)."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final, Literal

from specrepo.base.atomic import write_atomically
from specrepo.base.errors import UsageError
from specrepo.configuration.config_file import CONFIG_FILE_NAME, Config, load_config
from specrepo.history.mine import ids_in_history
from specrepo.load.schema_source import SPEC_SCHEMA, bundled_schema_text
from specrepo.load.spec_files import discover_spec_files, names_folder, spec_ids
from specrepo.model.fields import DEFAULT_FIELDS

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock
    fcntl = None  # type: ignore[assignment]

EDITOR_SCHEMA_PATH: Final = Path(".specrepo") / SPEC_SCHEMA
CiProvider = Literal["github"]
CI_WORKFLOW_PATHS: Final[dict[CiProvider, Path]] = {
    "github": Path(".github") / "workflows" / "specs.yml",
}
ACTION_REFERENCE: Final = "specrepo/specrepo@v0.1.0"
"""The composite action (action.yml at the root of specrepo's repository), pinned."""
_ID_NUMBER_WIDTH: Final = 4

_CONFIG_TEXT: Final = """\
# specrepo configuration: https://pypi.org/project/specrepo/ (see the README's reference).
# Where the spec files are: a folder, a glob, or a list of those.
specs: specs
# The prefix of ids made by `specrepo new`.
id_prefix: {prefix}
# Severity of each rule: error, warning or off.
rules:
  file-name: error
# Where `specrepo render` writes the Markdown pages.
render:
  out: docs/specs
"""


_GITHUB_WORKFLOW_TEXT: Final = """\
# Written by `specrepo init --ci github`: validate the specs, check their rendered pages and
# put the status report in the job summary on every push and pull request.
name: specs

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

jobs:
  specs:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # specrepo reads the history of the specs; a shallow clone loses it
      - uses: {action}
        with:
          # On a pull request (base_ref is set), also check the status changes it commits.
          since: ${{{{ github.base_ref && format('origin/{{0}}', github.base_ref) || '' }}}}
          fail-on: ""  # e.g. stale,illegal-transitions (see `specrepo report --help`)
"""

_CI_WORKFLOW_TEXTS: Final[dict[CiProvider, str]] = {
    "github": _GITHUB_WORKFLOW_TEXT.format(action=ACTION_REFERENCE),
}


@dataclass(frozen=True)
class NewSpec:
    """What `specrepo new` needs to write a spec."""

    title: str
    author: str
    today: date


def schema_modeline(spec_file: Path, config: Config) -> str:
    """The `# yaml-language-server: $schema=…` line for a spec file, relative to it."""
    schema = config.schema_path or config.root / EDITOR_SCHEMA_PATH
    relative = Path(os.path.relpath(schema, spec_file.parent)).as_posix()
    return f"# yaml-language-server: $schema={relative}\n"


def spec_text(spec_id: str, new: NewSpec, modeline: str) -> str:
    """A minimal spec that passes validate, with the template's other sections as comments."""
    day = new.today.isoformat()
    return f"""{modeline}id: {spec_id}
title: {json.dumps(new.title, ensure_ascii=False)}
status: Draft
authors:
  - {json.dumps(new.author, ensure_ascii=False)}
reviewers: []
created: {day}
updated: {day}
summary: >-
  What problem are we solving? What is the proposed solution? What is the expected impact?
# The template's other sections, each optional (see `specrepo schema` for every field):
# background: {{current_state, why_now, related_work: [{{spec: SPEC-0001}}]}}
# goals: {{primary: [...], success_metrics: [{{metric, current, target}}], non_goals: [...]}}
# requirements: {{functional: [{{id: FR-1, description, priority: P0, acceptance_criteria}}],
#                non_functional: [{{id: NFR-1, category, requirement, target}}]}}
# design: {{architecture, components, data_model, api}}
# implementation_plan: [{{phase, timeline, tasks: [...]}}]
# testing, security, monitoring, risks, dependencies, rollout
# open_questions: [{{id: Q-1, question, state: open, owner}}]
# appendix: {{references, glossary}}
"""


def slugify(title: str) -> str:
    """A short ASCII file-name slug of a title."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:50].rstrip("-") or "spec"


def next_spec_id(config: Config, taken: Iterable[str] = ()) -> str:
    """The configured prefix with one more than the highest number in use, or `taken`
    (the ids in history: an id is never handed out twice)."""
    pattern = re.compile(rf"^{re.escape(config.id_prefix)}-([0-9]+)")
    numbers = [int(match.group(1)) for spec_id in [*spec_ids(config, missing_ok=False), *taken]
               if (match := pattern.match(spec_id))]
    highest = max(numbers, default=0)
    return f"{config.id_prefix}-{highest + 1:0{_ID_NUMBER_WIDTH}d}"


def spec_folder(config: Config) -> Path:
    """The folder new specs go to: the first configured location that is a folder."""
    for location in config.spec_locations:
        if names_folder(config, location):
            return config.root / location
    raise UsageError(
        "every `specs:` location in the configuration is a glob; `specrepo new` needs a "
        "folder to write to"
    )


def create_spec(config: Config, new: NewSpec) -> Path:
    """Write a new Draft spec with the next free id; returns its path."""
    if config.schema_path is not None or config.fields != DEFAULT_FIELDS:
        raise UsageError(
            "specrepo new writes specs of the bundled format, and this repository has a "
            "format of its own (`schema:` or `fields:` in specrepo.yaml); copy one of its "
            "specs instead")
    if not new.title.strip():
        raise UsageError("the title is empty")
    taken = ids_in_history(config)
    folder = spec_folder(config)
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder):  # two `new` at once: the second sees the first one's file
        spec_id = next_spec_id(config, taken)
        path = folder / f"{spec_id}-{slugify(new.title)}.yaml"
        write_atomically(path, spec_text(spec_id, new, schema_modeline(path, config)),
                         must_be_new=True)
    return path


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on a folder (flock; nothing is written for it)."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def init_repository(root: Path, example: NewSpec, prefix: str = "SPEC",
                    ci: CiProvider | None = None) -> list[Path]:
    """Create the config, the editor schema, an example spec and, if asked, a CI workflow;
    existing files are kept.

    An existing `specrepo.yaml` is read and followed: the example goes to its `specs:`
    folder with its id prefix, and none is written for a format of the repository's own
    (or when every location is a glob). Returns the files created.
    """
    created = []
    config_path = root / CONFIG_FILE_NAME
    if config_path.exists():
        config = load_config(config_path, root)
    else:
        write_atomically(config_path, _CONFIG_TEXT.format(prefix=prefix), must_be_new=True)
        created.append(config_path)
        config = Config(root=root, file=config_path, id_prefix=prefix)
    bundled_format = config.schema_path is None and config.fields == DEFAULT_FIELDS
    schema_path = root / EDITOR_SCHEMA_PATH
    if bundled_format and not schema_path.exists():
        schema_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(schema_path, bundled_schema_text(SPEC_SCHEMA), must_be_new=True)
        created.append(schema_path)
    try:
        folder = spec_folder(config)
    except UsageError:
        folder = None  # only globs: there is no folder to put an example in
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        if bundled_format and not discover_spec_files(config):
            created.append(create_spec(config, example))
    if ci is not None:
        workflow = root / CI_WORKFLOW_PATHS[ci]
        if not workflow.exists():
            workflow.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(workflow, _CI_WORKFLOW_TEXTS[ci], must_be_new=True)
            created.append(workflow)
    return created
