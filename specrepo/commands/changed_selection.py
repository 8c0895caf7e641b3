"""What `validate --changed-since` checks: the spec files changed since a commit (and
those named), or every spec where what every spec is judged against changed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from specrepo.base.paths import display_path, real_path
from specrepo.check.findings_key import findings_input_files
from specrepo.check.spec_set import NOTHING_EARLIER
from specrepo.gitio.flagged_files import flagged_among, git_path, listed_inputs
from specrepo.gitio.git_command import Git
from specrepo.gitio.revisions import since_problem
from specrepo.gitio.sparse import Checkout
from specrepo.load.schema_source import SchemaSource
from specrepo.load.unlisted_folders import unreadable_changed
from specrepo.model.changed_files import ChangedFiles
from specrepo.model.config import Config
from specrepo.model.references import KnownItems


def changed_since_selection(config: Config, since: str, selected: list[Path] | None,
                   schema: Callable[[], SchemaSource], listing: Callable[[], Sequence[Path]],
                   amends: bool | None,
                   *, every: bool = False, hook: bool = False, checkout: Checkout | None = None
                   ) -> tuple[list[Path] | None, KnownItems, tuple[str, ...], tuple[str, ...]]:
    """What `--changed-since` checks: the spec files changed since `since` (for a commit
    that `amends` HEAD, since HEAD's parent; with no commit yet, every spec, all new:
    `since_change.changed_range`), and the `selected` files (the PATHs given) too: which
    files ride along (those pre-commit passes, say) never narrows the check; the changed
    ones picked from the configured spec files (`listing`: a location that lists none is
    refused, unless a commit emptied it, as the run's own listing judges it). Every spec
    (None) when what every spec is checked against changed too (`_inputs_changed`), or
    when `since` is unknown, or with `every` (a hook's run that judges with the schema
    the index stages, another than the work tree's: `hook_reading.hook_schema`, whose
    note says so). With the ids and item ids the changed specs had at `since`
    (`items_before`), and the warnings and notes that say why every spec is checked. In a
    `hook`'s run (`--history`: the commit being made is the index), the files and the ids
    the index changes count too where the work tree's copy is HEAD's again (a renumbering
    staged, then undone in the work tree: its referrers are checked). A spec edited
    behind its assume-unchanged or skip-worktree bit (of `checkout.flagged`, the run's
    `refuse_specs_outside_sparse_checkout`), which git's comparisons never read, is
    changed too (`hidden_edits`)."""
    from specrepo.history import since_change  # noqa: PLC0415 (asks git: only then)

    start, shown = since_change.changed_range(config, since, amends)
    changed = since_change.paths_changed_since(config, start, index=hook) \
        if start is not None else None
    hidden = _edited_behind_flags(config, checkout) if changed is not None else frozenset()
    if changed is not None and hidden:
        changed = ChangedFiles(changed.files | hidden, changed.folders)
    noted: tuple[str, ...] = ()
    if start is None or (changed is None and since_change.unborn(config)):
        return None, NOTHING_EARLIER, (), noted  # from nothing: every spec is new
    if changed is None:
        return None, since_change.items_before(config, start, index=hook), (
            f"{since_problem(Git(config.root), start)}; validating every spec",), noted
    if (why := _inputs_changed(config, schema(), changed, shown, checkout)) or every:
        return None, since_change.items_before(config, start, index=hook, also=hidden), (), \
            (why,) if why else ()
    listed = listing()
    changed_specs = [path for path in listed if real_path(path) in changed]
    noted = _whole_folders(changed, changed_specs, shown)
    changed_specs.extend(unreadable_changed(listed, changed.files, config.root,
                                            config.spec_suffixes))
    if selected is not None:
        changed_specs = sorted({*selected, *changed_specs}, key=lambda path: path.parts)
    return changed_specs, since_change.items_before(config, start, index=hook, also=hidden), \
        (), noted


def _edited_behind_flags(config: Config, checkout: Checkout | None) -> frozenset[Path]:
    """The real paths of the spec files of `checkout.flagged` whose work tree content is
    not the index's (`hidden_edits.edited_behind_flags`): none, and no git, when none is
    flagged."""
    if checkout is None or not checkout.flagged or checkout.top is None:
        return frozenset()
    from specrepo.gitio.hidden_edits import edited_behind_flags  # noqa: PLC0415

    return frozenset(real_path(config.root / path) for path in edited_behind_flags(
        Git(config.root), checkout.top, checkout.flagged))


def _reached_behind_flags(config: Config, files: Sequence[Path], checkout: Checkout | None
                          ) -> list[Path]:
    """Those of the input `files` whose flags the run's listing did not read (the files
    the schema's references reach, besides those `listed_inputs` names) that are edited
    behind an assume-unchanged or skip-worktree bit: one `git ls-files` when there is
    such a file (a schema that reaches none, the bundled one, asks nothing), and git no
    more when none of them is flagged."""
    if checkout is None or checkout.top is None:
        return []
    listed = listed_inputs(config, checkout.top)
    reached = {path: file for file in files
               if (path := git_path(config, checkout.top, file)) is not None
               and path not in listed}
    git = Git(config.root)
    flagged = flagged_among(git, sorted(reached))
    if not flagged:
        return []
    from specrepo.gitio.hidden_edits import edited_behind_flags  # noqa: PLC0415

    return [reached[path] for path in edited_behind_flags(git, checkout.top, flagged)]


def _whole_folders(changed: ChangedFiles, selected: list[Path], since: str) -> tuple[str, ...]:
    """A note naming the folders (submodules, nested repositories) whose every file counts
    as changed since `since`, of those that hold a `selected` file; none when none does."""
    holding = sorted({folder for path in selected for folder in real_path(path).parents
                      if folder in changed.folders})
    if not holding:
        return ()
    return (f"{', '.join(display_path(folder) for folder in holding)} changed since {since} "
            "as a whole (a submodule, or a repository nested in this one, whose own history "
            "says which of its files changed): every spec below it is checked",)


def _inputs_changed(config: Config, schema: SchemaSource, changed: ChangedFiles,
                    since: str, checkout: Checkout | None) -> str | None:
    """Why every spec is checked although only some changed since `since`: a file that
    decides every spec's findings (`findings_input_files`: the configuration, the schema
    and the files its references reach) is among the `changed` ones (real paths, those
    edited behind a flag of `checkout.flagged` among them), or, of the files the schema's
    references reach, edited behind a flag (`_reached_behind_flags`). None when none is."""
    files = findings_input_files(config, schema)
    inputs = [path for path in files if real_path(path) in changed] \
        or _reached_behind_flags(config, files, checkout)
    if not inputs:
        return None
    shown = ", ".join(display_path(path) for path in inputs)
    return (f"{shown} changed since {since}; every spec's findings depend on "
            f"{'it' if len(inputs) == 1 else 'them'}, so every spec is checked")
