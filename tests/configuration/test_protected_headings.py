"""A heading line in `approval: protected:` that `sections:` does not list and no spec has
or had would protect nothing: a configuration error at its line, with a did-you-mean of
its level. One that a committed spec had stays valid when the last spec removes it: that
removal is a `changed-after-approval` finding, in every command."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.history.committed_headings import committed_in
from specrepo.load.markdown_body import parse_body
from tests.history.gitrepo import GitRepo
from tests.support import fuzz, run_cli

EXAMPLE = Path(__file__).parents[2] / "examples" / "madr-markdown"


@pytest.fixture
def madr(git_repo: GitRepo) -> GitRepo:
    (git_repo.root / "specrepo.yaml").unlink()
    shutil.rmtree(git_repo.root / "specs")
    shutil.copytree(EXAMPLE, git_repo.root, dirs_exist_ok=True)
    return git_repo


def _protect(repo: GitRepo, old: str, new: str) -> str:
    config = repo.root / "specrepo.yaml"
    text = config.read_text()
    assert old in text
    config.write_text(text.replace(old, new))
    return next(f"{number}:{line.index(new) + 1}"
                for number, line in enumerate(config.read_text().splitlines(), 1)
                if new in line)


@pytest.mark.parametrize("typo", ['"## Decison Outcome"', '"### Decision Outcome"'])
def test_a_misspelled_protected_heading_is_a_configuration_error(madr: GitRepo,
                                                                typo: str) -> None:
    line = _protect(madr, '"## Decision Outcome"]', f"{typo}]")
    madr.commit("init")
    for command in (("validate",), ("validate", "--history"),
                    ("report", "--fail-on", "changed-after-approval"),
                    ("diff", "--since-approval")):
        result = run_cli(*command)
        assert result.exit_code == 2, command
        assert f"specrepo.yaml:{line}: approval.protected: '{typo.strip(chr(34))}' is a " \
               "heading that `sections:` does not list, none of the 3 spec files has, and no " \
               "commit's spec file had, so it would protect nothing" in result.output
        assert "did you mean '## Decision Outcome'?" in result.output


def test_a_heading_sections_lists_or_some_spec_has_is_protected(madr: GitRepo) -> None:
    """A heading `sections:` lists passes though no spec has it yet; one `sections:` does
    not list passes once a spec has it."""
    config = madr.root / "specrepo.yaml"
    config.write_text(config.read_text().replace(
        "sections:", 'sections:\n  - {heading: "## Rollback Plan", optional: true}', 1))
    _protect(madr, '"## Decision Outcome"]', '"## Decision Outcome", "## Rollback Plan"]')
    assert run_cli("validate").exit_code == 0
    config.write_text(config.read_text().replace(
        '\n  - {heading: "## Rollback Plan", optional: true}', ""))
    assert run_cli("validate").exit_code == 2
    _protect(madr, '"## Rollback Plan"]', '"### PostgreSQL"]')  # ADR-0001's option
    assert run_cli("validate").exit_code == 0


CONFIG = """\
specs: docs
front_matter: true
fields: {reviewers: null, authors: null, created: null, updated: null, questions: null,
         related: [], item_lists: [], superseded_by: null}
schema: s.yaml
statuses: {states: [draft, accepted], transitions: {draft: [accepted]}, in_review: [],
           approved: [accepted]}
approval: {protected: ["## Notes"]}
rules: {file-name: "off"}
"""
SCHEMA = "type: object\nrequired: [id, status]\n"
_RECORD = "---\nid: D-1\nstatus: {status}\n---\n# One\n\n## Decision\n\nYes.\n{notes}"
NOTES = "\n## Notes\n\nNever on Fridays.\n"


def _accepted_record_with_notes(repo: GitRepo) -> None:
    """trial29a M2: `## Notes`, which `sections:` does not list, only D-1 has, accepted."""
    repo.commit("init", {"specrepo.yaml": CONFIG, "s.yaml": SCHEMA,
                         "docs/d1.md": _RECORD.format(status="draft", notes=NOTES)})
    repo.commit("accept", {"docs/d1.md": _RECORD.format(status="accepted", notes=NOTES)})


_HOOK = ("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD", "--history",
         "--since", "HEAD", "--allow-shallow", "docs/d1.md")  # the pre-commit hook's


@pytest.mark.parametrize("removal", [
    _RECORD.format(status="accepted", notes=""),
    _RECORD.format(status="accepted", notes=NOTES.replace("Notes", "Remarks")),
])
def test_removing_the_last_protected_section_is_a_finding_not_a_config_error(
        git_repo: GitRepo, removal: str) -> None:
    """Removing (or rewording) the only copy of an approved protected section is what
    changed-after-approval reports: validate --history and report give that finding (exit 1),
    `diff --since-approval` and the site show it, and nothing blames specrepo.yaml; the
    pre-commit hook (the removal staged: it checks status moves) and plain validate, which
    read no approvals, pass."""
    _accepted_record_with_notes(git_repo)
    git_repo.write("docs/d1.md", removal)
    git_repo.git("add", "-A")
    hook = run_cli(*_HOOK)  # it checks staged status moves, so it passes as for any edit
    assert hook.exit_code == 0, hook.output
    git_repo.commit("remove the notes")
    for gate in (("validate", "--history"), ("report", "--fail-on", "changed-after-approval")):
        result = run_cli(*gate)
        assert result.exit_code == 1, (gate, result.output)
        assert "would protect nothing" not in result.output
    assert "body.Notes changed after D-1 was approved" in run_cli("validate",
                                                                  "--history").output
    diff = run_cli("diff", "--since-approval")
    assert diff.exit_code == 0 and "- body.Notes  removed" in diff.output  # taken out whole
    assert run_cli("validate").exit_code == 0
    assert run_cli("site", "--out", "public").exit_code == 0
    integrity = (git_repo.root / "public" / "integrity.html").read_text()
    assert "body.Notes" in integrity


def test_a_deleted_last_spec_keeps_its_protected_heading_valid(git_repo: GitRepo) -> None:
    """The only spec with the heading deleted: the heading stays valid (a commit had it).
    Deleting the accepted record is itself a finding of the history (an approved spec
    leaves the spec set), never a configuration error."""
    _accepted_record_with_notes(git_repo)
    git_repo.commit("delete", {"docs/d1.md": None, "docs/d2.md": _RECORD.format(
        status="draft", notes="").replace("D-1", "D-2")})
    for command in (("validate",), ("report",), ("diff", "--since-approval")):
        assert run_cli(*command).exit_code == 0, command
    history = run_cli("validate", "--history")
    assert history.exit_code == 1
    assert "removed the spec from the spec set" in history.output
    assert "would protect nothing" not in history.output


def test_a_typo_is_caught_with_history_and_without(git_repo: GitRepo, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A heading no spec has or had stays a configuration error; outside a git repository
    only the spec files count, and the message says so. The did-you-mean never names a
    heading of another level (the title `# One` for `## Onee`)."""
    _accepted_record_with_notes(git_repo)
    config = git_repo.root / "specrepo.yaml"
    config.write_text(CONFIG.replace('"## Notes"', '"## Notse", "## Onee"'))
    result = run_cli("validate", "--history")
    assert result.exit_code == 2
    assert "'## Notse' is a heading that `sections:` does not list, none of the 1 spec " \
           "file has, and no commit's spec file had, so it would protect nothing; did you " \
           "mean '## Notes'?" in result.output
    assert "'## Onee' is a heading" in result.output
    assert "# One'" not in result.output
    plain = tmp_path / "plain"
    shutil.copytree(git_repo.root, plain, ignore=shutil.ignore_patterns(".git"))
    (plain / "specrepo.yaml").write_text(CONFIG.replace('"## Notes"', '"## Decision", '
                                                         '"## Notes"'))
    (plain / "docs" / "d1.md").write_text(_RECORD.format(status="accepted", notes=""))
    monkeypatch.chdir(plain)
    result = run_cli("validate", env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.exit_code == 2
    assert "'## Notes' is a heading that `sections:` does not list, none of the 1 spec file " \
           "has, and there is no git history to look in" in result.output
    assert "'## Decision'" not in result.output


def test_a_shallow_clone_accepts_a_heading_no_spec_has(git_repo: GitRepo, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """CI's one-commit clone cannot see the commits that had `## Notes`: accepted there
    (a full clone tells a typo), where it once was a configuration error."""
    _accepted_record_with_notes(git_repo)
    git_repo.commit("remove the notes", {"docs/d1.md": _RECORD.format(status="accepted",
                                                                      notes="")})
    clone = tmp_path / "clone"
    git_repo.git("clone", "-q", "--depth", "1", f"file://{git_repo.root}", str(clone))
    monkeypatch.chdir(clone)
    assert run_cli("validate").exit_code == 0


@pytest.mark.parametrize(("protected", "committed"), [
    ("## Sécurité", "## SÉCURITÉ"),
    ("## SÉCURITÉ", "## sécurité"),
    ("## Straße", "## STRASSE"),
    ("## Ἀρχή", "## ἈΡΧΉ"),
    ("## Sécurité des données", "## **SÉCURITÉ** des `DONNÉES` ##"),
])
def test_a_heading_is_matched_in_history_as_in_the_files_by_unicode_case_folding(
        git_repo: GitRepo, protected: str, committed: str) -> None:
    """The spec files and the history compare a protected heading alike: its words by
    Unicode case folding (`str.casefold`: `Straße` is `STRASSE`, `é` is `É`). A heading a
    spec file has now is accepted; so is one that a removed version had (git's pickaxe
    folds ASCII letters only, and called these typos)."""
    config = CONFIG.replace('"## Notes"', f'"{protected}"')
    notes = NOTES.replace("## Notes", committed)
    git_repo.commit("init", {"specrepo.yaml": config, "s.yaml": SCHEMA,
                             "docs/d1.md": _RECORD.format(status="draft", notes=notes)})
    assert run_cli("validate").exit_code == 0  # the file has it now
    git_repo.commit("remove", {"docs/d1.md": _RECORD.format(status="draft", notes="")})
    result = run_cli("validate")
    assert result.exit_code == 0, result.output  # a committed version had it
    other = CONFIG.replace('"## Notes"', f'"{protected}x"')
    git_repo.commit("typo", {"specrepo.yaml": other})
    result = run_cli("validate")
    assert result.exit_code == 2 and "no commit's spec file had" in result.output


_WORDS = st.lists(st.text(st.characters(categories=("L", "N")), min_size=1, max_size=8),
                  min_size=1, max_size=4)


@fuzz(60)
@given(level=st.integers(1, 6), words=_WORDS, note=st.booleans(), closing=st.booleans())
def test_a_heading_line_shows_in_history_the_words_the_spec_files_compare(
        level: int, words: list[str], note: bool, closing: bool) -> None:
    """Whatever its letters, a heading line (as written, upper-cased, case-folded, in
    Unicode NFD or with a zero-width space inside) is in history the heading the spec
    files' parser says it is (`heading_key`: `base.caseless`), and no other: the two sides
    of `approval: protected:` agree."""
    text = " ".join(words) + (" [optional]" if note else "")
    [heading] = parse_body(f"{'#' * level} {text}\n").headings
    for written in (text, text.upper(), text.casefold(), unicodedata.normalize("NFD", text),
                    text[:1] + "\u200b" + text[1:]):
        line = f"{'#' * level} {written}" + (" ##" if closing else "")
        [shown] = parse_body(line + "\n").headings
        assert (committed_in([heading], [line]) == {heading}) == \
            ((shown.level, shown.key) == (heading.level, heading.key))
    assert committed_in([heading], [f"{'#' * level} {text}"]) == {heading}
    assert committed_in([heading], [f"{'#' * level}# {text}"]) == set()


def test_a_look_alike_protected_heading_is_shown_apart_from_the_heading_meant(
        madr: GitRepo) -> None:
    """newuser71: a Cyrillic o in `Decision Outcome` read "'## Decision Outcome' is a
    heading that `sections:` does not list ...; did you mean '## Decision Outcome'?"."""
    _protect(madr, '"## Decision Outcome"]', '"## Decision Outc\u043eme"]')
    madr.commit("init")
    result = run_cli("validate")
    assert result.exit_code == 2
    assert "'## Decision Outc<U+043E>me' is a heading that `sections:` does not list" \
        in result.output
    assert "did you mean '## Decision Outcome'?" in result.output
