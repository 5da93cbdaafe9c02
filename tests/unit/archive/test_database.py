"""The schema, its migrations and the Store, on SQLite and on PostgreSQL."""

import argparse
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import create_engine, func, insert, inspect, select, text
from sqlalchemy.exc import DBAPIError

from newscrawl.archive import cli
from newscrawl.archive.migrations import alembic_config, head_revision
from newscrawl.archive.schema import (article_authors, article_revisions, article_tags, articles, crawl_runs,
                                      include_object, metadata)
from newscrawl.archive.store import ITEM_COLUMNS, SchemaOutdated, Store, content_hash
from newscrawl.items import Article

pytest.register_assert_rewrite("dbfixtures")
from dbfixtures import make_item, upgrade  # noqa: E402

pytest_plugins = ["dbfixtures"]

# The README's example queries: articles per tag, per author and per day.
ARTICLES_PER_TAG = """
SELECT t.tag, COUNT(*) AS articles FROM article_tags t
GROUP BY t.tag ORDER BY articles DESC, t.tag"""
ARTICLES_PER_AUTHOR = """
SELECT au.name, COUNT(*) AS articles FROM article_authors au
GROUP BY au.name ORDER BY articles DESC, au.name"""
ARTICLES_PER_DAY = """
SELECT SUBSTR(a.date_published, 1, 10) AS day, COUNT(*) AS articles FROM articles a
WHERE a.date_published IS NOT NULL GROUP BY day ORDER BY day"""


@pytest.fixture
def store(db_url):
    store = Store(db_url)
    yield store
    store.close()


def fetch(store, query):
    """All rows of a query, as tuples."""
    with store.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query)]


def stored_items(store):
    """The stored articles as item dicts, by URL."""
    rows = fetch(store, select(*(articles.c[name] for name in ITEM_COLUMNS)))
    return {row[0]: dict(zip(ITEM_COLUMNS, row)) for row in rows}


def test_item_fields_have_columns():
    assert set(Article.fields) <= set(articles.c.keys())


def test_migrations_build_the_schema_from_empty(empty_url):
    upgrade(empty_url)
    engine = create_engine(empty_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_object": include_object})
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, metadata) == []
    engine.dispose()
    Store(empty_url).check_schema()


def test_a_schema_creation_cut_short_leaves_an_empty_database(empty_url, monkeypatch):
    """The migrations run in one transaction, on SQLite too: a crawl killed while it gives an empty database
    the schema leaves it empty, so that the next crawl creates the schema (it refused a half-made one)."""
    create_table, made = Operations.create_table, []

    def cut_short(self, name, *columns, **options):
        if len(made) == 2:
            raise KeyboardInterrupt("killed")
        made.append(name)
        return create_table(self, name, *columns, **options)

    monkeypatch.setattr(Operations, "create_table", cut_short)
    with pytest.raises(KeyboardInterrupt):
        upgrade(empty_url)
    monkeypatch.undo()
    engine = create_engine(empty_url)
    with engine.connect() as connection:
        assert made and inspect(connection).get_table_names() == []
    engine.dispose()
    store = Store(empty_url)
    store.check_schema(create_empty=True)
    store.check_schema()
    store.close()


def test_upgrade_from_0001_fills_the_new_columns(empty_url):
    upgrade(empty_url, "0001")
    item = make_item(1)
    engine = create_engine(empty_url)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO articles (url, headline, crawled_at) VALUES (:url, :headline, :crawled_at)"),
            {"url": item["url"], "headline": item["headline"], "crawled_at": item["crawled_at"]},
        )
    engine.dispose()
    upgrade(empty_url)
    store = Store(empty_url)
    only = {"url": item["url"], "headline": item["headline"], "crawled_at": item["crawled_at"]}
    assert store.load_index() == {item["url"]: (content_hash(only), None, 1)}
    assert fetch(store, select(articles.c.first_seen, articles.c.last_seen)) == [(item["crawled_at"],) * 2]
    store.close()


def test_downgrade_and_upgrade_keep_the_articles(store, db_url):
    # Below the captures revision there are no links to captures: a downgrade drops them.
    store.write_batch([make_item(number, capture=None) for number in range(20)])
    before = stored_items(store), store.load_index(), fetch(store, select(article_tags).order_by(*article_tags.c))
    command.downgrade(alembic_config(db_url), "0001")
    upgrade(db_url)
    after = stored_items(store), store.load_index(), fetch(store, select(article_tags).order_by(*article_tags.c))
    assert after == before


def test_check_schema_says_what_to_run(empty_url):
    url = empty_url.set(password="hunter2") if empty_url.get_backend_name() == "postgresql" else empty_url
    store = Store(url)
    with pytest.raises(SchemaOutdated, match="empty database") as empty:
        store.check_schema()
    upgrade(url, "0001")
    with pytest.raises(SchemaOutdated, match="at schema revision 0001") as outdated:
        store.check_schema()
    for error in (empty, outdated):
        message = str(error.value)
        assert "Run: python -m newscrawl db upgrade" in message
        assert "hunter2" not in message
    store.close()


def test_write_batch_is_idempotent(store):
    items = [make_item(number) for number in range(250)]
    assert store.write_batch(items) == [("new", 1)] * 250
    assert store.write_batch(items) == [("unchanged", 1)] * 250
    assert fetch(store, select(func.count()).select_from(articles)) == [(250,)]
    assert fetch(store, select(func.count()).select_from(article_tags)) == [(750,)]
    assert fetch(store, select(func.count()).select_from(article_authors)) == [(375,)]
    assert fetch(store, select(func.count()).select_from(article_revisions)) == [(0,)]
    assert stored_items(store)[items[7]["url"]] == dict(items[7], revision=1)


def test_new_revised_and_unchanged(store):
    store.write_batch([make_item(1), make_item(2)])
    revised = make_item(1, headline="Corrected headline", authors=["Someone Else"], date_modified="2025-03-21T09:00:00Z")
    answers = store.write_batch([revised, make_item(2), make_item(3)])
    assert answers == [("revised", 2), ("unchanged", 1), ("new", 1)]
    index = store.load_index()
    assert index[revised["url"]] == (content_hash(revised), "2025-03-21T09:00:00Z", 2)
    assert index[make_item(2)["url"]][2] == 1
    columns = ("url", "revision", "item", "content_hash")
    [(url, number, snapshot, digest)] = fetch(store, select(*(article_revisions.c[name] for name in columns)))
    assert (url, number, digest) == (revised["url"], 1, content_hash(make_item(1)))
    assert snapshot == dict(make_item(1), revision=1)
    names = select(article_authors.c.name).join(articles).where(articles.c.url == revised["url"])
    assert fetch(store, names) == [("Someone Else",)]


def test_bookkeeping_alone_is_no_revision(store):
    store.write_batch([make_item(1)])
    later = make_item(1, crawled_at="2025-04-01T00:00:00Z", discovered_via="https://kyivindependent.com/")
    assert store.write_batch([later]) == [("unchanged", 1)]
    assert fetch(store, select(articles.c.first_seen, articles.c.last_seen, articles.c.crawled_at)) == [
        ("2025-03-20T08:00:00Z", "2025-04-01T00:00:00Z", "2025-04-01T00:00:00Z")
    ]


def test_one_batch_may_hold_two_versions(store):
    first, second = make_item(1), make_item(1, headline="Updated")
    assert store.write_batch([first, second]) == [("new", 1), ("revised", 2)]
    assert stored_items(store)[first["url"]]["headline"] == "Updated"
    assert fetch(store, select(article_revisions.c.revision)) == [(1,)]


def test_tag_author_and_day_queries(store):
    store.write_batch([make_item(number) for number in range(6)])
    assert fetch(store, text(ARTICLES_PER_TAG)) == [
        ("Russia", 6), ("News Feed", 3), ("Ukraine War", 3), ("Topic 0", 2), ("Topic 1", 2), ("Topic 2", 2)
    ]
    assert fetch(store, text(ARTICLES_PER_AUTHOR)) == [("Martin Fornusek", 6), ("Kyiv Independent news desk", 3)]
    assert fetch(store, text(ARTICLES_PER_DAY)) == [
        ("2025-03-10", 2), ("2025-03-11", 1), ("2025-03-12", 1), ("2025-03-13", 1), ("2025-03-14", 1)
    ]


def test_failed_urls(store):
    url = make_item(1)["url"]
    store.record_failure(url, "HTTP 503")
    store.record_failure(url, "timeout")
    store.record_failure("https://kyivindependent.com/gone/", "HTTP 404")
    pending = {failure["url"]: failure for failure in store.pending_failures()}
    assert (pending[url]["attempts"], pending[url]["reason"]) == (2, "timeout")
    store.write_batch([make_item(1)])
    store.resolve("https://kyivindependent.com/gone/")
    assert store.pending_failures() == []


def test_crawl_runs(store):
    run_id = store.start_run("kyivindependent", "incremental")
    start = datetime(2025, 3, 20, tzinfo=timezone.utc)
    store.finish_run(run_id, "finished", exit_code=0, stats={"start_time": start, "item_scraped_count": 3})
    columns = (crawl_runs.c.spider, crawl_runs.c.mode, crawl_runs.c.status, crawl_runs.c.exit_code, crawl_runs.c.stats)
    stats = {"start_time": "2025-03-20 00:00:00+00:00", "item_scraped_count": 3}
    assert fetch(store, select(*columns)) == [("kyivindependent", "incremental", "finished", 0, stats)]


def test_db_command(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSCRAWL_DATABASE_URL", raising=False)
    parser = argparse.ArgumentParser()
    cli.add_parser(parser.add_subparsers())
    for argv in (["db", "upgrade"], ["db", "current"], ["db", "downgrade", "0001"], ["db", "current"]):
        assert cli.run(parser.parse_args(argv)) == 0
    head, outdated = capsys.readouterr().out.splitlines()
    assert head == f"{head_revision()} (head)"
    assert (f"is at schema revision 0001; this code needs revision {head_revision()}."
            " Run: python -m newscrawl db upgrade") in outdated
    assert (tmp_path / "data" / "newscrawl.db").is_file()


def test_of_two_writers_of_one_article_at_once_the_second_is_told_unchanged(postgres_url):
    """The database's answer, not what each writer read before: the second waits for the first, then compares."""
    upgrade(postgres_url)
    item, now = make_item(1), "2025-03-20T08:00:00Z"
    row = {**{name: item.get(name) for name in ITEM_COLUMNS}, "content_hash": content_hash(item),
           "first_seen": now, "last_seen": now, "revision": 1}
    first = create_engine(postgres_url)
    with first.connect() as connection, ThreadPoolExecutor(1) as pool:
        connection.execute(insert(articles).values(row))  # the first writer's transaction, not committed yet
        second = pool.submit(Store(postgres_url).write_batch, [item])
        time.sleep(0.5)
        assert not second.done()  # waiting for the first
        connection.commit()
        assert second.result(timeout=30) == [("unchanged", 1)]
    first.dispose()


def test_a_write_that_waits_past_the_timeout_for_a_lock_fails(db_url):
    """Another connection's uncommitted write holds the articles: a Store with a timeout gives up its
    write with the database's error after about that long, where one without would wait for the lock."""
    upgrade(db_url)
    item, now = make_item(1), "2025-03-20T08:00:00Z"
    row = {**{name: item.get(name) for name in ITEM_COLUMNS}, "content_hash": content_hash(item),
           "first_seen": now, "last_seen": now, "revision": 1}
    other, store = create_engine(db_url), Store(db_url, timeout=0.5)
    with other.connect() as connection:
        connection.execute(insert(articles).values(row))  # not committed: its lock is held
        started = time.monotonic()
        with pytest.raises(DBAPIError, match="statement timeout|database is locked"):
            store.write_batch([item])
        assert time.monotonic() - started < 5
        connection.rollback()
    assert store.write_batch([item]) == [("new", 1)]
    store.close()
    other.dispose()
