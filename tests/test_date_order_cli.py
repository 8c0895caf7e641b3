"""date-order on a format of its own whose dates are not YYYY-MM-DD (PEP headers:
`Created: 05-Jul-2001`): the rule reads the forms no one can misread and says, in every
output format, which value it cannot compare (trial29a L3: it said nothing, exit 0)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import run_cli

CONFIG = """\
specs: peps
front_matter: true
schema: pep.schema.yaml
fields: {id: PEP, title: Title, status: Status, authors: Author, reviewers: null,
         created: Created, updated: Resolution-Date, questions: null, related: [],
         item_lists: [], superseded_by: null, read_as_text: [PEP]}
statuses: {states: [Draft, Final], transitions: {Draft: [Final]}, in_review: [], approved: []}
rules: {file-name: "off"}
"""
PEP = """\
---
PEP: 8
Title: Style Guide
Author: [Guido]
Status: Draft
Created: {created}
Resolution-Date: {updated}
---
Body
"""


def write_pep(root: Path, created: str, updated: str) -> None:
    (root / "peps").mkdir(exist_ok=True)
    (root / "specrepo.yaml").write_text(CONFIG)
    (root / "pep.schema.yaml").write_text("type: object\nrequired: [PEP, Title, Status]\n")
    (root / "peps" / "pep-0008.md").write_text(PEP.format(created=created, updated=updated))


def test_dates_with_month_names_are_compared(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_pep(tmp_path, "05-Jul-2001", "01-Aug-2000")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 1
    assert ("peps/pep-0008.md:7:1: error: updated (01-Aug-2000) is earlier than created "
            "(05-Jul-2001) [date-order]") in result.output
    write_pep(tmp_path, "05-Jul-2001", "01-Aug-2001")
    assert run_cli("validate").exit_code == 0


@pytest.mark.parametrize(("output_format", "expected"), [
    ("text", "peps/pep-0008.md:6:10: error: date-order cannot compare created '05/07/2001' "
             "with updated: it reads a date written as YYYY-MM-DD"),
    ("json", '"message": "date-order cannot compare created \'05/07/2001\' with updated'),
    ("github", "::error file=peps/pep-0008.md,line=6,col=10,title=specrepo date-order::"
               "date-order cannot compare created '05/07/2001'"),
    ("sarif", '"text": "date-order cannot compare created \'05/07/2001\' with updated'),
    ("junit", "<failure message=\"date-order cannot compare created '05/07/2001' with updated"),
])
def test_a_date_it_cannot_read_is_said_in_every_format(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output_format: str,
        expected: str) -> None:
    monkeypatch.chdir(tmp_path)
    write_pep(tmp_path, "05/07/2001", "01-Aug-2000")
    result = run_cli("validate", "--format", output_format, no_traceback=True)
    assert result.exit_code == 1
    assert expected in result.stdout, result.stdout


def test_the_bundled_schemas_date_finding_is_not_said_twice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specrepo.yaml").write_text("specs: specs\n")
    (tmp_path / "specs" / "SPEC-0001.yaml").write_text(
        "id: SPEC-0001\ntitle: T\nstatus: Draft\nauthors: [Ada]\ncreated: 12/01/2026\n"
        "updated: 2026-01-03\nsummary: S\n")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 1
    assert result.output == (
        "specs/SPEC-0001.yaml:5:10: error: '12/01/2026' is not a valid calendar date "
        "(YYYY-MM-DD) [schema] ($.created)\n1 file checked: 1 error\n")


@pytest.mark.parametrize(("created", "updated", "earlier"), [
    ("2026-01-06T01:00:00+03:00", "2026-01-05T23:30:00Z", False),  # 1 h 30 later
    ("2026-01-05T23:30:00-05:00", "2026-01-06T01:00:00+00:00", True),  # 3 h 30 earlier
    ("2026-01-05T10:00", "2026-01-05T09:59", True),  # one zone, unsaid: the times compare
    ("2026-01-06T01:00:00+03:00", "2026-01-05", True),  # a day alone: the days written
    ("2026-01-06t01:00:00+03:00", "2026-01-05t23:30:00z", False),  # exit 3 (newuser68 H)
    ("2026-01-06 01:00:00 +03", "2026-01-05 23:30:00 -0", False),
])
def test_times_with_utc_offsets_compare_as_moments(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   created: str, updated: str,
                                                   earlier: bool) -> None:
    """A day with its time and UTC offset was compared by the day written alone: an
    update 90 minutes after the creation was an error, one 3.5 hours before it passed
    (newuser67 L3)."""
    monkeypatch.chdir(tmp_path)
    write_pep(tmp_path, created, updated)
    result = run_cli("validate", no_traceback=True)
    assert (result.exit_code, "[date-order]" in result.output) == (int(earlier), earlier), \
        result.output
