"""Incremental crawls on a 2,000-article test site: full, then update runs that cost what is new."""

from collections import Counter

import pytest

from conftest import fetch_json, run_crawl
from testsite import process as testsite_process

ARTICLES = 2000



def requests_made(crawl):
    return crawl.stats.get("downloader/request_count", 0)


@pytest.fixture(scope="module")
def big_site():
    base_url, server = testsite_process.start(articles=ARTICLES)
    try:
        yield base_url
    finally:
        testsite_process.stop(server)


@pytest.fixture(scope="module")
def runs(big_site, tmp_path_factory):
    """Run 1 full; run 2 update with nothing changed; publish 20, edit 5; run 3 update."""
    workdir = tmp_path_factory.mktemp("incremental")
    first = run_crawl(big_site, workdir, "mode=full")
    first.row_count = len(first.rows())
    second = run_crawl(big_site, workdir, "mode=update")
    published = testsite_process.control(big_site + "/__testsite__/publish?count=20")
    edited = testsite_process.control(big_site + "/__testsite__/edit?count=5")
    third = run_crawl(big_site, workdir, "mode=update")
    return first, second, third, published, edited


def test_run_1_full_stores_every_article(big_site, runs):
    first = runs[0]
    assert first.returncode == 0
    urls = Counter(item["url"] for item in first.new_items)
    assert len(urls) == ARTICLES + 1 and max(urls.values()) == 1
    assert first.row_count == ARTICLES + 1


def test_run_2_with_nothing_changed_costs_almost_nothing(runs):
    first, second = runs[0], runs[1]
    assert second.returncode == 0
    assert second.new_items == []
    assert requests_made(second) <= 0.03 * requests_made(first)


def test_run_3_writes_exactly_the_new_and_the_edited(big_site, runs):
    first, _, third, published, edited = runs
    assert third.returncode == 0
    assert len(published) == 20 and len(edited) == 5
    written = {item["url"]: item for item in third.new_items}
    assert len(third.new_items) == 25
    assert set(written) == set(published) | set(edited)
    assert all(written[url]["revision"] == 1 for url in published)
    assert all(written[url]["revision"] == 2 for url in edited)
    assert requests_made(third) <= 0.05 * requests_made(first)
    assert third.stats["newscrawl/db/stored_new"] == 20
    assert third.stats["newscrawl/db/stored_revised"] == 5


def test_the_database_equals_the_manifest_after_the_changes(big_site, runs):
    third = runs[2]
    manifest = fetch_json(big_site + "/__testsite__/manifest.json")
    rows = {row["url"]: row for row in third.rows()}
    assert set(rows) == {article["url"] for article in manifest["articles"]}
    for article in manifest["articles"]:
        row = rows[article["url"]]
        for field in ("article_body", "date_modified", "headline"):
            assert row[field] == article["expected"][field], (article["url"], field)
    revisions = third.rows("article_revisions")
    assert len(revisions) == 5
