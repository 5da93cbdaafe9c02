"""Watch: what a crawl knows about the presence of archived articles, and which ones to re-check.

The archive holds one. At the start of a run it loads, in one query each, the articles that
are not simply live (vanished, unlisted, or seen gone once) and those due for a re-check
(schedule.py); during the run it turns each check's observation into row updates and change
events (vanish.py), written to the database with the next batch and, at once, to the changes
file (ChangesFile) and the stats.
"""

import json
import logging
from datetime import datetime, timezone
from pathlib import Path

from newscrawl.changes import vanish
from newscrawl.changes.schedule import parse_schedule

logger = logging.getLogger(__name__)


def utcnow():
    """The current time, ISO 8601 in UTC, ending in Z."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_settings(settings):
    """Raise ValueError, saying which setting and what it takes, unless the change-tracking settings are valid."""
    parse_schedule(settings.get("NEWSCRAWL_RECHECK_AFTER", "1,6,24,72,168"))
    for name, convert in (("NEWSCRAWL_RECHECK_BUDGET", int), ("NEWSCRAWL_GONE_CONFIRM_HOURS", float)):
        try:
            value = convert(settings.get(name, 0))
        except (TypeError, ValueError):
            value = -1
        if value < 0:
            raise ValueError(f"{name} must be a number of 0 or more, not {settings.get(name)!r}")


class ChangesFile:
    """Changes as JSON Lines, one unbuffered write per line, appended as they are found."""

    def __init__(self, path):
        self.path = Path(path)

    def append(self, changes):
        """Add changes (dicts), one line each."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lines = "".join(json.dumps(change, ensure_ascii=False) + "\n" for change in changes)
        with self.path.open("ab", buffering=0) as file:
            file.write(lines.encode())


class Watch:
    """Presence and re-checks of the archived articles during one run."""

    def __init__(self, stats, schedule, budget, confirm_hours, changes_path=None):
        self.stats = stats
        self.schedule = parse_schedule(schedule)
        self.budget = budget
        self.confirm_hours = confirm_hours
        self.file = ChangesFile(changes_path) if changes_path else None
        self.presence = {}  # url -> {column: value} of the articles that are not simply live
        self.candidates = []  # (url, published, checked, etag, last_modified) due by the schedule, newest first
        self.checked = set()  # archived URLs checked in this run
        self.checks, self.changes = [], []  # waiting for the database

    @classmethod
    def from_settings(cls, settings, stats):
        """A Watch as the NEWSCRAWL_RECHECK_*, _GONE_CONFIRM_HOURS and _CHANGES_PATH settings say."""
        return cls(stats, settings.get("NEWSCRAWL_RECHECK_AFTER", "1,6,24,72,168"),
                   settings.getint("NEWSCRAWL_RECHECK_BUDGET", 100),
                   settings.getfloat("NEWSCRAWL_GONE_CONFIRM_HOURS", 1),
                   settings.get("NEWSCRAWL_CHANGES_PATH", "data/changes.jsonl"))

    def load(self, presence, candidates):
        """Take what the Store read at the start of the run."""
        self.presence, self.candidates = presence, candidates
        self.stats.set_value("newscrawl/recheck/candidates", len(candidates))

    def state(self, url):
        """The archived article's state: vanish.LIVE, UNPUBLISHED, REDIRECTED or UNLISTED."""
        return vanish.state_of(self.presence.get(url, {}))[0]

    def vanished(self, url, listed=False):
        """Whether the article at url is to be fetched again although stored: it is held as gone or seen
        gone once, or as unlisted when a sitemap lists it (``listed``)."""
        row = self.presence.get(url)
        if row is None:
            return False
        return bool(row.get("suspect")) or self.state(url) != vanish.UNLISTED or listed

    def observe(self, url, seen, validators=None):
        """Take a check's Observation of the archived article at url; return its vanish.Outcome."""
        self.checked.add(url)
        outcome = vanish.observe(url, self.presence.get(url, {}), seen, self.confirm_hours)
        row = {**self.presence.get(url, {}), **outcome.updates}
        if vanish.state_of(row)[0] == vanish.LIVE and not row.get("suspect"):
            self.presence.pop(url, None)
        else:
            self.presence[url] = row
        self.checks.append({"url": url, "last_checked": seen.at, **(validators or {}), **outcome.updates})
        if outcome.event:
            self.found([outcome.event])
        return outcome

    def remember(self, url, at, validators):
        """A page fetched at ``at`` that the archive does not hold yet: its validators, for its row once written."""
        self.checks.append({"url": url, "last_checked": at, **validators})

    def found(self, changes, stored=False):
        """Changes just found: to the changes file and the stats, and (unless ``stored``) to the database."""
        if not changes:
            return
        for change in changes:
            self.stats.inc_value(f"newscrawl/changes/{change['kind']}")
            logger.info("Change found: %s %s", change["kind"], change["url"])
        if not stored:
            self.changes += changes
        if self.file:
            self.file.append([{k: v for k, v in change.items() if v is not None} for change in changes])

    def take_writes(self):
        """(checks, changes) waiting for the database, and forget them."""
        writes = (self.checks, self.changes)
        self.checks, self.changes = [], []
        return writes

    def rechecks(self, absent):
        """The articles to re-check now, as (url, etag, last_modified), within the budget: suspected
        removals old enough to be confirmed, then ``absent`` (live, in no sitemap), then the schedule's."""
        now = utcnow()
        suspects = [url for url, row in self.presence.items()
                    if row.get("suspect") and vanish.hours_between(row["suspect"]["at"], now) >= self.confirm_hours]
        wanted = [(url, None, None) for url in suspects + list(absent)]
        wanted += [(url, etag, modified) for url, _, _, etag, modified in self.candidates]
        chosen, seen = [], set(self.checked)
        for url, etag, modified in wanted:
            if url not in seen:
                seen.add(url)
                chosen.append((url, etag, modified))
        self.stats.set_value("newscrawl/recheck/over_budget", max(0, len(chosen) - self.budget))
        return chosen[:self.budget]
