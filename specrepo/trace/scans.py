"""The scans of a trace, started early: the two `git grep`s of the tagging files (code, then
tests) and the `git log` walk that dates each tagging file's last commit run as git
processes beside the rest of the trace (checking the specs, reading history); the work
tree's uncommitted change, which judges the links too, can be read early as well.

The pattern git searches with depends on the spec ids (`reference_grammar`), known only
once the specs are read; the searches start before that, with the grammar of a repository
whose spec ids all take the configured `id_prefix` (the usual case). When the specs read
give another grammar, the files are searched again with it: what comes out is always what
a search with the specs' own grammar finds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import partial
from types import TracebackType
from typing import Generic, TypeVar

from specrepo.base.errors import SpecrepoError
from specrepo.gitio.flagged_files import FlaggedFile
from specrepo.gitio.grep import TrackedFilesGrep
from specrepo.gitio.touches import LastTouches, Touch
from specrepo.history.uncommitted import UncommittedChange, uncommitted_change
from specrepo.load.locations import SpecLocation, escape_glob
from specrepo.model.config import Config
from specrepo.model.trace import Tag
from specrepo.model.unsearched_files import UnsearchedFile
from specrepo.trace.git_grep import FoundTags, found_tags
from specrepo.trace.tags import ReferenceFinder, reference_grammar

_Result = TypeVar("_Result")


class Attempt(Generic[_Result]):
    """`work` done now (`Attempt.now`) or when first asked; what it gave, or the
    `SpecrepoError` it raised, comes out each time `result` is called."""

    def __init__(self, work: Callable[[], _Result]) -> None:
        self._work: Callable[[], _Result] | None = work
        self._done: tuple[_Result] | None = None
        self._failure: SpecrepoError | None = None

    @classmethod
    def now(cls, work: Callable[[], _Result]) -> Attempt[_Result]:
        """An attempt of `work`, made at once."""
        attempt = cls(work)
        attempt.make()
        return attempt

    def make(self) -> None:
        """Do the work, if not done yet; keep what it raises for `result`."""
        if self._work is None:
            return
        work, self._work = self._work, None
        try:
            self._done = (work(),)
        except SpecrepoError as error:
            self._failure = error

    def result(self) -> _Result:
        """What the work gave; raises what it raised."""
        self.make()
        if self._failure is not None:
            raise self._failure
        assert self._done is not None
        return self._done[0]


class TagScans:
    """The tag scans and the tagging files' last commits of `config`'s `trace:` globs,
    started when made, or at `start` (nothing is started without a glob). Use as a context
    manager: git processes still running at its end are stopped. An error starting or
    reading a scan is raised where its result is asked for (`tags`, `touches`), as when it
    ran then."""

    def __init__(self, config: Config, *, start: bool = True,
                 flagged: Sequence[FlaggedFile] = ()) -> None:
        """`start`: start the scans now; else at `start`, or when a result is asked for
        (once worker processes are forked, say: git's output is read by threads, and no
        worker is forked while a thread runs). `flagged`: the spec files marked
        assume-unchanged or skip-worktree (`Checkout.flagged`), whose edits the
        uncommitted change holds (`uncommitted_change`)."""
        self.config = config
        self.guess = ReferenceFinder(reference_grammar(config.id_prefix, ()))
        """The finder of the usual grammar, searched with before the spec ids are known."""
        trace, never = config.trace, never_scanned(config)
        pattern = self.guess.git_pattern()
        self._searches = (
            Attempt(lambda: TrackedFilesGrep(config.root, pattern, trace.implementation,
                                             exclude=trace.tests, never=never)),
            Attempt(lambda: TrackedFilesGrep(config.root, pattern, trace.tests, never=never)))
        self._touches = Attempt(lambda: LastTouches(
            config.root, (*trace.implementation, *trace.tests), never=never))
        self._guessed = tuple(Attempt(partial(_found, search, self.guess))
                              for search in self._searches)
        self._followed: dict[str, str] | None = None
        self._uncommitted = Attempt(partial(uncommitted_change, config, flagged))
        self._started = False
        if start:
            self.start()

    def start(self) -> None:
        """Start the searches and the walk, if not started yet."""
        if not self._started:
            self._started = True
            for attempt in (*self._searches, self._touches):
                attempt.make()

    def read_guessed(self) -> None:
        """Read the searches' lines and find their tags with the usual grammar, now (while
        the specs are checked, say) rather than when `tags` asks."""
        self.start()
        for guessed in self._guessed:
            guessed.make()

    def read_uncommitted(self) -> None:
        """Read the work tree's uncommitted change now (while the specs are checked, say),
        rather than when `uncommitted` asks."""
        self._uncommitted.make()

    def uncommitted(self) -> UncommittedChange:
        """The work tree's uncommitted change (`uncommitted_change`), read once. Raises
        `HistoryError` when git cannot tell it."""
        return self._uncommitted.result()

    def tags(self, finder: ReferenceFinder) -> tuple[tuple[Tag, ...], tuple[Tag, ...]]:
        """The tags `finder` finds in implementation files, and in test files (`found`'s)."""
        implementation, tests, _ = self.found(finder)
        return implementation, tests

    def found(self, finder: ReferenceFinder
              ) -> tuple[tuple[Tag, ...], tuple[Tag, ...], tuple[UnsearchedFile, ...]]:
        """The tags `finder` finds in implementation files, and in test files, and the
        files of both whose tags were not read (`git_grep.found_tags`). Raises
        `HistoryError` (`NotARepositoryError` outside a work tree) when git cannot search."""
        self.start()
        if finder.grammar == self.guess.grammar:
            searched = (self._guessed[0].result(), self._guessed[1].result())
        else:
            self.followed()  # known before the searches stop
            self._stop_searches()  # searched with another pattern: search again
            trace, never = self.config.trace, never_scanned(self.config)
            searched = (self._search(finder, TrackedFilesGrep(
                            self.config.root, finder.git_pattern(), trace.implementation,
                            exclude=trace.tests, never=never)),
                        self._search(finder, TrackedFilesGrep(
                            self.config.root, finder.git_pattern(), trace.tests, never=never)))
        implementation, tests = searched
        return (implementation.tags, tests.tags,
                (*implementation.unsearched, *tests.unsearched))

    @staticmethod
    def _search(finder: ReferenceFinder, search: TrackedFilesGrep) -> FoundTags:
        try:
            return found_tags(search.found(), finder)
        finally:
            search.stop()

    def followed(self) -> dict[str, str]:
        """Each tracked link searched as the file it leads to, and that file's path
        (`TrackedFilesGrep.followed`), of both searches (a search that failed gives none:
        its error is raised where its tags are asked for)."""
        self.start()
        if self._followed is None:
            self._followed = {}
            for search in self._searches:
                with suppress(SpecrepoError):
                    self._followed.update(search.result().followed())
        return self._followed

    def touches(self) -> dict[str, tuple[Touch, ...]]:
        """The tagging files' last touches (`gitio.touches.LastTouches`); a link searched
        as the file it leads to has the last touches of both: a commit to that file
        confirms the tags read there."""
        self.start()
        touches = self._touches.result().result()
        followed = self.followed()
        if not followed:
            return touches
        top = next(search.result().top for search in self._searches
                   if search.result().followed())
        walk = LastTouches(top, [escape_glob(target) for target in set(followed.values())])
        try:
            targets = walk.result()
        finally:
            walk.stop()
        touches = dict(touches)
        for link, target in followed.items():
            both = tuple(dict.fromkeys((*touches.get(link, ()), *targets.get(target, ()))))
            if both:
                touches[link] = both
        return touches

    def stop(self) -> None:
        """Stop the git processes still running."""
        if not self._started:
            return
        self._stop_searches()
        with suppress(SpecrepoError):  # never started
            self._touches.result().stop()

    def _stop_searches(self) -> None:
        for search in self._searches:
            with suppress(SpecrepoError):  # never started
                search.result().stop()

    def __enter__(self) -> TagScans:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()


def _found(search: Attempt[TrackedFilesGrep], finder: ReferenceFinder) -> FoundTags:
    return found_tags(search.result().found(), finder)


def never_scanned(config: Config) -> tuple[SpecLocation, ...]:
    """Spec files, rendered pages and the site: their references are links, not tags."""
    out = config.render_out.strip("/")
    pages = SpecLocation("glob", "*.md" if out in ("", ".") else f"{escape_glob(out)}/*.md")
    site = config.site_out.strip("/")
    built = () if site in ("", ".") else (SpecLocation("glob", f"{escape_glob(site)}/**"),)
    return (*config.locations, pages, *built)
