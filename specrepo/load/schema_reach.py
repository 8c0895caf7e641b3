"""Follow a schema's references to every local file they reach, judging the schema and each
file (or the parts of it the references point to) on the way, so that one run names every
problem of them all, each at its place (final33 F8).

A reference is local when it resolves, without fetching anything, to the schema itself (its
JSON Pointers, embedded `$id`s, `$anchor`s and `$dynamicAnchor`s), to another schema file
next to it, or to a metaschema that jsonschema ships. Relative references resolve against
the schema's `$id`; when that `$id` is a URL, a reference below the URL's folder is read from
the same place below the schema file's folder (`"$id": "https://example.com/s/spec.json"` and
`"$ref": "common.json"` read `common.json` next to the file). A file outside the repository
(by `..`, an absolute `file:` URI or a symbolic link) is not local: the verdict would
depend on the machine. A reference to anything else, to a file that cannot be read, or to a
part of a file that is not there, is a problem named at the reference's own line.

What one problem hides, and only because it cannot be known without it: a file that cannot
be read or parsed hides its contents and the files only it refers to; a schema that is no
mapping (or boolean) or names no draft specrepo knows hides everything in it (its draft
says which keywords are schemas and references); a value its metaschema refuses hides
what lies inside it (`properties: 5` holds no subschema). Every other problem is named.
"""

from __future__ import annotations

import posixpath
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

import referencing
import referencing.exceptions

from specrepo.base import inputs
from specrepo.base.paths import display_path, outside_why, real_path
from specrepo.load.reached_drafts import ReachedDrafts
from specrepo.load.referenced_parts import referenced_parts, strict_lookup
from specrepo.load.schema_cycles import reference_cycles
from specrepo.load.schema_files import (
    Reference,
    is_known_dialect,
    offline_registry,
    root_id,
    schema_references,
    validator_class,
    with_base_uri,
)
from specrepo.load.schema_positions import reference_place, steps_to
from specrepo.load.schema_problems import SchemaProblem
from specrepo.load.schema_pruning import Steps, grafted
from specrepo.load.schema_reading import (
    SchemaFileReader,
    SchemaLoadError,
    parse_schema_bytes,
    read_schema_bytes,
)
from specrepo.load.schema_soundness import Judgement, judge_schema
from specrepo.load.yaml_text_keys import TextKey

Parts = tuple[Steps, ...] | None
"""The parts of a file the references point to (None: the file is a schema, named whole)."""


class Reach(NamedTuple):
    """A schema and the local files its references reach, and every problem of them."""

    resources: dict[str, Any]
    """Each file's contents as read, by the URI the references use (the schema's first)."""
    files: tuple[Path, ...]
    """The files read for `resources`, in their order."""
    problems: list[SchemaProblem]
    dialects: dict[str, str]
    """The metaschema URI of the draft each file is reached in (`ReachedDrafts`), by URI:
    a file without a `$schema` of its own is crawled by its referencing rules."""


def reach_schema(path: Path, schema: Any, repository: Path,
                 read: SchemaFileReader | None = None, *, past: bool = False) -> Reach:
    """The schema `schema` read from `path` and every local file its references reach,
    read by `read` (default: as they are now), all inside the folder `repository`; with
    every problem of them (`judge_schema`, with `past` for an earlier version; and each
    reference that cannot be followed), unsorted."""
    base_uri = real_path(path).as_uri()
    judgement = judge_schema(schema, display_path(path),
                             partial(_Origin.bytes_by, read, path), past=past)
    if judgement.sound is None:  # of no draft specrepo knows: its references are unknown
        return Reach({base_uri: schema}, (path,), judgement.problems, {})
    return _Reaching(path, root_id(schema, base_uri), schema, judgement, repository, read,
                     past).run()


class _Reaching:
    """The files read so far, their judgements, and what could not be read."""

    def __init__(self, path: Path, root: str, schema: Any, judgement: Judgement,
                 repository: Path, read: SchemaFileReader | None, past: bool) -> None:
        self.root = root
        self.origin = _Origin(path, self.root, repository, read)
        self.contents: dict[str, Any] = {self.root: schema}
        self.files: dict[str, Path] = {self.root: path}
        self.parts: dict[str, Parts] = {self.root: None}
        self.judged: dict[tuple[str, Steps | None, type[Any]], Judgement] = {}
        self.root_judgement = judgement
        self.unreachable: dict[str, str | None] = {}
        """Files that could not be read (why, to say at each reference) or parsed (None:
        named at their own line), by URI."""
        self.problems: list[SchemaProblem] = []
        self.past = past
        self.skeletons: dict[str, tuple[tuple[Steps, ...], Any]] = {}
        """The walked contents of each file of parts (`_skeleton`), with its parts."""
        self.references: dict[str, tuple[Any, tuple[type[Any], ...], list[Reference]]] = {}
        """The references of each file's walked contents (`schema_references`), by URI,
        with those contents: found once for each."""
        self.dialect = validator_class(schema)
        self.drafts = ReachedDrafts(self.dialect)
        """The drafts each file, or part of one, is reached in (`draft_in_force`)."""
        # Walked and registered under its resolved `$id`, the root must carry that id
        # resolved: a relative one (`sub/spec.json`) would be applied again (sub/sub/).
        self.rooted = None if judgement.sound is None \
            else with_base_uri(judgement.sound, real_path(path).as_uri())

    def run(self) -> Reach:
        """Read, judge and follow until no reference leads to a file not read yet."""
        while True:
            sounds = self._sounds()
            if self._grow_parts(sounds):
                continue  # the parts newly reached are judged before they are walked
            dialects = self.drafts.dialects(sounds, self.parts)
            registry = offline_registry(sounds, dialects)
            new = self._follow(sounds, registry)
            if not new:
                break
            for target, local in new.items():
                self._load(target, local)
        problems = self.problems + self._cycles(sounds, registry)
        for uri, parts in self.parts.items():
            problems += self._part_problems(uri, parts)
        return Reach(self.contents, tuple(self.files[uri] for uri in self.contents), problems,
                     dialects)

    def _judge(self, uri: str, at: Steps | None, draft: type[Any] | None = None) -> Judgement:
        """The judgement of the file at `uri` (whole, or its part at `at`) as a `$ref` in a
        schema of `draft` reaches it (default: the draft it is walked in, `ReachedDrafts.of`),
        made once for each draft; the root's own."""
        if uri == self.root and at is None:
            return self.root_judgement
        draft = draft or self.drafts.of(uri, at)
        key = (uri, at, draft)
        if key not in self.judged:
            file, contents = self.files[uri], self.contents[uri]
            name, raw = display_path(file), partial(self.origin.bytes_of, file)
            if at is None:
                self.judged[key] = judge_schema(contents, name, raw, draft, past=self.past,
                                                reached=True)
            else:
                self.judged[key] = judge_schema(_part(contents, at), name, raw, draft,
                                                file=contents, at=at, past=self.past,
                                                reached=True)
        return self.judged[key]

    def _sounds(self) -> dict[str, Any]:
        """Each file read whose parts are known, less what its judgements take out
        (`Judgement.sound`), by URI; not a file nothing of which can be judged."""
        sounds = {}
        for uri, parts in self.parts.items():
            if parts is None:
                sound = self.rooted if uri == self.root else self._judge(uri, None).sound
                if sound is not None:
                    sounds[uri] = sound
                continue
            known = self.skeletons.get(uri)
            if known is None or known[0] != parts:
                known = self.skeletons[uri] = (parts, self._skeleton(uri, parts))
            sounds[uri] = known[1]
        return sounds

    def _skeleton(self, uri: str, parts: tuple[Steps, ...]) -> Any:
        """The file at `uri` as far as its `parts` are schemas: each part (less what its
        judgement takes out) where the file has it, and the file's `$id` and known
        `$schema`, which its parts' references resolve by; nothing else of it, which is
        no schema (an OpenAPI document's other parts)."""
        contents = self.contents[uri]
        skeleton: Any = {}
        if isinstance(contents, dict):
            skeleton = {key: contents[key] for key in ("$id", "id", "$schema")
                        if isinstance(contents.get(key), str)}
            if "$schema" in skeleton and not is_known_dialect(skeleton):
                del skeleton["$schema"]
        for at in parts:
            part = self._judge(uri, at).sound
            skeleton = grafted(skeleton, contents, at, True if part is None else part)
        return skeleton

    def _grow_parts(self, sounds: dict[str, Any]) -> bool:
        """Add the parts the references of `sounds` point to (a file named whole stays
        whole); whether any was added."""
        found_references = [reference for uri in sounds
                            for reference in self._references(uri, sounds[uri])]
        grown = self.drafts.add(found_references, self.contents)
        references = ((base, reference) for base, reference, _, _ in found_references)
        for uri, found in referenced_parts(references, self.contents).items():
            known = self.parts.get(uri, ())
            if uri == self.root or known is None:
                continue
            more = None if found is None else tuple(sorted({*known, *found}, key=_outer_first))
            if more != known or uri not in self.parts:
                self.parts[uri] = more
                grown = True
        return grown

    def _follow(self, sounds: dict[str, Any], registry: referencing.Registry[Any]
                ) -> dict[str, Path]:
        """The local files references in `sounds` lead to that are not read yet (by URI);
        each reference that cannot be followed is a problem at its place."""
        new: dict[str, Path] = {}
        for uri, contents in sounds.items():
            for base, reference, node, _ in self._references(uri, contents):
                try:
                    _ = strict_lookup(registry.resolver(base), reference)
                    continue
                except referencing.exceptions.Unresolvable as error:
                    target = urljoin(base, reference).partition("#")[0]
                    why = self._why_not(target, registry, error, new)
                if why is not None:
                    self.problems.append(SchemaProblem.at(
                        display_path(self.files[uri]), reference_place(
                            self.origin.bytes_of(self.files[uri]), contents, node, reference),
                        f"$ref '{reference}' {why}"))
        return new

    def _references(self, uri: str, contents: Any) -> list[Reference]:
        """The references in `contents`, the walked contents of the file at `uri`."""
        known = self.references.get(uri)
        parts = self.parts.get(uri)
        drafts = (self.dialect,) if uri == self.root else tuple(
            self.drafts.of(uri, at) for at in ((None,) if parts is None else parts))
        if known is None or known[0] is not contents or known[1] != drafts:
            if uri == self.root:
                found = list(schema_references(contents, uri, self.dialect))
            elif parts is None:
                found = list(schema_references(contents, uri, drafts[0], reached=True))
            else:  # the parts of a file that is no schema, each a schema
                base = root_id(contents, uri)
                found = [reference for at in parts for reference in schema_references(
                    _part(contents, at), base, self.drafts.of(uri, at), reached=True)]
            known = self.references[uri] = (contents, drafts, found)
        return known[2]

    def _why_not(self, target: str, registry: referencing.Registry[Any],
                 error: referencing.exceptions.Unresolvable, new: dict[str, Path]
                 ) -> str | None:
        """Why a reference to `target` (a file's URI) that `error` says does not resolve
        cannot be followed; None where that is named elsewhere, or where the file is to be
        read (added to `new`)."""
        if target in registry:
            return f"points to nothing: {_unresolvable(error)}"
        if target in self.contents:
            return None  # nothing of it can be judged: named at the file
        if target in self.unreachable:
            unread = self.unreachable[target]
            return None if unread is None else f"cannot be followed: {unread}"
        local = self.origin.local_file(target)
        if local is None:
            return (f"points to {target}; specrepo never fetches schemas over the network: "
                    "save that schema next to this one and refer to it by relative path")
        outside = outside_why(self.origin.repository, local)
        if outside is not None:
            return (f"names a file {outside}; a schema refers only to files in the "
                    "repository, so that every checkout checks specs alike: copy that schema "
                    "into the repository and refer to it by relative path")
        new[target] = local
        return None

    def _load(self, target: str, local: Path) -> None:
        """Read the file `local` that references name as `target`; a file that cannot be
        read is named at each reference (`_follow`), one that cannot be parsed at its own
        line."""
        try:
            self.contents[target] = self.origin.contents(local)
            self.files[target] = local
        except SchemaLoadError as error:
            self.unreachable[target] = str(error.problem) if error.unread else None
            if not error.unread:
                self.problems.extend(error.problems)

    def _cycles(self, sounds: dict[str, Any], registry: referencing.Registry[Any]
                ) -> list[SchemaProblem]:
        """A problem at each reference that closes a cycle (`reference_cycles`)."""
        problems = []
        for node, reference in reference_cycles(registry, sounds.items()):
            uri = next((uri for uri, contents in sounds.items()
                        if steps_to(contents, node) is not None), self.root)
            file = self.files[uri]
            problems.append(SchemaProblem.at(
                display_path(file), reference_place(self.origin.bytes_of(file), sounds[uri],
                                                    node, reference),
                f"$ref '{reference}' leads back to itself without reading any part of the "
                "document; jsonschema would follow it without end"))
        return problems

    def _part_problems(self, uri: str, parts: Parts) -> list[SchemaProblem]:
        """The problems of the file at `uri` in its `parts`: theirs, and its keys read as
        text (`200:`) where a key must be a string; another part's are left alone, as an
        OpenAPI tool reads them (final32 F7)."""
        file = self.files[uri]
        problems = [
            SchemaProblem.at(display_path(file), error.position and (
                error.position.line, error.position.column),
                f"cannot load the schema: {error.message}")
            for path, error in self.origin.text_keys.get(file, ())
            if parts is None or any(path[:len(at)] == at and len(path) > len(at)
                                    for at in parts)]
        for at in (None,) if parts is None else parts:
            problems += self.drafts.problems(uri, at, self.files, partial(
                self._problems_in, uri, at))
        return problems

    def _problems_in(self, uri: str, at: Steps | None, draft: type[Any]
                     ) -> list[SchemaProblem]:
        """The problems of the file at `uri` (whole, or its part at `at`) in `draft`."""
        return self._judge(uri, at, draft).problems


def _outer_first(steps: Steps) -> tuple[int, str]:
    """A part's place in its file's parts: one holding another comes first (its copy is
    put in the walked contents first, the other's into it)."""
    return len(steps), repr(steps)


def _part(contents: Any, steps: Steps) -> Any:
    """The value the keys and indices `steps` lead to in `contents`."""
    for step in steps:
        contents = contents[step]
    return contents


def _unresolvable(error: referencing.exceptions.Unresolvable) -> str:
    if isinstance(error, referencing.exceptions.PointerToNowhere):
        return f"no value at the JSON Pointer '{error.ref}'"
    if isinstance(error, referencing.exceptions.NoSuchAnchor):
        return f"no anchor '{error.anchor}' in {error.resource.id() or 'the schema'}"
    return str(error)


class _Origin:
    """Where the root schema lives, to map references below its `$id` onto local files;
    `repository`: the folder every file read must be inside (the repository's top); `read`:
    how a file is read (None: as it is now)."""

    def __init__(self, path: Path, root_id: str, repository: Path,
                 read: SchemaFileReader | None) -> None:
        self.path, self.root_id, self.read = path, root_id, read
        self.repository = repository
        self.text_keys: dict[Path, list[TextKey]] = {}

    def bytes_of(self, path: Path) -> bytes | None:
        """The bytes of the file at `path`, read again for a message's place (None when
        they cannot be read)."""
        return self.bytes_by(self.read, path)

    @staticmethod
    def bytes_by(read: SchemaFileReader | None, path: Path) -> bytes | None:
        """The bytes of the file at `path` as `read` reads it (None: as it is now); None
        when they cannot be read."""
        if read is not None:
            return read(path)
        try:
            return read_schema_bytes(path)
        except SchemaLoadError:
            return None

    def contents(self, path: Path) -> Any:
        """The parsed schema file at `path` (as the commit `read` reads has it); raises
        SchemaLoadError."""
        raw = read_schema_bytes(path) if self.read is None else self.read(path)
        if raw is None:
            raise SchemaLoadError(SchemaProblem.at(display_path(path), None,
                                                   "no such file in that commit"), unread=True)
        return parse_schema_bytes(path, raw, self.text_keys.setdefault(path, []))

    def local_file(self, target: str) -> Path | None:
        """The local file that stands for `target`, or None if it is really remote."""
        parts = urlsplit(target)
        if parts.scheme == "file":
            return Path(unquote(parts.path))
        folder = real_path(self.path).parent
        if not parts.scheme:  # relative to a non-hierarchical `$id` such as a URN
            return folder / unquote(parts.path) if parts.path else None
        root = urlsplit(self.root_id)
        if ((parts.scheme, parts.netloc) != (root.scheme, root.netloc) or parts.query
                or not root.path.startswith("/")):
            return None
        relative = posixpath.relpath(unquote(parts.path), posixpath.dirname(root.path))
        if relative == ".." or relative.startswith("../"):
            return None
        candidate = folder / relative
        there = inputs.reader.isfile(candidate) if self.read is None \
            else self.read(candidate) is not None
        return candidate if there else None
