"""What the site lists, what became of the listed URLs, and the queue for the next run: bulk writes and reads.

Every write takes many rows in one transaction (a sitemap lists thousands of URLs), so that a
crawl records what it saw without a statement per link.
"""

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from newscrawl.archive.schema import crawl_queue, site_listings, url_outcomes

UPSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
CHUNK_SIZE = 500  # rows per statement


def _upsert(connection, table, rows, keep=()):
    """Insert rows; on a primary-key conflict update every column but the key and those in keep."""
    keys = [column.name for column in table.primary_key]
    unique = list({tuple(row[key] for key in keys): row for row in rows}.values())  # the last row of each key
    statement = UPSERTS[connection.dialect.name](table)
    updated = {name: statement.excluded[name] for name in unique[0] if name not in keys and name not in keep}
    statement = statement.on_conflict_do_update(index_elements=keys, set_=updated)
    for start in range(0, len(unique), CHUNK_SIZE):
        connection.execute(statement, unique[start:start + CHUNK_SIZE])


def record_listings(engine, rows):
    """Upsert site_listings rows {url, listing, kind, page, listed_date, before_since, seen, run_id}."""
    if not rows:
        return
    values = [{name: row.get(name) for name in ("url", "listing", "kind", "page", "listed_date", "run_id")}
              | {"before_since": bool(row.get("before_since")), "first_seen": row["seen"], "last_seen": row["seen"]}
              for row in rows]
    with engine.begin() as connection:
        _upsert(connection, site_listings, values, keep=("first_seen",))


def record_outcomes(engine, rows):
    """Upsert url_outcomes rows {url, outcome, reason, article_url, date_published, recorded_at}."""
    if not rows:
        return
    values = [{column.name: row.get(column.name) for column in url_outcomes.columns} for row in rows]
    with engine.begin() as connection:
        _upsert(connection, url_outcomes, values)


def queue(engine, rows):
    """Add crawl_queue rows {url, reason, queued_at} for the next run."""
    if rows:
        with engine.begin() as connection:
            _upsert(connection, crawl_queue, rows)


def queued(engine):
    """The queued URLs, oldest first."""
    with engine.connect() as connection:
        return list(connection.execute(select(crawl_queue.c.url).order_by(crawl_queue.c.queued_at,
                                                                          crawl_queue.c.url)).scalars())


def unqueue(engine, urls):
    """Remove urls from the queue: a run has fetched them."""
    with engine.begin() as connection:
        for start in range(0, len(urls), CHUNK_SIZE):
            connection.execute(delete(crawl_queue).where(crawl_queue.c.url.in_(urls[start:start + CHUNK_SIZE])))
