"""Store's part for the crawl's own records: runs (crawl_runs) and URLs that failed for good (failed_urls)."""

import json
from datetime import datetime, timezone

from sqlalchemy import insert, select, update

from newscrawl.archive.schema import crawl_runs, failed_urls

# The crawl_runs stats key naming the run lock (host and path) that a run held: a run still 'running'
# when the next holder of its lock starts was killed.
RUN_LOCK_STAT = "newscrawl/run_lock"


def utcnow():
    """The current time, ISO 8601 in UTC, ending in Z, like the item's dates."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class CrawlLog:
    """Runs and failed URLs; a part of Store, whose engine and upsert it uses."""

    def start_run(self, spider, mode=None, lock=None):
        """Record a crawl run as started, by the holder of the run lock named lock (if any); return its id."""
        values = {"spider": spider, "mode": mode, "started_at": utcnow(), "status": "running",
                  "stats": {RUN_LOCK_STAT: lock} if lock else None}
        with self.engine.begin() as connection:
            return connection.execute(insert(crawl_runs).values(values)).inserted_primary_key[0]

    def close_killed_runs(self, spider, lock):
        """Mark as killed the runs still 'running' that held the run lock that this run holds now; their ids."""
        query = select(crawl_runs.c.id, crawl_runs.c.stats).where(crawl_runs.c.spider == spider,
                                                                  crawl_runs.c.status == "running")
        with self.engine.begin() as connection:
            killed = [run_id for run_id, stats in connection.execute(query) if (stats or {}).get(RUN_LOCK_STAT) == lock]
            if killed:
                connection.execute(update(crawl_runs).where(crawl_runs.c.id.in_(killed)).values(status="killed"))
        return killed

    def finish_run(self, run_id, status, exit_code=None, stats=None, finished_at=None):
        """Record how a crawl run ended (by default: now); stats values that JSON lacks become text."""
        stats = json.loads(json.dumps(stats or {}, default=str))
        values = {"finished_at": finished_at or utcnow(), "status": status, "exit_code": exit_code, "stats": stats}
        with self.engine.begin() as connection:
            connection.execute(update(crawl_runs).where(crawl_runs.c.id == run_id).values(values))

    def record_failure(self, url, reason, failed_at=None):
        """Count one more failure of url (by default: now), and mark it unresolved."""
        now = failed_at or utcnow()
        statement = self._upsert(failed_urls).values(
            url=url, reason=reason, attempts=1, first_failed=now, last_failed=now
        )
        statement = statement.on_conflict_do_update(
            index_elements=["url"],
            set_={
                "reason": statement.excluded.reason,
                "attempts": failed_urls.c.attempts + 1,
                "last_failed": statement.excluded.last_failed,
                "resolved_at": None,
            },
        )
        with self.engine.begin() as connection:
            connection.execute(statement)

    def resolve(self, url):
        """Mark url's failure as resolved (storing its article does this too)."""
        with self.engine.begin() as connection:
            connection.execute(
                update(failed_urls)
                .where(failed_urls.c.url == url, failed_urls.c.resolved_at.is_(None))
                .values(resolved_at=utcnow())
            )

    def pending_failures(self):
        """Unresolved failed URLs as dicts, oldest first."""
        query = select(failed_urls).where(failed_urls.c.resolved_at.is_(None))
        with self.engine.connect() as connection:
            rows = connection.execute(query.order_by(failed_urls.c.first_failed, failed_urls.c.url))
            return [dict(row._mapping) for row in rows]
