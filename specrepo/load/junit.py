"""Read JUnit XML test reports, from any runner, as untrusted input.

JUnit XML has no single standard; runners agree on a common core, which is what this reads:
a `<testsuites>` or `<testsuite>` root, `<testsuites>` and `<testsuite>` nested to any
depth, and in them `<testcase name=... classname=...>` elements whose child `<failure>`,
`<error>` or `<skipped>` gives the result (none of them: passed). Kept besides: the
testcase's `file` and `line` attributes (pytest's xunit1 family writes them: the test's
source file, and the line above its `def` or first decorator, as pytest counts lines from
0), the testcase's own `<properties><property name=... value=.../></properties>` (where pytest's
`record_property` writes; a property's text stands in for a missing `value`), and the
display name that the JUnit Platform's XML report writes as a `display-name:` line at the
start of the testcase's `<system-out>` (its `name` is the Java method's). Everything else
(other output, Surefire's `<flakyFailure>` and `<rerunFailure>`, suite-level properties,
timings) is read past. Shapes checked: pytest `--junitxml`, JUnit 5, Maven Surefire, Go's
go-junit-report, nested suites.

Safety: at most `max_bytes` (default 50 MiB) are read, before any parsing; defusedxml's
parser refuses any document type declaration, so neither entity expansion (billion laughs)
nor external entities can happen; elements nest at most `MAX_DEPTH` deep; only the
testcases are kept, never the element tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import field
from pathlib import Path
from typing import Final, Literal, TypeAlias
from xml.parsers import expat

from defusedxml import DTDForbidden
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import SpecrepoError
from specrepo.base.paths import display_path
from specrepo.base.reading import UnreadableFile, read_bounded

JunitResult: TypeAlias = Literal["passed", "failed", "error", "skipped"]
"""A testcase's result: `failed` (an assertion failed: `<failure>`), `error` (it could not
run to its end: `<error>`), `skipped` (`<skipped>`), else `passed`."""

DEFAULT_MAX_JUNIT_BYTES: Final = 50 * 1024 * 1024
"""The largest JUnit file read by default: 50 MiB (52,428,800 bytes)."""
MAX_DEPTH: Final = 256
"""How deep elements may nest; real reports nest a handful of levels."""
TEXT_LIMIT: Final = 1000
"""The most characters of an element's text kept (messages, property values)."""

_ROOTS: Final = ("testsuites", "testsuite")
_RESULTS: Final[dict[str, JunitResult]] = {
    "failure": "failed", "error": "error", "skipped": "skipped"}
_RANK: Final[dict[JunitResult, int]] = {"passed": 0, "skipped": 1, "error": 2, "failed": 3}
"""When a testcase has several result elements (pytest writes `<failure>` and `<error>` for
a test that failed and then failed its teardown), the highest rank wins."""
_DISPLAY_NAME: Final = "display-name: "


class JunitError(SpecrepoError):
    """A JUnit file that cannot be read, is too large, or is not well-formed JUnit XML.
    Its message names the file, and the line and column where there is one."""


class NotJunitError(JunitError):
    """Well-formed XML of another kind (its root is not `<testsuites>` or `<testsuite>`):
    a coverage report beside the test reports, say."""


@dataclass(frozen=True, slots=True)
class JunitTestcase:
    """One `<testcase>` of a JUnit report and its result."""

    file: Path
    """The JUnit file it was read from."""
    line: int
    """The 1-based line of its `<testcase` tag."""
    suite: str
    """The `name` of the innermost `<testsuite>` around it; empty when there is none."""
    classname: str
    name: str
    result: JunitResult
    message: str | None
    """The first line of its failure, error or skip `message` (else of that element's
    text), at most `TEXT_LIMIT` characters; None when it passed or nothing is said."""
    properties: tuple[tuple[str, str], ...]
    """Its own `<property>` elements as (name, value), in document order."""
    display_name: str | None = None
    """The JUnit Platform's display name (`@DisplayName`), when its report gives one."""
    test_file: str | None = None
    """The test's source file as its `file` attribute names it (`\\` read as `/`), when
    the runner writes one (pytest's xunit1 family, jest-junit, PHPUnit)."""
    test_line: int | None = None
    """Its `line` attribute, when it is a whole number (pytest's xunit1 family: 0-based,
    the line above the test's `def` or its first decorator)."""


def junit_files(arguments: Iterable[Path]) -> list[Path]:
    """The JUnit files named: files as given, and every `*.xml` file below a folder (see
    `_xml_files_below`), each once, in the order named. Raises JunitError for a folder
    that holds none, or one that cannot be listed: a test run that wrote no report must
    not pass unseen."""
    found: dict[Path, None] = {}
    for argument in arguments:
        if not inputs.reader.isdir(argument):
            found[argument] = None
            continue
        below = _xml_files_below(argument)
        if not below:
            raise JunitError(f"{display_path(argument)}: the folder holds no JUnit XML file "
                             "(*.xml)")
        found.update(dict.fromkeys(below))
    return list(found)


def _xml_files_below(folder: Path) -> list[Path]:
    """Every file below `folder` whose name ends in `.xml` in any case (`TEST-x.XML`), by
    path: hidden folders and linked folders included (a monorepo links its modules'
    result folders; each real folder is entered once), a git folder left out; a link
    that leads nowhere is taken, so that reading it fails as a named file does."""
    def refuse(error: OSError) -> None:
        raise JunitError(f"{display_path(Path(error.filename or folder))}: cannot list the "
                         f"folder: {error.strerror}")

    entered: set[tuple[int, int]] = set()
    found: list[Path] = []
    for top, folders, names in inputs.reader.walk(folder, onerror=refuse, followlinks=True):
        status = inputs.reader.stat(top)
        if (status.st_dev, status.st_ino) in entered:
            folders.clear()  # a link back to a folder entered already
            continue
        entered.add((status.st_dev, status.st_ino))
        folders[:] = [name for name in folders if name != ".git"]
        found.extend(Path(top, name) for name in names if name.lower().endswith(".xml"))
    return sorted(found)


def read_junit_reports(arguments: Sequence[Path]
                       ) -> tuple[tuple[JunitTestcase, ...], tuple[str, ...]]:
    """The testcases of the JUnit files named (see `junit_files`), and a warning for each
    XML file found in a folder that is no JUnit report (a Cobertura `coverage.xml` beside
    the test reports): it is left out; and for each report that holds no test case. A
    file named itself must be JUnit XML. Raises JunitError as `read_junit` does, or when a
    folder holds no JUnit report at all."""
    named = {path for path in arguments if not inputs.reader.isdir(path)}
    testcases: list[JunitTestcase] = []
    warnings: list[str] = []
    for path in junit_files(arguments):
        try:
            found = read_junit(path)
        except NotJunitError as error:
            if path in named:
                raise
            warnings.append(f"{error}; left out")
            continue
        if not found:  # a run that stopped before its tests looks like a clean one
            warnings.append(f"{display_path(path)}: the JUnit report holds no test case")
        testcases.extend(found)
    if warnings and not testcases and not named:
        raise JunitError("no JUnit XML report among the files named: " + "; ".join(warnings))
    return tuple(testcases), tuple(warnings)


def read_junit(path: Path, max_bytes: int = DEFAULT_MAX_JUNIT_BYTES) -> tuple[JunitTestcase, ...]:
    """The testcases of the JUnit file at `path`, in document order.

    Reads at most `max_bytes` (default 50 MiB) before parsing anything. Raises JunitError
    (exit 2) when the file cannot be read, is larger than `max_bytes`, is not well-formed
    XML, holds a DTD, nests deeper than `MAX_DEPTH`, or has another root than
    `<testsuites>` or `<testsuite>`.
    """
    try:
        data = read_bounded(path, max_bytes)
    except UnreadableFile as problem:
        raise JunitError(f"{display_path(path)}: {problem.describe('JUnit file')}") from None
    return parse_junit(data, path)


def parse_junit(data: bytes, file: Path) -> tuple[JunitTestcase, ...]:
    """The testcases of JUnit XML `data` read from `file` (named in errors), in document
    order. The encoding comes from the XML declaration or byte order mark (UTF-8 without
    either). Raises JunitError as `read_junit` does, but does not bound the size."""
    collector = _Collector(file)
    parser = DefusedXMLParser(target=collector, forbid_dtd=True)
    collector.expat = parser.parser
    try:
        parser.feed(data)
        parser.close()
    except ParseError as error:
        line, column = error.position
        raise _error(file, line, column + 1,
                     f"malformed XML: {expat.ErrorString(error.code)}") from None
    except DTDForbidden:
        raise _error(file, *collector.position(),
                     "a document type declaration (<!DOCTYPE ...>) is not allowed: JUnit XML "
                     "needs none, and DTDs bring entity expansion and external entities") from None
    except (LookupError, ValueError) as error:
        # Python's codecs decode an encoding expat does not know, in the XML declaration,
        # and fail there on unknown, multi-byte or binary-to-binary codecs.
        if collector.depth:
            raise
        raise _error(file, 1, 1, f"malformed XML: the declared encoding cannot be read "
                                 f"({error})") from None
    return tuple(collector.cases)


def _error(file: Path, line: int, column: int, message: str) -> JunitError:
    return JunitError(f"{display_path(file)}:{line}:{column}: {message}")


def _source_file(written: str | None) -> str | None:
    path = (written or "").strip().replace("\\", "/")
    return path or None


def _source_line(written: str | None) -> int | None:
    text = (written or "").strip()
    return int(text) if text.isascii() and text.isdecimal() and len(text) < 10 else None


def _first_line(text: str) -> str | None:
    lines = text.strip().splitlines()
    return lines[0].strip()[:TEXT_LIMIT] if lines else None


@dataclass
class _OpenCase:
    """A testcase whose end tag has not come yet."""

    depth: int
    line: int
    suite: str
    attributes: dict[str, str]
    result: JunitResult = "passed"
    message: str | None = None
    properties: list[tuple[str, str]] = field(default_factory=list)
    display_name: str | None = None
    in_properties: bool = False
    """Whether its `<properties>` element is open."""


@dataclass
class _Text:
    """The text of one element, gathered up to `TEXT_LIMIT` characters."""

    kind: Literal["message", "property", "output"]
    depth: int
    """The depth of the element: the text ends with it."""
    name: str = ""
    parts: list[str] = field(default_factory=list)
    size: int = 0

    def add(self, text: str) -> None:
        if self.size < TEXT_LIMIT:
            self.parts.append(text)
            self.size += len(text)


class _Collector:
    """An ElementTree parser target that keeps the testcases, not the tree."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.expat: expat.XMLParserType | None = None
        self.cases: list[JunitTestcase] = []
        self.depth = 0
        self.suites: list[tuple[int, str]] = []
        self.case: _OpenCase | None = None
        self.text: _Text | None = None

    def position(self) -> tuple[int, int]:
        """The 1-based line and column the parser stands at."""
        assert self.expat is not None
        return self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber + 1

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        name = tag.rpartition("}")[2]
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _error(self.file, *self.position(),
                         f"elements nest deeper than {MAX_DEPTH} levels; not a JUnit report")
        if self.depth == 1 and name not in _ROOTS:
            line, column = self.position()
            raise NotJunitError(f"{display_path(self.file)}:{line}:{column}: the root element "
                                f"is <{name}>, not <testsuites> or <testsuite>: not a JUnit "
                                "XML report")
        case = self.case
        if case is None:
            if name == "testsuite":
                self.suites.append((self.depth, attributes.get("name", "")))
            elif name == "testcase":
                suite = self.suites[-1][1] if self.suites else ""
                self.case = _OpenCase(self.depth, self.position()[0], suite, attributes)
        elif self.depth == case.depth + 1:
            self._child(case, name, attributes)
        elif self.depth == case.depth + 2 and name == "property" and case.in_properties:
            value = attributes.get("value")
            if value is None:
                self.text = _Text("property", self.depth, attributes.get("name", ""))
            else:
                case.properties.append((attributes.get("name", ""), value))

    def _child(self, case: _OpenCase, name: str, attributes: dict[str, str]) -> None:
        """A direct child of the open testcase: a result, or the output to look into."""
        result = _RESULTS.get(name)
        if result is not None and _RANK[result] > _RANK[case.result]:
            case.result = result
            case.message = _first_line(attributes.get("message") or "")
            if case.message is None:
                self.text = _Text("message", self.depth)
        elif name == "system-out" and case.display_name is None:
            self.text = _Text("output", self.depth)
        elif name == "properties":
            case.in_properties = True

    def data(self, text: str) -> None:
        if self.text is not None:
            self.text.add(text)

    def end(self, tag: str) -> None:
        if self.text is not None and self.text.depth == self.depth:
            self._end_text(self.text)
            self.text = None
        case = self.case
        if case is not None and self.depth == case.depth + 1:
            case.in_properties = False
        elif case is not None and self.depth == case.depth:
            self.cases.append(JunitTestcase(
                file=self.file, line=case.line, suite=case.suite,
                classname=case.attributes.get("classname", ""),
                name=case.attributes.get("name", ""), result=case.result,
                message=case.message, properties=tuple(case.properties),
                display_name=case.display_name,
                test_file=_source_file(case.attributes.get("file")),
                test_line=_source_line(case.attributes.get("line"))))
            self.case = None
        elif self.suites and self.suites[-1][0] == self.depth:
            self.suites.pop()
        self.depth -= 1

    def _end_text(self, text: _Text) -> None:
        gathered = "".join(text.parts)
        case = self.case
        assert case is not None
        if text.kind == "property":
            case.properties.append((text.name, gathered.strip()[:TEXT_LIMIT]))
        elif text.kind == "message":
            case.message = _first_line(gathered)
        else:
            case.display_name = next(
                (line[len(_DISPLAY_NAME):].strip() for line in gathered.splitlines()
                 if line.startswith(_DISPLAY_NAME)), None)

    def close(self) -> None:
        """Nothing to finish: the testcases are in `cases`."""
