"""`specrepo init`: a configuration, the editor's schema, an example spec and, if asked, a CI
workflow; files already there are kept."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.atomic import refuse_outside, write_atomically
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import ConfigError, ExitCode, UsageError
from specrepo.base.paths import display_path, real_path
from specrepo.base.wording import counted
from specrepo.base.work_tree import git_folder_around, in_git_folder
from specrepo.base.writable_folders import make_folder, refuse_unwritable, taken_back_on_error
from specrepo.commands.bundled_spec import yaml_scalar
from specrepo.commands.ci_workflow import (
    CI_WORKFLOW_PATHS,
    CiProvider,
    ci_workflow_path,
    ci_workflow_text,
    push_branch_note,
    render_first_pages,
)
from specrepo.commands.new import (
    NewSpec,
    create_spec,
    resolve_author,
    spec_folder,
)
from specrepo.commands.working_folder import start_folder
from specrepo.configuration.config_file import config_version, load_config
from specrepo.configuration.config_location import find_config
from specrepo.gitio.remotes import default_branch
from specrepo.gitio.sparse import checkout_of, refuse_config_missing_from_work_tree
from specrepo.gitio.sparse_writes import (
    refuse_folder_outside_cone,
    refuse_writing_outside_sparse_checkout,
)
from specrepo.load.schema_source import EDITOR_SCHEMA_PATH, SPEC_SCHEMA, bundled_schema_text
from specrepo.load.spec_files import discover_spec_files
from specrepo.model.config import CONFIG_FILE_NAME, Config
from specrepo.model.fields import DEFAULT_FIELDS

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
_FALLBACK_BRANCH: Final = "main"
@dataclass(frozen=True)
class InitOptions:
    """Where to start a spec repository, and with what."""

    root: Path
    today: date
    prefix: str | None = None
    """The ids' prefix (`--prefix`; None: `SPEC` in a new configuration, an existing
    configuration's own)."""
    author: str | None = None
    """The example spec's author (None: git's `user.name`)."""
    ci: CiProvider | None = None


@dataclass(frozen=True)
class InitResult:
    """The files created (none when everything was already there), the configuration
    followed when it is in a folder above the one `init` ran in, and what to do next."""

    created: tuple[Path, ...]
    followed: Path | None = None
    exit_code: ExitCode = ExitCode.CLEAN
    advice: tuple[str, ...] = ()
    kept: tuple[tuple[Path, str], ...] = ()
    """Each file init would have written that exists, and why it was kept, in words."""


def run(options: InitOptions) -> InitResult:
    """Start a spec repository in `options.root`, or complete the one it is in: a
    `specrepo.yaml` above it (in the same git repository) is followed, as every other
    command follows it, so no second configuration and no second example spec (with an id
    already taken) is made (see `init_repository`). With a CI workflow, also the rendered
    pages its `render --check` step needs (see `render_first_pages`)."""
    here = real_path(start_folder(real_path(options.root)))  # (a bare repository refused)
    if (git_folder := git_folder_around(here)) is not None:  # nothing written there
        raise UsageError(in_git_folder(here, git_folder))
    existing = find_config(here)
    refuse_config_missing_from_work_tree(here, existing)  # else a second one is made
    root = existing.parent if existing is not None else here
    prefix = "SPEC" if options.prefix is None else options.prefix
    if existing is not None and options.prefix is not None:  # else init_repository checks
        _refuse_other_prefix(load_config(existing, root), prefix)
    followed = existing if root != here else None
    example = NewSpec("Example spec", resolve_author(options.author, root), options.today)
    chosen = default_branch(root) if options.ci is not None else None
    branch = chosen.name if chosen is not None else _FALLBACK_BRANCH
    notes: list[str] = []
    kept: list[tuple[Path, str]] = []
    if existing is not None and followed is None:  # a followed one is said as followed
        kept.append((existing, "it exists, and init never changes a configuration"))
    created = init_repository(root, example, prefix, options.ci, branch, notes, kept)
    if options.ci is None or (workflow := ci_workflow_path(options.ci, root)[0]) \
            not in created:
        return InitResult(tuple(created), followed, advice=tuple(notes), kept=tuple(kept))
    pages, advice = render_first_pages(load_config(root / CONFIG_FILE_NAME, root))
    shown = Path(os.path.relpath(workflow, root)).as_posix()
    advice = (push_branch_note(shown, branch, chosen), *notes, *advice)
    return InitResult((*created, *pages), followed, advice=advice, kept=tuple(kept))


def _check_prefix(text: str, path: Path, prefix: str) -> None:
    """Refuse (`UsageError`) a `--prefix` the configuration `text` to be written at `path`
    cannot hold, as its schema says (`id_prefix`), before anything is written: every later
    command would refuse the repository."""
    try:  # (an argument's bytes that are not UTF-8 kept: the check refuses them)
        config_version(text.encode("utf-8", "surrogateescape"), path)
    except ConfigError:
        raise UsageError(
            f"--prefix {json.dumps(prefix, ensure_ascii=False)} cannot be an id prefix: a "
            "prefix is capital letters and digits, starting with a letter (SPEC, RFC, "
            "ADR2); specrepo adds the dash and the number (RFC-0001)") from None


def _refuse_other_prefix(config: Config, prefix: str) -> None:
    """Refuse (`UsageError`) a `--prefix` no configuration can hold (`_check_prefix`), or
    other than the existing configuration's `id_prefix`, before anything is written: init
    never changes a configuration, and an example with another prefix than the one asked
    for is no answer."""
    _check_prefix(_CONFIG_TEXT.format(prefix=yaml_scalar(prefix)), config.root / CONFIG_FILE_NAME,
                  prefix)
    if config.id_prefix != prefix:
        shown = display_path(config.file) if config.file is not None else CONFIG_FILE_NAME
        raise UsageError(
            f"--prefix {prefix}: the ids of {shown} are {config.id_prefix}-… (its "
            "`id_prefix:`, SPEC when it sets none), and init never changes a configuration: "
            "set `id_prefix:` there, or leave --prefix out")


def init_repository(root: Path, example: NewSpec, prefix: str = "SPEC",
                    ci: CiProvider | None = None, branch: str = _FALLBACK_BRANCH,
                    advice: list[str] | None = None,
                    kept: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Create the config, the editor schema, an example spec and, if asked, a CI workflow
    run on pushes to `branch`; existing files are kept.

    An existing `specrepo.yaml` is read and followed: the example goes to its `specs:`
    folder with its id prefix, and none is written for a format of the repository's own
    (or when every location is a glob), nor when the folder holds spec files (a broken
    link among them is said in `advice`). Every file and folder to write is checked to be
    inside the repository before the first is written (`refuse_outside`: OutputError).
    Returns the files created; each it would write that exists goes to `kept`, with why
    (`_schema_kept`, the spec folder that holds specs, `_new_workflow`; the configuration
    is followed, and not said).
    """
    created: list[Path] = []
    config_path = root / CONFIG_FILE_NAME
    text = None
    if inputs.reader.exists(config_path):
        config = load_config(config_path, root)
    else:
        text = _CONFIG_TEXT.format(prefix=yaml_scalar(prefix))
        _check_prefix(text, config_path, prefix)
        config = Config(root=root, file=config_path, id_prefix=prefix)
    _refuse_outside_sparse_checkout(config, ci, text is None)
    bundled_format = config.schema_path is None and config.fields == DEFAULT_FIELDS
    schema_path = root / EDITOR_SCHEMA_PATH
    write_schema = bundled_format and not inputs.reader.exists(schema_path)
    try:
        folder: Path | None = spec_folder(config)
    except UsageError:
        folder = None  # only globs: there is no folder to put an example in
    kept = [] if kept is None else kept
    if bundled_format and not write_schema:
        kept.extend(_schema_kept(schema_path))
    workflow_kept: list[tuple[Path, str]] = []  # said last, as its file is written last
    workflow = _new_workflow(ci, root, workflow_kept)
    _refuse_places(root, [*([root] if text is not None else []),
                          *([schema_path.parent] if write_schema else []),
                          *([folder] if folder else [])], ci, workflow)
    with taken_back_on_error(created, "init"):
        if text is not None:
            write_atomically(config_path, text, must_be_new=True)
            created.append(config_path)
        if write_schema:
            make_folder(schema_path.parent)
            write_atomically(schema_path, bundled_schema_text(SPEC_SCHEMA), must_be_new=True)
            created.append(schema_path)
        if folder is not None:
            make_folder(folder)
            created.extend(_example_spec(config, folder, example, bundled_format,
                                         (advice if advice is not None else [], kept)))
        if ci is not None and workflow is not None:
            created.append(_write_workflow(ci, branch, workflow))
    kept.extend(workflow_kept)
    return created


def _example_spec(config: Config, folder: Path, example: NewSpec, bundled_format: bool,
                  said: tuple[list[str], list[tuple[Path, str]]]) -> list[Path]:
    """The example spec written in the spec folder `folder`, which exists (none for a
    format of the repository's own, nor when the folder holds spec files: then the folder
    goes to `said`'s second list, kept, with why, and a broken link among them to its
    first, the advice)."""
    advice, kept = said
    held = discover_spec_files(config) if bundled_format else []
    if bundled_format and not held:
        return [create_spec(config, example, allow_shallow=True)]
    if held:
        kept.append((folder, f"it holds {counted(len(held), 'spec file')}, so no example "
                             "spec is written"))
    broken = [display_path(path) for path in held if not inputs.reader.exists(path)]
    if broken:
        advice.append(f"no example spec written: {', '.join(broken)} in the spec folder is "
                      "a symbolic link to no file (`specrepo validate` reports it)")
    return []


def _refuse_places(root: Path, folders: list[Path], ci: CiProvider | None,
                   workflow: tuple[Path, str] | None) -> None:
    """Refuse (`OutputError`) a folder init writes in, the workflow's too, outside the
    repository (`refuse_outside`) or not writable (`refuse_unwritable`)."""
    refuse_outside(root, *(folder for folder in folders if folder != root))
    if ci is not None and workflow is not None:  # GitHub's folder is the repository's top
        refuse_outside(workflow[0].parents[len(CI_WORKFLOW_PATHS[ci].parts) - 1],
                       workflow[0].parent)
    refuse_unwritable([*folders, *([workflow[0].parent] if workflow is not None else [])],
                      "init")


def _write_workflow(ci: CiProvider, branch: str, workflow: tuple[Path, str]) -> Path:
    """Write the workflow `ci` at `workflow` (its path and folder), a new file; its path."""
    make_folder(workflow[0].parent)
    write_atomically(workflow[0], ci_workflow_text(ci, branch, workflow[1]), must_be_new=True)
    return workflow[0]


def _new_workflow(ci: CiProvider | None, root: Path, kept: list[tuple[Path, str]] | None
                  ) -> tuple[Path, str] | None:
    """Where the workflow `ci` asks for goes and the folder its commands run in
    (`ci_workflow_path`); None when none is asked for, or when that file exists: init never
    replaces a file, and says why in `kept`. One that is not the workflow `init --ci`
    writes (its first line says so) leaves specrepo's CI not set up, and no page rendered
    for it."""
    if ci is None:
        return None
    workflow = ci_workflow_path(ci, root)
    if not inputs.reader.exists(workflow[0]):
        return workflow
    if kept is not None:
        if _held(workflow[0]).startswith(f"# Written by `specrepo init --ci {ci}`".encode()):
            kept.append((workflow[0], "it exists, written by specrepo init"))
        else:
            kept.append((workflow[0], (
                "it exists and is not specrepo's, so specrepo's CI is not set up (and no page "
                "was rendered for it): add specrepo's step to it (README, \"In CI and "
                f"editors\"), or move it away and run `specrepo init --ci {ci}` again")))
    return None


def _schema_kept(path: Path) -> list[tuple[Path, str]]:
    """The editor schema at `path`, which exists, with why it was kept: the bundled
    schema's copy init writes, or one that differs from it (and how to refresh it)."""
    if _held(path) == bundled_schema_text(SPEC_SCHEMA).encode():
        return [(path, "it exists, a copy of the bundled schema")]
    return [(path, "it exists and differs from the bundled schema; `specrepo schema --bundled "
                   f"> {EDITOR_SCHEMA_PATH.as_posix()}` refreshes it")]


def _held(path: Path) -> bytes:
    """The bytes of the file at `path`; none when it is no regular file or unreadable."""
    try:
        return inputs.reader.read_bytes(path) if inputs.reader.isfile(path) else b""
    except OSError:
        return b""


def _refuse_outside_sparse_checkout(config: Config, ci: CiProvider | None,
                                    has_config: bool) -> None:
    """Raise `SparseCheckoutError` (exit 2) before anything is written when a file `init`
    would create (the configuration unless `has_config`, the editor schema, the CI
    workflow), the spec folder or, with a workflow, the pages' folder would be outside a
    sparse checkout (`git add` refuses them); the example spec's and the pages' own names
    are `create_spec`'s and render's to judge."""
    root = real_path(config.root)
    files = [root / CONFIG_FILE_NAME] if not has_config else []
    bundled_format = config.schema_path is None and config.fields == DEFAULT_FIELDS
    files += [path for path in (root / EDITOR_SCHEMA_PATH if bundled_format else None,
                                None if ci is None else ci_workflow_path(ci, root)[0])
              if path is not None and not inputs.reader.exists(path)]
    checkout = checkout_of(config)
    refuse_writing_outside_sparse_checkout(config, checkout, files, "init")
    try:
        folders = [spec_folder(config)]
    except UsageError:
        folders = []
    for folder in [*folders, *([root / config.render_out] if ci is not None else [])]:
        refuse_folder_outside_cone(config, checkout, real_path(folder), "init",
                                   elsewhere=None)
