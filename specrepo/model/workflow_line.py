"""The workflows a committed status move is judged by besides today's: the one HEAD's
first-parent line held where the move's commit entered it, and, for a pull request's
check (`validate --history --since REF`), the base's. A change of `statuses:` so judges no
move that entered the line with it (trial34 F2: a workflow widened and used in one change
passed)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, partial
from types import MappingProxyType
from typing import Protocol, runtime_checkable

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.ancestry import Ancestry
from specrepo.model.event import Event
from specrepo.model.history import History, RenamedSince
from specrepo.model.workflow import Workflow


@dataclass(frozen=True)
class WorkflowChange:
    """A commit of HEAD's first-parent line whose configuration file holds another workflow
    than its first parent's (`statuses:` changed, written or taken out; the file added or
    deleted), with both: None where there is no configuration file, or one that does not
    load. The workflows name states as their own versions do; `path` is the file's path
    in the commit, `parent_path` in the parent (another where the commit moved the file:
    `gitio.config_log.LineChange`), from the repository's top."""

    commit: str
    parent: str
    before: Workflow | None
    after: Workflow | None
    path: str = "specrepo.yaml"
    parent_path: str = "specrepo.yaml"


class WorkflowSource(Protocol):
    """The workflows of the configuration file's versions, from git (`History.workflows`)."""

    def changes(self) -> tuple[WorkflowChange, ...]:
        """Each commit of HEAD's first-parent line that changed the workflow, oldest first
        (see `WorkflowChange`)."""
        ...  # pragma: no cover

    def at(self, revision: str) -> tuple[Workflow | None, str]:
        """The workflow of the configuration file as `revision` (a commit, or a name git
        resolves) holds it, and the path (from the repository's top) it has there: the
        first of the paths the file had along HEAD's first-parent line, today's first,
        that `revision` holds (`gitio.config_log.line_paths`); None: no file at any of
        them, one that does not load, or no such revision."""
        ...  # pragma: no cover

    def commit(self, revision: str) -> str | None:
        """The full id of the commit `revision` names (None: it names none)."""
        ...  # pragma: no cover


@runtime_checkable
class KnowsWorkflows(Protocol):
    """What knows the workflows of a mined history's configuration file: its departures
    (`History.departures`, from git: `history.departures.GitDepartures`), which read the
    file's versions along HEAD's first-parent line."""

    def workflows(self, renamed: tuple[tuple[str, str], ...],
                  since: RenamedSince = MappingProxyType({})) -> WorkflowSource:
        """The workflows, states renamed along the history (`renamed`: old name -> the
        state it became; `since`: a workflow's states -> their renames since,
        `History.renamed_since`, which names a workflow it holds) named as today names
        them."""
        ...  # pragma: no cover


def workflow_source(history: History) -> WorkflowSource | None:
    """The workflows of `history`'s configuration file (None: unknown, as in a history
    built by hand: today's judges every move alone)."""
    known = history.departures
    return known.workflows(history.renamed_states, history.renamed_since) \
        if isinstance(known, KnowsWorkflows) else None


@dataclass(frozen=True)
class EarlierWorkflow:
    """A workflow other than today's that judges a move: the configuration file's in
    `commit` (in today's names of the states), the base of the range checked (`base`) or
    the one in force where the move entered HEAD's first-parent line; `path`: the
    configuration file's path in `commit` (from the repository's top)."""

    workflow: Workflow
    commit: str
    base: bool = False
    path: str = "specrepo.yaml"
    changed_later: str | None = None
    """The commit of HEAD's first-parent line that changed the line's workflow after the
    move was on the line (None: the change that brought the move onto the line changed
    it, or this is the base's): the move was made before the workflow that allows it
    came, and was not made legal by it."""

    @property
    def whose(self) -> str:
        """Whose workflow it is, in words."""
        if self.base:
            return (f"the workflow of the base the commits checked come after "
                    f"({self.path} as {self.commit} holds it)")
        return (f"the workflow in force where that commit entered HEAD's first-parent line "
                f"({self.path} as commit {self.commit[:10]} holds it)")

    @property
    def why(self) -> str:
        """Why this workflow judges a move today's allows, and what a team does, in words
        (`illegal_transition`'s finding ends with it)."""
        if self.changed_later is None:
            return ("a workflow changed in the change that makes a move does not judge it: "
                    "change the workflow in a change of its own first, or accept the move "
                    "(accepted_transitions:)")
        return (f"the line's workflow changed only after that commit was on the line, in "
                f"commit {self.changed_later[:10]}, and a move is judged by the workflow in "
                "force where it entered the line, so a move made before the workflow "
                "allowed it is not made legal by a later change (git records a branch that "
                "made the move, then merged the change that allows it and was "
                "fast-forwarded, the same way): accept the move (accepted_transitions:)")


def renamed_workflow(workflow: Workflow, renamed: Mapping[str, str],
                     since: RenamedSince = MappingProxyType({})) -> Workflow:
    """`workflow` with its states named as today names them: as the renames along the
    configuration's versions after it lead them where mining followed them (`since`, by
    the workflow's states: `History.renamed_since`), else as `renamed` says (an old name
    -> the state it became, `History.renamed_states`)."""
    if workflow.states in since:
        renamed = dict(since[workflow.states])
    if not renamed:
        return workflow
    name = renamed.get
    return Workflow(tuple(name(state, state) for state in workflow.states),
                    frozenset((name(before, before), name(after, after))
                              for before, after in workflow.transitions),
                    frozenset(), frozenset(), frozenset(), workflow.accepted,
                    initial=frozenset(name(state, state) for state in workflow.initial))


def same_rules(one: Workflow, other: Workflow) -> bool:
    """Whether two workflows allow the same moves and starts."""
    return one.transitions == other.transitions and one.initial == other.initial


def acceptances(workflow: Workflow) -> frozenset[tuple[str, str]]:
    """The moves a workflow's `accepted_transitions:` accept: (commit, spec) pairs."""
    return frozenset((entry.commit, entry.spec) for entry in workflow.accepted)


class EarlierWorkflows:
    """The workflows other than `today` that judge the moves of a history: for a move made
    in commit C, the one HEAD's first-parent line held where C entered it (the line's
    configuration before the first commit of the line that contains C: C itself when it
    is on the line, else the merge that brought it in), from the line's workflow
    `changes` (oldest first, in today's names), found with `ancestry`; and `base` (the
    range's base, for the commits of `in_range`; None: no base; `base_commit` gives its commit:
    a range's commit on the line before the line holds the base, a pull request's own
    fast-forwarded after it merged the base, is judged by the base's alone). Before the
    file was first added (specrepo not adopted yet) no workflow was in force: today's
    alone judges those moves. A commit that deleted the file (or left a version that does
    not load) widens nothing: the workflow in force before it stays in force until a
    version that loads comes back (trial36: a configuration deleted to fall back on the
    defaults)."""

    def __init__(self, today: Workflow, changes: Sequence[WorkflowChange],
                 ancestry: Ancestry | None, base: EarlierWorkflow | None = None,
                 in_range: frozenset[str] | None = None,
                 base_commit: Callable[[], str | None] | None = None) -> None:
        self._today, self._changes, self._ancestry = today, tuple(changes), ancestry
        self._base, self._in_range = base, in_range
        self._base_commit = cache(base_commit) if base_commit is not None else None
        self._every = [workflow for change in self._changes
                       for workflow in (change.before, change.after) if workflow is not None
                       ] + ([base.workflow] if base is not None else [])

    def __bool__(self) -> bool:
        """Whether some move may be judged by a workflow other than today's, or accepted
        by an entry a change of the configuration added."""
        return bool(self._changes) or self._base is not None

    def in_force(self, commit: str, mainline: bool = True) -> list[EarlierWorkflow]:
        """The workflows other than today's that judge a move made in `commit`, which is
        on HEAD's first-parent line (`mainline`) or on a branch merged into it: the base's
        judges only the range's commits on the line (a pull request's own, fast-forwarded
        or not merged yet); a merged branch's moves entered the line where it was merged,
        and the line's workflow there judges them."""
        found = []
        line = self.line_before(commit)
        ranged = self._base is not None and mainline \
            and (self._in_range is None or commit in self._in_range)
        if line is not None and not (ranged and self._before_base(commit)):
            found.append(line)
        if ranged and self._base is not None:
            found.append(self._base)
        return found

    def _before_base(self, commit: str) -> bool:
        """Whether the range's `commit`, on HEAD's line, is there before the line holds
        the base (a pull request's own commit, made before it merged the base, then
        fast-forwarded): it entered the base's line after the base, whose workflow judges
        it, not the one the pull request's line held before it merged the base."""
        if self._base_commit is None or self._ancestry is None:
            return False
        base = self._base_commit()  # asked of git once, only where a judge depends on it
        return base is not None and not self._ancestry.is_ancestor(base, commit)

    def line_before(self, commit: str | None) -> EarlierWorkflow | None:
        """The workflow HEAD's line held where `commit` entered it (None: the commit being
        made, after HEAD), when it is not today's."""
        if not self._changes or self._ancestry is None:
            return None
        first = self._changes[0]
        held, where, path = first.before, first.parent, first.parent_path
        later: str | None = None
        for index, change in enumerate(self._changes):
            if commit is not None and self._ancestry.is_ancestor(commit, change.commit):
                if self._ancestry.is_ancestor(commit, change.parent):  # held before it:
                    later = next((other.commit for other in self._changes[index:]
                                  if other.after is not None and held is not None
                                  and not same_rules(other.after, held)), change.commit)
                break  # the line held `commit` from here on
            if change.after is not None or held is None:  # a deletion widens nothing
                held, where, path = change.after, change.commit, change.path
        if held is None or same_rules(held, self._today):
            return None
        return EarlierWorkflow(held, where, path=path, changed_later=later)

    def acceptance_stands(self, spec_ids: frozenset[str], event: Event) -> bool:
        """Whether today's `accepted_transitions:` entry that accepts the move `event`
        made in the spec with `spec_ids` accepts it here: the entry came in a change after
        the one that brought the move into HEAD's line (not with it: an entry accepts a
        move already made, which history on a shared branch cannot undo), and, for a
        commit of the range on the line (`in_force`), the base holds it."""
        if self._base is not None and event.mainline and (
                self._in_range is None or event.commit in self._in_range) \
                and self._base.workflow.acceptance(spec_ids, event.commit) is None:
            return False
        added: WorkflowChange | None = None
        for change in self._changes:
            had, has = (workflow is not None and workflow.acceptance(
                spec_ids, event.commit) is not None for workflow in (change.before, change.after))
            added = change if has and not had else added if has else None
        return added is None or self._ancestry is None \
            or self._ancestry.is_ancestor(event.commit, added.parent)

    def forbidding(self, commit: str, allowed: Callable[[Workflow], bool],
                   mainline: bool = True) -> EarlierWorkflow | None:
        """The first workflow of `in_force(commit, mainline)` under which `allowed` is
        False."""
        return next((earlier for earlier in self.in_force(commit, mainline)
                     if not allowed(earlier.workflow)), None)

    def allow_all(self, moves: Iterable[tuple[str | None, str | None]]) -> bool:
        """Whether every workflow `in_force` may name (any of the line's, the base's)
        allows each of `moves` (then no move of them needs its commit looked at)."""
        return all(workflow.allows(before, after) for before, after in moves
                   for workflow in self._every)


def earlier_workflows(today: Workflow, history: History, base: str | None = None,
                      commits: frozenset[str] | None = None) -> EarlierWorkflows | None:
    """The workflows that judge the committed moves of `history` besides `today`'s: the
    one HEAD's first-parent line held where each commit entered it, and, with `base` (the
    revision the commits checked, `commits`, come after: `--since REF`), the base's for
    those commits; None when the history cannot say (one built by hand)."""
    source = workflow_source(history)
    if source is None:
        return None
    held, path = source.at(base) if base is not None and commits else (None, "")
    return EarlierWorkflows(today, source.changes(), history.ancestry,
                            EarlierWorkflow(held, base, base=True, path=path)
                            if held is not None and base is not None else None, commits,
                            partial(source.commit, base) if held is not None
                            and base is not None else None)


def line_held(source: WorkflowSource | None, revision: str | None, head: str | None,
              leaving: str | None = None) -> tuple[Workflow, str] | None:
    """The workflow in force at `revision`, a commit of HEAD's first-parent line (HEAD,
    whose full id is `head`, or an amended HEAD's first parent, whose change `leaving`
    names: left out), and its file in words, as `EarlierWorkflow.whose` names one
    ("specrepo.yaml as HEAD holds it", "cfg.yaml as commit 1a2b3c4d5e holds it": the path
    from the repository's top in the commit that holds it): the file's at `revision`
    (`WorkflowSource.at`), else, where `revision` has none or one that does not load, the
    line's last version before it that loaded (a deletion widens nothing, as in
    `EarlierWorkflows.line_before`: trial37b, a configuration deleted in one commit and
    added back wider in the commit being made); None where no version ever loaded
    (specrepo not adopted yet), no `source` (a history built by hand) or no `revision`."""
    if source is None or revision is None:
        return None
    held, path = source.at(revision)
    commit = revision
    if held is None:
        for change in source.changes():
            if change.commit != leaving and change.after is not None:
                held, path, commit = change.after, change.path, change.commit
            elif change.commit != leaving and held is None:
                held, path, commit = change.before, change.parent_path, change.parent
    named = "HEAD" if commit == head else f"commit {commit[:10]}"
    return None if held is None else (held, f"{path} as {named} holds it")
