"""Hostile and broken input through `specrepo validate`: never a traceback, nothing lost.

Every case asserts the documented exit code, a message naming the file (and the line where
there is one), no traceback, and that no file was written or changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from specrepo.base.errors import ConfigError
from specrepo.check.spec_set import check_spec_set
from specrepo.model.config import Config
from tests.history.gitrepo import GitRepo
from tests.support import MINIMAL_SPEC, fuzz, run_cli

VALID = MINIMAL_SPEC.format(id="SPEC-0001").encode()


def snapshot(root: Path) -> dict[str, str]:
    """Every file below `root` (not following links) with a hash of its content."""
    found = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder, name)
            content = os.readlink(path).encode() if path.is_symlink() else path.read_bytes() \
                if path.is_file() else b"<special>"
            found[str(path.relative_to(root))] = hashlib.sha256(content).hexdigest()
    return found


def validate_in(repo: Path, *arguments: str) -> tuple[int, str]:
    before = snapshot(repo.parent)
    result = run_cli("validate", *arguments, no_traceback=True)
    assert snapshot(repo.parent) == before, "validate changed files"
    return result.exit_code, result.output


def nested(depth: int) -> bytes:
    return b"id: SPEC-0001\nx: " + b"[" * depth + b"]" * depth + b"\n"


ALIAS_BOMB = b"a: &a [x, x, x, x, x, x, x, x, x, x]\n" + b"".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 10)}]\n".encode()
    for n in range(8)
)
QUADRATIC = b"big: &big [" + b", ".join([b"x"] * 3000) + b"]\n" + b"".join(
    f"u{n}: *big\n".encode() for n in range(3000))

HOSTILE_SPECS = {
    "billion-laughs": (ALIAS_BOMB, 4, "alias bomb"),
    "quadratic-aliases": (QUADRATIC, 5, "aliases expand"),
    "nesting-10000": (nested(10_000), 2, "deeper than 100"),
    "invalid-utf8": (VALID.replace(b"A spec", b"A sp\xe9c"), 2, "invalid UTF-8"),
    "utf16": (VALID.decode().encode("utf-16"), 1, "UTF-16"),
    "utf32": (VALID.decode().encode("utf-32"), 1, "UTF-32"),
    "utf16-no-bom": (VALID.decode().encode("utf-16-be"), 1, "UTF-16BE"),
    "bom": (b"\xef\xbb\xbf" + VALID, None, ""),
    "nul-byte": (VALID.replace(b"A spec", b"A\x00spec"), 2, "U+0000"),
    "tab-indent": (VALID + b"goals:\n\tprimary: [x]\n", 9, "tabs"),
    "crlf": (VALID.replace(b"\n", b"\r\n"), None, ""),
    "multi-document": (VALID + b"---\n" + VALID, 8, "more than one YAML document"),
    "empty": (b"", 1, "empty"),
    "only-comments": (b"# nothing\n# here\n", 1, "empty"),
    "top-level-list": (b"- id: SPEC-0001\n", 1, "not a list"),
    "top-level-scalar": (b"SPEC-0001\n", 1, "not text"),
    "duplicate-key": (VALID + b"title: Again\n", 8, "duplicate key 'title'"),
    "colliding-keys": (VALID + b"1: a\ntrue: b\n", 8, "quote it: '1'"),
    "python-tag": (VALID + b"x: !!python/object/apply:os.system [echo]\n", 8,
                   "!!python/object/apply:os.system"),
    "impossible-date": (VALID.replace(b"2026-01-02", b"2024-02-30"), 5,
                        "not a valid calendar date"),
    # YAML 1.2: U+2028, U+2029 and NEL are ordinary characters; lines end at LF, CR, CRLF.
    "line-separator-in-comment": (VALID.replace(b"title:", "# a\u2028b\ntitle:".encode()),
                                  None, ""),
    "line-separator-then-typo": (VALID.replace(b"A spec", '"A\u2028spec"'.encode())
                                 + b"titel: x\n", 8, "unknown property 'titel'"),
    "nel-and-paragraph-separator": (VALID.replace(b"A spec", "A\x85spec\u2029".encode()
                                                  + b" x"), None, ""),
    "cr-line-ends": (VALID.replace(b"\n", b"\r") + b"titel: x\r", 8, "'titel'"),
    # JSON is YAML 1.2: surrogate-pair escapes are one character; a half of one is refused.
    "json-surrogate-pair": (json.dumps({"id": "SPEC-0001", "title": "Go \U0001F680",
                                        "status": "Draft", "authors": ["A"],
                                        "created": "2026-01-02", "updated": "2026-01-03",
                                        "summary": "s"}).encode(), None, ""),
    "lone-surrogate-escape": (VALID.replace(b"A spec", b'"A \\ud83d"'), 2,
                              "half of a UTF-16 surrogate pair"),
    "lone-surrogate-escapes-first-named": (VALID.replace(b"A spec", b'"A \\ud83d"').replace(
        b"Why and what.", b'"\\ude80 why"'), 2, "2:11: error: the escape \\ud83d is half"),
    "escape-beyond-unicode": (VALID.replace(b"A spec", b'"\\U00110000"'), 2,
                              "names no Unicode character"),
    # Merge keys merge; anything else behind `<<` is refused.
    "merge-key": (VALID + b"requirements:\n  functional:\n    - &fr {id: FR-1, description: d,"
                  b" priority: P1, acceptance_criteria: a}\n    - <<: *fr\n      id: FR-2\n",
                  None, ""),
    "merge-key-of-text": (VALID + b"goals:\n  <<: text\n", 9, "merge key `<<` takes a mapping"),
    # Invisible characters are named, with their place.
    "nbsp-indentation": (VALID + "background:\n\u00a0\u00a0why_now: x\n".encode(), 9,
                         "indented with U+00A0 NO-BREAK SPACE"),
    "nbsp-after-colon": (VALID.replace(b"status: ", "status:\u00a0".encode()), 3,
                         "U+00A0 NO-BREAK SPACE after 'status:'"),
    "bom-inside": (VALID.replace(b"authors:", "\ufeffauthors:".encode()), 4,
                   "U+FEFF BYTE ORDER MARK inside the file"),
    "zero-width-space-in-key": (VALID.replace(b"summary:", "sum\u200bmary:".encode()), 7,
                                "U+200B ZERO WIDTH SPACE"),
    "nbsp-after-value": (VALID.replace(b"Draft", "Draft\u00a0".encode()), 3,
                         "ends with U+00A0 NO-BREAK SPACE"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_SPECS))
def test_hostile_spec_file(repo: Path, case: str) -> None:
    content, line, words = HOSTILE_SPECS[case]
    (repo / "specs" / "SPEC-0001.yaml").write_bytes(content)
    code, output = validate_in(repo)
    if line is None:  # well-formed after all: no complaint
        assert (code, output) == (0, "1 file checked: no problems\n")
        return
    assert code == 1
    assert output.startswith(f"specs/SPEC-0001.yaml:{line}:"), output
    assert words in output


def test_fifty_megabyte_scalar_is_refused_by_size_without_reading_it(repo: Path) -> None:
    (repo / "specs" / "SPEC-0001.yaml").write_bytes(b"a: " + b"x" * 50_000_000 + b"\n")
    code, output = validate_in(repo)
    assert code == 1
    assert "specs/SPEC-0001.yaml:1:1: error: the file is 50,000,004 bytes" in output


def test_size_cap_is_configurable(repo: Path) -> None:
    (repo / "specrepo.yaml").write_text("max_file_size: 2048\n")
    (repo / "specs" / "SPEC-0001.yaml").write_bytes(VALID + b"# " + b"x" * 3000 + b"\n")
    code, output = validate_in(repo)
    assert code == 1
    assert "over the limit of 2,048" in output


def test_broken_links_folders_and_links_out_of_the_repository(repo: Path) -> None:
    specs = repo / "specs"
    (specs / "SPEC-0001.yaml").write_bytes(VALID)
    (specs / "broken.yaml").symlink_to(specs / "nowhere.yaml")
    (specs / "folder.yaml").mkdir()
    outside = repo.parent / "outside.yaml"
    outside.write_bytes(VALID)
    (specs / "escape.yaml").symlink_to(outside)
    code, output = validate_in(repo)
    assert code == 1
    assert output.splitlines() == [
        "specs/broken.yaml:1:1: error: broken symbolic link; nothing to read [file-read]",
        f"specs/escape.yaml:1:1: error: symbolic link to {outside}, outside the repository; "
        "not read [file-read]",
        "specs/folder.yaml:1:1: error: not a regular file (a folder, pipe or device) "
        "[file-read]",
        "4 files checked: 3 errors",
    ]


def test_symbolic_link_loops_are_findings_and_errors_never_tracebacks(repo: Path) -> None:
    """Python before 3.13 raises RuntimeError resolving a link loop: one stray link must
    not stop every command (a finding for a spec, exit 2 for the schema or output)."""
    specs = repo / "specs"
    (specs / "SPEC-0001.yaml").write_bytes(VALID)
    (specs / "self.yaml").symlink_to("self.yaml")
    (specs / "a.yaml").symlink_to("b.yaml")
    (specs / "b.yaml").symlink_to("a.yaml")
    code, output = validate_in(repo)
    assert code == 1
    assert output.splitlines() == [
        f"specs/{name}.yaml:1:1: error: symbolic link loop; nothing to read [file-read]"
        for name in ("a", "b", "self")] + ["4 files checked: 3 errors"]
    for name in ("a", "b", "self"):
        (specs / f"{name}.yaml").unlink()
    (repo / "schema.json").symlink_to("schema.json")
    (repo / "specrepo.yaml").write_text("schema: schema.json\n")
    code, output = validate_in(repo)
    assert code == 2
    assert "schema.json: cannot read the schema: Too many levels of symbolic links" in output
    (repo / "specrepo.yaml").write_text("render:\n  out: pages\n")
    (repo / "pages").symlink_to("pages")
    result = run_cli("render")
    assert result.exit_code == 2
    assert "cannot list the output folder" in result.output


@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_configuration_and_schemas_that_never_end_are_refused(repo: Path, kind: str) -> None:
    """A pipe would block forever and /dev/zero never ends: the configuration, the schema
    and a file its `$ref` names are read only when they are regular files, within a cap."""
    (repo / "specs" / "SPEC-0001.yaml").write_bytes(VALID)
    endless = repo / "endless.json"
    if kind == "pipe":
        os.mkfifo(endless)
    else:
        endless.symlink_to("/dev/zero")
    (repo / "schema.json").write_text('{"$ref": "endless.json"}')
    for config in ("schema: endless.json\n", "schema: schema.json\n"):
        (repo / "specrepo.yaml").write_text(config)
        code, output = validate_in(repo)
        # /dev/zero, through a link, is outside the repository: refused as such
        why = "not a regular file" if kind == "pipe" else "outside the repository"
        assert (code, "endless.json" in output, why in output) == (2, True, True), output
    result = run_cli("--config", "endless.json", "validate")
    assert result.exit_code == 2
    assert "endless.json: the configuration is not a regular file" in result.output
    (repo / "specrepo.yaml").write_bytes(b"# " + b"x" * (1024 * 1024) + b"\n")
    code, output = validate_in(repo)
    assert code == 2
    assert "the configuration is 1,048,579 bytes, over the limit of 1,048,576" in output


@pytest.mark.parametrize("location", ["'**/*.yaml'", "."])
def test_the_configuration_and_its_schema_are_never_specs(repo: Path, location: str) -> None:
    """A location that takes every YAML file of the repository does not take the files
    that configure it (`specrepo.yaml` is no spec, and neither is `schema.yaml`)."""
    (repo / "specs" / "SPEC-0001.yaml").write_bytes(VALID)
    schema = json.loads(run_cli("schema").output)
    (repo / "schema.yaml").write_text(json.dumps(schema))
    (repo / "specrepo.yaml").write_text(f"specs: {location}\nschema: schema.yaml\n")
    assert validate_in(repo) == (0, "1 file checked: no problems\n")


def test_a_pipe_named_like_a_spec_does_not_hang(repo: Path) -> None:
    os.mkfifo(repo / "specs" / "pipe.yaml")
    code, output = validate_in(repo)
    assert code == 1
    assert "specs/pipe.yaml:1:1: error: not a regular file" in output


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ("", None),
        ("specs: 12\n", "specrepo.yaml:1:8"),
        ("specs: [specs]\nunknown: 1\n", "unknown property 'unknown'"),
        ("specs: nowhere\n", "the specs folder 'nowhere' does not exist"),
        ("specs: specs/SPEC-0001.yaml\n",
         "the specs location 'specs/SPEC-0001.yaml' is a file; `specs:` names folders"),
        ("schema: missing.json\n", "missing.json: cannot read the schema"),
        ("schema: bad.json\n", "not a valid JSON Schema"),
        ("schema: remote.json\n", "never fetches schemas over the network"),
        ("rules: {file-name: loud}\n", "'loud' is not one of"),
        ("\xff\n", "invalid UTF-8"),
    ],
)
def test_bad_configuration_exits_2_naming_the_file(
    repo: Path, config: str, words: str | None
) -> None:
    (repo / "specs" / "SPEC-0001.yaml").write_bytes(VALID)
    (repo / "bad.json").write_text('{"type": "nonsense"}')
    (repo / "remote.json").write_text('{"$ref": "https://example.com/s.json"}')
    (repo / "specrepo.yaml").write_bytes(config.encode("latin-1"))
    code, output = validate_in(repo)
    if words is None:  # an empty configuration means the defaults
        assert code == 0
        return
    assert code == 2
    assert output.startswith("specrepo: error: ")
    assert words in output


def test_config_that_is_a_folder(repo: Path) -> None:
    (repo / "specrepo.yaml").unlink()
    (repo / "specrepo.yaml").mkdir()
    (repo / "specs" / "SPEC-0001.yaml").write_bytes(VALID)
    # A folder is not a configuration file, and passed over, the defaults (or one further
    # up) would be read in its place, every gate it sets off: refused (newuser69).
    code, output = validate_in(repo)
    assert code == 2
    assert "specrepo.yaml: the configuration file is a folder" in output


def test_no_configuration_and_no_specs_folder(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    code, output = validate_in(empty)
    assert code == 2
    assert "run `specrepo init`" in output


TOKENS = [*"ab1 :-[]{},'\"#&*!|>\n?.%@`\t~é\x00\\\r", "\ufeff", "\x85", "\u2028",
          "\u2029", "\u00a0", "\u200b", "\u200d", "\U0001F680", "<<: *a", "&a ", "*a",
          "\\ud83d", "\\ude80", "\\U00110000", "\r\n", "id: SPEC-0001\n", "- "]
yamlish = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)


@st.composite
def spliced_specs(draw: st.DrawFn) -> str:
    """A valid spec with hostile tokens spliced in: broken in the shapes real files break."""
    text = VALID.decode()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
    return text


@fuzz(200)
@given(st.one_of(yamlish, spliced_specs(),
                 st.binary(max_size=120).map(lambda raw: raw.decode("latin-1"))))
@example("version https://git-lfs.github.com/spec/v1\n")  # found in CI: refused, named
def test_validate_never_raises_on_random_files(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "specs").mkdir()
        spec = root / "specs" / "SPEC-0001.yaml"
        spec.write_bytes(text.encode("utf-8", "surrogateescape"))
        try:
            result = check_spec_set(Config(root=root), [spec])
        except ConfigError as refused:  # a Git LFS pointer's first line: exit 2, named
            assert text.startswith("version https://git-lfs") and spec.name in str(refused)
            return
        assert all(finding.path == spec and finding.line >= 1 for finding in result.findings)


def test_every_duplicate_key_of_a_file_is_reported(repo: Path) -> None:
    (repo / "specs" / "SPEC-0001.yaml").write_bytes(VALID + b"title: Again\nsummary: Again\n")
    code, output = validate_in(repo)
    assert code == 1
    assert output.splitlines() == [
        "specs/SPEC-0001.yaml:8:1: error: duplicate key 'title' (first defined at line 2); "
        "each key may appear once [yaml-duplicate-key]",
        "specs/SPEC-0001.yaml:9:1: error: duplicate key 'summary' (first defined at line 7); "
        "each key may appear once [yaml-duplicate-key]",
        "1 file checked: 2 errors",
    ]


@pytest.mark.parametrize(
    ("config", "arguments", "words"),
    [
        ("specs: specs\n", (), "the specs folder 'specs' holds no spec file"),
        ("specs: [specs, 'rfcs/*.yaml']\n", (), "the glob 'rfcs/*.yaml' matches no spec file"),
        ("specs: 'docs/[[]lang]/*.yaml'\n", (), "matches no spec file"),
        ("specs: specs\n", ("empty",), "empty: the folder holds none of the specs"),
    ],
)
def test_checking_nothing_is_exit_2_unless_allowed(
        repo: Path, config: str, arguments: tuple[str, ...], words: str) -> None:
    (repo / "specrepo.yaml").write_text(config)
    (repo / "empty").mkdir()
    if "rfcs" in config or arguments:
        (repo / "specs" / "SPEC-0001.yaml").write_bytes(VALID)
    code, output = validate_in(repo, *arguments)
    assert code == 2
    assert output.startswith("specrepo: error: ") and words in output
    assert "--allow-empty" in output
    assert validate_in(repo, "--allow-empty", *arguments)[0] == 0


def test_a_literal_bracket_is_escaped_in_a_glob(repo: Path) -> None:
    (repo / "docs" / "[lang]").mkdir(parents=True)
    (repo / "docs" / "[lang]" / "SPEC-0001.yaml").write_bytes(VALID.replace(b"Draft", b"Nope"))
    (repo / "specrepo.yaml").write_text("specs: 'docs/[[]lang]/*.yaml'\n")
    code, output = validate_in(repo)
    assert code == 1
    assert "docs/[lang]/SPEC-0001.yaml:3:9: error: 'Nope' is not one of" in output


def test_thousands_of_invisible_characters_are_each_reported_in_one_pass(repo: Path) -> None:
    # Each problem is placed through the file's line index, never by rescanning the text,
    # so this stays linear (a rescan per problem would take minutes).
    lines = "".join(f"k{number}: v\u00a0\n" for number in range(20_000))
    (repo / "specrepo.yaml").write_text("specs: specs\nmax_file_size: 4000000\n")
    (repo / "specs" / "SPEC-0001.yaml").write_text(lines + "z: '\\ud800'\n")
    code, output = validate_in(repo)
    assert code == 1
    reported = [line for line in output.splitlines() if "[yaml-invisible-character]" in line]
    assert len(reported) == 20_000
    assert reported[-1].startswith("specs/SPEC-0001.yaml:20000:10: error: the value")


@pytest.mark.parametrize("arguments", [
    ("validate", ""), ("validate", "--sarif", ""), ("validate", "--junit", ""),
    ("render", "--out", ""), ("render", ""), ("site", "--out", ""),
    ("report", "--output", ""), ("trace", ""), ("timeline", ""), ("diff", ""),
    ("diff", "--exit-code", "HEAD", ""), ("--config", "", "validate"),
    ("report", "--fail-on", ""), ("report", "--fail-on", " , "), ("trace", "--fail-on", ""),
])
def test_an_empty_path_or_name_is_a_usage_error_and_writes_nothing(
        git_repo: GitRepo, arguments: tuple[str, ...]) -> None:
    """An unset CI variable (`--out "$PAGES"`, `diff "$BASE"`) is never the current folder,
    nor "no revision": the command refuses it and writes nothing."""
    git_repo.commit("Spec", {"specs/SPEC-0001.yaml": MINIMAL_SPEC.format(id="SPEC-0001")})
    before = snapshot(git_repo.root)
    result = run_cli(*arguments, no_traceback=True)
    assert result.exit_code == 2, result.output
    assert "empty" in result.output
    assert snapshot(git_repo.root) == before


LFS_POINTER_TEXT = ("version https://git-lfs.github.com/spec/v1\n"
                    "oid sha256:" + "4d7a" * 16 + "\nsize 812\n")


@pytest.mark.parametrize("files", [1, 450])  # one process, and the worker processes
@pytest.mark.parametrize("command", [("validate",), ("render", "--check")])
def test_a_git_lfs_pointer_in_the_work_tree_is_exit_2_naming_it(
        repo: Path, files: int, command: tuple[str, ...]) -> None:
    """A checkout without `lfs: true` leaves pointers: their content was never checked, so
    the gate refuses (exit 2) with the fix, instead of a YAML finding on the pointer."""
    for number in range(2, files + 1):
        (repo / "specs" / f"SPEC-{number:04}.yaml").write_text(
            MINIMAL_SPEC.format(id=f"SPEC-{number:04}"))
    (repo / "specs" / "SPEC-0001.yaml").write_text(LFS_POINTER_TEXT)
    result = run_cli(*command, no_traceback=True)
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "specrepo: error: specs/SPEC-0001.yaml: a Git LFS pointer, not the spec: its content "
        "is not checked out (run `git lfs pull`; in GitHub Actions, `lfs: true` in "
        "actions/checkout), so nothing of it can be checked\n")
