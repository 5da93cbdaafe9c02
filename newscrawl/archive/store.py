"""Store: reads and writes articles and crawl state in the SQL database."""

import hashlib
import json
from collections import Counter
from datetime import datetime, timezone

from alembic import command
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, delete, insert, inspect, make_url, select, update
from sqlalchemy.dialects import postgresql, sqlite

from newscrawl.archive import safe_url
from newscrawl.archive.migrations import alembic_config, head_revision
from newscrawl.archive.schema import (
    article_authors,
    article_revisions,
    article_tags,
    articles,
    crawl_runs,
    failed_urls,
)
from newscrawl.items import ARTICLE_FIELDS, BOOKKEEPING_FIELDS

ITEM_COLUMNS = ARTICLE_FIELDS + BOOKKEEPING_FIELDS
UPDATED_COLUMNS = tuple(name for name in ITEM_COLUMNS if name != "url") + ("content_hash", "last_seen")
# (table, its value column, the item field that fills it)
LIST_TABLES = ((article_authors, "name", "authors"), (article_tags, "tag", "tags"))
UPSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
# Keeps each statement's IN (...) list below SQLite's bound-parameter limit.
CHUNK_SIZE = 500


class SchemaOutdated(Exception):
    """The database is not at the schema revision that this code needs."""


def utcnow():
    """The current time, ISO 8601 in UTC, ending in Z, like the item's dates."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def content_hash(item):
    """SHA-256 over the article's own fields, leaving out crawl bookkeeping."""
    fields = {name: item.get(name) for name in ARTICLE_FIELDS if item.get(name) is not None}
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _rounds(items):
    """Split items into lists where each URL appears at most once, keeping order."""
    rounds, seen = [], Counter()
    for item in items:
        occurrence = seen[item["url"]]
        seen[item["url"]] += 1
        if occurrence == len(rounds):
            rounds.append([])
        rounds[occurrence].append(item)
    return rounds


class Store:
    """Articles and crawl state in the database at ``url``."""

    def __init__(self, url):
        self.url = url
        # A bounded connect: the crawl waits on a flush, so it must not hang on a dead host.
        connect_args = {"connect_timeout": 10} if make_url(url).get_backend_name() == "postgresql" else {}
        self.engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
        self._upsert = UPSERTS[self.engine.dialect.name]

    def close(self):
        """Close the pooled connections."""
        self.engine.dispose()

    def check_schema(self, create_empty=False):
        """Raise SchemaOutdated, saying what to run, unless the db is at head.

        With create_empty, a database without any table gets the newest schema:
        starting a new archive needs no separate step, migrating one does.
        """
        with self.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            empty = not inspect(connection).get_table_names()
        head = head_revision()
        if current == head:
            return
        if create_empty and empty:
            command.upgrade(alembic_config(self.url), "head")
            return
        where = f"Database {safe_url(self.url)}"
        if current is None:
            state = "has no schema yet (empty database)"
        else:
            state = f"is at schema revision {current}"
        raise SchemaOutdated(
            f"{where} {state}; this code needs revision {head}. Run: python -m newscrawl db upgrade"
            " (with NEWSCRAWL_DATABASE_URL or --url naming this database)."
        )

    def load_index(self):
        """Map each stored URL to (content_hash, date_modified, revision)."""
        columns = (articles.c.url, articles.c.content_hash, articles.c.date_modified, articles.c.revision)
        with self.engine.connect() as connection:
            rows = connection.execute(select(*columns))
            return {url: (digest, modified, revision) for url, digest, modified, revision in rows}

    def write_batch(self, items):
        """Upsert items in one transaction; count them as new, revised or unchanged.

        A changed article's previous version goes to article_revisions, and its
        authors and tags rows are replaced. Writing the same items again changes
        nothing, so a batch may safely be replayed.
        """
        outcomes, now = Counter(), utcnow()
        with self.engine.begin() as connection:
            for start in range(0, len(items), CHUNK_SIZE):
                chunk = items[start : start + CHUNK_SIZE]
                for round_items in _rounds(chunk):
                    outcomes += self._write_round(connection, round_items, now)
                urls = [item["url"] for item in chunk]
                connection.execute(
                    update(failed_urls)
                    .where(failed_urls.c.url.in_(urls), failed_urls.c.resolved_at.is_(None))
                    .values(resolved_at=now)
                )
        return outcomes

    def _write_round(self, connection, items, now):
        """Upsert items whose URLs are all distinct."""
        urls = [item["url"] for item in items]
        existing = {row.url: row for row in connection.execute(select(articles).where(articles.c.url.in_(urls)))}
        rows, snapshots, outcomes = [], [], Counter()
        for item in items:
            row, old = _row(item, now), existing.get(item["url"])
            if old is None:
                row["revision"], outcome = 1, "new"
            elif old.content_hash == row["content_hash"]:
                row["revision"], outcome = old.revision, "unchanged"
            else:
                row["revision"], outcome = old.revision + 1, "revised"
                snapshots.append(_snapshot(old, now))
            rows.append(row)
            outcomes[outcome] += 1
        statement = self._upsert(articles)
        excluded = {name: statement.excluded[name] for name in UPDATED_COLUMNS}
        statement = statement.on_conflict_do_update(index_elements=["url"], set_=excluded)
        # RETURNING also makes SQLAlchemy send many rows per statement ("insertmanyvalues").
        ids = dict(connection.execute(statement.returning(articles.c.url, articles.c.id), rows).all())
        if snapshots:
            connection.execute(insert(article_revisions), snapshots)
        _replace_lists(connection, ids, rows)
        return outcomes

    def start_run(self, spider, mode=None):
        """Record a crawl run as started; return its id."""
        values = {"spider": spider, "mode": mode, "started_at": utcnow(), "status": "running"}
        with self.engine.begin() as connection:
            return connection.execute(insert(crawl_runs).values(values)).inserted_primary_key[0]

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


def _row(item, now):
    """An articles row for item, less its revision number."""
    row = {name: item.get(name) for name in ITEM_COLUMNS}
    seen = item.get("crawled_at") or now
    # The database pipeline hands over the hash it computed; a spooled or direct item may lack it.
    row.update(content_hash=item.get("content_hash") or content_hash(item), first_seen=seen, last_seen=seen)
    return row


def _snapshot(row, now):
    """An article_revisions row keeping the stored version that is being replaced."""
    return {
        "url": row.url,
        "revision": row.revision,
        "item": {name: row._mapping[name] for name in ITEM_COLUMNS},
        "content_hash": row.content_hash,
        "date_modified": row.date_modified,
        "replaced_at": now,
    }


def _replace_lists(connection, ids, rows):
    """Replace the authors and tags rows of the articles just written."""
    for table, column, field in LIST_TABLES:
        connection.execute(delete(table).where(table.c.article_id.in_(ids.values())))
        values = [
            {"article_id": ids[row["url"]], "position": position, column: value}
            for row in rows
            for position, value in enumerate(row[field] or [])
        ]
        if values:
            connection.execute(insert(table), values)
