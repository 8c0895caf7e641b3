"""The event loop of `yaml_loader`: PyYAML's events of one document turned into a
`Document` (see `yaml_loader` for what it guarantees). Importing this module imports
PyYAML (about 90 million instructions, a third of specrepo's bare start): only a run that
parses a file does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Final, cast

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from specrepo.base.look_alike import canonical_form
from specrepo.load.document import (
    Document,
    JsonKey,
    JsonValue,
    Position,
    RawLocation,
    describe_kind,
)
from specrepo.load.yaml_limits import LoadLimits
from specrepo.load.yaml_loader import EventSource, ParserClass
from specrepo.load.yaml_misreads import (
    anchor_name_problem,
    key_indicator_problem,
    may_misread_key_indicator,
)
from specrepo.load.yaml_role import YamlRole
from specrepo.load.yaml_scalars import (
    CORE_TAG,
    MAYBE_NOT_STRING,
    NUMBER_START,
    number_problems,
    resolve_plain,
    resolve_tagged,
    show_tag,
)
from specrepo.load.yaml_skipped import skip_node
from specrepo.load.yaml_syntax import (
    MISSING_KEY,
    escape_error,
    invisible_character_problem,
    syntax_problem,
    twin_key_problem,
)
from specrepo.load.yaml_text import (
    Prepared,
    SourceText,
    YamlError,
    has_invisible,
)
from specrepo.load.yaml_versions import version_problems

USING_LIBYAML: Final = bool(yaml.__with_libyaml__)
PARSER: Callable[[str], Any] = yaml.CSafeLoader if USING_LIBYAML else yaml.SafeLoader
"""The parser class used by default: libyaml's when available. Both give the same events
and so the same data; the pure-Python one is slower and refuses some tab separators that
libyaml (rightly) accepts."""

MERGE_KEY: Final = "<<"
_TOO_DEEP: Final = "nesting is deeper than {} levels"


def build_document(text: str, prepared: Prepared, limits: LoadLimits, parser: ParserClass,
                   keep: frozenset[str] | None, role: YamlRole) -> Document:
    """The document of `text` (`prepared` by `yaml_text.prepare`), read by `parser` within
    `limits`, only the top-level keys `keep` built (None: all; see `load_yaml`), from a file
    that is `role`. Raises `YamlError` naming the first problem, with the file's others in
    `more`."""
    builder = _Builder(text, prepared, limits, parser, keep, role)
    try:
        return builder.build()
    except _SkippedAnchor:
        return _Builder(text, prepared, limits, parser, None, role).build()
    except YamlError:
        if builder.capped_at is None:
            raise
        # libyaml's own cap (1,000 levels), met by its scanner ahead of the events (a flow
        # collection's key?): read to it again, to name where `max_depth` is crossed.
        cut = builder.capped_at
        try:
            _Builder(text[:cut], replace(prepared, text=prepared.text[:cut]), limits, parser,
                     keep, role).build()
        except (YamlError, _SkippedAnchor) as placed:
            if isinstance(placed, YamlError) and any(
                    one.message == _TOO_DEEP.format(limits.max_depth) for one in placed.every):
                raise placed from None
        raise


def _position(mark: Any) -> Position:
    """A parser mark as a 1-based position (events always carry their marks)."""
    return Position(mark.line + 1, mark.column + 1)


_Entries = dict[JsonKey, RawLocation]
_UNWRITTEN: Final = (None, None)  # an anchored node's text and tag: none kept (a container)


# Stand-ins for a mapping's pending key, never real keys (YAML text holds no U+0000):
_MERGE: Final = "\x00<<"  # the value of a merge key, to merge when the mapping ends
_DISCARD: Final = "\x00duplicate"  # the value of a duplicate key: read, checked, not kept


class _Frame:
    """An open mapping or sequence while its events are read."""

    __slots__ = ("anchor", "container", "entries", "first_node", "forms", "key", "key_column",
                 "key_line", "merges")

    def __init__(self, container: dict[str, JsonValue] | list[JsonValue], anchor: str | None,
                 first_node: int) -> None:
        self.container = container
        self.entries: _Entries = {}
        self.key: str | None = None  # a mapping's key waiting for its value
        self.key_line = self.key_column = 0
        self.anchor, self.first_node = anchor, first_node
        self.forms: dict[str, str] | None = None  # keys by `canonical_form`: see `_key`
        self.merges: list[tuple[JsonValue, Position]] = []


class _SkippedAnchor(Exception):
    """An alias names an anchor in a value that was skipped: build everything instead."""


class _Builder:
    """Turns one YAML event stream into a `Document`.

    This loop runs once per node of every spec, so it is written for speed: one function,
    positions stored as plain tuples, no helper calls for the common plain scalar.
    Problems that leave the rest of the file readable (duplicate keys, invisible
    characters) are collected in `problems`; the others stop the loop.
    """

    def __init__(self, text: str, prepared: Prepared, limits: LoadLimits, parser: ParserClass,
                 keep: frozenset[str] | None, role: YamlRole) -> None:
        self.source = SourceText(text)
        self.role, self.prepared, self.limits = role, prepared, limits
        self.parser, self.keep = parser, keep
        self.problems: list[YamlError] = []
        self.children: dict[int, _Entries] = {}
        self.capped_at: int | None = None  # where libyaml's own nesting cap stopped it

    def build(self) -> Document:
        loader = self.parser(self.prepared.text)
        fatal: YamlError | None = None
        try:
            document = self._read(loader)
        except yaml.MarkedYAMLError as error:
            fatal = syntax_problem(error, self.source, self.prepared, self.limits.max_depth)
            if "maximum nesting depth" in (error.problem or "") and error.problem_mark:
                self.capped_at = error.problem_mark.index  # libyaml's cap: see build_document
        except yaml.YAMLError as error:
            fatal = YamlError(f"YAML error: {error}", None, "yaml-syntax")
        except ValueError as error:
            if "chr()" not in str(error):  # only the pure-Python scanner's `\U` escapes
                raise
            fatal = escape_error(self.source, _position(loader.get_mark()), self.prepared)
        except YamlError as error:
            fatal = error
        finally:
            loader.dispose()
        problems = self.problems + ([fatal] if fatal is not None else [])
        if problems:
            combined = YamlError.combine(problems)
            combined.read = None if fatal is not None else (document.data,)
            raise combined
        return document

    def _read(self, loader: EventSource) -> Document:  # noqa: PLR0915
        children = self.children
        # anchor name -> (value, expanded size); size None while the anchored node is open
        anchors: dict[str, tuple[JsonValue, int | None]] = {}
        # anchor name -> the text written for an anchored number or boolean (None else), and
        # the tag written on an anchored scalar (None: none)
        anchored_text: dict[str, tuple[str | None, str | None]] = {}
        max_depth, max_alias_nodes = self.limits.max_depth, self.limits.max_alias_nodes
        root = _Frame([], None, 0)
        stack, frame = [root], root
        nodes = alias_nodes = documents = 0
        get_event = loader.get_event
        maybe_not_string = MAYBE_NOT_STRING
        keep, role = self.keep, self.role
        skipped_anchors: set[str] = set()
        restore = self.prepared.restore
        unusual = restore is not None or has_invisible(self.source.text)
        parsed = self.prepared.text
        watch_key_indicators = may_misread_key_indicator(parsed)
        watch_twins = not parsed.isascii() or "\\" in parsed  # a key "caf\u00e9" too
        while True:
            event = get_event()
            kind = type(event)
            value: JsonValue
            if kind is ScalarEvent:
                mark = event.start_mark
                text = event.value
                tag = event.tag
                source = written_tag = None
                if unusual:
                    text = self._unusual_scalar(text, event, frame)
                if tag is None and not event.style and (not text or text[0] in maybe_not_string):
                    value = resolve_plain(text)
                    if type(value) is not str:
                        source = text
                    elif text and text[0] in NUMBER_START:
                        self.problems.extend(number_problems(text, _position(mark)))
                elif tag is None or tag == "!":
                    value = text
                else:
                    value, source = resolve_tagged(text, tag, _position(mark), role)
                    written_tag = show_tag(tag)
                nodes += 1
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                    anchored_text[event.anchor] = (source, written_tag)
                    self._check_anchor_name(event, False)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                mark = event.start_mark
                source = written_tag = None
                is_mapping = kind is MappingStartEvent
                if len(stack) > max_depth:
                    raise YamlError(_TOO_DEEP.format(max_depth),
                                    _position(mark), "yaml-limit")
                if event.tag not in (None, "!", CORE_TAG + ("map" if is_mapping else "seq")):
                    raise YamlError(
                        f"tag {show_tag(event.tag)} is not supported; {role.plain_data()}",
                        _position(mark), "yaml-tag")
                if frame.key is None and type(frame.container) is dict:
                    raise YamlError("a mapping or list cannot be used as a key",
                                    _position(mark), "yaml-key")
                value = {} if is_mapping else []
                nodes += 1
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                if frame.merges:
                    self._merge(frame)
                if frame.anchor is not None:
                    anchors[frame.anchor] = (frame.container, nodes - frame.first_node + 1)
                stack.pop()
                frame = stack[-1]
                continue
            elif kind is AliasEvent:
                mark = event.start_mark
                # `*n` of `&n 0034` reads "0034"
                source, written_tag = anchored_text.get(event.anchor, _UNWRITTEN)
                self._check_anchor_name(event, True)
                anchored = anchors.get(event.anchor)
                if anchored is None and event.anchor in skipped_anchors:
                    raise _SkippedAnchor
                if anchored is None:
                    raise YamlError(f"alias *{event.anchor} names no anchor", _position(mark),
                                    "yaml-syntax")
                value, size = anchored
                if size is None:
                    raise YamlError(f"alias *{event.anchor} refers to a node that contains it",
                                    _position(mark), "yaml-syntax")
                nodes += size
                alias_nodes += size
                if alias_nodes > max_alias_nodes:
                    raise YamlError(
                        f"aliases expand to more than {max_alias_nodes:,} nodes (an alias "
                        "bomb?); use fewer or smaller aliases", _position(mark), "yaml-limit")
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlError(
                        "the file holds more than one YAML document (a second `---`); "
                        f"{role.one_document()}", _position(event.start_mark), "yaml-structure")
                self.problems += version_problems(event.version, self.parser, parsed)
                continue
            elif kind is StreamEndEvent:
                break
            else:
                continue
            if watch_key_indicators and parsed[mark.index - 1] == "?":
                misread = key_indicator_problem(parsed, mark.index, _position(mark))
                if misread is not None:
                    self.problems.append(misread)
            # Attach the node to its parent.
            container = frame.container
            line, column = mark.line + 1, mark.column + 1
            if type(container) is list:
                frame.entries[len(container)] = (0, 0, line, column, source, written_tag)
                container.append(value)
            elif frame.key is None:
                key = value
                if type(value) is not str or value in container or value == MERGE_KEY \
                        or (watch_twins and (frame.forms is not None or not value.isascii())):
                    key = self._key(frame, value, event, line, column, source)
                if keep is not None and len(stack) == 2 and key not in keep \
                        and key is not _MERGE:
                    skipped_anchors.update(skip_node(get_event, max_depth - 2))
                    continue
                frame.key = key  # type: ignore[assignment]
                frame.key_line = line
                frame.key_column = column
            else:
                if frame.key is _MERGE:
                    frame.merges.append((value, Position(frame.key_line, frame.key_column)))
                elif frame.key is not _DISCARD:
                    container[frame.key] = value  # type: ignore[call-overload]
                    frame.entries[frame.key] = (
                        frame.key_line, frame.key_column, line, column, source, written_tag)
                frame.key = None
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                frame = _Frame(value, event.anchor, nodes)  # type: ignore[arg-type]
                children[id(value)] = frame.entries
                if event.anchor is not None:
                    anchors[event.anchor] = (value, None)
                    anchored_text[event.anchor] = _UNWRITTEN
                    self._check_anchor_name(event, False)
                stack.append(frame)
        if not root.container:
            raise YamlError("the file is empty (no YAML document)", Position(1, 1), "yaml-empty")
        _, _, line, column, _, _ = root.entries[0]
        return Document(cast(list[JsonValue], root.container)[0], Position(line, column),
                        children)

    def _check_anchor_name(self, event: Any, is_alias: bool) -> None:
        problem = anchor_name_problem(self.prepared.text, event, is_alias)
        if problem is not None:
            self.problems.append(problem)

    def _unusual_scalar(self, text: str, event: Any, frame: _Frame) -> str:
        """A scalar of a file that needed rewriting or holds invisible characters: its own
        characters back, and any problem with them noted."""
        prepared = self.prepared
        if prepared.restore is not None:
            text = prepared.restore(text)
            if prepared.lone_surrogates and any("\ud800" <= c <= "\udfff" for c in text):
                raise escape_error(self.source, _position(event.start_mark), prepared)
        if not event.style and event.tag is None:
            is_key = type(frame.container) is dict and frame.key is None
            problem = invisible_character_problem(text, is_key, _position(event.start_mark),
                                                  self.source)
            if problem is not None:
                self.problems.append(problem)
        return text

    def _key(self, frame: _Frame, key: JsonValue, event: Any, line: int, column: int,
             source: str | None) -> str:
        """A key that is not a new plain string: a merge key, a duplicate, or not text."""
        if not isinstance(key, str):
            written = source if source is not None else repr(key)
            if not written and event.tag is None:
                raise YamlError(MISSING_KEY, Position(line, column), "yaml-key")
            if event.tag is not None:  # `!!int "12":`: quoting it again changes nothing
                raise YamlError(
                    f"key {written} is read as {describe_kind(key)}, not a string, by its "
                    f"{show_tag(event.tag)} tag; remove the tag and quote it: '{written}'",
                    Position(line, column), "yaml-key")
            raise YamlError(
                f"key {written} is read as {describe_kind(key)}, not a string; quote it: "
                f"'{written}'", Position(line, column), "yaml-key")
        if key == MERGE_KEY and not event.style and event.tag is None:
            if not frame.merges:
                return _MERGE
            first_line = frame.merges[0][1].line
        elif key in frame.container:
            first_line = frame.entries[key][0]
        else:  # a quoted "<<", a name of its own: an ordinary key, unless it has a twin
            if frame.forms is None:  # the first key not in ASCII: the keys before it are
                frame.forms = {other: other for other in cast(dict[str, str], frame.container)}
            if (twin := frame.forms.setdefault(canonical_form(key), key)) != key:
                self.problems.append(twin_key_problem(key, twin, frame.entries[twin][0], line,
                                                      column))
            return key
        self.problems.append(YamlError(
            f"duplicate key '{key}' (first defined at line {first_line}); each key may "
            "appear once", Position(line, column), "yaml-duplicate-key"))
        return _DISCARD

    def _merge(self, frame: _Frame) -> None:
        """Add the merged mappings' keys that the mapping does not have itself."""
        container = cast(dict[str, JsonValue], frame.container)
        for value, position in frame.merges:
            for source in value if isinstance(value, list) else [value]:
                if not isinstance(source, dict):
                    raise YamlError(
                        f"the merge key `<<` takes a mapping or a list of mappings (usually "
                        f"aliases: `<<: *defaults`), not {describe_kind(source)}", position,
                        "yaml-merge")
                located = self.children[id(source)]
                for key, item in source.items():
                    if key not in container:
                        container[key] = item
                        frame.entries[key] = located[key]

