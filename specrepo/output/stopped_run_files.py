"""The files a run names for its output (validate's `--junit` and `--sarif`, report's
`--output`) when it stopped (exit 2) before it checked the specs: an earlier run's report
there must not stand for this one.

A CI server that publishes the JUnit file, uploads the SARIF log, or posts the report
after a step that failed (`if: always()`, GitLab's `artifacts: reports: junit`, a Jenkins
workspace kept between builds) would otherwise show the last clean run's passing tests,
close every code-scanning alert, or post the last run's report, for a run that read no
spec (a broken `specrepo.yaml`, git refusing the repository).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.atomic import write_atomically
from specrepo.base.errors import OutputError, SpecrepoError
from specrepo.output.owned_files import NamedOutput, read_head, refusal


@contextmanager
def stopped_run_files(outputs: Sequence[NamedOutput]) -> Iterator[None]:
    """Around a run writing `outputs` (`FindingsOutput.named_files`, `named_report`): when
    it raises SpecrepoError (exit 2), each of those files that specrepo wrote earlier (its
    format recognised by `NamedOutput.is_own`) is replaced by JUnit XML of the error
    (`junit_error_xml`) where `--junit` named it, else removed: a SARIF log of no results
    would tell code scanning that every alert is fixed, and an empty report that nothing
    is stale. A file of the user's, an empty one, a missing one, and every file when the
    outputs themselves are what is refused (OutputError), are left as they are. The error
    goes on."""
    try:
        yield
    except OutputError:
        raise
    except SpecrepoError as error:
        for output in outputs:
            if _written_by_specrepo(output):
                _stand_down(output, str(error))
        raise


def _written_by_specrepo(output: NamedOutput) -> bool:
    """Whether `output`'s file is a regular file whose first 64 KiB `is_own` recognises."""
    try:
        if refusal(inputs.reader.lstat(output.path)):
            return False
        return output.is_own(read_head(output.path).decode("utf-8", "replace"))
    except OSError:  # missing, or unreadable: nothing of specrepo's to take back
        return False


def _stand_down(output: NamedOutput, message: str) -> None:
    """Replace or remove the file (see `stopped_run_files`); a failure to is left unsaid,
    below the error that stopped the run, which already fails it."""
    from specrepo.output.junit import junit_error_xml  # noqa: PLC0415 (XML: only then)

    try:
        if output.option == "--junit":
            write_atomically(output.path, junit_error_xml(message))
        else:
            Path(output.path).unlink()
    except (OSError, OutputError):
        return
