"""A spec's life joined to the lineage the walk began for it at another path
(`joined_life`): its paths and status periods agree with its joined events."""

from __future__ import annotations

from specrepo.model.event import StatusPeriod
from specrepo.model.history import SpecHistory
from specrepo.model.joined_life import joined_life


def _spec(key: str, paths: tuple[str, ...], *periods: StatusPeriod) -> SpecHistory:
    return SpecHistory(key, "SPEC-0001", (), periods, paths, None, paths[-1], 0)


def test_the_same_status_on_both_sides_is_one_period_from_the_earlier_start() -> None:
    source = _spec("a:old.yaml", ("old.yaml",), StatusPeriod("Approved", 10, 30, "a"))
    spec = _spec("b:new.yaml", ("new.yaml",), StatusPeriod("Approved", 30, None, "m"),
                 StatusPeriod("Deprecated", 50, None, "d"))
    joined = joined_life(spec, source, "old.yaml")
    assert joined.paths == ("old.yaml", "new.yaml")
    assert joined.statuses == (StatusPeriod("Approved", 10, None, "a"),
                               StatusPeriod("Deprecated", 50, None, "d"))


def test_another_status_ends_where_the_spec_s_own_first_begins() -> None:
    source = _spec("a:old.yaml", ("old.yaml",), StatusPeriod("Draft", 10, None, "a", 60))
    spec = _spec("b:new.yaml", ("new.yaml",), StatusPeriod("In Review", 30, None, "m", 120))
    assert joined_life(spec, source, "old.yaml").statuses == (
        StatusPeriod("Draft", 10, 30, "a", 60, 120), StatusPeriod("In Review", 30, None, "m", 120))


def test_periods_begun_after_the_spec_s_own_or_none_of_its_own_are_not_joined() -> None:
    source = _spec("a:old.yaml", ("old.yaml",), StatusPeriod("Draft", 40, None, "a"))
    own = StatusPeriod("Approved", 30, None, "m")
    assert joined_life(_spec("b:new.yaml", ("new.yaml",), own), source,
                       "old.yaml").statuses == (own,)
    assert joined_life(_spec("b:new.yaml", ("old.yaml", "new.yaml")), source,
                       "old.yaml") == _spec("b:new.yaml", ("old.yaml", "new.yaml"))
