"""Date helpers: the formats the test site shows and the tricky times it publishes at."""

import calendar
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from zoneinfo import ZoneInfo

UTC = timezone.utc
KYIV = ZoneInfo("Europe/Kyiv")
START = datetime(2022, 1, 1, 0, 0, tzinfo=UTC)
END = datetime(2026, 3, 31, 20, 59, tzinfo=UTC)  # 23:59 in Kyiv (summer time)
MONTHS = tuple(calendar.month_name)

# Kinds of publication time that trip up date parsing.
DATE_KINDS = ("dst_before", "dst_after", "midnight", "noon", "early_morning")


def iso_z(dt):
    """UTC time as ``2025-03-18T13:10:00Z`` (the truth format)."""
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_ms(dt):
    """UTC time as ``2025-03-18T13:10:00.000Z`` (meta tags, JSON-LD, cards)."""
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def js_date(dt):
    """UTC time as JavaScript's Date.toString() prints it on a UTC machine."""
    return dt.astimezone(UTC).strftime("%a %b %d %Y %H:%M:%S GMT+0000 (Coordinated Universal Time)")


def rfc822(dt):
    """UTC time as RSS wants it: ``Tue, 18 Mar 2025 13:10:00 GMT``."""
    return format_datetime(dt.astimezone(UTC), usegmt=True)


def kyiv_clock(dt, lowercase=False):
    """Kyiv wall-clock time as ``3:10 PM`` (legacy posts: ``3:10 pm``)."""
    local = dt.astimezone(KYIV)
    hour = local.hour % 12 or 12
    suffix = "AM" if local.hour < 12 else "PM"
    if lowercase:
        suffix = suffix.lower()
    return f"{hour}:{local.minute:02d} {suffix}"


def kyiv_byline(dt, lowercase=False):
    """Kyiv local date and time as the byline shows it: ``March 18, 2025 3:10 PM``."""
    local = dt.astimezone(KYIV)
    return f"{MONTHS[local.month]} {local.day}, {local.year} {kyiv_clock(dt, lowercase)}"


def kyiv_month_day(dt):
    """Kyiv local date as ``March 18`` (digest paragraphs)."""
    local = dt.astimezone(KYIV)
    return f"{MONTHS[local.month]} {local.day}"


def last_sunday(year, month):
    """Date of the last Sunday of a month: the EU summer-time switch days."""
    last = calendar.monthrange(year, month)[1]
    day = datetime(year, month, last)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def random_time(rng, kind=None, year=None):
    """A publication time (UTC, seconds 0) of the given kind, in ``year`` when given."""
    if kind in ("dst_before", "dst_after"):
        return _dst_time(rng, kind, year)
    if kind in ("midnight", "noon", "early_morning"):
        hour = {"midnight": 0, "noon": 12, "early_morning": rng.choice((1, 2))}[kind]
        day = _random_minute(rng, year).astimezone(KYIV)
        local = datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=KYIV)
        return min(max(local.astimezone(UTC), START), END)
    return _random_minute(rng, year)


def _random_minute(rng, year):
    """Any minute of the content span, or of one year of it."""
    low = START if year is None else max(START, datetime(year, 1, 1, tzinfo=UTC))
    high = END if year is None else min(END, datetime(year, 12, 31, 23, 59, tzinfo=UTC))
    minutes = int((high - low).total_seconds() // 60)
    return low + timedelta(minutes=rng.randrange(minutes + 1))


def _dst_time(rng, kind, year):
    """A time within an hour before or after a summer-time switch (01:00 UTC)."""
    switches = [(y, m) for y in range(2022, 2027) for m in (3, 10) if (y, m) != (2026, 10)]
    if year is not None:
        switches = [s for s in switches if s[0] == year]
    day = last_sunday(*rng.choice(switches))
    switch = datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC)
    offset = rng.randrange(1, 60)
    return switch - timedelta(minutes=offset) if kind == "dst_before" else switch + timedelta(minutes=offset - 1)
