"""Look objects up (a file in a given commit, a blob by id) through one long-lived
`git cat-file --batch`, one at a time or many in one go, for the look-ups the streamed walk
cannot answer and the few files a diff reads; a file kept through a clean/smudge filter is
read through it: the filter of the commit it was found in (`historical_filters`), else of
the work tree's attributes (`filters`)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import IO, Final, NamedTuple

from specrepo.base.paths import real_path
from specrepo.gitio.attribute_sources import (
    ATTRIBUTES_FILE,
    configuration_may_set_attributes_file,
    repository_may_set_attributes_file,
    user_attributes_file,
)
from specrepo.gitio.batch_names import (
    Blob,
    DamagedObject,
    batch_safe,
    blob_answered,
    read_answer,
)
from specrepo.gitio.filters import FilterAttributes
from specrepo.gitio.git_command import (
    Git,
    HistoryError,
    StoppedAnswering,
    batches,
    stop,
)
from specrepo.gitio.historical_filters import (
    HistoricalFilters,
    attributes_files_above,
    unversioned_attributes,
)
from specrepo.gitio.object_damage import damaged_repository
from specrepo.gitio.partial_clone import stopped_answering
from specrepo.gitio.renames import RenameDetector
from specrepo.gitio.shared_batch import shared_batch
from specrepo.gitio.tree_files import refuse_lost_file

_BATCH_BYTES: Final = 8192
"""Requests written at once at most (within any system's pipe buffer, so that git never
waits for us to read its answers while we wait for it to read the requests)."""


class Located(NamedTuple):
    """The blob at `path` in `commit`, as git answered (None where the path holds no
    file)."""

    commit: str
    path: str
    blob: str | None


class ObjectReader:
    """Answers `blob_at(commit, path)` and `read(blob)`; started on first use. Contents
    come as `git checkout` writes them: through the path's clean/smudge filter if it has
    one, so that git-crypt's encrypted blobs are read as the specs they are; for a blob
    found in a commit (`blob_at`, `file_at`, `note`), the filter that commit's attributes
    give it, else the work tree's (`filters`). Its `cat-file` is the one the open readers
    of its `Git` share (`gitio.shared_batch`), held while an answer is unread."""

    def __init__(self, git: Git, max_bytes: int, rename_pathspecs: Iterable[str] = ()) -> None:
        self._git = git
        self._max_bytes = max_bytes
        self._process: subprocess.Popen[bytes] | None = None
        self._unread = 0
        """Answers asked of `_process` and not read yet (it is given back at none)."""
        self._shared = shared_batch(git)
        self._shared.join()
        self._closed = False
        self._blobs_at: dict[tuple[str, str], str | None] = {}
        self._fetched: dict[str, Blob | None] = {}
        self.filters = FilterAttributes(git)
        self.renames = RenameDetector(git, rename_pathspecs)
        """git's rename detection, for commits within `rename_pathspecs`."""
        self._commit_of: dict[str, str] = {}
        self._historical: HistoricalFilters | None = None
        self._attributes_file: subprocess.Popen[bytes] | None = None
        """`git config --get core.attributesFile`, when started ahead (see `start`)."""
        self._git_dir: Path | None = None
        self._configured: bool | None = None
        """Whether the configuration outside the repository may name the user's
        attributes file (`configuration_may_set_attributes_file`), once told."""
        self._ending: list[subprocess.Popen[bytes]] = []
        """`cat-file`s told that no more requests come (`end_requests`), not waited for."""
        self.read_ids: set[str] | None = None
        """When a set, the id of each blob whose content git was asked for (`read`,
        `file_at`, `prefetch`) is added to it as git answers (`batch_names.read_answer`):
        what a cached answer rests on (`history.relied_objects`)."""


    @property
    def git(self) -> Git:
        """The repository's git these objects are read from."""
        return self._git
    def note(self, blob: str, commit: str) -> None:
        """Say that `blob` was found in `commit`: its filter is the one that commit's
        attributes give its path (the first commit said counts)."""
        self._commit_of.setdefault(blob, commit)

    def locate(self, top: Path, git_dir: Path | None = None) -> None:
        """Ask for attributes in `top`, the repository's top folder (paths are relative to
        it), when git was started below it before the top was known; `git_dir`: the common
        git folder, if known (else asked of git when needed)."""
        if real_path(top) != real_path(self.filters.folder):
            self.filters.close()
            self.filters = FilterAttributes(Git(top))
        self._git_dir = git_dir

    def start(self) -> None:
        """Start git now, `cat-file` and, if the configuration may set one, the `git
        config` that tells where the user's attributes file is, which the filters of
        commits' attributes need (they start on first use otherwise), so that they get
        ready while another git process runs."""
        self._batch()
        self._release()  # ready for the first reader of the `Git` to ask
        if self._historical is None and self._attributes_file is None \
                and self._git.attributes_file is None and self._configuration_may_set():
            self._attributes_file = self._git.start("config", "--get", "core.attributesFile")

    def _configuration_may_set(self) -> bool:
        if self._configured is None:
            self._configured = configuration_may_set_attributes_file(self._git.environment)
        return self._configured

    def _batch(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            self._process = self._shared.take()
        return self._process

    def _release(self) -> None:
        """Give the `cat-file` held back to the `Git`'s readers when none of its answers
        is unread."""
        if self._process is not None and not self._unread:
            process, self._process = self._process, None
            self._shared.give_back(process)

    def _request(self, name: str) -> IO[bytes]:
        """Ask for the objects `name` names (one a line); its answers are read next."""
        process = self._batch()
        stdin, stdout = process.stdin, process.stdout
        assert stdin is not None and stdout is not None
        stdin.write(name.encode("utf-8", "surrogateescape") + b"\n")
        stdin.flush()
        self._unread += name.count("\n") + 1
        return stdout

    def prefetch(self, wanted: Iterable[tuple[str, str]],
                 beside: Callable[[], None] | None = None) -> None:
        """Ask for many objects at once, each a blob id or `commit:path` with the path it is
        read as, so that git answers them in one go rather than in a round trip each;
        `read` and `file_at` then take each from what came (once). With a blob `note`d as
        found in a commit come the `.gitattributes` files above its path there: what
        reading it through that commit's filters looks up (`blob_at`, then `read`).
        `beside`, other work of the caller's, is done while git looks up the first
        requests (once they are written), before their answers are read."""
        asked = dict(wanted)
        for name, path in list(asked.items()):
            commit = self._commit_of.get(name)
            if commit is not None:
                for file in attributes_files_above(path):
                    if (commit, file) not in self._blobs_at:
                        asked.setdefault(f"{commit}:{file}", file)
        names = {name: path for name, path in asked.items()
                 if batch_safe(name) and name not in self._fetched}
        for batch in batches(names, _BATCH_BYTES):
            stdout = self._request("\n".join(batch))
            if beside is not None:
                beside()
                beside = None
            for name in batch:
                answer = self._answer(stdout, self._max_bytes, name, self.read_ids)
                self._fetched[name] = None if answer is None or answer[1] != "blob" else \
                    Blob(answer[0], names[name], answer[2], answer[3])
        if beside is not None:  # nothing was asked
            beside()

    def trees_of(self, commits: Iterable[str]) -> list[str]:
        """The root tree id of each of `commits` (full commit ids), asked at once of the
        shared `cat-file` (no git of its own). Raises `HistoryError` for one git cannot
        read."""
        found = []
        for batch in batches([f"{commit}^{{tree}}" for commit in commits], _BATCH_BYTES):
            stdout = self._request("\n".join(batch))
            answers = [self._answer(stdout, 0, name) for name in batch]  # all read: none left
            for name, answer in zip(batch, answers, strict=True):
                if answer is None or answer[1] != "tree":
                    raise HistoryError(f"git cannot read the files of {name[:-7]}: "
                                       f"{damaged_repository()}")
                found.append(answer[0])
        return found

    def tree_contents(self, trees: Iterable[str]) -> list[bytes]:
        """The stored content of each of `trees` (tree ids), asked at once of the shared
        `cat-file`. Raises `HistoryError` for one git cannot read."""
        found = []
        for batch in batches(trees, _BATCH_BYTES):
            stdout = self._request("\n".join(batch))
            answers = [self._answer(stdout, 1 << 62, name) for name in batch]  # all read
            for name, answer in zip(batch, answers, strict=True):
                if answer is None or answer[1] != "tree" or answer[3] is None:
                    raise HistoryError(f"git cannot read the tree {name}: "
                                       f"{damaged_repository()}")
                found.append(answer[3])
        return found

    def end_requests(self) -> None:
        """Say that no more requests are expected (after a `prefetch` of all there is to
        read): `cat-file`, its answers all read, is told so and ends by itself while this
        process works on, so that `close` finds it gone instead of stopping it (unless
        another open reader of the `Git` may ask it: it is kept for them). A request after
        all starts another."""
        self._release()
        ending = self._process or self._shared.last_one()  # no other reader may ask it
        if ending is not None and ending.stdin is not None:
            self._ending.append(ending)
            with suppress(OSError):
                ending.stdin.close()
            self._process, self._unread = None, 0

    def blob_at(self, commit: str, path: str) -> str | None:
        """The blob id of `path` in `commit`, or None where the path holds no file (one whose
        blob git lacks, answered alike, raises: `tree_files.refuse_lost_file`)."""
        key = (commit, path)
        if key not in self._blobs_at:
            name = f"{commit}:{path}"
            if name not in self._fetched:
                found = self._lookup(commit, path)
            elif (prefetched := self._fetched[name]) is None:  # no file there
                found = None
                refuse_lost_file(self._git, commit, path)
            else:  # its content stays for `read`
                found = prefetched.sha
                self._fetched.setdefault(found, prefetched)
            self._blobs_at[key] = found
            if found is not None:
                self.note(found, commit)
        return self._blobs_at[key]

    def remember(self, located: Located) -> None:
        """Keep a blob id read elsewhere (`BlobPipe.located`) for `blob_at`."""
        self._blobs_at[located.commit, located.path] = located.blob

    def _lookup(self, commit: str, path: str) -> str | None:
        if not batch_safe(path):  # the batch protocol is line-based; ask git on its own
            found = self._git.attempt("rev-parse", "--verify", "--quiet", f"{commit}:{path}")
            return (found.stdout.decode().strip() or None) if found.returncode == 0 else None
        # The id is all that is wanted: any content is read in chunks and dropped.
        answer = self._answer(self._request(f"{commit}:{path}"), 0, f"{commit}:{path}")
        if answer is not None and answer[1] == "blob":
            return answer[0]
        refuse_lost_file(self._git, commit, path)
        return None

    def file_at(self, commit: str, path: str) -> Blob | None:
        """`path`'s content in `commit` (None over the size limit), in one request (none
        where it was prefetched, or where `blob_at` or an earlier `file_at` found no file
        there); None where the path holds no file. The blob id found is kept for
        `blob_at`."""
        name, key = f"{commit}:{path}", (commit, path)
        if name in self._fetched:
            found = self._fetched.pop(name)
        elif key in self._blobs_at and self._blobs_at[key] is None:
            return None
        elif not batch_safe(path):
            blob = self.blob_at(commit, path)
            return self.read(blob, path) if blob is not None else None
        else:
            answer = self._answer(self._request(name), self._max_bytes, name, self.read_ids)
            found = Blob(answer[0], path, answer[2], answer[3]) \
                if answer is not None and answer[1] == "blob" else None
        self._blobs_at.setdefault(key, found.sha if found is not None else None)
        if found is None:
            refuse_lost_file(self._git, commit, path)
            return None
        self.note(found.sha, commit)
        return self._through_filter(found)

    def read(self, blob: str, path: str, *, through_filter: bool = True) -> Blob:
        """A blob's content (None over the size limit, read and dropped): through the
        filter today's attributes give `path`, or (not `through_filter`) as stored. Raises
        `HistoryError`, `DamagedObject` naming `path` when git cannot read it."""
        found = self._fetched.pop(blob, None)
        if found is None:
            try:
                answer = self._answer(self._request(blob), self._max_bytes, blob,
                                      self.read_ids)
            except DamagedObject as damaged:  # worded by the file, as a warm run's check is
                raise DamagedObject(blob, damaged.state, path) from None
            found = blob_answered(answer, blob, path, self._git.folder)
        return self._through_filter(found) if through_filter else found

    def smudged(self, blob: str, path: str, content: bytes) -> Blob:
        """A blob with `content`, what its filter wrote (dropped over the size limit)."""
        size = len(content)
        return Blob(blob, path, size, content if size <= self._max_bytes else None)

    def _answer(self, stdout: IO[bytes], max_bytes: int, name: str,
                read_ids: set[str] | None = None) -> tuple[str, str, int, bytes | None] | None:
        """The answer for `name`, the next one unread (a blob's id added to `read_ids`,
        when given: see `read_answer`)."""
        try:
            answer = read_answer(stdout, max_bytes, (self._git.folder, name), read_ids)
        except StoppedAnswering:
            raise self._stopped() from None
        self._unread -= 1
        self._release()
        return answer

    def _stopped(self) -> HistoryError:
        """Why git stopped answering (see `stopped_answering`); it is started again on
        the next request."""
        assert self._process is not None
        process, self._process, self._unread = self._process, None, 0
        return stopped_answering(self._git, process)

    def _through_filter(self, found: Blob) -> Blob:
        """`found` through its path's filter, if it has one (a blob over the size limit
        stays unread): the filter of the commit it was found in, if it was."""
        if found.content is None:
            return found
        commit = self._commit_of.get(found.sha)
        if commit is None:
            driver = self.filters.driver(found.path)
            return found if driver is None else self._smudged(found.sha, found.path, driver)
        historical = self._historical_filters()
        driver = historical.path_driver(commit, found.path, self.blob_at)
        if driver is None:
            return found
        return self.smudged(found.sha, found.path, historical.path_smudged(
            commit, found.sha, found.path, driver, self.blob_at))

    def _historical_filters(self) -> HistoricalFilters:
        """The filters of commits' attributes (started on first use)."""
        if self._historical is None:
            git_dir = self._git_dir or self._common_dir()
            output, code = self._attributes_file_setting(git_dir)
            settings = {"core.attributesfile": output.decode(
                "utf-8", "surrogateescape").strip()} if code == 0 else {}
            top = self.filters.folder  # where git runs, as it finds the file (see there)
            self._historical = HistoricalFilters(
                self._git, git_dir, "", {}, (),
                lambda blob: self.read(blob, ATTRIBUTES_FILE, through_filter=False).content,
                unversioned_attributes(git_dir, settings, self._git.environment, top),
                complete=False,
                user_file=user_attributes_file(settings, self._git.environment, top))
        return self._historical

    def _common_dir(self) -> Path:
        """The common git folder (asked of git once a `Git`)."""
        if self._git.common_dir is None:
            self._git.common_dir = Path(self._git.text(
                "rev-parse", "--path-format=absolute", "--git-common-dir"))
        return self._git.common_dir

    def _attributes_file_setting(self, git_dir: Path) -> tuple[bytes, int]:
        """`git config --get core.attributesFile`'s output and exit code (asked of git
        once a `Git`, and only when a configuration file may set it)."""
        started, self._attributes_file = self._attributes_file, None
        if started is not None:
            output, _ = started.communicate()
            self._git.attributes_file = output, started.returncode
        elif self._git.attributes_file is None:
            if self._configuration_may_set() or repository_may_set_attributes_file(git_dir):
                configured = self._git.attempt("config", "--get", "core.attributesFile")
                self._git.attributes_file = configured.stdout, configured.returncode
            else:  # not set
                return b"", 1
        return self._git.attributes_file

    def _smudged(self, blob: str, path: str, driver: str) -> Blob:
        return self.smudged(blob, path, self.filters.smudged(blob, path, driver))

    def close(self) -> None:
        """Stop the git processes, if they were started (the `cat-file` given back, when
        none of its answers is unread)."""
        self._release()
        self.renames.close()
        if self._historical is not None:
            self._historical.close()
            self._historical = None
        stop(*self.filters.release(), *self._ending,
             *(process for process in (self._process, self._attributes_file)
               if process is not None))
        self._process = self._attributes_file = None
        self._ending = []
        if not self._closed:
            self._closed = True
            self._shared.leave()
