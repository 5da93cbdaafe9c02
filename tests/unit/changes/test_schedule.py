"""The re-check schedule: hours after publication, each moment costing one check at most."""

from datetime import datetime, timedelta, timezone

import pytest

from newscrawl.changes.schedule import EVERY_RUN, due, horizon, is_due, parse_schedule

PUBLISHED = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
DEFAULT = parse_schedule("1,6,24,72,168")


def hours(n):
    return PUBLISHED + timedelta(hours=n)


def test_parse_schedule():
    assert DEFAULT == (1.0, 6.0, 24.0, 72.0, 168.0)
    assert parse_schedule("24, 1") == (1.0, 24.0)
    assert parse_schedule("0") == EVERY_RUN and parse_schedule("0,6") == EVERY_RUN
    for bad in ("", "a,b", "-1"):
        with pytest.raises(ValueError, match="NEWSCRAWL_RECHECK_AFTER"):
            parse_schedule(bad)


def test_due_once_each_moment_passes_since_the_last_check():
    assert not is_due(PUBLISHED, hours(0.5), DEFAULT, hours(0.9))
    assert is_due(PUBLISHED, hours(0.5), DEFAULT, hours(1))
    assert not is_due(PUBLISHED, hours(1.2), DEFAULT, hours(5))
    assert is_due(PUBLISHED, hours(1.2), DEFAULT, hours(30))  # the 6 h and 24 h moments: one check
    assert not is_due(PUBLISHED, hours(30), DEFAULT, hours(71))
    assert not is_due(PUBLISHED, hours(170), DEFAULT, hours(5000))  # past the schedule: never again


def test_every_run_and_horizon():
    assert is_due(PUBLISHED, hours(1000), EVERY_RUN, hours(1000))
    assert horizon(EVERY_RUN, hours(0)) is None
    assert horizon(DEFAULT, hours(200)) == hours(32)


def test_due_articles_newest_first_checked_or_first_seen():
    now = "2026-03-02T12:00:00Z"
    candidates = [
        ("old", "2026-02-01T00:00:00Z", "2026-02-10T00:00:00Z"),  # checked after its last moment
        ("day", "2026-03-01T11:00:00Z", "2026-03-01T12:30:00Z"),  # 24 h moment passed: due
        ("new", "2026-03-02T10:00:00Z", "2026-03-02T10:10:00Z"),  # 1 h moment passed: due
        ("fresh", "2026-03-02T11:30:00Z", "2026-03-02T11:40:00Z"),  # none passed
        ("undated", None, "2026-03-02T11:40:00Z"),
    ]
    chosen = due(candidates, DEFAULT, datetime.fromisoformat(now.replace("Z", "+00:00")))
    assert [c[0] for c in chosen] == ["new", "day"]
    assert [c[0] for c in due(candidates, EVERY_RUN, hours(0))] == ["fresh", "new", "day", "old"]
