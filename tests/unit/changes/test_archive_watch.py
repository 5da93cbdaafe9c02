"""The Archive's Watch with the database pipeline: changes written with the batches, to the changes file as
found, and kept for the next run while the database is down."""

import json

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from newscrawl.archive.schema import articles
from newscrawl.archive.state import Archive
from newscrawl.changes.records import change_dict, changes_query
from newscrawl.changes.vanish import Observation
from newscrawl.pipelines.database import DatabasePipeline
from conftest import in_event_loop

pytest.register_assert_rewrite("dbfixtures")
from dbfixtures import database_outage, make_item, upgrade  # noqa: E402

pytest_plugins = ["dbfixtures"]
AT = "2026-03-20T12:00:00Z"


class NewsSpider(Spider):
    name = "kyivindependent"


async def make_pipeline(url, tmp_path):
    settings = {"EXTENSIONS": {Archive: 600}, "NEWSCRAWL_DATABASE_URL": url.render_as_string(hide_password=False),
                "NEWSCRAWL_SPOOL_PATH": str(tmp_path / "spool.jsonl"), "NEWSCRAWL_JSONL_PATH": "",
                "NEWSCRAWL_CHANGES_PATH": str(tmp_path / "changes.jsonl"), "NEWSCRAWL_GONE_CONFIRM_HOURS": 0,
                "NEWSCRAWL_DB_FLUSH_SECONDS": 3600}
    crawler = get_crawler(NewsSpider, settings)
    crawler.spider = crawler._create_spider()
    pipeline = DatabasePipeline.from_crawler(crawler)
    await pipeline.open_spider()
    return pipeline


async def finish(pipeline):
    await pipeline.close_spider()
    await pipeline.archive.spider_closed(pipeline.archive.crawler.spider, "finished")


def changes_file(tmp_path):
    return [(c["url"], c["kind"]) for c in map(json.loads, (tmp_path / "changes.jsonl").open())]


def stored(pipeline, url):
    with pipeline.archive.store.engine.connect() as connection:
        row = connection.execute(select(articles).where(articles.c.url == url)).mappings().one()
        found = [change_dict(change) for change in connection.execute(changes_query(url=url))]
    return row, found


@in_event_loop
async def test_a_revision_and_a_removal_reach_the_database_and_the_changes_file(db_url, tmp_path):
    pipeline = await make_pipeline(db_url, tmp_path)
    gone, edited = make_item(1), make_item(2)
    await pipeline.process_item(gone)
    await pipeline.process_item(edited)
    pipeline.archive.flush()
    await pipeline.process_item(make_item(2, headline="Edited", date_modified="2025-03-30T00:00:00Z"))
    for _ in range(2):  # two checks, no hours apart
        pipeline.archive.watch.observe(gone["url"], Observation("unpublished", AT, 410), {"etag": '"v"'})
    assert changes_file(tmp_path) == [(gone["url"], "unpublished")]  # at once, before the database
    await finish(pipeline)
    assert changes_file(tmp_path) == [(gone["url"], "unpublished"), (edited["url"], "headline")]
    row, found = stored(await make_pipeline(db_url, tmp_path), gone["url"])
    assert (row["unpublished_at"], row["gone_status"], row["etag"], row["last_checked"]) == (AT, 410, '"v"', AT)
    assert row["headline"] == gone["headline"] and [c["kind"] for c in found] == ["unpublished"]
    _, found = stored(await make_pipeline(db_url, tmp_path), edited["url"])
    assert [(c["kind"], c["revision"]) for c in found] == [("headline", 2)]


@in_event_loop
async def test_checks_wait_for_the_next_run_while_the_database_is_down(postgres_url, tmp_path):
    upgrade(postgres_url)
    pipeline = await make_pipeline(postgres_url, tmp_path)
    item = make_item(1)
    await pipeline.process_item(item)
    pipeline.archive.flush()
    await pipeline.archive.database.drain()
    with database_outage(postgres_url):
        for _ in range(2):
            pipeline.archive.watch.observe(item["url"], Observation("unpublished", AT, 404))
        await finish(pipeline)
    assert pipeline.archive.stats.get_value("newscrawl/db/pending") == 2  # the checks and the run's end
    assert changes_file(tmp_path) == [(item["url"], "unpublished")]
    rerun = await make_pipeline(postgres_url, tmp_path)
    row, found = stored(rerun, item["url"])
    assert (row["unpublished_at"], row["gone_status"]) == (AT, 404) and [c["kind"] for c in found] == ["unpublished"]
    assert not rerun.archive.watch.vanished("https://kyivindependent.com/other/")
    assert rerun.archive.watch.vanished(item["url"])  # loaded back at the start of the run
    await finish(rerun)
