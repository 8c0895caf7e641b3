"""Tags through real `git grep` in temporary repositories (`gitio.grep`): the pathspecs, the
pattern, the parser, in files of many languages, whatever the user's git configuration."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.gitio.git_command import HistoryError, NotARepositoryError
from specrepo.gitio.grep import grep_lines
from specrepo.load.locations import SpecLocation
from specrepo.model.trace import Tag
from specrepo.trace.git_grep import tags_of_lines
from specrepo.trace.tags import FoundReference, ReferenceFinder, reference_grammar
from tests.history.gitrepo import GitRepo
from tests.support import fuzz
from tests.trace.git_scans import grep_tracked_files, last_touch, last_touches

FINDER = ReferenceFinder(reference_grammar("SPEC", ["SPEC-0042", "ADR-0001"]))

SOURCES: dict[str, str | bytes | None] = {
    "src/auth/login.py":
        '"""Login (SPEC-0042/FR-3)."""\n\ndef login():\n    pass  # SPEC-0042/FR-4\n',
    "src/auth/session.go":
        "package auth\n\n// Sessions expire: SPEC-0042/FR-6.\nfunc Expire() {}\n",
    "src/web/app.ts": 'export const rule = "SPEC-0042/NFR-1";\n',
    "src/db/Store.java": "/**\n * Implements ADR-0001/O-1.\n */\nclass Store {}\n",
    "src/core/lib.rs": "/// SPEC-0042/FR-3\npub fn check() {}\n",
    "src/core/limits.c": "#define MAX 3 /* SPEC-0042/FR-5 */\n",
    "src/core/old.py": "# XSPEC-0042/FR-1 is no reference; spec-0042/fr-1 is one\n",
    "tests/test_login.py": "def test_spec_0042_fr_3_accepts():\n    pass\n",
    "tests/login_test.go": "func TestSPEC_0042_FR_4(t *testing.T) {}\n",
    "tests/login.spec.js": 'it("SPEC-0042/FR-6 expires", () => {});\n',
    "docs/notes.md": "SPEC-0042/FR-3 is described here, outside the globs.\n",
}


def grep(root: Path, include: list[str], exclude: tuple[str, ...] = (),
         finder: ReferenceFinder = FINDER, cwd: Path | None = None,
         never: tuple[SpecLocation, ...] = ()) -> list[Tag]:
    lines = grep_tracked_files(cwd or root, finder.git_pattern(), include, exclude, never)
    return list(tags_of_lines(lines, finder))


def summary(tags: list[Tag]) -> list[tuple[str, int, int, str, str]]:
    return [(tag.file, tag.line, tag.column, str(tag.reference), tag.written) for tag in tags]


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repository = GitRepo(tmp_path / "repo")
    repository.commit("Sources and tests", SOURCES)
    return repository


def test_tags_in_implementation_files(repo: GitRepo) -> None:
    assert summary(grep(repo.root, ["src/**"], ("tests/**",))) == [
        ("src/auth/login.py", 1, 11, "SPEC-0042/FR-3", "SPEC-0042/FR-3"),
        ("src/auth/login.py", 4, 13, "SPEC-0042/FR-4", "SPEC-0042/FR-4"),
        ("src/auth/session.go", 3, 21, "SPEC-0042/FR-6", "SPEC-0042/FR-6"),
        ("src/core/lib.rs", 1, 5, "SPEC-0042/FR-3", "SPEC-0042/FR-3"),
        ("src/core/limits.c", 1, 18, "SPEC-0042/FR-5", "SPEC-0042/FR-5"),
        ("src/core/old.py", 1, 36, "spec-0042/fr-1", "spec-0042/fr-1"),
        ("src/db/Store.java", 2, 15, "ADR-0001/O-1", "ADR-0001/O-1"),
        ("src/web/app.ts", 1, 22, "SPEC-0042/NFR-1", "SPEC-0042/NFR-1"),
    ]


def test_tags_in_test_files(repo: GitRepo) -> None:
    assert summary(grep(repo.root, ["tests/**"])) == [
        ("tests/login.spec.js", 1, 5, "SPEC-0042/FR-6", "SPEC-0042/FR-6"),
        ("tests/login_test.go", 1, 10, "SPEC-0042/FR-4", "SPEC_0042_FR_4"),
        ("tests/test_login.py", 1, 10, "SPEC-0042/FR-3", "spec_0042_fr_3"),
    ]


def test_globs_are_gits_and_exclusions_win(repo: GitRepo) -> None:
    files = {tag.file for tag in grep(repo.root, ["**/*.py"])}
    assert files == {"src/auth/login.py", "src/core/old.py", "tests/test_login.py"}
    assert {tag.file for tag in grep(repo.root, ["*.py"])} == set()  # `*` stays in its folder
    assert {tag.file for tag in grep(repo.root, ["src/**", "tests/**"], ("**/*.py",))} == {
        "src/auth/session.go", "src/core/lib.rs", "src/core/limits.c", "src/db/Store.java",
        "src/web/app.ts", "tests/login.spec.js", "tests/login_test.go"}


def test_no_globs_no_scan(tmp_path: Path) -> None:
    assert grep_tracked_files(tmp_path, "x", []) == []  # not even a repository is needed


def test_places_never_scanned(repo: GitRepo) -> None:
    repo.commit("Specs", {"src/specs/SPEC-0042.yaml": "depends_on: [SPEC-0042/FR-1]\n",
                          "src/pages/SPEC-0042.md": "SPEC-0042/FR-1\n"})
    never = (SpecLocation("folder", "specs"), SpecLocation("glob", "pages/*.md"))
    files = {tag.file for tag in grep(repo.root, ["**"], cwd=repo.root / "src", never=never)}
    assert "src/auth/login.py" in files
    assert files.isdisjoint({"src/specs/SPEC-0042.yaml", "src/pages/SPEC-0042.md"})


def test_a_glob_may_leave_the_configurations_folder_not_the_repository(repo: GitRepo) -> None:
    (repo.root / "docs").mkdir(exist_ok=True)
    assert {tag.file for tag in grep(repo.root, ["../tests/*.go"], cwd=repo.root / "docs")} \
        == {"tests/login_test.go"}
    with pytest.raises(HistoryError, match=r"git grep failed: .*outside"):
        grep(repo.root, ["../../elsewhere/**"], cwd=repo.root / "docs")


def test_outside_a_repository(tmp_path: Path) -> None:
    with pytest.raises(NotARepositoryError, match="is not inside a git repository"):
        grep_tracked_files(tmp_path, "x", ["src/**"])


def test_only_tracked_text_files_are_searched(repo: GitRepo) -> None:
    repo.commit("Binary", {"src/logo.bin": b"\x00\x01SPEC-0042/FR-2\n"})
    repo.write("src/untracked.py", "# SPEC-0042/FR-1\n")
    repo.write("src/auth/login.py", "# SPEC-0042/FR-9 in the work tree\n")  # modified, tracked
    tags = grep(repo.root, ["src/**"])
    assert ("src/auth/login.py", 1, 3, "SPEC-0042/FR-9", "SPEC-0042/FR-9") in summary(tags)
    assert {tag.file for tag in tags}.isdisjoint({"src/untracked.py", "src/logo.bin"})


def test_utf16_and_utf32_files_with_a_byte_order_mark_are_read(repo: GitRepo) -> None:
    """trial27b B5: git calls UTF-16 text binary (its NUL bytes); Windows editors and
    `working-tree-encoding=UTF-16` write it with a mark, by which it is found and read."""
    text = "// \u00e9t\u00e9 \U0001f600 SPEC-0042/FR-3\r\n\n  # SPEC-0042/FR-4\n"
    repo.commit("Wide text", {
        "src/Limits.cs": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "src/Big.cs": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "src/Wide.rc": text.encode("utf-32"),  # its mark first, in this machine's order
        "src/Wider.rc": codecs.BOM_UTF32_BE + text.encode("utf-32-be"),
        "src/NoMark.cs": text.encode("utf-16-le"),  # binary to git: no mark says otherwise
        "src/logo.bin": b"\xff\xfe\x00\x01SPEC-0042/FR-2\n\xfe\xff",  # binary, no text
    })
    tags = summary(grep(repo.root, ["src/**/*.cs", "src/*.rc", "src/*.bin"]))
    for path in ("src/Big.cs", "src/Limits.cs", "src/Wide.rc", "src/Wider.rc"):
        assert [tag for tag in tags if tag[0] == path] == [
            (path, 1, 10, "SPEC-0042/FR-3", "SPEC-0042/FR-3"),  # code points
            (path, 3, 5, "SPEC-0042/FR-4", "SPEC-0042/FR-4")]
    assert {tag[0] for tag in tags} == {"src/Big.cs", "src/Limits.cs", "src/Wide.rc",
                                        "src/Wider.rc"}


def test_files_with_a_working_tree_encoding_are_read_in_it(repo: GitRepo) -> None:
    """git grep reads the work tree's bytes: a file git keeps in UTF-16LE without a mark,
    or in Shift-JIS, is read in the encoding its attribute names."""
    tag = "# \u00e9t\u00e9 SPEC-0042/FR-3\r\n"
    repo.commit("Encoded", {
        ".gitattributes": "*.ps1 text working-tree-encoding=UTF-16LE\n"
                          "*.bom.ps1 text working-tree-encoding=UTF-16LE-BOM\n"
                          "*.sjis.txt working-tree-encoding=SHIFT-JIS\n",
        "src/Build.ps1": tag.encode("utf-16-le"),
        "src/Make.bom.ps1": codecs.BOM_UTF16_LE + tag.encode("utf-16-le"),
        "src/notes.sjis.txt": "\u8981\u4ef6 SPEC-0042/FR-4\n".encode("shift_jis"),
    })
    assert summary(grep(repo.root, ["src/*.*"])) == [
        ("src/Build.ps1", 1, 7, "SPEC-0042/FR-3", "SPEC-0042/FR-3"),
        ("src/Make.bom.ps1", 1, 7, "SPEC-0042/FR-3", "SPEC-0042/FR-3"),
        ("src/notes.sjis.txt", 1, 4, "SPEC-0042/FR-4", "SPEC-0042/FR-4")]
    everything = [(tag.file, tag.line) for tag in grep(repo.root, ["src/**"])]
    assert everything == sorted(everything) and ("src/Build.ps1", 1) in everything
    (repo.root / ".gitattributes").write_text("*.ps1 working-tree-encoding=NO-SUCH\n")
    with pytest.raises(HistoryError, match=r"src/Build.ps1, a tracked file trace searches: "
                                           r"its working-tree-encoding 'NO-SUCH'"):
        grep(repo.root, ["src/**"])


def test_a_wide_text_file_is_read_from_the_top_when_run_in_a_subfolder(
        repo: GitRepo) -> None:
    repo.commit("Wide text", {
        "src/auth/Win.ps1": codecs.BOM_UTF16_LE + "# SPEC-0042/FR-6\n".encode("utf-16-le")})
    assert summary(grep(repo.root, ["auth/*.ps1"], cwd=repo.root / "src")) == [
        ("src/auth/Win.ps1", 1, 3, "SPEC-0042/FR-6", "SPEC-0042/FR-6")]


def test_awkward_paths_and_lines(repo: GitRepo) -> None:
    repo.commit("Awkward", {
        "src/a b:c.py": "# SPEC-0042/FR-1\r\n",
        "src/new\nline.py": "x = 1  # SPEC-0042/FR-2\n",
        "src/ünï.py": "# ü SPEC-0042/FR-3\n",
        "src/latin1.py": b"# caf\xe9 SPEC-0042/FR-4\n",
        "src/late-nul.txt": b"x" * 9000 + b"\x00 SPEC-0042/FR-5\n",
        "src/caf\udce9.py": "# SPEC-0042/FR-6\n",  # a Latin-1 name: b"caf\xe9.py"
    })
    tags = {tag.file: (tag.line, tag.column, str(tag.reference))
            for tag in grep(repo.root, ["src/**"])}
    assert tags["src/a b:c.py"] == (1, 3, "SPEC-0042/FR-1")
    assert tags["src/new\nline.py"] == (1, 10, "SPEC-0042/FR-2")
    assert tags["src/ünï.py"] == (1, 5, "SPEC-0042/FR-3")
    assert tags["src/latin1.py"] == (1, 8, "SPEC-0042/FR-4")
    assert tags["src/late-nul.txt"] == (1, 9003, "SPEC-0042/FR-5")
    # A name that is not UTF-8 keeps its byte (PEP 383), as the last touches name it.
    assert tags["src/caf\udce9.py"] == (1, 3, "SPEC-0042/FR-6")
    assert "src/caf\udce9.py" in last_touches(repo.root, ["src/**"])


def test_the_users_git_configuration_changes_nothing(repo: GitRepo) -> None:
    expected = summary(grep(repo.root, ["src/**", "tests/**"]))
    for key, value in [("color.ui", "always"), ("color.grep", "always"), ("grep.column", "true"),
                       ("grep.lineNumber", "false"), ("grep.patternType", "fixed"),
                       ("grep.extendedRegexp", "false"), ("grep.fullName", "false"),
                       ("submodule.recurse", "true"), ("core.quotePath", "true")]:
        repo.git("config", key, value)
    assert summary(grep(repo.root, ["src/**", "tests/**"])) == expected


def test_run_in_a_subfolder_globs_are_relative_and_paths_full(repo: GitRepo) -> None:
    tags = grep(repo.root, ["auth/*.py"], cwd=repo.root / "src")
    assert summary(tags) == [
        ("src/auth/login.py", 1, 11, "SPEC-0042/FR-3", "SPEC-0042/FR-3"),
        ("src/auth/login.py", 4, 13, "SPEC-0042/FR-4", "SPEC-0042/FR-4")]


def test_nothing_found(repo: GitRepo) -> None:
    assert grep(repo.root, ["docs/none/**"]) == []
    assert grep_lines(b"") == []


PATHS = st.binary(min_size=1, max_size=12).filter(lambda path: b"\0" not in path)
LINES = st.lists(st.sampled_from([b"SPEC-0042/FR-3", b"spec_0042_fr_1", b" ", b"\0", b"\xff",
                                  b"x", b"/", b"\r"]), max_size=6).map(b"".join)


@fuzz(100)
@given(st.lists(st.tuples(PATHS, st.integers(1, 10**6), LINES), max_size=5))
def test_every_record_is_read(records: list[tuple[bytes, int, bytes]]) -> None:
    output = b"".join(b"%s\0%d\0%s\n" % record for record in records)
    expected = [(os.fsdecode(path), number, found.column, str(found.reference))
                for path, number, text in records
                for found in _first_of_each(FINDER.find(text.decode("utf-8", "replace")))]
    assert [(tag.file, tag.line, tag.column, str(tag.reference))
            for tag in tags_of_lines(grep_lines(output), FINDER)] == expected


def _first_of_each(found: Iterable[FoundReference]) -> list[FoundReference]:
    """The first occurrence of each reference on a line (a line is one link)."""
    first: dict[object, FoundReference] = {}
    for each in found:
        first.setdefault(each.reference, each)
    return list(first.values())


def test_last_touches_in_one_walk(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "touched")
    first = repo.commit("Code", {"src/a.py": "a\n", "src/b.py": "b\n", "tests/t.py": "t\n",
                                 "specs/SPEC-0001.yaml": "x\n"})
    second = repo.commit("Touch a", {"src/a.py": "a2\n"})
    repo.git("checkout", "-q", "-b", "side")
    third = repo.commit("Touch t on a branch", {"tests/t.py": "t2\n"})
    repo.git("checkout", "-q", "main")
    repo.merge("side")
    repo.commit("Delete b", {"src/b.py": None})
    touches = last_touch(repo.root, ["src/**", "tests/**", "specs/**"],
                         never=(SpecLocation("folder", "specs"),))
    assert {path: touch.commit for path, touch in touches.items()} == {
        "src/a.py": second, "tests/t.py": third, "src/b.py": touches["src/b.py"].commit}
    assert touches["src/b.py"].commit != first  # its deletion is its last touch
    assert last_touches(repo.root, []) == {}
    assert last_touches(GitRepo(tmp_path / "empty").root, ["**"]) == {}


def test_a_line_naming_one_reference_twice_is_one_tag(tmp_path: Path) -> None:
    repository = GitRepo(tmp_path / "twice")
    repository.commit("Both spellings", {"tests/test_x.py": (
        "def test_spec_0042_fr_3():  # SPEC-0042/FR-3, SPEC-0042/FR-4\n    pass\n")})
    assert summary(grep(repository.root, ["tests/**"])) == [
        ("tests/test_x.py", 1, 10, "SPEC-0042/FR-3", "spec_0042_fr_3"),
        ("tests/test_x.py", 1, 47, "SPEC-0042/FR-4", "SPEC-0042/FR-4"),
    ]


@pytest.mark.parametrize("later", ["main", "side"])
def test_parallel_edits_are_both_last_touches_whatever_their_dates(tmp_path: Path,
                                                                   later: str) -> None:
    """After a clean merge of edits made on two branches, each branch's edit is a last
    touch (neither descends from the other), whichever committer time is later; a merge
    that writes text of its own (a conflict resolved anew) is the one last touch; a mode
    change is none."""
    repo = GitRepo(tmp_path / "merged")
    start = repo.clock
    repo.commit("Code", {"src/a.py": "a\n\n\n\nb\n"})
    repo.git("checkout", "-q", "-b", "side")
    days = {"main": 10, "side": 20} if later == "side" else {"main": 20, "side": 10}
    side = repo.commit("On side", {"src/a.py": "a\n\n\n\nside\n"},
                       date=start + days["side"] * 86400,
                       committer_date=start + days["side"] * 86400)
    repo.git("checkout", "-q", "main")
    main = repo.commit("On main", {"src/a.py": "main\n\n\n\nb\n"},
                       date=start + days["main"] * 86400,
                       committer_date=start + days["main"] * 86400)
    repo.merge("side")
    (repo.root / "src/a.py").chmod(0o755)
    repo.commit("Executable")
    assert {touch.commit for touch in last_touches(repo.root, ["src/**"])["src/a.py"]} == {
        main, side}
    repo.git("checkout", "-q", "-b", "again", side)
    repo.commit("On side again", {"src/a.py": "a\n\n\n\nagain\n"})
    repo.git("checkout", "-q", "main")
    merged = repo.merge("again", files={"src/a.py": "main\n\n\n\nresolved\n"})
    assert last_touch(repo.root, ["src/**"])["src/a.py"].commit == merged
