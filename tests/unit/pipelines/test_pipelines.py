"""Validation and deduplication pipelines on hand-built items."""

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler

from newscrawl.items import Article
from newscrawl.pipelines.dedup import DedupPipeline, DuplicateArticle
from newscrawl.pipelines.validate import (
    MissingBody, MissingDate, MissingField, MissingHeadline, MissingUrl, ValidatePipeline,
)

COMPLETE = {
    "url": "https://kyivindependent.com/a/",
    "headline": "A headline",
    "article_body": "Body.",
    "date_published": "2025-03-18T13:10:00Z",
}


def validate():
    """The validation pipeline of a crawler with the project's settings."""
    crawler = get_crawler(Spider, {"NEWSCRAWL_EARLIEST_DATE": "2021-11-01"})
    return ValidatePipeline.from_crawler(crawler), crawler.stats


@pytest.mark.parametrize(
    "missing, error",
    [("url", MissingUrl), ("headline", MissingHeadline), ("article_body", MissingBody), ("date_published", MissingDate)],
)
def test_validate_drops_with_the_reason(missing, error):
    item = Article({k: v for k, v in COMPLETE.items() if k != missing}, discovered_via="https://kyivindependent.com/news-archive/")
    with pytest.raises(error, match=f"no {missing}"):
        validate()[0].process_item(item)


def test_validate_names_the_url():
    with pytest.raises(MissingHeadline, match="https://kyivindependent.com/a/: no headline"):
        validate()[0].process_item(Article({**COMPLETE, "headline": None}))


def test_validate_passes_a_complete_item():
    item = Article(COMPLETE)
    assert validate()[0].process_item(item) is item


@pytest.mark.parametrize("field, value, reason", [
    ("date_published", "9999-12-31T00:00:00Z", "too_late"),
    ("date_published", "0001-01-01T00:00:00Z", "too_early"),
    ("date_published", "2021-10-31T23:59:59Z", "too_early"),  # before the earliest date the settings allow
    ("headline", "x" * 1_000_000, "too_long"),
    ("url", "https://kyivindependent.com/" + "a" * 5000, "too_long"),
])
def test_validate_drops_an_item_whose_required_field_is_impossible(field, value, reason, caplog):
    pipeline, stats = validate()
    with pytest.raises(MissingField, match=f"no {field} \\({field} was {reason.replace('_', ' ')}\\)"):
        pipeline.process_item(Article({**COMPLETE, field: value}))
    assert stats.get_value(f"newscrawl/validate/{field}/{reason}") == 1
    assert f"{field} cleared ({reason.replace('_', ' ')})" in caplog.text


@pytest.mark.parametrize("field, value, reason", [
    ("tags", [f"tag {n}" for n in range(20_000)], "too_many"),
    ("authors", [f"Author {n}" for n in range(20_000)], "too_many"),
    ("authors", ["A" * 300], "too_long"),
    ("date_modified", "9999-12-31T00:00:00Z", "too_late"),
    ("main_image", {"caption": "x" * 20_000, "credit": None}, "too_long"),
    ("canonical_url", "https://another.example/a/", "off_site"),
    ("canonical_url", "https://kyivindependent.com:8443/a/", "off_site"),
    ("canonical_url", "http://kyivindependent.com/a/", "off_site"),
])
def test_validate_clears_an_impossible_field_and_keeps_the_item(field, value, reason, caplog):
    pipeline, stats = validate()
    item = pipeline.process_item(Article({**COMPLETE, field: value}))
    assert field not in item and item["headline"] == COMPLETE["headline"]
    assert stats.get_value(f"newscrawl/validate/{field}/{reason}") == 1
    assert f"https://kyivindependent.com/a/: {field} cleared" in caplog.text


def test_validate_keeps_plausible_values():
    pipeline, stats = validate()
    plausible = {**COMPLETE, "canonical_url": "https://www.kyivindependent.com/a/", "tags": ["War"] * 100,
                 "date_modified": "2025-03-18T14:00:00Z", "headline": "x" * 1000}
    assert dict(pipeline.process_item(Article(plausible))) == plausible
    assert not [key for key in stats.get_stats() if key.startswith("newscrawl/validate/")]


def test_dedup_lets_each_url_through_once_unless_newer():
    pipeline = DedupPipeline()
    first = Article(COMPLETE, date_modified="2025-03-18T13:10:00Z")
    assert pipeline.process_item(first) is first
    with pytest.raises(DuplicateArticle):
        pipeline.process_item(Article(COMPLETE, date_modified="2025-03-18T13:10:00Z"))
    with pytest.raises(DuplicateArticle):
        pipeline.process_item(Article(COMPLETE, date_modified="2025-03-17T00:00:00Z"))
    newer = Article(COMPLETE, date_modified="2025-03-19T08:00:00Z")
    assert pipeline.process_item(newer) is newer
    other = Article({**COMPLETE, "url": "https://kyivindependent.com/b/"})
    assert pipeline.process_item(other) is other
