"""Whether an archived article is still published, from what each check of it saw (pure functions).

An article is ``live``, ``unpublished`` (it answers 404 or 410), ``redirected`` (to another URL)
or ``unlisted`` (served, but in none of the sitemaps). The rule:

- a removal (any state but live) is recorded when two consecutive checks at least
  ``confirm_hours`` apart both see it (the same state, the same redirect target); the first
  observation is kept in the row's ``suspect`` until then, and its time is the removal's time;
- a check that fails for a while (5xx, 429, a timeout, a reset) is no check at all: it neither
  starts, confirms nor clears a suspicion (the spider never calls ``observe`` for it);
- an article that answers 200 (or 304) again and is listed is restored at once.

The row's columns: ``unpublished_at`` (and ``gone_status``, ``redirected_to``) while it is
unpublished or redirected, ``unlisted_at`` while it is unlisted.
"""

from dataclasses import dataclass
from datetime import datetime

LIVE, UNPUBLISHED, REDIRECTED, UNLISTED = "live", "unpublished", "redirected", "unlisted"
CLEARED = {"unpublished_at": None, "gone_status": None, "redirected_to": None, "unlisted_at": None, "suspect": None}


@dataclass(frozen=True)
class Observation:
    """What one check saw: a state, when (ISO 8601, Z), the HTTP status and any redirect target."""

    state: str
    at: str
    status: int | None = None
    redirected_to: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What an observation does: the row's new column values, an event (a dict) or None, and whether it
    started a suspicion that a later check must confirm."""

    updates: dict
    event: dict | None = None
    suspected: bool = False


def state_of(row):
    """(state, redirect target) that a row's columns record."""
    if row.get("unpublished_at"):
        return (REDIRECTED, row.get("redirected_to")) if row.get("redirected_to") else (UNPUBLISHED, None)
    return (UNLISTED, None) if row.get("unlisted_at") else (LIVE, None)


def observe(url, row, seen, confirm_hours):
    """The Outcome of Observation ``seen`` for the article at ``url`` whose row holds ``row`` (a dict)."""
    current, suspect = state_of(row), row.get("suspect")
    if (seen.state, seen.redirected_to) == current:
        return Outcome({"suspect": None} if suspect else {})
    if seen.state == LIVE:
        return Outcome(dict(CLEARED), _event(url, "restored", seen, None))
    same = suspect and (suspect["state"], suspect.get("redirected_to")) == (seen.state, seen.redirected_to)
    if not same:
        return Outcome({"suspect": {"state": seen.state, "at": seen.at, "status": seen.status,
                                    "redirected_to": seen.redirected_to}}, suspected=True)
    if hours_between(suspect["at"], seen.at) < confirm_hours:
        return Outcome({})
    since = suspect["at"]
    if seen.state == UNLISTED:
        updates = dict(CLEARED, unlisted_at=since)
    else:
        updates = dict(CLEARED, unpublished_at=since, gone_status=seen.status, redirected_to=seen.redirected_to)
    return Outcome(updates, _event(url, seen.state, seen, since))


def _event(url, kind, seen, since):
    """A change event of the article's presence."""
    return {"url": url, "kind": kind, "found_at": seen.at, "status": seen.status,
            "redirected_to": seen.redirected_to, "since": since}


def hours_between(start, end):
    """Hours from one ISO 8601 time (text ending in Z) to another."""
    parse = datetime.fromisoformat
    return (parse(end.replace("Z", "+00:00")) - parse(start.replace("Z", "+00:00"))).total_seconds() / 3600
