"""ListingLog: what the site lists, what became of the listed URLs, and the queue for the next run (a Store part).

Every write takes many rows in one transaction (a sitemap lists thousands of URLs), so that a
crawl records what it saw without a statement per link.
"""

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from newscrawl.archive.crawl_log import utcnow
from newscrawl.archive.schema import crawl_queue, failed_urls, site_listings, url_outcomes

UPSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
CHUNK_SIZE = 500  # rows per statement, and URLs per IN (...) list


def _upsert(connection, table, rows, keep=()):
    """Insert rows; on a primary-key conflict update every column but the key and those in keep."""
    keys = [column.name for column in table.primary_key]
    unique = list({tuple(row[key] for key in keys): row for row in rows}.values())  # the last row of each key
    statement = UPSERTS[connection.dialect.name](table)
    updated = {name: statement.excluded[name] for name in unique[0] if name not in keys and name not in keep}
    statement = statement.on_conflict_do_update(index_elements=keys, set_=updated)
    for start in range(0, len(unique), CHUNK_SIZE):
        connection.execute(statement, unique[start:start + CHUNK_SIZE])


def _chunks(urls):
    for start in range(0, len(urls), CHUNK_SIZE):
        yield urls[start:start + CHUNK_SIZE]


class ListingLog:
    """Reads and writes site_listings, url_outcomes and crawl_queue; needs ``self.engine``."""

    def record_sightings(self, listings=(), outcomes=()):
        """In one transaction: upsert site_listings rows {url, listing, kind, page, listed_date,
        before_since, seen, run_id}, and url_outcomes rows {url, outcome, reason, article_url,
        date_published, recorded_at}, resolving the outcomes' failed URLs (their fetch answered)."""
        rows = [{name: row.get(name) for name in ("url", "listing", "kind", "page", "listed_date", "run_id")}
                | {"before_since": bool(row.get("before_since")), "first_seen": row["seen"], "last_seen": row["seen"]}
                for row in listings]
        results = [{column.name: row.get(column.name) for column in url_outcomes.columns} for row in outcomes]
        with self.engine.begin() as connection:
            if rows:
                _upsert(connection, site_listings, rows, keep=("first_seen",))
            if results:
                _upsert(connection, url_outcomes, results)
            for urls in _chunks([row["url"] for row in results]):
                connection.execute(update(failed_urls).where(failed_urls.c.url.in_(urls),
                                                             failed_urls.c.resolved_at.is_(None))
                                   .values(resolved_at=utcnow()))

    def queue(self, rows):
        """Add crawl_queue rows {url, reason, queued_at} for the next run."""
        if rows:
            with self.engine.begin() as connection:
                _upsert(connection, crawl_queue, rows)

    def queued(self):
        """The queued URLs, oldest first."""
        query = select(crawl_queue.c.url).order_by(crawl_queue.c.queued_at, crawl_queue.c.url)
        with self.engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def unqueue(self, urls):
        """Remove urls from the queue: a run has fetched them."""
        with self.engine.begin() as connection:
            for chunk in _chunks(list(urls)):
                connection.execute(delete(crawl_queue).where(crawl_queue.c.url.in_(chunk)))
