"""Article pages from 300 KB to 4 MB, fetched together: a real crawl through the extraction worker."""

import sqlite3
import subprocess

import pytest

from conftest import fetch_json, run_crawl
from testsite import process as testsite_process

# KB of text in article bodies (the pages are 3% larger), up to just under article_body's bound (items.py).
LONG_BODIES = (300, 300, 1000, 1000, 3900, 3900)


@pytest.fixture(scope="module")
def long_site():
    """A small test site whose first plain posts have LONG_BODIES, and its manifest."""
    sizes = ",".join(map(str, LONG_BODIES))
    base_url, server = testsite_process.start(articles=40, extra_args=["--long-bodies", sizes])
    try:
        yield base_url, fetch_json(base_url + "/__testsite__/manifest.json")
    finally:
        testsite_process.stop(server)


def crawl_or_fail(base_url, workdir, settings, timeout=120):
    """run_crawl, failing the test (not hanging the suite) when the crawl does not end in time."""
    try:
        return run_crawl(base_url, workdir, settings=settings, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the crawl did not end within {timeout} s (killed)")


def test_article_pages_up_to_4_mb_at_16_concurrent_requests(long_site, tmp_path):
    base_url, manifest = long_site
    # run_crawl's settings for the local site: 16 concurrent requests, no delay.
    crawl = crawl_or_fail(base_url, tmp_path, {"NEWSCRAWL_EXTRACT_PROCESSES": "1"})
    assert crawl.returncode == 0, crawl.log[-2000:]
    items = {item["url"]: item for item in crawl.items}
    assert sorted(items) == sorted(article["url"] for article in manifest["articles"])
    long = [article for article in manifest["articles"] if len(article["expected"]["article_body"]) > 250_000]
    assert len(long) == len(LONG_BODIES)
    for article in long:
        assert items[article["url"]]["article_body"] == article["expected"]["article_body"], article["url"]
    assert crawl.stats["newscrawl/workers/processes"] == 1
    assert [key for key in crawl.stats if key.startswith("newscrawl/workers/failed")] == []


def test_a_page_that_outlasts_the_extraction_timeout_fails_for_good_and_the_next_run_takes_it(tmp_path):
    """A worker that times out on a page is killed; the page is tried once more in a fresh worker, then
    recorded as failed (not worked on in the crawl's process, where nothing would stop it), and the
    crawl goes on. The two 3.9 MB pages take 0.17 s each in a worker on a quiet machine (which is why the
    timeout is 0.1 s: at 0.2 s they sometimes made it); every other page a few ms."""
    base_url, server = testsite_process.start(articles=20, extra_args=["--long-bodies", "3900,3900"])
    try:
        manifest = fetch_json(base_url + "/__testsite__/manifest.json")
        first = crawl_or_fail(base_url, tmp_path, {"NEWSCRAWL_EXTRACT_PROCESSES": "1",
                                                   "NEWSCRAWL_EXTRACT_TIMEOUT": "0.1"})
        second = crawl_or_fail(base_url, tmp_path, {"NEWSCRAWL_EXTRACT_PROCESSES": "1"})
    finally:
        testsite_process.stop(server)
    long = sorted(article["url"] for article in manifest["articles"]
                  if len(article["expected"]["article_body"]) > 250_000)
    everything = sorted(article["url"] for article in manifest["articles"])
    assert len(long) == 2
    assert sorted(item["url"] for item in first.new_items) == sorted(set(everything) - set(long))
    assert first.stats["newscrawl/failed/extraction_timeout"] == 2
    assert first.stats["newscrawl/workers/failed/WorkerTimeout"] >= 4  # a busy machine may stall a small page once
    for url in long:
        assert f"{url}: WorkerTimeout('no answer within 0.1 s') in the worker, twice: not worked on" in first.log
        assert f"Failed for good: {url} (extraction_timeout)" in first.log
    with sqlite3.connect(first.db_url.removeprefix("sqlite:///")) as connection:
        failures = dict(connection.execute(
            "SELECT url, resolved_at FROM failed_urls WHERE reason = 'extraction_timeout'"))
    assert sorted(failures) == long and all(failures.values())  # the second run resolved them
    assert sorted(item["url"] for item in second.new_items) == long
    assert [key for key in second.stats if key.startswith("newscrawl/workers/failed")] == []
