"""The CI workflow `specrepo init --ci` writes: its text, where it goes, and the rendered
pages its `render --check` step needs on the first run."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from specrepo.base.errors import SpecrepoError
from specrepo.base.paths import real_path
from specrepo.base.work_tree import repository_top
from specrepo.model.config import Config

if TYPE_CHECKING:  # the command line imports this module for --ci's choices: no git yet
    from specrepo.gitio.remotes import ChosenBranch

CiProvider = Literal["github"]
CI_WORKFLOW_PATHS: Final[dict[CiProvider, Path]] = {
    "github": Path(".github") / "workflows" / "specs.yml",
}
ACTION_REFERENCE: Final = "specrepo/specrepo@v0.1.0"
"""The composite action (action.yml at the root of specrepo's repository), pinned."""

_GITHUB_WORKFLOW_TEXT: Final = """\
# Written by `specrepo init --ci github`: validate the specs, check their rendered pages and
# put the status report in the job summary on every push, pull request and merge queue run.
name: specs

on:
  push:
    branches: [{branch}]
  pull_request:
  # A merge queue's checks: the queued commits' status changes against the queue's base.
  merge_group:

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
_GITHUB_FOLDER_TEXT: Final = """\
          # specrepo.yaml is in this folder of the repository: every command runs there.
          working-directory: {folder}
"""

_CI_WORKFLOW_TEXTS: Final[dict[CiProvider, str]] = {"github": _GITHUB_WORKFLOW_TEXT}
_FILTER_SYNTAX: Final = re.compile(r"[*?+\[\]\\]")


def ci_workflow_text(ci: CiProvider, branch: str, folder: str = ".") -> str:
    """The CI workflow `init --ci` writes, run on pushes to `branch`, its commands run in
    `folder` (from the top of the repository; `/`-separated). Each is written as a YAML
    double-quoted scalar, always: a plain `1.10` would be the number 1.1, `true` a
    boolean."""
    text = _CI_WORKFLOW_TEXTS[ci].format(action=ACTION_REFERENCE,
                                         branch=json.dumps(_branch_pattern(branch)))
    if folder != ".":
        text += _GITHUB_FOLDER_TEXT.format(folder=json.dumps(folder))
    return text


def ci_workflow_path(ci: CiProvider, root: Path) -> tuple[Path, str]:
    """Where `init --ci` writes the workflow of the spec repository at `root`, and the
    folder (from the top of the repository) its commands run in: GitHub reads workflows
    only from `.github/workflows/` at the top of the repository, so a spec repository in a
    folder below it (a monorepo's `design/`) gets `specs-design.yml` there, its commands
    run in `design`. Outside a git repository, `root` is taken as its top."""
    here = real_path(root)
    top = repository_top(here) or here
    folder = here.relative_to(top).as_posix() if here.is_relative_to(top) else "."
    path = CI_WORKFLOW_PATHS[ci]
    if folder != ".":
        path = path.with_name(f"{path.stem}-{re.sub(r'[^A-Za-z0-9._-]+', '-', folder)}"
                              f"{path.suffix}")
    return top / path, folder


def push_branch_note(shown: str, branch: str, chosen: ChosenBranch | None) -> str:
    """What `init --ci` says of the branch whose pushes the workflow at `shown` runs on
    (`branch`; `chosen`: how `gitio.remotes.default_branch` chose it, None when git named
    none), and how to change it: a wrong one runs no push-side check at all."""
    remote = chosen.remote if chosen is not None else ""
    why = "no git branch here to take the name from" if chosen is None else {
        "remote-head": f"{remote}'s default branch, {remote}/HEAD",
        "remote-branch": f"{remote}/{branch} exists, and this clone does not know "
                         f"{remote}'s default branch: `git remote set-head {remote} --auto` "
                         "asks it",
        "local-branch": "a branch here; no remote says which branch is the default",
        "checked-out": "the branch checked out; no remote, nor a `main` or `master` "
                       "branch, says which branch is the default",
    }[chosen.source]
    return (f"{shown} runs on pushes to `{branch}` ({why}); change `branches:` if "
            "your default branch has another name")


def _branch_pattern(branch: str) -> str:
    """A GitHub Actions branch filter that matches `branch` alone: the characters filters
    read as pattern syntax (`*`, `?`, `+`, `[`, `]`, `\\`, and `!` first) escaped with `\\`,
    as GitHub's "Filter pattern cheat sheet" says (`v1.0+build` would otherwise mean one or
    more `0`s, and `!release` exclude the branch)."""
    escaped = _FILTER_SYNTAX.sub(r"\\\g<0>", branch)
    return f"\\{escaped}" if escaped.startswith("!") else escaped


def render_first_pages(config: Config) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """The pages a new CI workflow's `render --check` needs, written when that only creates
    files (init never replaces one), with what to commit; else only the advice to render.

    Returns the pages created and the advice, one line each."""
    commit = ("commit these files: CI checks that the pages in "
              f"{config.render_out}/ are up to date, so run `specrepo render` "
              "and commit its pages whenever a spec changes")
    # Imported here, not with this module (which the command line imports for --ci's
    # choices): render's layers load only when a new workflow needs its pages.
    from specrepo.commands import render  # noqa: PLC0415
    from specrepo.output.page_set import PageState  # noqa: PLC0415

    try:
        checked = render.run(config, render.RenderOptions(check=True))
    except SpecrepoError as error:
        return (), (f"run `specrepo render` and commit its pages before CI runs "
                    f"(not done here: {error})",)
    plan = checked.plan
    assert plan is not None  # only --stdout has no plan
    if plan.conflicts or checked.validation.errors or any(
            page.state is not PageState.NEW for page in plan.drift):
        return (), ("run `specrepo render` (after `specrepo validate` is clean) and commit "
                    "its pages before CI runs: the workflow's `render --check` step fails "
                    "while they are missing or out of date",)
    # A checked plan holds no page text (render lets it go): render them, which only
    # creates the pages the check found missing (a page planned as new is never replaced).
    written = render.run(config, render.RenderOptions()).plan
    assert written is not None
    return tuple(page.path for page in written.having(PageState.NEW)), (commit,)

