"""`specrepo diff`'s formats on a real repository: what a reviewer reads, item by item (text,
colour only on a terminal; Markdown as GitHub parses it, under its size limit; JSON valid
against its schema); and that only the changed specs are read."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from specrepo.commands.diff import DiffOptions, run
from specrepo.compare.text_diff import word_diff
from specrepo.configuration.config_file import load_config
from specrepo.gitio.objects import ObjectReader
from specrepo.history.versions import VersionReader
from specrepo.load.schema_source import bundled_schema
from specrepo.model.change_paths import ItemId
from specrepo.model.diff import Change, Diff, SpecDiff, SpecVersion
from specrepo.output.diff import write_diff
from specrepo.output.job_summary import GITHUB_SUMMARY_LIMIT
from tests.history.gitrepo import GitRepo
from tests.render.markdown_support import headings, parse, tables
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
BEFORE = """\
id: SPEC-0001
title: Rate limits
status: Draft
authors: [Ada Lovelace]
created: 2026-01-02
updated: 2026-01-03
summary: >-
  Clients that send too many requests are slowed down, not refused, so that a burst from
  one client never takes the service down for the others.
goals:
  primary:
    - Keep the API up under load
    - Be fair between clients
requirements:
  functional:
    - {id: FR-1, description: Count requests per key., priority: P1}
    - {id: FR-2, description: Answer 429 over the limit., priority: P1}
design:
  data_model:
    - name: bucket
      language: sql
      code: |
        CREATE TABLE bucket (
          key TEXT PRIMARY KEY,
          tokens INTEGER NOT NULL
        );
open_questions:
  - {id: Q-1, question: Per key or per user?}
  - {id: Q-2, question: How large a burst?}
"""
AFTER = (BEFORE
         .replace("slowed down, not refused,", "slowed down first, then refused,")
         .replace("    - Keep the API up under load\n", "")
         .replace("    - Be fair between clients\n",
                  "    - Be fair between clients\n    - Cost nothing when idle\n")
         .replace("  functional:\n",
                  "  functional:\n    - {id: FR-5, description: Log refusals., priority: P2}\n")
         .replace("Count requests per key., priority: P1", "Count requests per key., priority: P0")
         .replace("    - {id: FR-2, description: Answer 429 over the limit., priority: P1}\n", "")
         .replace("tokens INTEGER NOT NULL\n",
                  "tokens INTEGER NOT NULL,\n          refilled TIMESTAMP NOT NULL\n")
         .replace("{id: Q-2, question: How large a burst?}",
                  "{id: Q-2, question: How large a burst?, state: resolved, "
                  "resolution: Twice the rate.}"))
SCHEMA = bundled_schema("diff.schema.json")


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("Start", {PATH: BEFORE})
    git_repo.commit("Rework", {PATH: AFTER})
    return git_repo


def shown(output_format: str, *arguments: str) -> str:
    result = run_cli("diff", "HEAD~1..HEAD", "--format", output_format, *arguments)
    assert result.exit_code == 0, result.output
    return result.output


def test_text_names_each_change_by_item_id_never_by_position(repo: GitRepo) -> None:
    text = shown("text")
    assert "SPEC-0001: Rate limits  (modified)" in text
    assert "~ summary  changed" in text
    assert "summary: Clients that send too many requests are slowed down{+ first+}, " \
           "[-not-]{+then+} refused, so that" in text  # prose: a word diff
    assert "+ goals.primary: Cost nothing when idle" in text  # no ids: by content
    assert "- goals.primary: Keep the API up under load" in text
    assert "+ requirements.functional[FR-5]  item added" in text
    assert "- requirements.functional[FR-2]  item removed" in text
    assert "priority: P1 -> P0" in text
    assert "~ open_questions[Q-2]  item changed" in text
    assert "+ state: resolved" in text
    code = text[text.index("design.data_model[bucket]"):]  # code: a unified diff
    assert "@@ -1,4 +1,5 @@" in code and "-  tokens INTEGER NOT NULL\n" in code
    assert "+  refilled TIMESTAMP NOT NULL" in code
    assert "\x1b[" not in text
    assert text.endswith("1 spec changed: 1 modified.\n")


def test_markdown_parses_as_a_section_per_spec_with_a_table_of_item_changes(
        repo: GitRepo) -> None:
    markdown = shown("markdown")
    assert headings(markdown) == [(2, "Spec changes from HEAD~1 to HEAD"),
                                  (3, "SPEC-0001: Rate limits")]
    [changes] = tables(markdown)
    assert changes.header == ("", "item or section", "what changed")
    rows = {(row[0], row[1]): row[2] for row in changes.rows}
    assert rows[("changed", "summary")] == "summary (changed, below)"
    assert rows[("added", "requirements.functional[FR-5]")] == "(below)"
    assert rows[("removed", "requirements.functional[FR-2]")] == "(below)"
    assert rows[("changed", "requirements.functional[FR-1]")] == "priority: P1 → P0"
    assert rows[("changed", "goals.primary")] == (
        "goals.primary: added: Cost nothing when idle<br>"
        "goals.primary: removed: Keep the API up under load")
    assert rows[("changed", "open_questions[Q-2]")] == (
        "state: added: resolved<br>resolution: added: Twice the rate.")
    tokens = parse(markdown)
    fences = [token for token in tokens if token.type == "fence"]
    assert [fence.info for fence in fences] == ["yaml", "yaml", "diff"]
    assert "+  refilled TIMESTAMP NOT NULL\n" in fences[2].content
    inline = [child for token in tokens for child in token.children or []]
    assert [child.content for child in inline if child.type == "html_inline"
            and child.content in ("<del>", "<ins>")] == ["<ins>", "<del>", "<ins>"]
    assert not [token for token in tokens if token.type == "html_block"]


def test_json_is_valid_against_its_schema_and_keyed_by_item(repo: GitRepo) -> None:
    data = json.loads(shown("json"))
    jsonschema.validate(data, SCHEMA)
    groups = [(group["kind"], group["path_text"]) for group in data["specs"][0]["changes"]]
    assert ("item-added", "requirements.functional[FR-5]") in groups
    assert ("item-removed", "requirements.functional[FR-2]") in groups
    assert ("item-changed", "open_questions[Q-2]") in groups
    paths = [change["path_text"] for group in data["specs"][0]["changes"]
             for change in group["changes"]]
    assert "design.data_model[bucket].code" in paths
    assert not any(part.isdigit() for path in paths for part in path.split("."))


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_each_format_is_byte_identical_run_after_run(repo: GitRepo, output_format: str) -> None:
    assert shown(output_format) == shown(output_format)


def test_colour_only_on_a_terminal(repo: GitRepo) -> None:
    command = [sys.executable, "-m", "specrepo", "diff", "HEAD~1..HEAD"]
    environment = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    piped = subprocess.run(command, cwd=repo.root, capture_output=True, env=environment,
                           check=True).stdout
    assert b"\x1b[" not in piped and b"[-not-]{+then+}" in piped
    main, terminal = pty.openpty()
    try:
        subprocess.run(command, cwd=repo.root, stdout=terminal, stderr=subprocess.DEVNULL,
                       env=environment, check=True)
        os.close(terminal)
        coloured = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal's other end is closed: all was read
                break
            if not chunk:
                break
            coloured += chunk
    finally:
        os.close(main)
    assert b"\x1b[31mnot\x1b[0m\x1b[32mthen\x1b[0m" in coloured and b"[-" not in coloured
    no_colour = subprocess.run(command, cwd=repo.root, capture_output=True, check=True,
                               env={**environment, "NO_COLOR": "1"}).stdout
    assert b"\x1b[" not in no_colour


def test_a_text_of_several_lines_keeps_its_lines_in_the_text_format() -> None:
    """A Markdown section's word diff reads as the section does, line by line (as `git diff
    --word-diff` writes it), never as one line of `\\n` escapes; other control characters
    are still escaped."""
    before = "## Context\n\nAbout 40,000 jobs a day\nsurvive a restart."
    after = "## Context\n\nAbout 50,000 jobs a day\nsurvive a restart.\x1b"
    change = Change("changed", ("body", "Context"), before, after, text=word_diff(before, after))
    old = SpecVersion("ADR-0001", PATH, "a" * 40, "Queue")
    stream = io.StringIO()
    write_diff(stream, "text", Diff("main", "topic", (SpecDiff(old, old, (change,)),), None, ()))
    lines = stream.getvalue().splitlines()
    start = lines.index("      body.Context:")
    assert lines[start + 1:start + 5] == [
        "        ## Context", "", "        About [-40-]{+50+},000 jobs a day",
        "        survive a restart[-.-]{+.\\x1b+}"]


def test_markdown_is_cut_between_specs_and_names_those_left_out() -> None:
    """Trial 28: a cut left a spec's "(changed, below)" without what was below, and counted
    "blocks"; it falls between two specs now, naming the specs that did not fit."""
    specs = tuple(SpecDiff(SpecVersion(f"SPEC-{number:04d}", PATH, "a" * 40, "Rate limits"),
                           SpecVersion(f"SPEC-{number:04d}", PATH, "b" * 40, "Rate limits"),
                           (Change("changed", ("summary",), before="word " * 300,
                                   after="other " * 300),))
                  for number in range(1, 30))
    diff = Diff("main", "topic", specs, None, ("a warning",))
    stream = io.StringIO()
    write_diff(stream, "markdown", diff, limit=20000)
    markdown = stream.getvalue()
    assert len(markdown.encode()) <= 20000
    *shown, note = markdown.rstrip().split("\n\n")
    kept = [block for block in shown if block.startswith("### SPEC-")]
    assert kept and len(kept) < 29
    assert shown[-2] == "after:" and shown[-1].startswith("```yaml")  # the last spec whole
    left = 29 - len(kept)
    assert note.startswith(f"**Truncated:** {left} more specs (SPEC-{len(kept) + 1:04d}, ")
    assert "**Warning:** a warning" in markdown


def test_markdown_stays_under_the_job_summary_limit_and_says_what_it_left_out() -> None:
    """A diff far over 1 MiB (2,000 requirements added, each with a long description) is cut
    at a block boundary, with a note, and still parses."""
    changes = tuple(Change("added", ("requirements", "functional", ItemId(f"FR-{number}")),
                           after={"id": f"FR-{number}", "description": "word " * 200})
                    for number in range(2000))
    old = SpecVersion("SPEC-0001", PATH, "a" * 40, "Rate limits")
    diff = Diff("main", "topic", (SpecDiff(old, old, changes),), None, ())
    stream = io.StringIO()
    write_diff(stream, "markdown", diff)
    markdown = stream.getvalue()
    assert 900 * 1024 < len(markdown.encode()) <= GITHUB_SUMMARY_LIMIT
    assert markdown.rstrip().endswith("`specrepo diff --format json` has everything.")
    assert "**Truncated:** SPEC-0001 is cut short; 0 more block(s)" not in markdown
    assert "**Truncated:** SPEC-0001 is cut short; " in markdown
    assert sum(1 for token in parse(markdown) if token.type == "fence") > 100
    assert markdown.count("```") % 2 == 0  # no fence left open
    small = io.StringIO()
    write_diff(small, "markdown", diff, limit=65536)
    assert len(small.getvalue().encode()) <= 65536


def test_a_pull_request_touching_3_of_many_specs_reads_6_blobs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "many")
    for number in range(1, 41):
        repo.write(f"specs/SPEC-{number:04d}.yaml",
                   BEFORE.replace("SPEC-0001", f"SPEC-{number:04d}"))
    repo.commit("Forty specs")
    repo.git("checkout", "-q", "-b", "topic")
    touched = [f"specs/SPEC-{number:04d}.yaml" for number in (3, 17, 40)]
    repo.commit("Rework three", {path: AFTER.replace("SPEC-0001", Path(path).stem)
                                 for path in touched})
    parsed: list[str] = []
    blobs: list[str] = []
    parse_blob = VersionReader.read_with_content
    read_blob = ObjectReader.read

    def counted_parse(self: VersionReader, raw: bytes, path: str, **options: bool) -> Any:
        parsed.append(path)
        return parse_blob(self, raw, path, **options)

    def counted_read(self: ObjectReader, blob: str, path: str) -> Any:
        blobs.append(path)
        return read_blob(self, blob, path)

    monkeypatch.setattr(VersionReader, "read_with_content", counted_parse)
    monkeypatch.setattr(ObjectReader, "read", counted_read)
    result = run(load_config(None, repo.root), DiffOptions(("main...topic",),
                                                           folder=repo.root))
    assert [spec.new.path for spec in result.diff.changed if spec.new] == touched
    assert sorted(parsed) == sorted(blobs) == sorted(touched * 2)


def test_markdown_mentions_nobody() -> None:
    """Trial 28: a pull-request comment of the diff notified every `@handle` it named; an
    e-mail address and code stay as written."""
    changes = (Change("added", ("reviewers",), after="@acme/security-team"),
               Change("changed", ("summary",), before="Ask @ada.", after="Ask ada@example.com"))
    old = SpecVersion("SPEC-0001", PATH, "a" * 40, "Rate limits")
    stream = io.StringIO()
    write_diff(stream, "markdown", Diff("main", "topic", (SpecDiff(old, old, changes),),
                                       None, ()))
    markdown = stream.getvalue()
    assert "@&#8203;acme/security-team" in markdown and "@&#8203;ada" in markdown
    assert "ada@example.com" in markdown
    assert not re.search(r"(?<![\w`\[])@(?!&#8203;)\w", markdown.replace("ada@example", ""))


def test_a_change_of_type_only_shows_which_is_text() -> None:
    """trial36, trial36c: `limit: 1 -> "1"` was shown `1 -> 1` (text as written, the rest
    as JSON), an item `"1"` added beside `1` removed read alike, empty text was invisible:
    text that would read as another type is shown as JSON, in text and Markdown."""
    changes = (*(Change("changed", (name,), before=before, after=after) for name, before,
                       after in (("limit", 1, "1"), ("flag", True, "true"),
                                 ("note", None, "null"), ("owner", "Ada", "Grace"),
                                 ("empty", None, ""))),
               Change("added", ("list",), after="1"), Change("removed", ("list",), before=1))
    diff = Diff("main", "topic", (SpecDiff(SpecVersion("SPEC-0001", PATH, "a" * 40, "T"),
                                           SpecVersion("SPEC-0001", PATH, "b" * 40, "T"),
                                           changes),), None, ())
    texts = {}
    for output_format in ("text", "markdown"):
        stream = io.StringIO()
        write_diff(stream, output_format, diff, limit=20000)
        texts[output_format] = stream.getvalue()
    for line in ('limit: 1 -> "1"', 'flag: true -> "true"', 'note: null -> "null"',
                 "owner: Ada -> Grace", 'empty: null -> ""', '+ list: "1"', "- list: 1"):
        assert line in texts["text"]
    for cell in ('`limit`: 1 → "1"', '`flag`: true → "true"', '`note`: null → "null"',
                 "`owner`: Ada → Grace"):
        assert cell in texts["markdown"]


def test_a_markdown_section_added_or_removed_says_so_and_shows_its_lines(
        git_repo: GitRepo) -> None:
    """trial43b diff-markdown-added-section-as-yaml-scalar: a Markdown spec's section added
    was "changed" in the table and shown as one quoted YAML scalar (`'## Risks` and doubled
    blank lines); it is "added" (text: `+`), and its lines are shown as the file has them."""
    git_repo.write("specrepo.yaml", "specs: specs\nfront_matter: true\n"
                   "rules: {file-name: off}\n")
    head = "---\nid: SPEC-0001\ntitle: T\nstatus: Draft\nauthors: [Ada]\n---\n\n# T\n\n"
    git_repo.commit("a", {"specs/a.md": head + "## Summary\n\ntext\n\n## Gone\n\nold words\n"})
    git_repo.commit("b", {"specs/a.md": head + "## Summary\n\ntext\n\n## Risks\n\nsome risk\n"
                                              "* a `tick`\n"})
    markdown = run_cli("diff", "HEAD~1", "HEAD", "--format", "markdown").stdout
    [changes] = tables(markdown)
    assert [row[:2] for row in changes.rows] == [("added", "body.Risks"),
                                                 ("removed", "body.Gone")]
    fences = [token for token in parse(markdown) if token.type == "fence"]
    assert [(fence.info, fence.content) for fence in fences] == [
        ("markdown", "## Risks\n\nsome risk\n* a `tick`\n"),
        ("markdown", "## Gone\n\nold words\n")]
    text = run_cli("diff", "HEAD~1", "HEAD").stdout
    assert "  + body.Risks  added\n" in text and "  - body.Gone  removed\n" in text


def test_a_cut_note_gives_the_limit_asked_for_and_counts_only_what_it_left_out(
        git_repo: GitRepo) -> None:
    """newuser74 #32: `--max-bytes 9000` with one long requirement added said "5 more
    block(s) did not fit in 8 KiB": the limit rounded down to one not asked for, and the
    spec's blocks shown counted as left out. It names 9000 bytes and counts the one block
    left out of the spec's."""
    git_repo.commit("Start", {PATH: BEFORE})
    git_repo.commit("Long", {PATH: BEFORE.replace("  functional:\n", (
        "  functional:\n    - {id: FR-9, priority: P2, description: " + "word " * 2000 + "}\n"))})
    markdown = shown("markdown", "--max-bytes", "9000")
    assert len(markdown.encode()) <= 9000
    *blocks, note = markdown.rstrip("\n").split("\n\n")
    shown_of_spec = len(blocks) - blocks.index("### SPEC-0001: Rate limits")
    assert shown_of_spec == 4  # its heading, what it is, its table, the item's label
    assert note == ("**Truncated:** SPEC-0001 is cut short; 1 of its 5 blocks did not fit in "
                    "9000 bytes; `specrepo diff --format json` has everything.")
