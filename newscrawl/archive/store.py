"""Store: reads and writes articles and crawl state in the SQL database."""

import hashlib
import json
from collections import Counter
from datetime import datetime, timezone

from alembic import command
from alembic.migration import MigrationContext
from sqlalchemy import bindparam, create_engine, delete, insert, inspect, make_url, select, update
from sqlalchemy.dialects import postgresql, sqlite

from newscrawl.archive import safe_url
from newscrawl.archive.crawl_log import CrawlLog, utcnow
from newscrawl.archive.listings import ListingLog
from newscrawl.archive.migrations import alembic_config, head_revision
from newscrawl.archive.schema import (article_authors, article_revisions, article_tags, articles, captures,
                                      failed_urls)
from newscrawl.changes import records
from newscrawl.items import ARTICLE_FIELDS, BOOKKEEPING_FIELDS

ITEM_COLUMNS = ARTICLE_FIELDS + BOOKKEEPING_FIELDS
UPDATED_COLUMNS = tuple(name for name in ITEM_COLUMNS if name != "url") + ("content_hash", "last_seen")
# (table, its value column, the item field that fills it)
LIST_TABLES = ((article_authors, "name", "authors"), (article_tags, "tag", "tags"))
UPSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
CAPTURE_COLUMNS = ("date", "file", "offset", "length", "record_id", "digest")
# Keeps each statement's IN (...) list below SQLite's bound-parameter limit.
CHUNK_SIZE = 500


class SchemaOutdated(Exception):
    """The database is not at the schema revision that this code needs."""


def content_hash(item):
    """SHA-256 over the article's own fields, leaving out crawl bookkeeping."""
    fields = {name: item.get(name) for name in ARTICLE_FIELDS if item.get(name) is not None}
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _rounds(numbered):
    """Split (number, item) pairs into lists where each URL appears at most once, keeping order."""
    rounds, seen = [], Counter()
    for number, item in numbered:
        occurrence = seen[item["url"]]
        seen[item["url"]] += 1
        if occurrence == len(rounds):
            rounds.append([])
        rounds[occurrence].append((number, item))
    return rounds


def connect_args(url, timeout=None):
    """The driver's connect arguments for a database whose statements may take up to ``timeout`` seconds.

    PostgreSQL bounds the connect, and the server cancels a statement past the timeout
    (``statement_timeout``, after the URL's own ``options``; lock waits included); the connection
    breaks when the server has not acknowledged sent data for that long (``tcp_user_timeout``, a
    host gone from the network) or answers no keepalive. SQLite waits that long for another
    connection's lock (5 s by default).
    """
    url = make_url(url)
    if url.get_backend_name() != "postgresql":
        return {} if timeout is None else {"timeout": timeout}
    bounded = {"connect_timeout": 10}
    if timeout is not None:
        milliseconds = max(1, round(timeout * 1000))
        options = " ".join(filter(None, (url.query.get("options"), f"-c statement_timeout={milliseconds}")))
        bounded.update(options=options, tcp_user_timeout=milliseconds,
                       keepalives=1, keepalives_idle=max(1, round(timeout / 2)), keepalives_interval=5,
                       keepalives_count=3)
    return bounded


class Store(CrawlLog, ListingLog):
    """Articles and crawl state in the database at ``url``."""

    def __init__(self, url, timeout=None):
        """``timeout``: the seconds a statement may take, waits for locks included, before the database
        gives it up with an error (None: no bound); the connect is bounded at 10 s either way."""
        self.url = url
        self.engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args(url, timeout))
        self._upsert = UPSERTS[self.engine.dialect.name]
        self.changes_found = []  # the revisions' changes (records.revision_change) that write_batch wrote

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

    def load_watch(self, schedule, budget):
        """(presence, re-check candidates) for changes.Watch.load, read at the start of a run."""
        with self.engine.connect() as connection:
            presence = records.load_presence(connection)
            candidates = records.recheck_candidates(connection, schedule, datetime.now(timezone.utc), budget)
        return presence, candidates

    def record_checks(self, checks, changes):
        """Write what checks of articles found (their rows' new values) and the changes they make."""
        with self.engine.begin() as connection:
            records.record_checks(connection, checks)
            records.insert_changes(connection, changes)

    def stored_captures(self):
        """{url: the WARC record id its stored version was extracted from} of the articles that link one."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(articles.c.url, articles.c.capture).where(articles.c.capture.is_not(None)))
            return {url: capture["record_id"] for url, capture in rows if capture}

    def articles(self, urls):
        """{url: row as a dict} of the stored articles among urls."""
        found = {}
        with self.engine.connect() as connection:
            for start in range(0, len(urls), CHUNK_SIZE):
                query = select(articles).where(articles.c.url.in_(urls[start : start + CHUNK_SIZE]))
                found.update((row.url, dict(row._mapping)) for row in connection.execute(query))
        return found

    def load_captures(self):
        """{url: (digest, record_id, date, file, offset, length)} of each URL's latest WARC page record."""
        columns = (captures.c.url, captures.c.digest, captures.c.record_id, captures.c.date, captures.c.file,
                   captures.c.offset, captures.c.length)
        with self.engine.connect() as connection:
            return {url: tuple(rest) for url, *rest in connection.execute(select(*columns))}

    def record_captures(self, rows):
        """Upsert the latest page record of each URL (dicts with the captures table's columns)."""
        if not rows:
            return
        statement = self._upsert(captures)
        statement = statement.on_conflict_do_update(
            index_elements=["url"], set_={name: statement.excluded[name] for name in CAPTURE_COLUMNS})
        with self.engine.begin() as connection:
            connection.execute(statement, rows)

    def write_batch(self, items):
        """Write items in one transaction; return the database's answer for each, in order: (outcome, revision).

        outcome is "new", "revised" or "unchanged". A revised article's previous version goes to
        article_revisions, what changed to article_changes (and to changes_found), and its authors
        and tags rows are replaced. Writing the same items again changes nothing, so a batch may
        safely be replayed.
        """
        answers, now, self.changes_found = [None] * len(items), utcnow(), []
        with self.engine.begin() as connection:
            for start in range(0, len(items), CHUNK_SIZE):
                chunk = list(enumerate(items[start : start + CHUNK_SIZE], start))
                for round_items in _rounds(chunk):
                    written = self._write_round(connection, [item for _, item in round_items], now)
                    for (index, _), answer in zip(round_items, written):
                        answers[index] = answer
                urls = [item["url"] for _, item in chunk]
                connection.execute(
                    update(failed_urls)
                    .where(failed_urls.c.url.in_(urls), failed_urls.c.resolved_at.is_(None))
                    .values(resolved_at=now)
                )
        return answers

    def _write_round(self, connection, items, now):
        """Write items whose URLs are all distinct; their (outcome, revision), in order.

        New articles are inserted first, and the others locked before they are compared: of two
        workers that write the same article at once, one is told "new" (or "revised") and the
        other, which waited for it, "unchanged".
        """
        rows = {item["url"]: _row(item, now) for item in items}
        answers = {}
        # In URL order, so that two writers of the same URLs wait for each other instead of deadlocking.
        statement = self._upsert(articles).on_conflict_do_nothing(index_elements=["url"])
        values = [dict(rows[url], revision=1) for url in sorted(rows)]
        ids = dict(connection.execute(statement.returning(articles.c.url, articles.c.id), values).all())
        answers.update((url, ("new", 1)) for url in ids)
        stored = [url for url in rows if url not in ids]
        if stored:
            ids.update(self._update_stored(connection, {url: rows[url] for url in stored}, now, answers))
        _replace_lists(connection, ids, list(rows.values()))
        return [answers[item["url"]] for item in items]

    def _update_stored(self, connection, rows, now, answers):
        """Update the stored articles of rows, keeping each revised one's previous version; {url: id}."""
        query = select(articles).where(articles.c.url.in_(list(rows))).order_by(articles.c.url).with_for_update()
        snapshots, ids = [], {}
        for old in connection.execute(query):
            row, ids[old.url] = rows[old.url], old.id
            if old.content_hash == row["content_hash"]:
                row["revision"] = old.revision
                answers[old.url] = ("unchanged", old.revision)
            else:
                row["revision"] = old.revision + 1
                answers[old.url] = ("revised", old.revision + 1)
                snapshots.append(_snapshot(old, now))
                self.changes_found.append(records.revision_change(old.url, old._mapping, row, old.revision + 1, now))
        values = [{"key": url, **{name: row[name] for name in UPDATED_COLUMNS}} for url, row in rows.items()]
        connection.execute(update(articles).where(articles.c.url == bindparam("key")), values)
        if snapshots:
            connection.execute(insert(article_revisions), snapshots)
            records.insert_changes(connection, self.changes_found[-len(snapshots):])
        return ids

    def stored_versions(self):
        """(url, revision) of every stored version: the current ones and those in article_revisions."""
        with self.engine.connect() as connection:
            current = connection.execute(select(articles.c.url, articles.c.revision))
            older = connection.execute(select(article_revisions.c.url, article_revisions.c.revision))
            return {tuple(row) for row in current} | {tuple(row) for row in older}

    def read_versions(self, versions):
        """The stored versions named by (url, revision) pairs, as items, in that order."""
        versions = sorted(versions)
        found = {}
        with self.engine.connect() as connection:
            for start in range(0, len(versions), CHUNK_SIZE):
                urls = sorted({url for url, _ in versions[start : start + CHUNK_SIZE]})
                rows = connection.execute(select(*(articles.c[name] for name in ITEM_COLUMNS))
                                          .where(articles.c.url.in_(urls)))
                found.update(((row.url, row.revision), dict(row._mapping)) for row in rows)
                older = connection.execute(select(article_revisions.c.item).where(article_revisions.c.url.in_(urls)))
                found.update(((item["url"], item["revision"]), item) for (item,) in older)
        return [found[version] for version in versions]


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
