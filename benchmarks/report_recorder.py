"""A pytest plugin for `compare_reports.py --tests`: every `Report` that `build_report`
returns while the tests run, one line each (its repr, after the test's id and the call's
number), appended to the file `REPORT_RECORD` names. Temporary folders in it are written
as the basetemp-relative path, so two runs with the same basetemp compare."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

import specrepo.commands.report as report_command
import specrepo.commands.site as site_command

_CALLS: dict[str, int] = {}


@pytest.fixture(autouse=True)
def _record_reports(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
                    ) -> Iterator[None]:
    record = os.environ.get("REPORT_RECORD")
    built = report_command.build_report
    test = request.node.nodeid

    def recording(*arguments: Any, **keywords: Any) -> Any:
        report = built(*arguments, **keywords)
        _CALLS[test] = _CALLS.get(test, 0) + 1
        if record:
            with open(record, "a", encoding="utf-8") as out:
                out.write(f"{test} #{_CALLS[test]}: {report!r}\n".replace("\r", "\\r"))
        return report

    monkeypatch.setattr(report_command, "build_report", recording)
    monkeypatch.setattr(site_command, "build_report", recording)
    yield

