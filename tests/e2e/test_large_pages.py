"""Article pages from 300 KB to 4 MB, fetched together: a real crawl through the extraction worker."""

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
