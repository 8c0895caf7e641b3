"""A schema pattern's match that ended without a verdict: no verdict is no pass, so each is a
`ConfigError` (exit 2) naming the pattern as the schema writes it; the command that examined
a spec file names the file (`NoVerdict`)."""

from __future__ import annotations

from specrepo.base.errors import ConfigError


class NoVerdict(ConfigError):
    """A match of a schema pattern that did not decide whether the pattern matches."""


class SlowMatch(NoVerdict):
    """A match that outlasted its budget (`seconds`): the pattern, not the value, needs
    changing. The value is shown as Python writes text (its line breaks escaped)."""

    def __init__(self, pattern: str, text: str, seconds: float) -> None:
        super().__init__(
            f"the pattern '{cut(pattern)}' did not decide on the value {cut(text)!r} "
            f"within {seconds:g} s: it backtracks (a repetition whose parts can "
            "split the same text in more than one way, `(a|aa)+` or `(a+)+`, before a "
            "lookaround or a back reference that then fails); write it so that each text "
            "splits one way only")
        self.pattern, self.text, self.seconds = pattern, text, seconds

    def __reduce__(self) -> tuple[type[SlowMatch], tuple[str, str, float]]:
        return SlowMatch, (self.pattern, self.text, self.seconds)


class EngineEnded(NoVerdict):
    """The process matching the pattern (`regress_process`) ended before it answered (out of
    memory, killed by another process); `status` is its exit status, negative for the
    signal that ended it."""

    def __init__(self, pattern: str, status: int) -> None:
        how = f"signal {-status}" if status < 0 else f"status {status}"
        super().__init__(
            f"the pattern '{cut(pattern)}' could not be matched: the process matching it "
            f"ended ({how}) before it answered; run again, and if it ends again, write the "
            "pattern so that each text splits one way only")
        self.pattern, self.status = pattern, status

    def __reduce__(self) -> tuple[type[EngineEnded], tuple[str, int]]:
        return EngineEnded, (self.pattern, self.status)


def cut(text: str, most: int = 60) -> str:
    """`text`, cut to its first `most` characters."""
    return text if len(text) <= most else text[:most] + "…"
