"""The page set reporter: what render or site did or would do, one line a page."""

from __future__ import annotations

from pathlib import Path
from typing import Final, TextIO

from specrepo.base.one_line import one_line
from specrepo.base.paths import display_path
from specrepo.base.wording import counted, plural
from specrepo.output.page_set import PageState, PlannedPage, RenderPlan

_DONE: Final = {
    PageState.NEW: "created",
    PageState.CHANGED: "updated",
    PageState.ORPHANED: "removed",
    PageState.LEFTOVER: "removed",
    PageState.UNCHANGED: "unchanged",
    PageState.CONFLICT: "conflict",
}
_FOUND: Final = {
    PageState.NEW: "missing",
    PageState.CHANGED: "out of date",
    PageState.ORPHANED: "orphaned",
    PageState.LEFTOVER: "leftover",
    PageState.UNCHANGED: "up to date",
    PageState.CONFLICT: "conflict",
}


class RenderReporter:
    """Writes what render (or site: `command`) did, or checking would do, as text: changed
    pages and conflicts, then a summary line."""

    def __init__(self, stream: TextIO, base: Path, command: str = "render") -> None:
        self.stream = stream
        self.base = base
        self.command = command

    def report(self, plan: RenderPlan, check: bool, *, staged: bool = False) -> None:
        """Write the whole plan; `check`: it was only checked, not carried out; `staged`:
        against the pages the index stages (`render --check --staged`), so the hint says
        to stage what render writes."""
        for page in plan.pages:
            if page.state is not PageState.UNCHANGED:
                self.stream.write(one_line(self._line(page, check)) + "\n")
        self.stream.write(self._summary(plan, check, staged) + "\n")

    def _line(self, page: PlannedPage, check: bool) -> str:
        path = display_path(page.path, self.base)
        if page.state is PageState.CONFLICT:
            return f"{path}: conflict: {page.detail}"
        action = "would be removed" if check else "removed"
        if page.state is PageState.ORPHANED:
            origin = f" (generated from {page.detail})" if page.detail else ""
            why = "no spec renders to it" if self.command == "render" \
                else "no longer part of the site"
            return f"{path}: orphaned, {why}{origin}; {action}"
        if page.state is PageState.LEFTOVER:
            return f"{path}: temporary file of an interrupted {self.command}; {action}"
        return f"{path}: {(_FOUND if check else _DONE)[page.state]}"

    def _summary(self, plan: RenderPlan, check: bool, staged: bool) -> str:
        words = _FOUND if check else _DONE
        counts = []
        for state in PageState:
            count = len(plan.having(state))
            if count and state is not PageState.LEFTOVER:
                word = plural(count, words[state]) if state is PageState.CONFLICT \
                    else words[state]
                counts.append(f"{count} {word}")
        total = len(plan.pages) - len(plan.having(PageState.LEFTOVER))
        noun = "page" if self.command == "render" else "file"
        head = f"{counted(total, noun)}{' checked' if check else ''}"
        leftovers = len(plan.having(PageState.LEFTOVER))
        if leftovers:
            counts.append(f"{counted(leftovers, 'temporary file')} "
                          f"{'to remove' if check else 'removed'}")
        hint = f"; run `specrepo {self.command}`" if check and plan.drift else ""
        if hint and staged:
            hint += f", then `git add --all {display_path(plan.folder, self.base)}`"
        return f"{head}: {', '.join(counts) or 'nothing to do'}{hint}"
