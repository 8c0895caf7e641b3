"""Where spec files are: a folder, a glob or one file, as one typed value that discovery,
git's pathspecs and the matcher of paths in history all read, so they agree.

A folder holds the `*.yaml` and `*.yml` files below it (for Markdown specs, the `*.md` and
`*.markdown` files), hidden folders (a name starting with a dot) left out; a glob, the spec
files among the paths it matches. A spec file's ending matches whatever the case of its
letters (`x.YAML`, `0009-x.MD`: `spec_named`), everywhere: discovery, git's pathspecs, the
matcher of paths in history, and the ending a glob (of `specs:` or `exclude:`) is written
with. Globs follow git's wildmatch (`**/` for any folders, `*`
and `?` within a name, `[...]`, `\\` escaping the next character), which `pathlib`'s glob
reads the same way for the patterns a `specs:` setting uses.

`exclude:` globs (the same syntax) take files out of every location: a file the glob
matches, and every file below a folder it matches (`keps/NNNN-kep-template`), as a git
pathspec matches a folder's files.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Final, Literal

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.load.document import JsonPath
from specrepo.load.glob_patterns import glob_expression, wildmatch_stars
from specrepo.load.pathspec_prefix import read_alike_by_git

SPEC_SUFFIXES: Final = (".yaml", ".yml")
MARKDOWN_SUFFIXES: Final = (".md", ".markdown")
_GLOB_CHARACTERS: Final = frozenset("*?[")
_GLOB_SPECIAL: Final = re.compile(r"[*?\[\\]")
_MARKDOWN_MARK: Final = "+md"
_EXCLUDE_MARK: Final = "+x"

LocationKind = Literal["file", "folder", "glob"]


@dataclass(frozen=True, order=True)
class SpecLocation:
    """A place spec files are, relative to a folder (the configuration's, or the top of the
    repository), with `/` separators: a folder's or file's path as it is, a glob's pattern.
    `markdown`: its specs are Markdown files with YAML front matter, not YAML files."""

    kind: LocationKind
    path: str
    markdown: bool = False
    exclude: tuple[str, ...] = ()
    """Globs (relative to the same folder as `path`) of the files, and the folders whose
    files, that are no specs here all the same (`exclude:`)."""

    @property
    def suffixes(self) -> tuple[str, ...]:
        """The file name endings of this place's spec files (a folder's, a glob's matches)."""
        return spec_suffixes(self.markdown)

    def below(self, prefix: str) -> SpecLocation:
        """The same place seen from `prefix`'s parent (`prefix` empty: unchanged), its path
        normalized (`normalized_location`): `specs: .` in `specs/specrepo.yaml` is `specs`,
        as `specs: specs` in the `specrepo.yaml` above it (trial37b)."""
        if not prefix:
            return self
        escaped = escape_glob(prefix)
        exclude = tuple(f"{escaped}/{glob}" for glob in self.exclude)
        if self.kind == "glob":
            return SpecLocation("glob", f"{escaped}/{self.path}", self.markdown, exclude)
        return SpecLocation(self.kind, normalized_location(f"{prefix}/{self.path}"),
                            self.markdown, exclude)

    def excluding(self, exclude: tuple[str, ...]) -> SpecLocation:
        """The same place with `exclude` as its `exclude:` globs."""
        return SpecLocation(self.kind, self.path, self.markdown, exclude)

    def included_pathspecs(self, magic: str) -> tuple[str, ...]:
        """git's pathspecs for the files this place takes, its exclusions not applied (see
        `pathspecs`), with `magic` before the kind's own (`top,`: relative to the
        repository's top; empty: to git's working folder)."""
        path = self.path.strip("/")
        if self.kind == "file":
            return (f":({magic}literal){path}",)
        if self.kind == "glob":
            return (f":({magic}glob){self.glob.strip('/')}",)
        prefix = f"{escape_glob(path)}/" if path not in ("", ".") else ""
        return tuple(f":({magic}glob){prefix}**/*{_case_free(suffix)}"
                     for suffix in self.suffixes)

    @property
    def glob(self) -> str:
        """A glob location's pattern as it is matched: its path, a spec file ending at its
        end matching whatever its case (`specs/*.yaml` takes `specs/x.YAML`, see
        `case_free_ending`), its runs of `*` as git's wildmatch reads them (given to git,
        `sp**/x` would be read from past its literal start, `sp` + `**/x`)."""
        return case_free_ending(wildmatch_stars(self.path), self.suffixes)

    @property
    def key(self) -> str:
        """`kind:path` (`kind+md:path` for Markdown specs; with `exclude:` globs,
        `kind+x:["path", "glob", ...]`), for caches and keys (see `from_key`)."""
        kind = f"{self.kind}{_MARKDOWN_MARK if self.markdown else ''}"
        if self.exclude:
            return f"{kind}{_EXCLUDE_MARK}:{json.dumps([self.path, *self.exclude])}"
        return f"{kind}:{self.path}"

    @classmethod
    def from_key(cls, key: str) -> SpecLocation:
        """The inverse of `key`; raises ValueError for anything else."""
        kind, separator, path = key.partition(":")
        exclude: tuple[str, ...] = ()
        if kind.endswith(_EXCLUDE_MARK):
            kind = kind.removesuffix(_EXCLUDE_MARK)
            listed = json.loads(path)
            if not isinstance(listed, list) or not listed \
                    or not all(isinstance(item, str) for item in listed):
                raise ValueError(f"not a spec location: {key[:80]!r}")
            path, exclude = listed[0], tuple(listed[1:])
        markdown = kind.endswith(_MARKDOWN_MARK)
        kind = kind.removesuffix(_MARKDOWN_MARK)
        if not separator or kind not in ("file", "folder", "glob"):
            raise ValueError(f"not a spec location: {key[:80]!r}")
        return cls(kind, path, markdown, exclude)  # type: ignore[arg-type]


def spec_suffixes(markdown: bool) -> tuple[str, ...]:
    """The file name endings of spec files: YAML's, or (`markdown`) Markdown's."""
    return MARKDOWN_SUFFIXES if markdown else SPEC_SUFFIXES


MISNAMED_ENDINGS: Final = " .\t\n\r\v\f"
"""Characters after a spec file ending that leave a name no spec file's, which tools read
apart: Windows drops trailing spaces and dots (`x.yaml.` is its `x.yaml`), an editor's
tab completion or a pasted name brings a space or a line break."""


def misnamed(name: str, suffixes: tuple[str, ...]) -> bool:
    """Whether a file's name is a spec file's (`spec_named`) but for spaces, dots or line
    breaks after its ending (`x.yaml `, `x.yaml.`, `x.md\n`): not read, and named in a
    note (`hidden_folders.hidden_folder_notes`), never skipped in silence."""
    stripped = name.rstrip(MISNAMED_ENDINGS)
    return stripped != name and spec_named(stripped, suffixes)


def spec_named(path: str, suffixes: tuple[str, ...]) -> bool:
    """Whether a file's name or path ends with one of `suffixes` (lower-case spec file
    endings, `spec_suffixes`) whatever the case of its letters: `x.YAML` and `0009-x.MD` are
    spec files as `x.yaml` and `0009-x.md` are (Windows tools write such names, and
    case-insensitive file systems and GitHub read them as the same type). Letters compare
    as ASCII letters, as git's glob pathspecs for them do (`case_free_ending`)."""
    if path.endswith(suffixes):
        return True
    for suffix in suffixes:  # a loop, not any(): discovery asks it of every folder
        ending = path[-len(suffix):]
        if ending.isascii() and ending.lower() == suffix:
            return True
    return False


def case_free_ending(glob: str, suffixes: tuple[str, ...]) -> str:
    """`glob` (git's wildmatch) with the spec file ending it ends with, if any (in any case,
    see `spec_named`), as a pattern matching that ending in any case: `*.yaml` as
    `*.[yY][aA][mM][lL]`. Its other parts match as written."""
    for suffix in suffixes:
        if spec_named(glob, (suffix,)):
            return glob[:-len(suffix)] + _case_free(suffix)
    return glob


def _case_free(suffix: str) -> str:
    """A glob matching `suffix` (`.yaml`) whatever the case of its letters."""
    return "".join(f"[{character}{character.upper()}]" if character.isalpha() else character
                   for character in suffix)


def is_glob(text: str) -> bool:
    """Whether `text` has glob characters (`*?[`)."""
    return bool(_GLOB_CHARACTERS & set(text))


def literal_folder(location: SpecLocation) -> str:
    """The folder (or file) that holds every file of `location`, written literally; ""
    for the repository's top."""
    path = location.path.strip("/")
    if location.kind != "glob":
        return "" if path == "." else path
    found = _GLOB_SPECIAL.search(path)
    literal = path if found is None else path[:found.start()]
    return literal.rpartition("/")[0] if found is not None else literal


def escape_glob(text: str) -> str:
    """`text` as a glob (git's wildmatch) that matches only itself: `\\[` for `[`."""
    return _GLOB_SPECIAL.sub(r"\\\g<0>", text)


def excluded_globs(value: object) -> tuple[str, ...]:
    """An `exclude:` setting (one glob or a list of them; anything else: none) as globs,
    normalized as locations are (`./keps/x/` is `keps/x`), sorted, without repeats."""
    written = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return tuple(sorted({normalized_location(glob) for glob in written
                         if isinstance(glob, str) and glob.strip()}))


def excluded_places(value: object) -> tuple[tuple[str, JsonPath], ...]:
    """Each glob of an `exclude:` setting (normalized, as `excluded_globs`) with its place
    in the configuration: `("exclude",)` for one glob, `("exclude", index)` in a list."""
    written: list[tuple[object, JsonPath]] = [(value, ("exclude",))] if isinstance(value, str) \
        else [(glob, ("exclude", index)) for index, glob in enumerate(value)] \
        if isinstance(value, list) else []
    return tuple((normalized_location(glob), place) for glob, place in written
                 if isinstance(glob, str) and glob.strip())


def exclude_pathspecs(exclude: Iterable[str], magic: str) -> tuple[str, ...]:
    """git's pathspecs for what `exclude:` globs name: the files a glob matches and the
    files below the folders it matches (git's wildcards match no folder's files); `magic`
    before `glob` (`top,`: from the top; with `exclude,`, pathspecs leaving them out)."""
    return tuple(f":({magic}glob){_excluding(glob)}{below}" for glob in exclude
                 for below in ("", "/**"))


def _excluding(glob: str) -> str:
    """An `exclude:` glob as it is matched: a spec file ending it is written with (YAML's
    or Markdown's) matching whatever its case, and its runs of `*` as git's wildmatch
    reads them (`wildmatch_stars`), as in `specs:` globs."""
    return case_free_ending(wildmatch_stars(glob), SPEC_SUFFIXES + MARKDOWN_SUFFIXES)


def exclusion_matcher(exclude: Iterable[str]) -> Callable[[str], bool]:
    """Whether a path (`/`-separated, relative to the folder the globs are) is left out by
    `exclude:` globs: the glob matches it or one of the folders it is in."""
    globs = [f"(?:{glob_expression(_excluding(glob).strip('/'))})" for glob in exclude]
    if not globs:
        return lambda _: False
    # One expression for all (a file list is matched once per file): a glob matching the
    # whole path, or the path up to one of its `/`s, whatever follows it.
    matches = re.compile(f"(?:{'|'.join(globs)})(?:/[\\s\\S]*)?").fullmatch
    return lambda path: matches(path) is not None


def configured_location(root: Path, written: str, markdown: bool = False,
                        exclude: tuple[str, ...] = ()) -> SpecLocation:
    """A `specs:` location of the configuration in `root`: a folder when one exists there
    (even with glob characters in its name: `specs [old]`) or when it has no glob
    characters; else a glob. Its path is normalized (`./specs/` is `specs`, an absolute
    path inside `root` is made relative), so every spec file has one path in it.
    `markdown`: of Markdown specs."""
    path = normalized_location(written)
    if Path(path).is_absolute() and Path(path).is_relative_to(root):
        path = Path(path).relative_to(root).as_posix() or "."
    if inputs.reader.isdir(root / written) or not is_glob(written):
        return SpecLocation("folder", path, markdown, exclude)
    return SpecLocation("glob", path, markdown, exclude)


def historical_location(written: str, markdown: bool = False,
                        exclude: tuple[str, ...] = ()) -> SpecLocation:
    """A `specs:` location an earlier version of the configuration named (its folder may be
    gone): a glob when it has glob characters, a file when it names a spec file (YAML, or
    with `markdown` Markdown), else a folder; its path normalized as `normalized_location`
    does."""
    path = normalized_location(written)
    if is_glob(written):
        return SpecLocation("glob", path, markdown, exclude)
    if spec_named(written, spec_suffixes(markdown)):
        return SpecLocation("file", path, markdown, exclude)
    return SpecLocation("folder", path, markdown, exclude)


def normalized_location(written: str) -> str:
    """A location's path with `.` and `a/..` steps, repeated and trailing `/` taken out
    (POSIX path normalization, as git normalizes a pathspec)."""
    return posixpath.normpath(written)


def climbs_out(path: str) -> bool:
    """Whether a normalized location leaves the folder it is relative to (`../x`, or an
    absolute path)."""
    return path == ".." or path.startswith(("../", "/"))


def pathspecs(locations: Iterable[SpecLocation], *, from_top: bool = True,
              whole_folders: bool = False, exclusions: bool = True) -> list[str]:
    """git pathspecs for the spec files of `locations` (relative to the repository's top;
    with `from_top` False, to the folder git runs in). With `whole_folders` (locations
    that are all `folders_only`), each folder is named whole, every file below it: git
    matches a folder at once, where the glob of each spec suffix costs it a pattern match
    per file.

    git applies an exclusion to every pathspec of the command, so only the globs that all
    the locations exclude are given to git: the files git names are a superset of the
    spec files, and every reader of its answer keeps those `location_matcher` takes. Of
    those, only the globs written from the folder all the included pathspecs start with
    are given (`read_alike_by_git`): `git ls-files` matches an exclusion from past that
    folder's length, so `exclude: drafts` beside `specs: specs/active` took out every file
    (git 2.39 to 2.47, agree56).
    Without `exclusions`, none is given: git then matches no exclusion against each path
    it walks below the spec folders (about a tenth of the history stream's processor time
    for one glob), and names the few excluded files changed too, which readers drop."""
    magic = "top," if from_top else ""
    places = list(locations)
    shared = set.intersection(*(set(place.exclude) for place in places)) if places else set()
    included = [f":({magic}literal){place.path.strip('/')}" for place in places] \
        if whole_folders else \
        [pathspec for place in places for pathspec in place.included_pathspecs(magic)]
    given = [glob for glob in sorted(shared)
             if read_alike_by_git(f":(glob){_excluding(glob)}", included)] if exclusions else []
    return [*included, *exclude_pathspecs(given, f"{magic}exclude,")]


def folders_only(locations: Iterable[SpecLocation]) -> bool:
    """Whether `locations` are folders below the one they are relative to (not it, not
    outside it), all of them: their spec files are told by the folder and the suffix
    alone (see `pathspecs`)."""
    places = list(locations)
    return bool(places) and all(
        place.kind == "folder" and _prefix(place.path) and not place.path.startswith("/")
        and ".." not in place.path.split("/") for place in places)


def location_matcher(locations: Iterable[SpecLocation]) -> Callable[[str], bool]:
    """Whether a path (from the repository's top) is a spec file of these locations, as
    their pathspecs select it and (in folders) as discovery finds it: a file location's
    path, or, where that path is a folder, its spec files as a folder location's. Made once for the
    same locations (a cold report asks for a merged branch's thousands of times: 0.19 s of
    regular expressions compiled again, cold47)."""
    return _matcher(tuple(locations))


@lru_cache(maxsize=64)
def _matcher(places: tuple[SpecLocation, ...]) -> Callable[[str], bool]:
    out = {place.exclude: exclusion_matcher(place.exclude) for place in places}
    files = [(place.path.strip("/"), out[place.exclude]) for place in places
             if place.kind == "file"]
    # As discovery, a glob or a folder takes only the spec files among the paths it holds.
    # The globs and folders that read one kind of spec and exclude alike are matched as
    # one expression (callers match every file of a tree).
    held: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}
    # A file location is read as a folder in a commit that has a folder there (`specs:
    # x.md`, named when `x.md/` was one: the listing's folder location then, agree56).
    for place in places:
        held.setdefault((place.suffixes, place.exclude), []).append(
            glob_expression(place.glob.strip("/")) if place.kind == "glob"
            else re.escape(_prefix(place.path)) + _UNHIDDEN)
    groups = [({character for suffix in suffixes for character in (suffix[-1],
                                                                   suffix[-1].upper())},
               suffixes, re.compile("|".join(f"(?:{part})" for part in parts)).fullmatch,
               out[exclude]) for (suffixes, exclude), parts in held.items()]

    def matches(path: str) -> bool:
        last = path[-1:]  # a spec file's ending ends with one of few letters
        for endings, suffixes, fullmatch, excluded in groups:
            if last in endings and spec_named(path, suffixes) \
                    and fullmatch(path) is not None and not excluded(path):
                break
        else:
            if not files or not any(path == file and not excluded(path)
                                    for file, excluded in files):
                return False
        return True

    return matches


def walked_glob(glob: str) -> str:
    """`glob` as the work tree's walk reads it as git does: runs of `*` as wildmatch reads
    them (`glob_patterns.wildmatch_stars`: `0**.md` is `0*.md`), and a trailing `**`
    matching every file below (git's wildmatch, gitignore(5)), where pathlib's matches
    only folders."""
    glob = wildmatch_stars(glob)
    return f"{glob}/*" if glob == "**" or glob.endswith("/**") else glob


def _prefix(folder: str) -> str:
    cleaned = folder.strip("/")
    return "" if cleaned in ("", ".") else cleaned + "/"


def hidden_folder_below(path: str, folder: str) -> str | None:
    """The first hidden folder (a name starting with a dot) on the way from the folder
    location `folder` to `path` (both from the same top, `/`-separated), which discovery
    does not enter: `specs/.wip` for `specs/.wip/x.yaml` below `specs`; None when there is
    none, or `path` is not below `folder`."""
    prefix = _prefix(folder)
    if not path.startswith(prefix):
        return None
    parts = path[len(prefix):].split("/")[:-1]
    hidden = next((index for index, part in enumerate(parts) if part.startswith(".")), None)
    return None if hidden is None else prefix + "/".join(parts[:hidden + 1])


_UNHIDDEN: Final = r"(?:(?!\.)[^/]*/)*[^/]*"
"""The paths below a folder location that discovery finds (`spec_entries_below`): none of
their folders hidden (a name starting with a dot), the file's own name any. Each folder
location reads its own, so `specs` with `specs/.wip` takes `specs/.wip/x.yaml`, as
discovery does; a glob's `**` and `*` take hidden folders, as `Path.glob` does."""
