"""The Archive and the DatabasePipeline that feeds it, with hand-built items, on SQLite and on PostgreSQL."""

import json

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from newscrawl.archive.schema import crawl_runs
from newscrawl.archive.spool import Spool
from newscrawl.archive.state import Archive
from newscrawl.archive.store import SchemaOutdated, Store
from newscrawl.extensions import EXIT_FAILED
from newscrawl.pipelines.database import DatabasePipeline, UnchangedArticle
from conftest import in_event_loop

pytest.register_assert_rewrite("dbfixtures")
from dbfixtures import database_outage, make_item, upgrade  # noqa: E402

pytest_plugins = ["dbfixtures"]


class NewsSpider(Spider):
    name = "kyivindependent"


def make_pipeline(url, tmp_path, **settings):
    """A database pipeline, and its archive, for a fresh crawler with the Archive extension, spooling under tmp_path."""
    settings = {
        "EXTENSIONS": {Archive: 600},
        "NEWSCRAWL_DATABASE_URL": url.render_as_string(hide_password=False),
        "NEWSCRAWL_SPOOL_PATH": str(tmp_path / "spool.jsonl"),
        "NEWSCRAWL_JSONL_PATH": str(tmp_path / "articles.jsonl"),
        "NEWSCRAWL_DB_FLUSH_SECONDS": 3600,
        **settings,
    }
    crawler = get_crawler(NewsSpider, settings)
    crawler.spider = crawler._create_spider()
    return DatabasePipeline.from_crawler(crawler)


async def finish(pipeline):
    """Close the pipeline and the archive as Scrapy does at the end of a crawl."""
    await pipeline.close_spider()
    await pipeline.archive.spider_closed(pipeline.archive.crawler.spider, "finished")


def db_stats(pipeline):
    """The archive's database stats, without their prefix."""
    stats = pipeline.archive.stats.get_stats()
    return {key.removeprefix("newscrawl/db/"): value for key, value in stats.items() if key.startswith("newscrawl/db/")}


def lines(tmp_path):
    """(url, revision) of each line of the JSON Lines file, in order."""
    return [(record["url"], record["revision"]) for record in map(json.loads, (tmp_path / "articles.jsonl").open())]


def revisions(url):
    """The stored revision of each article, by its number in make_item."""
    store = Store(url)
    index = store.load_index()
    store.close()
    return {int(url.rstrip("/").rpartition("-")[2]): revision for url, (_, _, revision) in index.items()}


def run_row(url, run_id):
    """The crawl_runs row of one run."""
    store = Store(url)
    try:
        with store.engine.connect() as connection:
            return dict(connection.execute(select(crawl_runs).where(crawl_runs.c.id == run_id)).mappings().one())
    finally:
        store.close()


@in_event_loop
async def test_new_revised_and_unchanged(db_url, tmp_path):
    pipeline = make_pipeline(db_url, tmp_path)
    await pipeline.open_spider()
    assert [(await pipeline.process_item(make_item(n)))["revision"] for n in range(3)] == [1, 1, 1]
    assert (await pipeline.process_item(make_item(0, headline="Corrected")))["revision"] == 2
    with pytest.raises(UnchangedArticle):
        await pipeline.process_item(make_item(1, crawled_at="2025-03-21T00:00:00Z"))
    await finish(pipeline)
    assert db_stats(pipeline) == {"stored_new": 3, "stored_revised": 1, "unchanged": 1, "flushes": 1}

    rerun = make_pipeline(db_url, tmp_path)
    await rerun.open_spider()
    for item in (make_item(0, headline="Corrected"), make_item(2)):
        with pytest.raises(UnchangedArticle):
            await rerun.process_item(item)
    assert (await rerun.process_item(make_item(1, headline="New angle")))["revision"] == 2
    await finish(rerun)
    assert revisions(db_url) == {0: 2, 1: 2, 2: 1}


@in_event_loop
async def test_batches_by_size(db_url, tmp_path):
    pipeline = make_pipeline(db_url, tmp_path, NEWSCRAWL_DB_BATCH_SIZE=3)
    await pipeline.open_spider()
    for number in range(7):
        await pipeline.process_item(make_item(number))
    await pipeline.archive.database.drain()
    assert (db_stats(pipeline)["flushes"], len(revisions(db_url))) == (2, 6)
    await finish(pipeline)
    assert (db_stats(pipeline)["flushes"], len(revisions(db_url))) == (3, 7)


@in_event_loop
async def test_batches_by_time(db_url, tmp_path):
    pipeline = make_pipeline(db_url, tmp_path, NEWSCRAWL_DB_FLUSH_SECONDS=0)
    await pipeline.open_spider()
    await pipeline.process_item(make_item(1))
    await pipeline.process_item(make_item(2))
    await pipeline.archive.database.drain()
    assert (db_stats(pipeline)["flushes"], len(revisions(db_url))) == (2, 2)
    await finish(pipeline)


@in_event_loop
async def test_refuses_an_outdated_schema(empty_url, tmp_path, caplog):
    upgrade(empty_url, "0001")
    pipeline = make_pipeline(empty_url, tmp_path)
    with pytest.raises(SchemaOutdated):
        await pipeline.open_spider()
    assert "Not crawling" in caplog.text
    assert "Run: python -m newscrawl db upgrade" in caplog.text


def test_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSCRAWL_DATABASE_URL", raising=False)
    archive = Archive.from_crawler(get_crawler(NewsSpider))
    assert (str(archive.url), archive.batch_size, archive.flush_seconds) == ("sqlite:///data/newscrawl.db", 100, 5)
    assert (str(archive.spool.path), (tmp_path / "data").is_dir(), archive.jsonl) == ("data/spool.jsonl", True, None)
    monkeypatch.setenv("NEWSCRAWL_DATABASE_URL", "sqlite:///elsewhere.db")
    assert str(Archive.from_crawler(get_crawler(NewsSpider)).url) == "sqlite:///elsewhere.db"


@in_event_loop
async def test_spools_while_the_database_is_down(postgres_url, tmp_path, caplog):
    upgrade(postgres_url)
    pipeline = make_pipeline(postgres_url, tmp_path, NEWSCRAWL_DB_BATCH_SIZE=2)
    await pipeline.open_spider()
    await pipeline.process_item(make_item(0))
    await pipeline.process_item(make_item(1))
    await pipeline.archive.database.drain()  # that batch written before the outage
    with database_outage(postgres_url):
        await pipeline.process_item(make_item(2))
        await pipeline.process_item(make_item(0, headline="Corrected"))
        await pipeline.archive.database.drain()
    assert db_stats(pipeline)["spooled"] == 2
    assert "2 items spooled to" in caplog.text and "not currently accepting connections" in caplog.text
    spooled = [json.loads(line)["url"] for line in pipeline.archive.spool.path.open()]
    assert spooled == [make_item(2)["url"], make_item(0)["url"]]
    await pipeline.process_item(make_item(3))
    await pipeline.process_item(make_item(4))
    await finish(pipeline)
    assert db_stats(pipeline) == {"stored_new": 5, "stored_revised": 1, "flushes": 2, "spooled": 2, "replayed": 2}
    assert not pipeline.archive.spool.path.exists()
    assert revisions(postgres_url) == {0: 2, 1: 1, 2: 1, 3: 1, 4: 1}


@in_event_loop
async def test_replays_the_spool_at_the_next_start(postgres_url, tmp_path):
    upgrade(postgres_url)
    pipeline = make_pipeline(postgres_url, tmp_path)
    await pipeline.open_spider()
    await pipeline.process_item(make_item(1))
    await pipeline.process_item(make_item(2))
    with database_outage(postgres_url):
        pipeline.archive.write_or_keep("record_failure", url="https://kyivindependent.com/gone/", reason="http_503",
                                       failed_at="2025-03-20T08:00:00Z")
        await finish(pipeline)
    assert (db_stats(pipeline)["spooled"], db_stats(pipeline)["pending"]) == (2, 2)  # the failure and the run's end
    # An item that did reach the database before: replaying it changes nothing.
    Store(postgres_url).write_batch([make_item(3)])
    Spool(tmp_path / "spool.jsonl").append([dict(make_item(3))])

    first_run = pipeline.archive.run_id
    assert run_row(postgres_url, first_run)["status"] == "running"  # its end is kept in spool-pending.jsonl

    rerun = make_pipeline(postgres_url, tmp_path)
    await rerun.open_spider()
    assert db_stats(rerun) == {"replayed": 3, "flushes": 1, "stored_new": 2, "unchanged": 1}
    row = run_row(postgres_url, first_run)
    assert (row["status"], row["stats"]["newscrawl/db/spooled"]) == ("finished", 2)
    assert row["finished_at"] <= run_row(postgres_url, rerun.archive.run_id)["started_at"]  # when it ended, not now
    assert not (tmp_path / "spool-pending.jsonl").exists()
    [failure] = rerun.archive.store.pending_failures()
    assert (failure["url"], failure["reason"], failure["first_failed"]) == (
        "https://kyivindependent.com/gone/", "http_503", "2025-03-20T08:00:00Z")
    with pytest.raises(UnchangedArticle):
        await rerun.process_item(make_item(2))
    await finish(rerun)
    assert revisions(postgres_url) == {1: 1, 2: 1, 3: 1}


@in_event_loop
async def test_the_json_lines_file_gets_what_the_database_answered(db_url, tmp_path):
    """Two workers of a shared crawl store one article reached under two URLs: one line, in one worker's file."""
    workers = [make_pipeline(db_url, tmp_path / name, NEWSCRAWL_REDIS_URL="redis://127.0.0.1:6379/13")
               for name in ("one", "two")]
    for worker in workers:
        await worker.open_spider()
    for worker in workers:  # neither knew the article when it started
        assert (await worker.process_item(make_item(1)))["revision"] == 1
        await worker.close_spider()
    assert [lines(tmp_path / name) for name in ("one", "two")] == [[(make_item(1)["url"], 1)], []]
    assert [db_stats(worker).get("stored_new") for worker in workers] == [1, None]
    assert db_stats(workers[1])["unchanged"] == 1
    for worker in workers:
        await finish(worker)


@in_event_loop
async def test_the_next_run_writes_the_stored_versions_the_json_lines_file_lacks(db_url, tmp_path, caplog):
    pipeline = make_pipeline(db_url, tmp_path)
    await pipeline.open_spider()
    for item in (make_item(1), make_item(2), make_item(1, headline="Corrected")):
        await pipeline.process_item(item)
    await finish(pipeline)
    path = tmp_path / "articles.jsonl"
    path.write_text(path.read_text().splitlines(keepends=True)[1])  # as if a full disk had refused two lines
    rerun = make_pipeline(db_url, tmp_path)
    await rerun.open_spider()
    url = make_item(1)["url"]
    assert sorted(lines(tmp_path)) == [(url, 1), (url, 2), (make_item(2)["url"], 1)]
    assert "lacked 2 stored versions" in caplog.text
    await finish(rerun)
    written = {(record["url"], record["revision"]): record for record in map(json.loads, path.open())}
    assert written[(url, 1)]["headline"] == make_item(1)["headline"]
    corrected = dict(make_item(1, headline="Corrected"), revision=2)
    assert written[(url, 2)] == {name: value for name, value in corrected.items() if value is not None}


@in_event_loop
async def test_a_run_that_never_ended_is_closed_as_killed_by_the_next_holder_of_its_lock(db_url, tmp_path, caplog):
    store = Store(db_url)
    killed = store.start_run("kyivindependent", "full", lock="host:/srv/data/kyivindependent.lock")
    elsewhere = store.start_run("kyivindependent", "full", lock="other-host:/srv/data/kyivindependent.lock")
    store.close()
    pipeline = make_pipeline(db_url, tmp_path, NEWSCRAWL_RUN_LOCK="host:/srv/data/kyivindependent.lock")
    await pipeline.open_spider()
    assert [run_row(db_url, run)["status"] for run in (killed, elsewhere)] == ["killed", "running"]
    assert f"Run {killed} of kyivindependent never ended" in caplog.text
    await finish(pipeline)
    row = run_row(db_url, pipeline.archive.run_id)
    assert (row["status"], row["stats"]["newscrawl/run_lock"]) == ("finished", "host:/srv/data/kyivindependent.lock")
    assert row["exit_code"] == 0


@in_event_loop
async def test_a_run_records_the_exit_status_its_crawl_ends_with(db_url, tmp_path):
    pipeline = make_pipeline(db_url, tmp_path)
    await pipeline.open_spider()
    await pipeline.process_item(make_item(1))
    pipeline.archive.stats.inc_value("newscrawl/write_failed/articles", 2)  # as a full disk counts a lost line
    await finish(pipeline)
    assert run_row(db_url, pipeline.archive.run_id)["exit_code"] == EXIT_FAILED
