"""End-to-end: a real `scrapy crawl` of the local test site, checked against its manifest."""

import json
from collections import Counter

import pytest

from conftest import SEED

SEED_PATH = "/russia-expects-talks-with-musk/"
JSON_COLUMNS = ("authors", "tags", "main_image")


def by_url(items):
    return {item["url"]: item for item in items}


def test_every_article_exactly_once(testsite, default_crawl):
    _, manifest = testsite
    expected_urls = {article["url"] for article in manifest["articles"]}
    counts = Counter(item["url"] for item in default_crawl.items)
    assert [url for url, n in counts.items() if n > 1] == []
    assert set(counts) == expected_urls
    rows = default_crawl.rows()
    assert len(rows) == len(default_crawl.items) == len(expected_urls)
    assert {row["url"] for row in rows} == expected_urls


def test_every_field_equals_the_manifest(testsite, default_crawl):
    _, manifest = testsite
    items = by_url(default_crawl.items)
    mismatches = []
    for article in manifest["articles"]:
        item = items.get(article["url"], {})
        for field, value in article["expected"].items():
            if item.get(field) != value:
                mismatches.append((article["url"], field, value, item.get(field)))
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[:5]}"


def test_database_rows_equal_the_items(default_crawl):
    items = by_url(default_crawl.items)
    for row in default_crawl.rows():
        item = items[row["url"]]
        for field in ("headline", "article_body", "date_published", "section", "reading_time"):
            assert row[field] == item.get(field), (row["url"], field)
        for field in JSON_COLUMNS:
            assert (json.loads(row[field]) if row[field] else None) == item.get(field), (row["url"], field)


def test_seed_article_equals_the_shared_record(testsite, default_crawl):
    base_url, _ = testsite
    expected = json.loads((SEED / "expected-item.json").read_text())
    expected["url"] = base_url + SEED_PATH
    item = by_url(default_crawl.items)[expected["url"]]
    assert {field: item.get(field) for field in expected} == expected


@pytest.mark.parametrize("reason", ["no headline", "bad date", "empty body"])
def test_broken_pages_are_logged_counted_and_skipped(testsite, default_crawl, reason):
    _, manifest = testsite
    (broken,) = [b for b in manifest["broken"] if b["reason"] == reason]
    assert broken["url"] not in by_url(default_crawl.items)
    field = {"no headline": "headline", "bad date": "date_published", "empty body": "article_body"}[reason]
    assert f"{broken['url']}: no {field}" in default_crawl.log
    reason_class = {"headline": "MissingHeadline", "date_published": "MissingDate", "article_body": "MissingBody"}
    assert default_crawl.stats[f"item_dropped_reasons_count/{reason_class[field]}"] >= 1


def test_non_article_pages_never_become_items(testsite, default_crawl):
    _, manifest = testsite
    items = by_url(default_crawl.items)
    assert [url for url in manifest["non_articles"] if url in items] == []


def test_crawl_is_polite_and_clean(default_crawl):
    stats = default_crawl.stats
    assert default_crawl.returncode == 0
    assert stats.get("robotstxt/request_count", 0) >= 1
    assert stats.get("log_count/ERROR", 0) == 0
    assert stats.get("downloader/response_status_count/404", 0) == 0
