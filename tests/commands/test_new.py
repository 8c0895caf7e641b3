"""`specrepo new` from the repository's own template (`new.template`, `new.file_name`): the
name it gives, the next free id, and the refusals that leave nothing written."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from specrepo.base.errors import ConfigError, OutputError, UsageError
from specrepo.base.paths import display_path
from specrepo.check import spec_ids
from specrepo.check.spec_file_check import read_spec
from specrepo.commands.new import NewSpec, create_spec, resolve_author
from specrepo.load import spec_files
from specrepo.load.front_matter import load_front_matter
from specrepo.model.config import Config
from specrepo.model.fields import DEFAULT_FIELDS
from specrepo.model.spec_record import record_from_content

NEW = NewSpec("Cache  order\ttotals", "Ada", date(2026, 1, 2))
RECORD = """---
id: {{id}}
status: proposed
date: {{date}}
---
# {{title}}

Record {{number}}, by {{author}}: {{ page.url }}.
"""


def repository(tmp_path: Path, template: str, *, front_matter: bool = True,
               file_name: str | None = None, prefix: str = "ADR") -> Config:
    (tmp_path / "decisions").mkdir(exist_ok=True)
    suffix = ".md" if front_matter else ".yaml"
    (tmp_path / f"template{suffix}").write_text(template, encoding="utf-8")
    return Config(root=tmp_path, spec_locations=("decisions",), id_prefix=prefix,
                  front_matter=front_matter, new_template=tmp_path / f"template{suffix}",
                  new_file_name=file_name)


def files(config: Config) -> list[str]:
    return sorted(path.name for path in (config.root / "decisions").iterdir())


def test_a_markdown_spec_gets_the_next_id_and_its_placeholders_filled(tmp_path: Path) -> None:
    config = repository(tmp_path, RECORD)
    (tmp_path / "decisions" / "0001-old.md").write_text("---\nid: ADR-0001\n---\n# Old\n")
    (tmp_path / "decisions" / "0007-newer.md").write_text("---\nid: ADR-0007\n---\n# Newer\n")
    path = create_spec(config, NEW)
    assert path == tmp_path / "decisions" / "ADR-0008-cache-order-totals.md"
    text = path.read_text(encoding="utf-8")
    assert text == ('---\nid: "ADR-0008"\nstatus: proposed\ndate: "2026-01-02"\n---\n'
                    "# Cache order totals\n\nRecord 0008, by Ada: {{ page.url }}.\n")
    assert load_front_matter(text.encode()).document.data == {
        "id": "ADR-0008", "status": "proposed", "date": "2026-01-02"}


def test_the_file_name_follows_new_file_name(tmp_path: Path) -> None:
    config = repository(tmp_path, RECORD, file_name="{{number}}-{{slug}}.md")
    assert create_spec(config, NEW).name == "0001-cache-order-totals.md"


def test_a_template_without_an_id_is_named_by_its_slug_and_needs_no_numbering(
        tmp_path: Path) -> None:
    config = repository(tmp_path, "---\ntitle: {{slug}}\n---\n# {{title}}\n")
    (tmp_path / "decisions" / "not-a-spec.md").write_text("no front matter\n")
    path = create_spec(config, NEW)  # the unreadable file is never read for an id
    assert path.name == "cache-order-totals.md"
    assert path.read_text() == '---\ntitle: "cache-order-totals"\n---\n# Cache order totals\n'


def test_a_yaml_template_is_quoted_throughout(tmp_path: Path) -> None:
    config = repository(tmp_path, "id: {{id}}\ntitle: {{title}}\nnote: '{{author}}'\n",
                        front_matter=False, prefix="RFC")
    path = create_spec(config, NewSpec('Say "hi": now', "Ada", date(2026, 1, 2)))
    assert path.name == "RFC-0001-say-hi-now.yaml"
    assert path.read_text() == 'id: "RFC-0001"\ntitle: "Say \\"hi\\": now"\nnote: "Ada"\n'


def test_a_file_name_may_name_folders_below_the_spec_folder(tmp_path: Path) -> None:
    """The KEP layout: `keps/NNNN-name/README.md`."""
    config = repository(tmp_path, RECORD, file_name="{{number}}-{{slug}}/README.md")
    assert create_spec(config, NEW) == \
        tmp_path / "decisions" / "0001-cache-order-totals" / "README.md"


KEP = "---\nkep-number: {{number}}\nstatus: provisional\n---\n# KEP-{{number}}: {{title}}\n"


@pytest.mark.parametrize(("existing", "expected"), [("0001", "0002"), ("1003", "1004")])
def test_bare_number_ids_are_taken_too(tmp_path: Path, existing: str, expected: str) -> None:
    """KEPs number themselves bare (`kep-number: "0001"`): the next number is past theirs,
    and a template using only {{number}} names the file by it."""
    config = replace(repository(tmp_path, KEP, prefix="KEP"),
                     fields=replace(DEFAULT_FIELDS, id=("kep-number",), title=None,
                                    read_as_text=(("kep-number",),)))
    (tmp_path / "decisions" / f"{existing}-old.md").write_text(
        f'---\nkep-number: "{existing}"\nstatus: provisional\n---\n# Old\n')
    path = create_spec(config, NEW)
    assert path.name == f"{expected}-cache-order-totals.md"
    assert f'kep-number: "{expected}"' in path.read_text()


@pytest.mark.parametrize("spelling", ["{{number}}", '"{{number}}"', "'{{ id }}'"])
def test_integer_ids_get_an_integer_whatever_the_template_spelling(
        tmp_path: Path, spelling: str) -> None:
    """trial52 new-integer-id-written-as-padded-string: KubeVirt's VEPs write
    `vep-number: 282`; the next is `283`, an integer, not `"0283"`, and so is its name."""
    template = KEP.replace("kep-number: {{number}}", f"vep-number: {spelling}")
    config = replace(repository(tmp_path, template, prefix="VEP"),
                     fields=replace(DEFAULT_FIELDS, id=("vep-number",), title=None))
    for number in ("5", "282"):
        (tmp_path / "decisions" / f"{number}-old.md").write_text(
            f"---\nvep-number: {number}\nstatus: provisional\n---\n# Old\n")
    path = create_spec(config, NEW)
    assert path.name == "283-cache-order-totals.md"
    assert path.read_text().startswith("---\nvep-number: 283\nstatus: provisional\n")


@pytest.mark.parametrize("file_name", ["{{slug}}.txt", "../{{slug}}.md", ".{{slug}}.md",
                                       "{{id}}/.x/{{slug}}.md", "a/../{{slug}}.md"])
def test_a_file_name_that_is_no_spec_files_is_refused(tmp_path: Path, file_name: str) -> None:
    config = repository(tmp_path, RECORD, file_name=file_name)
    with pytest.raises(ConfigError, match="new.file_name gives .*which is not the name of a "
                                          r"spec file \(\*\.md, \*\.markdown\)"):
        create_spec(config, NEW)
    assert files(config) == []


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    config = repository(tmp_path, "---\ntitle: {{slug}}\n---\n# {{title}}\n")
    existing = tmp_path / "decisions" / "cache-order-totals.md"
    existing.write_text("---\ntitle: mine\n---\n")
    with pytest.raises(OutputError, match="already exists"):
        create_spec(config, NEW)
    assert existing.read_text() == "---\ntitle: mine\n---\n"
    assert files(config) == ["cache-order-totals.md"]


@pytest.mark.parametrize("title", [" \t", "\u200b", "\u3164\u200d "])
def test_an_empty_title_is_refused_before_the_template_is_read(tmp_path: Path,
                                                                title: str) -> None:
    """A title that shows nothing (`is_blank`: a zero-width space too) is empty."""
    config = Config(root=tmp_path, front_matter=True, new_template=tmp_path / "missing.md")
    with pytest.raises(UsageError, match="the title is empty"):
        create_spec(config, NewSpec(title, "Ada", date(2026, 1, 2)))


def test_markdown_specs_without_a_template_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"unless `new: \{template: ...\}` names a template"):
        create_spec(Config(root=tmp_path, front_matter=True), NEW)
    assert not (tmp_path / "specs").exists()


def test_a_new_spec_that_does_not_pass_validate_yet_is_kept_and_said_so(
        tmp_path: Path) -> None:
    from specrepo.commands.new import NewOptions, run

    (tmp_path / "schema.yaml").write_text(
        "type: object\nrequired: [id, title, status, authors]\n")
    config = replace(repository(tmp_path, RECORD.replace("status: proposed\n", "")),
                     schema_path=tmp_path / "schema.yaml",
                     fields=replace(DEFAULT_FIELDS, created=None, updated=None))
    result = run(config, NewOptions("Cache totals", "Ada", date(2026, 1, 2)))
    assert result.path.is_file()  # kept: its author fills it in
    [warning] = result.warnings
    assert warning.startswith(f"{display_path(result.path)} does not pass validate yet (")
    assert warning.endswith(f"fill it in, or complete the template "
                            f"{display_path(tmp_path / 'template.md')}")


NO_ID = "title: {{title}}\nstatus: Draft\nauthors: [{{author}}]\ncreated: {{date}}\n" \
    "updated: {{date}}\nsummary: x\n"


@pytest.mark.parametrize(("template", "file_name", "said", "unsaid"), [
    (NO_ID, None, ["writes no {{id}} placeholder (nor {{number}}), so the spec has no id: "
                   "add `id: {{id}}` to it"], ["new.file_name", "complete the template"]),
    (NO_ID, "{{slug}}.yaml", ["add `id: {{id}}` to it", "new.file_name '{{slug}}.yaml' "
                              "gives a name without the id, which the file-name rule refuses: "
                              "start it with {{id}} (`{{id}}-{{slug}}.yaml`)"],
     ["complete the template"]),
    (f"id: {{{{id}}}}\n{NO_ID}", "{{slug}}.yaml", ["new.file_name '{{slug}}.yaml' gives a "
                                                  "name without the id"],
     ["writes no {{id}}", "complete the template"]),
    (f"id: {{{{id}}}}\n{NO_ID}".replace("summary: x\n", ""), None,
     ["fill it in, or complete the template"], ["writes no {{id}}", "new.file_name"])])
def test_a_new_spec_that_does_not_pass_is_told_the_setting_at_fault(
        tmp_path: Path, template: str, file_name: str | None, said: list[str],
        unsaid: list[str]) -> None:
    """polish: a template without `{{id}}`, or a `new.file_name` without it, was told to
    "fill it in, or complete the template", which says neither what is wrong nor where."""
    from specrepo.commands.new import NewOptions, run

    config = repository(tmp_path, template, front_matter=False, file_name=file_name,
                        prefix="SPEC")
    [warning] = run(config, NewOptions("Cache totals", "Ada", date(2026, 1, 2))).warnings
    assert all(part in warning for part in said), warning
    assert not any(part in warning for part in unsaid), warning


def test_the_schema_line_names_a_file_that_exists_or_is_left_out(tmp_path: Path) -> None:
    """A repository adopted by hand (no `init`) has no `.specrepo/spec.schema.json`: the
    new spec names no missing schema, which editors would report as an error."""
    (tmp_path / "specs").mkdir()
    config = Config(root=tmp_path)
    bare = create_spec(config, NewSpec("First", "Ada", date(2026, 1, 2)), allow_shallow=True)
    assert not bare.read_text().startswith("# yaml-language-server")
    schema = tmp_path / ".specrepo" / "spec.schema.json"
    schema.parent.mkdir()
    schema.write_text("{}")
    named = create_spec(config, NewSpec("Second", "Ada", date(2026, 1, 2)), allow_shallow=True)
    assert named.read_text().startswith(
        "# yaml-language-server: $schema=../.specrepo/spec.schema.json\n")


@pytest.mark.parametrize("title", ["Use *args* and __init__", "Drop support for C #",
                                   "Embed <details> blocks", "Rename ## to ###"])
def test_a_markdown_title_reads_back_as_given(tmp_path: Path, title: str) -> None:
    from specrepo.commands.new import NewOptions, run

    config = repository(tmp_path, RECORD)
    result = run(config, NewOptions(title, "Ada", date(2026, 1, 2)))
    assert not [warning for warning in result.warnings if "does not pass" not in warning]
    _, content = read_spec(result.path, config)
    record = record_from_content(result.path, content, config.fields)
    assert record is not None and record.title == title


def test_a_title_the_template_shows_otherwise_is_said(tmp_path: Path) -> None:
    from specrepo.commands.new import NewOptions, run

    config = repository(tmp_path, RECORD.replace("# {{title}}", "# `{{title}}`"))
    result = run(config, NewOptions("Quote ` marks", "Ada", date(2026, 1, 2)))
    [warning] = [warning for warning in result.warnings if "does not pass" not in warning]
    assert warning == (f"{display_path(result.path)}'s title reads back as 'Quote marks`', not "
                       f"'Quote ` marks': the template {display_path(tmp_path / 'template.md')} "
                       "puts {{title}} where it is shown otherwise; correct the title in "
                       "the file")


@pytest.mark.parametrize("template", [
    RECORD.replace("# {{title}}", "# KEP-{{number}}: {{title}}"),
    RECORD.replace("# {{title}}", "# {{title}} ({{author}}, {{date}})"),
    RECORD.replace("---\n#", 'title: "KEP-{{number}}: {{title}}"\n---\n#')])
def test_a_title_the_template_places_in_more_words_is_no_warning(tmp_path: Path,
                                                                 template: str) -> None:
    """newuser69: the KEP heading `# KEP-{{number}}: {{title}}` reads back as `KEP-0001:
    Sidecar containers`, which the template means, and warned on every `new`."""
    from specrepo.commands.new import NewOptions, run

    result = run(repository(tmp_path, template),
                 NewOptions("Sidecar containers", "Ada", date(2026, 1, 2)))
    assert [warning for warning in result.warnings if "does not pass" not in warning] == []


@pytest.mark.parametrize(("heading", "read"), [
    ("# KEP-{{number}}: `{{title}}`", "KEP-0001: Quote marks`"),
    ("# KEP-{{number}}", "KEP-0001")])
def test_a_title_lost_in_more_words_is_still_said(tmp_path: Path, heading: str,
                                                  read: str) -> None:
    from specrepo.commands.new import NewOptions, run

    config = repository(tmp_path, RECORD.replace("# {{title}}", heading))
    result = run(config, NewOptions("Quote ` marks", "Ada", date(2026, 1, 2)))
    [warning] = [warning for warning in result.warnings if "does not pass" not in warning]
    assert warning.startswith(f"{display_path(result.path)}'s title reads back as '{read}', "
                              "not 'Quote ` marks'")


def test_a_title_not_utf8_is_refused_naming_its_byte(tmp_path: Path) -> None:
    """trial39 new-non-utf8-title-internal-error: a Latin-1 title (its byte read with
    `surrogateescape`) crashed writing the file (exit 3); it is a usage error, nothing
    written."""
    config = Config(root=tmp_path)
    with pytest.raises(UsageError, match=r"the title 'caf\\xe9 design' is not UTF-8"):
        create_spec(config, NewSpec(b"caf\xe9 design".decode("utf-8", "surrogateescape"),
                                    "Ada", date(2026, 1, 2)))
    assert not (tmp_path / "specs").exists()


def test_an_author_not_utf8_is_refused_naming_where_it_came_from(tmp_path: Path) -> None:
    name = b"Jos\xe9".decode("utf-8", "surrogateescape")
    with pytest.raises(UsageError, match=r"^--author 'Jos\\xe9' is not UTF-8"):
        resolve_author(name, tmp_path)


@pytest.mark.parametrize(("text", "shown"), [("two\nlines", "two\\nlines"),
                                           ("two\u2028lines", "two\\u2028lines"),
                                           ("trailing\r", "trailing\\r")])
def test_a_title_or_author_with_a_line_break_is_refused(tmp_path: Path, text: str,
                                                         shown: str) -> None:
    """newuser56: `new $'two\nlines'` wrote `title: "two\nlines"`, a title no page or
    table shows as one line; a usage error, nothing written."""
    with pytest.raises(UsageError, match=rf"^the title '{re.escape(shown)}' holds a line "
                                         "break: write it on one line"):
        create_spec(Config(root=tmp_path), NewSpec(text, "Ada", date(2026, 1, 2)))
    assert not (tmp_path / "specs").exists()
    with pytest.raises(UsageError, match=rf"^--author '{re.escape(shown)}' holds a line break"):
        resolve_author(text, tmp_path)


def test_a_git_user_name_not_utf8_is_refused_naming_the_setting(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "config", "user.name", b"Jos\xe9"], check=True)
    with pytest.raises(UsageError, match=r"^git's user.name \(the default author; or pass "
                                         r"--author\) 'Jos\\xe9' is not UTF-8"):
        resolve_author(None, tmp_path)


def test_the_spec_files_are_listed_once_and_each_read_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fix53b: `new` listed the spec files three times (their ids, whether they write them
    as integers, the files the listing skips) and read each twice; one listing serves all,
    and the id of a file in a hidden folder, which its note names, is taken too."""
    template = KEP.replace("kep-number: {{number}}", "vep-number: {{number}}")
    config = replace(repository(tmp_path, template, prefix="VEP"),
                     fields=replace(DEFAULT_FIELDS, id=("vep-number",), title=None))
    (tmp_path / "decisions" / ".wip").mkdir()
    for name, number in (("5-old.md", 5), ("282-old.md", 282), (".wip/300-draft.md", 300)):
        (tmp_path / "decisions" / name).write_text(
            f"---\nvep-number: {number}\nstatus: provisional\n---\n# Old\n")
    listings: list[bool] = []
    reads: list[Path] = []
    listed, read = spec_files.discover_spec_files, spec_files.read_spec_file

    def listing(*arguments: Any, **options: Any) -> list[Path]:
        listings.append(True)
        return listed(*arguments, **options)

    def reading(path: Path, *arguments: Any) -> bytes:
        reads.append(path)
        return read(path, *arguments)

    for module in (spec_files, spec_ids):
        monkeypatch.setattr(module, "discover_spec_files", listing)
    monkeypatch.setattr(spec_ids, "read_spec_file", reading)
    notes: list[str] = []
    path = create_spec(config, NEW, warn=pytest.fail, note=notes.append)
    assert path.name == "301-cache-order-totals.md"
    assert path.read_text().startswith("---\nvep-number: 301\n")
    assert len(listings) == 1
    assert sorted(path.name for path in reads) == ["282-old.md", "300-draft.md", "5-old.md"]
    assert [Path(note.split(":")[0]).name for note in notes] == [".wip"]
