"""Front matter of Markdown specs: found, loaded with the loader's policies, placed in the `.md`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from specrepo.load.document import Position
from specrepo.load.front_matter import (
    FrontMatterSpec,
    load_front_matter,
    split_front_matter,
)
from specrepo.load.yaml_loader import LoadLimits, YamlError, load_yaml
from tests.load.test_yaml_loader import PARSERS, _positions, _QuotingDumper, json_documents
from tests.support import fuzz

DATA = Path(__file__).parent / "data"
SAMPLES = sorted(DATA.glob("*.md"))


def load(raw: bytes, parser: Any = None) -> FrontMatterSpec:
    return load_front_matter(raw, parser=parser)


def problems(raw: bytes, parser: Any = None) -> list[tuple[str, Position | None, str]]:
    with pytest.raises(YamlError) as caught:
        load_front_matter(raw, parser=parser)
    return [(problem.rule, problem.position, problem.message) for problem in caught.value.every]


def variants(raw: bytes) -> dict[str, bytes]:
    """The file as written on other systems: CRLF, CR, with a BOM."""
    return {
        "lf": raw,
        "crlf": raw.replace(b"\n", b"\r\n"),
        "cr": raw.replace(b"\n", b"\r"),
        "bom": b"\xef\xbb\xbf" + raw,
        "bom-crlf": b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"),
    }


def key_lines(raw: bytes) -> dict[str, int]:
    """Where each top-level key of the front matter is written: `key:` at column 1."""
    lines = raw.decode().splitlines()
    closing = lines.index("---", 1)
    return {line.split(":", 1)[0]: number for number, line in enumerate(lines[:closing], 1)
            if line[:1].isalpha()}


# -- real files ---------------------------------------------------------------------------

def test_the_samples_are_openshift_enhancements_and_madr_records() -> None:
    names = [path.name for path in SAMPLES]
    assert sum(name.startswith("openshift-") for name in names) == 2
    assert sum(name.startswith("madr-") for name in names) == 3  # MADR 3 and 4 records


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem)
@pytest.mark.parametrize("parser", PARSERS, ids=lambda parser: parser.__name__)
def test_every_key_of_a_sample_is_placed_at_its_line_in_the_md_file(path: Path,
                                                                      parser: Any) -> None:
    raw = path.read_bytes()
    spec = load(raw, parser)
    lines = key_lines(raw)
    assert list(spec.document.data) == list(lines)  # type: ignore[arg-type]
    for key, line in lines.items():
        assert spec.document.key_position((key,)) == Position(line, 1)
    assert spec.body_line == raw.decode().splitlines().index("---", 1) + 2


def test_an_openshift_enhancement_loads_its_metadata_and_not_its_body() -> None:
    spec = load((DATA / "openshift-dns-over-tls.md").read_bytes())
    data = spec.document.data
    assert isinstance(data, dict)
    assert data["title"] == "dns-over-tls-upstreams"
    assert data["reviewers"] == ["@asmith, for the DNS operator", "@bkumar, for networking"]
    assert data["creation-date"] == "2024-03-11"  # a date stays the text written
    assert data["replaces"] is None
    assert spec.document.position(("reviewers", 1)) == Position(7, 5)
    assert spec.body.startswith("\n# DNS over TLS for Upstream Resolvers\n")
    # The body's own `---` lines (in fenced code, a thematic break) are not front matter.
    assert "kind: DNS" in spec.body


def test_a_madr_record_with_yaml_looking_text_in_its_body_loads_the_front_matter_only() -> None:
    spec = load((DATA / "madr-front-matter-for-metadata.md").read_bytes())
    assert spec.document.data == {
        "status": "superseded by [ADR-0009](0009-use-a-decision-log-site.md)",
        "date": "2022-11-03",
        "deciders": ["Jonas Weber", "Priya Natarajan"],
        "consulted": [],
        "informed": ["all developers"],
    }
    assert "status: accepted\ndate: 2022-11-03\n\n* Good" in spec.body


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem)
def test_crlf_cr_and_bom_files_give_the_same_data_positions_and_body(path: Path,
                                                                      tmp_path: Path) -> None:
    expected = load(path.read_bytes())
    for name, raw in variants(path.read_bytes()).items():
        written = tmp_path / f"{name}.md"
        written.write_bytes(raw)
        spec = load(written.read_bytes())
        assert spec.document.data == expected.document.data, name
        assert _positions(spec.document) == _positions(expected.document), name
        assert spec.body_line == expected.body_line, name
        assert spec.body.replace("\r\n", "\n").replace("\r", "\n") == expected.body, name


def test_a_committed_crlf_file_with_a_bom_loads_like_its_lf_twin() -> None:
    raw = (DATA / "crlf-bom" / "madr-postgres-job-queue.md").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf---\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # git kept its line breaks
    twin = load((DATA / "madr-postgres-job-queue.md").read_bytes())
    spec = load(raw)
    assert spec.document.data == twin.document.data
    assert _positions(spec.document) == _positions(twin.document)


# -- delimiters ---------------------------------------------------------------------------

@pytest.mark.parametrize("parser", PARSERS, ids=lambda parser: parser.__name__)
@pytest.mark.parametrize("closing", ["---", "...", "---  ", "...\t"])
@pytest.mark.parametrize("opening", ["---", "---   ", "---\t"])
def test_the_block_opens_with_dashes_and_closes_with_dashes_or_dots(
        opening: str, closing: str, parser: Any) -> None:
    spec = load(f"{opening}\ntitle: T\n{closing}\n# T\n".encode(), parser)
    assert spec.document.data == {"title": "T"}
    assert spec.document.position(("title",)) == Position(2, 8)
    assert (spec.body, spec.body_line) == ("# T\n", 4)


@pytest.mark.parametrize(
    "raw", [b"---\n---\n", b"---\r\n---\r\n", b"---\n\n# a comment\n  \n...\n"])
def test_an_empty_front_matter_is_an_empty_mapping(raw: bytes) -> None:
    spec = load(raw + b"Body.\n")
    assert spec.document.data == {}
    assert spec.document.root == Position(1, 1)
    assert spec.body == "Body.\n"


def test_a_file_ending_at_the_closing_line_has_an_empty_body() -> None:
    split = split_front_matter(b"---\na: 1\n---")
    assert (split.body, split.body_line, split.closing_line) == ("", 4, 3)
    assert split.yaml_text == "---\na: 1\n"


def test_a_closing_line_with_text_after_the_dashes_is_a_second_yaml_document() -> None:
    assert problems(b"---\na: 1\n--- b\n---\nBody\n") == [
        ("yaml-structure", Position(3, 1), "the file holds more than one YAML document (a "
         "second `---`); keep one spec per file")]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"# Title\n\nNo metadata.\n", "the file has no YAML front matter: a Markdown spec "
         "starts with a `---` line, then its fields (`title: ...`), then a closing `---` line"),
        (b"", "the file has no YAML front matter"),
        (b"title: T\n---\n", "the file has no YAML front matter"),
        (b"----\ntitle: T\n----\n", "the first line opens the front matter only when it "
         "is `---` alone; it reads `----`"),
        ("---\u00a0\ntitle: T\n---\n".encode(), "the first line opens the front matter only "
         "when it is `---` alone; it reads `---\\u00a0`"),
        (b"--- # metadata\ntitle: T\n---\n", "the first line opens the front matter only"),
        (b" ---\ntitle: T\n---\n", "the file has no YAML front matter"),
        (b"\n\n---\ntitle: T\n---\n", "the front matter must start on the first line of the "
         "file: remove the blank lines before the `---` on line 3"),
        (b"+++\ntitle = 'T'\n+++\n", "TOML front matter (`+++`) is not supported: write the "
         "fields as YAML between two `---` lines"),
        (b"---\ntitle: T\n\n# Title\n", "the front matter opened on line 1 is never closed: "
         "add a `---` line after its last field"),
        (b"---", "the front matter opened on line 1 is never closed"),
    ],
)
def test_a_missing_or_unclosed_front_matter_is_a_finding_at_line_1(raw: bytes,
                                                                    message: str) -> None:
    [(rule, position, text)] = problems(raw)
    assert (rule, position) == ("front-matter", Position(1, 1))
    assert text.startswith(message)


# -- a second block -----------------------------------------------------------------------

SECOND_BLOCK = "a second front-matter block starts on line {line} (the first ends on line " \
    "{closing}); a Markdown spec has one: merge its fields into the first block"


@pytest.mark.parametrize(
    ("body", "line"),
    [
        # A template merged over a filled-in spec: the template's block follows.
        ("---\ntitle: neat-enhancement-idea\nstatus: provisional\n---\n\n# Idea\n", 4),
        ("\n\n---\ntitle: other\n---\n# Idea\n", 6),
        # Another block with other keys, two of them.
        ("---\nstatus: accepted\ndate: 2024-01-02\n...\n# Idea\n", 4),
    ],
)
def test_a_second_block_at_the_top_of_the_body_is_a_finding_at_its_line(body: str,
                                                                       line: int) -> None:
    raw = f"---\ntitle: real\n---\n{body}".encode()
    assert problems(raw) == [("front-matter", Position(line, 1),
                              SECOND_BLOCK.format(line=line, closing=3))]


@pytest.mark.parametrize(
    "body",
    [
        # Thematic breaks around prose, even prose YAML would read as one key.
        "---\n\nNote: this proposal is superseded.\n\n---\n\n# Idea\n",
        "\n---\n\nSome text.\n\n---\n",
        # A thematic break then a setext heading: one key, not one of the first block's.
        "---\nStatus: see below\n---\n",
        # `---` lines in fenced code, in a table, under a setext heading, lower down.
        "```yaml\n---\nstatus: accepted\ndate: 2024-01-02\n---\n```\n",
        "~~~\n---\ntitle: x\n---\n~~~\n",
        "| a | b |\n| --- | --- |\n| 1 | 2 |\n---\ntitle: x\nother: y\n---\n",
        "# Idea\n\n---\ntitle: x\nstatus: y\n---\n",
        "Intro\n---\ntitle: x\nstatus: y\n---\n",
        # A lone thematic break, or one never closed.
        "---\n",
        "---\ntitle: x\nstatus: y\n",
        # Not YAML, or not a mapping.
        "---\n- a\n- b\n---\n",
        "---\n[unclosed\n---\n",
    ],
)
def test_thematic_breaks_code_and_tables_are_not_a_second_block(body: str) -> None:
    spec = load(f"---\ntitle: real\n---\n{body}".encode())
    assert spec.body == body


def test_a_second_block_is_reported_with_the_first_blocks_own_problems() -> None:
    raw = b"---\na: 1\na: 2\n---\n---\na: 3\nb: 4\n---\n"
    assert [(rule, position) for rule, position, _ in problems(raw)] == [
        ("yaml-duplicate-key", Position(3, 1)), ("front-matter", Position(5, 1))]


# -- the loader's policies, at .md positions ----------------------------------------------

@pytest.mark.parametrize("parser", PARSERS, ids=lambda parser: parser.__name__)
@pytest.mark.parametrize("ending", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_tabs_and_duplicate_keys_are_reported_at_their_md_lines(parser: Any, ending: str,
                                                                bom: str) -> None:
    text = ("---\ntitle: T\nreviewers:\n\t- ada\nstatus: draft\ntitle: U\n---\n\n# T\n"
            .replace("\n", ending))
    found = problems((bom + text).encode(), parser)
    assert [(rule, position) for rule, position, _ in found] == [
        ("yaml-syntax", Position(4, 1))]
    found = problems((bom + text.replace("\t", "  ")).encode(), parser)
    assert found == [("yaml-duplicate-key", Position(6, 1),
                      "duplicate key 'title' (first defined at line 2); each key may appear "
                      "once")]


@pytest.mark.parametrize(
    ("raw", "rule", "position"),
    [
        (b"---\na: 1\nb: [1, 2\n---\n", "yaml-syntax", (3, 4)),
        (b"---\n- a\n---\n", "yaml-structure", (2, 1)),
        (b"---\njust text\n---\n", "yaml-structure", (2, 1)),
        (b"---\na: !custom x\n---\n", "yaml-tag", (2, 4)),
        (b"---\na: x\xc2\xa0\n---\n", "yaml-invisible-character", (2, 5)),
        (b"---\na: \x1b[31m\n---\n", "yaml-encoding", (2, 4)),
        (b"---\na: 1\n---\n\nBody \xff here\n", "yaml-encoding", (5, 6)),
        ("---\na: b\n---\n".encode("utf-16"), "yaml-encoding", (1, 1)),
    ],
)
def test_the_loaders_findings_keep_their_md_positions(raw: bytes, rule: str,
                                                      position: tuple[int, int]) -> None:
    found = problems(raw)
    assert (found[0][0], found[0][1]) == (rule, Position(*position))


def test_control_characters_in_the_body_are_the_markdown_readers_business() -> None:
    spec = load(b"---\na: 1\n---\npage\x0cbreak \x1b\n")
    assert spec.body == "page\x0cbreak \x1b\n"


def test_the_size_limit_bounds_the_whole_file() -> None:
    raw = b"---\na: 1\n---\n" + b"x" * 100
    with pytest.raises(YamlError) as caught:
        load_front_matter(raw, LoadLimits(max_bytes=50))
    assert caught.value.rule == "yaml-limit"


def test_a_second_block_is_found_whatever_fields_are_kept() -> None:
    raw = b"---\ntitle: T\nstatus: draft\n---\n---\ntitle: U\n---\n"
    for keep in (None, frozenset({"status"})):
        with pytest.raises(YamlError) as caught:
            load_front_matter(raw, keep=keep)
        assert (caught.value.rule, caught.value.position) == ("front-matter", Position(5, 1))


def test_keep_builds_only_the_named_fields() -> None:
    raw = b"---\ntitle: T\nreviewers: [a, b]\nstatus: draft\n---\nBody\n"
    spec = load_front_matter(raw, keep=frozenset({"status"}))
    assert spec.document.data == {"status": "draft"}
    assert spec.document.position(("status",)) == Position(4, 9)


# -- properties ---------------------------------------------------------------------------

def _front_matter_file(yaml_text: str, body: str, ending: str, bom: bool) -> bytes:
    text = f"---\n{yaml_text}---\n{body}".replace("\n", ending)
    return (("\ufeff" if bom else "") + text).encode()


bodies = st.lists(st.sampled_from(
    ["", "# Title", "---", "...", "```", "key: value", "| a |", "|---|", "  - item", "text",
     "Setext", "===", "\t", "é"]), max_size=8).map("\n".join)
endings = st.sampled_from(["\n", "\r\n", "\r"])


@fuzz(150, suppress_health_check=[HealthCheck.too_slow])
@given(json_documents, bodies, endings, st.booleans())
def test_every_node_is_where_the_standalone_yaml_has_it_one_line_down(
        document: dict[str, Any], body: str, ending: str, bom: bool) -> None:
    yaml_text = yaml.dump(document, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False)
    standalone = load_yaml(yaml_text.encode())
    raw = _front_matter_file(yaml_text, body, ending, bom)
    for parser in PARSERS:
        spec = load_front_matter(raw, parser=parser)
        assert spec.document.data == document
        assert _positions(spec.document) == [
            (path, located._replace(
                key=located.key and Position(located.key.line + 1, located.key.column),
                value=Position(located.value.line + 1, located.value.column)))
            for path, located in _positions(standalone)]


fields = st.lists(st.tuples(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
                            st.sampled_from(["x", "2024-01-02", "[a, b]", "'q: t'", "1.10"]),
                            st.sampled_from(["", "\n", "\n# note\n", "\n\n"])),
                  min_size=1, max_size=8, unique_by=lambda field: field[0])


@fuzz(200)
@given(fields, bodies, endings, st.booleans())
def test_every_key_is_at_the_line_where_it_is_written(
        written: list[tuple[str, str, str]], body: str, ending: str, bom: bool) -> None:
    yaml_text = "".join(f"{key}: {value}\n{after}" for key, value, after in written)
    raw = _front_matter_file(yaml_text, body, ending, bom)
    lines = raw.decode().lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for parser in PARSERS:
        document = load_front_matter(raw, parser=parser).document
        for key, value, _ in written:
            line = lines.index(f"{key}: {value}") + 1
            assert document.key_position((key,)) == Position(line, 1)
            assert document.position((key,)) == Position(line, len(key) + 3)


def _verdict(raw: bytes, parser: Any) -> Any:
    try:
        spec = load_front_matter(raw, parser=parser)
    except YamlError as error:
        return ("error", [(problem.rule, problem.position) for problem in error.every])
    return ("ok", spec.document.data, _positions(spec.document), spec.body, spec.body_line)


markdown_lines = st.lists(st.sampled_from(
    ["---", "--- ", "...", "+++", "", "a: 1", "a: 2", "b:", "  - x", "- y", "key: [1, 2",
     "# c", "```", "text", "\ufeff", "a: x\u00a0", "\t", "title: T", "é: ü"]), max_size=12)
# Most files open a front matter: the interesting ones.
markdown_files = st.one_of(
    markdown_lines, markdown_lines.map(lambda lines: ["---", *lines]),
    st.tuples(markdown_lines, markdown_lines).map(lambda pair: ["---", *pair[0], "---", *pair[1]]))


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
@fuzz(400)
@given(markdown_files, endings, st.booleans())
def test_c_and_python_parsers_give_the_same_verdicts(lines: list[str], ending: str,
                                                     bom: bool) -> None:
    raw = (("\ufeff" if bom else "") + ending.join(lines)).encode()
    c_verdict = _verdict(raw, yaml.CSafeLoader)
    python_verdict = _verdict(raw, yaml.SafeLoader)
    if c_verdict[0] == "error" and python_verdict[0] == "error":
        # As for the loader: on a syntax error, the parsers' grammars differ in corners.
        rules = [rule for rule, _ in c_verdict[1] + python_verdict[1]]
        if "yaml-syntax" in rules:
            return
    if "\t" in lines and python_verdict[0] == "error":
        return  # the pure-Python scanner's known refusal of some tab separators
    assert c_verdict == python_verdict


@fuzz(300)
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode),
                 st.text(max_size=200).map(lambda text: f"---\n{text}\n---\n{text}".encode()),
                 st.tuples(markdown_files, endings).map(lambda pair: pair[1].join(pair[0])
                                                        .encode())))
def test_any_bytes_give_a_spec_or_a_yaml_error_never_a_crash(raw: bytes) -> None:
    try:
        spec = load_front_matter(raw)
    except YamlError as error:
        assert all(problem.position is None or problem.position.line >= 1
                   for problem in error.every)
        return
    assert isinstance(spec.document.data, dict)
    assert spec.body_line >= 3
