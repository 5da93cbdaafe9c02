"""Change-tracking rows on SQLite and PostgreSQL: revisions' changes, checks, presence, re-check candidates,
and the migration that gives revisions stored before it their changes."""

from datetime import datetime, timedelta, timezone

import pytest
from alembic import command
from sqlalchemy import MetaData, Table, create_engine, insert, inspect, select

from newscrawl.changes import records
from newscrawl.changes.schedule import parse_schedule
from newscrawl.archive.migrations import alembic_config
from newscrawl.archive.schema import articles
from newscrawl.archive.store import Store

pytest.register_assert_rewrite("dbfixtures")
from dbfixtures import make_item, upgrade  # noqa: E402

pytest_plugins = ["dbfixtures"]
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=timezone.utc)
NOW_TEXT = "2026-03-20T12:00:00Z"


@pytest.fixture
def store(db_url):
    store = Store(db_url)
    yield store
    store.close()


def changes(store):
    with store.engine.connect() as connection:
        return [records.change_dict(row) for row in connection.execute(records.changes_query())]


def test_a_revision_stores_its_diff_and_kind(store):
    store.write_batch([make_item(1), make_item(2)])
    assert store.changes_found == [] and changes(store) == []
    silent = make_item(1, article_body="Paragraph one of 1.\n\nParagraph two, corrected.")
    retitled = make_item(2, headline="New headline", date_modified="2025-03-21T09:00:00Z")
    store.write_batch([silent, retitled, make_item(3)])
    found = changes(store)
    assert [(c["url"], c["kind"], c["revision"]) for c in found] == [
        (silent["url"], "silent", 2), (retitled["url"], "headline", 2)]
    assert found[0]["diff"]["body"] == [{"op": "changed", "position": 2, "old": "Paragraph two.",
                                         "new": "Paragraph two, corrected."}]
    assert found[1]["diff"]["fields"]["headline"] == {"old": "Headline 2", "new": "New headline"}
    assert store.changes_found == found
    store.write_batch([silent, retitled])  # replayed: unchanged, nothing found again
    assert store.changes_found == [] and len(changes(store)) == 2


def test_checks_update_rows_and_presence_is_read_back(store):
    store.write_batch([make_item(n) for n in range(4)])
    gone, moved, suspect, _ = (make_item(n)["url"] for n in range(4))
    store.record_checks([
        {"url": gone, "last_checked": "2026-03-20T10:00:00Z", "unpublished_at": "2026-03-19T10:00:00Z",
         "gone_status": 410},
        {"url": moved, "last_checked": "2026-03-20T10:00:00Z", "unpublished_at": "2026-03-19T10:00:00Z",
         "gone_status": 301, "redirected_to": "https://kyivindependent.com/elsewhere/"},
        {"url": suspect, "last_checked": "2026-03-20T10:00:00Z", "etag": '"abc"',
         "suspect": {"state": "unpublished", "at": "2026-03-20T10:00:00Z", "status": 404, "redirected_to": None}},
        {"url": "https://kyivindependent.com/not-stored/", "last_checked": "2026-03-20T10:00:00Z"},
    ], [{"url": gone, "kind": "unpublished", "found_at": "2026-03-20T10:00:00Z", "status": 410,
         "since": "2026-03-19T10:00:00Z"}])
    with store.engine.connect() as connection:
        presence = records.load_presence(connection)
        etag = connection.execute(select(articles.c.etag).where(articles.c.url == suspect)).scalar()
    assert set(presence) == {gone, moved, suspect} and etag == '"abc"'
    assert presence[moved]["redirected_to"] == "https://kyivindependent.com/elsewhere/"
    assert presence[suspect]["suspect"]["status"] == 404
    assert changes(store) == [{"url": gone, "kind": "unpublished", "found_at": "2026-03-20T10:00:00Z",
                               "status": 410, "since": "2026-03-19T10:00:00Z"}]


def test_recheck_candidates_are_the_due_live_articles_newest_first(store):
    recent = [make_item(n, date_published=(NOW - timedelta(hours=h)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                        crawled_at=(NOW - timedelta(hours=h - 0.5)).strftime("%Y-%m-%dT%H:%M:%SZ"))
              for n, h in enumerate((2, 30, 500))]
    store.write_batch(recent + [make_item(9, date_published=None)])
    schedule = parse_schedule("1,6,24,72,168")
    with store.engine.connect() as connection:
        due = records.recheck_candidates(connection, schedule, NOW, budget=10)
        every = records.recheck_candidates(connection, parse_schedule("0"), NOW, budget=1)
    assert [c[0] for c in due] == [recent[0]["url"], recent[1]["url"]]
    assert [c[0] for c in every] == [recent[0]["url"], recent[1]["url"]]  # 2 x the budget
    store.record_checks([{"url": recent[0]["url"], "last_checked": NOW.strftime("%Y-%m-%dT%H:%M:%SZ"),
                          "etag": '"e"', "last_modified": "Fri, 20 Mar 2026 10:00:00 GMT"},
                         {"url": recent[1]["url"], "unpublished_at": "2026-03-20T11:00:00Z"}], [])
    with store.engine.connect() as connection:
        assert records.recheck_candidates(connection, schedule, NOW, budget=10) == []
        later = records.recheck_candidates(connection, schedule, NOW + timedelta(hours=5), budget=10)
    assert later == [(recent[0]["url"], recent[0]["date_published"], NOW.strftime("%Y-%m-%dT%H:%M:%SZ"), '"e"',
                      "Fri, 20 Mar 2026 10:00:00 GMT")]


def test_the_migration_gives_stored_revisions_their_changes(empty_url):
    upgrade(empty_url, "0002")
    versions = [dict(make_item(1), revision=1), dict(make_item(1, headline="Second", revision=2)),
                dict(make_item(1, headline="Third", date_modified="2025-03-23T00:00:00Z"), revision=3)]
    engine = create_engine(empty_url)
    with engine.begin() as connection:  # an article revised twice before this migration, as 0002 stored it
        old = MetaData()
        table, revisions = (Table(name, old, autoload_with=connection) for name in ("articles", "article_revisions"))
        connection.execute(insert(table), dict(versions[2], content_hash="h3", first_seen=NOW_TEXT, last_seen=NOW_TEXT))
        connection.execute(insert(revisions), [
            {"url": v["url"], "revision": v["revision"], "item": v, "content_hash": f"h{v['revision']}",
             "date_modified": v["date_modified"], "replaced_at": f"2026-01-0{v['revision']}T00:00:00Z"}
            for v in versions[:2]])
    upgrade(empty_url)
    store = Store(empty_url)
    found = changes(store)
    assert [(c["kind"], c["revision"], c["found_at"]) for c in found] == [
        ("silent", 2, "2026-01-01T00:00:00Z"), ("headline", 3, "2026-01-02T00:00:00Z")]
    assert found[0]["diff"]["fields"] == {"headline": {"old": "Headline 1", "new": "Second"}}
    assert found[1]["diff"]["fields"]["headline"] == {"old": "Second", "new": "Third"}
    store.close()
    command.downgrade(alembic_config(empty_url), "0002")
    with engine.connect() as connection:
        assert "article_changes" not in inspect(connection).get_table_names()
    engine.dispose()
