"""The spec schema of the commit being made, in a hook's run (`validate --history
--changed-since`: the commit is the index): where the index stages another version of the
schema file, or of a file its `$ref`s reach, than the work tree holds (`git add` then
edited again, or edited and not added), the schema is read as the index stages its files,
as `validate` will read it in a checkout of the commit once made (hookindex46: a staged
`maxLength` passed a commit that CI then failed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from specrepo.base.errors import ConfigError
from specrepo.base.paths import real_path
from specrepo.gitio.commit_match import differing_from_index
from specrepo.gitio.git_command import Git
from specrepo.gitio.objects import ObjectReader
from specrepo.load.schema_reading import MAX_SCHEMA_BYTES, read_schema_bytes
from specrepo.load.schema_source import SchemaSource
from specrepo.model.config import Config


class IndexSchemaFiles:
    """Reads schema files as the index stages them (a `SchemaFileReader`): a file whose
    work-tree copy differs from the index's, compared by content as git would store it
    (`gitio.commit_match.differing_files`: a file marked assume-unchanged or
    skip-worktree, whose edit `git diff-files` never shows, too), as the index holds it,
    through its filter as `git checkout` writes it (None: the index holds no file there,
    never added, `git rm --cached`, or holds it unmerged or added with intent to add only,
    `git add -N`: the commit holds no version of it); any other as the work tree has it.
    `staged` holds the files read from the index (paths from the top)."""

    def __init__(self, config: Config) -> None:
        self.top = real_path(config.repository)
        self.git = Git(config.repository)
        self.staged: dict[str, bytes | None] = {}
        self._asked: set[str] = set()

    def differing(self, files: list[Path]) -> bool:
        """Whether the index stages another version of one of `files` than the work tree
        holds (asked of git once for them all). Raises `HistoryError` when git fails."""
        paths = [path for file in files if (path := self._relative(file)) is not None
                 and path not in self._asked]
        if paths:
            self._asked.update(paths)
            entries, changed = differing_from_index(self.git, self.top, paths)
            objects = ObjectReader(self.git, MAX_SCHEMA_BYTES)  # one cat-file for them all
            try:
                self.staged.update((path, objects.read(entries[path].blob, path).content
                                    if path in entries else None) for path in changed)
            finally:
                objects.close()
        return any(self._relative(file) in self.staged for file in files)

    def __call__(self, file: Path) -> bytes | None:
        """`file`'s bytes in the commit being made (see the class); None: none there."""
        path = self._relative(file)
        return self.staged[path] if path is not None and self.differing([file]) \
            else self._here(file)

    @staticmethod
    def _here(file: Path) -> bytes | None:
        """The work tree's `file`, read as a schema file is (None: it cannot be)."""
        try:
            return read_schema_bytes(file)
        except ConfigError:
            return None

    def _relative(self, file: Path) -> str | None:
        real = real_path(file)
        return real.relative_to(self.top).as_posix() if real.is_relative_to(self.top) \
            else None


def index_schema_reader(config: Config, work_tree: Callable[[], SchemaSource]
                        ) -> IndexSchemaFiles | None:
    """How the commit being made's spec schema reads its files (`IndexSchemaFiles`), where
    the index stages another version of one of them than the work tree holds: the
    configured schema file and those its references reach (`work_tree`: the schema read
    from the work tree, whose `files` say which; where it cannot be read, the schema file
    alone is asked). None where it stages none (a bundled schema: none). Raises
    `HistoryError` when git fails."""
    if config.schema_path is None:
        return None
    files = IndexSchemaFiles(config)
    try:
        read = list(work_tree().files)
    except ConfigError:
        if files.differing([config.schema_path]):
            return files
        raise
    return files if files.differing(read) else None

