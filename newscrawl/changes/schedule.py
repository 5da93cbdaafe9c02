"""When an archived article is due for a re-check (pure functions).

The schedule is a list of hours after publication (``NEWSCRAWL_RECHECK_AFTER``, "1,6,24,72,168"):
an article is due when one of those moments has passed since it was last checked, so each
moment costs at most one request, however seldom the crawl runs. A 0 in the list means every
run. Due articles are re-checked newest first, as many as the run's budget allows.
"""

from datetime import datetime, timedelta

EVERY_RUN = ()  # the parsed schedule of "0"


def parse_schedule(text):
    """Hours after publication as a sorted tuple of floats, or EVERY_RUN; ValueError on anything else."""
    try:
        hours = sorted({float(part) for part in str(text).split(",") if part.strip()})
    except ValueError:
        raise ValueError(f"NEWSCRAWL_RECHECK_AFTER must be hours separated by commas, not {text!r}") from None
    if not hours or hours[0] < 0:
        raise ValueError(f"NEWSCRAWL_RECHECK_AFTER must be hours of 0 or more, not {text!r}")
    return EVERY_RUN if hours[0] == 0 else tuple(hours)


def horizon(schedule, now):
    """The oldest publication time that can still be due (None: every article can)."""
    return None if schedule == EVERY_RUN else now - timedelta(hours=schedule[-1])


def is_due(published, last_checked, schedule, now):
    """Whether an article published at ``published`` and last checked at ``last_checked`` is due now."""
    if schedule == EVERY_RUN:
        return True
    for hours in schedule:
        moment = published + timedelta(hours=hours)
        if moment <= now and last_checked < moment:
            return True
    return False


def due(candidates, schedule, now):
    """The candidates that are due, newest first: (url, date_published, last_checked, ...) tuples,
    with ISO 8601 text dates; those without a publication date are left out."""
    chosen = []
    for candidate in candidates:
        published, checked = _time(candidate[1]), _time(candidate[2])
        if published and is_due(published, checked or published, schedule, now):
            chosen.append((published, candidate))
    return [candidate for _, candidate in sorted(chosen, key=lambda pair: pair[0], reverse=True)]


def _time(text):
    """An aware datetime from ISO 8601 text ending in Z, or None."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None
