"""Find the spec files the configured locations name, and read them within bounds."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.paths import first_link_out, real_folder, real_path, relative_below
from specrepo.base.reading import UnreadableFile, read_bounded
from specrepo.load.document import Document, JsonPath, read_as_text
from specrepo.load.empty_locations import EmptyLocations, refuse_empty, refuse_missing
from specrepo.load.excluded_paths import Exclusions
from specrepo.load.front_matter import load_front_matter
from specrepo.load.glob_walk import glob_matches, spec_entries_below
from specrepo.load.hidden_folders import hidden_folder_notes, hidden_folders_unread
from specrepo.load.lfs_pointer import refuse_lfs_pointer
from specrepo.load.linked_folders import link_refusal, linked_folders_unread, matched_by
from specrepo.load.listing_cache import kept_listing
from specrepo.load.locations import SpecLocation, spec_named, walked_glob
from specrepo.load.markdown_body import BodyTitle, MarkdownBody, body_title, parse_body
from specrepo.load.unlisted_folders import unexaminable, unlisted_folder, unlisted_folder_notes
from specrepo.load.unmatched_excludes import unmatched_exclude_notes
from specrepo.load.yaml_limits import DEFAULT_LIMITS, LoadLimits, oversized
from specrepo.load.yaml_loader import YamlError, load_yaml


class SpecFileSettings(Protocol):
    """What finding spec files needs of the configuration (`model.config.Config` has it)."""

    @property
    def root(self) -> Path:
        """The folder the locations are relative to."""

    @property
    def file(self) -> Path | None:
        """The configuration file, if there is one (for messages)."""

    @property
    def schema_path(self) -> Path | None:
        """The spec schema's file, if the configuration names one (never a spec itself)."""

    @property
    def locations(self) -> tuple[SpecLocation, ...]:
        """Where the spec files are."""

    @property
    def absent_folders(self) -> tuple[str, ...]:
        """The folder locations whose absence lists no file (`Config.absent_folders`)."""

    @property
    def exclude_places(self) -> tuple[tuple[str, JsonPath], ...]:
        """Each `exclude:` glob with its place in the configuration."""

    def placed(self, setting: JsonPath) -> str:
        """Where the configuration writes `setting` (`("specs", 0)`): `specrepo.yaml:2:10`."""


def discover_spec_files(settings: SpecFileSettings, *, missing_ok: bool = False,
                        allow_empty: bool = True, hidden: list[Path] | None = None,
                        used_excludes: set[str] | None = None) -> list[Path]:
    """Every spec file the configured locations name, sorted, without repeats: each by its
    identity (`spec_file_identity`: a file reached twice, through a link, is one file),
    which `exclude:` leaves out by the path met or by that identity, as history does.

    A spec file's name ends with one of the location's `suffixes` in any case
    (`spec_named`). A folder named `*.yaml` or `*.yml` is listed, not searched: reading it
    reports it. A folder that does not exist is a configuration error, unless `missing_ok`
    and no configuration file names it (checking files given by name outside a spec
    repository). Unless `allow_empty`, a location that yields no spec file is one too:
    checking nothing must never pass in silence. A linked folder inside the repository is
    not entered; it is listed when it hides a spec file no location names
    (`linked_folders_unread`). What it lists follows from the names and kinds of the entries
    of the folders it walks (and, past such a link, of the folder it leads to: no listing
    with a link is kept), never from a file's content: the kept listing (`listing_cache`)
    relies on that. A folder location skips its hidden folders, as the history does; those
    holding a spec file no location lists are added to `hidden`, for a note
    (`hidden_folders_unread`), as are files skipped (`x.yaml `, `A15-x` for `A*`);
    `exclude:` globs leaving a path out, to `used_excludes`."""
    found: set[Path] = set()
    folders: dict[str, str] = {}
    empty: list[tuple[int, int]] = []  # each location's index, and how many files it excluded
    linked: list[tuple[str, SpecLocation]] = []  # linked folders inside, not entered
    skipped: list[tuple[str, SpecLocation]] | None = None if hidden is None else []
    out = Exclusions(settings.root, used_excludes)
    for index, location in enumerate(settings.locations):
        place = settings.root / location.path
        if location.kind == "glob":
            listed, kept = _globbed_files(settings, location, folders, linked, out, skipped)
        elif location.kind == "folder" and inputs.reader.isdir(place):
            listed, kept = _folder_files(settings, location, place, folders, linked, out,
                                         skipped)
        elif location.kind == "folder" and missing_ok and settings.file is None:
            continue
        else:
            listed, kept = _named_files(settings, index, folders, out)
        if not kept:
            empty.append((index, listed))
        found.update(kept)
    if empty and not allow_empty:
        refuse_empty(settings, empty, others=bool(found))
    _folders_not_entered(settings, found, folders, linked, out,
                         None if hidden is None or skipped is None else (skipped, hidden))
    return sorted(found, key=_parts)  # as paths sort, without a Python comparison each


def _named_files(settings: SpecFileSettings, index: int, folders: dict[str, str],
                 out: Exclusions) -> tuple[int, list[Path]]:
    """How many files the file location `settings.locations[index]` names (one, or none
    where it does not exist), or the folder location that is missing does (none where its
    absence is the commit being made's, a hook's run; else `refuse_missing` raises), and
    those `exclude:` keeps, each by its identity."""
    location = settings.locations[index]
    place = settings.root / location.path
    if location.kind == "file":
        matched = {place} if inputs.reader.exists(place) or inputs.reader.islink(place) \
            else set()
    else:
        matched = set() if location.path in settings.absent_folders \
            else refuse_missing(settings, index)
    matched -= {settings.file, settings.schema_path}  # `specs: "**/*.yaml"` or "."
    return len(matched), out.kept_followed([spec_file_identity(
        path, settings.root, folders) for path in out.kept(matched, location.exclude)],
        location.exclude)


def _folders_not_entered(settings: SpecFileSettings, found: set[Path], folders: dict[str, str],
                         linked: list[tuple[str, SpecLocation]], out: Exclusions,
                         hidden: tuple[list[tuple[str, SpecLocation]], list[Path]] | None
                         ) -> None:
    """What the folders the listing did not enter hold: each of the `linked` that hides a
    spec file no location names is added to `found`; with `hidden` (the hidden folders
    skipped, each with its location, and the list to add to), each of them holding a spec
    file `found` lacks (`hidden_folders_unread`) is added to that list."""
    def identity(path: Path) -> Path:
        return spec_file_identity(path, settings.root, folders)

    def taken(paths: list[Path], location: SpecLocation) -> list[Path]:
        kept = out.kept(matched_by(settings.root, paths, location), location.exclude)
        return out.kept_followed([identity(path) for path in kept], location.exclude)

    if linked:  # the configuration and schema are no specs lost behind a link
        named = found | {spec_file_identity(path, settings.root) for path in
                         (settings.file, settings.schema_path) if path is not None}
        found.update(linked_folders_unread(linked, named, taken))
    if hidden is not None:
        hidden[1].extend(hidden_folders_unread(
            hidden[0], found, identity,
            lambda paths, location: out.kept(paths, location.exclude)))


def _parts(path: Path) -> tuple[str, ...]:
    return path.parts


def _folder_files(settings: SpecFileSettings, location: SpecLocation, place: Path,
                  folders: dict[str, str], linked: list[tuple[str, SpecLocation]],
                  out: Exclusions, skipped: list[tuple[str, SpecLocation]] | None = None
                  ) -> tuple[int, list[Path]]:
    """How many spec files a folder location holds, and those `exclude:` keeps, each by
    its identity (`spec_file_identity`), from one walk that knows which are links; the
    linked folders inside the repository it does not enter (and `exclude:` keeps) are
    added to `linked`, and the hidden folders it skips to `skipped` (with the location)."""
    others = {os.fspath(path) for path in (settings.file, settings.schema_path)
              if path is not None}  # `specs: "."`
    inside: list[str] = []
    hidden: list[str] | None = None if skipped is None else []
    links = {os.path.join(directory, name): link for directory, name, link
             in spec_entries_below(os.fspath(place), location.suffixes,
                                   links_out_of=os.fspath(real_path(settings.root)),
                                   linked_inside=inside, hidden=hidden)}
    if skipped is not None:
        skipped.extend((folder, location) for folder in hidden or ())
    linked.extend((link, location) for link in out.kept(inside, location.exclude))
    matched = [text for text in links if text not in others]
    identities = []
    for text in out.kept(matched, location.exclude):
        absolute = text if os.path.isabs(text) else os.path.join(inputs.reader.getcwd(), text)
        folder, name = os.path.split(absolute)
        named = Path(real_folder(folder, folders), name)
        identities.append(_link_followed(named, settings.root) if links[text] else named)
    return len(matched), out.kept_followed(identities, location.exclude)


def _globbed_files(settings: SpecFileSettings, location: SpecLocation,
                   folders: dict[str, str], linked: list[tuple[str, SpecLocation]],
                   out: Exclusions, skipped: list[tuple[str, SpecLocation]] | None = None
                   ) -> tuple[int, list[Path]]:
    """How many spec files a glob location matches, and those `exclude:` keeps, each by
    its identity: from the glob's walk, which knows each folder's real path and which
    matches are links (`glob_matches`); the linked folders inside the repository a `**`
    passed over (and `exclude:` keeps) are added to `linked`, and the misnamed files it
    met and the other files it matched that are no spec files (`GlobMatches.unread_files`)
    to `skipped` (with the location), as a folder's misnamed files are."""
    globbed = glob_matches(settings.root, walked_glob(location.glob),
                           lambda folder: real_folder(folder, folders))
    linked.extend((link, location)
                  for link in out.kept(globbed.linked_inside, location.exclude))
    others = {os.fspath(path) for path in (settings.file, settings.schema_path)
              if path is not None}  # `specs: "**/*.yaml"`
    inside_spec_named = globbed.below_spec_named_match(settings.root, location.suffixes)
    matched = [text for text in globbed.links
               if spec_named(text, location.suffixes) and text not in others
               and not inside_spec_named(text[:text.rfind(os.sep) + 1])]
    if skipped is not None:  # a trailing `**` is a folder's every spec file (`walked_glob`)
        unended = None if walked_glob(location.glob) != location.glob else os.fspath(settings.root)
        skipped.extend((text, location) for text in globbed.unread_files(
            location.suffixes, unended) if text not in others
            and not inside_spec_named(text[:text.rfind(os.sep) + 1]))
    # listed as a spec file's link out is: not read, said so
    identities = [Path(folder) for folder in out.kept(globbed.unread_folders, location.exclude)]
    top = real_path(settings.root)
    inside = relative_below(top)
    for text in out.kept(matched, location.exclude):
        folder, name = os.path.split(text)
        real = globbed.real_folders[folder]
        if inside(real) is None and real != os.fspath(top):  # `specs/*/x.yaml`, a link out
            link = first_link_out(settings.root, Path(folder), top)
            if link is not None:  # listed as a spec file's link out is: not read
                identities.append(link)
                continue
        # `os.path.join`, spelt out: the real folder is absolute, the name has no separator
        named = Path(real + name if real.endswith(os.sep) else f"{real}{os.sep}{name}")
        identities.append(_link_followed(named, settings.root) if globbed.links[text]
                          else named)
    return len(matched), out.kept_followed(identities, location.exclude)


class SpecFileListing:
    """The configured spec files (`discover_spec_files`), listed on first use and kept:
    one listing serves every part of a run (mining, checking, reporting), and an error
    in it is raised where the first part asks. With `git_dir` (the repository's git
    folder), the listing is also kept there between runs while no folder it was read from
    changes (`listing_cache.kept_listing`)."""

    def __init__(self, settings: SpecFileSettings, *, missing_ok: bool = False,
                 allow_empty: bool = True, git_dir: Path | None = None,
                 emptied: Callable[[tuple[SpecLocation, ...]], bool] | None = None) -> None:
        self._settings, self._missing_ok, self._allow_empty = settings, missing_ok, allow_empty
        self._git_dir, self._emptied = git_dir, emptied
        self._files: tuple[Path, ...] | None = None
        self._hidden: list[Path] = []
        self._used_excludes: set[str] = set()
        self.emptied: tuple[SpecLocation, ...] = ()
        """The locations that list no file, each of which `emptied` said the history
        emptied (its removals are judged: `history.absent_folders.emptied_by_history`)."""

    def __call__(self) -> tuple[Path, ...]:
        """The files, sorted (see `discover_spec_files`)."""
        if self._files is None:
            try:
                self._files = self._listed(self._allow_empty)
            except EmptyLocations as refused:
                if not (refused.nothing_listed and self._emptied and self._emptied(refused.empty)):
                    raise
                self.emptied = refused.empty
                self._files = self._listed(True)
        return self._files

    def _listed(self, allow_empty: bool) -> tuple[Path, ...]:
        self._hidden.clear()  # a listing that raised may have added some
        self._used_excludes.clear()
        return tuple(kept_listing(
            self._settings, self._git_dir, ",".join((  # absent folders: a hook's
                str(self._missing_ok), str(allow_empty), *self._settings.absent_folders,
                *(location.key for location in self.emptied))),
            lambda: discover_spec_files(self._settings, missing_ok=self._missing_ok,
                                        allow_empty=allow_empty, hidden=self._hidden,
                                        used_excludes=self._used_excludes),
            hidden=self._hidden, used_excludes=self._used_excludes))

    def hidden_folders(self) -> tuple[Path, ...]:
        """The hidden folders the listing skipped that hold a spec file it lacks, and the
        files it skipped (see `discover_spec_files`; the same from the kept listing), sorted."""
        self()
        return tuple(self._hidden)

    def notes(self, *, unlisted: bool = False) -> tuple[str, ...]:
        """What every command that lists the configured specs says on stderr as a note,
        never failing: each hidden folder skipped that holds a spec file, and each file
        skipped (`hidden_folder_notes`), each `exclude:` glob that leaves out none of the
        paths it saw (`unmatched_exclude_notes`); with `unlisted` (a command reading no listed
        file, which names it as reading one does), each folder that cannot be listed."""
        settings = self._settings
        notes = (*hidden_folder_notes(self.hidden_folders(), settings.root, endings=(
                     suffix for location in settings.locations for suffix in location.suffixes)),
                 *unmatched_exclude_notes(settings.root, settings.exclude_places,
                                          settings.placed, (settings.file or Path()).name,
                                          self._used_excludes, self()))
        return (*notes, *unlisted_folder_notes(self(), settings.root)) if unlisted else notes


def spec_file_identity(path: Path, root: Path, folders: dict[str, str] | None = None) -> Path:
    """The one absolute path of a spec file, however it was named: `..` and symbolic links
    resolved (`specs-link/x.yaml`, `docs/../specs/x.yaml` and a link to `specs/x.yaml` are
    all `specs/x.yaml`), as git keeps the file. A link whose target is missing or outside
    `root` stays the link (its folders resolved), so reading it refuses it and says why.
    `folders` caches resolved folders across the files of one search."""
    text = os.fspath(path)
    if not os.path.isabs(text):
        text = os.path.join(inputs.reader.getcwd(), text)  # `..` kept: it follows a linked folder
    folder, name = os.path.split(text)
    named = Path(real_folder(folder, {} if folders is None else folders), name)
    return _link_followed(named, root) if inputs.reader.islink(named) else named


def _link_followed(link: Path, root: Path) -> Path:
    """A spec file's identity when it is the symbolic link `link` (its folders real):
    where it leads, if that exists below `root`; else the link itself."""
    target = real_path(link)
    return target if inputs.reader.exists(target) and target.is_relative_to(real_path(root)) \
        else link


def require_spec_repository(settings: SpecFileSettings) -> None:
    """Raise ConfigError when nothing says where specs are: no configuration file and none
    of the default locations in the work tree (a command run in the wrong folder must not
    read nothing and pass). One `stat` per location: no listing."""
    if settings.file is not None:
        return
    missing = [index for index, location in enumerate(settings.locations)
               if not inputs.reader.exists(settings.root / location.path)]
    if missing and len(missing) == len(settings.locations):
        refuse_missing(settings, missing[0])


def read_spec_file(path: Path, root: Path, max_bytes: int) -> bytes:
    """The bytes of a spec file; links leaving `root` or leading nowhere or to a folder
    (`link_refusal`), files over the cap (`YamlError`) and a Git LFS pointer
    (`ConfigError`: its content was not fetched) are refused."""
    if inputs.reader.islink(path):
        refused = link_refusal(path, root)
        if refused is not None:
            raise YamlError(refused, None, "file-read")
    try:
        raw = read_bounded(path, max_bytes)
    except UnreadableFile as problem:
        if problem.size is not None:
            raise oversized(problem.size, max_bytes) from None
        reason = ("not a regular file (a folder, pipe or device)" if problem.strerror is None
                  else f"cannot read the file: {problem.strerror}")
        raise YamlError(unlisted_folder(path, root) or unexaminable(path, root) or reason,
                        None, "file-read") from None
    refuse_lfs_pointer(path, raw)
    return raw


@dataclass(frozen=True)
class SpecContent:
    """What a spec file holds: its data with positions and, for a Markdown spec, its body,
    whose first line is line `body_line` of the file (None for a YAML spec)."""

    document: Document
    body: str | None = None
    body_line: int = 1

    @functools.cached_property
    def parsed_body(self) -> MarkdownBody | None:
        """The body parsed (see `parse_body`), once; None for a YAML spec."""
        return None if self.body is None else parse_body(self.body, self.body_line)

    @functools.cached_property
    def body_title(self) -> BodyTitle | None:
        """The title the body gives itself (see `body_title`); None for a YAML spec."""
        return None if self.parsed_body is None else body_title(self.parsed_body)


def load_spec_content(raw: bytes, text_paths: Iterable[JsonPath] = (),
                      limits: LoadLimits = DEFAULT_LIMITS, keep: frozenset[str] | None = None,
                      *, front_matter: bool = False) -> SpecContent:
    """A spec file's data (see `load_yaml`): the whole file, or with `front_matter` the
    YAML front matter of a Markdown file (see `load_front_matter`), read as its format
    says: the values at and below `text_paths` (the field map's `read_as_text`) as the
    text written. Raises `YamlError`."""
    if front_matter:
        markdown = load_front_matter(raw, limits, keep=keep)
        content = SpecContent(markdown.document, markdown.body, markdown.body_line)
    else:
        content = SpecContent(load_yaml(raw, limits, keep=keep))
    read_as_text(content.document, text_paths)
    return content


def load_spec_document(raw: bytes, text_paths: Iterable[JsonPath] = (),
                       limits: LoadLimits = DEFAULT_LIMITS, keep: frozenset[str] | None = None,
                       *, front_matter: bool = False) -> Document:
    """A spec file's data alone (see `load_spec_content`). Raises `YamlError`."""
    return load_spec_content(raw, text_paths, limits, keep, front_matter=front_matter).document
