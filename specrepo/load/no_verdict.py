"""A schema pattern's match that ended without a verdict: no verdict is no pass, so each is a
`ConfigError` (exit 2) naming the pattern as the schema writes it; the command that examined
a spec file names the file (`NoVerdict`)."""

from __future__ import annotations

from typing import Any

from specrepo.base.errors import ConfigError
from specrepo.base.replay_doubts import undecided
from specrepo.load.document import Document


class NoVerdict(ConfigError):
    """A match of a schema pattern (`pattern`, as the schema writes it) against `text` that
    did not decide whether the pattern matches; `detail` says why (each kind's own), and
    the three are what the kind is built from again on the other side of a worker's pipe
    (`__reduce__`: pickle would pass `message` alone)."""

    def __init__(self, message: str, pattern: str, text: str, detail: Any) -> None:
        super().__init__(message)
        self.pattern, self.text = pattern, text
        self._built_from = (pattern, text, detail)
        undecided(message)  # never replayed: the next run may decide (small62)

    def __reduce__(self) -> tuple[type[NoVerdict], tuple[str, str, Any]]:
        return type(self), self._built_from

    def at(self, file: str, document: Document) -> ConfigError:
        """This error, said of `file` at where `document` writes the text (`file:line:column:
        ...`; `file: ...` where it writes none equal to it)."""
        position = document.first_text(self.text)
        where = file if position is None else f"{file}:{position.line}:{position.column}"
        return ConfigError(f"{where}: {self}")


class SlowMatch(NoVerdict):
    """A match that outlasted its budget (`seconds`): the pattern, not the value, needs
    changing. The value is shown as Python writes text (its line breaks escaped)."""

    def __init__(self, pattern: str, text: str, seconds: float) -> None:
        super().__init__(
            f"the pattern '{cut(pattern)}' did not decide on the value {cut(text)!r} "
            f"within {seconds:g} s: it backtracks (a repetition whose parts can "
            "split the same text in more than one way, `(a|aa)+` or `(a+)+`, before a "
            "lookaround or a back reference that then fails); write it so that each text "
            "splits one way only", pattern, text, seconds)
        self.seconds = seconds


class EngineEnded(NoVerdict):
    """The process matching the pattern (`regress_process`) ended before it answered (out of
    memory, killed by another process); `status` is its exit status, negative for the
    signal that ended it."""

    def __init__(self, pattern: str, text: str, status: int) -> None:
        how = f"signal {-status}" if status < 0 else f"status {status}"
        super().__init__(
            f"the pattern '{cut(pattern)}' could not be matched against the value "
            f"{cut(text)!r}: the process matching it ended ({how}) before it answered, "
            "killed by another process or out of memory (a pattern that backtracks may ask "
            "for more than this machine gives: write it so that each text splits one way "
            "only); run again", pattern, text, status)
        self.status = status


class EngineUnstarted(NoVerdict):
    """No process to match the pattern in could be started (`reason`: the system's words,
    a limit on processes or memory)."""

    def __init__(self, pattern: str, text: str, reason: str) -> None:
        super().__init__(
            f"the pattern '{cut(pattern)}' could not be matched against the value "
            f"{cut(text)!r}: no process to match it in could be started ({reason}); free "
            "processes or memory (`ulimit -u`, `ulimit -v`) and run again", pattern, text,
            reason)
        self.reason = reason


def cut(text: str, most: int = 60) -> str:
    """`text`, cut to its first `most` characters."""
    return text if len(text) <= most else text[:most] + "…"
